"""The workspace file as bytes: one entry per document, joined as they are.

A workspace file is a TinyDB database ({table: {doc_id: document}}) written as orjson's compact
JSON. Its bytes are kept here as one entry per document ('"<doc_id>":<document>'), so that a save
serialises only the document it changes and joins the others unchanged (a few milliseconds for
10,000 assessments, where serialising them all again is most of a save), and a document is
parsed only when it is read. `spans()` says where each entry lies in the file, which the summary
index keeps (storage/index.py) so that the next open can find a document without parsing the
rest.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import orjson

Buffer = bytes | memoryview
Spans = dict[str, dict[str, tuple[int, int]]]  # table -> doc_id -> (start, end) of the entry


def entry(doc_id: str, document: dict[str, Any]) -> bytes:
    """One document as it stands in its table: '"<doc_id>":<document>'."""
    return orjson.dumps(doc_id) + b":" + orjson.dumps(document)


class Layout:
    """The tables of a workspace as serialised entries, in file order; never changed in place
    (every change returns a new Layout, so a write that fails leaves the old one as it was)."""

    def __init__(self, tables: dict[str, dict[str, Buffer]]) -> None:
        self.tables = tables

    @classmethod
    def of(cls, data: dict[str, dict[str, dict[str, Any]]]) -> Layout:
        """The layout of parsed data (each document serialised once)."""
        return cls(
            {table: {doc_id: entry(doc_id, doc) for doc_id, doc in docs.items()} for table, docs in data.items()}
        )

    @classmethod
    def at(cls, source: bytes, spans: Spans) -> Layout:
        """The layout of a file whose entries lie at `spans` (views into `source`, nothing copied)."""
        view = memoryview(source)
        return cls(
            {table: {doc_id: view[start:end] for doc_id, (start, end) in docs.items()} for table, docs in spans.items()}
        )

    def to_bytes(self) -> bytes:
        """The file: byte for byte what orjson.dumps writes for the same data."""
        return (
            b"{"
            + b",".join(orjson.dumps(t) + b":{" + b",".join(e.values()) + b"}" for t, e in self.tables.items())
            + b"}"
        )

    def spans(self) -> Spans:
        """Where each entry lies in `to_bytes()`."""
        spans: Spans = {}
        offset = 0
        for table, entries in self.tables.items():
            offset += 1 + len(orjson.dumps(table)) + 2  # '{' (or ',' between tables), then '"table":{'
            placed = spans[table] = {}
            for doc_id, data in entries.items():
                end = offset + len(data)
                placed[doc_id] = (offset, end)
                offset = end + 1  # the comma, or the table's closing brace
            offset += 0 if entries else 1  # '}' of an empty table ('{}'), else counted as the last comma
        return spans

    def ids(self, table: str) -> Iterable[str]:
        return self.tables.get(table, {}).keys()

    def document(self, table: str, doc_id: str) -> dict[str, Any]:
        """A document, parsed from its entry."""
        data = self.tables[table][doc_id]
        return orjson.loads(memoryview(data)[len(orjson.dumps(doc_id)) + 1 :])

    def documents(self, table: str) -> dict[str, dict[str, Any]]:
        return {doc_id: self.document(table, doc_id) for doc_id in self.ids(table)}

    def with_documents(self, table: str, documents: dict[str, dict[str, Any]]) -> Layout:
        """A new layout with these documents replaced (in place in the order) or added (at the end)."""
        tables = dict(self.tables)
        changed = tables[table] = dict(tables.get(table, {}))
        for doc_id, doc in documents.items():
            changed[doc_id] = entry(doc_id, doc)
        return Layout(tables)

    def without(self, table: str, doc_ids: Iterable[str]) -> Layout:
        tables = dict(self.tables)
        changed = tables[table] = dict(tables.get(table, {}))
        for doc_id in doc_ids:
            changed.pop(doc_id, None)
        return Layout(tables)
