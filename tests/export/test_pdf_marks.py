"""The record says what it is: DRAFT on every page of a draft, "No" for an unticked box, headings
that stay with what they head, and what each revision changed, old → new."""

from __future__ import annotations

import io

import pypdf
import pytest

from lia_desktop.domain.model import Revision, Status
from lia_desktop.export import pdf
from lia_desktop.storage.history import Change
from tests.conftest import make_assessment


def pages_of(data: bytes) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages]


@pytest.mark.parametrize(("language", "mark"), [("nl", "CONCEPT"), ("fr", "BROUILLON"), ("en", "DRAFT")])
def test_every_page_of_a_draft_says_draft(questionnaire, language, mark):
    draft = make_assessment(language=language)
    assert draft.status is Status.DRAFT
    pages = pages_of(pdf.render_record(draft, questionnaire))
    assert len(pages) > 2 and all(mark in page for page in pages)
    draft.status = Status.COMPLETED
    assert not any(mark in page for page in pages_of(pdf.render_record(draft, questionnaire)))


def test_an_unticked_box_prints_as_no(questionnaire):
    assessment = make_assessment(language="en", e_optout_collect=None)  # never ticked; t2_* neither
    text = "\n".join(pages_of(pdf.render_record(assessment, questionnaire)))
    t = questionnaire.texts("en")
    assert f"{t.label('e_optout_collect')} No " in " ".join(text.split())
    for item_id in ("t2_what", "t2_source", "t2_retention", "t2_accuracy"):
        after = text[text.index(t.label(item_id)) + len(t.label(item_id)) :]
        assert after.split("\n")[1].strip() == "Answer: No", item_id


def page_with(pages: list[str], line: str) -> int:
    return next(n for n, page in enumerate(pages) if line in (text.strip() for text in page.splitlines()))


def test_the_signature_heading_stays_with_its_boxes(questionnaire):
    t = questionnaire.texts("en")
    heading, box = t.get("pdf", "signatures"), t.get("pdf", "decision_maker")
    for lines in range(0, 70, 3):  # moves the sign-off down the page, line by line
        assessment = make_assessment(language="en")
        assessment.decision_rationale = "\n".join(f"Reason {n}" for n in range(lines))
        pages = pages_of(pdf.render_record(assessment, questionnaire))
        assert page_with(pages, heading) == page_with(pages, box), f"{lines} lines of rationale"


def test_a_justification_label_is_kept_with_its_text(questionnaire):
    # ReportLab moves a flowable marked keepWithNext to the next page together with what follows
    from lia_desktop.export.pdf.record import RecordRenderer

    assessment = make_assessment(language="en")
    assessment.set_note("q05", "Customers ask us questions at the counter.")
    parts = RecordRenderer(assessment, questionnaire).answer_block("q05")
    label = next(p for p in parts if "Justification" in getattr(p, "text", ""))
    assert label.getKeepWithNext() and parts[parts.index(label) + 1].text.startswith("Customers ask")


def test_the_blank_signature_boxes_stay_with_the_last_question(questionnaire):
    for language in ("nl", "fr", "en"):
        t = questionnaire.texts(language)
        pages = pages_of(pdf.render_blank(questionnaire, language))
        signed = next(n for n, page in enumerate(pages) if t.get("pdf", "signature") in page)
        assert t.label("review_date") in pages[signed], language


def test_the_blank_questionnaire_opens_with_how_to_use_it(questionnaire):
    first = pages_of(pdf.render_blank(questionnaire, "nl"))[0]
    assert "Alles blijft op deze computer" not in first
    assert "met de hand" in first


def test_the_history_says_who_changed_what_from_what_to_what(questionnaire):
    assessment = make_assessment(language="en", q09="yes")
    assessment.status = Status.COMPLETED
    assessment.revisions = [
        Revision(at="2026-03-15T10:00:00Z", by="Tom Janssens", event="completed"),
        Revision(at="2026-04-01T10:00:00Z", by="An Peeters", event="completed", changes=["q09", "title"]),
    ]
    changes = {
        1: [
            Change("q09", {"value": "no", "note": ""}, {"value": "yes", "note": "Two messages a week"}),
            Change("title", "Spring newsletter", "Summer newsletter with a much longer title than fits here"),
        ]
    }
    text = " ".join(" ".join(pages_of(pdf.render_record(assessment, questionnaire, changes=changes))).split())
    assert "An Peeters" in text
    assert "Question 9 of 10: No → Yes; Justification: — → “Two messages a week”" in text
    assert "Name of the activity: Spring newsletter → Summer newsletter with a much longer ti…" in text


def test_each_right_is_printed_with_its_question(questionnaire):
    t = questionnaire.texts("en")
    record = " ".join(" ".join(pages_of(pdf.render_record(make_assessment(language="en"), questionnaire))).split())
    blank = " ".join(" ".join(pages_of(pdf.render_blank(questionnaire, "en"))).split())
    for item_id in ("r1", "r2", "r3", "r4"):
        question = t.get("ui", f"question_{item_id}")
        assert f"{t.label(item_id)} {question}" in record, item_id
        assert question in blank, item_id


def test_the_draft_mark_stays_clear_of_a_long_title_in_the_header(questionnaire):
    from io import BytesIO

    from pypdf import PdfReader

    draft = make_assessment(language="nl", title="Een heel lange titel van een actie " * 4)
    page = PdfReader(BytesIO(pdf.render_record(draft, questionnaire))).pages[1]
    heights: dict[str, list[float]] = {"CONCEPT": [], "Een heel lange": []}

    def seen(text, _cm, tm, _font, _size):
        for word in heights:
            if word in text:
                heights[word].append(float(tm[5]))

    page.extract_text(visitor_text=seen)
    top = float(page.mediabox.top)
    header = [y for y in heights["Een heel lange"] if y > top - 15 * 72 / 25.4]  # the header line
    assert header and heights["CONCEPT"]
    assert min(abs(m - h) for m in heights["CONCEPT"] for h in header) > 8  # points apart: no overlap
