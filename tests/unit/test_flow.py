"""Which pages apply, what blocks Next, what blocks completion: asked of the core."""

from __future__ import annotations

from lia_desktop.domain.flow import (
    all_pages,
    applicable_pages,
    completion_problems,
    consent_applies,
    items_shown,
    next_page,
    page_missing,
)
from lia_desktop.domain.model import Assessment
from tests.conftest import make_assessment


def test_the_page_order_follows_the_assessment(questionnaire):
    pages = all_pages(questionnaire)
    assert pages[:5] == ("welcome", "context", "data", "channels", "conditions")
    assert pages[5:15] == tuple(f"q{n:02d}" for n in range(1, 11))
    assert pages[15:] == ("tips", "outcome", "signoff", "consent", "finish")


def test_consent_page_is_skipped_when_legitimate_interest_fits(questionnaire):
    assessment = make_assessment()
    assert not consent_applies(assessment, questionnaire)
    assert next_page("outcome", assessment, questionnaire) == "signoff"


def test_consent_page_appears_when_not_suitable(questionnaire):
    assessment = make_assessment(ctx_special="special_yes")
    assert consent_applies(assessment, questionnaire)
    assert next_page("outcome", assessment, questionnaire) == "signoff"
    assert next_page("signoff", assessment, questionnaire) == "consent"  # after the decision


def test_consent_page_appears_when_a_channel_needs_consent(questionnaire):
    assert consent_applies(make_assessment(ctx_relationship="rel_prospects", e_sale=False), questionnaire)


def test_consent_page_appears_when_the_user_chooses_consent(questionnaire):
    assessment = make_assessment()
    assessment.decision = "dec_consent"
    assert consent_applies(assessment, questionnaire)


def test_a_blank_assessment_does_not_show_the_consent_page(questionnaire):
    assert "consent" not in applicable_pages(Assessment(), questionnaire)


def test_next_after_the_last_page_is_none(questionnaire):
    assert next_page("finish", make_assessment(), questionnaire) is None


def test_channel_items_follow_the_chosen_channels(questionnaire):
    post_only = make_assessment(ctx_channels=["ch_post"])
    assert items_shown("channels", post_only, questionnaire) == ("po_list",)
    soft_opt_in = ("e_sale", "e_similar", "e_optout_collect", "e_optout_message")
    # the soft opt-in questions are asked for business recipients too (NL, BE named addresses)
    b2b_mail = make_assessment(ctx_audience="aud_b2b")
    assert items_shown("channels", b2b_mail, questionnaire) == soft_opt_in
    uk = make_assessment(ctx_country=["country_uk"])
    assert items_shown("channels", uk, questionnaire) == ("e_sale", "e_negotiation", *soft_opt_in[1:])
    french_calls = make_assessment(ctx_country=["country_fr"], ctx_channels=["ch_phone"])
    assert items_shown("channels", french_calls, questionnaire) == (
        "e_sale",
        "e_similar",
        "e_optout_collect",
        "ph_list",
        "ph_contract",
        "fr_sector_ban",
    )
    dutch_calls = make_assessment(ctx_country=["country_nl"], ctx_channels=["ch_phone"])
    assert "ph_list" not in items_shown("channels", dutch_calls, questionnaire)  # no register since 2021
    assert "ph_nl_sector" in items_shown("channels", dutch_calls, questionnaire)


def test_questions_that_repeat_an_earlier_answer_are_prefilled(questionnaire):
    from lia_desktop.domain.flow import prefill

    assessment = make_assessment(q04=None, q08=None, q10=None, ctx_relationship="rel_prospects", c2="no")
    assessment.set_value("ctx_sources", ["src_direct", "src_bought"])
    assert prefill(assessment, questionnaire) == ["q04", "q08", "q10"]
    assert (assessment.value("q04"), assessment.value("q08"), assessment.value("q10")) == (
        "q04_none",
        "q08_indirect",  # direct and bought: the less favourable counts
        "q10_other_way",
    )
    # an answer given is never overwritten
    assessment.set_value("c2", "yes")
    assert prefill(assessment, questionnaire) == []
    assert assessment.value("q10") == "q10_other_way"


def test_required_answers_block_next(questionnaire):
    assessment = make_assessment(q04=None, organisation="")
    assert page_missing("q04", assessment, questionnaire) == ("q04",)
    assert page_missing("q05", assessment, questionnaire) == ()
    assert page_missing("context", assessment, questionnaire) == ("organisation",)
    assert page_missing("welcome", assessment, questionnaire) == ()


def test_completion_needs_decision_sign_off_and_a_rationale_when_departing(questionnaire):
    assessment = make_assessment(ctx_relationship="rel_prospects", e_sale=False)  # advice: consent
    assert completion_problems(assessment, questionnaire) == ("decision", "signoff_name", "signoff_date", "review_date")
    assessment.decision = "dec_li"
    assessment.signoff_name = "Tom Janssens"
    assessment.signoff_date = "2026-03-15"
    assessment.review_date = "2027-03-15"
    assert completion_problems(assessment, questionnaire) == ("decision_rationale",)
    assessment.decision_rationale = "Klanten vragen er zelf om."
    assert completion_problems(assessment, questionnaire) == ()


def test_an_incomplete_assessment_cannot_be_completed(questionnaire):
    assessment = make_assessment(q02=None)
    assert "q02" in completion_problems(assessment, questionnaire)


def test_text_made_only_of_spaces_or_blank_lines_is_no_answer(questionnaire):
    from lia_desktop.domain.flow import completion_problems, page_missing

    assessment = make_assessment(title="  \n\t ", ctx_purpose="\n\n")
    assessment.signoff_name = "   "
    assert "title" in page_missing("context", assessment, questionnaire)
    problems = completion_problems(assessment, questionnaire)
    assert {"title", "ctx_purpose", "signoff_name"} <= set(problems)


def test_a_record_cannot_be_signed_or_due_for_review_before_it_was_made(questionnaire):
    from lia_desktop.domain.flow import completion_problems, dates_out_of_order

    assessment = make_assessment()
    assessment.assessment_date = assessment.signoff_date = "2026-03-15"
    assessment.review_date = "2027-03-15"
    assert dates_out_of_order(assessment) == ()
    assessment.signoff_date, assessment.review_date = "2019-05-05", "2020-01-01"
    assert dates_out_of_order(assessment) == ("signoff_date", "review_date")
    assert {"signoff_date", "review_date"} <= set(completion_problems(assessment, questionnaire))
