"""The summary index of a workspace: what the list shows of every assessment, and where each
document lies in the file, kept beside the workspace (workspaces/<name>.index).

Listing, searching and the overview read the index instead of parsing every document, and the
file itself is then trusted without checking every document again: the index names the size and
the CRC-32 of the exact file it was made from, and is used only when the file still has both.
Anything else (no index, an index of another file, of another version of the program or of the
rules, a damaged one) makes the store check the whole file and make the index anew, so a stale
index can cost time but never show a wrong list. It is a cache: it is written atomically (a
temporary file, then a rename), but without fsync, since after a power cut an index that lost
its last write no longer matches the file and is simply made again. CRC-32 detects any
accidental change to the file (another program, a copy, a cut-off file, a restore) at memory
speed; it is no defence against a forged file, which the index, lying beside it, could not be
either.

An encrypted workspace has no index on disk (its titles would lie in the clear): it is checked
in full when it is opened, and indexed in memory.
"""

from __future__ import annotations

import contextlib
import threading
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from lia_desktop.domain.content import Questionnaire
from lia_desktop.domain.model import SCHEMA_VERSION
from lia_desktop.storage.layout import Spans

FORMAT = "lia-index"
VERSION = 1
SUFFIX = ".index"

# The fields of a row, in this order (see repository.Summary).
ID, TITLE, ORGANISATION, ASSESSOR, LANGUAGE, STATUS, VERDICT, UPDATED_AT, REVIEW_DATE, CHANNELS, BASIS = range(11)


def index_path(workspace: Path) -> Path:
    return workspace.with_suffix(SUFFIX)


def _public(doc: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in doc.items() if not k.startswith("_")}


def advice_of(doc: dict[str, Any], questionnaire: Questionnaire) -> tuple[str, dict[str, str]]:
    """The overall verdict and the verdict per channel: as stored when they were worked out under
    the current rules, else worked out again."""
    if doc.get("_rules") == questionnaire.version and doc.get("_verdict") and "_channels" in doc:
        return doc["_verdict"], doc["_channels"]
    from lia_desktop.domain.evaluation import evaluate
    from lia_desktop.storage.validation import load_document

    result = evaluate(load_document(doc), questionnaire)
    return result.verdict.value, {c.channel: c.verdict.value for c in result.channels}


def basis_of(doc: dict[str, Any]) -> Any:
    """The advice basis of a stored document, as its current schema version has it."""
    if doc.get("schema_version") == SCHEMA_VERSION:
        return doc.get("advice_basis") or {}
    from lia_desktop.storage.migrations import migrate

    try:
        return migrate(_public(doc)).get("advice_basis") or {}
    except ValueError:
        return {}


def summary_row(doc: dict[str, Any], questionnaire: Questionnaire) -> tuple[Any, ...]:
    """The row of one stored (and checked) document."""
    verdict, channels = advice_of(doc, questionnaire)
    return (
        doc["id"],
        doc.get("title", ""),
        doc.get("organisation", ""),
        doc.get("assessor", ""),
        doc.get("language", "nl"),
        doc.get("status", "draft"),
        verdict,
        doc.get("updated_at", ""),
        doc.get("review_date", ""),
        channels,
        basis_of(doc),
    )


@dataclass
class Index:
    spans: Spans
    rows: dict[str, tuple[Any, ...]]  # doc_id -> row (the fields above, in their order)


COLUMNS = ("id", "title", "organisation", "assessor", "language", "status", "verdict", "updated_at", "review_date")


def _stamp(source: bytes, questionnaire: Questionnaire) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "content": questionnaire.version,
        "size": len(source),
        "crc32": zlib.crc32(source),
    }


def _body(index: Index) -> bytes:
    """The index as columns (one list per field: parsed several times faster than one object per
    row), the verdicts per channel and the advice bases each kept once and referred to."""
    kinds: dict[int, int] = {}  # id() of a dict -> its number (rows made together share them)
    distinct: dict[bytes, int] = {}
    shared: list[Any] = []

    def number(value: Any) -> int:
        known = kinds.get(id(value))
        if known is None:
            key = orjson.dumps(value, option=orjson.OPT_SORT_KEYS)
            known = kinds[id(value)] = distinct.setdefault(key, len(distinct))
            if known == len(shared):
                shared.append(value)
        return known

    rows = list(index.rows.values())
    columns = list(zip(*rows, strict=True)) if rows else [()] * (BASIS + 1)
    return orjson.dumps(
        {
            "tables": {
                table: {"ids": list(spans), "at": [n for span in spans.values() for n in span]}
                for table, spans in index.spans.items()
            },
            "rows": dict(zip(COLUMNS, columns[: len(COLUMNS)], strict=True)),
            "channels": [number(value) for value in columns[CHANNELS]],
            "basis": [number(value) for value in columns[BASIS]],
            "shared": shared,
        }
    )


def _parse(body: bytes) -> Index | None:
    data = orjson.loads(body)
    spans: Spans = {}
    for table, placed in data["tables"].items():
        at = placed["at"]
        spans[table] = dict(zip(placed["ids"], zip(at[::2], at[1::2], strict=True), strict=True))
    rows, shared = data["rows"], data["shared"]
    doc_ids = list(spans.get("assessments", {}))
    columns = [rows[name] for name in COLUMNS]
    columns += [[shared[n] for n in data["channels"]], [shared[n] for n in data["basis"]]]
    if any(len(column) != len(doc_ids) for column in columns):
        return None
    return Index(spans, dict(zip(doc_ids, zip(*columns, strict=True), strict=True)))


class Reading:
    """The index file read and parsed in a thread of its own, while the workspace file is read
    (reading a file and its CRC let other threads run; parsing the index does not): at 50,000
    assessments each takes about a tenth of a second."""

    def __init__(self, path: Path) -> None:
        self._found: tuple[dict[str, Any], Index] | None = None
        self._thread = threading.Thread(target=self._read, args=(path,), name="index", daemon=True)
        self._thread.start()

    def _read(self, path: Path) -> None:
        try:
            raw = path.read_bytes()
            head, _, body = raw.partition(b"\n")
            stamp = orjson.loads(head)
            if isinstance(stamp, dict) and stamp.pop("body_crc32", None) == zlib.crc32(body):
                from lia_desktop.storage.safe_storage import paused_gc

                with paused_gc(freeze=True):
                    found = _parse(body)
                if found is not None:
                    self._found = (stamp, found)
        except (OSError, ValueError, TypeError, KeyError, AttributeError, IndexError):
            pass

    def index_of(self, source: bytes, questionnaire: Questionnaire) -> Index | None:
        """The index, when it was made from exactly `source` under these rules, else None."""
        self._thread.join()
        if self._found is None or self._found[0] != _stamp(source, questionnaire):
            return None
        return self._found[1]


def save(path: Path, source: bytes, index: Index, questionnaire: Questionnaire) -> None:
    """Write the index of `source` (atomically, without fsync: see the module docstring). A cache
    that cannot be written (a read-only folder, a full disk) is left out: nothing depends on it."""
    from lia_desktop.storage.safe_storage import atomic_write

    body = _body(index)
    stamp = dict(_stamp(source, questionnaire), body_crc32=zlib.crc32(body))
    with contextlib.suppress(OSError):
        atomic_write(path, orjson.dumps(stamp) + b"\n" + body, durable=False)


def forget(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)
