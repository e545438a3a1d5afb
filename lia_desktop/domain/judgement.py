"""The core of the advice: for each channel, which rules fire and what the verdict is.

No texts here. `judge` works on facts (answers by item id, open answers already resolved
one way or the other by the caller) and returns verdicts with the ids of the rules that
fired. It is fast enough to be called hundreds of times for one assessment: the best and
the worst case of the open answers, and "what would change the advice".

Order of reasoning per channel (rules.toml explains it in words):
1. GDPR stops of scope "all";
2. the channel rules of every recipient country in force on the assessment's date;
3. the balance, weighed for the channel, where a channel rule leaves it to the balance
   (or none speaks), with the GDPR stops of scope "balance" (conditions 1 and 2).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from lia_desktop.domain.conditions import holds
from lia_desktop.domain.content import Questionnaire
from lia_desktop.domain.model import Verdict


class ChannelVerdict(StrEnum):
    SUITABLE = "suitable"
    WITH_SAFEGUARDS = "suitable_with_safeguards"
    INCOMPLETE = "incomplete"
    CONSENT_NEEDED = "consent_needed"
    NOT_ALLOWED = "not_allowed"


# From the most to the least permissive: a channel gets the highest rank that applies.
RANK = {verdict: rank for rank, verdict in enumerate(ChannelVerdict)}
POSITIVE = (ChannelVerdict.SUITABLE, ChannelVerdict.WITH_SAFEGUARDS)
OVERALL = {
    ChannelVerdict.SUITABLE: Verdict.SUITABLE,
    ChannelVerdict.WITH_SAFEGUARDS: Verdict.WITH_SAFEGUARDS,
    ChannelVerdict.INCOMPLETE: Verdict.INCOMPLETE,
    ChannelVerdict.CONSENT_NEEDED: Verdict.NOT_SUITABLE,
    ChannelVerdict.NOT_ALLOWED: Verdict.NOT_SUITABLE,
}
_EFFECT = {
    "consent": ChannelVerdict.CONSENT_NEEDED,
    "consent_needed": ChannelVerdict.CONSENT_NEEDED,
    "not_allowed": ChannelVerdict.NOT_ALLOWED,
    "exempt": ChannelVerdict.SUITABLE,
}


def most_restrictive(verdicts: Any) -> ChannelVerdict:
    return max(verdicts, key=RANK.__getitem__, default=ChannelVerdict.SUITABLE)


@dataclass(frozen=True)
class Fired:
    """One rule that fired: its id, the items it concerns, what it does."""

    rule: str
    refs: tuple[str, ...] = ()
    effect: str = ""
    level: str = ""


@dataclass(frozen=True)
class Factor:
    """Something that weighs against legitimate interest in a channel's balance."""

    id: str  # a question (q01), a context fact (BAL-BOUGHT), a group (GRP-...) or BAL-CHANNEL
    points: int  # as counted (a group's members together count at most its cap)
    mitigated_by: tuple[str, ...]  # the safeguards that reduce its harm; () = none can
    mitigated: bool  # a chosen safeguard beyond the legal minimum addresses it
    members: tuple[tuple[str, int], ...] = ()  # for a group: (member, points) before the cap
    refs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Balance:
    points: int
    factors: tuple[Factor, ...]
    band: str
    lower: int
    max_points: int | None
    band_verdict: ChannelVerdict
    verdict: ChannelVerdict  # after a lift by safeguards
    lifted: bool


@dataclass(frozen=True)
class ChannelJudgement:
    channel: str
    verdict: ChannelVerdict
    stops: tuple[Fired, ...]  # GDPR stops that decide this channel
    rules: tuple[Fired, ...]  # channel rules of the recipient countries that fired
    balance: Balance | None  # when (part of) the channel is left to the balance
    requires: tuple[str, ...]  # safeguards the law requires of a positive verdict here


@dataclass(frozen=True)
class Judgement:
    channels: tuple[ChannelJudgement, ...]
    stops: tuple[Fired, ...]
    requirements: tuple[Fired, ...]
    overall: Verdict


def _as_list(value: Any) -> list[str]:
    return list(value) if isinstance(value, list) else []


def _question_points(q: Questionnaire, item_id: str, value: Any) -> int:
    balance = q.rules["balance"]
    item = q.items[item_id]
    weighs = item.weighs(value)
    if weighs == "unfavourable":
        return balance["points_unfavourable"] * item.weight
    if weighs == "partial":
        return balance.get("points_partial", 1) * item.weight
    return 0


def _beyond(q: Questionnaire, chosen: set[str], mitigated_by: tuple[str, ...]) -> bool:
    return any(s in chosen and not q.safeguards.get(s, True) for s in mitigated_by)


def common_factors(facts: Mapping[str, Any], q: Questionnaire) -> dict[str, tuple[int, Any]]:
    """Points against from the questions and the context facts that apply to every channel
    (and, under their channel, those restricted to one): {id: (points, spec)}."""
    balance = q.rules["balance"]
    raw: dict[str, tuple[int, Any]] = {}
    for item_id in balance["items"]:
        points = _question_points(q, item_id, facts.get(item_id))
        if points:
            raw[item_id] = (points, q.items[item_id])
    for extra in balance.get("extra", []):
        if holds(extra["when"], facts):
            raw[extra["id"]] = (int(extra["points"]), extra)
    return raw


def weigh(
    facts: Mapping[str, Any],
    q: Questionnaire,
    channel: str,
    chosen: set[str],
    raw: Mapping[str, tuple[int, Any]] | None = None,
) -> Balance:
    """The balance of condition 3 for one channel."""
    rules = q.rules
    balance = rules["balance"]
    raw = common_factors(facts, q) if raw is None else raw
    grouped: dict[str, str] = {m: g["id"] for g in balance.get("group", []) for m in g["members"]}
    factors: list[Factor] = []
    for factor_id, (points, spec) in raw.items():
        channels = spec.get("channels") if isinstance(spec, dict) else None
        if (channels and channel not in channels) or factor_id in grouped:
            continue
        if isinstance(spec, dict):
            mitigated_by, refs = tuple(spec.get("mitigated_by", ())), tuple(spec.get("refs", ()))
        else:
            mitigated_by, refs = tuple(spec.mitigated_by or ()), (factor_id,)
        factors.append(Factor(factor_id, points, mitigated_by, _beyond(q, chosen, mitigated_by), refs=refs))
    for group in balance.get("group", []):
        members = tuple((m, raw[m][0]) for m in group["members"] if m in raw)
        if members:
            points = min(group["cap"], sum(p for _, p in members))
            mitigated_by = tuple(group.get("mitigated_by", ()))
            refs = tuple(m for m, _ in members if m in q.items) or tuple(group["members"][:1])
            factors.append(Factor(group["id"], points, mitigated_by, _beyond(q, chosen, mitigated_by), members, refs))
    channel_points = int(balance.get("channel", {}).get(channel, 0))
    if channel_points:
        mitigated_by = tuple(balance.get("channel_mitigated_by", {}).get(channel, ()))
        factors.append(
            Factor(
                "BAL-CHANNEL", channel_points, mitigated_by, _beyond(q, chosen, mitigated_by), refs=("ctx_channels",)
            )
        )
    total = sum(f.points for f in factors)
    lower = 0
    band = rules["band"][-1]
    for candidate in rules["band"]:
        if "max_points" not in candidate or total <= candidate["max_points"]:
            band = candidate
            break
        lower = candidate["max_points"]
    band_verdict = ChannelVerdict(band["verdict"])
    lifted = "lift_to" in band and all(f.mitigated for f in factors)
    verdict = ChannelVerdict(band["lift_to"]) if lifted else band_verdict
    return Balance(total, tuple(factors), band["id"], lower, band.get("max_points"), band_verdict, verdict, lifted)


def judge(facts: Mapping[str, Any], q: Questionnaire, on: str) -> Judgement:
    """The verdict of every channel in use, and overall, for these facts on this date."""
    rules = q.rules
    chosen = set(_as_list(facts.get("safeguards")))
    countries = _as_list(facts.get("ctx_country"))
    stops = tuple(
        Fired(s["id"], tuple(s.get("refs", ())), s["effect"], s["scope"])
        for s in rules.get("gdpr_stop", [])
        if holds(s["when"], facts)
    )
    stops_all = [s for s in stops if s.level == "all"]
    stops_balance = [s for s in stops if s.level == "balance"]
    raw = common_factors(facts, q)
    judged: list[ChannelJudgement] = []
    for channel in _as_list(facts.get("ctx_channels")):
        fired = [
            r
            for r in q.channel_rules
            if r.covers(channel, countries) and r.in_force(on) and (not r.when or holds(r.when, facts))
        ]
        outcomes = [_EFFECT[s.effect] for s in stops_all]
        segments = [r for r in fired if r.effect in ("consent", "not_allowed", "exempt", "balance")]
        outcomes += [_EFFECT[r.effect] for r in segments if r.effect != "balance"]
        balance = None
        if not segments or any(r.effect == "balance" for r in segments):
            balance = weigh(facts, q, channel, chosen, raw)
            outcomes.append(ChannelVerdict.CONSENT_NEEDED if stops_balance else balance.verdict)
        requires = list(q.required_safeguards(channel))
        for rule in fired:
            requires += [s for s in rule.requires if s not in requires]
        decisive = stops_all + (stops_balance if balance is not None else [])
        judged.append(
            ChannelJudgement(
                channel,
                most_restrictive(outcomes),
                tuple(decisive),
                tuple(Fired(r.id, r.refs, r.effect) for r in fired),
                balance,
                tuple(requires),
            )
        )
    requirements = tuple(
        Fired(r["id"], tuple(r.get("refs", ()))) for r in rules.get("requirement", []) if holds(r["when"], facts)
    )
    overall = OVERALL[most_restrictive(c.verdict for c in judged)] if judged else Verdict.INCOMPLETE
    return Judgement(tuple(judged), stops, requirements, overall)
