"""The advice engine: a pure function from an assessment to a verdict with its reasons.

Everything it decides comes from resources/content/ (rules.toml, channels.toml,
questionnaire.toml); judgement.py applies those rules to one set of facts. This module
adds what a person needs around that:

- open answers ("don't know") are never points against: the assessment is judged with
  every open answer turned out at best and at worst. The same verdict: it stands, and
  the advice says so. Different: "incomplete", with what to find out and what each
  outcome would mean;
- missing required answers: "incomplete", unless the verdict is negative whatever they are;
- the texts, in the requested language, of every rule that fired, per channel and overall;
- what remains to do for a positive verdict (the safeguards the law requires for the
  channels in use, a safeguard for each factor against, the rights procedures).

The verdicts and rule ids never depend on the language; only the texts do.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Any

from lia_desktop.domain.advice_text import (
    Finding,
    channel_reasons,
    common_reasons,
    factor_name,
    requirement_findings,
)
from lia_desktop.domain.conditions import holds
from lia_desktop.domain.content import Questionnaire
from lia_desktop.domain.judgement import OVERALL, POSITIVE, ChannelVerdict, Judgement, judge, most_restrictive
from lia_desktop.domain.model import Assessment, Verdict

__all__ = ["POSITIVE_VERDICTS", "ChannelAdvice", "Evaluation", "Finding", "evaluate"]

POSITIVE_VERDICTS = (Verdict.SUITABLE, Verdict.WITH_SAFEGUARDS)


@dataclass(frozen=True)
class ChannelAdvice:
    channel: str
    verdict: ChannelVerdict
    best: ChannelVerdict
    worst: ChannelVerdict
    reasons: tuple[Finding, ...]
    requirements: tuple[Finding, ...]
    points: int | None
    to_find_out: tuple[str, ...]


@dataclass(frozen=True)
class AppliedRule:
    rule: str
    valid_from: str
    valid_until: str
    revision: int


@dataclass(frozen=True)
class Evaluation:
    verdict: Verdict
    summary: str
    channels: tuple[ChannelAdvice, ...]
    reasons: tuple[Finding, ...]
    requirements: tuple[Finding, ...]
    pending_legal: tuple[str, ...]  # safeguards the law requires, not chosen yet
    required_safeguards: tuple[str, ...]  # what the law requires for the channels in use
    contradictions: tuple[Finding, ...]
    channel_notes: tuple[Finding, ...]
    missing: tuple[str, ...]
    open_items: tuple[str, ...]  # answered "don't know"
    to_find_out: tuple[str, ...]  # the open answers that could change the advice
    outcomes: tuple[Finding, ...]  # what each way of the open answers would mean
    counts: dict[str, int]
    points: int
    conditions: dict[str, str]
    channel_consent: bool
    advised_decision: str | None
    rationale_required: bool
    language: str
    on: str  # the date whose channel rules applied
    applied_rules: tuple[AppliedRule, ...]

    @property
    def first_findings(self) -> tuple[Finding, ...]:
        """The first finding of every rule that fired, in order."""
        found = [*self.reasons]
        for channel in self.channels:
            found += [*channel.reasons, *channel.requirements]
        found += [*self.requirements, *self.contradictions, *self.channel_notes, *self.outcomes]
        first: dict[str, Finding] = {}
        for finding in found:
            first.setdefault(finding.rule, finding)
        return tuple(first.values())

    @property
    def rule_ids(self) -> tuple[str, ...]:
        """Every rule that fired, in order: what tests and reviewers compare."""
        return tuple(f.rule for f in self.first_findings)

    def channel(self, channel: str) -> ChannelAdvice:
        for advice in self.channels:
            if advice.channel == channel:
                return advice
        raise KeyError(channel)

    @property
    def holds_regardless(self) -> bool:
        """Open answers exist, and the advice is the same whatever they turn out to be."""
        return bool(self.open_items) and not self.to_find_out


# ---------------------------------------------------------------------------- facts


def answered(value: Any) -> bool:
    """Whether a value is an answer: text made only of spaces or blank lines is none."""
    if isinstance(value, str):
        return bool(value.strip())
    return value not in (None, [])


def applicable(raw: dict[str, Any], questionnaire: Questionnaire) -> dict[str, Any]:
    """The answers the rules may look at: an answer to an item that no longer applies (a soft
    opt-in box ticked before e-mail was dropped from the channels) is kept in the record but
    counts for nothing."""
    facts = dict(raw)
    for item in questionnaire.items.values():
        if item.applies and not holds(item.applies, raw):
            facts[item.id] = None
    return facts


def applicable_facts(assessment: Assessment, questionnaire: Questionnaire) -> dict[str, Any]:
    return applicable(assessment.facts(), questionnaire)


def missing_in(facts: dict[str, Any], questionnaire: Questionnaire) -> list[str]:
    return [
        item.id
        for item in questionnaire.items.values()
        if item.required and holds(item.applies, facts) and not answered(facts.get(item.id))
    ]


def missing_items(assessment: Assessment, questionnaire: Questionnaire) -> list[str]:
    """Required items that apply and have no answer, in questionnaire order."""
    return missing_in(assessment.facts(), questionnaire)


def open_in(facts: dict[str, Any], questionnaire: Questionnaire) -> list[str]:
    return [i for i, item in questionnaire.items.items() if item.unsure and facts.get(i) in item.unsure]


def resolved(facts: dict[str, Any], items: list[str], questionnaire: Questionnaire, best: bool) -> dict[str, Any]:
    """The facts with these open answers turned out at best (or worst)."""
    result = dict(facts)
    for item_id in items:
        item = questionnaire.items[item_id]
        result[item_id] = item.best if best else item.worst
    return result


def assessment_day(assessment: Assessment, today: str | None = None) -> str:
    """The date whose rules apply: the assessment's date, or today while it has none."""
    try:
        return _dt.date.fromisoformat(assessment.assessment_date).isoformat()
    except ValueError:
        return today or _dt.date.today().isoformat()


def _final(best: ChannelVerdict, worst: ChannelVerdict) -> ChannelVerdict:
    return best if best is worst else ChannelVerdict.INCOMPLETE


def judge_both(facts: dict[str, Any], questionnaire: Questionnaire, on: str) -> tuple[Judgement, Judgement]:
    """The judgement with every open answer at best, and at worst."""
    items = open_in(facts, questionnaire)
    best = judge(resolved(facts, items, questionnaire, True), questionnaire, on)
    worst = judge(resolved(facts, items, questionnaire, False), questionnaire, on) if items else best
    return best, worst


def overall_of(best: Judgement, worst: Judgement, missing: list[str]) -> tuple[Verdict, dict[str, ChannelVerdict]]:
    """The overall verdict and the final verdict per channel."""
    finals = {c.channel: _final(c.verdict, w.verdict) for c, w in zip(best.channels, worst.channels, strict=True)}
    if not finals:
        return Verdict.INCOMPLETE, finals
    overall = OVERALL[most_restrictive(finals.values())]
    if missing and overall is not Verdict.NOT_SUITABLE:
        return Verdict.INCOMPLETE, finals
    return overall, finals


# ---------------------------------------------------------------------------- the advice


def evaluate(
    assessment: Assessment, questionnaire: Questionnaire, language: str | None = None, today: str | None = None
) -> Evaluation:
    """The advice for this assessment, with texts in `language` (default: the assessment's)."""
    q = questionnaire
    facts = applicable_facts(assessment, q)
    texts = q.texts(language or assessment.language).for_countries(facts.get("ctx_country"))
    on = assessment_day(assessment, today)
    missing = missing_items(assessment, q)
    open_items = open_in(facts, q)
    best, worst = judge_both(facts, q, on)
    verdict, finals = overall_of(best, worst, missing)

    # which open answers matter: turned out at worst alone, does any verdict move?
    to_find_out: list[str] = []
    per_channel: dict[str, list[str]] = {c.channel: [] for c in best.channels}
    best_facts = resolved(facts, open_items, q, True)
    for item_id in open_items:
        alone = judge(resolved(best_facts, [item_id], q, False), q, on)
        for b, a in zip(best.channels, alone.channels, strict=True):
            if b.verdict is not a.verdict:
                per_channel[b.channel].append(item_id)
                if item_id not in to_find_out:
                    to_find_out.append(item_id)
    for c, w in zip(best.channels, worst.channels, strict=True):
        if c.verdict is not w.verdict and not per_channel[c.channel]:
            # only a combination moves it: every open answer is worth finding out
            per_channel[c.channel] = list(open_items)
            to_find_out += [i for i in open_items if i not in to_find_out]

    chosen = set(assessment.safeguards)
    channels: list[ChannelAdvice] = []
    pending: list[str] = []
    todo: list[str] = []  # what the summary names: legal safeguards, then factors to address
    for c, w in zip(best.channels, worst.channels, strict=True):
        final = finals[c.channel]
        reqs: tuple[Finding, ...] = ()
        if final in POSITIVE:
            reqs = requirement_findings(c, q, texts, chosen)
            pending += [s for s in c.requires if s not in chosen and s not in pending]
            for factor in c.balance.factors if c.balance else ():
                if factor.mitigated_by and not chosen & set(factor.mitigated_by):
                    name = texts.get("advice", "safeguard_for").format(what=factor_name(factor.id, q, texts, c.channel))
                    if name not in todo:
                        todo.append(name)
        channels.append(
            ChannelAdvice(
                c.channel,
                final,
                c.verdict,
                w.verdict,
                channel_reasons(c, q, texts),
                reqs,
                c.balance.points if c.balance else None,
                tuple(per_channel[c.channel]),
            )
        )

    reasons = list(common_reasons(best, facts, q, texts))
    if missing:
        labels = texts.join(texts.label(i) for i in missing)
        reasons.insert(0, Finding("INCOMPLETE", texts.rule("INCOMPLETE", items=labels), tuple(missing)))

    requirements: list[Finding] = []
    for advice in channels:
        requirements += [r for r in advice.requirements if r not in requirements]
    for fired in best.requirements:
        requirements.append(Finding(fired.rule, texts.rule(fired.rule), fired.refs))

    outcomes: list[Finding] = []
    for advice in channels:
        if advice.best is not advice.worst:
            answers = texts.join(
                texts.app("label_answer", label=texts.label(i), answer=texts.option(q.items[i].best or ""))
                for i in advice.to_find_out
            )
            outcomes.append(
                Finding(
                    "UNK-IF",
                    texts.rule(
                        "UNK-IF",
                        channel=texts.option(advice.channel),
                        answers=answers,
                        best=texts.channel_verdict(advice.best.value),
                        worst=texts.channel_verdict(advice.worst.value),
                    ),
                    advice.to_find_out,
                )
            )
    if open_items and not to_find_out:
        labels = texts.join(texts.label(i) for i in open_items)
        outcomes.append(Finding("UNK-HOLDS", texts.rule("UNK-HOLDS", items=labels), tuple(open_items)))

    contradictions = [
        Finding(r["id"], texts.rule(r["id"]), tuple(r["refs"]))
        for r in q.rules.get("contradiction", [])
        if holds(r["when"], facts)
    ]
    notes: list[Finding] = []
    seen: set[str] = set()
    for judged in (*best.channels, *worst.channels):
        for fired in judged.rules:
            if fired.rule not in seen:
                seen.add(fired.rule)
                level = "warning" if fired.effect in ("consent", "not_allowed", "duty") else "info"
                notes.append(
                    Finding(fired.rule, texts.rule(fired.rule), fired.refs, level, 0, texts.rule_legal(fired.rule))
                )
    notes += [
        Finding(n["id"], texts.rule(n["id"]), tuple(n.get("refs", ())), n.get("level", "info"))
        for n in q.rules.get("note", [])
        if holds(n["when"], facts)
    ]

    applied = tuple(AppliedRule(r.id, r.valid_from, r.valid_until, r.revision) for r in q.channel_rules if r.id in seen)
    counts = _counts(facts, q)
    conditions = _conditions(facts, q, best, worst, counts)
    decision_rules = q.rules["decision"]
    advised: str | None = None
    if verdict is not Verdict.INCOMPLETE:
        key = "not_allowed" if any(v is ChannelVerdict.NOT_ALLOWED for v in finals.values()) else verdict.value
        advised = decision_rules["advised"].get(key) or decision_rules["advised"].get(verdict.value)
    decision = assessment.decision
    rationale_required = (
        bool(decision) and decision != advised and decision not in decision_rules.get("rationale_not_needed", [])
    )
    summary = texts.verdict_summary(verdict.value)
    if verdict in POSITIVE_VERDICTS and (pending or todo):
        names = ", ".join([texts.safeguard(s)[0] for s in pending] + todo)
        summary = texts.get("verdict_summary_pending", verdict.value).format(safeguards=names)
    return Evaluation(
        verdict=verdict,
        summary=summary,
        channels=tuple(channels),
        reasons=tuple(reasons),
        requirements=tuple(requirements),
        pending_legal=tuple(pending),
        required_safeguards=_required(best.channels, finals, q),
        contradictions=tuple(contradictions),
        channel_notes=tuple(notes),
        missing=tuple(missing),
        open_items=tuple(open_items),
        to_find_out=tuple(to_find_out),
        outcomes=tuple(outcomes),
        counts=counts,
        points=max((c.points for c in channels if c.points is not None), default=0),
        conditions=conditions,
        channel_consent=any(v is ChannelVerdict.CONSENT_NEEDED for v in finals.values()),
        advised_decision=advised,
        rationale_required=rationale_required,
        language=texts.language,
        on=on,
        applied_rules=applied,
    )


def _required(judged: Any, finals: dict[str, ChannelVerdict], q: Questionnaire) -> tuple[str, ...]:
    """The safeguards the law requires whatever the channel, and those the channel rules require
    for each channel in use that is not ruled out."""
    required = [s for s, where in q.required_for.items() if "all" in where]
    for c in judged:
        if finals[c.channel] is not ChannelVerdict.NOT_ALLOWED:
            required += [s for s in c.requires if s not in required]
    return tuple(s for s in q.items["safeguards"].options if s in required)


def _counts(facts: dict[str, Any], q: Questionnaire) -> dict[str, int]:
    counts = {"favourable": 0, "partial": 0, "unfavourable": 0, "open": 0, "unanswered": 0}
    for item_id in q.question_ids:
        counts[q.items[item_id].weighs(facts.get(item_id)) or "unanswered"] += 1
    return counts


def _conditions(
    facts: dict[str, Any], q: Questionnaire, best: Judgement, worst: Judgement, counts: dict[str, int]
) -> dict[str, str]:
    def state(*item_ids: str) -> str:
        weighs = [q.items[i].weighs(facts.get(i)) for i in item_ids]
        if "unfavourable" in weighs:
            return "not_met"
        if any(w in (None, "open") for w in weighs):
            return "open"
        return "met"

    balances = [(c.balance, w.balance) for c, w in zip(best.channels, worst.channels, strict=True) if c.balance]
    if not balances:
        c3 = "not_needed" if best.channels else "open"
    elif counts["unanswered"]:
        c3 = "open"
    elif any(b.verdict not in POSITIVE for b, _ in balances):
        c3 = "not_met"
    elif any(w is not None and w.verdict not in POSITIVE for _, w in balances):
        c3 = "open"
    else:
        c3 = "met"
    return {"c1": state("c1"), "c2": state("c2", "q10"), "c3": c3}
