"""Undo for deleting and archiving, for as long as the window is open.

Before a delete or an archive, the stored documents are copied (with what the store keeps
beside them); undoing puts them back exactly, but only onto the documents as the step left them:
an assessment changed since (opened and edited, imported again) is never rolled back over, and
the step is given up. What was deleted is kept here, in memory, until the window closes. The
last step that can be undone is shown in the status bar with a button.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from lia_desktop.i18n import Ui

SHOWN_TITLES = 3


@dataclass(frozen=True)
class Step:
    """One step to undo: what was done ("delete" or "archive") to which assessments."""

    workspace: str
    kind: str
    titles: tuple[str, ...]
    documents: tuple[dict[str, Any], ...]  # as they were stored before
    after: tuple[dict[str, Any] | None, ...] = ()  # as the step left them (None: deleted)

    def describe(self, ui: Ui) -> str:
        titles = ", ".join(ui("quoted", title=t) for t in self.titles[:SHOWN_TITLES])
        if len(self.titles) > SHOWN_TITLES:
            titles += ", …"
        return ui(f"undo_{self.kind}", titles=titles)


class UndoSteps:
    """The steps that can be undone, newest last, per workspace."""

    def __init__(self) -> None:
        self._steps: list[Step] = []

    def push(self, step: Step) -> None:
        self._steps.append(step)

    def last(self, workspace: str) -> Step | None:
        return next((s for s in reversed(self._steps) if s.workspace == workspace), None)

    def pop(self, workspace: str) -> Step | None:
        step = self.last(workspace)
        if step is not None:
            self._steps.remove(step)
        return step


class UndoBar(QWidget):
    """The status bar's part: what the last step was, and a button to undo it."""

    def __init__(self, undo: Callable[[], object]) -> None:
        super().__init__()
        self.setObjectName("undo")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.label.setObjectName("undo.label")
        self.button = QPushButton()
        self.button.setObjectName("undo.button")
        self.button.clicked.connect(lambda _checked=False: undo())
        row.addWidget(self.label)
        row.addWidget(self.button)
        self.setVisible(False)

    def show_step(self, step: Step | None, ui: Ui) -> None:
        self.setVisible(step is not None)
        if step is not None:
            self.label.setText(step.describe(ui))
            self.button.setText(ui("undo_button"))
            self.button.setAccessibleName(f"{ui('undo_button')}: {step.describe(ui)}")
