"""Windows that fit the screen they open on, centred on their parent.

A window asks for the size it would like; it gets that, or less where the screen's available
area (without task bars) is smaller — a 1366×768 laptop, or a large screen at 200 % scaling —
with room left for the title bar and borders the window manager adds.
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

FRAME_WIDTH = 16  # left and right borders a window manager may add
FRAME_HEIGHT = 48  # title bar and bottom border


def available_area(widget: QWidget | None) -> QRect:
    """The available geometry of the screen the widget's window is on."""
    screen = widget.window().screen() if widget is not None else None
    return (screen or QGuiApplication.primaryScreen()).availableGeometry()


def fit_and_centre(window: QWidget, width: int, height: int, parent: QWidget | None = None) -> None:
    """Size a top-level window to width × height or the largest that fits the screen, never
    below what fits, and centre it on its parent's window (else on the screen)."""
    area = available_area(parent or window)
    room_w, room_h = area.width() - FRAME_WIDTH, area.height() - FRAME_HEIGHT
    w, h = min(width, room_w), min(height, room_h)
    minimum = window.minimumSize()
    window.setMinimumSize(min(minimum.width(), w), min(minimum.height(), h))
    window.resize(w, h)
    anchor = parent.window() if parent is not None else None
    centre = anchor.frameGeometry().center() if anchor is not None and anchor.isVisible() else area.center()
    x = min(max(centre.x() - w // 2, area.left()), area.left() + area.width() - w - FRAME_WIDTH)
    y = min(max(centre.y() - h // 2, area.top()), area.top() + area.height() - h - FRAME_HEIGHT)
    window.move(max(x, area.left()), max(y, area.top()))


def fit_to_contents(window: QWidget, parent: QWidget | None = None, min_width: int = 0) -> None:
    """Size a dialog to its contents (at least min_width wide), within the screen, centred."""
    hint = window.sizeHint()
    fit_and_centre(window, max(hint.width(), min_width), hint.height(), parent)
