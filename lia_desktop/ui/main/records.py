"""The commands on assessments: new (blank or from an example), open in the wizard, continue
after a crash, duplicate, archive and delete (both undoable), import."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from lia_desktop.domain.model import Assessment, Status
from lia_desktop.export import exchange
from lia_desktop.storage.errors import LiaError
from lia_desktop.ui import dialogs, folders
from lia_desktop.ui.guard import guarded
from lia_desktop.ui.main.host import Host
from lia_desktop.ui.main.output import OutputCommands
from lia_desktop.ui.main.undo import Step, UndoSteps

if TYPE_CHECKING:
    from lia_desktop.ui.wizard.shell import AssessmentWizard


class RecordCommands:
    def __init__(self, host: Host, output: OutputCommands, undo: UndoSteps) -> None:
        self.host = host
        self.ctx = host.ctx
        self.parent = host.dialog_parent()  # of every dialog
        self.output = output  # the wizard's "preview" and "save as PDF" buttons
        self.undo = undo  # the window's, which shows the last step

    def _by(self, assessment: Assessment | None = None) -> str:
        """Who does it, for the revision history: the user's name, else the assessor."""
        return self.ctx.settings.user_name or (assessment.assessor if assessment is not None else "")

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
        draft = example.duplicate()  # the example's people are not the user's: they are asked anew
        draft.assessor = self.ctx.settings.user_name
        draft.signoff_name = draft.signoff_role = ""
        return self.start_wizard(draft)

    def open_selected(self) -> AssessmentWizard | None:
        ids = self.host.selected_ids()
        if len(ids) != 1 or self.host.store is None:
            return None
        try:
            assessment = self.host.store.repository.get(ids[0])
        except LiaError as exc:
            self.host.show_error(exc)
            return None
        # a draft continues where it was left; a completed one opens on its summary, from which
        # every answer is one click away
        return self.start_wizard(assessment, resume=True)

    def start_wizard(self, draft: Assessment, resume: bool = False) -> AssessmentWizard | None:
        host = self.host
        if host.store is None or host.wizard is not None:
            return None
        is_new = draft.id not in host.store.repository
        if is_new:  # stored at once, so that a crash can offer it again
            try:
                host.store.repository.save(draft, by=self._by(draft))
            except LiaError as exc:
                host.show_error(exc)
                return None
        before = draft.to_dict()
        selected = host.selected_ids()
        from lia_desktop.ui.wizard.shell import AssessmentWizard  # loaded with the first assessment opened

        wizard = AssessmentWizard(
            self.ctx.questionnaire,
            self.ctx.ui,
            host.store.repository,
            draft,
            by=self.ctx.settings.user_name,
            review_months=self.ctx.settings.review_months,
            decider_is_assessor=not self.ctx.settings.is_consultant,
            parent=self.parent,
        )
        wizard.setWindowModality(Qt.WindowModality.WindowModal)
        wizard.preview_requested.connect(guarded(self.output.preview, host.show_error))
        wizard.export_requested.connect(guarded(self.output.export_pdf_of, host.show_error))
        wizard.save_failed.connect(host.show_error)
        wizard.finished.connect(lambda result: self._wizard_closed(draft, result, before if is_new else None, selected))
        host.wizard = wizard
        self.ctx.window_settings.setValue("open_draft", f"{host.workspace}\n{draft.id}")
        self.ctx.window_settings.sync()  # on disk now: this marker is what survives a crash
        left_on = draft.current_page if draft.status is Status.DRAFT else "finish"
        wizard.show()
        if resume:
            wizard.resume(left_on)
        return wizard

    def _wizard_closed(self, draft: Assessment, result: int, new_as_started: dict | None, selected: list[str]) -> None:
        """After the wizard: a new assessment closed without a word typed leaves nothing behind
        (and the list as it was)."""
        self.ctx.window_settings.remove("open_draft")
        if self.host.wizard is not None:
            self.host.wizard.deleteLater()
        self.host.wizard = None
        store = self.host.store
        if result == QDialog.DialogCode.Accepted:
            self.host.tell(self.ctx.ui("completed_saved", title=draft.title or self.ctx.ui("untitled")), 20000)
        elif new_as_started is not None and store is not None and not typed_since(new_as_started, draft):
            try:
                store.repository.delete(draft.id)
            except LiaError as exc:
                self.host.show_error(exc)
        self.host.refresh()
        left = draft.id if store is not None and draft.id in store.repository else (selected or [""])[0]
        self.host.select_id(left)
        self.host.activate()

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
        if copy.id not in self.host.listed_ids():  # a draft the filters hide: show it
            self.host.clear_filters()
        self.host.select_id(copy.id)
        self.host.tell(self.ctx.ui("duplicated"), 5000)

    def archive_selected(self) -> None:
        ids = self.host.selected_ids()
        if not ids or self.host.store is None:
            return
        repo = self.host.store.repository
        step = self._step("archive", ids)
        try:
            for assessment_id in ids:
                assessment = repo.get(assessment_id)
                if assessment.status is Status.ARCHIVED:
                    repo.unarchive(assessment_id, by=self._by(assessment))
                else:
                    repo.archive(assessment_id, by=self._by(assessment))
        except LiaError as exc:
            self.host.show_error(exc)
        self.undo.push(replace(step, after=self._as_now(ids)))
        self.host.refresh()
        self.host.select_id(ids[0])  # still in hand, to undo or to go on with

    def delete_selected(self) -> None:
        ids = self.host.selected_ids()
        if not ids or self.host.store is None:
            return
        ui = self.ctx.ui
        step = self._step("delete", ids)
        text = ui("confirm_delete_undoable", titles="\n".join(f"• {t}" for t in step.titles[:10]))
        if not dialogs.confirm(self.parent, ui("act_delete"), text, ui("delete"), ui("cancel")):
            return
        try:
            for assessment_id in ids:
                self.host.store.repository.delete(assessment_id)
        except LiaError as exc:
            self.host.show_error(exc)
        self.undo.push(replace(step, after=self._as_now(ids)))
        self.host.refresh()
        self.host.tell(ui.plural("deleted", len(ids)), 8000)

    def _step(self, kind: str, ids: list[str]) -> Step:
        """What undoing `kind` on these assessments needs: their documents as stored now."""
        repo = self.host.store.repository  # type: ignore[union-attr]
        documents = tuple(repo.stored(i) for i in ids)
        titles = tuple(d.get("title") or self.ctx.ui("untitled") for d in documents)
        return Step(self.host.workspace, kind, titles, documents)

    def _as_now(self, ids: list[str]) -> tuple[dict[str, Any] | None, ...]:
        """These assessments' documents as stored now (None for one that is not there)."""
        repo = self.host.store.repository  # type: ignore[union-attr]
        return tuple(repo.stored(i) if i in repo else None for i in ids)

    def undo_last(self) -> None:
        """Put back what the last delete or archive in this workspace changed, unless one of
        those assessments has changed since: then nothing is put back and the step is given up."""
        store = self.host.store
        step = self.undo.pop(self.host.workspace)
        if step is None or store is None:
            return
        if self._as_now([d["id"] for d in step.documents]) != step.after:
            self.host.refresh()  # the bar offers the step before it, if any
            ui = self.ctx.ui
            dialogs.show_info(self.parent, ui("undo_button"), ui("undo_stale", what=step.describe(ui)))
            return
        try:
            store.repository.put_back(list(step.documents))
        except LiaError as exc:
            self.undo.push(step)
            self.host.show_error(exc)
            return
        self.host.refresh()
        self.host.select_id(step.documents[0]["id"])
        self.host.tell(self.ctx.ui("undone", what=step.describe(self.ctx.ui)), 8000)

    def import_files(self) -> None:
        store = self.host.store
        if store is None:
            return
        ui = self.ctx.ui
        start = folders.start_folder(self.ctx.window_settings)
        files = dialogs.choose_open_files(self.parent, ui("act_import"), ui("import_filter"), start)
        if not files:
            return
        folders.remember(self.ctx.window_settings, files[0])
        try:
            assessments = [exchange.read(Path(f), self.ctx.questionnaire) for f in files]
            clashes = [a for a in assessments if a.id in store.repository]
            if clashes:
                if not dialogs.confirm(
                    self.parent,
                    ui("act_import"),
                    ui.plural("import_clash", len(clashes)),
                    ui("import_as_copy"),
                    ui("cancel"),
                ):
                    return  # nothing imported, as the user asked
                assessments = [a.with_new_id() if a in clashes else a for a in assessments]
            store.repository.add_many(assessments, sources=files)
        except LiaError as exc:
            self.host.show_error(exc)
            return
        self.host.refresh()
        self.host.tell(ui.plural("imported", len(assessments)), 8000)


# Filled in by the wizard itself, not typed: a new assessment with only these is left behind empty.
DEFAULTS = frozenset({"language", "assessment_date", "review_date", "signoff_date", "signoff_name"})


def typed_since(started: dict, draft: Assessment) -> bool:
    """Whether anything was answered since the assessment was started as `started`."""
    return bool(set(draft.changed_items(Assessment.from_dict(started))) - DEFAULTS)
