"""The wizard: one assessment, page by page, generated from the content data.

The draft assessment is the single source of truth: editors write into it as the user
types, a debounced saver stores it (and it is stored on every page change), and every
decision about pages (which apply, what blocks Next) is asked of the core (domain.flow).
Beside the pages, the list of steps (every page that applies now) goes straight to any page
already seen; the last page sums the assessment up, each answer a link to its question.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QBoxLayout, QWidget, QWizard

from lia_desktop.domain import flow
from lia_desktop.domain.content import Questionnaire, Texts
from lia_desktop.domain.evaluation import POSITIVE_VERDICTS, evaluate
from lia_desktop.domain.model import Assessment, Status, add_months
from lia_desktop.i18n import Ui
from lia_desktop.storage.errors import LiaError
from lia_desktop.storage.history import Change
from lia_desktop.storage.repository import Repository
from lia_desktop.ui import dialogs, screen
from lia_desktop.ui.qtcompat import emit
from lia_desktop.ui.widgets import today
from lia_desktop.ui.wizard.finish_page import FinishPage
from lia_desktop.ui.wizard.items_page import ItemsPage
from lia_desktop.ui.wizard.outcome_page import OutcomePage
from lia_desktop.ui.wizard.page import BasePage
from lia_desktop.ui.wizard.saver import DraftSaver
from lia_desktop.ui.wizard.steps import StepList
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
        decider_is_assessor: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("wizard")
        self.q, self.repository, self.draft = q, repository, draft
        self.ui = Ui(q, draft.language) if ui.language != draft.language else ui
        self.by = by
        self.review_months = review_months
        self.decider_is_assessor = decider_is_assessor  # not so for a consultant: the client decides
        self.texts: Texts = q.texts(draft.language).for_countries(draft.value("ctx_country"))
        self.setOption(QWizard.WizardOption.IndependentPages, True)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.HaveFinishButtonOnEarlyPages, False)
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setMinimumSize(720, 480)
        self.seen: set[str] = set()  # the pages shown so far: the step list goes straight to them
        self.steps = StepList(self.go_to)
        self.setSideWidget(self.steps)
        self.saver = DraftSaver(repository, draft, self.who, parent=self)
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
            layout = page.layout()
            if isinstance(layout, QBoxLayout) and page.intro.parent() is None:
                layout.insertWidget(0, page.intro)  # a page that does not place its introduction
            self.setPage(index, page)
            self.pages[name] = page
            self.page_ids[name] = index
        self.setStartId(0)
        self.currentIdChanged.connect(self._page_changed)
        self.saver.saved.connect(self._show_steps)  # an answer may bring or take away a page
        self.retranslate()
        screen.fit_and_centre(self, 1180, 760, parent)

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
        self._show_steps()

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

    def who(self) -> str:
        """Who changes the assessment, for its history: the user's name, else the assessor."""
        return self.by or self.draft.assessor

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
            if not draft.signoff_date:
                draft.signoff_date = today()
                self.saver.touch()
            if not draft.signoff_name and draft.assessor and self.decider_is_assessor:
                draft.signoff_name = draft.assessor
                self.saver.touch()

    def _page_changed(self, page_id: int) -> None:
        page = self.page(page_id)
        if isinstance(page, BasePage):
            if page.name in self.seen:  # Qt prepares a page once: show the draft as it is now
                page.initializePage()
            self.seen.add(page.name)
            if self.draft.status is Status.DRAFT:  # where to continue; a completed one opens on its summary
                self.draft.current_page = page.name
                self.saver.touch()
        self.saver.flush()
        self._show_steps()

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

    def step_text(self, page: str) -> str:
        """ "Step n of m" for a page (with "Question n of 10" on a question's page)."""
        applicable = flow.applicable_pages(self.draft, self.q)
        if page not in applicable:
            return ""
        text = self.ui("step_of", number=applicable.index(page) + 1, total=len(applicable))
        if page in self.q.question_ids:
            question = self.texts.app("question_of", number=self.q.number(page), total=len(self.q.question_ids))
            text = f"{text} · {question}"
        return text

    def step_label(self, page: str) -> str:
        if page in self.q.question_ids:
            return self.ui("step_question", number=self.q.number(page))
        if page == "finish":
            return self.ui("finish_title")
        return self.texts.section(page)[0]

    def _show_steps(self) -> None:
        current = self.currentPage()
        name = current.name if isinstance(current, BasePage) else ""
        steps = [
            (page, self.step_label(page), self.texts.label(page) if page in self.q.items else self.step_label(page))
            for page in flow.applicable_pages(self.draft, self.q)
        ]
        self.steps.show_steps(self.ui("steps"), steps, name, self.seen, self.ui("step_current"))
        if isinstance(current, BasePage):
            current.setSubTitle(self.step_text(name))

    def revision_changes(self) -> dict[int, list[Change]]:
        if self.draft.id not in self.repository:
            return {}
        return self.repository.revision_changes(self.draft.id)

    def jumpable(self) -> set[str]:
        return {i for i in self.q.items if self.page_of(i) in self.seen and self.page_of(i) != "outcome"}

    def go_to(self, name: str) -> bool:
        """Go to a page shown before: back through the pages, or forward again over pages whose
        answers are complete (as far as they are)."""
        target = self.page_ids.get(name)
        if target is None or name not in self.seen:
            return False
        if target in self.visitedIds():
            while self.currentId() != target and self.currentId() != self.startId():
                self.back()
        else:
            self.resume(name)
        return self.currentId() == target

    def jump_to(self, item_id: str) -> None:
        """Go to the page of an item shown before, with the keyboard in the item."""
        if not self.go_to(self.page_of(item_id)):
            return
        page = self.pages[self.page_of(item_id)]
        if isinstance(page, ItemsPage):
            page.show_item(item_id)

    def resume(self, target: str) -> None:
        """Walk forward to a page (the one the draft was left on), as far as the answers allow."""
        if target not in self.page_ids:
            return
        guard = len(self.page_ids)
        while self.currentPage() is not None and self.currentPage().name != target and guard:
            page = self.currentPage()
            if not page.isComplete() or self.nextId() == -1:
                break
            if self.draft.status is Status.DRAFT and isinstance(page, ItemsPage) and page.unseen_boxes():
                break  # tick boxes the user never saw (a completed assessment's were all seen)
            self.next()
            guard -= 1

    # ---------------------------------------------------------------- closing

    def accept(self) -> None:
        problems = flow.completion_problems(self.draft, self.q)
        if problems:
            names = "; ".join(self.texts.label(p) for p in problems)
            dialogs.show_error(self, self.ui("not_complete_title"), self.ui("still_to_answer", items=names))
            return
        for page in flow.applicable_pages(self.draft, self.q):  # every box that applies was seen by now
            for item_id in flow.unseen_boxes(page, self.draft, self.q):
                self.draft.set_value(item_id, False)
        unchanged = self.unchanged_since_completed()  # only read again: nothing to confirm or record
        if not unchanged and not self._confirm_legal_minimum():
            return
        try:
            self.saver.timer.stop()
            if not unchanged:
                self.repository.complete(self.draft, by=self.who())
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

    def unchanged_since_completed(self) -> bool:
        """A completed assessment only read again: finishing it records nothing new."""
        if self.draft.status is not Status.COMPLETED or self.draft.id not in self.repository:
            return False
        stored = self.repository.get(self.draft.id)
        return stored.status is Status.COMPLETED and not self.draft.changed_items(stored)

    def reject(self) -> None:
        if self.saver.flush() or dialogs.confirm(
            self, self.ui("unsaved_title"), self.ui("unsaved_text"), self.ui("close_anyway"), self.ui("keep_open")
        ):
            super().reject()
