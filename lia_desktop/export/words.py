"""Answers and changes in words, in one language: shared by the PDF record and the window."""

from __future__ import annotations

from typing import Any

from lia_desktop.domain.content import Questionnaire, Texts
from lia_desktop.storage.history import Change

NO_VALUE = "—"


def shorten(text: str, length: int) -> str:
    """The text on one line, cut to `length` characters with "…"."""
    line = " ".join(text.split())
    return line if len(line) <= length else line[: length - 1].rstrip() + "…"


def answer_text(q: Questionnaire, t: Texts, item_id: str, value: Any) -> str | None:
    """An answer as words, or None when there is none. An unticked box is a "No"."""
    item = q.items.get(item_id)
    if item is not None and item.kind == "check":
        return t.option("yes" if value else "no")
    if value in (None, "", []):
        return None
    if item is None:
        return ", ".join(map(str, value)) if isinstance(value, list) else str(value)
    if item_id == "safeguards":
        return ", ".join(t.safeguard(v)[0] if v in q.safeguards else str(v) for v in value)
    if item.kind == "multi":
        return ", ".join(t.option(v) for v in value)
    if item.kind == "choice":
        return t.option(value)
    return str(value)


def item_question(t: Texts, item_id: str) -> str:
    """The question asked of an item whose label names a topic only (each right of tip 3:
    "is there a procedure?"), where the texts have one (ui.question_<item>); else ""."""
    return str(t.data.get("ui", {}).get(f"question_{item_id}", ""))


def item_name(q: Questionnaire, t: Texts, key: str) -> str:
    """What the record calls an item: "Question 9 of 10", its label, or the field's name."""
    if key in q.question_ids:
        return t.app("question_of", number=q.number(key), total=len(q.question_ids))
    if key in q.items:
        return t.label(key)
    return key


def describe_change(q: Questionnaire, t: Texts, change: Change, length: int = 40) -> str:
    """ "Question 9 of 10: No → Yes", with the justification's old and new start where it changed."""

    def words(value: Any) -> str:
        text = answer_text(q, t, change.key, value)
        return shorten(text, length) if text else NO_VALUE

    def note(text: Any) -> str:
        return f"“{shorten(text, length)}”" if isinstance(text, str) and text.strip() else NO_VALUE

    old, new = change.old, change.new
    if isinstance(old, dict) or isinstance(new, dict):  # an answer: its value and its note
        old, new = old or {}, new or {}
        parts = []
        if old.get("value") != new.get("value"):
            parts.append(f"{words(old.get('value'))} → {words(new.get('value'))}")
        if (old.get("note") or "") != (new.get("note") or ""):
            item = q.items.get(change.key)
            name = t.get("pdf", "justification") if item is not None and item.justified else t.get("pdf", "note")
            parts.append(t.labelled(name, f"{note(old.get('note'))} → {note(new.get('note'))}"))
        return t.labelled(item_name(q, t, change.key), t.join(parts) or NO_VALUE)
    return t.labelled(item_name(q, t, change.key), f"{words(old)} → {words(new)}")
