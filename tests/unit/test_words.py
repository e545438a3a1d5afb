"""Answers and moments in words, as the window and the PDF show them."""

from __future__ import annotations

import time

import pytest

from lia_desktop.export.words import answer_text, when


@pytest.fixture
def brussels(monkeypatch):
    monkeypatch.setenv("TZ", "Europe/Brussels")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_a_stored_moment_is_shown_in_the_readers_local_time(questionnaire, brussels):
    assert when(questionnaire.texts("en"), "2026-03-02T09:40:00Z") == "2 March 2026 10:40"
    assert when(questionnaire.texts("fr"), "2026-07-01T22:30:00Z") == "2 juillet 2026 00:30"  # summer time
    assert when(questionnaire.texts("nl"), "not a moment") == "not a moment"


def test_dates_and_lists_in_answers_are_written_the_language_s_way(questionnaire):
    en, fr = questionnaire.texts("en"), questionnaire.texts("fr")
    assert answer_text(questionnaire, en, "assessment_date", "2026-03-15") == "15 March 2026"
    assert answer_text(questionnaire, fr, "assessment_date", "2026-10-01") == "1er octobre 2026"
    assert answer_text(questionnaire, en, "assessment_date", "soon") == "soon"
    assert answer_text(questionnaire, fr, "ctx_channels", ["ch_email", "ch_post"]) == fr.join(
        [fr.option("ch_email"), fr.option("ch_post")]
    )
