"""File names that are safe on Windows, macOS and Linux."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence

_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]+')
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}
MAX_STEM = 100
# File systems count a name's bytes (255 at most); a stem of up to 150 bytes of UTF-8 leaves
# room for " - <id>.pdf" and for the temporary name an atomic write uses beside it.
MAX_STEM_BYTES = 150
ID_LENGTH = 8
FULL_ID = 36  # a UUID


def _visible(text: str) -> str:
    """`text` without invisible characters: other controls, format characters (bidirectional
    overrides, zero-width spaces), line and paragraph separators, unassigned code points."""
    return "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"))


def _fit(text: str, limit: int) -> str:
    """The longest start of `text` whose UTF-8 takes at most `limit` bytes."""
    return text.encode("utf-8")[:limit].decode("utf-8", errors="ignore")


def safe_stem(text: str, fallback: str = "assessment") -> str:
    """A file-name stem: no path separators or characters Windows refuses, nothing invisible, no
    trailing dots or spaces, not a reserved device name, at most MAX_STEM characters and
    MAX_STEM_BYTES bytes."""
    text = unicodedata.normalize("NFC", text)
    text = _visible(_FORBIDDEN.sub("_", text))
    text = " ".join(text.split())
    text = _fit(text[:MAX_STEM], MAX_STEM_BYTES).strip(" ._")
    if not text:
        return fallback
    if text.split(".")[0].casefold() in _RESERVED:
        text = f"_{text}"
    return text


def record_name(
    organisation: str, title: str, assessment_id: str, suffix: str = ".pdf", id_length: int = ID_LENGTH
) -> str:
    """'<organisation> - <title> - <id8>.pdf': readable, and unique through the id."""
    parts = [p for p in (organisation.strip(), title.strip()) if p]
    stem = safe_stem(" - ".join(parts)) if parts else "assessment"
    return f"{stem} - {safe_stem(assessment_id[: min(id_length, FULL_ID)], 'id')}{suffix}"


def record_names(records: Sequence[tuple[str, str, str]], suffix: str = ".pdf") -> list[str]:
    """A file name for each (organisation, title, id), no two the same even where the file
    system ignores case: records whose names would clash get their whole id, then a number."""
    names = [record_name(org, title, rid, suffix) for org, title, rid in records]
    clashes = Counter(name.casefold() for name in names)
    used: set[str] = set()
    result = []
    for (org, title, rid), name in zip(records, names, strict=True):
        if clashes[name.casefold()] > 1:
            name = record_name(org, title, rid, suffix, id_length=FULL_ID)
        unique, number = name, 2
        while unique.casefold() in used:
            unique = f"{name[: -len(suffix)]} ({number}){suffix}"
            number += 1
        used.add(unique.casefold())
        result.append(unique)
    return result
