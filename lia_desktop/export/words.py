"""Answers and changes in words, in one language: shared by the PDF record and the window."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from lia_desktop.domain.content import Questionnaire, Texts
from lia_desktop.storage.history import Change

NO_VALUE = "—"


def shorten(text: str, length: int) -> str:
    """The text on one line, cut to `length` characters with "…"."""
    line = " ".join(text.split())
    return line if len(line) <= length else line[: length - 1].rstrip() + "…"


def when(t: Texts, stamp: str) -> str:
    """A stored moment (ISO 8601, UTC) as the reader's local date and time: "2 March 2026 10:40"."""
    import datetime as _dt

    try:
        moment = _dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return stamp
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return f"{t.date(moment.date().isoformat())} {moment:%H:%M}"


def answer_text(q: Questionnaire, t: Texts, item_id: str, value: Any) -> str | None:
    """An answer as words, or None when there is none. An unticked box is a "No"."""
    item = q.items.get(item_id)
    if item is not None and item.kind == "check":
        return t.option("yes" if value else "no")
    if value in (None, "", []):
        return None
    if item is None:
        return t.join(map(str, value)) if isinstance(value, list) else str(value)
    if item_id == "safeguards":
        return t.join(t.safeguard(v)[0] if v in q.safeguards else str(v) for v in value)
    if item.kind == "multi":
        return t.join(t.option(v) for v in value)
    if item.kind == "choice":
        return t.option(value)
    if item.kind == "date":
        return t.date(str(value))  # as the language writes it; a value that is no date as it is
    return str(value)


def revision_changes(q: Questionnaire, t: Texts, changed_items: Any, details: Any) -> list[str]:
    """What a revision changed, one line each: old → new where the store kept them (`details`),
    else the names of the items changed, on one line."""
    if details:
        return [describe_change(q, t, change) for change in details]
    return [t.join(item_name(q, t, c) for c in changed_items)]


def safeguard_basis(q: Questionnaire, safeguard: str, required: Collection[str] | None) -> str:
    """ "by_law" or "beyond_law" for a safeguard, "" for none of both; `required` is what the law
    requires for the channels in use (None when not known: then every baseline safeguard counts).
    A baseline safeguard the law requires only for other channels gets "" (no word)."""
    if not q.safeguards[safeguard]:
        return "beyond_law"
    if required is None or safeguard in required:
        return "by_law"
    return ""


def safeguard_kind(q: Questionnaire, t: Texts, safeguard: str, required: Collection[str] | None) -> str:
    """ "required by law" or "beyond the law" for a safeguard, in words (see `safeguard_basis`)."""
    law = safeguard_basis(q, safeguard, required)
    return t.get("pdf", law) if law else ""


def safeguard_law(q: Questionnaire, t: Texts, safeguard: str, on: str) -> str:
    """For a questionnaire whose channels are not known yet: "required by law", "required by law
    for e-mail, phone (France)" or "goes beyond the law", as the content says on the date `on`."""
    if not q.safeguards[safeguard]:
        return t.get("pdf", "beyond_law")
    where = q.required_where(safeguard, on)
    if not where or "all" in where:
        return t.get("pdf", "by_law")
    names = [
        in_sentence(t.option(channel)) + (f" ({t.listing(t.option(c) for c in countries)})" if countries else "")
        for channel, countries in where.items()
    ]
    return t.get("pdf", "by_law_for").format(channels=t.listing(names))


def in_sentence(name: str) -> str:
    """An option's name inside a sentence: "E-mail" -> "e-mail"; an acronym ("SMS") stays."""
    first = name.split(" ", 1)[0]
    return name if first.isupper() else name[:1].lower() + name[1:]


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
