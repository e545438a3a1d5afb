"""The commands on assessments: new (blank or from an example), open in the wizard, continue
after a crash, duplicate, archive, delete, import."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from lia_desktop.domain.model import Assessment, Status
from lia_desktop.export import exchange
from lia_desktop.storage.errors import LiaError
from lia_desktop.ui import dialogs
from lia_desktop.ui.guard import guarded
from lia_desktop.ui.main.host import Host
from lia_desktop.ui.main.output import OutputCommands

if TYPE_CHECKING:
    from lia_desktop.ui.wizard.shell import AssessmentWizard


class RecordCommands:
    def __init__(self, host: Host, output: OutputCommands) -> None:
        self.host = host
        self.ctx = host.ctx
        self.parent = host.dialog_parent()  # of every dialog
        self.output = output  # the wizard's "preview" and "save as PDF" buttons

    def _by(self) -> str:
        return self.ctx.settings.user_name

    def new_assessment(self) -> AssessmentWizard | None:
        if self.host.store is None:
            return None
        draft = Assessment(language=self.ctx.settings.language, assessor=self.ctx.settings.user_name)
        return self.start_wizard(draft)

    def new_from_example(self, path: Path) -> AssessmentWizard | None:
        if self.host.store is None:
            return None
        try:
            example = exchange.read(path, self.ctx.questionnaire)
        except LiaError as exc:
            self.host.show_error(exc)
            return None
        return self.start_wizard(example.duplicate())

    def open_selected(self) -> AssessmentWizard | None:
        ids = self.host.selected_ids()
        if len(ids) != 1 or self.host.store is None:
            return None
        try:
            assessment = self.host.store.repository.get(ids[0])
        except LiaError as exc:
            self.host.show_error(exc)
            return None
        # a draft continues where it was left; a completed one is read again from the start
        return self.start_wizard(assessment, resume=assessment.status is Status.DRAFT)

    def start_wizard(self, draft: Assessment, resume: bool = False) -> AssessmentWizard | None:
        host = self.host
        if host.store is None or host.wizard is not None:
            return None
        try:
            host.store.repository.save(draft, by=self._by())
        except LiaError as exc:
            host.show_error(exc)
            return None
        from lia_desktop.ui.wizard.shell import AssessmentWizard  # loaded with the first assessment opened

        wizard = AssessmentWizard(
            self.ctx.questionnaire,
            self.ctx.ui,
            host.store.repository,
            draft,
            by=self._by(),
            review_months=self.ctx.settings.review_months,
            parent=self.parent,
        )
        wizard.setWindowModality(Qt.WindowModality.WindowModal)
        wizard.preview_requested.connect(guarded(self.output.preview, host.show_error))
        wizard.export_requested.connect(guarded(self.output.export_pdf_of, host.show_error))
        wizard.save_failed.connect(host.show_error)
        wizard.finished.connect(lambda _result: self._wizard_closed(draft.id))
        host.wizard = wizard
        self.ctx.window_settings.setValue("open_draft", f"{host.workspace}\n{draft.id}")
        self.ctx.window_settings.sync()  # on disk now: this marker is what survives a crash
        left_on = draft.current_page  # showing the wizard moves it to the first page
        wizard.show()
        if resume:
            wizard.resume(left_on)
        return wizard

    def _wizard_closed(self, assessment_id: str) -> None:
        self.ctx.window_settings.remove("open_draft")
        if self.host.wizard is not None:
            self.host.wizard.deleteLater()
        self.host.wizard = None
        self.host.refresh()
        self.host.select_id(assessment_id)

    def offer_to_continue(self) -> AssessmentWizard | None:
        """After a crash, the draft that was open is offered where it was left."""
        marker = self.ctx.window_settings.value("open_draft", "")
        if not marker or "\n" not in str(marker):
            return None
        workspace, assessment_id = str(marker).split("\n", 1)
        self.ctx.window_settings.remove("open_draft")
        if workspace != self.host.workspace and not self.host.open_workspace(workspace, create=False):
            return None
        if self.host.store is None or assessment_id not in self.host.store.repository:
            return None
        draft = self.host.store.repository.get(assessment_id)
        ui = self.ctx.ui
        if not dialogs.confirm(
            self.parent,
            ui("continue_title"),
            ui("continue_text", title=draft.title or ui("untitled")),
            ui("continue_yes"),
            ui("continue_no"),
        ):
            return None
        return self.start_wizard(draft, resume=True)

    def duplicate_selected(self) -> None:
        ids = self.host.selected_ids()
        if len(ids) != 1 or self.host.store is None:
            return
        try:
            copy = self.host.store.repository.duplicate(ids[0])
        except LiaError as exc:
            self.host.show_error(exc)
            return
        self.host.refresh()
        self.host.select_id(copy.id)
        self.host.tell(self.ctx.ui("duplicated"), 5000)

    def archive_selected(self) -> None:
        if self.host.store is None:
            return
        repo = self.host.store.repository
        try:
            for assessment_id in self.host.selected_ids():
                if repo.get(assessment_id).status is Status.ARCHIVED:
                    repo.unarchive(assessment_id, by=self._by())
                else:
                    repo.archive(assessment_id, by=self._by())
        except LiaError as exc:
            self.host.show_error(exc)
        self.host.refresh()

    def delete_selected(self) -> None:
        ids = self.host.selected_ids()
        if not ids or self.host.store is None:
            return
        ui = self.ctx.ui
        titles = [self.host.store.repository.get(i).title or ui("untitled") for i in ids]
        text = ui("confirm_delete", count=len(ids), titles="\n".join(f"• {t}" for t in titles[:10]))
        if not dialogs.confirm(self.parent, ui("act_delete"), text, ui("delete"), ui("cancel")):
            return
        try:
            for assessment_id in ids:
                self.host.store.repository.delete(assessment_id)
        except LiaError as exc:
            self.host.show_error(exc)
        self.host.refresh()
        self.host.tell(ui("deleted", count=len(ids)), 8000)

    def import_files(self) -> None:
        store = self.host.store
        if store is None:
            return
        ui = self.ctx.ui
        files = dialogs.choose_open_files(self.parent, ui("act_import"), ui("import_filter"))
        if not files:
            return
        try:
            assessments = [exchange.read(Path(f), self.ctx.questionnaire) for f in files]
            clashes = [a for a in assessments if a.id in store.repository]
            if clashes and dialogs.confirm(
                self.parent,
                ui("act_import"),
                ui("import_clash", count=len(clashes)),
                ui("import_as_copy"),
                ui("cancel"),
            ):
                assessments = [a.with_new_id() if a in clashes else a for a in assessments]
            store.repository.add_many(assessments, sources=files)
        except LiaError as exc:
            self.host.show_error(exc)
            return
        self.host.refresh()
        self.host.tell(ui("imported", count=len(assessments)), 8000)
