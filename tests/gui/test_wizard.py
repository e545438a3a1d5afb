"""The wizard through its own buttons: a whole assessment, Back/Next, typing, pages, crash recovery."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel, QWidget, QWizard

from lia_desktop.domain import flow
from lia_desktop.domain.model import Status
from lia_desktop.export import exchange
from tests.conftest import FAVOURABLE
from tests.gui.conftest import click_next, fill, make_context

ANSWERS = {
    **FAVOURABLE,
    "c1.note": "Klanten op de hoogte houden.",
    "q01.note": "Staat op het formulier.",
    "safeguards": ["s_optout", "s_suppression", "s_notice", "s_objection_first", "s_minimise", "s_retention"],
    "t2_what": True,
    "r1": "yes",
    "r2": "yes",
    "r3": "yes",
    "decision": "dec_li",
    "signoff_name": "Tom Janssens",
    "signoff_role": "Zaakvoerder",
}


def walk(qtbot, wizard, answers, until="finish"):
    """Answer each page and press Next until `until`; returns the pages seen."""
    seen = [wizard.currentPage().name]
    while seen[-1] != until:
        fill(wizard, answers)
        seen.append(click_next(qtbot, wizard))
    return seen


def test_a_whole_assessment_from_new_to_finish(qtbot, window, questionnaire):
    wizard = window.records.new_assessment()
    assert wizard.draft.assessor == "Tester"  # the user's name from the settings
    seen = walk(qtbot, wizard, ANSWERS)
    assert seen == [
        "welcome",
        "context",
        "data",
        "channels",
        "conditions",
        *questionnaire.question_ids,
        "tips",
        "outcome",
        "signoff",
        "finish",
    ]
    summary = wizard.pages["finish"].summary
    assert "Gerechtvaardigd belang is geschikt" in summary.toPlainText()
    assert all(f"item:{q}" in summary.toHtml() for q in questionnaire.question_ids)  # each one click away
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert window.wizard is None
    stored = window.store.repository.get(wizard.draft.id)
    assert stored.status is Status.COMPLETED
    assert stored.note("c1") == "Klanten op de hoogte houden."
    assert stored.revisions[-1].event.value == "completed" and stored.revisions[-1].by == "Tester"
    row = window.store.repository.list()[0]
    assert (row.id, row.verdict, row.status) == (stored.id, "suitable", "completed")
    assert stored.review_date == stored.assessment_date.replace(
        stored.assessment_date[:4], str(int(stored.assessment_date[:4]) + 1), 1
    )


def test_without_a_user_name_the_history_names_the_assessor(qtbot, window):
    from dataclasses import replace

    window.apply_settings(replace(window.ctx.settings, user_name=""))
    wizard = window.records.new_assessment()
    walk(qtbot, wizard, ANSWERS)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    stored = window.store.repository.get(wizard.draft.id)
    assert stored.revisions[-1].by == FAVOURABLE["assessor"]


def test_after_the_wizard_closes_the_window_takes_the_keyboard_again(qtbot, window, answers, tmp_path):
    window.show()
    qtbot.waitExposed(window)
    wizard = window.records.new_assessment()
    walk(qtbot, wizard, ANSWERS)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: window.table.hasFocus())
    answers.save_to = str(tmp_path / "record.pdf")
    qtbot.keyClick(window.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)  # export as PDF
    assert (tmp_path / "record.pdf").read_bytes().startswith(b"%PDF")


def test_required_answers_gate_next_with_a_visible_reason(qtbot, window):
    wizard = window.records.new_assessment()
    click_next(qtbot, wizard)
    page = wizard.currentPage()
    assert page.name == "context"
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert page.reason.isVisible() and "Naam van de actie" in page.reason.text()
    fill(wizard, ANSWERS)
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert page.reason.text() == ""  # its room stays: nothing below it moves as it empties


def test_back_and_next_keep_every_answer(qtbot, window):
    wizard = window.records.new_assessment()
    walk(qtbot, wizard, ANSWERS, until="q03")
    wizard.button(QWizard.WizardButton.BackButton).click()
    wizard.button(QWizard.WizardButton.BackButton).click()
    assert wizard.currentPage().name == "q01"
    editor = wizard.currentPage().editors["q01"]
    assert editor.buttons["yes"].isChecked() and editor.note.toPlainText() == "Staat op het formulier."
    for _ in range(4):
        wizard.button(QWizard.WizardButton.BackButton).click()
    assert wizard.currentPage().name == "context"
    assert wizard.currentPage().editors["title"].line.text() == FAVOURABLE["title"]
    assert wizard.currentPage().editors["ctx_channels"].buttons["ch_email"].isChecked()
    walk(qtbot, wizard, {}, until="q03")  # forward again without touching anything
    assert wizard.draft.value("q02") == "no"


HOSTILE = "Łódź <b>&amp; “x” Ελληνικά кириллица\ttab"


def type_text(widget: QWidget, text: str) -> None:
    """Type like a keyboard, one key event per character (keyClicks aborts on non-ASCII)."""
    widget.setFocus()
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char))


def test_non_ascii_typed_into_every_text_field_is_stored_exactly(qtbot, window, questionnaire):
    wizard = window.records.new_assessment()
    typed = HOSTILE.replace("\t", " ")
    wizard.next()
    for page in wizard.pages.values():
        for item_id, editor in getattr(page, "editors", {}).items():
            if editor.item.kind == "text":
                editor.line.clear()  # "Assessed by" starts with the user's name
                type_text(editor.line, typed)
            elif editor.item.kind == "longtext":
                type_text(editor.text, typed)
            if editor.note is not None:
                type_text(editor.note, f"{item_id}: {typed}")
    assert wizard.saver.flush()
    stored = window.store.repository.get(wizard.draft.id)
    for item_id, item in questionnaire.items.items():
        if item.kind in ("text", "longtext"):
            assert stored.value(item_id) == typed, item_id
        if item.note:
            assert stored.note(item_id) == f"{item_id}: {typed}", item_id


def test_pasted_escapes_and_direction_overrides_are_not_kept(qtbot, window, questionnaire):
    # what the window keeps, the program can export and import again
    wizard = window.records.new_assessment()
    wizard.next()
    page = wizard.currentPage()
    title = page.editors["title"]
    title.line.setText("\x1b[2JSpring\u202e offers")
    assert title.line.text() == "[2JSpring offers" and wizard.draft.title == "[2JSpring offers"
    description = page.editors["ctx_description"]
    description.text.setPlainText("line one\nline\x07 two")
    assert wizard.draft.value("ctx_description") == "line one\nline two"
    assert wizard.saver.flush()
    stored = window.store.repository.get(wizard.draft.id)
    again = exchange.parse(exchange.dumps(stored, questionnaire), "again.lia.json", questionnaire)
    assert again.title == "[2JSpring offers"


LIFTED = [*ANSWERS["safeguards"], "s_frequency", "s_exclude_vulnerable"]
POST = {"ctx_channels": ["ch_post"], "po_list": True}


@pytest.mark.parametrize(
    ("changes", "consent"),
    [
        ({}, False),
        ({"ctx_special": "special_yes"}, True),
        ({"ctx_relationship": "rel_prospects", "e_sale": False}, True),
        ({**POST, "q02": "yes", "q09": "yes"}, True),
        ({**POST, "q02": "yes", "q09": "yes", "safeguards": LIFTED}, False),
    ],
)
def test_the_consent_page_appears_exactly_when_the_core_says_so(qtbot, window, questionnaire, changes, consent):
    wizard = window.records.new_assessment()
    walk(qtbot, wizard, {**ANSWERS, **changes}, until="outcome")
    fill(wizard, {**ANSWERS, **changes})
    assert flow.consent_applies(wizard.draft, questionnaire) is consent
    assert click_next(qtbot, wizard) == "signoff"  # the decision first, then the consent checklist
    assert ("consent" in flow.applicable_pages(wizard.draft, wizard.q)) is consent


def test_choosing_consent_brings_the_consent_page(qtbot, window):
    wizard = window.records.new_assessment()
    walk(qtbot, wizard, ANSWERS, until="signoff")
    fill(wizard, {"decision": "dec_consent"})
    page = wizard.currentPage()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # a rationale is now needed
    assert "Motivering" in page.reason.text()
    page.editors["decision_rationale"].text.setPlainText("We vragen toch toestemming.")
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert "consent" in flow.applicable_pages(wizard.draft, wizard.q)
    assert click_next(qtbot, wizard) == "consent"  # shown, not passed before the decision brought it in
    assert click_next(qtbot, wizard) == "finish"
    assert all(wizard.draft.value(k) is False for k in ("k1", "k2"))  # boxes seen and left: a "No" the user saw


def test_the_outcome_page_shows_the_verdict_per_channel_and_links_back(qtbot, window):
    wizard = window.records.new_assessment()
    walk(
        qtbot,
        wizard,
        {**ANSWERS, "ctx_channels": ["ch_email", "ch_post"], "po_list": True, "q02": "yes", "q09": "yes"},
        until="outcome",
    )
    page = wizard.currentPage()
    t = wizard.texts
    assert "niet voldoende" in page.banner.text() or t.verdict("not_suitable") in page.banner.text()
    assert page.chart.counts == {"favourable": 8, "partial": 0, "unfavourable": 2, "open": 0, "unanswered": 0}
    html = page.findings.toPlainText()
    assert f"{t.option('ch_email')}: {t.channel_verdict('suitable')}" in html
    assert f"{t.option('ch_post')}: {t.channel_verdict('consent_needed')}" in html
    assert t.get("advice", "what_would_change") in html
    assert "item:q09" in page.findings.toHtml()
    # safeguards beyond the law that reduce each harm lift the post's balance
    fill(wizard, {"safeguards": LIFTED})
    assert t.verdict("suitable_with_safeguards") in page.banner.text()
    assert f"{t.option('ch_post')}: {t.channel_verdict('suitable_with_safeguards')}" in page.findings.toPlainText()
    wizard.jump_to("q09")
    assert wizard.currentPage().name == "q09"


def test_the_safeguards_say_what_the_law_requires_for_the_channels_in_use(qtbot, window):
    wizard = window.records.new_assessment()
    walk(qtbot, wizard, {**ANSWERS, "ctx_channels": ["ch_post"], "po_list": True}, until="outcome")
    page = wizard.currentPage()
    editor, t = page.safeguards, wizard.texts
    by_law = t.get("pdf", "by_law")
    # post: no opt-out link and no caller's identity to give; both hidden, the rest shown
    assert editor.option_rows["s_optout"].isHidden() and editor.option_rows["s_call_identity"].isHidden()
    assert by_law in editor.option_labels["s_suppression"].text()
    assert not editor.option_rows["s_frequency"].isHidden()
    assert by_law not in editor.option_labels["s_frequency"].text()
    # with e-mail the opt-out is required, and marked so
    wizard.draft.set_value("ctx_channels", ["ch_post", "ch_email"])
    page.refresh()
    assert not editor.option_rows["s_optout"].isHidden()
    assert by_law in editor.option_labels["s_optout"].text()


def test_ticking_safeguards_moves_neither_the_boxes_nor_the_reasons(qtbot, window):
    wizard = window.records.new_assessment()
    walk(qtbot, wizard, {**ANSWERS, "ctx_channels": ["ch_email", "ch_post"], "po_list": True}, until="outcome")
    page = wizard.currentPage()
    page.resize(page.width(), 420)  # a laptop screen: the reasons scroll
    qtbot.wait(10)
    bar = page.findings.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    read_at, box = bar.value(), page.safeguards.buttons["s_frequency"]
    top = box.mapTo(page, box.rect().topLeft()).y()
    for safeguard in ("s_optout", "s_suppression", "s_notice", "s_frequency", "s_exclude_vulnerable"):
        page.safeguards.buttons[safeguard].click()
        qtbot.wait(10)
        assert box.mapTo(page, box.rect().topLeft()).y() >= top  # never pulled up under the pointer
        assert bar.value() == min(read_at, bar.maximum())


def test_finishing_without_the_safeguards_the_law_requires_asks_first(qtbot, window, answers):
    wizard = window.records.new_assessment()
    walk(qtbot, wizard, {**ANSWERS, "safeguards": ["s_optout"]})
    answers.confirm = False
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert window.wizard is wizard  # still open: the user went back
    assert any(wizard.texts.safeguard("s_objection_first")[0] in text for text in answers.asked)
    answers.confirm = True
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert window.wizard is None
    assert window.store.repository.get(wizard.draft.id).status is Status.COMPLETED


def test_questions_that_repeat_an_earlier_answer_start_from_it(qtbot, window):
    wizard = window.records.new_assessment()
    answers = {k: v for k, v in ANSWERS.items() if k not in ("q04", "q08", "q10")}
    walk(qtbot, wizard, answers, until="q04")
    assert wizard.currentPage().editors["q04"].buttons["q04_customer"].isChecked()
    walk(qtbot, wizard, answers, until="q10")
    assert wizard.currentPage().editors["q10"].buttons["q10_necessary"].isChecked()
    assert wizard.draft.value("q08") == "q08_direct"


def test_every_input_has_an_accessible_name_and_object_name(qtbot, window):
    wizard = window.records.new_assessment()
    for page in wizard.pages.values():
        for widget in page.findChildren(QWidget):
            if widget.objectName().startswith("qt_") or widget.objectName().endswith(".complete"):
                continue  # Qt's own inner widgets, and the hidden gate of Next
            if widget.focusPolicy() != Qt.FocusPolicy.NoFocus and widget.metaObject().className() in (
                "QLineEdit",
                "QPlainTextEdit",
                "QRadioButton",
                "QCheckBox",
                "QDateEdit",
                "QComboBox",
            ):
                assert widget.objectName(), widget
                assert widget.accessibleName(), widget.objectName()


def test_the_wizard_follows_the_record_language(qtbot, window):
    wizard = window.records.new_assessment()
    page = wizard.pages["q04"]
    assert page.editors["q04"].title.text().startswith("Wat is de relatie")
    wizard.pages["welcome"].language.setCurrentIndex(1)  # fr
    assert wizard.draft.language == "fr"
    assert page.editors["q04"].title.text().startswith("Quelle est la relation")
    assert wizard.buttonText(QWizard.WizardButton.NextButton) == "&Suivant >"
    labels = [w.text() for w in page.findChildren(QLabel) if w.text()]
    assert not any("relatie" in text for text in labels)


def test_saving_happens_after_typing_stops_not_on_each_key(qtbot, window, monkeypatch):
    wizard = window.records.new_assessment()
    wizard.next()
    saves = []
    original = window.store.repository.save
    monkeypatch.setattr(window.store.repository, "save", lambda a, by="": saves.append(1) or original(a, by))
    type_text(wizard.currentPage().editors["title"].line, "Zomeractie")
    assert saves == []  # no write inside the keystrokes
    qtbot.waitUntil(lambda: saves == [1], timeout=5000)


CRASH = textwrap.dedent(
    """
    import os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from pathlib import Path
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from lia_desktop.assets import questionnaire
    from lia_desktop.ui import dialogs
    from lia_desktop.ui.main.window import MainWindow
    from tests.conftest import FAVOURABLE
    from tests.gui.conftest import fill, make_context

    window = MainWindow(make_context(Path(sys.argv[1]), questionnaire()))
    window.show()
    window.open_workspace("default")
    wizard = window.records.new_assessment()
    while wizard.currentPage().name != "q03":
        fill(wizard, {**FAVOURABLE, "q02.note": "Weinig nadeel."})
        wizard.next()
    fill(wizard, {"q03": "yes"})
    wizard.saver.flush()  # the debounce has passed
    os._exit(3)  # the power goes out
    """
)


def test_a_killed_process_leaves_a_draft_that_reopens_on_its_page(qtbot, tmp_path, questionnaire, answers):
    from lia_desktop.ui.main.window import MainWindow

    data = tmp_path / "data"
    root = Path(__file__).parents[2]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", CRASH, str(data)], cwd=root, env=env, timeout=120, capture_output=True, text=True
    )
    assert done.returncode == 3, done.stderr
    window = MainWindow(make_context(data, questionnaire))
    qtbot.addWidget(window)
    window.show()
    assert window.open_workspace("default")
    wizard = window.records.offer_to_continue()
    assert answers.asked and "Lentenieuwsbrief" in answers.asked[-1]
    assert wizard is not None and wizard.currentPage().name == "q03"
    assert wizard.currentPage().editors["q03"].buttons["yes"].isChecked()
    assert wizard.draft.note("q02") == "Weinig nadeel."
    wizard.button(QWizard.WizardButton.BackButton).click()
    assert wizard.currentPage().name == "q02"
    wizard.saver.flush()
    wizard.close()
    window.close_workspace()


def test_the_channel_page_tells_the_rules_before_the_balance(qtbot, window):
    wizard = window.records.new_assessment()
    walk(qtbot, wizard, ANSWERS, until="channels")
    fill(wizard, ANSWERS)  # every condition of the soft opt-in ticked
    assert wizard.texts.rule("BE-ELEC-SOFTOPTIN")[:40] in wizard.currentPage().notes.text()
    fill(wizard, {"e_sale": False})  # not obtained in a sale: consent needed whatever the balance
    notes = wizard.currentPage().notes.text()
    assert "toestemming" in notes and "XII.13" in notes  # with its legal reference


def test_changing_a_completed_assessment_reopens_it_until_finished_again(qtbot, window):
    wizard = window.records.new_assessment()
    walk(qtbot, wizard, ANSWERS)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assessment_id = wizard.draft.id
    window.select_id(assessment_id)
    wizard = window.records.open_selected()
    assert wizard.currentPage().name == "finish"  # a completed assessment opens on its summary
    assert "item:q03" in wizard.currentPage().summary.toHtml()
    wizard.jump_to("q03")  # what its link does: one click
    assert wizard.currentPage().name == "q03"
    fill(wizard, {"q03": "no", "q03.note": "Weinig voordeel voor de klant."})
    wizard.button(QWizard.WizardButton.CancelButton).click()  # save and close
    stored = window.store.repository.get(assessment_id)
    assert stored.status is Status.DRAFT
    assert [r.event.value for r in stored.revisions] == ["completed", "changed"]
    window.select_id(assessment_id)
    wizard = window.records.open_selected()
    walk(qtbot, wizard, {}, until="finish")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    stored = window.store.repository.get(assessment_id)
    assert stored.status is Status.COMPLETED
    assert stored.revisions[-1].event.value == "completed" and stored.revisions[-1].changes == ["q03"]
    assert stored.revisions[-1].by == "Tester"
    window.select_id(assessment_id)
    wizard = window.records.open_selected()
    history = wizard.currentPage().summary.toPlainText()
    assert "Vraag 3 van 10: Ja → Nee" in history and "“Weinig voordeel voor de klant.”" in history


def test_a_full_disk_is_told_once_and_nothing_typed_is_lost(qtbot, window, answers, monkeypatch):
    import errno

    from lia_desktop.storage import safe_storage

    wizard = window.records.new_assessment()
    wizard.next()
    editor = wizard.currentPage().editors["title"]

    def no_space(_fd, _data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(safe_storage, "_write_all", no_space)
    editor.line.setText("Zomeractie")
    assert not wizard.saver.flush()
    editor.line.setText("Zomeractie 2026")
    assert not wizard.saver.flush()
    assert len(answers.errors) == 1 and "niet worden opgeslagen" in answers.errors[0]
    assert "NIET OPGESLAGEN" in wizard.windowTitle()
    answers.confirm = False
    wizard.reject()  # closing while unsaved asks first; "keep open"
    assert wizard.isVisible()
    monkeypatch.undo()
    assert wizard.saver.flush()
    assert "NIET OPGESLAGEN" not in wizard.windowTitle()
    assert window.store.repository.get(wizard.draft.id).title == "Zomeractie 2026"


def test_every_completed_example_opens_on_its_summary_unchanged(window):
    from lia_desktop.assets import resources_dir
    from lia_desktop.export import exchange

    for path in sorted((resources_dir() / "examples").glob("*.lia.json")):
        example = exchange.read(path, window.ctx.questionnaire)
        if example.status is not Status.COMPLETED:
            continue
        window.store.repository.add_many([example])
        before = window.store.repository.stored(example.id)
        window.refresh()
        window.select_id(example.id)
        wizard = window.records.open_selected()
        assert wizard.currentPage().name == "finish", path.name
        wizard.saver.flush()
        assert window.store.repository.stored(example.id) == before, path.name  # opening changes nothing
        wizard.reject()
        assert window.wizard is None


def test_going_to_the_end_stops_where_new_tick_boxes_came_in(qtbot, window):
    wizard = window.records.new_assessment()
    walk(qtbot, wizard, ANSWERS, until="finish")
    wizard.jump_to("ctx_channels")
    fill(wizard, {"ctx_channels": [*ANSWERS["ctx_channels"], "ch_phone"]})
    wizard.go_to("finish")  # the step list's last step
    page = wizard.currentPage()
    assert page.name == "channels" and "ph_list" in page.unseen_boxes()  # not passed: shown to the user
    assert click_next(qtbot, wizard) != "channels"
    assert wizard.draft.value("ph_list") is False  # seen and left unticked
