"""`selftest --qt` finds what a trimmed build lost, and the window carries the app icon."""

from __future__ import annotations

import argparse
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from lia_desktop import APP_ID, app
from lia_desktop.assets import ICON_SIZES
from lia_desktop.i18n import Ui
from lia_desktop.storage.errors import LiaError
from lia_desktop.ui import qtcheck


@pytest.fixture
def ui(questionnaire):
    return Ui(questionnaire, "en")


def test_every_check_passes_here(qapp, ui):
    lines = qtcheck.check_qt(ui)
    assert any("pages shown" in line for line in lines) and any("printed" in line for line in lines)


def test_a_plugin_that_does_not_load_is_named(qapp, ui, tmp_path, monkeypatch):
    (tmp_path / "printsupport").mkdir()
    (tmp_path / "printsupport" / "libbroken.so").write_bytes(b"not a library")
    monkeypatch.setattr(qtcheck, "_plugins_dir", lambda: tmp_path)
    with pytest.raises(LiaError, match="libbroken.so"):
        qtcheck.check_plugins(ui)


def test_no_print_plugin_at_all_fails(qapp, ui, tmp_path, monkeypatch):
    monkeypatch.setattr(qtcheck, "_plugins_dir", lambda: tmp_path)
    with pytest.raises(LiaError, match="no print plugin"):
        qtcheck.check_plugins(ui)


def test_a_preview_that_cannot_read_the_pdf_fails(qapp, ui, tmp_path, monkeypatch):
    from lia_desktop.export import pdf

    monkeypatch.setattr(pdf, "render_blank", lambda *_a, **_k: b"%PDF-1.4 broken")
    with pytest.raises(LiaError, match="QtPdf"):
        qtcheck.check_preview_and_print(ui, tmp_path)


def test_a_blank_page_has_no_ink():
    white = QImage(20, 20, QImage.Format.Format_RGB32)
    white.fill(Qt.GlobalColor.white)
    assert not qtcheck._has_ink(white)
    white.setPixel(3, 3, 0)
    assert qtcheck._has_ink(white)


def test_a_missing_image_format_is_named(qapp, ui, monkeypatch):
    from PySide6.QtCore import QByteArray

    monkeypatch.setattr(qtcheck.QImageReader, "supportedImageFormats", lambda: [QByteArray(b"png")])
    with pytest.raises(LiaError, match="jpeg, svg"):
        qtcheck.check_images_and_icons(ui)


def test_the_window_carries_the_app_icon_and_the_launchers_id(qapp, tmp_path, monkeypatch):
    shown = []

    class Window:  # stands in for the main window: only what run_gui asks of it
        def __init__(self, ctx):
            shown.append(ctx)

        def show(self):
            pass

        def open_workspace(self, name):
            pass

    monkeypatch.setattr("lia_desktop.ui.main.window.MainWindow", Window)
    monkeypatch.setenv("LIA_QUIT_WHEN_SHOWN", "1")
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_gui installs its crash handler
    before = QApplication.windowIcon()
    try:
        assert app.run_gui(argparse.Namespace(data_dir=str(tmp_path), lang="en", workspace=None)) == 0
        assert shown
        assert {size.width() for size in QApplication.windowIcon().availableSizes()} >= set(ICON_SIZES)
        assert QApplication.desktopFileName() == APP_ID
    finally:
        QApplication.setWindowIcon(before)
        QApplication.setDesktopFileName("")
