"""Properties of the advice engine over many generated assessments (hypothesis).

The generated assessments vary what the advice turns on: countries, channels, recipients,
the exemption conditions, registers, sources, profiling, disclosure, special data, the date,
every question (open answers included) and the safeguards.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lia_desktop.assets import questionnaire as shipped
from lia_desktop.domain.evaluation import POSITIVE_VERDICTS, evaluate
from lia_desktop.domain.judgement import RANK as CHANNEL_RANK
from lia_desktop.domain.judgement import ChannelVerdict
from lia_desktop.domain.model import LANGUAGES, Verdict
from tests.conftest import make_assessment

Q = shipped()
# overall verdicts from the most to the least permissive
RANK = {Verdict.SUITABLE: 0, Verdict.WITH_SAFEGUARDS: 1, Verdict.INCOMPLETE: 2, Verdict.NOT_SUITABLE: 3}
WEIGHED = [*Q.question_ids, "c1", "c2"]
CHOICES = [
    "ctx_audience", "ctx_relationship", "b2b_related", "src_named", "src_consent_basis", "ctx_data_age",
    "ctx_scale", "ctx_profiling", "disc_informed", "ctx_children", "ctx_special", "fr_sector_ban",
]  # fmt: skip
CHECKS = ["e_sale", "e_negotiation", "e_similar", "e_optout_collect", "e_optout_message", "ph_list", "ph_contract",
          "ph_nl_sector", "po_list", "on_tracking"]  # fmt: skip


def _subset(item_id: str):
    return st.lists(st.sampled_from(Q.items[item_id].options), min_size=1, unique=True)


def assessments():
    """Complete assessments (every required answer given) with any answer for what weighs."""
    answers = {item: st.sampled_from(Q.items[item].options) for item in WEIGHED + CHOICES}
    answers |= {item: st.booleans() for item in CHECKS}
    for multi in ("ctx_country", "ctx_channels", "b2b_address", "ctx_sources", "ctx_disclosure"):
        answers[multi] = _subset(multi)
    answers["assessment_date"] = st.sampled_from(["2020-01-15", "2026-03-15", "2026-07-15", "2026-11-29"])
    return st.fixed_dictionaries(answers).flatmap(
        lambda a: st.lists(st.sampled_from(sorted(Q.safeguards)), unique=True).map(lambda s: (a, tuple(s)))
    )


def build(answers, safeguards, language="nl"):
    return make_assessment(language=language, safeguards=safeguards, **answers)


def _open_option(item_id):
    return Q.items[item_id].unsure[0] if Q.items[item_id].unsure else None


SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(assessments())
def test_a_complete_assessment_always_gets_advice_with_reasons_for_every_channel(case):
    result = evaluate(build(*case), Q)
    assert result.missing == ()
    assert {c.channel for c in result.channels} == set(case[0]["ctx_channels"])
    for advice in result.channels:
        assert advice.reasons or advice.verdict is ChannelVerdict.SUITABLE
        assert all(f.text.strip() and "{" not in f.text for f in advice.reasons)
    if result.verdict is Verdict.INCOMPLETE:
        assert result.to_find_out and result.outcomes


@SETTINGS
@given(assessments())
def test_the_overall_verdict_is_never_more_permissive_than_any_channel(case):
    result = evaluate(build(*case), Q)
    worst = max(result.channels, key=lambda c: CHANNEL_RANK[c.verdict]).verdict
    expected = {
        ChannelVerdict.SUITABLE: Verdict.SUITABLE,
        ChannelVerdict.WITH_SAFEGUARDS: Verdict.WITH_SAFEGUARDS,
        ChannelVerdict.INCOMPLETE: Verdict.INCOMPLETE,
        ChannelVerdict.CONSENT_NEEDED: Verdict.NOT_SUITABLE,
        ChannelVerdict.NOT_ALLOWED: Verdict.NOT_SUITABLE,
    }[worst]
    assert result.verdict is expected


@SETTINGS
@given(assessments())
def test_a_channel_whose_rules_require_consent_is_never_reported_suitable(case):
    result = evaluate(build(*case), Q)
    consent_rules = {r.id for r in Q.channel_rules if r.effect in ("consent", "not_allowed")}
    for advice in result.channels:
        fired = {f.rule for f in advice.reasons}
        if fired & consent_rules and advice.best is advice.worst:
            assert advice.verdict in (ChannelVerdict.CONSENT_NEEDED, ChannelVerdict.NOT_ALLOWED)


@SETTINGS
@given(assessments(), st.sampled_from(WEIGHED + [c for c in CHOICES if _open_option(c)]))
def test_adding_a_dont_know_never_turns_a_positive_verdict_into_not_suitable(case, item_id):
    answers, safeguards = case
    before = evaluate(build(answers, safeguards), Q)
    option = _open_option(item_id)
    if before.verdict not in POSITIVE_VERDICTS or option is None:
        return
    after = evaluate(build(dict(answers, **{item_id: option}), safeguards), Q)
    assert after.verdict is not Verdict.NOT_SUITABLE


@SETTINGS
@given(assessments())
def test_the_same_answers_give_the_same_advice_in_every_language(case):
    results = [evaluate(build(*case, language=lang), Q) for lang in LANGUAGES]
    shapes = {(r.verdict, r.rule_ids, r.points, tuple((c.channel, c.verdict) for c in r.channels)) for r in results}
    assert len(shapes) == 1


@SETTINGS
@given(assessments(), st.sampled_from(WEIGHED))
def test_an_answer_turning_against_never_improves_the_advice(case, question):
    answers, safeguards = case
    item = Q.items[question]
    better = evaluate(build(dict(answers, **{question: item.favourable[0]}), safeguards), Q)
    worse = evaluate(build(dict(answers, **{question: item.unfavourable[0]}), safeguards), Q)
    assert RANK[worse.verdict] >= RANK[better.verdict] or better.verdict is Verdict.INCOMPLETE
    for b, w in zip(better.channels, worse.channels, strict=True):
        assert CHANNEL_RANK[w.worst] >= CHANNEL_RANK[b.worst]


@SETTINGS
@given(assessments(), st.sampled_from(sorted(Q.safeguards)))
def test_adding_a_safeguard_never_worsens_the_advice(case, safeguard):
    answers, safeguards = case
    without = tuple(s for s in safeguards if s != safeguard)
    fewer = evaluate(build(answers, without), Q)
    more = evaluate(build(answers, (*without, safeguard)), Q)
    for f, m in zip(fewer.channels, more.channels, strict=True):
        assert CHANNEL_RANK[m.worst] <= CHANNEL_RANK[f.worst]
        assert CHANNEL_RANK[m.best] <= CHANNEL_RANK[f.best]


@SETTINGS
@given(assessments())
def test_a_gdpr_stop_of_every_channel_leaves_no_channel_positive(case):
    result = evaluate(build(*case), Q)
    stops_all = {s["id"] for s in Q.rules["gdpr_stop"] if s["scope"] == "all"}
    if stops_all & {f.rule for f in result.reasons}:
        assert result.verdict is Verdict.NOT_SUITABLE
        assert all(c.verdict not in (ChannelVerdict.SUITABLE, ChannelVerdict.WITH_SAFEGUARDS) for c in result.channels)
