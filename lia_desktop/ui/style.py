"""The window's looks: keyboard focus that can be seen, and the colour of what still needs doing.

Qt's own focus ring on a radio button or tick box is a faint dotted line; here the focused
control gets a clear blue frame and its option text a light background, and text fields a
blue border, so someone working with the keyboard always sees where they are.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel

WARNING_INK = "#b71c1c"
FOCUS_INK = "#1565c0"
FOCUS_FILL = "#fff3c4"

STYLE_SHEET = f"""
QRadioButton:focus, QCheckBox:focus {{
    border: 2px solid {FOCUS_INK}; border-radius: 3px; background: {FOCUS_FILL};
}}
QLabel[focused="true"] {{ background: {FOCUS_FILL}; }}
QLineEdit:focus, QPlainTextEdit:focus {{ border: 2px solid {FOCUS_INK}; }}
QListWidget:focus, QTableView:focus, QTextBrowser:focus {{ border: 2px solid {FOCUS_INK}; }}
QCommandLinkButton:focus {{ border: 2px solid {FOCUS_INK}; border-radius: 3px; }}
"""


def warning_label(name: str) -> QLabel:
    """A wrapping label in the colour of what still needs doing (a missing answer, a bad date)."""
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, QColor(WARNING_INK))
    label.setPalette(palette)
    return label
