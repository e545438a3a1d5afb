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
    assert pages[:4] == ("welcome", "context", "channels", "conditions")
    assert pages[4:14] == tuple(f"q{n:02d}" for n in range(1, 11))
    assert pages[14:] == ("tips", "outcome", "consent", "signoff", "finish")


def test_consent_page_is_skipped_when_legitimate_interest_fits(questionnaire):
    assessment = make_assessment()
    assert not consent_applies(assessment, questionnaire)
    assert next_page("outcome", assessment, questionnaire) == "signoff"


def test_consent_page_appears_when_not_suitable(questionnaire):
    assessment = make_assessment(c1="no")
    assert consent_applies(assessment, questionnaire)
    assert next_page("outcome", assessment, questionnaire) == "consent"


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
    b2b_mail = make_assessment(ctx_audience="aud_b2b")
    assert items_shown("channels", b2b_mail, questionnaire) == ("e_optout_message",)


def test_required_answers_block_next(questionnaire):
    assessment = make_assessment(q04=None, organisation="")
    assert page_missing("q04", assessment, questionnaire) == ("q04",)
    assert page_missing("q05", assessment, questionnaire) == ()
    assert page_missing("context", assessment, questionnaire) == ("organisation",)
    assert page_missing("welcome", assessment, questionnaire) == ()


def test_completion_needs_decision_sign_off_and_a_rationale_when_departing(questionnaire):
    assessment = make_assessment(q01="no", q09="yes")  # advice: consent
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
