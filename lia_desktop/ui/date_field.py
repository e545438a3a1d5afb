"""A date typed as text, with a calendar to pick from.

Unlike a date spin box, it takes every keystroke as it is typed (nothing typed is ever
dropped), Tab leaves it at once, and what is not a date yet stays on screen with a hint
instead of vanishing. It understands 2026-03-15 as well as 15/03/2026, 15-3-2026 and
15.03.2026 (day first, as in Belgium, the Netherlands, France and the United Kingdom), and
shows the date as YYYY-MM-DD once the field is left.
"""

from __future__ import annotations

import datetime as _dt
import re

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from lia_desktop.ui.qtcompat import emit
from lia_desktop.ui.style import warning_label

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DAY_FIRST = re.compile(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})")


def parse_date(text: str) -> str | None:
    """The ISO date written in `text`, "" for no date, None when it is not a date."""
    text = text.strip()
    if not text:
        return ""
    if match := _ISO.fullmatch(text):
        year, month, day = (int(g) for g in match.groups())
    elif match := _DAY_FIRST.fullmatch(text):
        day, month, year = (int(g) for g in match.groups())
    else:
        return None
    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError:
        return None


class DateField(QWidget):
    """A line to type a date in, a calendar button, and a hint while the text is no date."""

    changed = Signal(str)  # the ISO date, or "" when emptied; not sent while the text is no date
    readable = Signal(bool)  # whether the text is a date (or empty), at every keystroke

    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        row = QHBoxLayout()
        column.addLayout(row)
        self.edit = QLineEdit()
        self.edit.setObjectName(object_name)
        self.edit.setMaxLength(40)
        self.edit.setPlaceholderText("YYYY-MM-DD")
        self.edit.setMaximumWidth(180)
        self.edit.textEdited.connect(self._edited)
        self.edit.editingFinished.connect(self._finished)
        self.pick = QToolButton()
        self.pick.setObjectName(f"{object_name}.calendar")
        self.pick.setArrowType(Qt.ArrowType.DownArrow)
        self.pick.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.pick.setStyleSheet("QToolButton::menu-indicator { image: none; }")
        self.pick.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # Tab goes on to the next question
        self.calendar = QCalendarWidget()
        self.calendar.setObjectName(f"{object_name}.calendar.month")
        self.calendar.setGridVisible(True)
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)
        menu = QMenu(self.pick)
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(self.calendar)
        menu.addAction(holder)
        menu.aboutToShow.connect(self._show_calendar)
        self.pick.setMenu(menu)
        row.addWidget(self.edit)
        row.addWidget(self.pick)
        row.addStretch(1)
        self.hint = warning_label(f"{object_name}.hint")
        self.hint.setVisible(False)
        column.addWidget(self.hint)

    def retranslate(self, label: str, hint: str, pick: str) -> None:
        self.edit.setAccessibleName(label)
        self.hint.setText(hint)
        self.pick.setToolTip(pick)
        self.pick.setAccessibleName(f"{label}: {pick}")
        self.calendar.setAccessibleName(label)

    def iso(self) -> str | None:
        return parse_date(self.edit.text())

    def set_iso(self, value: str) -> None:
        """Show a stored date (without telling anyone: nothing was typed)."""
        self.edit.setText(value)
        self.hint.setVisible(False)

    def unreadable(self) -> bool:
        """Text is typed that is no date: the stored date is not what the field shows."""
        return bool(self.edit.text().strip()) and self.iso() is None

    def _edited(self, text: str) -> None:
        value = parse_date(text)
        if value is not None:
            self.hint.setVisible(False)
            emit(self.changed, value)
        emit(self.readable, not self.unreadable())

    def _finished(self) -> None:
        value = self.iso()
        self.hint.setVisible(value is None)
        if value and value != self.edit.text():
            self.edit.setText(value)

    def _show_calendar(self) -> None:
        value = self.iso()
        day = QDate.fromString(value, "yyyy-MM-dd") if value else QDate.currentDate()
        self.calendar.setSelectedDate(day)

    def _picked(self, day: QDate) -> None:
        self.pick.menu().close()
        self.edit.setText(day.toString("yyyy-MM-dd"))
        self.hint.setVisible(False)
        emit(self.changed, self.edit.text())
        self.edit.setFocus()
