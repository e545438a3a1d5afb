"""The model: conversion to and from plain data, and the helpers around it."""

from __future__ import annotations

import json

import pytest

from lia_desktop.domain.model import SCHEMA_VERSION, Assessment, Revision, Status, add_one_year
from tests.conftest import make_assessment

HOSTILE = "Łódź <b>&amp; \"quotes\" 'x' Ελληνικά кириллица\n\ttab 🙂 " + "x" * 5000


def test_round_trip_through_json_keeps_everything():
    original = make_assessment(language="fr", safeguards=("s_optout", "s_frequency"))
    original.set_note("q01", HOSTILE)
    original.title = HOSTILE
    original.decision = "dec_li"
    original.status = Status.COMPLETED
    original.revisions.append(Revision(at="2026-03-15T10:00:00Z", by="Tom", event="completed", changes=["q01"]))
    data = json.loads(json.dumps(original.to_dict(), ensure_ascii=False))
    again = Assessment.from_dict(data)
    assert again == original
    assert again.to_dict() == original.to_dict()
    assert data["schema_version"] == SCHEMA_VERSION


def test_to_dict_is_plain_json_data():
    data = make_assessment().to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["answers"]["ctx_channels"] == {"value": ["ch_email"], "note": ""}
    assert data["answers"]["e_sale"]["value"] is True


def test_values_live_where_the_model_keeps_them():
    assessment = Assessment()
    assessment.set_value("organisation", "ACME")
    assessment.set_value("q04", "q04_customer")
    assessment.set_note("q04", "Koopt elke week")
    assessment.set_value("safeguards", ["s_optout"])
    assert assessment.organisation == "ACME"
    assert assessment.answers["q04"].value == "q04_customer"
    assert assessment.note("q04") == "Koopt elke week"
    facts = assessment.facts()
    assert facts["organisation"] == "ACME" and facts["q04"] == "q04_customer"
    assert facts["safeguards"] == ["s_optout"] and facts["title"] is None


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError, match="unknown language 'de'"):
        Assessment(language="de")


def test_another_schema_version_must_be_migrated_first():
    data = make_assessment().to_dict()
    data["schema_version"] = 0
    with pytest.raises(ValueError, match="migrate"):
        Assessment.from_dict(data)


def test_duplicate_is_a_fresh_draft_with_the_same_answers():
    original = make_assessment()
    original.status = Status.COMPLETED
    original.decision = "dec_li"
    original.revisions.append(Revision(at="2026-01-01T00:00:00Z", by="x", event="completed"))
    copy = original.duplicate()
    assert copy.id != original.id
    assert copy.status is Status.DRAFT and copy.revisions == [] and copy.decision == ""
    assert (copy.assessment_date, copy.review_date, copy.signoff_date) == ("", "", "")  # dated anew
    assert copy.answers == original.answers
    copy.answers["q01"].value = "no"
    assert original.answers["q01"].value == "yes"


@pytest.mark.parametrize(("day", "later"), [("2026-03-15", "2027-03-15"), ("2028-02-29", "2029-02-28")])
def test_review_one_year_later(day, later):
    assert add_one_year(day) == later


def test_changed_items_names_what_differs():
    before = make_assessment()
    after = Assessment.from_dict(before.to_dict())
    after.set_value("q03", "no")
    after.set_note("q05", "Klanten mailen ons.")
    after.title = "Zomernieuwsbrief"
    after.current_page = "q05"
    after.updated_at = "2030-01-01T00:00:00Z"
    assert after.changed_items(before) == ["q03", "q05", "title"]
    assert before.changed_items(before) == []


@pytest.mark.parametrize(
    ("day", "months", "later"),
    [("2026-01-31", 1, "2026-02-28"), ("2026-03-15", 6, "2026-09-15"), ("2026-11-30", 3, "2027-02-28")],
)
def test_review_some_months_later(day, months, later):
    from lia_desktop.domain.model import add_months

    assert add_months(day, months) == later
