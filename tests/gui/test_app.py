"""The composition root: crash handler and log."""

from __future__ import annotations

import argparse
import contextlib
import gc
import sys
from types import SimpleNamespace

from PySide6.QtCore import QSettings

from lia_desktop import app
from lia_desktop.crash_log import log_path
from lia_desktop.i18n import Ui
from lia_desktop.ui import dialogs


def test_an_unexpected_exception_is_logged_and_shown_with_the_log_path(tmp_path, questionnaire, monkeypatch, qapp):
    import io

    shown = []
    monkeypatch.setattr(dialogs, "show_error", lambda _p, _t, text, detail="": shown.append((text, detail)))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    stderr = io.StringIO()
    monkeypatch.setattr(sys, "stderr", stderr)
    app.install_crash_handler(tmp_path, Ui(questionnaire, "en"), show_dialogs=True)
    try:
        raise RuntimeError("boom")
    except RuntimeError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    log = log_path(tmp_path)
    assert "RuntimeError: boom" in log.read_text(encoding="utf-8")
    assert shown and str(log) in shown[0][0] and shown[0][1] == "boom"
    assert "Traceback" not in stderr.getvalue() and str(log) in stderr.getvalue()  # one line, no traceback
    assert stderr.getvalue().count("\n") == 1


def test_the_window_is_shown_before_the_workspace_is_read(qapp, tmp_path, monkeypatch):
    """The window is there at once; the workspace is opened (and the list filled) right after,
    from the event loop, so a large workspace never keeps the window from appearing."""
    calls = []

    class Window:  # stands in for the main window: only what run_gui asks of it
        def __init__(self, ctx):
            self.ctx = ctx

        def show(self):
            calls.append("show")

        def open_workspace(self, name):
            calls.append(f"open {name}")

    monkeypatch.setattr("lia_desktop.ui.main.window.MainWindow", Window)
    monkeypatch.setattr(app, "install_crash_handler", lambda *args, **kwargs: None)
    monkeypatch.setenv("LIA_QUIT_WHEN_FILLED", "1")
    assert app.run_gui(argparse.Namespace(data_dir=str(tmp_path), lang="en", workspace="klant")) == 0
    assert calls == ["show", "open klant"]


def test_the_collector_paused_for_the_start_runs_again_once_the_first_workspace_is_open(tmp_path, monkeypatch):
    """__main__.gui pauses the cycle collector while the program starts; it runs again once the
    first workspace is opened, also when that fails."""

    class Window:  # stands in for the main window: only what open_first_workspace asks of it
        ctx = SimpleNamespace(window_settings=QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat))
        records = SimpleNamespace(offer_to_continue=lambda: None)

        def __init__(self, fails: bool) -> None:
            self.fails = fails

        def open_workspace(self, name):
            assert not gc.isenabled()
            if self.fails:
                raise RuntimeError("the workspace could not be opened")

    monkeypatch.delenv("LIA_QUIT_WHEN_FILLED", raising=False)
    for fails in (False, True):
        gc.disable()  # as __main__.gui starts the window
        try:
            with contextlib.suppress(RuntimeError):
                app.open_first_workspace(Window(fails), "klant")
            assert gc.isenabled()
        finally:
            gc.enable()
            gc.unfreeze()  # what open_first_workspace set aside is the test session's: let it go
