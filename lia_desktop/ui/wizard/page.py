"""What every page of the wizard shares, and what a page may use of the wizard (`PageHost`)."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QLabel, QWizardPage

from lia_desktop.domain import flow
from lia_desktop.domain.content import Questionnaire, Texts
from lia_desktop.domain.model import Assessment
from lia_desktop.i18n import Ui
from lia_desktop.storage.history import Change


class PageHost(Protocol):
    """What a page may use of the wizard that holds it: this, and nothing else."""

    q: Questionnaire
    draft: Assessment  # the assessment being edited: the single source of truth
    texts: Texts  # the content in the record's language
    ui: Ui  # the wizard's own words, in the same language
    page_ids: dict[str, int]
    preview_requested: SignalInstance  # with the assessment's id
    export_requested: SignalInstance

    def before_page(self, name: str) -> None:
        """Fill in defaults that depend on earlier answers, as a page is first shown."""

    def draft_changed(self, item_id: str) -> None:
        """Tell the wizard that an answer changed (it saves shortly after)."""

    def set_content_language(self, language: str) -> None: ...

    def currentPage(self) -> QWizardPage: ...

    def jumpable(self) -> set[str]:
        """The items whose pages have been visited, so a link can go back to them."""

    def jump_to(self, item_id: str) -> None: ...

    def page_of(self, item_id: str) -> str: ...

    def short_name(self, item_id: str) -> str: ...

    def revision_changes(self) -> dict[int, list[Change]]:
        """Per revision, the old and new value of each item it changed (where kept)."""


class BasePage(QWizardPage):
    """A page: its section's title in the header with the step it is, and the section's
    introduction in the page itself (`intro`, placed by the page or by the wizard), where it
    has room for every line."""

    def __init__(self, wizard: PageHost, name: str) -> None:
        super().__init__()
        self.w = wizard
        self.name = name
        self.setObjectName(f"page.{name}")
        self.intro = QLabel()
        self.intro.setObjectName(f"{name}.intro")
        self.intro.setWordWrap(True)

    @property
    def draft(self) -> Assessment:
        return self.w.draft

    @property
    def q(self) -> Questionnaire:
        return self.w.q

    def nextId(self) -> int:
        following = flow.next_page(self.name, self.draft, self.q)
        return self.w.page_ids[following] if following else -1

    def retranslate(self) -> None:
        questions = self.q.question_ids
        section = "questions" if self.name in questions else self.name
        title, intro = self.w.texts.section(section)
        self.setTitle(title)  # the subtitle is the step, set by the wizard as the page is shown
        shown = section != "questions" or self.name == questions[0]  # the ten questions: told once
        self.intro.setText(intro if shown else "")
        self.intro.setVisible(shown)
