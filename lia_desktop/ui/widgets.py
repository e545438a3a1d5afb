"""Editors for the items of the questionnaire, and the balance chart (the help panel beside them
is in help_panel.py).

An editor shows one item, reads its value from the draft assessment and writes every change
straight back into it (the draft is the single source of truth), then emits `changed`.
"""

from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from lia_desktop.domain.content import Item, Questionnaire, Texts
from lia_desktop.domain.model import Assessment
from lia_desktop.export.text_safety import typed
from lia_desktop.export.words import item_question, safeguard_basis, safeguard_kind
from lia_desktop.ui.date_field import DateField
from lia_desktop.ui.qtcompat import emit

TEXT_LIMIT = 500_000  # the exchange schema's limit for long text
NOTE_LINES = (2, 8)  # an optional note's height in lines: at first, and at most


class OptionLabel(QLabel):
    """The wrapping text of a radio button or tick box (their own text never wraps)."""

    def __init__(self, button: QAbstractButton) -> None:
        super().__init__()
        self.button = button
        self.setWordWrap(True)
        self.setBuddy(button)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def mousePressEvent(self, event: object) -> None:
        if self.button.isEnabled():
            self.button.click()
            self.button.setFocus()


def option_row(button: QAbstractButton) -> tuple[QWidget, OptionLabel]:
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    label = OptionLabel(button)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)  # beside its box, also
    layout.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)  # when the row's other option wraps
    layout.addWidget(label, 1)
    return row, label


class ItemEditor(QWidget):
    """One item: its question, its input and (where the item has one) its justification."""

    changed = Signal(str)
    focused = Signal(str)
    checked = Signal(str)  # what the page must check again, though nothing was stored

    def __init__(
        self,
        item: Item,
        questionnaire: Questionnaire,
        texts: Texts,
        draft: Assessment,
        parent: QWidget | None = None,
        show_title: bool = True,
    ) -> None:
        super().__init__(parent)
        self.item = item
        self.q = questionnaire
        self.texts = texts
        self.draft = draft
        self.setObjectName(f"editor.{item.id}")
        self._loading = False
        # safeguards only: what the law requires for the channels in use (None: not known yet)
        self.required: frozenset[str] | None = None
        self.option_rows: dict[str, QWidget] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 8)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setObjectName(f"{item.id}.label")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.title.setVisible(show_title)
        self._show_title = show_title
        layout.addWidget(self.title)
        # the source text's own wording, under a short plain label (q07, q08, q10)
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)
        self.subtitle.setObjectName(f"{item.id}.subtitle")
        self.subtitle.setStyleSheet("font-style: italic;")
        self.subtitle.setVisible(False)
        layout.addWidget(self.subtitle)
        self.question = QLabel()
        self.question.setObjectName(f"{item.id}.question")
        self.question.setWordWrap(True)
        self.question.setVisible(False)
        layout.addWidget(self.question)
        self.inputs: list[QWidget] = []
        self._build_input(layout)
        self.note: QPlainTextEdit | None = None
        self.note_label: QLabel | None = None
        if item.note:
            self.note_label = QLabel()
            self.note_label.setObjectName(f"{item.id}.note.label")
            self.note = QPlainTextEdit()
            self.note.setObjectName(f"{item.id}.note")
            self.note.setTabChangesFocus(True)
            if item.justified:  # a justification gets room from the start
                self.note.setMinimumHeight(70)
                self.note.setMaximumHeight(140)
            else:  # an optional note takes two lines of a long page, and grows as it is written
                self.note.document().documentLayout().documentSizeChanged.connect(lambda _size: self._fit_note())
                self._fit_note()
            self.note_label.setBuddy(self.note)
            self.note.textChanged.connect(self._note_changed)
            layout.addWidget(self.note_label)
            layout.addWidget(self.note)
            self.inputs.append(self.note)
        for widget in self.inputs:
            widget.installEventFilter(self)
        self.retranslate(texts)

    # ---------------------------------------------------------------- building

    def _build_input(self, layout: QVBoxLayout) -> None:
        item = self.item
        self.group: QButtonGroup | None = None
        self.buttons: dict[str, QCheckBox | QRadioButton] = {}
        self.option_labels: dict[str, OptionLabel] = {}
        if item.kind == "text":
            self.line = QLineEdit()
            self.line.setObjectName(item.id)
            self.line.setMaxLength(1000)
            self.line.textChanged.connect(self._line_changed)
            self.title.setBuddy(self.line)
            layout.addWidget(self.line)
            self.inputs.append(self.line)
        elif item.kind == "longtext":
            self.text = QPlainTextEdit()
            self.text.setObjectName(item.id)
            self.text.setTabChangesFocus(True)
            self.text.setMinimumHeight(90)
            self.text.textChanged.connect(self._text_changed)
            self.title.setBuddy(self.text)
            layout.addWidget(self.text)
            self.inputs.append(self.text)
        elif item.kind == "date":
            self.date = DateField(item.id)
            self.date.changed.connect(self._store)
            self.date.readable.connect(lambda _ok: emit(self.checked, self.item.id))
            self.title.setBuddy(self.date.edit)
            layout.addWidget(self.date)
            self.inputs += [self.date.edit, self.date.pick]
        elif item.kind in ("choice", "multi"):
            box = QWidget()
            grid = QGridLayout(box)
            grid.setContentsMargins(12, 0, 0, 0)
            if item.kind == "choice":
                self.group = QButtonGroup(self)
                self.group.setExclusive(True)
            options = item.options
            columns = 2 if len(options) > 4 and item.id != "safeguards" else 1
            for index, option in enumerate(options):
                button = QRadioButton() if item.kind == "choice" else QCheckBox()
                button.setObjectName(f"{item.id}.{option}")
                if self.group is not None:
                    self.group.addButton(button)
                button.toggled.connect(self._option_toggled)
                row, label = option_row(button)
                label.setObjectName(f"{item.id}.{option}.label")
                grid.addWidget(row, index // columns, index % columns)
                self.option_rows[option] = row
                self.buttons[option] = button
                self.option_labels[option] = label
                self.inputs.append(button)
            if options:
                self.title.setBuddy(self.buttons[options[0]])
            layout.addWidget(box)
        elif item.kind == "check":
            self.check = QCheckBox()
            self.check.setObjectName(item.id)
            self.check.toggled.connect(self._check_toggled)
            row, self.check_label = option_row(self.check)
            self.check_label.setObjectName(f"{item.id}.text")
            layout.addWidget(row)
            self.inputs.append(self.check)
            self.title.setVisible(False)  # the tick box carries the question itself
        else:  # info
            self.info = QLabel()
            self.info.setObjectName(f"{item.id}.text")
            self.info.setWordWrap(True)
            layout.addWidget(self.info)

    def retranslate(self, texts: Texts) -> None:
        self.texts = texts
        item, t = self.item, texts
        label = t.label(item.id)
        required = " *" if item.required else ""
        self.title.setText(label + required)
        subtitle = t.item(item.id).subtitle
        self.subtitle.setText(subtitle)
        self.subtitle.setVisible(bool(subtitle) and self._show_title)
        question = item_question(t, item.id)
        self.question.setText(question)
        self.question.setVisible(bool(question))
        if question:
            label = f"{label}: {question}"
        for option, button in self.buttons.items():
            if item.id == "safeguards":
                text, help_text = t.safeguard(option)
                kind = safeguard_kind(self.q, t, option, self.required)
                if safeguard_basis(self.q, option, self.required) == "by_law":
                    text = f"{text} ({kind})"
                described = f"{help_text} ({kind})" if kind else help_text
                button.setToolTip(described)
                button.setAccessibleDescription(described)
            else:
                text = t.option(option)
            self.option_labels[option].setText(text)
            button.setAccessibleName(f"{label}: {text}")
        if item.kind == "check":
            self.check_label.setText(label)
            self.check.setAccessibleName(label)
        elif item.kind == "info":
            self.info.setText(t.item(item.id).help)
        for widget in (getattr(self, name, None) for name in ("line", "text")):
            if widget is not None:
                widget.setAccessibleName(label)
        if item.kind == "date":
            self.date.retranslate(label, t.get("ui", "date_hint"), t.get("ui", "date_pick"))
        if self.note is not None and self.note_label is not None:
            name = t.app("justification") if item.justified else t.app("note")
            self.note_label.setText(name)
            self.note.setAccessibleName(f"{label}: {name}")

    def set_required(self, required: tuple[str, ...]) -> None:
        """Safeguards: mark those the law requires for the channels in use; a safeguard the law
        requires only for other channels is hidden unless it was chosen."""
        if self.required == frozenset(required):
            return
        self.required = frozenset(required)
        chosen = set(self.draft.safeguards)
        for option, row in self.option_rows.items():
            row.setVisible(not self.q.safeguards[option] or option in self.required or option in chosen)
        self.retranslate(self.texts)

    # ---------------------------------------------------------------- draft <-> widgets

    def load(self) -> None:
        """Show the draft's value."""
        self._loading = True
        try:
            value = self.draft.value(self.item.id)
            kind = self.item.kind
            if kind == "text":
                self.line.setText(value or "")
            elif kind == "longtext":
                if self.text.toPlainText() != (value or ""):
                    self.text.setPlainText(value or "")
            elif kind == "date":
                shown = self.date.iso()  # None: text that is no date yet, kept until a date is stored
                if shown != (value or "") and (shown is not None or value):
                    self.date.set_iso(value or "")
            elif kind == "choice":
                for option, button in self.buttons.items():
                    button.setChecked(option == value)
                if value is None and self.group is not None:
                    self.group.setExclusive(False)
                    for button in self.buttons.values():
                        button.setChecked(False)
                    self.group.setExclusive(True)
            elif kind == "multi":
                chosen = set(value or [])
                for option, button in self.buttons.items():
                    button.setChecked(option in chosen)
            elif kind == "check":
                self.check.setChecked(value is True)
            if self.note is not None and self.note.toPlainText() != self.draft.note(self.item.id):
                self.note.setPlainText(self.draft.note(self.item.id))
        finally:
            self._loading = False

    def _store(self, value: object) -> None:
        if self._loading:
            return
        self.draft.set_value(self.item.id, value)  # type: ignore[arg-type]
        emit(self.changed, self.item.id)

    def _line_changed(self, text: str) -> None:
        clean = typed(text)
        if clean != text:  # a pasted escape or direction override: the field shows what is kept
            self.line.setText(clean)
            return
        self._store(text)

    def _text_changed(self) -> None:
        text = self.text.toPlainText()
        clean = typed(text, multiline=True)[:TEXT_LIMIT]
        if clean != text:
            self.text.setPlainText(clean)
            return
        self._store(text)

    def _option_toggled(self, _checked: bool) -> None:
        if self._loading:
            return
        chosen = [o for o, b in self.buttons.items() if b.isChecked()]
        if self.item.kind == "choice":
            self._store(chosen[0] if chosen else None)
        else:
            self._store(chosen)

    def _check_toggled(self, checked: bool) -> None:
        self._store(checked)

    def _note_changed(self) -> None:
        if self._loading or self.note is None:
            return
        text = self.note.toPlainText()
        clean = typed(text, multiline=True)[:TEXT_LIMIT]
        if clean != text:
            self.note.setPlainText(clean)
            return
        self.draft.set_note(self.item.id, text)
        emit(self.changed, self.item.id)

    def _fit_note(self) -> None:
        if self.note is None:
            return
        lines = min(max(int(self.note.document().size().height()), NOTE_LINES[0]), NOTE_LINES[1])
        margins = 2 * (self.note.document().documentMargin() + self.note.frameWidth()) + 2
        self.note.setFixedHeight(int(lines * self.note.fontMetrics().lineSpacing() + margins))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and alt_letter(event) and isinstance(watched, TEXT_INPUTS):
            # Alt+N on a page whose Next is still disabled: a missed shortcut, not an "n" to
            # add to the answer
            return True
        if event.type() == QEvent.Type.FocusIn:
            emit(self.focused, self.item.id)
        if event.type() in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
            label = next((lb for lb in self.option_labels.values() if lb.button is watched), None)
            if label is None and getattr(self, "check", None) is watched:
                label = self.check_label
            if label is not None:  # the option's text shows the focus too (see ui/style.py)
                label.setProperty("focused", event.type() == QEvent.Type.FocusIn)
                label.style().unpolish(label)
                label.style().polish(label)
        # Never filtered. (Not super().eventFilter(): in PySide6 6.12.0 the bool it returns
        # is short of a reference, and Python 3.11 aborts once True runs out of them.)
        return False

    def first_input(self) -> QWidget | None:
        """Where the keyboard goes in this item: for a single choice the option chosen (a Space
        there changes nothing), else the first input."""
        if self.item.kind == "choice":
            for button in self.buttons.values():
                if button.isChecked():
                    return button
        return self.inputs[0] if self.inputs else None


TEXT_INPUTS = (QLineEdit, QPlainTextEdit)


def alt_letter(event: QEvent) -> bool:
    """A key pressed with Alt alone (a menu or button shortcut), not AltGr's characters."""
    return (
        isinstance(event, QKeyEvent)
        and event.modifiers() == Qt.KeyboardModifier.AltModifier
        and event.text().isprintable()
        and bool(event.text())
    )


def today() -> str:
    return _dt.date.today().isoformat()
