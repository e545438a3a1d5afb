"""Languages of the window: our own words from the content files, Qt's from its translations."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from lia_desktop.domain.content import Questionnaire, Texts
from lia_desktop.domain.model import LANGUAGES
from lia_desktop.storage.errors import (
    BadExchangeFile,
    BadLogo,
    BadWorkspaceName,
    DamagedWorkspace,
    DuplicateId,
    LiaError,
    LockUnavailable,
    NotEncrypted,
    NotFound,
    OutputError,
    PassphraseRequired,
    RestoreWouldDecrypt,
    RolledBack,
    StoreWriteError,
    UnknownWorkspace,
    WorkspaceExists,
    WorkspaceInUse,
    WrongPassphrase,
)


class Ui:
    """The words of the window in one language: `ui("key", name=...)`."""

    def __init__(self, questionnaire: Questionnaire, language: str) -> None:
        self.language = language
        self.texts: Texts = questionnaire.texts(language)

    def plural(self, key: str, count: int, **params: Any) -> str:
        """A message whose wording depends on a number, in this language's plural forms."""
        return self.texts.plural(count, "ui", key, **params)

    def __call__(self, key: str, **params: Any) -> str:
        text = self.texts.get("ui", key)
        return text.format_map(params) if params else text

    def error(self, exc: BaseException) -> tuple[str, str]:
        """A translated message for an expected failure, and the technical detail."""
        detail = str(exc)
        if isinstance(exc, WorkspaceInUse):
            return self("err_in_use", path=exc.path), detail
        if isinstance(exc, DamagedWorkspace):
            key = "err_damaged_backup" if exc.backups else "err_damaged"
            return self(key, path=exc.path), detail
        if isinstance(exc, StoreWriteError):
            return self("err_write", path=exc.path), detail
        if isinstance(exc, BadExchangeFile):
            return self("err_bad_file", path=exc.source), exc.reason
        if isinstance(exc, DuplicateId):
            return self("err_duplicate", path=exc.source), detail
        if isinstance(exc, (UnknownWorkspace, WorkspaceExists, BadWorkspaceName)):
            return self("err_workspace_name", name=exc.name), detail
        if isinstance(exc, NotFound):
            return self("err_not_found"), detail
        if isinstance(exc, PassphraseRequired):
            return self("err_passphrase_required", path=exc.path), ""
        if isinstance(exc, WrongPassphrase):
            return self("err_passphrase_wrong" if exc.certain else "err_wrong_passphrase", path=exc.path), ""
        if isinstance(exc, LockUnavailable):
            return self("err_lock", path=exc.path, lock=exc.lock), exc.reason
        if isinstance(exc, NotEncrypted):
            return self("err_not_encrypted", path=exc.path), ""
        if isinstance(exc, RestoreWouldDecrypt):
            return self("err_restore_decrypt", path=exc.path, backup=exc.backup), ""
        if isinstance(exc, RolledBack):
            return self("err_rolled_back", path=exc.path), f"{exc.found} < {exc.seen}"
        if isinstance(exc, BadLogo):
            return self("err_logo", path=exc.path), exc.reason
        if isinstance(exc, OutputError):
            return self("err_output", path=exc.path, reason=exc.reason), ""
        if type(exc) is LiaError:  # raised with a message already meant for the user
            return detail, ""
        if isinstance(exc, LiaError):
            return self("err_generic"), detail
        return self("err_unexpected"), detail


def system_ui_language() -> str:
    """The language the system's user interface is set to: one of ours, else English."""
    for name in QLocale.system().uiLanguages():
        prefix = name[:2].lower()
        return prefix if prefix in LANGUAGES else "en"
    return "en"


class QtTranslations:
    """Qt's own translations (standard buttons such as Next, Back, Cancel)."""

    def __init__(self) -> None:
        self._translator: QTranslator | None = None

    def install(self, language: str) -> bool:
        app = QCoreApplication.instance()
        if app is None:
            return False
        if self._translator is not None:
            app.removeTranslator(self._translator)
            self._translator = None
        translator = QTranslator(app)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if translator.load(f"qtbase_{language}", folder):
            app.installTranslator(translator)
            self._translator = translator
            return True
        return False
