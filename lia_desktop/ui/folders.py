"""Where file dialogs open: the folder used last, else the user's documents folder, never the
program's working directory."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

KEY = "last_folder"


def start_folder(settings: QSettings) -> str:
    last = str(settings.value(KEY, "") or "")
    if last and Path(last).is_dir():
        return last
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents and Path(documents).is_dir():
        return documents
    return str(Path.home())


def start_path(settings: QSettings, file_name: str) -> str:
    """The suggested file in the folder a save dialog opens in."""
    return str(Path(start_folder(settings)) / file_name)


def remember(settings: QSettings, chosen: str | Path, is_folder: bool = False) -> None:
    """Remember the folder of a chosen file (or a chosen folder) for the next dialog."""
    folder = Path(chosen) if is_folder else Path(chosen).parent
    if folder.is_dir():
        settings.setValue(KEY, str(folder))
