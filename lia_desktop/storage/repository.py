"""The repository: assessments in a TinyDB database, spoken of in domain objects.

Each assessment is one document of the table "assessments": the model's dict plus the
advice computed when it was saved ("_verdict" and "_channels", with the content version
"_rules"), so that listing a large workspace does not re-run the engine for every row; the
version last completed ("_completed"), from which a revision is measured; and, per revision,
the old and new value of each item it changed ("_changes", see storage/history.py).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable
from copy import deepcopy
from dataclasses import dataclass, field
from typing import Any

from tinydb import TinyDB, where

from lia_desktop.domain.content import Questionnaire
from lia_desktop.domain.evaluation import Evaluation, evaluate
from lia_desktop.domain.law_changes import advice_basis, law_changed
from lia_desktop.domain.model import SCHEMA_VERSION, Assessment, Event, Revision, Status, now_utc
from lia_desktop.storage.errors import DuplicateId, NotFound
from lia_desktop.storage.history import Change, changes_between
from lia_desktop.storage.migrations import migrate

TABLE = "assessments"
DRAFT = Status.DRAFT.value  # plain strings for loops over every document: enum .value is slow
ARCHIVED = Status.ARCHIVED.value
MIN_PREFIX = 4


@dataclass(frozen=True)
class Summary:
    """One row of the list of assessments."""

    id: str
    title: str
    organisation: str
    assessor: str
    language: str
    status: str
    verdict: str
    updated_at: str
    review_date: str
    channels: dict[str, str] = field(default_factory=dict)
    law_changed: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "organisation": self.organisation,
            "assessor": self.assessor,
            "language": self.language,
            "status": self.status,
            "verdict": self.verdict,
            "updated_at": self.updated_at,
            "review_date": self.review_date,
            "channels": dict(self.channels),
            "law_changed": self.law_changed,
        }

    def review_due(self, today: str) -> bool:
        return bool(self.review_date) and self.review_date <= today and self.status != ARCHIVED


def _today() -> str:
    return _dt.date.today().isoformat()


def _channels(result: Evaluation) -> dict[str, str]:
    return {c.channel: c.verdict.value for c in result.channels}


def filter_summaries(
    rows: list[Summary],
    search: str = "",
    organisation: str | None = None,
    status: str | Iterable[str] | None = None,
    verdict: str | Iterable[str] | None = None,
    review_due: bool = False,
    today: str | None = None,
) -> list[Summary]:
    """The rows that pass every filter given (search looks in title, organisation, assessor)."""
    statuses = {status} if isinstance(status, str) else set(status or ())
    verdicts = {verdict} if isinstance(verdict, str) else set(verdict or ())
    needle = search.casefold().strip()
    today = today or _today()
    return [
        row
        for row in rows
        if (not needle or any(needle in text.casefold() for text in (row.title, row.organisation, row.assessor)))
        and (organisation is None or row.organisation.casefold() == organisation.casefold())
        and (not statuses or row.status in statuses)
        and (not verdicts or row.verdict in verdicts)
        and (not review_due or row.review_due(today))
    ]


class Repository:
    def __init__(self, db: TinyDB, questionnaire: Questionnaire, clock: Callable[[], str] = now_utc) -> None:
        self._table = db.table(TABLE)
        self._questionnaire = questionnaire
        self._clock = clock

    # ---------------------------------------------------------------- reading

    def _doc(self, assessment_id: str) -> Any:
        return self._table.get(where("id") == assessment_id)

    def __contains__(self, assessment_id: str) -> bool:
        return self._doc(assessment_id) is not None

    def __len__(self) -> int:
        return len(self._table)

    @staticmethod
    def _to_assessment(doc: dict[str, Any]) -> Assessment:
        data = {k: v for k, v in doc.items() if not k.startswith("_")}
        return Assessment.from_dict(migrate(data))

    def resolve(self, key: str) -> str:
        """The full id for an id or a unique prefix of at least four characters."""
        if self._doc(key) is not None:
            return key
        if len(key) >= MIN_PREFIX:
            matches = [doc["id"] for doc in self._table if str(doc.get("id", "")).startswith(key)]
            if len(matches) == 1:
                return matches[0]
            if len(matches) > 1:
                raise NotFound(key, f" (the prefix fits {len(matches)} assessments; give more of the id)")
        raise NotFound(key)

    def get(self, key: str) -> Assessment:
        doc = self._doc(self.resolve(key))
        return self._to_assessment(doc)

    def revision_changes(self, key: str) -> dict[int, list[Change]]:
        """Per revision (by its position in the history), the old and new value of each item it
        changed; revisions made before these were kept, or brought in by an import, have none."""
        details = self._doc(self.resolve(key)).get("_changes") or {}
        return {int(index): [Change.from_json(c) for c in changes] for index, changes in details.items()}

    def all(self) -> list[Assessment]:
        return [self._to_assessment(doc) for doc in self._table]

    def _advice_of(self, doc: dict[str, Any]) -> tuple[str, dict[str, str]]:
        if doc.get("_rules") == self._questionnaire.version and doc.get("_verdict") and "_channels" in doc:
            return doc["_verdict"], doc["_channels"]
        result = evaluate(self._to_assessment(doc), self._questionnaire)
        return result.verdict.value, _channels(result)

    @staticmethod
    def _basis_of(doc: dict[str, Any]) -> Any:
        """The advice basis of a stored document, as its current schema version has it."""
        if doc.get("schema_version") == SCHEMA_VERSION:
            return doc.get("advice_basis")
        try:
            return migrate({k: v for k, v in doc.items() if not k.startswith("_")}).get("advice_basis")
        except ValueError:
            return None

    def _raw_docs(self) -> Iterable[dict[str, Any]]:
        """The stored documents as the storage holds them, for reading only.

        Iterating the TinyDB table wraps every document in a Document copy; for listing a
        large workspace that copying was most of the time.
        """
        tables = self._table.storage.read() or {}
        return tables.get(TABLE, {}).values()

    def summaries(self) -> list[Summary]:
        """One summary per assessment, newest change first."""
        today = _today()
        rows = []
        for doc in self._raw_docs():
            verdict, channels = self._advice_of(doc)
            rows.append(
                Summary(
                    id=doc["id"],
                    title=doc.get("title", ""),
                    organisation=doc.get("organisation", ""),
                    assessor=doc.get("assessor", ""),
                    language=doc.get("language", "nl"),
                    status=doc.get("status", DRAFT),
                    verdict=verdict,
                    updated_at=doc.get("updated_at", ""),
                    review_date=doc.get("review_date", ""),
                    channels=channels,
                    law_changed=law_changed(self._basis_of(doc), self._questionnaire, today),
                )
            )
        rows.sort(key=lambda r: (r.updated_at, r.id), reverse=True)
        return rows

    def list(self, **filters: Any) -> list[Summary]:
        """Summaries, newest change first, that pass every filter given (see filter_summaries)."""
        return filter_summaries(self.summaries(), **filters)

    def organisations(self) -> list[str]:
        """The organisations named, each once however it is capitalised (newest spelling wins)."""
        names: dict[str, str] = {}
        for doc in sorted(self._table, key=lambda d: d.get("updated_at", ""), reverse=True):
            name = doc.get("organisation", "").strip()
            if name:
                names.setdefault(name.casefold(), name)
        return sorted(names.values(), key=str.casefold)

    # ---------------------------------------------------------------- writing

    def _document(self, assessment: Assessment, completed: dict[str, Any] | None = None) -> dict[str, Any]:
        doc = assessment.to_dict()
        result = evaluate(assessment, self._questionnaire)
        doc["_verdict"] = result.verdict.value
        doc["_channels"] = _channels(result)
        doc["_rules"] = self._questionnaire.version
        if completed is not None:
            doc["_completed"] = completed  # the version last completed: what a revision is measured from
        return doc

    def _put(
        self, assessment: Assessment, completed: dict[str, Any] | None = None, changes: list[Change] | None = None
    ) -> None:
        """Store an assessment; `changes` are those of its newest revision."""
        existing = self._doc(assessment.id)
        if completed is None and existing is not None:
            completed = existing.get("_completed")
        doc = self._document(assessment, completed)
        details = dict(existing.get("_changes", {})) if existing is not None else {}
        if changes:
            details[str(len(assessment.revisions) - 1)] = [c.to_json() for c in changes]
        if details:
            doc["_changes"] = details
        if existing is None:
            self._table.insert(doc)
        else:

            def replace(stored: dict[str, Any]) -> None:
                stored.clear()
                stored.update(doc)

            self._table.update(replace, doc_ids=[existing.doc_id])

    def add(self, assessment: Assessment, source: str = "") -> Assessment:
        """Store a new assessment; an id that exists already is refused, never overwritten."""
        if assessment.id in self:
            raise DuplicateId(assessment.id, source or "add")
        self._put(assessment)
        return assessment

    def add_many(self, assessments: list[Assessment], sources: list[str] | None = None) -> None:
        """Import several assessments in one write: all of them or, on any clash, none.

        They are stored exactly as given (no revision is added), so that exporting them again
        gives the same document.
        """
        sources = sources or [""] * len(assessments)
        seen: set[str] = set()
        for assessment, source in zip(assessments, sources, strict=True):
            if assessment.id in self or assessment.id in seen:
                raise DuplicateId(assessment.id, source or "import")
            seen.add(assessment.id)
        self._table.insert_multiple([self._document(a) for a in assessments])

    def save(self, assessment: Assessment, by: str = "") -> Assessment:
        """Save a draft. A completed assessment that is changed becomes a draft again (revision
        "changed"): a completed record changes only by being completed again."""
        existing = self._doc(assessment.id)
        completed = None
        details: list[Change] = []
        if existing is not None and existing.get("status") == Status.COMPLETED.value:
            before = self._to_assessment(existing)
            changes = assessment.changed_items(before)
            if changes:
                completed = existing.get("_completed") or before.to_dict()
                assessment.status = Status.DRAFT
                assessment.revisions.append(Revision(at=self._clock(), by=by, event=Event.CHANGED, changes=changes))
                details = changes_between(before, assessment, changes)
        assessment.updated_at = self._clock()
        self._put(assessment, completed, details)
        return assessment

    def complete(self, assessment: Assessment, by: str = "") -> Assessment:
        """Mark completed, recording who completed it and what changed since the last completion."""
        existing = self._doc(assessment.id)
        changes: list[str] = []
        details: list[Change] = []
        if existing is not None:
            base = existing.get("_completed") or {k: v for k, v in existing.items() if not k.startswith("_")}
            before = Assessment.from_dict(migrate(base))
            changes = assessment.changed_items(before)
            details = changes_between(before, assessment, changes)
        assessment.status = Status.COMPLETED
        assessment.advice_basis = advice_basis(evaluate(assessment, self._questionnaire), self._questionnaire)
        assessment.revisions.append(Revision(at=self._clock(), by=by, event=Event.COMPLETED, changes=changes))
        assessment.updated_at = self._clock()
        self._put(assessment, completed=assessment.to_dict(), changes=details)
        return assessment

    def _set_status(self, key: str, status: Status, event: Event, by: str) -> Assessment:
        assessment = self.get(key)
        assessment.status = status
        assessment.revisions.append(Revision(at=self._clock(), by=by, event=event))
        assessment.updated_at = self._clock()
        self._put(assessment)
        return assessment

    def archive(self, key: str, by: str = "") -> Assessment:
        return self._set_status(key, Status.ARCHIVED, Event.ARCHIVED, by)

    def unarchive(self, key: str, by: str = "") -> Assessment:
        assessment = self.get(key)
        # back to what it was before: completed only if its last content event is a completion
        content = [r.event for r in assessment.revisions if r.event in (Event.COMPLETED, Event.CHANGED)]
        back = Status.COMPLETED if content and content[-1] is Event.COMPLETED else Status.DRAFT
        return self._set_status(key, back, Event.UNARCHIVED, by)

    def duplicate(self, key: str) -> Assessment:
        """A new draft with the same answers (a re-assessment), stored at once."""
        copy = self.get(key).duplicate()
        copy.created_at = copy.updated_at = self._clock()
        self._put(copy)
        return copy

    def delete(self, key: str) -> None:
        assessment_id = self.resolve(key)
        self._table.remove(where("id") == assessment_id)

    # ---------------------------------------------------------------- undo

    def stored(self, key: str) -> dict[str, Any]:
        """A copy of an assessment's stored document, with what the store keeps beside the
        record: what `put_back` needs to undo a change or a deletion exactly."""
        return deepcopy(dict(self._doc(self.resolve(key))))

    def put_back(self, documents: list[dict[str, Any]]) -> None:
        """Store documents exactly as `stored` gave them, in one write each for those replaced and
        those restored after a deletion."""
        by_id = {doc["id"]: deepcopy(doc) for doc in documents}
        present = {doc.doc_id: doc["id"] for doc in self._table.search(where("id").one_of(list(by_id)))}

        def restore(stored: dict[str, Any]) -> None:
            document = by_id[stored["id"]]
            stored.clear()
            stored.update(document)

        if present:
            self._table.update(restore, doc_ids=list(present))
        missing = [doc for assessment_id, doc in by_id.items() if assessment_id not in present.values()]
        if missing:
            self._table.insert_multiple(missing)
