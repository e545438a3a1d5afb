"""When the law changes under a completed assessment, and what a re-assessment says changed."""

from __future__ import annotations

from lia_desktop.domain.evaluation import evaluate
from lia_desktop.domain.law_changes import advice_basis, compare_bases, law_changed, rule_changes
from tests.conftest import make_assessment


def test_a_completed_assessment_rests_on_the_revisions_of_the_rules_that_applied(questionnaire):
    basis = advice_basis(evaluate(make_assessment(), questionnaire), questionnaire)
    assert basis["content_version"] == questionnaire.version
    assert basis["rules"] == {"BE-ELEC-SOFTOPTIN": 1}
    assert not law_changed(basis, questionnaire, "2026-11-29")


def test_a_rule_that_stopped_applying_marks_the_assessment(questionnaire):
    # French calls assessed in June 2026 rested on Bloctel, which gave way on 11 August 2026
    june = make_assessment(
        assessment_date="2026-06-15",
        ctx_country=["country_fr"],
        ctx_channels=["ch_phone"],
        fr_sector_ban="no",
        ph_list=True,
    )
    basis = advice_basis(evaluate(june, questionnaire), questionnaire)
    assert "FR-PHONE-HOURS" in basis["rules"]
    basis["rules"]["FR-PHONE-BLOCTEL"] = 1  # (it fired for an unchecked list on that date)
    assert not law_changed(basis, questionnaire, "2026-08-10")
    changes = rule_changes(basis, questionnaire, "2026-08-11")
    assert [(c.rule, c.kind, c.date) for c in changes] == [("FR-PHONE-BLOCTEL", "expired", "2026-08-10")]


def test_a_changed_or_withdrawn_rule_marks_the_assessment(questionnaire):
    basis = {"content_version": 2, "on": "2026-03-15", "rules": {"BE-ELEC-SOFTOPTIN": 0, "XX-GONE": 1}}
    kinds = {(c.rule, c.kind) for c in rule_changes(basis, questionnaire, "2026-11-29")}
    assert kinds == {("BE-ELEC-SOFTOPTIN", "changed"), ("XX-GONE", "withdrawn")}


def test_a_record_completed_under_the_first_content_version_is_marked(questionnaire):
    assert law_changed({"content_version": 1, "on": "2025-01-01", "rules": {}}, questionnaire, "2026-11-29")
    assert not law_changed({}, questionnaire, "2026-11-29")  # a draft rests on nothing yet


def test_a_re_assessment_says_which_rules_apply_now_and_which_no_longer(questionnaire):
    before = {"content_version": 2, "rules": {"BE-ELEC-SOFTOPTIN": 1, "BE-PHONE-LIST": 1}}
    after = {"rules": {"BE-ELEC-SOFTOPTIN": 1, "BE-POST": 1}}
    assert [(c.rule, c.kind) for c in compare_bases(before, after)] == [
        ("BE-PHONE-LIST", "no_longer"),
        ("BE-POST", "new"),
    ]


def test_the_record_of_a_re_assessment_prints_what_changed(questionnaire):
    import io

    import pypdf

    from lia_desktop.export import pdf

    first = make_assessment(language="en", ctx_channels=["ch_email", "ch_phone"], ph_list=True)
    first.advice_basis = advice_basis(evaluate(first, questionnaire), questionnaire)
    again = first.duplicate()
    again.set_value("ctx_channels", ["ch_email"])
    assert again.previous_basis == first.advice_basis
    reader = pypdf.PdfReader(io.BytesIO(pdf.render_record(again, questionnaire)))
    text = " ".join(page.extract_text() for page in reader.pages)
    t = questionnaire.texts("en")
    assert t.get("advice", "since_previous") in text
    assert "BE-PHONE-OPTOUT" in text
