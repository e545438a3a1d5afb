"""Characters that are not text: refused on import, made harmless where text leaves the program.

A title is shown in a terminal (`list`, `import`), used in file names and printed. Control
characters (a terminal escape sequence clears the screen, sets the window title or plants a
link), line breaks in one-line fields, and the bidirectional overrides and isolates (which
show "‮gnp.exe" as "exe.png") have no place in it.
"""

from __future__ import annotations

import re
import unicodedata

_LINE_BREAKS = "\n\r\t"  # allowed in multi-line text (notes, descriptions, rationale)
# The bidirectional embeddings, overrides and isolates ("Trojan Source"); the marks LRM/RLM
# (U+200E/U+200F) are harmless and stay.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_TERMINAL_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029" + "".join(sorted(BIDI_CONTROLS)) + "]")


def unsafe_character(text: str, multiline: bool = False) -> str | None:
    """The first character of `text` that text may not hold, or None.

    Refused: control characters (in multi-line text, tab and line breaks are allowed), the
    line and paragraph separators in one-line text, and the bidirectional controls.
    """
    for char in text:
        if multiline and char in _LINE_BREAKS:
            continue
        if char in BIDI_CONTROLS or unicodedata.category(char) in ("Cc", "Zl", "Zp"):
            return char
    return None


def _replaced(text: str, multiline: bool, by: str) -> str:
    """`text` with every character `unsafe_character` refuses replaced by `by`."""
    if unsafe_character(text, multiline) is None:
        return text
    return "".join(by if unsafe_character(char, multiline) else char for char in text)


def harmless(text: str, multiline: bool = False) -> str:
    """`text` with every character `unsafe_character` refuses replaced by U+FFFD."""
    return _replaced(text, multiline, "\ufffd")


def typed(text: str, multiline: bool = False) -> str:
    """What a person typed or pasted, without the characters text may not hold."""
    return _replaced(text, multiline, "")


def describe(char: str) -> str:
    """'U+001B (ESCAPE)': a character named in an error message without showing it raw."""
    name = unicodedata.name(char, "") or {"\n": "LINE FEED", "\r": "CARRIAGE RETURN", "\t": "TAB"}.get(char, "")
    return f"U+{ord(char):04X}" + (f" ({name})" if name else "")


def for_terminal(text: str) -> str:
    """`text` safe to print on a terminal: controls and bidirectional overrides become U+FFFD."""
    return _TERMINAL_UNSAFE.sub("\ufffd", text)
