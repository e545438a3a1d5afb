"""When the law changed under a completed assessment.

A completed assessment records what its advice rested on (Assessment.advice_basis): the
content version, the date whose rules applied and the revision of every channel rule that
applied. The record is marked "law changed - review" when a later content version changed
or withdrew one of those rules, when one of them has since stopped applying (its "until"
date has passed), or when it was completed under the first content version, which had no
dated rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from lia_desktop.domain.content import Questionnaire

if TYPE_CHECKING:  # the list asks whether the law changed without loading the engine
    from lia_desktop.domain.evaluation import Evaluation


def advice_basis(result: Evaluation, questionnaire: Questionnaire) -> dict[str, Any]:
    """What this advice rests on, to keep with the completed record."""
    return {
        "content_version": questionnaire.version,
        "on": result.on,
        "verdict": result.verdict.value,
        "rules": {r.rule: r.revision for r in result.applied_rules},
    }


@dataclass(frozen=True)
class RuleChange:
    rule: str
    kind: str  # "changed", "withdrawn", "expired"; comparing two assessments: "no_longer", "new"
    date: str = ""  # for "expired": the last day it applied; for "new": the first


def rule_changes(basis: Any, questionnaire: Questionnaire, today: str) -> list[RuleChange]:
    """How the channel rules an assessment rested on changed since (empty when none did)."""
    if not isinstance(basis, dict) or not basis:
        return []
    if int(basis.get("content_version") or 0) < 2:
        return [RuleChange("*", "changed")]
    current = {r.id: r for r in questionnaire.channel_rules}
    changes: list[RuleChange] = []
    rules = basis.get("rules") if isinstance(basis.get("rules"), dict) else {}
    for rule_id, revision in sorted(rules.items()):
        rule = current.get(rule_id)
        if rule is None:
            changes.append(RuleChange(rule_id, "withdrawn"))
        elif rule.revision != revision:
            changes.append(RuleChange(rule_id, "changed"))
        elif rule.valid_until and rule.valid_until < today:
            changes.append(RuleChange(rule_id, "expired", rule.valid_until))
    return changes


def law_changed(basis: Any, questionnaire: Questionnaire, today: str) -> bool:
    return bool(rule_changes(basis, questionnaire, today))


def compare_bases(previous: Any, current: dict[str, Any]) -> list[RuleChange]:
    """For a re-assessment: the rules that applied before and no longer do, or now apply anew."""
    if not isinstance(previous, dict) or not previous:
        return []
    before = previous.get("rules") if isinstance(previous.get("rules"), dict) else {}
    after = current.get("rules") or {}
    changes = [RuleChange(r, "no_longer") for r in sorted(set(before) - set(after))]
    changes += [RuleChange(r, "changed") for r in sorted(set(before) & set(after)) if before[r] != after[r]]
    changes += [RuleChange(r, "new") for r in sorted(set(after) - set(before))]
    if int(previous.get("content_version") or 0) < 2:
        changes.insert(0, RuleChange("*", "changed"))
    return changes
