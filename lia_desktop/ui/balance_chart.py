"""The outcome page's chart: one bar of the ten answers, coloured by how each weighs."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from lia_desktop import palette


class BalanceChart(QWidget):
    """A bar of the ten answers: favourable, partly against, against, open, unanswered."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("balance.chart")
        self.counts = {key: 0 for key in palette.BALANCE} | {"unanswered": 10}
        self.setMinimumHeight(28)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_counts(self, counts: dict[str, int], description: str) -> None:
        self.counts = dict(counts)
        self.setAccessibleName(description)
        self.setToolTip(description)
        self.update()

    def paintEvent(self, _event: object) -> None:
        painter = QPainter(self)
        total = sum(self.counts.values()) or 1
        x = 0.0
        width, height = self.width(), self.height()
        for key in palette.BALANCE:
            share = self.counts.get(key, 0) / total * width
            if share:
                painter.fillRect(int(x), 0, round(x + share) - int(x), height, QColor(palette.BALANCE[key]))
            x += share
        painter.end()
