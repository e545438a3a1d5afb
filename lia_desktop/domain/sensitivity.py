"""What would change the advice: the answers that, changed alone, would change a verdict.

For every answer that counts (a choice, a tick box, a safeguard not yet chosen, a channel or
a country that could be left out), the assessment is judged again with only that answer
changed. Changes that leave a required question unanswered are skipped: they open new
questions rather than answer one. A change for the worse that would bring in a GDPR stop on
every channel (special categories, children targeted, criminal data, ...) is skipped too: such
a stop is a boundary of every assessment, said with the conditions, not a fact that weighs in
this one. The result tells a consultant which facts matter.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lia_desktop.domain.conditions import holds
from lia_desktop.domain.content import Questionnaire
from lia_desktop.domain.evaluation import applicable, assessment_day, judge_both, missing_in, overall_of
from lia_desktop.domain.judgement import RANK, ChannelVerdict
from lia_desktop.domain.model import META_FIELDS, SIGNOFF_FIELDS, Assessment, Verdict

# Answers that describe the record rather than the activity.
_SKIP = frozenset(META_FIELDS + SIGNOFF_FIELDS)


@dataclass(frozen=True)
class Change:
    """One answer changed alone, and what the advice becomes."""

    item: str
    value: Any  # the new answer: an option, True / False, or the list for a multiple choice
    kind: str  # "answer", "add_safeguard", "drop_channel", "drop_country"
    option: str  # the option added or dropped (for the last three kinds), else ""
    verdict: Verdict
    channels: tuple[tuple[str, ChannelVerdict, ChannelVerdict], ...]  # (channel, before, after), changed only

    @property
    def better(self) -> bool:
        """The change makes some channel's advice more permissive."""
        return any(RANK[after] < RANK[before] for _, before, after in self.channels)


def _candidates(raw: dict[str, Any], q: Questionnaire) -> list[tuple[str, Any, str, str]]:
    """(item, new value, kind, option) for every single change worth trying."""
    found: list[tuple[str, Any, str, str]] = []
    for item in q.items.values():
        if item.id in _SKIP or item.kind not in ("choice", "check") or not holds(item.applies, raw):
            continue
        current = raw.get(item.id)
        if item.kind == "check":
            found.append((item.id, not bool(current), "answer", ""))
        elif current is not None:
            # "don't know" is not an answer that changes anything: it only opens the question
            found += [
                (item.id, option, "answer", "")
                for option in item.options
                if option != current and option not in item.unsure
            ]
    chosen = list(raw.get("safeguards") or [])
    found += [("safeguards", [*chosen, s], "add_safeguard", s) for s in q.safeguards if s not in chosen]
    for item_id, kind in (("ctx_channels", "drop_channel"), ("ctx_country", "drop_country")):
        current = raw.get(item_id)
        if isinstance(current, list) and len(current) > 1:
            found += [(item_id, [v for v in current if v != option], kind, option) for option in current]
    return found


def what_would_change(assessment: Assessment, q: Questionnaire, today: str | None = None) -> tuple[Change, ...]:
    """Every single change of answer that changes the overall verdict or a channel's verdict."""
    raw = assessment.facts()
    on = assessment_day(assessment, today)
    facts = applicable(raw, q)
    best, worst = judge_both(facts, q, on)
    missing_now = set(missing_in(raw, q))
    verdict, finals = overall_of(best, worst, sorted(missing_now))
    stops_now = {s.rule for s in best.stops if s.level == "all"}
    changes: list[Change] = []
    for item_id, value, kind, option in _candidates(raw, q):
        changed = dict(raw)
        changed[item_id] = value
        missing = missing_in(changed, q)
        if set(missing) - missing_now:
            continue  # the change opens questions not answered yet
        new_facts = applicable(changed, q)
        b, w = judge_both(new_facts, q, on)
        new_verdict, new_finals = overall_of(b, w, missing)
        moved = tuple(
            (channel, before, new_finals[channel])
            for channel, before in finals.items()
            if channel in new_finals and new_finals[channel] is not before
        )
        if new_verdict is not verdict or moved:
            change = Change(item_id, value, kind, option, new_verdict, moved)
            if not change.better and {s.rule for s in b.stops if s.level == "all"} - stops_now:
                continue  # a boundary of every assessment, not a weight in this one
            changes.append(change)
    order = {item_id: index for index, item_id in enumerate(q.items)}
    changes.sort(key=lambda c: (not c.better, order.get(c.item, 0)))
    return tuple(changes)
