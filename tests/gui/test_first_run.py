"""The first start: the system's language, one question about who uses the program, and an
empty window that says how to begin."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt

from lia_desktop import settings as settings_file
from lia_desktop.app import starting_settings
from lia_desktop.app_context import AppContext
from lia_desktop.assets import resources_dir
from lia_desktop.ui.main.window import MainWindow


def first_window(qtbot, data, questionnaire, environ):
    chosen, first_run = starting_settings(data, None, environ)
    assert first_run
    window_settings = QSettings(str(data / "window.ini"), QSettings.Format.IniFormat)
    window = MainWindow(AppContext(data, questionnaire, chosen, window_settings))
    qtbot.addWidget(window)
    window.show()
    assert window.open_workspace("default")
    return window


@pytest.mark.parametrize(
    ("environ", "language"),
    [
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "fr_BE.UTF-8"}, "fr"),
        ({"LANG": "nl_BE.UTF-8"}, "nl"),
        ({"LANG": "de_DE.UTF-8"}, "en"),  # none of ours: English
        ({"LANG": "nl_NL.UTF-8", "LC_MESSAGES": "fr_FR.UTF-8"}, "fr"),
        ({"LC_ALL": "C.UTF-8", "LANG": "fr_FR.UTF-8"}, "en"),
    ],
)
def test_the_first_start_speaks_the_system_language(tmp_path, environ, language):
    chosen, first_run = starting_settings(tmp_path, None, environ)
    assert first_run and chosen.language == language
    assert starting_settings(tmp_path, "nl", environ)[0].language == "nl"  # --lang wins


def test_first_start_in_english_asks_once_who_uses_the_program(qtbot, tmp_path, questionnaire, answers):
    data = tmp_path / "data"
    window = first_window(qtbot, data, questionnaire, {"LANG": "en_US.UTF-8"})
    assert window.actions_by_name["new"].text() == "New assessment"
    dialog = window.welcome_first_run()
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Welcome to LIA Desktop"
    assert not dialog.firm.isVisible()  # firm and logo are for consultants
    dialog.name.setText("Sofie Peeters")
    dialog.role_consultant.click()
    assert dialog.firm.isVisible() and dialog.logo.isVisible()
    assert dialog.height() >= dialog.sizeHint().height()  # grown for them, nothing squeezed
    dialog.firm.setText("Privacy Advies bv")
    dialog.save_button.click()
    stored = settings_file.load(data)
    assert (stored.language, stored.user_name, stored.role) == ("en", "Sofie Peeters", "consultant")
    assert (stored.consultant, stored.firm) == ("Sofie Peeters", "Privacy Advies bv")
    assert starting_settings(data, None, {"LANG": "fr_BE.UTF-8"}) == (stored, False)  # asked once
    wizard = window.records.new_assessment()
    assert wizard.draft.assessor == "Sofie Peeters" and wizard.draft.language == "en"
    wizard.reject()


def test_first_start_in_french_can_be_skipped_and_changed_later(qtbot, tmp_path, questionnaire, answers):
    data = tmp_path / "data"
    window = first_window(qtbot, data, questionnaire, {"LANG": "fr_BE.UTF-8"})
    dialog = window.welcome_first_run()
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Bienvenue dans LIA Desktop"
    assert dialog.skip_button.text() == "Passer" and dialog.save_button.text() == "Enregistrer"
    dialog.name.setText("not kept: skipped")
    dialog.skip_button.click()
    stored = settings_file.load(data)
    assert (stored.language, stored.user_name, stored.role) == ("fr", "", "")
    assert not starting_settings(data, None, {"LANG": "en_US.UTF-8"})[1]
    assert window.empty.heading.text() == "Aucune évaluation pour l’instant"
    settings = window.open_settings()  # changeable in Settings
    qtbot.addWidget(settings)
    settings.user_name.setText("Luc Dubois")
    settings.role.setCurrentIndex(settings.role.findData("owner"))
    settings.accept()
    assert (settings_file.load(data).user_name, settings_file.load(data).role) == ("Luc Dubois", "owner")


def test_the_first_run_dialog_follows_its_language_choice(qtbot, tmp_path, questionnaire, answers):
    window = first_window(qtbot, tmp_path / "data", questionnaire, {"LANG": "en_GB.UTF-8"})
    dialog = window.welcome_first_run()
    qtbot.addWidget(dialog)
    dialog.language.setCurrentIndex(dialog.language.findData("nl"))
    assert dialog.windowTitle() == "Welkom bij LIA Desktop"
    dialog.save_button.click()
    assert window.ctx.settings.language == "nl"
    assert window.actions_by_name["new"].text() == "Nieuwe beoordeling"


def test_an_empty_workspace_offers_three_ways_to_begin(window, answers, qtbot):
    assert window.list_area.currentWidget() is window.empty
    buttons = window.empty.buttons
    assert [b.text() for b in buttons.values()] == [
        "Nieuwe beoordeling",
        "Begin vanuit een uitgewerkt voorbeeld",
        "Importeren…",
    ]
    assert all(b.isVisible() and b.description() for b in buttons.values())
    window._fill_examples()  # what opening the example button's menu does
    examples = sorted((resources_dir() / "examples").glob("*.lia.json"))
    assert len(buttons["example"].menu().actions()) == len(examples)
    answers.files = [str(examples[0])]
    buttons["import"].click()
    assert window.list_area.currentWidget() is window.table and window.model.rowCount() == 1
    window.store.repository.delete(window.listed_ids()[0])
    window.refresh()
    qtbot.keyClick(buttons["new"], Qt.Key.Key_Return)  # Return presses the card with the keyboard in it
    qtbot.waitUntil(lambda: window.wizard is not None)
    window.wizard.reject()
