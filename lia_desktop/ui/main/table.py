"""The list of assessments: the table model (cells worked out once per refresh) and its view."""

from __future__ import annotations

import datetime as _dt
import functools
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QDate, QDateTime, QLocale, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from lia_desktop import palette
from lia_desktop.app_context import AppContext
from lia_desktop.domain.texts import LOCALES
from lia_desktop.storage.summaries import Summary

COLUMNS = ("title", "organisation", "status", "verdict", "updated", "review")
Index = QModelIndex | QPersistentModelIndex

# The roles the list answers, as the numbers the view asks with (it asks for seven roles of every
# cell it draws, and most are left to the style: those are answered first, with None).
DISPLAY = int(Qt.ItemDataRole.DisplayRole)
ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
ID = int(Qt.ItemDataRole.UserRole)
SORT_KEY = ID + 1
ANSWERED = frozenset({DISPLAY, ACCESSIBLE, TOOLTIP, BACKGROUND, FOREGROUND, ID, SORT_KEY})
VERDICT, REVIEW = COLUMNS.index("verdict"), COLUMNS.index("review")


class AssessmentTable(QAbstractTableModel):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.rows: list[Summary] = []
        self.cells: dict[int, tuple[str, ...]] = {}
        self.sort_column, self.sort_order = COLUMNS.index("updated"), Qt.SortOrder.DescendingOrder
        self.today = _dt.date.today().isoformat()

    def set_rows(self, rows: list[Summary]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.today = _dt.date.today().isoformat()
        self.cells = {}  # a row's cells are worked out when it is first shown, then kept
        self.endResetModel()
        self.sort(self.sort_column, self.sort_order)

    def cells_of(self, number: int) -> tuple[str, ...]:
        cells = self.cells.get(number)
        if cells is None:
            cells = self.cells[number] = self._cells(self.rows[number])
        return cells

    def _cells(self, row: Summary) -> tuple[str, ...]:
        t, ui = self.ctx.content, self.ctx.ui
        locale = QLocale(LOCALES.get(t.language, t.language))
        review = short_date(locale, row.review_date)
        if row.review_due(self.today):
            review = f"{review} ⚠ {ui('overdue')}"
        if row.law_changed:
            review = f"{review} ⚠ {t.get('advice', 'law_changed')}".strip()
        return (
            row.title or ui("untitled"),
            row.organisation,
            t.status(row.status),
            t.verdict_short(row.verdict),
            short_moment(locale, row.updated_at),
            review,
        )

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.ctx.ui(f"col_{COLUMNS[section]}")
        return None

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if role not in ANSWERED or not index.isValid():
            return None
        number, column = index.row(), index.column()
        if role in (DISPLAY, ACCESSIBLE):
            return self.cells_of(number)[column]
        row = self.rows[number]
        if role == ID:
            return row.id
        if role == SORT_KEY:
            return {"updated": row.updated_at, "review": row.review_date or "9999"}.get(
                COLUMNS[column], str(self.data(index))
            )
        if column == VERDICT:
            if role == TOOLTIP:
                t = self.ctx.content
                lines = [t.verdict(row.verdict)]
                lines += [
                    t.get("advice", "channel_line").format(channel=t.option(ch), verdict=t.channel_verdict(v))
                    for ch, v in row.channels.items()
                ]
                return "\n".join(lines)
            if role == BACKGROUND:
                return _brush(palette.VERDICT.get(row.verdict, ("#ffffff", ""))[0])
            if role == FOREGROUND:
                return _brush(palette.VERDICT.get(row.verdict, ("", "#000000"))[1])
        if column == REVIEW:
            if role == TOOLTIP and row.law_changed:
                return self.ctx.content.get("advice", "law_changed_hint")
            if role == FOREGROUND and (row.review_due(self.today) or row.law_changed):
                return _brush("#b71c1c")
        return None


def short_date(locale: QLocale, day: str) -> str:
    """A stored date (ISO 8601) as the language writes it in a table: "02-03-2027", "02/03/2027"."""
    date = QDate.fromString(day, Qt.DateFormat.ISODate)
    return locale.toString(date, QLocale.FormatType.ShortFormat) if date.isValid() else day


def short_moment(locale: QLocale, stamp: str) -> str:
    """A stored moment (ISO 8601, UTC) as this computer's local date and time, written as the
    language writes them: "02-03-2026 10:40" (the summary and the PDF write it out in full)."""
    moment = QDateTime.fromString(stamp, Qt.DateFormat.ISODate)
    if not moment.isValid():
        return stamp.replace("T", " ")[:16]
    return locale.toString(moment.toLocalTime(), QLocale.FormatType.ShortFormat)


@functools.cache
def _brush(colour: str) -> QBrush:
    return QBrush(QColor(colour))


def assessment_view(model: AssessmentTable) -> QTableView:
    """The table of assessments: sortable, rows selected whole, never edited in place."""
    table = QTableView()
    table.setObjectName("assessments")
    table.setModel(model)
    table.setSortingEnabled(True)
    table.sortByColumn(COLUMNS.index("updated"), Qt.SortOrder.DescendingOrder)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    for number, mode in enumerate(
        (QHeaderView.ResizeMode.Stretch, QHeaderView.ResizeMode.Stretch)
        + (QHeaderView.ResizeMode.ResizeToContents,) * (len(COLUMNS) - 2)
    ):
        header.setSectionResizeMode(number, mode)
    header.setResizeContentsPrecision(40)  # size columns on a sample, not on every row
    return table
