"""Printing the record: to a file it stays the record's own PDF; on a printer it goes to the
system's print service, or is drawn at the printer's resolution with progress."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pypdf
from PySide6.QtPrintSupport import QPrinter

from lia_desktop.ui import printing
from tests.conftest import make_assessment


def open_preview(window, qtbot):
    made = window.store.repository.save(make_assessment(title="Lentenieuwsbrief"))
    window.refresh()
    window.select_id(made.id)
    dialog = window.output.preview_selected()
    qtbot.addWidget(dialog)
    return dialog


def pdf_printer(path, resolution=None) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    if resolution:
        printer.setResolution(resolution)
    return printer


def test_printing_to_a_file_writes_the_record_at_its_own_size(window, qtbot, tmp_path):
    dialog = open_preview(window, qtbot)
    printer = pdf_printer(tmp_path / "printed.pdf")
    assert dialog.print_to(printer)
    printed = (tmp_path / "printed.pdf").stat().st_size
    assert printed <= 3 * len(dialog.data)  # was 27 MB of page images for a 58 KB record
    assert "printed.pdf" in dialog.printed.text()


def test_a_range_of_pages_printed_to_a_file(window, qtbot, tmp_path):
    dialog = open_preview(window, qtbot)
    printer = pdf_printer(tmp_path / "two.pdf")
    printer.setFromTo(2, 3)
    assert dialog.print_to(printer)
    pages = pypdf.PdfReader(io.BytesIO((tmp_path / "two.pdf").read_bytes())).pages
    whole = pypdf.PdfReader(io.BytesIO(dialog.data)).pages
    assert len(pages) == 2 and pages[0].extract_text() == whole[1].extract_text()


def test_a_printer_gets_the_pdf_through_the_print_service(window, qtbot, monkeypatch):
    dialog = open_preview(window, qtbot)
    sent = []

    def run(command, **_options):
        sent.append((command, Path(command[-1]).read_bytes()))
        return subprocess.CompletedProcess(command, 0, "", "")

    monkeypatch.setattr(printing.subprocess, "run", run)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)  # offscreen Qt knows no printer: no name to set
    printer.setCopyCount(2)
    printer.setDocName("record.pdf")
    printer.setFromTo(2, 3)
    monkeypatch.setattr(printer, "printerName", lambda: "Kantoor")
    dialog.printer.to_service("/usr/bin/lp", printer)
    ((command, spooled),) = sent
    assert command[:5] == ["/usr/bin/lp", "-d", "Kantoor", "-n", "2"]
    assert command[command.index("-P") + 1] == "2-3"
    assert spooled == dialog.data  # the PDF itself, sharp at any resolution


def test_a_failing_print_service_is_told_in_the_users_language(window, qtbot, monkeypatch, answers):
    dialog = open_preview(window, qtbot)
    monkeypatch.setattr(
        printing.subprocess,
        "run",
        lambda command, **_o: subprocess.CompletedProcess(command, 1, "", "lp: no such printer"),
    )
    monkeypatch.setattr(printing, "print_service", lambda: "/usr/bin/lp")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.NativeFormat)
    monkeypatch.setattr(printer, "outputFormat", lambda: QPrinter.OutputFormat.NativeFormat)
    monkeypatch.setattr(printer, "printerName", lambda: "Kantoor")
    assert not dialog.print_to(printer)
    assert answers.errors[-1].startswith("Afdrukken is niet gelukt") and "no such printer" in answers.errors[-1]


def test_drawing_the_pages_shows_progress_at_the_printer_resolution(window, qtbot, tmp_path):
    dialog = open_preview(window, qtbot)
    printer = pdf_printer(tmp_path / "drawn.pdf", resolution=150)
    dialog.printer.draw(printer, dialog)
    progress = dialog.printer.progress
    assert progress is not None and progress.maximum() == dialog.page_count
    pages = dialog.page_count
    assert progress.labelText() == f"Pagina {pages} van {pages} afdrukken…"  # told page by page
    assert len(pypdf.PdfReader(str(tmp_path / "drawn.pdf")).pages) == dialog.page_count
