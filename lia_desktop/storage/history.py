"""What a revision changed, item by item: the value before and after.

A revision of the record names the items it changed; the store keeps beside it, for each of
those items, the old and the new value (long texts cut to their start), so the window and the
PDF can say "Question 9: No → Yes". Values are kept as stored (option ids, not words): they are
put into words in the language of whoever reads them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lia_desktop.domain.model import Assessment

KEPT_CHARACTERS = 200  # of a long text, enough to recognise it


def _cut(value: Any) -> Any:
    if isinstance(value, str) and len(value) > KEPT_CHARACTERS:
        return value[:KEPT_CHARACTERS] + "…"
    if isinstance(value, dict):
        return {k: _cut(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_cut(v) for v in value]
    return value


@dataclass(frozen=True)
class Change:
    """One item changed by a revision: its id (or the record field's name), before and after.

    For an answer, `old` and `new` are {"value": ..., "note": ...} (None where there was none);
    for a field of the record (title, decision, safeguards...) its plain value."""

    key: str
    old: Any
    new: Any

    def to_json(self) -> list[Any]:
        return [self.key, self.old, self.new]

    @classmethod
    def from_json(cls, data: list[Any]) -> Change:
        key, old, new = data
        return cls(str(key), old, new)


def _side(assessment: Assessment, key: str) -> Any:
    if key in assessment.answers:
        return _cut(assessment.answers[key].to_dict())
    document = assessment.to_dict()
    if key in document and key != "answers":
        return _cut(document[key])
    return None


def changes_between(before: Assessment, after: Assessment, keys: list[str]) -> list[Change]:
    """The changes of `keys` (as `Assessment.changed_items` names them) from before to after."""
    return [Change(key, _side(before, key), _side(after, key)) for key in keys]
