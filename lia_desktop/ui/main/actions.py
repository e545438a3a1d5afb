"""The window's actions: their shortcuts, the menus and toolbar that show them, and when each
one is enabled. The slots they run are handed in by the window."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar, QWidget

STD = QKeySequence.StandardKey
SHORTCUTS: dict[str, STD | str | None] = {
    "new": STD.New,
    "open": STD.Open,
    "undo": STD.Undo,
    "duplicate": "Ctrl+D",
    "archive": "Ctrl+Shift+A",
    "delete": STD.Delete,
    "import": "Ctrl+I",
    "export_json": STD.Save,
    "export_pdf": "Ctrl+E",
    "export_all": "Ctrl+Shift+E",
    "blank": None,
    "preview": "Ctrl+Shift+P",
    "print": STD.Print,
    "find": STD.Find,
    "settings": STD.Preferences,  # Ctrl+, where the platform has none
    "quit": STD.Quit,
    "workspace_new": None,
    "workspace_rename": None,
    "workspace_delete": None,
    "workspace_restore": None,
    "shortcuts": STD.HelpContents,  # F1
    "data_folder": None,
    "about": None,
}
# What each action runs: (the command group that does it, its method); None is the window
# itself. The groups are made when first used (window.py).
COMMANDS: dict[str, tuple[str | None, str]] = {
    "new": ("records", "new_assessment"),
    "open": ("records", "open_selected"),
    "undo": ("records", "undo_last"),
    "duplicate": ("records", "duplicate_selected"),
    "archive": ("records", "archive_selected"),
    "delete": ("records", "delete_selected"),
    "import": ("records", "import_files"),
    "export_json": ("output", "export_json"),
    "export_pdf": ("output", "export_pdf"),
    "export_all": ("output", "export_all"),
    "blank": ("output", "export_blank"),
    "preview": ("output", "preview_selected"),
    "print": ("output", "print_selected"),
    "find": (None, "focus_search"),
    "settings": (None, "open_settings"),
    "quit": (None, "close"),
    "workspace_new": ("workspaces", "create"),
    "workspace_rename": ("workspaces", "rename"),
    "workspace_delete": ("workspaces", "delete"),
    "workspace_restore": ("workspaces", "restore_backup"),
    "shortcuts": ("help", "shortcuts"),
    "data_folder": ("help", "data_folder"),
    "about": ("help", "about"),
}
MENUS: dict[str, list[str | None]] = {  # None is a separator; "examples" the examples submenu
    "menu_file": [
        "new",
        "examples",
        "open",
        None,
        "import",
        "export_json",
        "export_pdf",
        "export_all",
        "blank",
        None,
        "preview",
        "print",
        None,
        "quit",
    ],
    "menu_edit": ["undo", None, "duplicate", "archive", "delete", None, "find", None, "settings"],
    "menu_workspace": ["workspace_new", "workspace_rename", "workspace_delete", "workspace_restore"],
    "menu_help": ["shortcuts", "data_folder", None, "about"],
}
TOOLBAR = ("new", "open", "duplicate", "preview", "export_pdf")
FOR_ONE = ("open", "duplicate", "preview", "print", "export_json", "export_pdf")  # one selected
FOR_SOME = ("archive", "delete")  # one or more selected
# A workspace is open (renaming, deleting or restoring act on the open one: with none open,
# after a cancelled passphrase or a damaged file, there is nothing for them to act on).
FOR_STORE = ("new", "import", "export_all", "workspace_rename", "workspace_delete", "workspace_restore")


def make_actions(parent: QWidget, slots: dict[str, Callable[[], Any]]) -> dict[str, QAction]:
    """One action per entry of SHORTCUTS, running its slot."""
    actions = {}
    for name, shortcut in SHORTCUTS.items():
        action = QAction(parent)
        action.setObjectName(f"action.{name}")
        action.triggered.connect(lambda _checked=False, slot=slots[name]: slot())
        if name == "settings" and QKeySequence(STD.Preferences).isEmpty():
            shortcut = "Ctrl+,"
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        actions[name] = action
    return actions


def make_menus(window: QMainWindow, actions: dict[str, QAction], examples: QMenu) -> dict[str, QMenu]:
    menus = {}
    for menu_name, entries in MENUS.items():
        menu = window.menuBar().addMenu("")
        menu.setObjectName(menu_name)
        menus[menu_name] = menu
        for entry in entries:
            if entry is None:
                menu.addSeparator()
            elif entry == "examples":
                menu.addMenu(examples)
            else:
                menu.addAction(actions[entry])
    return menus


def make_toolbar(window: QMainWindow, actions: dict[str, QAction], leading: list[QWidget]) -> QToolBar:
    """The toolbar: the `leading` widgets (the workspace chooser), then the common actions."""
    toolbar = QToolBar(window)
    toolbar.setObjectName("toolbar")
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    window.addToolBar(toolbar)
    for widget in leading:
        toolbar.addWidget(widget)
    toolbar.addSeparator()
    for name in TOOLBAR:
        toolbar.addAction(actions[name])
    return toolbar


def update_enabled(actions: dict[str, QAction], selected: int, has_store: bool) -> None:
    for name in FOR_ONE:
        actions[name].setEnabled(selected == 1)
    for name in FOR_SOME:
        actions[name].setEnabled(selected >= 1)
    for name in FOR_STORE:
        actions[name].setEnabled(has_store)
