"""Printing a rendered PDF record, the way that keeps it sharp and small.

- Printing to a file (Qt's "Print to PDF"): the record's own PDF is written (only the pages
  asked for), not a picture of it: same text, same size.
- A printer, where the system has a print service that takes PDF (CUPS `lp` on Linux and
  macOS): the PDF is handed to it, with the printer, copies, pages and sides chosen.
- Otherwise: each page is drawn through Qt at the printer's own resolution, with a progress
  dialog that can stop it.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from lia_desktop.export.output import pdf_pages, write_output
from lia_desktop.i18n import Ui
from lia_desktop.storage.errors import LiaError
from lia_desktop.storage.safe_storage import atomic_write

SPOOL_TIMEOUT_S = 60


def page_range(printer: QPrinter, pages: int) -> tuple[int, int]:
    """The pages asked for, counted from 1 (all of them when no range was chosen)."""
    first, last = printer.fromPage(), printer.toPage()
    if first <= 0 or last <= 0:
        return 1, pages
    return max(first, 1), min(last, pages)


def print_service() -> str | None:
    """The system's print command that takes PDF files, where there is one."""
    return shutil.which("lp")


class RecordPrinter:
    """Prints one rendered record (PDF bytes) on a QPrinter the user set up."""

    def __init__(self, data: bytes, document: QPdfDocument, spool_dir: Path, ui: Ui) -> None:
        self.data = data
        self.document = document
        self.spool_dir = spool_dir
        self.ui = ui
        self.progress: QProgressDialog | None = None  # of the last drawn print, for a look afterwards

    def print(self, printer: QPrinter, parent: QWidget | None = None) -> str:
        """Print; returns how ("file", "service" or "drawn"). LiaError when it did not work."""
        if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat:
            self.to_file(printer)
            return "file"
        service = print_service()
        if service and printer.printerName():
            self.to_service(service, printer)
            return "service"
        self.draw(printer, parent)
        return "drawn"

    def to_file(self, printer: QPrinter) -> None:
        first, last = page_range(printer, self.document.pageCount())
        whole = (first, last) == (1, self.document.pageCount())
        write_output(Path(printer.outputFileName()), self.data if whole else pdf_pages(self.data, first, last))

    def to_service(self, service: str, printer: QPrinter) -> None:
        try:
            self.spool_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
            path = self.spool_dir / (printer.docName() or "record.pdf")
            atomic_write(path, self.data)
        except OSError as exc:
            raise LiaError(self.ui("print_failed")) from exc
        first, last = page_range(printer, self.document.pageCount())
        command = [service, "-d", printer.printerName(), "-n", str(max(printer.copyCount(), 1))]
        command += ["-t", printer.docName() or path.name, "-P", f"{first}-{last}"]
        sides = {
            QPrinter.DuplexMode.DuplexLongSide: "two-sided-long-edge",
            QPrinter.DuplexMode.DuplexShortSide: "two-sided-short-edge",
            QPrinter.DuplexMode.DuplexNone: "one-sided",
        }.get(printer.duplex())
        if sides:
            command += ["-o", f"sides={sides}"]
        try:
            done = subprocess.run(
                [*command, "--", str(path)], capture_output=True, text=True, timeout=SPOOL_TIMEOUT_S, check=False
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise LiaError(self.ui("print_failed")) from exc
        if done.returncode != 0:
            raise LiaError(f"{self.ui('print_failed')}\n{done.stderr.strip()}")

    def draw(self, printer: QPrinter, parent: QWidget | None = None) -> None:
        """Each page drawn at the printer's resolution, with progress (and a way to stop)."""
        first, last = page_range(printer, self.document.pageCount())
        count = last - first + 1
        label = self.ui("print_progress", page=1, pages=count)
        progress = QProgressDialog(label, self.ui("cancel"), 0, count, parent)
        progress.setObjectName("print.progress")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        self.progress = progress
        painter = QPainter()
        if not painter.begin(printer):
            raise LiaError(self.ui("print_failed"))
        try:
            area = printer.pageRect(QPrinter.Unit.DevicePixel).toRect()
            for done, page in enumerate(range(first - 1, last)):
                progress.setLabelText(self.ui("print_progress", page=done + 1, pages=count))
                progress.setValue(done)
                QApplication.processEvents()
                if progress.wasCanceled():
                    printer.abort()
                    return
                if done:
                    printer.newPage()
                points = self.document.pagePointSize(page)
                scale = min(area.width() / points.width(), area.height() / points.height())
                size = QSize(int(points.width() * scale), int(points.height() * scale))
                painter.drawImage(0, 0, self.document.render(page, size))
            progress.setValue(count)
        finally:
            painter.end()
