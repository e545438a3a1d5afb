"""Fixtures for the window tests (pytest-qt, offscreen)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWizard

from lia_desktop.app_context import AppContext
from lia_desktop.settings import Settings
from lia_desktop.ui import dialogs
from lia_desktop.ui.main.window import MainWindow
from lia_desktop.ui.wizard.items_page import ItemsPage
from lia_desktop.ui.wizard.shell import AssessmentWizard


class Answers:
    """Records the questions the window asked and gives scripted answers."""

    def __init__(self) -> None:
        self.confirm = True
        self.asked: list[str] = []
        self.errors: list[str] = []
        self.files: list[str] = []
        self.save_to: str | None = None
        self.folder: str | None = None
        self.text: str | None = None
        self.passwords: list[str | None] = []
        self.choice: int | None = 0  # the item picked from a list (None: cancelled)
        self.choices: list[list[str]] = []  # the lists offered
        self.suggested: list[str] = []  # where each save dialog would have opened


@pytest.fixture
def answers(monkeypatch):
    given = Answers()

    def confirm(_parent, title, text, *_buttons):
        given.asked.append(text)
        return given.confirm

    monkeypatch.setattr(dialogs, "confirm", confirm)
    monkeypatch.setattr(dialogs, "show_error", lambda _p, _t, text, detail="": given.errors.append(text))
    monkeypatch.setattr(dialogs, "show_info", lambda _p, _t, text: given.asked.append(text))
    monkeypatch.setattr(dialogs, "choose_open_files", lambda *_a: list(given.files))
    monkeypatch.setattr(
        dialogs, "choose_save_file", lambda _p, _t, suggested, _f: given.suggested.append(suggested) or given.save_to
    )
    monkeypatch.setattr(dialogs, "choose_folder", lambda *_a: given.folder)
    monkeypatch.setattr(dialogs, "ask_text", lambda *_a: given.text)
    monkeypatch.setattr(
        dialogs, "ask_choice", lambda _p, _t, _label, items: given.choices.append(items) or given.choice
    )
    monkeypatch.setattr(dialogs, "ask_password", lambda *_a: given.passwords.pop(0) if given.passwords else "")
    monkeypatch.setattr(dialogs, "open_externally", lambda path: given.asked.append(path) or True)
    return given


def make_context(data_dir: Path, questionnaire, language: str = "nl") -> AppContext:
    window_settings = QSettings(str(data_dir / "window.ini"), QSettings.Format.IniFormat)
    return AppContext(data_dir, questionnaire, Settings(language=language, user_name="Tester"), window_settings)


@pytest.fixture
def ctx(tmp_path, questionnaire):
    return make_context(tmp_path / "data", questionnaire)


@pytest.fixture
def window(qtbot, ctx, answers):
    main = MainWindow(ctx)
    qtbot.addWidget(main)
    main.show()
    assert main.open_workspace("default")
    yield main
    if main.wizard is not None:
        main.wizard.saver.flush()
        main.wizard.close()
    main.close_workspace()


def current(wizard: AssessmentWizard) -> ItemsPage:
    return wizard.currentPage()


def fill(wizard: AssessmentWizard, values: dict) -> None:
    """Answer the visible items of the current page through their widgets."""
    page = wizard.currentPage()
    editors = getattr(page, "editors", {})
    if page.name == "outcome":
        editors = {"safeguards": page.safeguards}
    for item_id, editor in editors.items():
        if item_id not in values or not editor.isVisible():
            continue
        value = values[item_id]
        kind = editor.item.kind
        if kind == "text":
            editor.line.setText(value)
        elif kind == "longtext":
            editor.text.setPlainText(value)
        elif kind == "date":
            editor.date.edit.clear()
            QTest.keyClicks(editor.date.edit, value)  # typed, as a user would
        elif kind == "choice":
            editor.buttons[value].click()
        elif kind == "multi":
            for option, button in editor.buttons.items():
                if (option in value) != button.isChecked():
                    button.click()
        elif kind == "check" and editor.check.isChecked() != value:
            editor.check.click()
        note = values.get(f"{item_id}.note")
        if note is not None and editor.note is not None:
            editor.note.setPlainText(note)


def click_next(qtbot, wizard: AssessmentWizard) -> str:
    button = wizard.button(QWizard.WizardButton.NextButton)
    assert button.isEnabled(), f"Next is disabled on {wizard.currentPage().name}"
    button.click()
    return wizard.currentPage().name
