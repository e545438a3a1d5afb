"""The wizard: one assessment, page by page, generated from the content data.

The draft assessment is the single source of truth: editors write into it as the user
types, a debounced saver stores it (and it is stored on every page change), and every
decision about pages (which apply, what blocks Next) is asked of the core (domain.flow).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget, QWizard

from lia_desktop.domain import flow
from lia_desktop.domain.content import Questionnaire, Texts
from lia_desktop.domain.evaluation import POSITIVE_VERDICTS, evaluate
from lia_desktop.domain.model import Assessment, add_months
from lia_desktop.i18n import Ui
from lia_desktop.storage.errors import LiaError
from lia_desktop.storage.repository import Repository
from lia_desktop.ui import dialogs
from lia_desktop.ui.qtcompat import emit
from lia_desktop.ui.widgets import today
from lia_desktop.ui.wizard.finish_page import FinishPage
from lia_desktop.ui.wizard.items_page import ItemsPage
from lia_desktop.ui.wizard.outcome_page import OutcomePage
from lia_desktop.ui.wizard.page import BasePage
from lia_desktop.ui.wizard.saver import DraftSaver
from lia_desktop.ui.wizard.welcome_page import WelcomePage


class AssessmentWizard(QWizard):
    """Walks through one assessment; finishing marks it completed in the repository."""

    preview_requested = Signal(str)
    export_requested = Signal(str)
    save_failed = Signal(object)

    def __init__(
        self,
        q: Questionnaire,
        ui: Ui,
        repository: Repository,
        draft: Assessment,
        by: str = "",
        review_months: int = 12,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("wizard")
        self.q, self.repository, self.draft = q, repository, draft
        self.ui = Ui(q, draft.language) if ui.language != draft.language else ui
        self.by = by
        self.review_months = review_months
        self.texts: Texts = q.texts(draft.language).for_countries(draft.value("ctx_country"))
        self.setOption(QWizard.WizardOption.IndependentPages, True)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.HaveFinishButtonOnEarlyPages, False)
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setMinimumSize(880, 620)
        self.saver = DraftSaver(repository, draft, by, parent=self)
        self.saver.failed.connect(self._save_failed)
        self.saver.saved.connect(self._saved)
        self.save_problem = False  # shown once, until a save succeeds again
        self.pages: dict[str, BasePage] = {}
        self.page_ids: dict[str, int] = {}
        for index, name in enumerate(flow.all_pages(q)):
            if name == "welcome":
                page: BasePage = WelcomePage(self)
            elif name == "outcome":
                page = OutcomePage(self)
            elif name == "finish":
                page = FinishPage(self)
            else:
                page = ItemsPage(self, name)
            self.setPage(index, page)
            self.pages[name] = page
            self.page_ids[name] = index
        self.setStartId(0)
        self.currentIdChanged.connect(self._page_changed)
        self.retranslate()

    # ---------------------------------------------------------------- language

    def set_content_language(self, language: str) -> None:
        """The record's language: questions, help and the wizard's own words follow it."""
        self.draft.language = language
        self.texts = self.q.texts(language).for_countries(self.draft.value("ctx_country"))
        self.ui = Ui(self.q, language)
        self.draft_changed("language")
        self.retranslate()

    def retranslate(self) -> None:
        self._update_title()
        buttons = QWizard.WizardButton
        for button, key in (
            (buttons.BackButton, "back"),
            (buttons.NextButton, "next"),
            (buttons.FinishButton, "finish"),
            (buttons.CancelButton, "save_close"),
        ):
            self.setButtonText(button, self.ui(key))
        for page in self.pages.values():
            page.retranslate()

    # ---------------------------------------------------------------- saving

    def draft_changed(self, item_id: str) -> None:
        self.saver.touch()
        if item_id == "title":
            self._update_title()
        if item_id == "ctx_country":  # registers, lists and authorities are named as there
            self.texts = self.texts.for_countries(self.draft.value("ctx_country"))
            for page in self.pages.values():
                if page is not self.currentPage():
                    page.retranslate()

    def before_page(self, name: str) -> None:
        """Defaults that depend on earlier answers, filled in when a page is first shown."""
        draft = self.draft
        if name == "context" and not draft.assessment_date:
            draft.assessment_date = today()
            self.saver.touch()
        if name == "signoff":
            if not draft.review_date:
                months = self.review_months
                base = draft.assessment_date or today()
                draft.review_date = add_months(base, months)
                self.saver.touch()
            if not draft.signoff_name and draft.assessor:
                draft.signoff_name = draft.assessor
                self.saver.touch()

    def _page_changed(self, page_id: int) -> None:
        page = self.page(page_id)
        if isinstance(page, BasePage):
            self.draft.current_page = page.name
            self.saver.touch()
        self.saver.flush()

    def _save_failed(self, exc: BaseException) -> None:
        """Tell the user once (not at every pause in typing); the title says it until saving works."""
        if not self.save_problem:
            self.save_problem = True
            self._update_title()
            emit(self.save_failed, exc)

    def _saved(self) -> None:
        if self.save_problem:
            self.save_problem = False
            self._update_title()

    def _update_title(self) -> None:
        title = self.ui("wizard_title", title=self.draft.title or self.ui("untitled"))
        self.setWindowTitle(f"{title} — {self.ui('not_saved')}" if self.save_problem else title)

    # ---------------------------------------------------------------- navigation

    def short_name(self, item_id: str) -> str:
        if item_id in self.q.question_ids:
            return self.texts.app("question_of", number=self.q.number(item_id), total=len(self.q.question_ids))
        return self.texts.section(self.page_of(item_id))[0]

    def page_of(self, item_id: str) -> str:
        return item_id if item_id in self.pages else self.q.items[item_id].section

    def jumpable(self) -> set[str]:
        visited = {self.page(i).name for i in self.visitedIds() if isinstance(self.page(i), BasePage)}
        return {i for i in self.q.items if self.page_of(i) in visited and self.page_of(i) != "outcome"}

    def jump_to(self, item_id: str) -> None:
        """Go back to the page of an item (it has been visited: links only point backwards)."""
        target = self.page_ids[self.page_of(item_id)]
        if target not in self.visitedIds():
            return
        while self.currentId() != target and self.currentId() != self.startId():
            self.back()
        page = self.pages[self.page_of(item_id)]
        if isinstance(page, ItemsPage) and item_id in page.editors:
            first = page.editors[item_id].first_input()
            if first is not None:
                first.setFocus()

    def resume(self, target: str) -> None:
        """Walk forward to the page the draft was left on, as far as the answers allow."""
        if target not in self.page_ids:
            return
        guard = len(self.page_ids)
        while self.currentPage() is not None and self.currentPage().name != target and guard:
            if not self.currentPage().isComplete() or self.nextId() == -1:
                break
            self.next()
            guard -= 1

    # ---------------------------------------------------------------- closing

    def accept(self) -> None:
        problems = flow.completion_problems(self.draft, self.q)
        if problems:
            names = "; ".join(self.texts.label(p) for p in problems)
            dialogs.show_error(self, self.ui("not_complete_title"), self.ui("still_to_answer", items=names))
            return
        if not self._confirm_legal_minimum():
            return
        try:
            self.saver.timer.stop()
            self.repository.complete(self.draft, by=self.by or self.draft.assessor)
            self.saver.dirty = False
        except LiaError as exc:
            self._save_failed(exc)
            return
        super().accept()

    def _confirm_legal_minimum(self) -> bool:
        """A positive advice rests on the safeguards the law requires: finishing without them
        is the user's call, asked once; the record then says they were not applied."""
        result = evaluate(self.draft, self.q, self.texts.language)
        if result.verdict not in POSITIVE_VERDICTS or not result.pending_legal:
            return True
        t = self.texts
        names = ", ".join(t.safeguard(s)[0] for s in result.pending_legal)
        return dialogs.confirm(
            self,
            t.get("advice", "finish_confirm_title"),
            t.get("advice", "finish_confirm_text").format(safeguards=names),
            t.get("advice", "finish_anyway"),
            t.get("advice", "go_back"),
        )

    def reject(self) -> None:
        if self.saver.flush() or dialogs.confirm(
            self, self.ui("unsaved_title"), self.ui("unsaved_text"), self.ui("close_anyway"), self.ui("keep_open")
        ):
            super().reject()
