"""The advice engine: GDPR stops, channel rules per country, the balance, open answers."""

from __future__ import annotations

import pytest

from lia_desktop.domain.evaluation import evaluate
from lia_desktop.domain.judgement import ChannelVerdict as CV
from lia_desktop.domain.model import LANGUAGES, Verdict
from tests.conftest import make_assessment

LEGAL_EMAIL = ("s_optout", "s_suppression", "s_notice", "s_objection_first", "s_minimise", "s_retention")
LEGAL_POST = ("s_suppression", "s_notice", "s_objection_first", "s_minimise", "s_retention")
# A cold postal mailing to prospects from a lawfully sourced, transparent list (Experian, the
# Brussels Market Court on 76/2025): the distance weighs once, the letter is the mildest channel.
COLD_POST = {
    "ctx_channels": ["ch_post"],
    "ctx_relationship": "rel_prospects",
    "ctx_sources": ["src_bought"],
    "src_named": "yes",
    "src_consent_basis": "no",
    "q04": "q04_none",
    "q05": "no",
    "q08": "q08_indirect",
    "po_list": True,
}


def verdict_of(questionnaire, safeguards=(), **changes):
    return evaluate(make_assessment(safeguards=safeguards, **changes), questionnaire)


def channels(result):
    return {c.channel: c.verdict for c in result.channels}


# ------------------------------------------------------------------ the basics


def test_a_textbook_soft_opt_in_is_suitable_once_the_legal_minimum_is_applied(questionnaire):
    result = verdict_of(questionnaire)
    assert result.verdict is Verdict.SUITABLE
    assert channels(result) == {"ch_email": CV.SUITABLE}
    assert "BE-ELEC-SOFTOPTIN" in [f.rule for f in result.channel("ch_email").reasons]
    # "suitable once you apply": the safeguards the law requires for e-mail
    assert [f.rule for f in result.requirements] == ["REQ-BASELINE"] * len(LEGAL_EMAIL)
    assert result.pending_legal == LEGAL_EMAIL
    assert "once you apply" in evaluate(make_assessment(language="en"), questionnaire).summary
    done = verdict_of(questionnaire, safeguards=LEGAL_EMAIL)
    assert done.requirements == () and done.pending_legal == ()
    assert evaluate(make_assessment(language="en", safeguards=LEGAL_EMAIL), questionnaire).summary.startswith(
        "You can rely on legitimate interest for every channel"
    )
    assert done.conditions == {"c1": "met", "c2": "met", "c3": "not_needed"}
    assert done.advised_decision == "dec_li"


def test_a_missing_answer_makes_the_advice_incomplete_and_names_it(questionnaire):
    result = verdict_of(questionnaire, q03=None, r4=None)
    assert result.verdict is Verdict.INCOMPLETE
    assert result.missing == ("q03", "r4")
    assert result.reasons[0].rule == "INCOMPLETE"
    assert questionnaire.texts("nl").label("q03") in result.reasons[0].text
    assert result.advised_decision is None


def test_a_negative_verdict_stands_while_answers_are_missing(questionnaire):
    result = verdict_of(questionnaire, ctx_special="special_yes", q05=None)
    assert result.verdict is Verdict.NOT_SUITABLE
    assert result.missing == ("q05",)


def test_no_channel_no_advice(questionnaire):
    assert verdict_of(questionnaire, ctx_channels=None).verdict is Verdict.INCOMPLETE


# ------------------------------------------------------------------ GDPR stops


@pytest.mark.parametrize(
    ("rule", "changes", "effect"),
    [
        ("HS-SPECIAL", {"ctx_special": "special_yes"}, CV.CONSENT_NEEDED),
        ("HS-SPECIAL", {"ctx_special": "special_inferred"}, CV.CONSENT_NEEDED),
        ("HS-CHILDREN", {"ctx_children": "children_targeted"}, CV.CONSENT_NEEDED),
        ("HS-R4", {"r4": "no"}, CV.NOT_ALLOWED),
        ("HS-CRIMINAL", {"ctx_data": ["data_contact", "data_criminal"]}, CV.NOT_ALLOWED),
        ("HS-DISCLOSURE", {"ctx_disclosure": ["disc_partners"], "disc_informed": "no"}, CV.CONSENT_NEEDED),
        (
            "HS-CONSENT-BASIS",
            {"ctx_sources": ["src_partner"], "src_named": "yes", "src_consent_basis": "yes"},
            CV.CONSENT_NEEDED,
        ),
    ],
)
def test_gdpr_stops_of_scope_all_decide_every_channel_even_under_an_exemption(questionnaire, rule, changes, effect):
    result = verdict_of(
        questionnaire,
        safeguards=(*LEGAL_EMAIL, "s_frequency"),
        ctx_channels=["ch_email", "ch_post"],
        po_list=True,
        **changes,
    )
    assert result.verdict is Verdict.NOT_SUITABLE
    assert channels(result) == {"ch_email": effect, "ch_post": effect}
    assert rule in [f.rule for f in result.reasons]
    assert result.requirements == () or all(f.rule.startswith("REQ-R") for f in result.requirements)


@pytest.mark.parametrize(
    ("rule", "changes"), [("HS-C1", {"c1": "no"}), ("HS-C2", {"c2": "no"}), ("HS-C2", {"q10": "q10_other_way"})]
)
def test_conditions_1_and_2_decide_where_the_balance_decides(questionnaire, rule, changes):
    # Art. 6(1)(f) conditions: they do not apply where the soft opt-in carries the e-mail
    # (CJEU C-654/23), and decide the post, which rests on the balance.
    result = verdict_of(questionnaire, ctx_channels=["ch_email", "ch_post"], po_list=True, **changes)
    assert channels(result) == {"ch_email": CV.SUITABLE, "ch_post": CV.CONSENT_NEEDED}
    assert rule in [f.rule for f in result.channel("ch_post").reasons]


def test_necessity_is_one_fact_asked_twice(questionnaire):
    # c2 and q10 ask the same; the less favourable counts and the difference is flagged
    result = verdict_of(questionnaire, ctx_channels=["ch_post"], po_list=True, q10="q10_other_way")
    assert result.conditions["c2"] == "not_met"
    assert "X-NECESSARY-OTHERWAY" in result.rule_ids
    # never weighed twice: q10 is not a balance question
    assert "q10" not in questionnaire.rules["balance"]["items"]


# ------------------------------------------------------------------ open answers


def test_dont_know_is_never_a_point_against(questionnaire):
    post = {"ctx_channels": ["ch_post"], "po_list": True}
    assert verdict_of(questionnaire, q03="unsure", **post).points == 0
    assert verdict_of(questionnaire, q03="no", **post).points == 2


def test_six_honest_dont_knows_on_a_textbook_soft_opt_in_still_give_suitable(questionnaire):
    unsure = {q: "unsure" for q in ("q01", "q02", "q03", "q05", "q06", "q09")}
    result = verdict_of(questionnaire, safeguards=LEGAL_EMAIL, **unsure)
    assert result.verdict is Verdict.SUITABLE
    assert result.open_items == ("q01", "q02", "q03", "q05", "q06", "q09")
    assert result.to_find_out == ()
    assert result.holds_regardless
    assert "UNK-HOLDS" in result.rule_ids


def test_open_answers_that_could_turn_the_verdict_make_it_incomplete_with_what_to_find_out(questionnaire):
    result = verdict_of(questionnaire, **{**COLD_POST, "q01": "unsure", "q09": "unsure", "q03": "unsure"})
    post = result.channel("ch_post")
    assert result.verdict is Verdict.INCOMPLETE
    assert (post.verdict, post.best, post.worst) == (CV.INCOMPLETE, CV.WITH_SAFEGUARDS, CV.CONSENT_NEEDED)
    # q03 alone cannot turn it (4 + 2 stays "with safeguards"); q01 and q09 can
    assert set(result.to_find_out) == {"q01", "q09"}
    assert [f.rule for f in result.outcomes] == ["UNK-IF"]
    assert result.advised_decision is None


def test_dont_know_on_condition_1_is_to_find_out_not_a_stop(questionnaire):
    result = verdict_of(questionnaire, ctx_channels=["ch_post"], po_list=True, c1="unsure")
    assert result.verdict is Verdict.INCOMPLETE
    assert result.to_find_out == ("c1",)
    assert result.conditions["c1"] == "open"
    assert verdict_of(questionnaire, ctx_channels=["ch_post"], po_list=True, c1="no").verdict is Verdict.NOT_SUITABLE


# ------------------------------------------------------------------ the balance


def test_one_fact_weighs_once(questionnaire):
    # no relationship, no two-way contact, indirect data and a bought list: 8 raw, counted 4
    result = verdict_of(questionnaire, **COLD_POST)
    rules = [f.rule for f in result.reasons]
    assert {"BAL-AGAINST", "BAL-BOUGHT", "GRP-DISTANCE"} <= set(rules)
    assert result.channel("ch_post").points == 4
    assert result.verdict is Verdict.WITH_SAFEGUARDS


def test_a_lawful_cold_postal_mailing_passes_with_safeguards_but_not_by_phone_or_email(questionnaire):
    chosen = (*LEGAL_POST, "s_first_contact_notice", "s_source_check")
    post = verdict_of(questionnaire, safeguards=chosen, **COLD_POST)
    assert post.verdict is Verdict.WITH_SAFEGUARDS and post.requirements == ()
    both = verdict_of(questionnaire, safeguards=chosen, **{**COLD_POST, "ctx_channels": ["ch_post", "ch_email"]})
    assert channels(both) == {"ch_post": CV.WITH_SAFEGUARDS, "ch_email": CV.CONSENT_NEEDED}
    assert both.verdict is Verdict.NOT_SUITABLE
    nl_phone = verdict_of(
        questionnaire, safeguards=chosen, **{**COLD_POST, "ctx_channels": ["ch_phone"], "ctx_country": ["country_nl"]}
    )
    assert channels(nl_phone) == {"ch_phone": CV.CONSENT_NEEDED}


def test_intrusiveness_depends_on_the_channel(questionnaire):
    # the same answers, UK (no consent rule for screened calls, nor for a soft-opt-in e-mail)
    base = {"ctx_country": ["country_uk"], "ph_list": True, "po_list": True, "q09": "yes"}
    points = {
        ch: verdict_of(questionnaire, ctx_channels=[ch], **base).channel(ch).points
        for ch in ("ch_post", "ch_email", "ch_sms", "ch_phone")
    }
    assert points == {"ch_post": 4, "ch_email": 5, "ch_sms": 6, "ch_phone": 7}


def test_the_band_edges_on_the_post(questionnaire):
    post = {"ctx_channels": ["ch_post"], "po_list": True}
    at_edge = verdict_of(questionnaire, q02="yes", q03="no", **post)  # 4 + 2
    assert (at_edge.points, at_edge.verdict) == (6, Verdict.WITH_SAFEGUARDS)
    over = verdict_of(questionnaire, q02="yes", q03="no", q04="q04_contact", **post)  # + 1 (partial)
    assert (over.points, over.verdict) == (7, Verdict.NOT_SUITABLE)
    assert over.conditions["c3"] == "not_met"


def test_safeguards_lift_only_the_harm_they_reduce(questionnaire):
    post = {"ctx_channels": ["ch_post"], "po_list": True}
    # not expected and intrusive: publishing the assessment does not make marketing expected
    against = dict(q01="no", q09="yes", **post)
    lifted_before = verdict_of(questionnaire, safeguards=("s_lia_on_request", "s_frequency"), **against)
    assert lifted_before.verdict is Verdict.NOT_SUITABLE
    assert "NOMIT-q01" in [f.rule for f in lifted_before.channel("ch_post").reasons]
    # harm and intrusiveness: each reduced by a fitting safeguard beyond the law
    fitting = verdict_of(
        questionnaire, safeguards=("s_exclude_vulnerable", "s_frequency"), q02="yes", q09="yes", **post
    )
    assert fitting.verdict is Verdict.WITH_SAFEGUARDS
    assert "LIFT-MITIGATED" in [f.rule for f in fitting.channel("ch_post").reasons]
    not_fitting = verdict_of(questionnaire, safeguards=("s_one_click_optout",), q02="yes", q09="yes", **post)
    assert not_fitting.verdict is Verdict.NOT_SUITABLE


def test_baseline_safeguards_never_lift(questionnaire):
    post = {"ctx_channels": ["ch_post"], "po_list": True}
    result = verdict_of(questionnaire, safeguards=LEGAL_POST, q02="yes", q09="yes", **post)
    assert result.verdict is Verdict.NOT_SUITABLE


def test_far_against_cannot_be_lifted(questionnaire):
    post = {"ctx_channels": ["ch_post"], "po_list": True}
    result = verdict_of(
        questionnaire,
        safeguards=tuple(questionnaire.safeguards),
        q02="yes",
        q09="yes",
        q03="no",
        q06="no",
        q07="no",
        **post,
    )
    assert result.points == 14
    assert result.verdict is Verdict.NOT_SUITABLE
    assert "BAND-FAR-AGAINST" in result.rule_ids


def test_every_factor_says_what_reduces_it_or_why_nothing_can(questionnaire):
    q = questionnaire
    for item_id in q.rules["balance"]["items"]:
        grouped = any(item_id in g["members"] for g in q.rules["balance"]["group"])
        assert grouped or q.items[item_id].mitigated_by is not None
    for factor in q.unmitigable():
        for lang in LANGUAGES:
            assert q.texts(lang).rule(f"NOMIT-{factor}").strip()


@pytest.mark.parametrize(
    ("changes", "rule"),
    [
        ({"ctx_children": "children_possible"}, "BAL-CHILDREN"),
        ({"ctx_data_age": "age_old"}, "BAL-AGE-OLD"),
        ({"ctx_profiling": "prof_detailed"}, "BAL-PROFILING"),
        ({"ctx_profiling": "prof_tracking"}, "BAL-TRACKING"),
        ({"ctx_data": ["data_contact", "data_financial"]}, "BAL-FINANCIAL"),
        ({"ctx_disclosure": ["disc_partners"], "disc_informed": "yes"}, "BAL-PARTNERS"),
        ({"ctx_disclosure": ["disc_platforms"], "disc_informed": "yes"}, "BAL-PLATFORMS"),
        ({"ctx_sources": ["src_bought"], "src_named": "no", "src_consent_basis": "no"}, "BAL-SOURCE-SILENT"),
    ],
)
def test_the_facts_real_cases_turned_on_weigh_in_the_balance(questionnaire, changes, rule):
    result = verdict_of(questionnaire, ctx_channels=["ch_post"], po_list=True, **changes)
    assert rule in result.rule_ids
    assert result.points > 0


def test_not_checking_the_mail_preference_list_weighs_on_the_post_only(questionnaire):
    result = verdict_of(questionnaire, ctx_channels=["ch_post", "ch_email"], po_list=False)
    assert result.channel("ch_post").points == 2
    assert "BAL-POST-LIST" in [f.rule for f in result.channel("ch_post").reasons]
    assert result.channel("ch_email").verdict is CV.SUITABLE


# ------------------------------------------------------------------ channel rules by country


def test_bakery_newsletter_to_prospects_reads_consent_needed_in_the_headline(questionnaire):
    result = verdict_of(
        questionnaire, safeguards=LEGAL_EMAIL, ctx_relationship="rel_prospects", q04="q04_none", e_sale=False
    )
    assert result.verdict is Verdict.NOT_SUITABLE
    assert channels(result) == {"ch_email": CV.CONSENT_NEEDED}
    assert result.advised_decision == "dec_consent"
    assert "BE-ELEC-CONSENT" in [f.rule for f in result.channel("ch_email").reasons]


@pytest.mark.parametrize("missing", ["e_sale", "e_similar", "e_optout_collect", "e_optout_message"])
def test_each_soft_opt_in_condition_is_needed(questionnaire, missing):
    result = verdict_of(questionnaire, **{missing: False})
    assert channels(result) == {"ch_email": CV.CONSENT_NEEDED}
    assert result.channel_consent is True


def test_customers_and_prospects_together_need_consent_for_the_prospects(questionnaire):
    result = verdict_of(questionnaire, ctx_relationship="rel_both")
    assert channels(result) == {"ch_email": CV.CONSENT_NEEDED}


@pytest.mark.parametrize(
    ("country", "addresses", "expected"),
    [
        ("country_be", ["addr_generic"], CV.WITH_SAFEGUARDS),  # impersonal: KB 4 April 2003 Art. 1, 2°
        ("country_be", ["addr_named"], CV.CONSENT_NEEDED),
        ("country_be", ["addr_soletrader"], CV.CONSENT_NEEDED),
        ("country_nl", ["addr_generic"], CV.CONSENT_NEEDED),  # Tw 11.7: legal persons since 1 Oct 2009
        ("country_nl", ["addr_named"], CV.CONSENT_NEEDED),
        ("country_fr", ["addr_named"], CV.WITH_SAFEGUARDS),  # related to the job: CNIL opt-out
        ("country_fr", ["addr_generic"], CV.WITH_SAFEGUARDS),
        ("country_uk", ["addr_named"], CV.WITH_SAFEGUARDS),  # corporate subscribers: PECR reg. 22 does not apply
        ("country_uk", ["addr_soletrader"], CV.CONSENT_NEEDED),  # individual subscribers
        ("country_other", ["addr_named"], CV.CONSENT_NEEDED),
    ],
)
def test_b2b_email_to_prospects_by_country(questionnaire, country, addresses, expected):
    result = verdict_of(
        questionnaire,
        ctx_audience="aud_b2b",
        b2b_address=addresses,
        b2b_related="yes",
        ctx_country=[country],
        ctx_relationship="rel_prospects",
        q04="q04_none",
        e_sale=False,
    )
    assert channels(result) == {"ch_email": expected}


def test_french_b2b_email_depends_on_the_link_with_the_job(questionnaire):
    base = dict(
        ctx_audience="aud_b2b",
        b2b_address=["addr_named"],
        ctx_country=["country_fr"],
        ctx_relationship="rel_prospects",
        e_sale=False,
    )
    assert channels(verdict_of(questionnaire, b2b_related="no", **base)) == {"ch_email": CV.CONSENT_NEEDED}
    unsure = verdict_of(questionnaire, b2b_related="unsure", **base)
    assert unsure.verdict is Verdict.INCOMPLETE and unsure.to_find_out == ("b2b_related",)


def test_the_dutch_b2b_example_is_told_consent_is_needed(questionnaire):
    # a named contact met at a trade fair, no consent: Tw 11.7 applies to businesses too
    result = verdict_of(
        questionnaire,
        ctx_audience="aud_b2b",
        b2b_address=["addr_named"],
        b2b_related="yes",
        ctx_country=["country_nl"],
        ctx_relationship="rel_prospects",
        q04="q04_contact",
        e_sale=False,
    )
    assert result.verdict is Verdict.NOT_SUITABLE
    assert "NL-ELEC-CONSENT" in result.rule_ids


@pytest.mark.parametrize(
    ("date", "ph_list", "expected", "rule"),
    [
        ("2026-08-10", True, CV.WITH_SAFEGUARDS, "FR-PHONE-HOURS"),  # Bloctel checked, opt-out regime
        ("2026-08-10", False, CV.NOT_ALLOWED, "FR-PHONE-BLOCTEL"),
        ("2026-08-11", True, CV.CONSENT_NEEDED, "FR-PHONE-CONSENT"),  # loi n° 2025-594: opt-in
    ],
)
def test_french_phone_rules_follow_the_assessment_date(questionnaire, date, ph_list, expected, rule):
    result = verdict_of(
        questionnaire,
        assessment_date=date,
        ctx_country=["country_fr"],
        ctx_channels=["ch_phone"],
        ctx_relationship="rel_prospects",
        q04="q04_none",
        e_sale=False,
        fr_sector_ban="no",
        ph_list=ph_list,
    )
    assert channels(result) == {"ch_phone": expected}
    assert rule in result.rule_ids
    assert result.on == date


def test_a_french_user_calling_and_emailing_consumers_who_are_not_customers_needs_consent_for_both(questionnaire):
    result = verdict_of(
        questionnaire,
        assessment_date="2026-11-29",
        ctx_country=["country_fr"],
        ctx_channels=["ch_phone", "ch_email"],
        ctx_relationship="rel_prospects",
        q04="q04_none",
        e_sale=False,
        fr_sector_ban="no",
        ph_list=True,
    )
    assert channels(result) == {"ch_phone": CV.CONSENT_NEEDED, "ch_email": CV.CONSENT_NEEDED}


def test_french_energy_renovation_canvassing_is_banned_even_with_consent(questionnaire):
    result = verdict_of(
        questionnaire,
        ctx_country=["country_fr"],
        ctx_channels=["ch_email", "ch_post"],
        fr_sector_ban="yes",
        po_list=True,
    )
    assert channels(result) == {"ch_email": CV.NOT_ALLOWED, "ch_post": CV.SUITABLE}
    assert result.advised_decision == "dec_stop"


@pytest.mark.parametrize(
    ("date", "expected"),
    [("2026-06-30", CV.WITH_SAFEGUARDS), ("2026-07-01", CV.CONSENT_NEEDED)],
)
def test_dutch_customers_may_be_called_without_consent_only_until_1_july_2026(questionnaire, date, expected):
    result = verdict_of(questionnaire, assessment_date=date, ctx_country=["country_nl"], ctx_channels=["ch_phone"])
    assert channels(result) == {"ch_phone": expected}
    publisher = verdict_of(
        questionnaire, assessment_date=date, ctx_country=["country_nl"], ctx_channels=["ch_phone"], ph_nl_sector=True
    )
    assert channels(publisher) == {"ch_phone": CV.WITH_SAFEGUARDS}


@pytest.mark.parametrize("country", ["country_be", "country_uk"])
def test_calling_without_checking_the_do_not_call_register_is_not_allowed(questionnaire, country):
    result = verdict_of(questionnaire, ctx_country=[country], ctx_channels=["ch_phone"], ph_list=False)
    assert channels(result) == {"ch_phone": CV.NOT_ALLOWED}
    assert result.advised_decision == "dec_stop"


def test_online_tracking_without_consent_needs_consent(questionnaire):
    result = verdict_of(questionnaire, ctx_channels=["ch_online"], on_tracking=False)
    assert channels(result) == {"ch_online": CV.CONSENT_NEEDED}
    assert channels(verdict_of(questionnaire, ctx_channels=["ch_online"], on_tracking=True))["ch_online"] in (
        CV.SUITABLE,
        CV.WITH_SAFEGUARDS,
    )


def test_every_recipient_country_counts(questionnaire):
    # Belgian generic addresses may be e-mailed; Dutch ones may not
    base = dict(
        ctx_audience="aud_b2b",
        b2b_address=["addr_generic"],
        b2b_related="yes",
        ctx_relationship="rel_prospects",
        q04="q04_none",
        e_sale=False,
    )
    assert channels(verdict_of(questionnaire, ctx_country=["country_be"], **base))["ch_email"] is CV.WITH_SAFEGUARDS
    assert (
        channels(verdict_of(questionnaire, ctx_country=["country_be", "country_nl"], **base))["ch_email"]
        is CV.CONSENT_NEEDED
    )


def test_rules_applied_are_reported_with_their_dates(questionnaire):
    result = verdict_of(questionnaire)
    applied = {r.rule: r for r in result.applied_rules}
    assert applied["BE-ELEC-SOFTOPTIN"].valid_from == "2003-05-28"
    assert all(r.revision >= 1 for r in result.applied_rules)


# ------------------------------------------------------------------ requirements


@pytest.mark.parametrize(("right", "rule"), [("r1", "REQ-R1"), ("r2", "REQ-R2"), ("r3", "REQ-R3")])
def test_rights_without_a_procedure_become_requirements(questionnaire, right, rule):
    result = verdict_of(questionnaire, safeguards=LEGAL_EMAIL, **{right: "no"})
    assert result.verdict is Verdict.SUITABLE
    assert [f.rule for f in result.requirements] == [rule]


def test_large_scale_detailed_profiling_asks_for_a_dpia(questionnaire):
    result = verdict_of(questionnaire, ctx_scale="scale_large", ctx_profiling="prof_detailed")
    assert "REQ-DPIA" in [f.rule for f in result.requirements]
    # scale alone weighs nothing
    assert verdict_of(questionnaire, ctx_channels=["ch_post"], po_list=True, ctx_scale="scale_large").points == 0


def test_profiling_from_several_sources_can_be_mitigated_tracking_cannot(questionnaire):
    post = {"ctx_channels": ["ch_post"], "po_list": True, "q09": "yes"}
    profiled = verdict_of(
        questionnaire, safeguards=("s_preferences", "s_frequency"), ctx_profiling="prof_detailed", q02="yes", **post
    )
    assert profiled.verdict is Verdict.WITH_SAFEGUARDS  # 2 + 4 + 4 = 10, every factor addressed
    tracked = verdict_of(
        questionnaire, safeguards=("s_preferences", "s_frequency"), ctx_profiling="prof_tracking", **post
    )
    assert tracked.verdict is Verdict.NOT_SUITABLE  # 4 + 4 = 8, tracking cannot be reduced


def test_phone_calls_require_the_caller_to_be_identified(questionnaire):
    result = verdict_of(questionnaire, ctx_channels=["ch_phone"], ph_list=True, safeguards=(*LEGAL_POST, "s_frequency"))
    assert [f.text for f in result.requirements] == [
        questionnaire.texts("nl").rule(
            "REQ-BASELINE", safeguard=questionnaire.texts("nl").safeguard("s_call_identity")[0]
        )
    ]


def test_a_factor_against_asks_for_a_fitting_safeguard(questionnaire):
    result = verdict_of(questionnaire, safeguards=LEGAL_POST, ctx_channels=["ch_post"], po_list=True, q09="yes")
    mitigate = [f for f in result.requirements if f.rule == "REQ-MITIGATE"]
    assert [f.refs[0] for f in mitigate] == ["q09"]


# ------------------------------------------------------------------ contradictions


@pytest.mark.parametrize(
    ("rule", "changes"),
    [
        ("X-INDIRECT-EXPECTED", {"q08": "q08_indirect", "ctx_sources": ["src_public"]}),
        ("X-NOINFO-EXPECTED", {"q07": "no"}),
        ("X-INTRUSIVE-EXPECTED", {"q09": "yes", "q02": "yes"}),
        ("X-INTRUSIVE-HARMLESS", {"q09": "yes", "q01": "no"}),
        ("X-BOUGHT-DIRECT", {"ctx_sources": ["src_bought"], "src_named": "yes", "src_consent_basis": "no"}),
        ("X-EXISTING-NORELATION", {"q04": "q04_none", "q01": "no"}),
        ("X-PROSPECTS-SALE", {"ctx_relationship": "rel_prospects"}),
        ("X-PROFILING-SAFEGUARD", {"ctx_profiling": "prof_detailed", "safeguards": ["s_no_profiling"]}),
        ("X-DISCLOSURE-NONE", {"ctx_disclosure": ["disc_none", "disc_processors"]}),
    ],
)
def test_each_contradiction_is_flagged_alone(questionnaire, rule, changes):
    safeguards = tuple(changes.pop("safeguards", ()))
    result = verdict_of(questionnaire, safeguards=safeguards, **changes)
    assert [f.rule for f in result.contradictions] == [rule]


# ------------------------------------------------------------------ one advice, three languages

CASES = [
    {},
    {"q09": "yes", "ctx_channels": ["ch_post", "ch_email"]},
    {"q01": "unsure", "ctx_channels": ["ch_post"], "po_list": True},
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
        assert [(c.channel, c.verdict) for c in result.channels] == [(c.channel, c.verdict) for c in first.channels]
    for result in results.values():
        found = [*result.reasons, *result.requirements, *result.contradictions, *result.channel_notes, *result.outcomes]
        found += [f for c in result.channels for f in (*c.reasons, *c.requirements)]
        for finding in found:
            assert "{" not in finding.text and finding.text.strip()


def test_evaluating_in_another_language_than_the_assessment(questionnaire):
    assessment = make_assessment(language="fr", safeguards=LEGAL_EMAIL)
    english = evaluate(assessment, questionnaire, "en")
    assert english.language == "en"
    assert english.summary.startswith("You can rely on legitimate interest")


# ------------------------------------------------------------------ the decision


def test_a_decision_against_the_advice_needs_a_rationale(questionnaire):
    assessment = make_assessment(ctx_relationship="rel_prospects", e_sale=False)  # consent needed
    assessment.decision = "dec_li"
    assert evaluate(assessment, questionnaire).rationale_required is True
    assessment.decision = "dec_consent"
    assert evaluate(assessment, questionnaire).rationale_required is False
    assessment.decision = "dec_stop"
    assert evaluate(assessment, questionnaire).rationale_required is False


def test_answers_to_items_that_no_longer_apply_count_for_nothing(questionnaire):
    # the soft opt-in boxes were ticked, then e-mail was dropped for post to prospects
    result = verdict_of(
        questionnaire, ctx_channels=["ch_post"], ctx_relationship="rel_prospects", po_list=True, q04="q04_none"
    )
    assert "X-PROSPECTS-SALE" not in result.rule_ids
    assert not any(rule.startswith("BE-ELEC") for rule in result.rule_ids)
    with_email = verdict_of(questionnaire, ctx_relationship="rel_prospects", q04="q04_none")
    assert "X-PROSPECTS-SALE" in with_email.rule_ids
