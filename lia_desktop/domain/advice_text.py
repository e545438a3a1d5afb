"""The words of the advice: each rule that fired as a sentence in the reader's language.

judgement.py decides; this module only says it, with the numbers, labels and answers a
person needs to follow the reasoning.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lia_desktop.domain.content import Questionnaire, Texts
from lia_desktop.domain.judgement import ChannelJudgement, Factor, Judgement

_LEVEL = {"consent": "warning", "not_allowed": "warning", "duty": "warning"}


@dataclass(frozen=True)
class Finding:
    """One fired rule: its id, its text in the requested language, the items it concerns."""

    rule: str
    text: str
    refs: tuple[str, ...] = ()
    level: str = ""
    points: int = 0
    legal: str = ""


def answer_text(texts: Texts, value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(texts.option(v) for v in value) or texts.app("none")
    if isinstance(value, bool):
        return texts.option("yes" if value else "no")
    return texts.option(value) if value else texts.app("none")


def factor_name(factor_id: str, q: Questionnaire, texts: Texts, channel: str = "") -> str:
    """A short name for what weighs against: a question, a context fact, a group, the channel."""
    if factor_id in q.items:
        return texts.app("question_ref", number=q.number(factor_id), label=texts.label(factor_id))
    return texts.get("rule", factor_id, "name").format(channel=texts.option(channel) if channel else "")


def _stop(fired: Any, texts: Texts) -> Finding:
    return Finding(fired.rule, texts.rule(fired.rule), fired.refs, "stop")


def _factor_findings(factor: Factor, q: Questionnaire, texts: Texts, facts: dict[str, Any]) -> list[Finding]:
    found: list[Finding] = []
    for member, points in factor.members or ((factor.id, factor.points),):
        if member in q.items:
            rule = "BAL-AGAINST" if q.items[member].weighs(facts.get(member)) == "unfavourable" else "BAL-PARTIAL"
            params = {
                "number": q.number(member),
                "label": texts.label(member),
                "answer": answer_text(texts, facts.get(member)),
            }
            found.append(Finding(rule, texts.rule(rule, points=points, **params), (member,), points=points))
        else:
            found.append(Finding(member, texts.rule(member, points=points), factor.refs, points=points))
    if factor.members:
        cap = next(g["cap"] for g in q.rules["balance"]["group"] if g["id"] == factor.id)
        found.append(
            Finding(factor.id, texts.rule(factor.id, points=factor.points, cap=cap), factor.refs, points=factor.points)
        )
    return found


def common_reasons(best: Judgement, facts: dict[str, Any], q: Questionnaire, texts: Texts) -> list[Finding]:
    """The reasons that hold for every channel: GDPR stops, the answers weighing against."""
    reasons = [_stop(s, texts) for s in best.stops]
    balanced = next((c.balance for c in best.channels if c.balance), None)
    own = {e["id"] for e in q.rules["balance"].get("extra", []) if e.get("channels")}
    if balanced is not None:
        for factor in balanced.factors:
            if factor.id != "BAL-CHANNEL" and factor.id not in own:
                reasons += _factor_findings(factor, q, texts, facts)
    counts = {"favourable": 0, "partial": 0, "unfavourable": 0, "open": 0, "unanswered": 0}
    for item_id in q.question_ids:
        counts[q.items[item_id].weighs(facts.get(item_id)) or "unanswered"] += 1
    if counts["unanswered"] < len(q.question_ids):
        reasons.append(
            Finding(
                "BAL-TOTAL",
                texts.rule(
                    "BAL-TOTAL",
                    favourable=counts["favourable"],
                    partial=counts["partial"],
                    unfavourable=counts["unfavourable"],
                    open=counts["open"],
                ),
                tuple(q.question_ids),
            )
        )
    return reasons


def channel_reasons(judged: ChannelJudgement, q: Questionnaire, texts: Texts) -> tuple[Finding, ...]:
    """Why this channel gets its verdict: the channel rules of each country, then its balance.

    A GDPR stop that decides every channel stands once among the reasons for every channel;
    here the channel only says so, and an exemption or balance rule that the stop overrides is
    left out (it would read as if the channel were allowed)."""
    decided_by_stop = any(s.level == "all" for s in judged.stops)
    reasons = [Finding("BY-STOP", texts.rule("BY-STOP"))] if decided_by_stop else []
    for fired in judged.rules:
        if decided_by_stop and fired.effect in ("exempt", "balance", "info"):
            continue
        reasons.append(
            Finding(
                fired.rule,
                texts.rule(fired.rule),
                fired.refs,
                _LEVEL.get(fired.effect, "info"),
                legal=texts.rule_legal(fired.rule),
            )
        )
    balance = judged.balance
    if balance is None:
        if any(r.effect == "exempt" for r in judged.rules) and not decided_by_stop:
            reasons.append(Finding("EXEMPT-NO-BALANCE", texts.rule("EXEMPT-NO-BALANCE")))
        return tuple(reasons)
    if decided_by_stop:
        return tuple(reasons)
    reasons += [_stop(s, texts) for s in judged.stops]  # conditions 1 and 2, where the balance decides
    own = {e["id"] for e in q.rules["balance"].get("extra", []) if e.get("channels")}
    for factor in balance.factors:
        if factor.id == "BAL-CHANNEL":
            channel = texts.option(judged.channel)
            text = texts.rule(factor.id, points=factor.points, channel=channel)
            reasons.append(Finding(factor.id, text, factor.refs, points=factor.points))
        elif factor.id in own:
            text = texts.rule(factor.id, points=factor.points)
            reasons.append(Finding(factor.id, text, factor.refs, points=factor.points))
    max_points = "" if balance.max_points is None else balance.max_points
    reasons.append(
        Finding(
            balance.band,
            texts.rule(balance.band, points=balance.points, lower=balance.lower, max_points=max_points),
            points=balance.points,
        )
    )
    if balance.lifted:
        reasons.append(Finding("LIFT-MITIGATED", texts.rule("LIFT-MITIGATED")))
    for factor in balance.factors:
        if not factor.mitigated_by and balance.points:
            reasons.append(Finding(f"NOMIT-{factor.id}", texts.rule(f"NOMIT-{factor.id}"), factor.refs))
    return tuple(reasons)


def requirement_findings(
    judged: ChannelJudgement, q: Questionnaire, texts: Texts, chosen: set[str]
) -> tuple[Finding, ...]:
    """What remains to do before this channel's positive verdict holds."""
    found = [
        Finding("REQ-BASELINE", texts.rule("REQ-BASELINE", safeguard=texts.safeguard(s)[0]), ("safeguards",))
        for s in judged.requires
        if s not in chosen
    ]
    for factor in judged.balance.factors if judged.balance else ():
        if factor.mitigated_by and not chosen & set(factor.mitigated_by):
            names = ", ".join(texts.safeguard(s)[0] for s in factor.mitigated_by)
            what = factor_name(factor.id, q, texts, judged.channel)
            found.append(
                Finding(
                    "REQ-MITIGATE",
                    texts.rule("REQ-MITIGATE", what=what, safeguards=names),
                    (*factor.refs, "safeguards"),
                )
            )
    return tuple(found)
