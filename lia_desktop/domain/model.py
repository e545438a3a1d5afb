"""The assessment as plain data: dataclasses with conversion to and from JSON-ready dicts.

Nothing here knows about Qt, TinyDB or ReportLab. Answers are keyed by the item ids of the
questionnaire (resources/content/questionnaire.toml); the model itself does not need the
questionnaire, so a document can be loaded, stored and exported without it.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

SCHEMA_VERSION = 2
LANGUAGES = ("nl", "fr", "en")

# Items the questionnaire asks in the context section but the model keeps as named fields,
# because every list, search and PDF title block needs them.
META_FIELDS = ("title", "organisation", "contact", "assessor", "assessment_date")
# Items of the sign-off section kept as named fields as well.
SIGNOFF_FIELDS = ("decision", "decision_rationale", "signoff_name", "signoff_role", "signoff_date", "review_date")

Value = str | bool | list[str] | None
# Keys of the stored document that change without the assessment's content changing.
# The status is not content either: its changes are the revisions' events themselves.
# The advice basis is derived from the answers and the rules when the record is completed.
_VOLATILE = frozenset(
    {
        "updated_at",
        "current_page",
        "revisions",
        "created_at",
        "schema_version",
        "status",
        "advice_basis",
        "previous_basis",
    }
)


class Status(StrEnum):
    DRAFT = "draft"
    COMPLETED = "completed"
    ARCHIVED = "archived"


class Verdict(StrEnum):
    SUITABLE = "suitable"
    WITH_SAFEGUARDS = "suitable_with_safeguards"
    NOT_SUITABLE = "not_suitable"
    INCOMPLETE = "incomplete"


def now_utc() -> str:
    """The current time as an ISO 8601 string in UTC, to the second."""
    return _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def add_months(iso_date: str, months: int) -> str:
    """The same day `months` later, or the month's last day when it has no such day."""
    day = _dt.date.fromisoformat(iso_date)
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return _dt.date(year, month, candidate).isoformat()
        except ValueError:
            continue
    raise ValueError(iso_date)  # pragma: no cover - every month has a 28th


def add_one_year(iso_date: str) -> str:
    """The same calendar day one year later (29 February becomes 28 February)."""
    return add_months(iso_date, 12)


def _copy_basis(basis: dict[str, Any]) -> dict[str, Any]:
    """A copy of an advice basis with its rule table copied too (the model never shares one)."""
    copy = dict(basis)
    if isinstance(copy.get("rules"), dict):
        copy["rules"] = dict(copy["rules"])
    return copy


@dataclass
class Answer:
    """One answer: the chosen value and the free text that goes with it."""

    value: Value = None
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        value = list(self.value) if isinstance(self.value, list) else self.value
        return {"value": value, "note": self.note}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Answer:
        value = data.get("value")
        if isinstance(value, list):
            value = [str(v) for v in value]
        return cls(value=value, note=str(data.get("note") or ""))


class Event(StrEnum):
    """What a revision records; the user interface translates these."""

    COMPLETED = "completed"
    CHANGED = "changed"
    ARCHIVED = "archived"
    UNARCHIVED = "unarchived"
    IMPORTED = "imported"


@dataclass
class Revision:
    """One entry of the revision history: who, when, what happened, which items changed."""

    at: str
    by: str
    event: Event
    changes: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.event = Event(self.event)

    def to_dict(self) -> dict[str, Any]:
        return {"at": self.at, "by": self.by, "event": self.event.value, "changes": list(self.changes)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Revision:
        return cls(
            at=str(data["at"]),
            by=str(data.get("by") or ""),
            event=Event(data["event"]),
            changes=[str(c) for c in data.get("changes") or []],
        )


def new_id() -> str:
    """A new assessment id (a random UUID); uuid is loaded when the first one is made."""
    import uuid

    return str(uuid.uuid4())


@dataclass
class Assessment:
    """A legitimate interest assessment for one direct marketing activity."""

    id: str = field(default_factory=new_id)
    language: str = "nl"
    title: str = ""
    organisation: str = ""
    contact: str = ""
    assessor: str = ""
    assessment_date: str = ""
    answers: dict[str, Answer] = field(default_factory=dict)
    safeguards: list[str] = field(default_factory=list)
    decision: str = ""
    decision_rationale: str = ""
    signoff_name: str = ""
    signoff_role: str = ""
    signoff_date: str = ""
    review_date: str = ""
    status: Status = Status.DRAFT
    current_page: str = ""
    created_at: str = field(default_factory=now_utc)
    updated_at: str = ""
    revisions: list[Revision] = field(default_factory=list)
    # What the advice rested on when the record was last completed: the content version, the
    # date whose rules applied and the revision of every channel rule that applied. A later
    # content version that changes one of those rules marks the record "law changed".
    advice_basis: dict[str, Any] = field(default_factory=dict)
    # For a re-assessment: the basis of the assessment it was copied from.
    previous_basis: dict[str, Any] = field(default_factory=dict)
    schema_version: int = SCHEMA_VERSION

    def __post_init__(self) -> None:
        if self.language not in LANGUAGES:
            raise ValueError(f"unknown language {self.language!r}; expected one of {', '.join(LANGUAGES)}")
        self.status = Status(self.status)
        if not self.updated_at:
            self.updated_at = self.created_at

    # ---------------------------------------------------------------- item access

    def value(self, item_id: str) -> Value:
        """The answer to an item, whatever part of the model keeps it."""
        if item_id in META_FIELDS or item_id in SIGNOFF_FIELDS:
            return getattr(self, item_id) or None
        if item_id == "safeguards":
            return list(self.safeguards)
        answer = self.answers.get(item_id)
        return answer.value if answer else None

    def note(self, item_id: str) -> str:
        answer = self.answers.get(item_id)
        return answer.note if answer else ""

    def set_value(self, item_id: str, value: Value) -> None:
        if item_id in META_FIELDS or item_id in SIGNOFF_FIELDS:
            setattr(self, item_id, "" if value is None else str(value))
        elif item_id == "safeguards":
            self.safeguards = list(value or [])
        else:
            self.answers.setdefault(item_id, Answer()).value = value

    def set_note(self, item_id: str, note: str) -> None:
        self.answers.setdefault(item_id, Answer()).note = note

    def facts(self) -> dict[str, Value]:
        """Every answered item by id: what the rules look at."""
        facts: dict[str, Value] = {name: self.value(name) for name in META_FIELDS + SIGNOFF_FIELDS}
        facts.update({item: answer.value for item, answer in self.answers.items()})
        facts["safeguards"] = list(self.safeguards)
        return facts

    # ---------------------------------------------------------------- conversion

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": self.schema_version,
            "id": self.id,
            "language": self.language,
            "title": self.title,
            "organisation": self.organisation,
            "contact": self.contact,
            "assessor": self.assessor,
            "assessment_date": self.assessment_date,
            "answers": {key: self.answers[key].to_dict() for key in sorted(self.answers)},
            "safeguards": list(self.safeguards),
            "decision": self.decision,
            "decision_rationale": self.decision_rationale,
            "signoff_name": self.signoff_name,
            "signoff_role": self.signoff_role,
            "signoff_date": self.signoff_date,
            "review_date": self.review_date,
            "status": self.status.value,
            "current_page": self.current_page,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "revisions": [r.to_dict() for r in self.revisions],
            "advice_basis": _copy_basis(self.advice_basis),
            "previous_basis": _copy_basis(self.previous_basis),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Assessment:
        """Build an assessment from a dict of the current schema version.

        Older versions are upgraded by the storage layer's migrations before they get here.
        """
        version = data.get("schema_version", SCHEMA_VERSION)
        if version != SCHEMA_VERSION:
            raise ValueError(f"schema version {version} is not {SCHEMA_VERSION}; migrate the document first")
        text = {name: str(data.get(name) or "") for name in META_FIELDS + SIGNOFF_FIELDS}
        return cls(
            id=str(data["id"]),
            language=str(data.get("language") or "nl"),
            answers={str(k): Answer.from_dict(v) for k, v in (data.get("answers") or {}).items()},
            safeguards=[str(s) for s in data.get("safeguards") or []],
            status=Status(data.get("status") or Status.DRAFT),
            current_page=str(data.get("current_page") or ""),
            created_at=str(data.get("created_at") or now_utc()),
            updated_at=str(data.get("updated_at") or ""),
            revisions=[Revision.from_dict(r) for r in data.get("revisions") or []],
            advice_basis=_copy_basis(data.get("advice_basis") or {}),
            previous_basis=_copy_basis(data.get("previous_basis") or {}),
            **text,
        )

    def changed_items(self, other: Assessment) -> list[str]:
        """Item ids (and record fields) whose content differs between two versions."""
        mine, theirs = self.to_dict(), other.to_dict()
        changed = []
        for key in sorted(set(mine) - _VOLATILE):
            if key == "answers":
                for item in sorted(set(mine["answers"]) | set(theirs["answers"])):
                    if mine["answers"].get(item) != theirs["answers"].get(item):
                        changed.append(item)
            elif mine[key] != theirs.get(key):
                changed.append(key)
        return changed

    def with_new_id(self) -> Assessment:
        """An exact copy under a new id (an import that must not clash)."""
        copy = Assessment.from_dict(self.to_dict())
        copy.id = new_id()
        return copy

    def duplicate(self) -> Assessment:
        """A new draft with the same answers: the start of a re-assessment, dated when it is made
        (the wizard fills in today's date and a new review date; the law is that of the new date)."""
        copy = self.with_new_id()
        copy.status = Status.DRAFT
        copy.created_at = copy.updated_at = now_utc()
        copy.revisions = []
        copy.previous_basis = _copy_basis(self.advice_basis)
        copy.advice_basis = {}
        copy.current_page = ""
        copy.assessment_date = copy.review_date = copy.signoff_date = ""
        copy.decision = ""
        copy.decision_rationale = ""
        return copy
