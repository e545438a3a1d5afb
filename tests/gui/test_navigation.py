"""Going through an assessment like a document: the step list, the summary, the last page, and
a cancelled new assessment that leaves nothing behind."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, QUrl
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QWizard

from lia_desktop.domain import flow
from tests.conftest import make_assessment
from tests.gui.conftest import click_next, fill
from tests.gui.test_wizard import ANSWERS, walk


def step_list(wizard):
    steps = wizard.steps
    return steps.pages(), steps.enabled_pages(), steps.list.currentItem().data(Qt.ItemDataRole.UserRole)


def test_the_step_list_shows_every_page_that_applies(qtbot, window, questionnaire):
    wizard = window.records.new_assessment()
    walk(qtbot, wizard, ANSWERS, until="q02")
    pages, enabled, current = step_list(wizard)
    assert pages == list(flow.applicable_pages(wizard.draft, questionnaire))  # a new page shows by itself
    assert enabled == pages[: pages.index("q02") + 1]  # every page up to here, and no further
    assert current == "q02" and wizard.steps.list.currentItem().text().endswith("◀")
    total = len(pages)
    assert wizard.currentPage().subTitle() == f"Stap {pages.index('q02') + 1} van {total} · Vraag 2 van 10"
    assert not wizard.currentPage().counter.isVisible()  # "Vraag 2 van 10" once, not twice
    wizard.steps.list.itemClicked.emit(wizard.steps.list.item(pages.index("channels")))
    assert wizard.currentPage().name == "channels"
    assert wizard.currentPage().subTitle() == f"Stap {pages.index('channels') + 1} van {total}"
    later = wizard.steps.list.item(pages.index("q02"))
    assert later.flags() & Qt.ItemFlag.ItemIsEnabled  # seen before: forward again in one click
    wizard.steps.list.itemClicked.emit(later)
    assert wizard.currentPage().name == "q02"
    unseen = wizard.steps.list.item(pages.index("q05"))
    wizard.steps.list.itemClicked.emit(unseen)
    assert wizard.currentPage().name == "q02"  # not reached yet: not a jump


def test_the_step_list_follows_pages_that_come_and_go(qtbot, window):
    wizard = window.records.new_assessment()
    walk(qtbot, wizard, ANSWERS, until="signoff")
    assert "consent" not in wizard.steps.pages()
    fill(wizard, {"decision": "dec_consent", "decision_rationale": "Toch toestemming."})
    qtbot.waitUntil(lambda: "consent" in wizard.steps.pages(), timeout=5000)  # after the answer is saved
    assert wizard.currentPage().subTitle().startswith(f"Stap {wizard.steps.pages().index('signoff') + 1} van ")


def test_a_page_shown_again_shows_the_answers_as_they_are_now(qtbot, window):
    wizard = window.records.new_assessment()
    walk(qtbot, wizard, ANSWERS, until="outcome")
    assert wizard.currentPage().banner.accessibleName() == wizard.texts.verdict("suitable")
    wizard.jump_to("r4")
    fill(wizard, {"r4": "no"})  # an objection that cannot be honoured
    wizard.go_to("outcome")
    assert wizard.currentPage().banner.accessibleName() == wizard.texts.verdict("not_suitable")  # was stale


def test_the_last_page_sums_up_and_finish_is_what_enter_does(qtbot, window):
    wizard = window.records.new_assessment()
    walk(qtbot, wizard, ANSWERS)
    page = wizard.currentPage()
    assert page.title() == "Nakijken en afronden" and "Klaar" not in page.title()
    assert "Afronden" in page.intro.text() and "bewaard" not in page.intro.text().split(".")[0]
    previews = []
    wizard.preview_requested.connect(previews.append)
    assert not page.preview.autoDefault() and not page.save_pdf.autoDefault()
    page.summary.anchorClicked.emit(QUrl("item:q05"))  # an answer, one click away
    assert wizard.currentPage().name == "q05"
    wizard.go_to("finish")
    QTest.keyClick(wizard, Qt.Key.Key_Return)
    assert previews == [] and window.wizard is None  # Enter finished the assessment
    assert window.statusBar().currentMessage().startswith("„Lentenieuwsbrief” is afgerond en opgeslagen.")


def test_new_then_escape_leaves_nothing_behind(qtbot, window):
    kept = window.store.repository.save(make_assessment(title="Bestaande"))
    window.refresh()
    window.select_id(kept.id)
    wizard = window.records.new_assessment()
    assert wizard.draft.id in window.store.repository  # stored at once, for crash recovery
    QTest.keyClick(wizard, Qt.Key.Key_Escape)
    assert window.wizard is None and len(window.store.repository) == 1
    assert window.selected_ids() == [kept.id]  # the list as it was
    window.store.repository.delete(kept.id)
    window.refresh()
    wizard = window.records.new_assessment()
    click_next(qtbot, wizard)  # the date of the assessment is filled in by itself: not typed
    wizard.reject()
    assert len(window.store.repository) == 0
    wizard = window.records.new_assessment()
    click_next(qtbot, wizard)
    fill(wizard, {"title": "Zomeractie"})
    wizard.reject()
    assert [row.title for row in window.store.repository.list()] == ["Zomeractie"]


def test_a_consultant_is_not_the_clients_decision_maker(qtbot, window):
    answers = {k: v for k, v in ANSWERS.items() if k not in ("assessor", "signoff_name")}
    wizard = window.records.new_assessment()
    walk(qtbot, wizard, answers, until="signoff")
    assert wizard.draft.signoff_name == "Tester"  # deciding for one's own organisation
    wizard.reject()
    window.apply_settings(replace(window.ctx.settings, user_name="Sofie", role="consultant"))
    wizard = window.records.new_assessment()
    walk(qtbot, wizard, answers, until="signoff")
    assert wizard.draft.assessor == "Sofie" and wizard.draft.signoff_name == ""
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # the client's name is asked


def test_each_right_asks_its_question_and_the_reason_links_to_what_is_missing(qtbot, window):
    wizard = window.records.new_assessment()
    walk(qtbot, wizard, {**ANSWERS, "r4": None}, until="tips")
    page = wizard.currentPage()
    for item_id in ("r1", "r2", "r3", "r4"):
        question = page.editors[item_id].question
        assert question.isVisible() and question.text().endswith("?"), item_id
    assert "procedure" in page.editors["r1"].question.text()
    assert "href='r4'" in page.reason.text()
    assert page.scroll.verticalScrollBar().value() == 0
    page.reason.linkActivated.emit("r4")
    qtbot.waitUntil(lambda: wizard.focusWidget() is page.editors["r4"].buttons["yes"])
    assert page.scroll.verticalScrollBar().value() > 0  # scrolled down to it


def test_a_change_link_puts_the_keyboard_in_that_field_not_the_page_s_first(qtbot, window):
    # from the last page's summary: what is typed next goes where the link pointed
    wizard = window.records.new_assessment()
    walk(qtbot, wizard, ANSWERS)
    wizard.jump_to("ctx_purpose")  # what the summary's "change" link does
    page = wizard.currentPage()
    target = page.editors["ctx_purpose"].first_input()
    qtbot.waitUntil(lambda: wizard.focusWidget() is target)
    qtbot.wait(50)  # nothing scheduled by the page's opening takes the keyboard back
    assert wizard.focusWidget() is target and wizard.draft.title == ANSWERS["title"]


def test_the_keyboard_starts_on_the_answer_already_chosen(qtbot, window):
    wizard = window.records.new_assessment()
    walk(qtbot, wizard, ANSWERS, until="q04")  # prefilled from the relationship
    page = wizard.currentPage()
    chosen = page.editors["q04"].buttons["q04_customer"]
    assert chosen.isChecked()
    qtbot.waitUntil(lambda: wizard.focusWidget() is chosen)  # a Space there changes nothing


def test_the_preview_opened_from_the_wizard_belongs_to_it(qtbot, window):
    wizard = window.records.new_assessment()
    walk(qtbot, wizard, ANSWERS)
    wizard.currentPage().preview.click()
    preview = wizard.findChild(QDialog, "preview")
    assert preview is not None and preview.parentWidget() is wizard  # not blocked behind the wizard
    preview.close()
