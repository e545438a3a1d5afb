"""What the list area shows while a workspace holds no assessment yet: three ways to begin."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCommandLinkButton, QLabel, QMenu, QVBoxLayout, QWidget

from lia_desktop.i18n import Ui


class ActionCard(QCommandLinkButton):
    """A way to begin; Return or Enter presses it, as Space does (outside a dialog Qt's buttons
    take Space only)."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            if self.menu() is not None:
                self.showMenu()
            else:
                self.animateClick()
            return
        super().keyPressEvent(event)


class EmptyState(QWidget):
    """A new assessment, one from a worked example (a menu of them), or an import."""

    def __init__(self, new: Callable[[], object], examples: QMenu, import_files: Callable[[], object]) -> None:
        super().__init__()
        self.setObjectName("empty")
        column = QVBoxLayout(self)
        column.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        column.setContentsMargins(24, 32, 24, 24)
        self.heading = QLabel()
        self.heading.setObjectName("empty.heading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.heading.setFont(font)
        self.text = QLabel()
        self.text.setObjectName("empty.text")
        self.text.setWordWrap(True)
        column.addWidget(self.heading)
        column.addWidget(self.text)
        self.buttons: dict[str, ActionCard] = {}
        for name, slot in (("new", new), ("example", None), ("import", import_files)):
            button = ActionCard()
            button.setObjectName(f"empty.{name}")
            button.setMinimumWidth(460)
            if slot is None:
                button.setMenu(examples)
                button.setStyleSheet("QCommandLinkButton::menu-indicator { image: none; width: 0; }")  # over the text
            else:
                button.clicked.connect(lambda _checked=False, run=slot: run())
            column.addWidget(button)
            self.buttons[name] = button
        column.addStretch(1)

    def retranslate(self, ui: Ui) -> None:
        self.heading.setText(ui("empty_title"))
        self.text.setText(ui("empty_text"))
        for name, button in self.buttons.items():
            button.setText(ui(f"empty_{name}"))
            button.setDescription(ui(f"empty_{name}_hint"))
            button.setAccessibleDescription(ui(f"empty_{name}_hint"))
