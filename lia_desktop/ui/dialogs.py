"""Every modal question the window asks, as small functions a test can replace.

Logic never calls QMessageBox.exec() or a file dialog directly: it calls these, so tests
swap them for answers (monkeypatch `lia_desktop.ui.dialogs.confirm`, ...). Each gives the
keyboard back to the window it was asked from (without a window manager no one else does).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget
from shiboken6 import isValid


def back_to(parent: QWidget | None) -> None:
    """Give the keyboard back to the parent's window after a dialog."""
    if parent is not None and isValid(parent) and parent.window().isVisible():
        parent.window().activateWindow()


def _returns_focus(ask: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(ask)
    def asking(parent: QWidget | None, *args: Any, **kwargs: Any) -> Any:
        try:
            return ask(parent, *args, **kwargs)
        finally:
            back_to(parent)

    return asking


@_returns_focus
def confirm(parent: QWidget | None, title: str, text: str, yes: str, no: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    no_button = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no_button)
    box.setEscapeButton(no_button)
    box.exec()
    return box.clickedButton() is yes_button


@_returns_focus
def show_error(parent: QWidget | None, title: str, text: str, detail: str = "") -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    if detail:
        box.setDetailedText(detail)
    box.exec()


@_returns_focus
def show_info(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


@_returns_focus
def ask_text(parent: QWidget | None, title: str, label: str, value: str = "") -> str | None:
    text, ok = QInputDialog.getText(parent, title, label, text=value)
    return text if ok else None


@_returns_focus
def ask_choice(parent: QWidget | None, title: str, label: str, items: list[str]) -> int | None:
    """The index of the item chosen from a list (the first one preselected), or None."""
    text, ok = QInputDialog.getItem(parent, title, label, items, 0, False)
    return items.index(text) if ok and text in items else None


# Qt 6's file dialog asks "&Look in:" and "Files of &type:", which its own nl and fr
# catalogs lack (they translate the older "Look in:"): the program sets those two labels.
_FILE_LABELS: dict[QFileDialog.DialogLabel, str] = {}


def set_file_labels(look_in: str, file_type: str) -> None:
    """The two file-dialog labels Qt's catalogs do not translate, in the user's language."""
    _FILE_LABELS.update({QFileDialog.DialogLabel.LookIn: look_in, QFileDialog.DialogLabel.FileType: file_type})


def _file_dialog(
    parent: QWidget | None, title: str, folder: str, filters: str, mode: QFileDialog.FileMode
) -> QFileDialog:
    dialog = QFileDialog(parent, title, folder, filters)
    dialog.setFileMode(mode)
    for label, text in _FILE_LABELS.items():
        dialog.setLabelText(label, text)
    return dialog


def _chosen(dialog: QFileDialog) -> list[str]:
    return dialog.selectedFiles() if dialog.exec() == QFileDialog.DialogCode.Accepted else []


@_returns_focus
def choose_open_files(parent: QWidget | None, title: str, filters: str, folder: str = "") -> list[str]:
    return _chosen(_file_dialog(parent, title, folder, filters, QFileDialog.FileMode.ExistingFiles))


@_returns_focus
def choose_save_file(parent: QWidget | None, title: str, suggested: str, filters: str) -> str | None:
    """`suggested`: the file name proposed, with the folder to open in."""
    dialog = _file_dialog(parent, title, suggested, filters, QFileDialog.FileMode.AnyFile)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    chosen = _chosen(dialog)
    return chosen[0] if chosen else None


@_returns_focus
def choose_folder(parent: QWidget | None, title: str, folder: str = "") -> str | None:
    dialog = _file_dialog(parent, title, folder, "", QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    chosen = _chosen(dialog)
    return chosen[0] if chosen else None


@_returns_focus
def choose_image(parent: QWidget | None, title: str, filters: str, folder: str = "") -> str | None:
    chosen = _chosen(_file_dialog(parent, title, folder, filters, QFileDialog.FileMode.ExistingFile))
    return chosen[0] if chosen else None


@_returns_focus
def ask_print(parent: QWidget | None, printer: object, pages: int = 0) -> bool:
    from PySide6.QtPrintSupport import QPrintDialog

    dialog = QPrintDialog(printer, parent)
    if pages:
        dialog.setMinMax(1, pages)  # lets a range of pages be chosen
    return dialog.exec() == QPrintDialog.DialogCode.Accepted


def open_externally(path: str) -> bool:
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    return QDesktopServices.openUrl(QUrl.fromLocalFile(path))


@_returns_focus
def ask_password(parent: QWidget | None, title: str, label: str) -> str | None:
    from PySide6.QtWidgets import QLineEdit

    text, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Password)
    return text if ok else None
