"""Fields that keep what is typed: the date field, and focus that can be seen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QCheckBox, QRadioButton, QWizard

from lia_desktop.ui.date_field import parse_date
from lia_desktop.ui.style import STYLE_SHEET
from tests.gui.conftest import click_next, fill
from tests.gui.test_wizard import ANSWERS, walk


@pytest.mark.parametrize(
    ("typed", "date"),
    [
        ("2026-03-15", "2026-03-15"),
        ("15/03/2026", "2026-03-15"),
        ("15-3-2026", "2026-03-15"),
        ("15.03.2026", "2026-03-15"),
        (" 2026-3-5 ", "2026-03-05"),
        ("", ""),
        ("31/02/2026", None),
        ("maart 2026", None),
        ("2026-13-01", None),
    ],
)
def test_dates_are_read_as_people_write_them(typed, date):
    assert parse_date(typed) == date


def test_the_date_field_keeps_every_keystroke_and_tab_leaves_it(qtbot, window):
    wizard = window.records.new_assessment()
    click_next(qtbot, wizard)
    editor = wizard.currentPage().editors["assessment_date"]
    field = editor.date.edit
    assert wizard.draft.assessment_date  # today, filled in by itself
    field.clear()
    QTest.keyClicks(field, "15/03/2026")
    assert wizard.draft.assessment_date == "2026-03-15"
    field.clear()
    QTest.keyClicks(field, "Dit is de toelichting die ik typte")  # typed into the wrong field
    assert field.text() == "Dit is de toelichting die ik typte"  # shown, never dropped
    assert wizard.draft.assessment_date == "2026-03-15"  # no date: the stored one stays
    field.editingFinished.emit()
    assert editor.date.hint.isVisibleTo(wizard) and "2026-03-15" in editor.date.hint.text()
    field.setFocus()
    QTest.keyClick(field, Qt.Key.Key_Tab)
    assert wizard.focusWidget() is not field  # Tab leaves the field at once
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert not next_button.isEnabled()  # Next waits: the date shown is not the one stored
    assert "assessment_date" in wizard.currentPage().blocking()
    field.clear()
    QTest.keyClicks(field, "31/06/2027")  # no such day
    assert not next_button.isEnabled() and wizard.draft.assessment_date == "2026-03-15"
    field.clear()
    QTest.keyClicks(field, "30/06/2027")
    assert wizard.draft.assessment_date == "2027-06-30" and "assessment_date" not in wizard.currentPage().blocking()


def test_the_calendar_puts_the_picked_date_in(qtbot, window):
    wizard = window.records.new_assessment()
    click_next(qtbot, wizard)
    date = wizard.currentPage().editors["assessment_date"].date
    date.calendar.clicked.emit(QDate(2026, 4, 1))
    assert date.edit.text() == "2026-04-01" and wizard.draft.assessment_date == "2026-04-01"


def test_the_review_date_is_typed_like_any_other(qtbot, window):
    wizard = window.records.new_assessment()
    walk(qtbot, wizard, ANSWERS, until="signoff")
    assert wizard.draft.signoff_date and wizard.draft.review_date  # defaults, filled in by itself
    fill(wizard, {"review_date": "01-09-2027"})
    assert wizard.draft.review_date == "2027-09-01"


def test_focus_is_visible_and_each_page_starts_in_its_first_field(qtbot, window):
    assert ":focus" in window.styleSheet() and window.styleSheet() == STYLE_SHEET
    for kind in ("QRadioButton:focus", "QCheckBox:focus", "QLineEdit:focus", "QPlainTextEdit:focus"):
        assert kind in STYLE_SHEET
    wizard = window.records.new_assessment()
    wizard.activateWindow()
    walk(qtbot, wizard, ANSWERS, until="q01")
    QApplication.processEvents()
    first = wizard.currentPage().editors["q01"].buttons["yes"]
    assert wizard.focusWidget() is first
    label = wizard.currentPage().editors["q01"].option_labels["yes"]
    assert label.property("focused") is True  # its text is marked too
    fill(wizard, ANSWERS)
    click_next(qtbot, wizard)
    QApplication.processEvents()
    assert label.property("focused") is False
    assert isinstance(wizard.focusWidget(), (QRadioButton, QCheckBox))


def test_a_missed_alt_shortcut_types_nothing_into_an_answer(qtbot, window):
    wizard = window.records.new_assessment()
    walk(qtbot, wizard, ANSWERS, until="q02")
    note = wizard.currentPage().editors["q02"].note
    note.setPlainText("Weinig nadeel")
    note.moveCursor(QTextCursor.MoveOperation.End)
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # q02 not answered yet
    QTest.keyClick(note, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)  # Alt+N: Next, which is off
    assert note.toPlainText() == "Weinig nadeel"
    QTest.keyClick(note, Qt.Key.Key_N)
    assert note.toPlainText() == "Weinig nadeeln"  # typing itself is untouched


def test_a_page_that_opens_with_text_to_read_starts_in_its_first_field(qtbot, window):
    wizard = window.records.new_assessment()
    walk(qtbot, wizard, ANSWERS, until="tips")  # tips 1 and 2 are text to read
    QApplication.processEvents()
    assert wizard.focusWidget() is wizard.currentPage().editors["t2_what"].check


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_the_wizard_buttons_have_a_key_each(questionnaire, language):
    texts = questionnaire.texts(language)
    keys = [texts.get("ui", b).split("&")[1][0].lower() for b in ("back", "next", "finish")]
    assert len(set(keys)) == 3, keys  # in Dutch, Alt+V was both Back and Next: it did neither


def test_next_waits_while_the_review_date_comes_before_the_assessment(qtbot, window):
    wizard = window.records.new_assessment()
    walk(qtbot, wizard, ANSWERS, until="signoff")
    fill(wizard, ANSWERS)
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert next_button.isEnabled()
    fill(wizard, {"review_date": "01-01-2020"})
    assert not next_button.isEnabled()
    assert "niet vóór de datum van de beoordeling" in wizard.currentPage().reason.text()
