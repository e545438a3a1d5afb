"""The pages made of items: the context, the channels, the conditions, each of the ten
questions, the checklists and the sign-off."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QScrollArea, QVBoxLayout, QWidget

from lia_desktop.domain import flow
from lia_desktop.domain.evaluation import evaluate
from lia_desktop.domain.model import Status
from lia_desktop.ui.help_panel import HelpPanel
from lia_desktop.ui.style import warning_label
from lia_desktop.ui.widgets import ItemEditor
from lia_desktop.ui.wizard.page import BasePage, PageHost


class ItemsPage(BasePage):
    """A section (or one of the ten questions): its items on the left, help on the right."""

    def __init__(self, wizard: PageHost, name: str) -> None:
        super().__init__(wizard, name)
        outer = QVBoxLayout(self)
        body = QHBoxLayout()
        outer.addLayout(body, 1)
        self.counter = QLabel()
        self.counter.setObjectName(f"{name}.counter")
        self.counter.setWordWrap(True)
        inner = QWidget()
        self.column = QVBoxLayout(inner)
        self.column.addWidget(self.intro)
        self.column.addWidget(self.counter)
        self.counter.setVisible(name == "signoff")  # the advice, to decide with it in view
        self.editors: dict[str, ItemEditor] = {}
        for item_id in flow.page_items(name, self.q):
            item = self.q.items[item_id]
            editor = ItemEditor(item, self.q, wizard.texts, wizard.draft, inner)
            if name in self.q.question_ids:  # one question to a page: let it read as the headline
                font = editor.title.font()
                font.setPointSizeF(font.pointSizeF() * 1.35)
                editor.title.setFont(font)
            editor.changed.connect(self._changed)
            editor.checked.connect(lambda _item: self._refresh())
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
        self.scroll = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(inner)
        body.addWidget(scroll, 3)
        self.help = HelpPanel()
        body.addWidget(self.help, 2)
        self.reason = warning_label(f"{name}.reason")
        self.reason.setTextFormat(Qt.TextFormat.RichText)
        self.reason.linkActivated.connect(self.show_item)  # each missing answer is a link to it
        # room for two lines kept, so that the page does not jump under the mouse as it shrinks
        self.reason.setMinimumHeight(2 * self.reason.fontMetrics().lineSpacing())
        outer.addWidget(self.reason)
        # Next is gated through a hidden mandatory field that _refresh fills when the core says
        # the page is complete: QWizard then re-checks by itself, and no Python code has to
        # emit completeChanged (see ui/qtcompat.py for why emits are kept few).
        self.gate = QLineEdit(self)
        self.gate.setObjectName(f"{name}.complete")
        self.gate.setVisible(False)
        self.registerField(f"{name}.complete*", self.gate)
        self._help_item = next(iter(self.editors), "")
        self._focus_target: QWidget | None = None

    def initializePage(self) -> None:
        self.w.before_page(self.name)
        # one fact asked once: a question that repeats an earlier answer starts from it
        filled = flow.prefill(self.draft, self.q, tuple(self.editors))
        if filled:
            self.w.draft_changed(filled[0])
        shown = set(flow.items_shown(self.name, self.draft, self.q))
        for item_id, editor in self.editors.items():
            editor.setVisible(item_id in shown)
            editor.draft = self.draft
            editor.load()
        visible = [i for i in self.editors if i in shown]
        self._help_item = visible[0] if visible else self._help_item
        self._refresh()
        self._show_help()
        inputs = [self.editors[i].first_input() for i in visible if self.editors[i].first_input() is not None]
        if inputs:  # the keyboard starts in the first field (a page may open with text to read)
            self._focus_later(inputs[0])

    def validatePage(self) -> bool:
        """Leaving the page forward: a tick box shown and left unticked becomes a "No" the user
        saw. A box never shown stays unanswered, so a walk forward stops at a page where a box
        has come in since (`unseen_boxes`)."""
        if self.draft.status is Status.DRAFT:  # a completed assessment's boxes were all seen
            for item_id in self.unseen_boxes():
                self.draft.set_value(item_id, False)
                self.w.draft_changed(item_id)
        return super().validatePage()

    def unseen_boxes(self) -> tuple[str, ...]:
        return flow.unseen_boxes(self.name, self.draft, self.q)

    def blocking(self) -> tuple[str, ...]:
        missing = flow.page_missing(self.name, self.draft, self.q)
        if self.name == "signoff":
            problems = flow.completion_problems(self.draft, self.q)
            missing = tuple(p for p in problems if p in self.editors)
        # a date field showing text that is no date: the stored date is not what is shown
        unreadable = tuple(
            i for i, e in self.editors.items() if not e.isHidden() and getattr(e, "date", None) and e.date.unreadable()
        )
        return missing + tuple(i for i in unreadable if i not in missing)

    def _changed(self, item_id: str) -> None:
        self.w.draft_changed(item_id)
        if len(self.editors) > 1:  # an answer can make other items of the page apply, or not
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
            legal = texts.app("legal")
            items = "".join(
                "<li>"
                + texts.labelled(f"<b>{escape(texts.get('level', f.level))}</b>", escape(f.text))
                + (f" <i>({texts.labelled(escape(legal), escape(f.legal))})</i>" if f.legal else "")
                + "</li>"
                for f in result.channel_notes
            )
            self.notes.setText(f"<h3>{escape(texts.section('channels')[0])}</h3><ul>{items}</ul>" if items else "")
        if self.name == "signoff":  # the advice, to decide with it in view
            texts = self.w.texts
            result = evaluate(self.draft, self.q, texts.language)
            advised = texts.option(result.advised_decision) if result.advised_decision else "—"
            per_channel = " · ".join(
                texts.get("advice", "channel_line").format(
                    channel=texts.option(c.channel), verdict=texts.channel_verdict(c.verdict.value)
                )
                for c in result.channels
            )
            self.counter.setText(
                texts.labelled(
                    escape(texts.get("pdf", "advised")),
                    f"<b>{escape(texts.verdict(result.verdict.value))}</b> → {escape(advised)}",
                )
                + f"<br>{escape(per_channel)}"
            )
        if missing:
            links = "; ".join(f"<a href='{i}'>{escape(self.w.texts.label(i))}</a>" for i in missing)
            text = escape(self.w.ui("still_to_answer", items="\0")).replace("\0", links)
            if set(missing) & set(flow.dates_out_of_order(self.draft)):
                text += "<br>" + escape(self.w.ui("dates_out_of_order"))
            self.reason.setText(text)
        else:
            self.reason.setText("")

    def show_item(self, item_id: str) -> None:
        """Scroll to an item and put the keyboard in it (also when the page was only just shown:
        its first field does not take the keyboard back)."""
        editor = self.editors.get(item_id)
        if editor is None:
            return
        self._help_item = item_id
        self._show_help()
        first = editor.first_input()
        if first is not None:
            self._focus_later(first)
        else:
            self.scroll.ensureWidgetVisible(editor, 0, 40)

    def _focus_later(self, widget: QWidget) -> None:
        """Put the keyboard in `widget` once the page is laid out, and scroll it into view; the
        last request wins."""
        self._focus_target = widget
        QTimer.singleShot(0, self._apply_focus)

    def _apply_focus(self) -> None:
        widget, self._focus_target = self._focus_target, None
        if widget is not None and widget.isVisible():
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
            self.scroll.ensureWidgetVisible(widget, 0, 40)

    def _show_help(self) -> None:
        if self._help_item:
            self.help.show_item(self.w.texts, self._help_item)

    def retranslate(self) -> None:
        super().retranslate()
        texts = self.w.texts
        for editor in self.editors.values():
            editor.retranslate(texts)
        self._refresh()
        self._show_help()
