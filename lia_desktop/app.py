"""Composition root of the window: paths, settings, translations, crash handler, main window."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from dataclasses import replace
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from lia_desktop import APP_ID, APP_NAME, __version__
from lia_desktop import settings as settings_file
from lia_desktop.app_context import AppContext
from lia_desktop.assets import icon_files, questionnaire
from lia_desktop.crash_log import write_crash_log
from lia_desktop.i18n import QtTranslations, Ui, system_ui_language
from lia_desktop.settings import Settings
from lia_desktop.storage.paths import DEFAULT_WORKSPACE, data_dir_from

if TYPE_CHECKING:
    from lia_desktop.ui.main.window import MainWindow


def install_crash_handler(data_dir: Path, ui: Ui, show_dialogs: bool) -> None:
    """Unexpected exceptions are logged to a file and shown with the log's path, never silent."""

    def handler(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        try:
            path = write_crash_log(data_dir, kind, value, tb)
        except OSError:
            path = None
        sys.stderr.write(f"{APP_NAME}: {ui('err_crash', path=path or '-')} [{kind.__name__}: {value}]\n")
        if show_dialogs and QApplication.instance() is not None:
            try:
                from lia_desktop.ui import dialogs

                dialogs.show_error(None, ui("error_title"), ui("err_crash", path=path or "-"), str(value))
            except Exception:
                sys.stderr.write(f"{APP_NAME}: {ui('err_crash', path=path or '-')}\n")

    sys.excepthook = handler


def app_icon() -> QIcon:
    """The app icon in every size it is drawn in (title bar, task switcher, dock)."""
    icon = QIcon()
    for path in icon_files():
        icon.addFile(str(path))
    return icon


def starting_settings(
    data_dir: Path, lang: str | None = None, environ: dict[str, str] | None = None
) -> tuple[Settings, bool]:
    """The settings to start with, and whether this is the program's first start (no settings
    saved yet): then the window speaks the system's language, English where it is not ours."""
    first_run = not settings_file.exists(data_dir)
    chosen = settings_file.load(data_dir)
    if first_run:
        chosen = replace(chosen, language=settings_file.system_language(environ) or system_ui_language())
    if lang:
        chosen = replace(chosen, language=lang)
    return chosen, first_run


def run_gui(args: argparse.Namespace, exit_at_once: bool = False) -> int:
    """The window, until it is closed. With `exit_at_once` (the program's own entry point) the
    process ends right after it: what it keeps is on disk by then (the workspace is written as
    it changes, its lock goes with the process, the window's settings are written here), and
    tearing down every object of the interpreter one by one only kept a closed window's
    process alive for a few tens of milliseconds."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(app_icon())
    app.setDesktopFileName(APP_ID)  # Wayland shows the launcher's icon for windows of this id
    data_dir = data_dir_from(args.data_dir)
    chosen, first_run = starting_settings(data_dir, args.lang)
    window_settings = QSettings(str(data_dir / "window.ini"), QSettings.Format.IniFormat)
    ctx = AppContext(data_dir, questionnaire(), chosen, window_settings, QtTranslations())
    install_crash_handler(data_dir, ctx.ui, show_dialogs=not os.environ.get("LIA_NO_ERROR_WINDOWS"))

    from lia_desktop.ui.main.window import MainWindow

    window = MainWindow(ctx)
    window.show()  # before the workspace is read: the window is there at once, the list follows
    if os.environ.get("LIA_QUIT_WHEN_SHOWN"):  # benchmarks/bench_scale.py: the window shown
        QTimer.singleShot(0, app.quit)
    else:
        app.processEvents()  # its first frame drawn
        QTimer.singleShot(0, lambda: open_first_workspace(window, args.workspace, first_run))
    status = app.exec()
    window_settings.sync()
    if exit_at_once:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)
    return status


def open_first_workspace(window: MainWindow, requested: str | None, first_run: bool = False) -> None:
    """The workspace asked for, else the last one used, else the default; then the first start's
    welcome, or after a crash the draft that was open."""
    ctx = window.ctx
    try:
        last = str(ctx.window_settings.value("last_workspace", "") or "")
        name = requested or (last if last and last in ctx.workspaces.names() else DEFAULT_WORKSPACE)
        window.open_workspace(name)
    finally:
        collect_from_now()
    if os.environ.get("LIA_QUIT_WHEN_FILLED"):  # benchmarks/bench_scale.py: the list filled (and drawn)
        QTimer.singleShot(0, QApplication.instance().quit)
    elif first_run:
        window.welcome_first_run()
    else:
        window.records.offer_to_continue()


def collect_from_now() -> None:
    """The cycle collector, paused while the program starts (__main__.gui), runs again; what
    was made until now lives as long as the window and is set aside from it for good."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()
