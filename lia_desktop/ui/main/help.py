"""The Help menu: the keyboard shortcuts of the window (read from its actions), the data folder,
and what the program is."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtGui import QAction, QKeySequence

from lia_desktop import __version__
from lia_desktop.ui import dialogs
from lia_desktop.ui.main.host import Host


def shortcuts_html(actions: dict[str, QAction], ui: Callable[..., str]) -> str:
    """A table of every action that has a shortcut: the keys as this platform writes them, and
    what they do, in the order of the menus."""
    rows = []
    for name, action in actions.items():
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        if keys:
            rows.append(f"<tr><td><b>{escape(keys)}</b></td><td>{escape(ui(f'act_{name}'))}</td></tr>")
    return f"<p>{escape(ui('shortcuts_intro'))}</p><table cellpadding='3'>{''.join(rows)}</table>"


class HelpCommands:
    def __init__(self, host: Host) -> None:
        self.host = host
        self.ctx = host.ctx

    def shortcuts(self) -> None:
        ui = self.ctx.ui
        dialogs.show_info(self.host.dialog_parent(), ui("act_shortcuts"), shortcuts_html(self.host.actions_by_name, ui))

    def data_folder(self) -> None:
        """The data folder in the file manager (to back it up or move it); where no file manager
        opens, its path is told."""
        ui = self.ctx.ui
        if not dialogs.open_externally(str(self.ctx.data_dir)):
            dialogs.show_info(
                self.host.dialog_parent(), ui("act_data_folder"), ui("data_folder_is", path=self.ctx.data_dir)
            )

    def about(self) -> None:
        ui = self.ctx.ui
        text = ui("about_text", version=__version__, path=self.ctx.data_dir)
        dialogs.show_info(self.host.dialog_parent(), ui("act_about"), text)
