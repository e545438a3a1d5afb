"""The filter bar above the list: search text, status, verdict and "review due"."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLineEdit, QWidget

from lia_desktop.domain.content import Texts
from lia_desktop.domain.model import Status, Verdict
from lia_desktop.i18n import Ui
from lia_desktop.storage.summaries import Summary, filter_summaries


class SearchField(QLineEdit):
    """The search text: Esc empties it (and, once empty, leaves it), Return goes to the list."""

    def __init__(self, leave: Callable[[], None]) -> None:
        super().__init__()
        self.leave = leave

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Escape and self.text():
            self.clear()
        elif key in (Qt.Key.Key_Escape, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.leave()
        else:
            super().keyPressEvent(event)


class FilterBar(QWidget):
    """Which assessments the list shows; `on_change` runs whenever a filter changes, `leave`
    puts the keyboard in the list."""

    def __init__(self, on_change: Callable[[], None], leave: Callable[[], None]) -> None:
        super().__init__()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.search = SearchField(leave)
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(on_change)
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("filter.status")
        self.verdict_filter = QComboBox()
        self.verdict_filter.setObjectName("filter.verdict")
        self.due_filter = QCheckBox()
        self.due_filter.setObjectName("filter.review_due")
        for widget in (self.status_filter, self.verdict_filter):
            widget.currentIndexChanged.connect(on_change)
        self.due_filter.toggled.connect(on_change)
        row.addWidget(self.search, 3)
        row.addWidget(self.status_filter, 1)
        row.addWidget(self.verdict_filter, 1)
        row.addWidget(self.due_filter)

    def retranslate(self, ui: Ui, t: Texts) -> None:
        self.search.setPlaceholderText(ui("search"))
        self.search.setAccessibleName(ui("search"))
        self._fill(self.status_filter, ui("all_statuses"), [(s.value, t.status(s.value)) for s in Status])
        self._fill(self.verdict_filter, ui("all_verdicts"), [(v.value, t.verdict_short(v.value)) for v in Verdict])
        self.status_filter.setAccessibleName(ui("col_status"))
        self.verdict_filter.setAccessibleName(ui("col_verdict"))
        self.due_filter.setText(ui("review_due"))

    def select(self, everything: list[Summary], today: str) -> list[Summary]:
        """The assessments that pass every filter."""
        return filter_summaries(
            everything,
            search=self.search.text(),
            status=self.status_filter.currentData(),
            verdict=self.verdict_filter.currentData(),
            review_due=self.due_filter.isChecked(),
            today=today,
        )

    def clear(self) -> None:
        """Every assessment shown: the search emptied, the filters back to "all"."""
        for widget in (self.search, self.status_filter, self.verdict_filter, self.due_filter):
            widget.blockSignals(True)
        self.search.clear()
        self.status_filter.setCurrentIndex(0)
        self.verdict_filter.setCurrentIndex(0)
        self.due_filter.setChecked(False)
        for widget in (self.search, self.status_filter, self.verdict_filter, self.due_filter):
            widget.blockSignals(False)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    @staticmethod
    def _fill(box: QComboBox, everything: str, entries: list[tuple[str, str]]) -> None:
        current = box.currentData()
        box.blockSignals(True)
        box.clear()
        box.addItem(everything, None)
        for value, label in entries:
            box.addItem(label, value)
        index = box.findData(current)
        box.setCurrentIndex(max(index, 0))
        box.blockSignals(False)
