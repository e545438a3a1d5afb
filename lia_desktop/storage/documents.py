"""The documents of an open workspace: its file as entries (layout.py), the summary rows of its
assessments (index.py), an index from assessment id to document, and writes through the
crash-safe storage.

Opening checks the file in full (its shape, the workspace record, every assessment migrates and
loads) unless the summary index was made from exactly this file, which this program checked
and wrote; then nothing is parsed but the index, and a document is parsed when it is read.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, Protocol

from lia_desktop.domain.content import Questionnaire
from lia_desktop.storage import index
from lia_desktop.storage.errors import DamagedWorkspace
from lia_desktop.storage.layout import Layout
from lia_desktop.storage.safe_storage import paused_gc

ASSESSMENTS = "assessments"


class ByteStorage(Protocol):
    path: Path

    def read_bytes(self) -> bytes | None:
        """The workspace's JSON (decrypted), None when there is no file yet."""

    def write_bytes(self, payload: bytes) -> None:
        """Replace the workspace by `payload`, crash-safe; raises and changes nothing on failure."""


def _checked(source: bytes, path: Path) -> dict[str, Any]:
    """The parsed file, when it is a workspace this program can use throughout."""
    from lia_desktop.storage.safe_storage import parse_validated
    from lia_desktop.storage.validation import workspace_problem

    with paused_gc(freeze=True):
        data = parse_validated(source, path)
        problem = workspace_problem(data)
    if problem:
        raise DamagedWorkspace(path, problem)
    return data


class Documents:
    def __init__(
        self,
        storage: ByteStorage,
        questionnaire: Questionnaire,
        index_file: Path | None,
        reading: index.Reading | None = None,
    ) -> None:
        """Open the documents of `storage`; DamagedWorkspace when the file is not usable.

        `index_file` is where the summary index is kept (None: in memory only), and `reading`
        its reading when it was begun before the storage read the file; an index made while
        opening is written there too, also by a read-only open (it is a cache).
        """
        self.storage = storage
        self.questionnaire = questionnaire
        self.index_file = index_file
        source = storage.read_bytes()
        if reading is None and index_file is not None and source is not None:
            reading = index.Reading(index_file)
        cached = reading.index_of(source, questionnaire) if reading is not None and source is not None else None
        if source is None:
            self.layout, self.rows = Layout.build({}), {}
        elif cached is not None:
            with paused_gc(freeze=True):
                self.layout, self.rows = Layout.at(source, cached.spans), cached.rows
        else:
            data = _checked(source, storage.path)
            self.rows = {
                doc_id: index.summary_row(doc, questionnaire) for doc_id, doc in data.get(ASSESSMENTS, {}).items()
            }
            layout = Layout.of(data)
            del data
            if layout.to_bytes() == source:  # written by this program: the index can point into it
                spans = layout.spans()
                self.layout = Layout.at(source, spans)
                if index_file is not None:
                    index.save(index_file, source, index.Index(spans, self.rows), questionnaire)
            else:  # written by another program: kept as it will be written, checked again next time
                self.layout = layout
        self.by_id = {row[index.ID]: doc_id for doc_id, row in self.rows.items()}
        self.generation = 0  # goes up with every write

    # ---------------------------------------------------------------- reading

    def __len__(self) -> int:
        return len(self.rows)

    def is_empty(self) -> bool:
        return not self.layout.spans()

    def find(self, assessment_id: str) -> str | None:
        """The document id of an assessment, None when there is none."""
        return self.by_id.get(assessment_id)

    def document(self, doc_id: str, table: str = ASSESSMENTS) -> dict[str, Any]:
        return self.layout.document(table, doc_id)

    # ---------------------------------------------------------------- writing

    def _next_ids(self, table: str, count: int) -> list[str]:
        first = max((int(doc_id) for doc_id in self.layout.ids(table)), default=0) + 1
        return [str(n) for n in range(first, first + count)]

    def put(self, documents: dict[str, dict[str, Any]]) -> None:
        """Store assessments under their document ids (replaced in place, or added)."""
        rows = dict(self.rows)
        for doc_id, doc in documents.items():
            rows[doc_id] = index.summary_row(doc, self.questionnaire)
        self._commit(self.layout.with_documents(ASSESSMENTS, documents), rows)

    def add(self, documents: list[dict[str, Any]], table: str = ASSESSMENTS) -> list[str]:
        """Store new documents in one write; returns their document ids."""
        ids = self._next_ids(table, len(documents))
        numbered = dict(zip(ids, documents, strict=True))
        if table != ASSESSMENTS:
            self._commit(self.layout.with_documents(table, numbered), self.rows)
        else:
            self.put(numbered)
        return ids

    def remove(self, doc_ids: Iterable[str]) -> None:
        doc_ids = set(doc_ids)
        rows = {doc_id: row for doc_id, row in self.rows.items() if doc_id not in doc_ids}
        self._commit(self.layout.without(ASSESSMENTS, doc_ids), rows)

    def _commit(self, layout: Layout, rows: dict[str, tuple[Any, ...]]) -> None:
        """Write the new state; only once it is on disk does it become the state held here."""
        payload = layout.to_bytes()
        self.storage.write_bytes(payload)
        self.layout, self.rows = layout, rows
        self.generation += 1
        self.by_id = {row[index.ID]: doc_id for doc_id, row in rows.items()}
        if self.index_file is not None:
            index.save(self.index_file, payload, index.Index(layout.spans(), rows), self.questionnaire)
