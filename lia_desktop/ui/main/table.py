"""The list of assessments: the table model (cells worked out once per refresh) and its view."""

from __future__ import annotations

import datetime as _dt
import functools
import operator
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QDate, QDateTime, QLocale, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from lia_desktop import palette
from lia_desktop.app_context import AppContext
from lia_desktop.domain.model import Status, Verdict
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
ANSWERED = frozenset({DISPLAY, ACCESSIBLE, TOOLTIP, BACKGROUND, FOREGROUND, ID})
VERDICT, REVIEW = COLUMNS.index("verdict"), COLUMNS.index("review")
NAMES = (COLUMNS.index("title"), COLUMNS.index("organisation"))  # long texts a cell may cut short

# What each column sorts by: the stored values, not the text shown (dates as stored, statuses
# and verdicts in their order of the enums — for verdicts from suitable to not suitable, an
# incomplete one between — names without regard to case); a review date left empty sorts last.
_STATUS_ORDER = {status.value: n for n, status in enumerate(Status)}
_VERDICT_ORDER = {
    v.value: n
    for n, v in enumerate((Verdict.SUITABLE, Verdict.WITH_SAFEGUARDS, Verdict.INCOMPLETE, Verdict.NOT_SUITABLE))
}
SORT_KEYS: dict[str, Callable[[Summary], Any]] = {
    "title": lambda row: row.title.casefold(),
    "organisation": lambda row: row.organisation.casefold(),
    "status": lambda row: _STATUS_ORDER.get(row.status, len(_STATUS_ORDER)),
    "verdict": lambda row: _VERDICT_ORDER.get(row.verdict, len(_VERDICT_ORDER)),
    "updated": operator.attrgetter("updated_at"),
    "review": lambda row: row.review_date or "9999",
}


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
        locale = _locale(t.language)
        review = short_date(locale, row.review_date)
        if row.review_due(self.today):
            review = f"{review} ⚠ {ui('overdue')}"
        if row.law_changed:
            review = f"{review} ⚠ {t.get('advice', 'law_changed')}".strip()
        return (
            row.title.strip() or ui("untitled"),
            row.organisation,
            t.status(row.status),
            t.verdict_short(row.verdict),
            short_moment(locale, row.updated_at),
            review,
        )

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """The rows in the order of a column (the view asks when a header is clicked); rows that
        tie keep their order, and the selection stays on the same assessments."""
        self.sort_column, self.sort_order = column, order
        if not 0 <= column < len(COLUMNS) or len(self.rows) < 2:
            return
        self.layoutAboutToBeChanged.emit()
        keys = list(map(SORT_KEYS[COLUMNS[column]], self.rows))
        old = sorted(range(len(keys)), key=keys.__getitem__, reverse=order == Qt.SortOrder.DescendingOrder)
        new = {before: after for after, before in enumerate(old)}
        self.rows = [self.rows[n] for n in old]
        self.cells = {new[n]: cells for n, cells in self.cells.items()}
        kept = self.persistentIndexList()
        self.changePersistentIndexList(kept, [self.index(new[i.row()], i.column()) for i in kept])
        self.layoutChanged.emit()

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
        if role in (DISPLAY, ACCESSIBLE) or (role == TOOLTIP and column in NAMES):
            return self.cells_of(number)[column]  # the tooltip of a title cut short shows it whole
        row = self.rows[number]
        if role == ID:
            return row.id
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
def _locale(language: str) -> QLocale:
    """Qt's locale for a language of ours (Qt is loaded already; Babel is not needed to start)."""
    return QLocale(LOCALES.get(language, language))


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
