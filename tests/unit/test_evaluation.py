"""The advice engine: hard stops, balance, safeguards, contradictions, channel notes."""

from __future__ import annotations

import pytest

from lia_desktop.domain.evaluation import evaluate
from lia_desktop.domain.model import LANGUAGES, Verdict
from tests.conftest import make_assessment

BASELINE = ("s_optout", "s_suppression", "s_notice", "s_minimise", "s_retention")


def verdict_of(questionnaire, **changes):
    return evaluate(make_assessment(**changes), questionnaire)


def test_all_favourable_is_suitable_with_the_legal_minimum_as_conditions(questionnaire):
    result = verdict_of(questionnaire)
    assert result.verdict is Verdict.SUITABLE
    assert result.points == 0
    assert result.counts == {"favourable": 10, "unfavourable": 0, "open": 0, "unanswered": 0}
    assert [f.rule for f in result.reasons] == ["BAL-TOTAL", "BAND-SUITABLE"]
    # "provided you ...": every baseline safeguard not yet chosen
    assert [f.rule for f in result.requirements] == ["REQ-BASELINE"] * len(BASELINE)
    assert result.contradictions == ()
    assert result.conditions == {"c1": "met", "c2": "met", "c3": "met"}
    assert result.advised_decision == "dec_li"


def test_choosing_the_baseline_safeguards_clears_the_conditions(questionnaire):
    result = evaluate(make_assessment(safeguards=BASELINE), questionnaire)
    assert result.verdict is Verdict.SUITABLE
    assert result.requirements == ()


def test_a_blank_assessment_is_incomplete_and_names_what_is_missing(questionnaire):
    result = verdict_of(questionnaire, q03=None, r4=None)
    assert result.verdict is Verdict.INCOMPLETE
    assert result.missing == ("q03", "r4")
    assert result.reasons[0].rule == "INCOMPLETE"
    assert questionnaire.texts("nl").label("q03") in result.reasons[0].text
    assert result.conditions["c3"] == "open"
    assert result.advised_decision is None


def test_soft_opt_in_questions_are_not_required_for_post_only(questionnaire):
    result = verdict_of(
        questionnaire,
        ctx_channels=["ch_post"],
        e_sale=None,
        e_similar=None,
        e_optout_collect=None,
        e_optout_message=None,
        po_list=True,
    )
    assert result.verdict is Verdict.SUITABLE


@pytest.mark.parametrize(
    ("rule", "changes"),
    [
        ("HS-C1", {"c1": "no"}),
        ("HS-C1", {"c1": "unsure"}),
        ("HS-C2", {"c2": "no"}),
        ("HS-C2", {"c2": "unsure"}),
        ("HS-Q10", {"q10": "q10_other_way"}),
        ("HS-SPECIAL", {"ctx_special": "special_yes"}),
        ("HS-CHILDREN", {"ctx_children": "children_targeted"}),
        ("HS-R4", {"r4": "no"}),
    ],
)
def test_each_hard_stop_makes_legitimate_interest_unsuitable(questionnaire, rule, changes):
    result = evaluate(make_assessment(safeguards=(*BASELINE, "s_frequency", "s_preferences"), **changes), questionnaire)
    assert result.verdict is Verdict.NOT_SUITABLE
    assert rule in result.rule_ids
    assert result.reasons[0].rule == rule
    assert result.requirements == ()
    assert result.advised_decision == "dec_consent"


def test_a_hard_stop_is_reported_even_while_answers_are_missing(questionnaire):
    result = verdict_of(questionnaire, ctx_special="special_yes", q05=None)
    assert result.verdict is Verdict.NOT_SUITABLE
    assert result.missing == ("q05",)


def test_a_less_intrusive_way_fails_the_necessity_condition(questionnaire):
    result = verdict_of(questionnaire, q10="q10_other_way")
    assert result.conditions["c2"] == "not_met"
    assert "X-NECESSARY-OTHERWAY" in result.rule_ids


def test_one_unfavourable_key_answer_needs_safeguards(questionnaire):
    result = verdict_of(questionnaire, q09="yes")  # 2 points x weight 2
    assert result.points == 4
    assert result.verdict is Verdict.WITH_SAFEGUARDS
    assert [f.rule for f in result.reasons] == ["BAL-AGAINST", "BAL-TOTAL", "BAND-SAFEGUARDS"]
    assert result.reasons[0].refs == ("q09",)
    mitigate = [f for f in result.requirements if f.rule == "REQ-MITIGATE"]
    assert [f.refs[0] for f in mitigate] == ["q09"]


def test_dont_know_weighs_half_as_much_as_unfavourable(questionnaire):
    assert verdict_of(questionnaire, q03="unsure").points == 1
    assert verdict_of(questionnaire, q03="no").points == 2
    assert verdict_of(questionnaire, q01="unsure").points == 2


def test_the_band_edges(questionnaire):
    # 6 points: q01 unfavourable (4) + q03 unfavourable (2)
    at_edge = verdict_of(questionnaire, q01="no", q03="no")
    assert (at_edge.points, at_edge.verdict) == (6, Verdict.WITH_SAFEGUARDS)
    # 7 points: one more open answer tips into "against"
    over = verdict_of(questionnaire, q01="no", q03="no", q05="unsure")
    assert (over.points, over.verdict) == (7, Verdict.NOT_SUITABLE)
    assert "BAND-AGAINST" in over.rule_ids
    assert over.conditions["c3"] == "not_met"


def test_safeguards_beyond_the_law_lift_the_against_band(questionnaire):
    against = dict(q01="no", q09="yes")  # 8 points
    assert verdict_of(questionnaire, **against).verdict is Verdict.NOT_SUITABLE
    lifted = evaluate(make_assessment(safeguards=("s_frequency",), **against), questionnaire)
    assert lifted.verdict is Verdict.WITH_SAFEGUARDS
    assert lifted.rule_ids[-1] != "LIFT-MITIGATED"  # requirements and notes follow the reasons
    assert "LIFT-MITIGATED" in [f.rule for f in lifted.reasons]
    assert lifted.conditions["c3"] == "met"


def test_baseline_safeguards_never_lift(questionnaire):
    # s_notice mitigates q01 but is required by law anyway (EDPB: only measures beyond it count).
    result = evaluate(make_assessment(safeguards=BASELINE, q01="no", q07="no", q03="no"), questionnaire)
    assert result.points == 8
    assert result.verdict is Verdict.NOT_SUITABLE


def test_lifting_needs_every_point_against_addressed(questionnaire):
    against = dict(q01="no", q09="yes", q05="no")  # 10 points; q05 is mitigated by s_preferences only
    only_some = evaluate(make_assessment(safeguards=("s_frequency",), **against), questionnaire)
    assert only_some.verdict is Verdict.NOT_SUITABLE
    all_of_them = evaluate(make_assessment(safeguards=("s_frequency", "s_preferences"), **against), questionnaire)
    assert all_of_them.verdict is Verdict.WITH_SAFEGUARDS


def test_far_against_cannot_be_lifted(questionnaire):
    against = dict(q01="no", q02="yes", q09="yes", q05="no")  # 14 points
    every = tuple(questionnaire.safeguards)
    result = evaluate(make_assessment(safeguards=every, **against), questionnaire)
    assert result.points == 14
    assert result.verdict is Verdict.NOT_SUITABLE
    assert "BAND-FAR-AGAINST" in result.rule_ids


def test_context_facts_add_points(questionnaire):
    children = verdict_of(questionnaire, ctx_children="children_possible")
    assert (children.points, children.verdict) == (2, Verdict.WITH_SAFEGUARDS)
    assert "BAL-CHILDREN" in children.rule_ids
    bought = verdict_of(questionnaire, ctx_sources=["src_bought"], q08="q08_indirect")
    assert bought.points == 4
    assert "BAL-BOUGHT" in bought.rule_ids


@pytest.mark.parametrize(
    ("rule", "changes"),
    [
        ("X-INDIRECT-EXPECTED", {"q08": "q08_indirect", "ctx_sources": ["src_partner"]}),
        ("X-NOINFO-EXPECTED", {"q07": "no"}),
        ("X-NORELATION-EXPECTED", {"q04": "q04_none", "ctx_relationship": "rel_both"}),
        ("X-INTRUSIVE-EXPECTED", {"q09": "yes", "q02": "yes"}),
        ("X-INTRUSIVE-HARMLESS", {"q09": "yes", "q01": "no"}),
        ("X-NECESSARY-OTHERWAY", {"q10": "q10_other_way"}),
        ("X-BOUGHT-DIRECT", {"ctx_sources": ["src_bought"]}),
        ("X-EXISTING-NORELATION", {"q04": "q04_none", "q01": "no"}),
        ("X-PROSPECTS-SALE", {"ctx_relationship": "rel_prospects"}),
    ],
)
def test_each_contradiction_is_flagged_alone(questionnaire, rule, changes):
    result = verdict_of(questionnaire, **changes)
    assert [f.rule for f in result.contradictions] == [rule]


def test_contradictions_do_not_change_the_verdict(questionnaire):
    plain = verdict_of(questionnaire, q07="no", q01="unsure")
    contradictory = verdict_of(questionnaire, q07="no", q01="yes")
    assert contradictory.contradictions and not plain.contradictions
    assert contradictory.verdict is Verdict.WITH_SAFEGUARDS


# ------------------------------------------------------------------ channel notes


def notes(result):
    return [f.rule for f in result.channel_notes]


def test_soft_opt_in_to_existing_customers_needs_no_consent(questionnaire):
    result = verdict_of(questionnaire)
    assert notes(result) == ["CH-ELEC-SOFT-OPTIN", "CH-ELEC-BE", "CH-CHECK-AUTHORITY"]
    assert result.channel_consent is False


@pytest.mark.parametrize("missing", ["e_sale", "e_similar", "e_optout_collect"])
def test_email_to_consumers_without_soft_opt_in_needs_consent(questionnaire, missing):
    result = verdict_of(questionnaire, **{missing: False})
    assert "CH-ELEC-CONSENT" in notes(result)
    assert "CH-ELEC-SOFT-OPTIN" not in notes(result)
    assert result.channel_consent is True


def test_email_to_prospects_needs_consent_and_an_opt_out(questionnaire):
    result = verdict_of(questionnaire, ctx_relationship="rel_prospects", e_sale=False, e_optout_message=False)
    assert notes(result)[:2] == ["CH-ELEC-CONSENT", "CH-ELEC-OPTOUT"]
    assert {f.level for f in result.channel_notes if f.rule != "CH-CHECK-AUTHORITY"} >= {"warning"}


def test_b2b_email_gets_the_b2b_note_and_no_consumer_consent(questionnaire):
    result = verdict_of(
        questionnaire,
        ctx_audience="aud_b2b",
        ctx_country="country_nl",
        e_sale=None,
        e_similar=None,
        e_optout_collect=None,
    )
    assert notes(result) == ["CH-ELEC-B2B", "CH-ELEC-NL", "CH-CHECK-AUTHORITY"]
    assert result.channel_consent is False


def test_phone_in_belgium_and_the_netherlands(questionnaire):
    be = verdict_of(questionnaire, ctx_channels=["ch_phone"], ph_list=True)
    assert notes(be) == ["CH-PHONE-BE", "CH-CHECK-AUTHORITY"]
    nl_prospects = verdict_of(
        questionnaire,
        ctx_channels=["ch_phone"],
        ctx_country="country_nl",
        ctx_relationship="rel_prospects",
        e_sale=None,
    )
    assert notes(nl_prospects) == ["CH-PHONE-NL", "CH-PHONE-LIST", "CH-CHECK-AUTHORITY"]
    assert nl_prospects.channel_consent is True
    nl_customers = verdict_of(questionnaire, ctx_channels=["ch_phone"], ctx_country="country_nl", ph_list=True)
    assert nl_customers.channel_consent is False


def test_post_respects_the_opt_out_lists(questionnaire):
    unchecked = verdict_of(questionnaire, ctx_channels=["ch_post"])
    assert notes(unchecked) == ["CH-POST-BE", "CH-POST-LIST", "CH-CHECK-AUTHORITY"]
    checked = verdict_of(questionnaire, ctx_channels=["ch_post"], ctx_country="country_nl", po_list=True)
    assert notes(checked) == ["CH-POST-NL", "CH-CHECK-AUTHORITY"]
    other = verdict_of(questionnaire, ctx_channels=["ch_post"], ctx_country="country_other", po_list=True)
    assert notes(other) == ["CH-CHECK-AUTHORITY"]


def test_online_tracking_without_consent(questionnaire):
    result = verdict_of(questionnaire, ctx_channels=["ch_online"])
    assert notes(result) == ["CH-ONLINE", "CH-CHECK-AUTHORITY"]
    assert result.channel_consent is True
    assert notes(verdict_of(questionnaire, ctx_channels=["ch_online"], on_tracking=True))[0] == "CH-ONLINE-OK"


# ------------------------------------------------------------------ one advice, three languages

CASES = [
    {},
    {"q09": "yes"},
    {"q01": "no", "q09": "yes"},
    {"c1": "no", "q07": "no", "q01": "yes"},
    {"q03": None},
    {"ctx_channels": ["ch_email", "ch_phone", "ch_post", "ch_online"], "ctx_relationship": "rel_both"},
]


@pytest.mark.parametrize("changes", CASES)
def test_the_same_answers_give_the_same_advice_in_every_language(questionnaire, changes):
    results = {lang: evaluate(make_assessment(language=lang, **changes), questionnaire) for lang in LANGUAGES}
    first = results["nl"]
    for lang, result in results.items():
        assert result.language == lang
        assert (result.verdict, result.rule_ids, result.points, result.conditions, result.missing) == (
            first.verdict,
            first.rule_ids,
            first.points,
            first.conditions,
            first.missing,
        )
    # the texts differ, and no placeholder is left unfilled
    assert len({results[lang].reasons[0].text for lang in LANGUAGES}) == 3
    for result in results.values():
        for finding in (*result.reasons, *result.requirements, *result.contradictions, *result.channel_notes):
            assert "{" not in finding.text and finding.text.strip()


def test_evaluating_in_another_language_than_the_assessment(questionnaire):
    assessment = make_assessment(language="fr", q09="yes")
    english = evaluate(assessment, questionnaire, "en")
    assert english.language == "en"
    assert english.summary.startswith("You can rely on legitimate interest")


# ------------------------------------------------------------------ the decision


def test_a_decision_against_the_advice_needs_a_rationale(questionnaire):
    assessment = make_assessment(q01="no", q09="yes")  # not suitable -> advised consent
    assessment.decision = "dec_li"
    assert evaluate(assessment, questionnaire).rationale_required is True
    assessment.decision = "dec_consent"
    assert evaluate(assessment, questionnaire).rationale_required is False
    assessment.decision = "dec_stop"
    assert evaluate(assessment, questionnaire).rationale_required is False


def test_preferring_consent_over_suitable_advice_needs_a_rationale_too(questionnaire):
    assessment = make_assessment()
    assessment.decision = "dec_consent"
    assert evaluate(assessment, questionnaire).rationale_required is True


def test_answers_to_items_that_no_longer_apply_count_for_nothing(questionnaire):
    # the soft opt-in boxes were ticked, then e-mail was dropped for post to prospects
    result = verdict_of(
        questionnaire,
        ctx_channels=["ch_post"],
        ctx_relationship="rel_prospects",
        po_list=True,
        q04="q04_none",
        q01="no",
    )
    assert "X-PROSPECTS-SALE" not in result.rule_ids
    assert not any(rule.startswith("CH-ELEC") for rule in result.rule_ids)
    with_email = verdict_of(questionnaire, ctx_relationship="rel_prospects", q04="q04_none", q01="no")
    assert "X-PROSPECTS-SALE" in with_email.rule_ids
