"""Hypothesis strategies that damage good files: bytes flipped, cut, repeated, spliced, and JSON
values replaced, removed or added anywhere in a document."""

from __future__ import annotations

import copy
import json
from typing import Any

from hypothesis import strategies as st

# Byte strings that have broken parsers before: numbers JSON forbids, deep nesting, invalid
# UTF-8, a byte order mark, control characters, direction overrides, PDF keywords.
TOKENS = [
    b"NaN", b"Infinity", b"-1e999", b"1" * 5000, b"[" * 3000, b"{" * 3000, b"\xff\xfe", b"\xef\xbb\xbf",
    b"\x00", b"\\u0000", b"\\u001b[2J", b"\\u202e", b'"\\ud800"', b"null", b"true", b'""', b"{}", b"[]",
    b'"a": 1, "a": 2', b"/Kids [", b"/Names [", b"/FlateDecode", b"stream\n", b"endobj", b"xref", b" 0 R",
]  # fmt: skip
TEXTS = [
    "\x1b[2J\x1b]0;title\x07", "\u202egnp.exe", "\x00", "\n", "3f1c2a9e-5b7d-4c1e-9a2f-6d8b0e4c7a11\n",
    "2027-01-01\n", "x" * 5000, "😀" * 300, "../../etc/passwd", "CON", "", " ", "\ud7ff", "\ufeff",
]  # fmt: skip


def _byte_operation(size: int):
    position = st.integers(0, max(size - 1, 0))
    return st.one_of(
        st.tuples(st.just("flip"), position, st.integers(1, 255)),
        st.tuples(st.just("insert"), position, st.binary(min_size=1, max_size=32) | st.sampled_from(TOKENS)),
        st.tuples(st.just("delete"), position, st.integers(1, 512)),
        st.tuples(st.just("cut"), position, st.just(0)),
        st.tuples(st.just("repeat"), position, st.integers(1, 256), st.integers(2, 64)),
    )


def _apply(raw: bytes, operation: tuple) -> bytes:
    kind, at, *rest = operation
    at = min(at, len(raw))  # an earlier change may have made it shorter
    if kind == "flip":
        return raw[:at] + bytes([raw[at] ^ rest[0]]) + raw[at + 1 :] if at < len(raw) else raw
    if kind == "insert":
        return raw[:at] + rest[0] + raw[at:]
    if kind == "delete":
        return raw[:at] + raw[at + rest[0] :]
    if kind == "cut":
        return raw[:at]
    length, times = rest
    return raw[:at] + raw[at : at + length] * times + raw[at:]


def damaged_bytes(seeds: list[bytes]):
    """One of `seeds` (drawn by number, which keeps failure reports short) with one to six
    byte-level changes."""
    return st.integers(0, len(seeds) - 1).flatmap(
        lambda n: st.lists(_byte_operation(len(seeds[n])), min_size=1, max_size=6).map(
            lambda operations: _apply_all(seeds[n], operations)
        )
    )


def _apply_all(raw: bytes, operations: list[tuple]) -> bytes:
    for operation in operations:
        raw = _apply(raw, operation)
    return raw


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=40)
    | st.sampled_from(TEXTS),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12,
)


def _paths(value: Any, where: tuple = ()) -> list[tuple]:
    found = [where]
    if isinstance(value, dict):
        for key, element in value.items():
            found += _paths(element, (*where, key))
    elif isinstance(value, list):
        for index, element in enumerate(value):
            found += _paths(element, (*where, index))
    return found


def _change(document: Any, where: tuple, kind: str, value: Any, key: str) -> Any:
    if not where:
        return value if kind == "replace" else document
    parent = document
    for step in where[:-1]:
        parent = parent[step]
    last = where[-1]
    if kind == "replace":
        parent[last] = value
    elif kind == "delete":
        del parent[last]
    elif kind == "add" and isinstance(parent[last], dict):
        parent[last][key] = value
    elif kind == "add" and isinstance(parent[last], list):
        parent[last].append(value)
    return document


def damaged_json(seeds: list[Any]):
    """One of the JSON `seeds` with a value replaced, a key or element removed, or one added,
    somewhere in the tree (one to three changes), as the bytes of the changed document."""

    @st.composite
    def build(draw):
        document = json.loads(json.dumps(seeds[draw(st.integers(0, len(seeds) - 1))]))
        for _change_number in range(draw(st.integers(1, 3))):
            paths = _paths(document)
            where = paths[draw(st.integers(0, len(paths) - 1))]
            kind = draw(st.sampled_from(["replace", "replace", "delete", "add"]))
            value = copy.deepcopy(draw(JSON_VALUES))  # later changes must not reach into drawn values
            document = _change(document, where, kind, value, draw(st.text(max_size=12)))
        return json.dumps(document, ensure_ascii=draw(st.booleans())).encode("utf-8", "surrogatepass")

    return build()
