"""What the window needs, built once by the composition root (app.py) and handed down."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings

from lia_desktop import settings as settings_file
from lia_desktop.assets import resources_dir
from lia_desktop.domain.content import Questionnaire, Texts
from lia_desktop.i18n import QtTranslations, Ui
from lia_desktop.settings import Settings
from lia_desktop.storage.paths import DEFAULT_WORKSPACE

if TYPE_CHECKING:
    from lia_desktop.storage.workspace import Workspaces


class AppContext:
    default_workspace = DEFAULT_WORKSPACE

    def __init__(
        self,
        data_dir: Path,
        questionnaire: Questionnaire,
        settings: Settings,
        window_settings: QSettings,
        qt_translations: QtTranslations | None = None,
    ) -> None:
        self.data_dir = data_dir
        self.questionnaire = questionnaire
        self.settings = settings
        self.window_settings = window_settings
        self.qt_translations = qt_translations or QtTranslations()
        self.passphrases: dict[str, str] = {}  # encrypted workspaces opened this session, never on disk
        self._apply_language()

    @functools.cached_property
    def workspaces(self) -> Workspaces:
        """The workspaces of the data folder (the storage is loaded when they are first needed:
        the window is shown before)."""
        from lia_desktop.storage.workspace import Workspaces

        return Workspaces(self.data_dir, self.questionnaire, keep_backups=self.settings.backups)

    def _apply_language(self) -> None:
        self.ui = Ui(self.questionnaire, self.settings.language)
        self.content: Texts = self.questionnaire.texts(self.settings.language)
        self.qt_translations.install(self.settings.language)
        from lia_desktop.ui import dialogs  # the window's dialogs; imported once Qt is up

        dialogs.set_file_labels(self.ui("file_look_in"), self.ui("file_type"))

    def save_settings(self, new: Settings) -> None:
        settings_file.save(self.data_dir, new)
        self.settings = new
        self.workspaces.keep_backups = new.backups
        self._apply_language()

    def examples(self) -> list[Path]:
        from lia_desktop.export.exchange import SUFFIX

        return sorted((resources_dir() / "examples").glob(f"*{SUFFIX}"))
