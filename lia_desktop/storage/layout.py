"""The workspace file as bytes: one entry per document, joined as they are.

A workspace file is a TinyDB database ({table: {doc_id: document}}) written as orjson's compact
JSON. Its bytes are kept here with where each document's entry ('"<doc_id>":<document>') lies
in them, so that a save serialises only the document it changes and splices it in (one copy of
the file's bytes, where serialising every document again was most of a save), and a document
is parsed only when it is read. The summary index keeps the spans (storage/index.py), so that
the next open can find a document without parsing the rest.
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
    """The bytes of a workspace file and where each document's entry lies in them; never changed
    in place (every change returns a new Layout, so a write that fails leaves the old one)."""

    def __init__(self, source: Buffer, spans: Spans) -> None:
        self.source = source
        self._spans = spans

    @classmethod
    def of(cls, data: dict[str, dict[str, dict[str, Any]]]) -> Layout:
        """The layout of parsed data (each document serialised once)."""
        return cls.build(
            {table: {doc_id: entry(doc_id, doc) for doc_id, doc in docs.items()} for table, docs in data.items()}
        )

    @classmethod
    def at(cls, source: Buffer, spans: Spans) -> Layout:
        """The layout of a file whose entries lie at `spans`."""
        return cls(source, spans)

    @classmethod
    def build(cls, tables: dict[str, dict[str, Buffer]]) -> Layout:
        """The file of these entries: byte for byte what orjson.dumps writes for the same data."""
        out = bytearray(b"{")
        spans: Spans = {}
        for number, (table, entries) in enumerate(tables.items()):
            if number:
                out += b","
            out += orjson.dumps(table) + b":{"
            placed = spans[table] = {}
            for count, (doc_id, data) in enumerate(entries.items()):
                if count:
                    out += b","
                start = len(out)
                out += data
                placed[doc_id] = (start, len(out))
            out += b"}"
        out += b"}"
        return cls(bytes(out), spans)

    def to_bytes(self) -> Buffer:
        return self.source

    def spans(self) -> Spans:
        """Where each entry lies in `to_bytes()`."""
        return self._spans

    def ids(self, table: str) -> Iterable[str]:
        return self._spans.get(table, {}).keys()

    def _entries(self) -> dict[str, dict[str, Buffer]]:
        view = memoryview(self.source)
        return {table: {doc_id: view[s:e] for doc_id, (s, e) in docs.items()} for table, docs in self._spans.items()}

    def document(self, table: str, doc_id: str) -> dict[str, Any]:
        """A document, parsed from its entry."""
        start, end = self._spans[table][doc_id]
        return orjson.loads(memoryview(self.source)[start + len(orjson.dumps(doc_id)) + 1 : end])

    def documents(self, table: str) -> dict[str, dict[str, Any]]:
        return {doc_id: self.document(table, doc_id) for doc_id in self.ids(table)}

    def with_documents(self, table: str, documents: dict[str, dict[str, Any]]) -> Layout:
        """A new layout with these documents replaced (in place in the order) or added (at the end)."""
        placed = self._spans.get(table, {})
        if len(documents) == 1 and next(iter(documents)) in placed:  # a save: one entry spliced in
            ((doc_id, doc),) = documents.items()
            return self._spliced(table, doc_id, entry(doc_id, doc))
        tables = self._entries()
        changed = tables.setdefault(table, {})
        for doc_id, doc in documents.items():
            changed[doc_id] = entry(doc_id, doc)
        return Layout.build(tables)

    def _spliced(self, table: str, doc_id: str, data: bytes) -> Layout:
        start, end = self._spans[table][doc_id]
        view = memoryview(self.source)
        source = b"".join((view[:start], data, view[end:]))
        shift = len(data) - (end - start)
        spans = self._spans
        if shift:
            spans = {
                t: {k: (s + shift, e + shift) if s > start else (s, e) for k, (s, e) in d.items()}
                for t, d in spans.items()
            }
        else:
            spans = {t: dict(d) for t, d in spans.items()}
        spans[table][doc_id] = (start, start + len(data))
        return Layout(source, spans)

    def without(self, table: str, doc_ids: Iterable[str]) -> Layout:
        tables = self._entries()
        changed = tables.setdefault(table, {})
        for doc_id in doc_ids:
            changed.pop(doc_id, None)
        return Layout.build(tables)
