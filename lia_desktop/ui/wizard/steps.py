"""The steps of the assessment beside the wizard, like a document's table of contents.

Every page that applies now is listed in order; the current one is marked, those visited can
be clicked (or chosen with the arrow keys and Enter) to go straight to them, the others are
shown greyed until they are reached.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

NAME = Qt.ItemDataRole.UserRole


class StepList(QWidget):
    def __init__(self, go_to: Callable[[str], object]) -> None:
        super().__init__()
        self.setObjectName("steps")
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 8, 0)
        self.heading = QLabel()
        self.heading.setObjectName("steps.heading")
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.list = QListWidget()
        self.list.setObjectName("steps.list")
        self.list.setWordWrap(True)
        self.list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.list.setUniformItemSizes(False)
        self.heading.setBuddy(self.list)
        self.list.itemClicked.connect(self._chosen)
        self.list.itemActivated.connect(self._chosen)
        self._go_to = go_to
        column.addWidget(self.heading)
        column.addWidget(self.list, 1)
        self.setFixedWidth(220)

    def _chosen(self, item: QListWidgetItem) -> None:
        if item.flags() & Qt.ItemFlag.ItemIsEnabled:
            self._go_to(item.data(NAME))

    def show_steps(
        self, heading: str, steps: list[tuple[str, str, str]], current: str, visited: set[str], current_word: str
    ) -> None:
        """`steps` are (page, label, tooltip); the current page is marked (bold, ◀, selected)."""
        self.heading.setText(heading)
        self.list.setAccessibleName(heading)
        self.list.blockSignals(True)
        self.list.clear()
        for number, (page, label, tip) in enumerate(steps, start=1):
            item = QListWidgetItem(f"{number}. {label}")
            item.setData(NAME, page)
            item.setToolTip(tip)
            flags = Qt.ItemFlag.ItemIsSelectable
            if page in visited or page == current:
                flags |= Qt.ItemFlag.ItemIsEnabled
            item.setFlags(flags)
            if page == current:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
                item.setText(f"{number}. {label} ◀")
                item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{number}. {label} ({current_word})")
            self.list.addItem(item)
            if page == current:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)

    def pages(self) -> list[str]:
        return [self.list.item(row).data(NAME) for row in range(self.list.count())]

    def enabled_pages(self) -> list[str]:
        return [
            self.list.item(row).data(NAME)
            for row in range(self.list.count())
            if self.list.item(row).flags() & Qt.ItemFlag.ItemIsEnabled
        ]
