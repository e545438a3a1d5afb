"""The repository: assessments in a workspace, spoken of in domain objects.

Each assessment is one document of the table "assessments": the model's dict plus the
advice computed when it was saved ("_verdict" and "_channels", with the content version
"_rules"), so that listing a large workspace does not re-run the engine for every row; the
version last completed ("_completed"), from which a revision is measured; and, per revision,
the old and new value of each item it changed ("_changes", see storage/history.py). The list,
the search and the overview read the summary rows the store keeps (storage/index.py); a
document is parsed only when its assessment is read.
"""

from __future__ import annotations

from collections.abc import Callable
from copy import deepcopy
from typing import TYPE_CHECKING, Any

from lia_desktop.domain.content import Questionnaire
from lia_desktop.domain.law_changes import advice_basis, law_changed
from lia_desktop.domain.model import Assessment, Event, Revision, Status, now_utc
from lia_desktop.storage import index
from lia_desktop.storage.documents import Documents
from lia_desktop.storage.errors import DuplicateId, NotFound
from lia_desktop.storage.history import Change, changes_between
from lia_desktop.storage.migrations import migrate
from lia_desktop.storage.safe_storage import paused_gc
from lia_desktop.storage.summaries import Summary, filter_summaries, today

if TYPE_CHECKING:
    from lia_desktop.domain.evaluation import Evaluation

MIN_PREFIX = 4

__all__ = ["Repository", "Summary", "filter_summaries"]


def load_document(doc: dict[str, Any]) -> Assessment:
    """A stored document as an assessment, checked (validation.py: loaded with the first document
    read, as the list is filled from the index without reading any)."""
    from lia_desktop.storage.validation import load_document as checked

    return checked(doc)


def _channels(result: Evaluation) -> dict[str, str]:
    return {c.channel: c.verdict.value for c in result.channels}


class Repository:
    def __init__(self, documents: Documents, questionnaire: Questionnaire, clock: Callable[[], str] = now_utc) -> None:
        self._documents = documents
        self._questionnaire = questionnaire
        self._clock = clock
        self._summaries: tuple[Any, list[Summary]] = (None, [])

    # ---------------------------------------------------------------- reading

    def _doc(self, assessment_id: str) -> dict[str, Any] | None:
        doc_id = self._documents.find(assessment_id)
        return None if doc_id is None else self._documents.document(doc_id)

    def __contains__(self, assessment_id: str) -> bool:
        return self._documents.find(assessment_id) is not None

    def __len__(self) -> int:
        return len(self._documents)

    def resolve(self, key: str) -> str:
        """The full id for an id or a unique prefix of at least four characters."""
        if key in self:
            return key
        if len(key) >= MIN_PREFIX:
            matches = [assessment_id for assessment_id in self._documents.by_id if assessment_id.startswith(key)]
            if len(matches) == 1:
                return matches[0]
            if len(matches) > 1:
                raise NotFound(key, f" (the prefix fits {len(matches)} assessments; give more of the id)")
        raise NotFound(key)

    def get(self, key: str) -> Assessment:
        doc = self._doc(self.resolve(key))
        assert doc is not None
        return load_document(doc)

    def revision_changes(self, key: str) -> dict[int, list[Change]]:
        """Per revision (by its position in the history), the old and new value of each item it
        changed; revisions made before these were kept, or brought in by an import, have none."""
        doc = self._doc(self.resolve(key))
        assert doc is not None
        details = doc.get("_changes") or {}
        return {int(index): [Change.from_json(c) for c in changes] for index, changes in details.items()}

    def all(self) -> list[Assessment]:
        return [load_document(self._documents.document(doc_id)) for doc_id in self._documents.rows]

    def summaries(self) -> list[Summary]:
        """One summary per assessment, newest change first (made once per write and day)."""
        on = today()
        key = (self._documents.generation, id(self._documents), on)
        if self._summaries[0] == key:
            return list(self._summaries[1])
        q = self._questionnaire
        changed: dict[int, bool] = {}  # bases are shared by many rows (drafts have none): each judged once
        for r in self._documents.rows.values():
            basis = r[index.BASIS]
            if id(basis) not in changed:
                changed[id(basis)] = law_changed(basis, q, on)
        make = Summary._make
        with paused_gc():
            rows = [make((*r[: index.BASIS], changed[id(r[index.BASIS])])) for r in self._documents.rows.values()]
            rows.sort(key=lambda r: (r.updated_at, r.id), reverse=True)
        self._summaries = (key, rows)
        return list(rows)

    def list(self, **filters: Any) -> list[Summary]:
        """Summaries, newest change first, that pass every filter given (see filter_summaries)."""
        return filter_summaries(self.summaries(), **filters)

    def organisations(self) -> list[str]:
        """The organisations named, each once however it is capitalised (newest spelling wins)."""
        names: dict[str, str] = {}
        rows = sorted(self._documents.rows.values(), key=lambda r: r[index.UPDATED_AT], reverse=True)
        for row in rows:
            name = row[index.ORGANISATION].strip()
            if name:
                names.setdefault(name.casefold(), name)
        return sorted(names.values(), key=str.casefold)

    # ---------------------------------------------------------------- writing

    def _document(self, assessment: Assessment, completed: dict[str, Any] | None = None) -> dict[str, Any]:
        from lia_desktop.domain.evaluation import evaluate  # with the first write: the list reads the stored advice

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
        doc_id = self._documents.find(assessment.id)
        existing = None if doc_id is None else self._documents.document(doc_id)
        if completed is None and existing is not None:
            completed = existing.get("_completed")
        doc = self._document(assessment, completed)
        details = dict(existing.get("_changes", {})) if existing is not None else {}
        if changes:
            details[str(len(assessment.revisions) - 1)] = [c.to_json() for c in changes]
        if details:
            doc["_changes"] = details
        if doc_id is None:
            self._documents.add([doc])
        else:
            self._documents.put({doc_id: doc})

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
        self._documents.add([self._document(a) for a in assessments])

    def save(self, assessment: Assessment, by: str = "") -> Assessment:
        """Save a draft. A completed assessment that is changed becomes a draft again (revision
        "changed"): a completed record changes only by being completed again."""
        existing = self._doc(assessment.id)
        completed = None
        details: list[Change] = []
        if existing is not None and existing.get("status") == Status.COMPLETED.value:
            before = load_document(existing)
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
        from lia_desktop.domain.evaluation import evaluate

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
        doc_id = self._documents.find(self.resolve(key))
        assert doc_id is not None
        self._documents.remove([doc_id])

    # ---------------------------------------------------------------- undo

    def stored(self, key: str) -> dict[str, Any]:
        """A copy of an assessment's stored document, with what the store keeps beside the
        record: what `put_back` needs to undo a change or a deletion exactly."""
        doc = self._doc(self.resolve(key))
        assert doc is not None
        return doc  # parsed anew from the file: a copy of its own

    def put_back(self, documents: list[dict[str, Any]]) -> None:
        """Store documents exactly as `stored` gave them, in one write each for those replaced and
        those restored after a deletion."""
        by_id = {doc["id"]: deepcopy(doc) for doc in documents}
        present = {self._documents.find(i): doc for i, doc in by_id.items() if i in self}
        if present:
            self._documents.put(present)
        missing = [doc for assessment_id, doc in by_id.items() if assessment_id not in self]
        if missing:
            self._documents.add(missing)
