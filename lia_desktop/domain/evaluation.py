"""The advice engine: a pure function from an assessment to a verdict with its reasons.

Everything it decides comes from resources/content/rules.toml and questionnaire.toml; this
module only applies those rules in a fixed order:

1. hard stops           any one fired: not suitable
2. missing answers      otherwise, any required answer missing: incomplete
3. the balance          otherwise, points against from the ten questions and context
                        facts fall into a band; one band can be lifted by safeguards
4. requirements         for a positive verdict, the safeguards still to apply
5. contradictions       flagged, never resolved
6. channel notes        the ePrivacy rules per channel and country

The verdict and the rule ids do not depend on the language; only the texts do.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lia_desktop.domain.conditions import holds
from lia_desktop.domain.content import Questionnaire, Texts
from lia_desktop.domain.model import Assessment, Verdict

POSITIVE = (Verdict.SUITABLE, Verdict.WITH_SAFEGUARDS)


@dataclass(frozen=True)
class Finding:
    """One fired rule: its id, its text in the requested language, the items it concerns."""

    rule: str
    text: str
    refs: tuple[str, ...] = ()
    level: str = ""
    points: int = 0


@dataclass(frozen=True)
class Evaluation:
    verdict: Verdict
    summary: str
    reasons: tuple[Finding, ...]
    requirements: tuple[Finding, ...]
    contradictions: tuple[Finding, ...]
    channel_notes: tuple[Finding, ...]
    missing: tuple[str, ...]
    counts: dict[str, int]
    points: int
    conditions: dict[str, str]
    channel_consent: bool
    advised_decision: str | None
    rationale_required: bool
    language: str

    @property
    def rule_ids(self) -> tuple[str, ...]:
        """Every rule that fired, in order: what tests and reviewers compare."""
        return tuple(f.rule for f in (*self.reasons, *self.requirements, *self.contradictions, *self.channel_notes))


@dataclass
class _Weight:
    source: str
    points: int
    mitigated_by: tuple[str, ...]
    finding: Finding


def _answered(value: Any) -> bool:
    return value not in (None, "", [])


def _answer_text(texts: Texts, value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(texts.option(v) for v in value) or texts.app("none")
    if isinstance(value, bool):
        return texts.option("yes" if value else "no")
    return texts.option(value) if value else texts.app("none")


def applicable_facts(assessment: Assessment, questionnaire: Questionnaire) -> dict[str, Any]:
    """The answers the rules may look at: an answer to an item that no longer applies (a soft
    opt-in box ticked before e-mail was dropped from the channels) is kept in the record but
    counts for nothing."""
    facts = assessment.facts()
    raw = dict(facts)
    for item in questionnaire.items.values():
        if item.applies and not holds(item.applies, raw):
            facts[item.id] = None
    return facts


def missing_items(assessment: Assessment, questionnaire: Questionnaire) -> list[str]:
    """Required items that apply and have no answer, in questionnaire order."""
    facts = assessment.facts()
    return [
        item.id
        for item in questionnaire.items.values()
        if item.required and holds(item.applies, facts) and not _answered(facts.get(item.id))
    ]


def evaluate(assessment: Assessment, questionnaire: Questionnaire, language: str | None = None) -> Evaluation:
    """The advice for this assessment, with texts in `language` (default: the assessment's)."""
    texts = questionnaire.texts(language or assessment.language)
    rules = questionnaire.rules
    facts = applicable_facts(assessment, questionnaire)
    chosen = set(assessment.safeguards)

    def finding(rule_id: str, refs: tuple[str, ...] = (), level: str = "", points: int = 0, **params: Any) -> Finding:
        return Finding(rule_id, texts.rule(rule_id, points=points, **params), tuple(refs), level, points)

    # 1. hard stops
    hard = [finding(r["id"], tuple(r.get("refs", ()))) for r in rules.get("hard_stop", []) if holds(r["when"], facts)]

    # 2. missing answers
    missing = missing_items(assessment, questionnaire)

    # 3. the balance
    balance = rules["balance"]
    counts = {"favourable": 0, "unfavourable": 0, "open": 0, "unanswered": 0}
    weights: list[_Weight] = []
    for item_id in balance["items"]:
        item = questionnaire.items[item_id]
        value = facts.get(item_id)
        weighs = item.weighs(value)
        counts[weighs or "unanswered"] += 1
        if weighs in ("unfavourable", "open"):
            per = balance["points_unfavourable"] if weighs == "unfavourable" else balance["points_unsure"]
            points = per * item.weight
            rule_id = "BAL-AGAINST" if weighs == "unfavourable" else "BAL-OPEN"
            params = {
                "number": questionnaire.number(item_id),
                "label": texts.label(item_id),
                "answer": _answer_text(texts, value),
            }
            weights.append(
                _Weight(item_id, points, item.mitigated_by, finding(rule_id, (item_id,), points=points, **params))
            )
    for extra in balance.get("extra", []):
        if holds(extra["when"], facts):
            points = int(extra["points"])
            found = finding(extra["id"], tuple(extra.get("refs", ())), points=points)
            weights.append(_Weight(extra["id"], points, tuple(extra.get("mitigated_by", ())), found))
    total = sum(w.points for w in weights)
    balance_complete = counts["unanswered"] == 0
    balance_findings = [w.finding for w in weights]
    if balance_complete or any(counts[k] for k in ("favourable", "unfavourable", "open")):
        balance_findings.append(
            finding(
                "BAL-TOTAL",
                tuple(balance["items"]),
                points=total,
                favourable=counts["favourable"],
                unfavourable=counts["unfavourable"],
                open=counts["open"],
            )
        )

    lower = 0
    band = rules["band"][-1]
    for candidate in rules["band"]:
        if "max_points" not in candidate or total <= candidate["max_points"]:
            band = candidate
            break
        lower = candidate["max_points"]
    balance_verdict = Verdict(band["verdict"])
    band_finding = finding(band["id"], points=total, max_points=band.get("max_points", ""), lower=lower)
    lift_finding = None
    if "lift_to" in band:
        beyond = {s for s in chosen if not questionnaire.safeguards.get(s, True)}
        if all(beyond & set(w.mitigated_by) for w in weights):
            balance_verdict = Verdict(band["lift_to"])
            lift_finding = finding(band["lift_rule"])

    if hard:
        verdict = Verdict.NOT_SUITABLE
        reasons = hard + balance_findings
    elif missing:
        verdict = Verdict.INCOMPLETE
        labels = "; ".join(texts.label(i) for i in missing)
        reasons = [finding("INCOMPLETE", tuple(missing), items=labels), *balance_findings]
    else:
        verdict = balance_verdict
        reasons = balance_findings + [band_finding] + ([lift_finding] if lift_finding else [])

    # 4. requirements of a positive verdict
    requirements: list[Finding] = []
    if verdict in POSITIVE:
        req = rules["requirements"]
        for safeguard, baseline in questionnaire.safeguards.items():
            if baseline and safeguard not in chosen:
                requirements.append(
                    finding(req["baseline_rule"], ("safeguards",), safeguard=texts.safeguard(safeguard)[0])
                )
        for weight in weights:
            if weight.mitigated_by and not chosen & set(weight.mitigated_by):
                source = weight.source
                number = questionnaire.number(source) if source in questionnaire.items else ""
                label = texts.label(source) if source in questionnaire.items else weight.finding.text
                options = ", ".join(texts.safeguard(s)[0] for s in weight.mitigated_by)
                requirements.append(
                    finding(
                        req["mitigate_rule"], (source, "safeguards"), number=number, label=label, safeguards=options
                    )
                )

    # 5. contradictions
    contradictions = [
        finding(r["id"], tuple(r["refs"])) for r in rules.get("contradiction", []) if holds(r["when"], facts)
    ]

    # 6. channel notes
    notes = [r for r in rules.get("channel_note", []) if holds(r["when"], facts)]
    channel_notes = [finding(r["id"], tuple(r.get("refs", ())), level=r["level"]) for r in notes]
    channel_consent = any(r.get("consent", False) for r in notes)

    # the three conditions
    def state(item_id: str, also_fails: bool = False) -> str:
        weighs = questionnaire.items[item_id].weighs(facts.get(item_id))
        if weighs == "favourable" and not also_fails:
            return "met"
        if weighs is None and not also_fails:
            return "open"
        return "not_met"

    conditions = {
        "c1": state("c1"),
        "c2": state("c2", also_fails=facts.get("q10") in questionnaire.items["q10"].unfavourable),
        "c3": "open" if not balance_complete else ("met" if balance_verdict in POSITIVE else "not_met"),
    }

    decision_rules = rules["decision"]
    advised = decision_rules["advised"].get(verdict.value)
    decision = assessment.decision
    rationale_required = (
        bool(decision) and decision != advised and decision not in decision_rules.get("rationale_not_needed", [])
    )

    return Evaluation(
        verdict=verdict,
        summary=texts.verdict_summary(verdict.value),
        reasons=tuple(reasons),
        requirements=tuple(requirements),
        contradictions=tuple(contradictions),
        channel_notes=tuple(channel_notes),
        missing=tuple(missing),
        counts=counts,
        points=total,
        conditions=conditions,
        channel_consent=channel_consent,
        advised_decision=advised,
        rationale_required=rationale_required,
        language=texts.language,
    )
