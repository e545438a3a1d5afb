"""The wizard: one assessment, page by page, generated from the content data.

The draft assessment is the single source of truth: editors write into it as the user
types, a debounced saver stores it (and it is stored on every page change), and every
decision about pages (which apply, what blocks Next) is asked of the core (domain.flow).
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from lia_desktop import palette
from lia_desktop.domain import flow
from lia_desktop.domain.content import Questionnaire, Texts
from lia_desktop.domain.evaluation import Evaluation, Finding, evaluate
from lia_desktop.domain.model import LANGUAGES, Assessment, add_months
from lia_desktop.i18n import Ui
from lia_desktop.storage.errors import LiaError
from lia_desktop.storage.repository import Repository
from lia_desktop.ui import dialogs
from lia_desktop.ui.qtcompat import emit
from lia_desktop.ui.widgets import BalanceChart, HelpPanel, ItemEditor, today

SAVE_DELAY_MS = 1200


class DraftSaver(QObject):
    """Saves the draft shortly after the last change (never inside a keystroke), and on demand."""

    saved = Signal()
    failed = Signal(object)

    def __init__(
        self,
        repository: Repository,
        draft: Assessment,
        by: str,
        delay_ms: int = SAVE_DELAY_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.repository, self.draft, self.by = repository, draft, by
        self.dirty = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.flush)

    def touch(self) -> None:
        self.dirty = True
        self.timer.start()

    def flush(self) -> bool:
        self.timer.stop()
        if not self.dirty:
            return True
        try:
            self.repository.save(self.draft, by=self.by)
        except LiaError as exc:
            emit(self.failed, exc)
            return False
        self.dirty = False
        emit(self.saved)
        return True


class BasePage(QWizardPage):
    def __init__(self, wizard: AssessmentWizard, name: str) -> None:
        super().__init__()
        self.w = wizard
        self.name = name
        self.setObjectName(f"page.{name}")

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
        section = "questions" if self.name in self.q.question_ids else self.name
        title, intro = self.w.texts.section(section)
        self.setTitle(title)
        if section != "questions":
            self.setSubTitle(intro)


class ItemsPage(BasePage):
    """A section (or one of the ten questions): its items on the left, help on the right."""

    def __init__(self, wizard: AssessmentWizard, name: str) -> None:
        super().__init__(wizard, name)
        outer = QVBoxLayout(self)
        body = QHBoxLayout()
        outer.addLayout(body, 1)
        self.counter = QLabel()
        self.counter.setObjectName(f"{name}.counter")
        self.counter.setWordWrap(True)
        inner = QWidget()
        self.column = QVBoxLayout(inner)
        self.column.addWidget(self.counter)
        self.counter.setVisible(name in self.q.question_ids or name == "signoff")
        self.editors: dict[str, ItemEditor] = {}
        for item_id in flow.page_items(name, self.q):
            item = self.q.items[item_id]
            editor = ItemEditor(item, self.q, wizard.texts, wizard.draft, inner)
            if name in self.q.question_ids:  # one question to a page: let it read as the headline
                font = editor.title.font()
                font.setPointSizeF(font.pointSizeF() * 1.35)
                editor.title.setFont(font)
            editor.changed.connect(self._changed)
            editor.focused.connect(self._focused)
            self.column.addWidget(editor)
            self.editors[item_id] = editor
        self.notes: QLabel | None = None
        if name == "channels":  # what the channel rules require, before the balancing test
            self.notes = QLabel()
            self.notes.setObjectName("channels.notes")
            self.notes.setWordWrap(True)
            self.notes.setTextFormat(Qt.TextFormat.RichText)
            self.column.addWidget(self.notes)
        self.column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(inner)
        body.addWidget(scroll, 3)
        self.help = HelpPanel()
        body.addWidget(self.help, 2)
        self.reason = QLabel()
        self.reason.setObjectName(f"{name}.reason")
        self.reason.setWordWrap(True)
        palette = self.reason.palette()
        palette.setColor(QPalette.ColorRole.WindowText, QColor("#b71c1c"))
        self.reason.setPalette(palette)
        outer.addWidget(self.reason)
        # Next is gated through a hidden mandatory field that _refresh fills when the core says
        # the page is complete: QWizard then re-checks by itself, and no Python code has to
        # emit completeChanged (see ui/qtcompat.py for why emits are kept few).
        self.gate = QLineEdit(self)
        self.gate.setObjectName(f"{name}.complete")
        self.gate.setVisible(False)
        self.registerField(f"{name}.complete*", self.gate)
        self._help_item = next(iter(self.editors), "")

    def initializePage(self) -> None:
        self.w.before_page(self.name)
        shown = set(flow.items_shown(self.name, self.draft, self.q))
        for item_id, editor in self.editors.items():
            editor.setVisible(item_id in shown)
            editor.draft = self.draft
            editor.load()
        visible = [i for i in self.editors if i in shown]
        self._help_item = visible[0] if visible else self._help_item
        self._refresh()
        self._show_help()
        if visible:
            first = self.editors[visible[0]].first_input()
            if first is not None:
                QTimer.singleShot(0, first.setFocus)

    def blocking(self) -> tuple[str, ...]:
        missing = flow.page_missing(self.name, self.draft, self.q)
        if self.name == "signoff":
            problems = flow.completion_problems(self.draft, self.q)
            missing = tuple(p for p in problems if p in self.editors)
        return missing

    def _changed(self, item_id: str) -> None:
        self.w.draft_changed(item_id)
        if self.name in ("context", "channels"):
            shown = set(flow.items_shown(self.name, self.draft, self.q))
            for other, editor in self.editors.items():
                editor.setVisible(other in shown)
        self._refresh()

    def _focused(self, item_id: str) -> None:
        self._help_item = item_id
        self.help.show_item(self.w.texts, item_id)

    def _refresh(self) -> None:
        missing = self.blocking()
        self.gate.setText("" if missing else "complete")
        if self.notes is not None:
            texts = self.w.texts
            result = evaluate(self.draft, self.q, texts.language)
            items = "".join(
                f"<li><b>{escape(texts.get('level', f.level))}:</b> {escape(f.text)}</li>" for f in result.channel_notes
            )
            self.notes.setText(f"<h3>{escape(texts.section('channels')[0])}</h3><ul>{items}</ul>" if items else "")
        if self.name == "signoff":  # the advice, to decide with it in view
            texts = self.w.texts
            result = evaluate(self.draft, self.q, texts.language)
            advised = texts.option(result.advised_decision) if result.advised_decision else "—"
            self.counter.setText(
                f"{escape(texts.get('pdf', 'advised'))}: <b>{escape(texts.verdict(result.verdict.value))}"
                f"</b> → {escape(advised)}"
            )
        if missing:
            names = "; ".join(self.w.texts.label(i) for i in missing)
            self.reason.setText(self.w.ui("still_to_answer", items=names))
        else:
            self.reason.setText("")
        self.reason.setVisible(bool(missing))

    def _show_help(self) -> None:
        if self._help_item:
            self.help.show_item(self.w.texts, self._help_item)

    def retranslate(self) -> None:
        super().retranslate()
        texts = self.w.texts
        for editor in self.editors.values():
            editor.retranslate(texts)
        if self.name in self.q.question_ids:
            total = len(self.q.question_ids)
            self.counter.setText(texts.app("question_of", number=self.q.number(self.name), total=total))
            self.setSubTitle(texts.app("question_of", number=self.q.number(self.name), total=total))
        self._refresh()
        self._show_help()


class WelcomePage(BasePage):
    def __init__(self, wizard: AssessmentWizard) -> None:
        super().__init__(wizard, "welcome")
        layout = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setObjectName("welcome.intro")
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        row = QHBoxLayout()
        self.language_label = QLabel()
        self.language = QComboBox()
        self.language.setObjectName("welcome.language")
        for code in LANGUAGES:
            self.language.addItem(wizard.q.texts(code).get("language_name"), code)
        self.language_label.setBuddy(self.language)
        self.language.setCurrentIndex(LANGUAGES.index(wizard.draft.language))
        self.language.currentIndexChanged.connect(self._language_changed)
        row.addWidget(self.language_label)
        row.addWidget(self.language)
        row.addStretch(1)
        layout.addLayout(row)
        self.steps = QLabel()
        self.steps.setObjectName("welcome.steps")
        self.steps.setWordWrap(True)
        layout.addWidget(self.steps)
        self.time = QLabel()
        self.time.setObjectName("welcome.privacy")
        self.time.setWordWrap(True)
        layout.addWidget(self.time)
        layout.addStretch(1)

    def initializePage(self) -> None:
        self.w.before_page(self.name)

    def _language_changed(self, index: int) -> None:
        self.w.set_content_language(self.language.itemData(index))

    def retranslate(self) -> None:
        super().retranslate()
        self.intro.setText(self.w.texts.section("welcome")[1])
        self.setSubTitle("")
        self.language_label.setText(self.w.ui("record_language"))
        self.language.setAccessibleName(self.w.ui("record_language"))
        self.time.setText(self.w.ui("welcome_saved"))
        steps = [
            self.w.texts.section(page)[0]
            for page in ("context", "channels", "conditions", "questions", "tips", "outcome", "consent", "signoff")
        ]
        self.steps.setText("<ol>" + "".join(f"<li>{escape(step)}</li>" for step in steps) + "</ol>")


class OutcomePage(BasePage):
    """The verdict at a glance (colour and balance chart), then the reasons in words."""

    def __init__(self, wizard: AssessmentWizard) -> None:
        super().__init__(wizard, "outcome")
        layout = QVBoxLayout(self)
        self.banner = QLabel()
        self.banner.setObjectName("outcome.verdict")
        self.banner.setWordWrap(True)
        self.banner.setMargin(10)
        self.banner.setAutoFillBackground(True)
        layout.addWidget(self.banner)
        chart_row = QHBoxLayout()
        self.chart = BalanceChart()
        self.legend = QLabel()
        self.legend.setObjectName("outcome.legend")
        chart_row.addWidget(self.chart, 2)
        chart_row.addWidget(self.legend, 3)
        layout.addLayout(chart_row)
        body = QHBoxLayout()
        self.findings = QTextBrowser()
        self.findings.setObjectName("outcome.findings")
        self.findings.setOpenLinks(False)
        self.findings.anchorClicked.connect(lambda url: wizard.jump_to(url.toString().removeprefix("item:")))
        body.addWidget(self.findings, 3)
        self.safeguards = ItemEditor(self.q.items["safeguards"], self.q, wizard.texts, wizard.draft)
        self.safeguards.changed.connect(self._changed)
        holder = QWidget()
        holder_layout = QVBoxLayout(holder)
        holder_layout.addWidget(self.safeguards)
        holder_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(holder)
        body.addWidget(scroll, 2)
        layout.addLayout(body, 1)

    def initializePage(self) -> None:
        self.w.before_page(self.name)
        self.safeguards.draft = self.draft
        self.safeguards.load()
        self.refresh()

    def _changed(self, item_id: str) -> None:
        self.w.draft_changed(item_id)
        self.refresh()

    def refresh(self) -> None:
        texts = self.w.texts
        result = evaluate(self.draft, self.q, texts.language)
        fill, ink = palette.VERDICT[result.verdict.value]
        self.banner.setStyleSheet(f"background: {fill}; color: {ink}; border: 2px solid {ink}; border-radius: 4px;")
        self.banner.setText(
            f"<b style='font-size: 15pt'>{escape(texts.verdict(result.verdict.value))}</b><br>{escape(result.summary)}"
        )
        self.banner.setAccessibleName(texts.verdict(result.verdict.value))
        legend = ", ".join(
            f"<span style='color:{colour}'>■</span> {result.counts[key]} {escape(self._count_label(key))}"
            for key, colour in palette.BALANCE.items()
        )
        self.legend.setText(legend)
        self.chart.set_counts(result.counts, self.legend.text().replace("■", ""))
        self.findings.setHtml(self.findings_html(result))

    def _count_label(self, key: str) -> str:
        texts = self.w.texts
        return texts.get("pdf", "unanswered") if key == "unanswered" else texts.get("balance_label", key)

    def findings_html(self, result: Evaluation) -> str:
        texts = self.w.texts
        parts: list[str] = []

        def block(title: str, findings: tuple[Finding, ...], levels: bool = False) -> None:
            if not findings:
                return
            parts.append(f"<h3>{escape(title)}</h3><ul>")
            for f in findings:
                level = f"<b>{escape(texts.get('level', f.level))}:</b> " if levels and f.level else ""
                pages: dict[str, str] = {}
                for ref in f.refs if len(f.refs) <= 4 else ():
                    if ref in self.w.jumpable():
                        pages.setdefault(self.w.page_of(ref), ref)
                links = " ".join(
                    f"<a href='item:{ref}'>{escape(self.w.ui('go_to', name=self.w.short_name(ref)))}</a>"
                    for ref in pages.values()
                )
                parts.append(f"<li>{level}{escape(f.text)} {links}</li>")
            parts.append("</ul>")

        block(texts.get("pdf", "reasons"), result.reasons)
        block(texts.get("pdf", "requirements"), result.requirements)
        block(texts.get("pdf", "contradictions"), result.contradictions)
        block(texts.section("channels")[0], result.channel_notes, levels=True)
        return "".join(parts)

    def retranslate(self) -> None:
        super().retranslate()
        self.safeguards.retranslate(self.w.texts)
        if self.w.currentPage() is self:
            self.refresh()


class FinishPage(BasePage):
    def __init__(self, wizard: AssessmentWizard) -> None:
        super().__init__(wizard, "finish")
        self.setFinalPage(True)
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setObjectName("finish.summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        row = QHBoxLayout()
        self.preview = QPushButton()
        self.preview.setObjectName("finish.preview")
        self.preview.clicked.connect(lambda: emit(wizard.preview_requested, wizard.draft.id))
        self.save_pdf = QPushButton()
        self.save_pdf.setObjectName("finish.save_pdf")
        self.save_pdf.clicked.connect(lambda: emit(wizard.export_requested, wizard.draft.id))
        row.addWidget(self.preview)
        row.addWidget(self.save_pdf)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)

    def initializePage(self) -> None:
        self.w.before_page(self.name)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        texts = self.w.texts
        result = evaluate(self.draft, self.q, texts.language)
        decision = texts.option(self.draft.decision) if self.draft.decision else texts.get("pdf", "no_decision")
        self.summary.setText(
            f"<p><b>{escape(texts.verdict(result.verdict.value))}</b></p>"
            f"<p>{escape(texts.label('decision'))}: {escape(decision)}</p>"
            f"<p>{escape(self.w.ui('finish_hint'))}</p>"
        )
        self.preview.setText(self.w.ui("preview_pdf"))
        self.save_pdf.setText(self.w.ui("save_pdf"))


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
        self.texts: Texts = q.texts(draft.language)
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
        self.texts = self.q.texts(language)
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
        try:
            self.saver.timer.stop()
            self.repository.complete(self.draft, by=self.by or self.draft.assessor)
            self.saver.dirty = False
        except LiaError as exc:
            self._save_failed(exc)
            return
        super().accept()

    def reject(self) -> None:
        if self.saver.flush() or dialogs.confirm(
            self, self.ui("unsaved_title"), self.ui("unsaved_text"), self.ui("close_anyway"), self.ui("keep_open")
        ):
            super().reject()
