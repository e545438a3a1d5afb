"""What leaves the program from the window: the exchange file, the PDF record (one, or all
listed), the blank questionnaire, the preview and printing."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QProgressDialog

from lia_desktop.domain.model import Assessment
from lia_desktop.export import exchange
from lia_desktop.export.batch import render_all, stored_record
from lia_desktop.export.filenames import record_name, record_names
from lia_desktop.export.output import write_output
from lia_desktop.storage.errors import LiaError
from lia_desktop.ui import dialogs, folders
from lia_desktop.ui.main.host import Host


class OutputCommands:
    def __init__(self, host: Host) -> None:
        self.host = host
        self.ctx = host.ctx
        self.parent = host.dialog_parent()  # of every dialog

    def _dialog_parent(self) -> Any:
        """The wizard while it is open (a window beside it would be blocked by it), else the window."""
        wizard = self.host.wizard
        return wizard if wizard is not None and wizard.isVisible() else self.parent

    def _selected_assessment(self) -> Assessment | None:
        ids = self.host.selected_ids()
        if len(ids) != 1 or self.host.store is None:
            return None
        return self.host.store.repository.get(ids[0])

    def _save_target(self, title: str, name: str, filters: str) -> Path | None:
        """Ask where to save, starting in the folder used last (else the documents folder)."""
        settings = self.ctx.window_settings
        target = dialogs.choose_save_file(self._dialog_parent(), title, folders.start_path(settings, name), filters)
        if not target:
            return None
        folders.remember(settings, target)
        return Path(target)

    def _branding(self) -> Any:
        from lia_desktop.export import pdf  # ReportLab is loaded when the first PDF is made

        name, firm, logo = self.ctx.settings.branding()
        return pdf.Branding(name, firm, Path(logo) if logo else None)

    def render(self, assessment: Assessment) -> bytes | None:
        from lia_desktop.export import pdf

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            changes = self.host.store.repository.revision_changes(assessment.id) if self.host.store else {}
            return pdf.render_record(
                assessment, self.ctx.questionnaire, self.ctx.settings.paper, self._branding(), changes=changes
            )
        except Exception as exc:  # told (and an unexpected one logged); the caller stops cleanly
            self.host.show_error(exc)
            return None
        finally:
            QApplication.restoreOverrideCursor()

    def export_json(self) -> None:
        assessment = self._selected_assessment()
        if assessment is None:
            return
        ui = self.ctx.ui
        name = record_name(assessment.organisation, assessment.title, assessment.id, exchange.SUFFIX)
        target = self._save_target(ui("act_export_json"), name, ui("json_filter"))
        if target:
            self._write(target, exchange.dumps(assessment, self.ctx.questionnaire))

    def export_pdf(self) -> None:
        assessment = self._selected_assessment()
        if assessment is not None:
            self.export_pdf_of(assessment.id)

    def export_pdf_of(self, assessment_id: str) -> None:
        if self.host.store is None:
            return
        self.host.save_draft()
        assessment = self.host.store.repository.get(assessment_id)
        ui = self.ctx.ui
        name = record_name(assessment.organisation, assessment.title, assessment.id)
        target = self._save_target(ui("act_export_pdf"), name, ui("pdf_filter"))
        if target:
            data = self.render(assessment)
            if data is not None:
                self._write(target, data)

    def _write(self, target: Path, data: bytes) -> bool:
        try:
            write_output(target, data)
        except LiaError as exc:
            self.host.show_error(exc)
            return False
        self.host.tell(self.ctx.ui("saved_to", path=target), 8000)
        return True

    def export_all(self) -> list[Path]:
        if self.host.store is None:
            return []
        ui = self.ctx.ui
        folder = dialogs.choose_folder(
            self.parent, ui("act_export_all"), folders.start_folder(self.ctx.window_settings)
        )
        if not folder:
            return []
        folders.remember(self.ctx.window_settings, folder, is_folder=True)
        selected = self.host.selected_ids()
        ids = selected if len(selected) > 1 else self.host.listed_ids()
        repository = self.host.store.repository
        rows = {row.id: row for row in repository.summaries()}  # the names, without loading every record
        names = record_names([(rows[i].organisation, rows[i].title, i) for i in ids])  # one file each
        progress = QProgressDialog(ui("exporting"), ui("cancel"), 0, len(ids), self.parent)
        progress.setObjectName("export.progress")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        written: list[Path] = []
        s = self.ctx.settings
        batch = render_all(len(ids), lambda n: stored_record(repository, ids[n]), s.paper, self._branding())
        try:
            with contextlib.closing(batch):  # leaving the loop stops the batch
                for made in batch:
                    QApplication.processEvents()
                    if progress.wasCanceled():
                        break
                    if made is None:
                        continue
                    number, data = made
                    target = Path(folder) / names[number]
                    if not self._write(target, data):
                        break
                    written.append(target)
                    progress.setValue(len(written))
        except Exception as exc:  # told (and an unexpected one logged); what was written stays
            self.host.show_error(exc)
        progress.setValue(len(ids))
        self.host.tell(ui.plural("exported_all", len(written), path=folder), 10000)
        return written

    def export_blank(self) -> None:
        ui = self.ctx.ui
        target = self._save_target(ui("act_blank"), f"{ui('blank_file')}.pdf", ui("pdf_filter"))
        if target:
            from lia_desktop.export import pdf

            data = pdf.render_blank(
                self.ctx.questionnaire, self.ctx.settings.language, self.ctx.settings.paper, self._branding()
            )
            self._write(target, data)

    def preview(self, assessment_id: str) -> Any:
        from lia_desktop.ui.preview import PreviewDialog  # QtPdf is loaded on first use

        if self.host.store is None:
            return None
        self.host.save_draft()
        assessment = self.host.store.repository.get(assessment_id)
        data = self.render(assessment)
        if data is None:
            return None
        name = record_name(assessment.organisation, assessment.title, assessment.id)
        dialog = PreviewDialog(
            data,
            assessment.title or self.ctx.ui("untitled"),
            name,
            self.ctx.data_dir / "previews",
            self.ctx.ui,
            self._dialog_parent(),
            report=self.host.show_error,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def preview_selected(self) -> Any:
        ids = self.host.selected_ids()
        return self.preview(ids[0]) if len(ids) == 1 else None

    def print_selected(self) -> None:
        dialog = self.preview_selected()
        if dialog is not None:
            dialog.print_document()
