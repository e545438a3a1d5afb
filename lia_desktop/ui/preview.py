"""Preview of the PDF record inside the window (QtPdf), with Print and Open in the system viewer.
It fits the screen it opens on, centred on the window that opened it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from lia_desktop.i18n import Ui
from lia_desktop.storage.errors import LiaError
from lia_desktop.storage.safe_storage import atomic_write
from lia_desktop.ui import dialogs, screen
from lia_desktop.ui.guard import guarded
from lia_desktop.ui.printing import RecordPrinter


class PreviewDialog(QDialog):
    def __init__(
        self,
        data: bytes,
        title: str,
        file_name: str,
        temp_dir: Path,
        ui: Ui,
        parent: QWidget | None = None,
        report: Callable[[BaseException], None] | None = None,
    ) -> None:
        """`report` tells the user about a failure of printing or opening (see ui.guard); the
        window always gives it. Without it (a check run from the command line) failures rise."""
        super().__init__(parent)
        self.setObjectName("preview")
        self.ui = ui
        self.data = data
        self.file_name = file_name
        self.temp_dir = temp_dir
        self.setWindowTitle(ui("preview_title", title=title))
        self._bytes = QByteArray(data)
        self._buffer = QBuffer(self._bytes, self)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)
        self.view = QPdfView(self)
        self.view.setObjectName("preview.view")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setAccessibleName(ui("preview_title", title=title))
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        row = QHBoxLayout()
        self.print_button = QPushButton(ui("print"))
        self.print_button.setObjectName("preview.print")

        def safe(slot: Callable[..., object]) -> Callable[..., object]:
            return guarded(slot, report) if report is not None else slot

        self.print_button.clicked.connect(safe(lambda _checked=False: self.print_document()))
        self.open_button = QPushButton(ui("open_viewer"))
        self.open_button.setObjectName("preview.open")
        self.open_button.clicked.connect(safe(lambda _checked=False: self.open_in_viewer()))
        close = QPushButton(ui("close"))
        close.setObjectName("preview.close")
        close.clicked.connect(self.accept)
        self.printed = QLabel()
        self.printed.setObjectName("preview.printed")
        row.addWidget(self.print_button)
        row.addWidget(self.open_button)
        row.addWidget(self.printed, 1)
        row.addWidget(close)
        layout.addLayout(row)
        QShortcut(QKeySequence.StandardKey.Print, self, safe(self.print_document))
        self.printer = RecordPrinter(data, self.document, temp_dir, ui)  # no reference back: no cycle
        self.finished.connect(lambda _result: dialogs.back_to(parent))
        screen.fit_and_centre(self, 820, 900, parent)

    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    def print_document(self) -> bool:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.file_name)
        if not dialogs.ask_print(self, printer, self.page_count):
            return False
        return self.print_to(printer)

    def print_to(self, printer: QPrinter) -> bool:
        try:
            how = self.printer.print(printer, self)
        except LiaError as exc:
            message, detail = self.ui.error(exc)
            dialogs.show_error(self, self.ui("error_title"), message, detail)
            return False
        if how == "file":
            self.printed.setText(self.ui("saved_to", path=printer.outputFileName()))
        elif how == "service":
            self.printed.setText(self.ui("print_sent", printer=printer.printerName()))
        return True

    def open_in_viewer(self) -> Path | None:
        try:
            self.temp_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
            path = self.temp_dir / self.file_name
            atomic_write(path, self.data)
        except OSError as exc:
            dialogs.show_error(self, self.ui("error_title"), self.ui("err_generic"), str(exc))
            return None
        if not dialogs.open_externally(str(path)):
            dialogs.show_error(self, self.ui("error_title"), self.ui("no_viewer", path=path))
        return path
