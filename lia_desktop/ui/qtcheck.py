"""`lia-desktop selftest --qt`: the window's Qt parts load and work, also in a built program.

What a trimmed build could lose shows here, not in a user's hands: the PDF preview (QtPdf),
printing (QtPrintSupport and the platform's print plugin), the image and icon plugins the
window uses, and, in a built program, every Qt plugin it ships.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QPluginLoader, QSize
from PySide6.QtGui import QIcon, QImage, QImageReader
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication

from lia_desktop.assets import ICON_NAME, ICON_SIZES, questionnaire, resources_dir
from lia_desktop.i18n import Ui
from lia_desktop.storage.errors import LiaError
from lia_desktop.ui import dialogs

PLUGIN_SUFFIXES = (".so", ".dll", ".dylib")


def _application() -> QApplication:
    """The running QApplication, or a new one; offscreen when a Linux session has no display."""
    existing = QApplication.instance()
    if existing is not None:
        return existing
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return QApplication(sys.argv[:1])


def _failed(ui: Ui, what: str) -> LiaError:
    return LiaError(ui("cli_selftest_failed", what=what))


@contextlib.contextmanager
def _errors_raised(ui: Ui) -> Iterator[None]:
    """A check has no one to click a message box away: an error the window would show is raised."""

    def show_error(_parent: object, _title: str, text: str, detail: str = "") -> None:
        raise _failed(ui, f"{text} {detail}".strip())

    shown = dialogs.show_error
    dialogs.show_error = show_error
    try:
        yield
    finally:
        dialogs.show_error = shown


def _has_ink(image: QImage) -> bool:
    """True when a rendered page is not blank white."""
    grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
    return min(bytes(grey.constBits())) < 128


def _plugins_dir() -> Path:
    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))


def _load_plugins(ui: Ui, plugins: list[Path]) -> int:
    for path in plugins:
        loader = QPluginLoader(str(path))
        if not loader.load():
            raise _failed(ui, f"Qt plugin {path.name}: {loader.errorString()}")
    return len(plugins)


def check_preview_and_print(ui: Ui, folder: Path) -> list[str]:
    """Show the blank questionnaire in the preview, print it to a PDF file and read that back."""
    from lia_desktop.export import pdf
    from lia_desktop.ui.preview import PreviewDialog

    data = pdf.render_blank(questionnaire(), ui.language)
    with _errors_raised(ui):
        preview = PreviewDialog(data, "selftest", "selftest.pdf", folder, ui)
        try:
            pages = preview.page_count
            if preview.document.status() != QPdfDocument.Status.Ready or pages < 1:
                raise _failed(ui, f"QtPdf: {preview.document.status().name}")
            if not _has_ink(preview.document.render(0, QSize(210, 297))):
                raise _failed(ui, "QtPdf: the first page renders blank")
            printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)  # the path of printing, at a quick resolution
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(folder / "printed.pdf"))
            preview.printer.draw(printer)  # drawn through Qt (print_to would copy the PDF to a file)
        finally:
            preview.deleteLater()
    printed = QPdfDocument()
    printed.load(str(folder / "printed.pdf"))
    if printed.pageCount() != pages or not _has_ink(printed.render(0, QSize(210, 297))):
        raise _failed(ui, f"QtPrintSupport: {printed.pageCount()} of {pages} pages printed")
    printed.close()
    return [ui("cli_selftest_preview", pages=pages), ui("cli_selftest_print", pages=pages)]


def check_images_and_icons(ui: Ui) -> str:
    """The image formats the window reads, the SVG icon engine and the app icon's PNG sizes."""
    formats = {bytes(f.data()).decode() for f in QImageReader.supportedImageFormats()}
    missing = {"png", "jpeg", "svg"} - formats
    if missing:
        raise _failed(ui, "Qt image formats: " + ", ".join(sorted(missing)))
    svg = QIcon(str(resources_dir() / "icons" / f"{ICON_NAME}.svg"))
    if svg.pixmap(64, 64).isNull():
        raise _failed(ui, "Qt SVG icons")
    from lia_desktop.app import app_icon

    sizes = {size.width() for size in app_icon().availableSizes()}
    if not set(ICON_SIZES) <= sizes:
        raise _failed(ui, f"app icon sizes {sorted(sizes)}")
    return ui("cli_selftest_images", formats="PNG, JPEG, SVG")


def check_plugins(ui: Ui) -> str:
    """The print plugins load; in a built program, so does every plugin it ships."""
    root = _plugins_dir()
    printing = sorted(p for p in (root / "printsupport").glob("*") if p.suffix in PLUGIN_SUFFIXES)
    if not printing:
        raise _failed(ui, f"no print plugin in {root / 'printsupport'}")
    if getattr(sys, "frozen", False):
        shipped = sorted(p for p in root.rglob("*") if p.suffix in PLUGIN_SUFFIXES and p.is_file())
    else:  # from source, the Qt package holds plugins for libraries this machine need not have
        shipped = printing
    return ui("cli_selftest_plugins", count=_load_plugins(ui, shipped))


def check_qt(ui: Ui) -> list[str]:
    """Every check in turn; raises LiaError naming the first part that does not work."""
    app = _application()  # noqa: F841 (kept alive while the checks run)
    lines = [ui("cli_selftest_platform", platform=QApplication.platformName())]
    with tempfile.TemporaryDirectory() as folder:
        lines += check_preview_and_print(ui, Path(folder))
    lines.append(check_images_and_icons(ui))
    lines.append(check_plugins(ui))
    return lines
