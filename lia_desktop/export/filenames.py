"""File names that are safe on Windows, macOS and Linux."""

from __future__ import annotations

import re
import unicodedata

_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]+')
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}
MAX_STEM = 100


def safe_stem(text: str, fallback: str = "assessment") -> str:
    """A file-name stem: no path separators or characters Windows refuses, no trailing dots or
    spaces, not a reserved device name, at most MAX_STEM characters."""
    text = unicodedata.normalize("NFC", text)
    text = _FORBIDDEN.sub("_", text)
    text = " ".join(text.split())
    text = text[:MAX_STEM].strip(" ._")
    if not text:
        return fallback
    if text.split(".")[0].casefold() in _RESERVED:
        text = f"_{text}"
    return text


def record_name(organisation: str, title: str, assessment_id: str, suffix: str = ".pdf") -> str:
    """'<organisation> - <title> - <id8>.pdf': readable, and unique through the id."""
    parts = [p for p in (organisation.strip(), title.strip()) if p]
    stem = safe_stem(" - ".join(parts)) if parts else "assessment"
    return f"{stem} - {assessment_id[:8]}{suffix}"
