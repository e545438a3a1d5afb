"""Saving the draft: shortly after the last change (never inside a keystroke), and on demand."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from lia_desktop.domain.model import Assessment
from lia_desktop.storage.errors import LiaError
from lia_desktop.storage.repository import Repository
from lia_desktop.ui.qtcompat import emit

SAVE_DELAY_MS = 1200


class DraftSaver(QObject):
    """Saves the draft shortly after the last change (never inside a keystroke), and on demand."""

    saved = Signal()
    failed = Signal(object)

    def __init__(
        self,
        repository: Repository,
        draft: Assessment,
        by: Callable[[], str],
        delay_ms: int = SAVE_DELAY_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.repository, self.draft, self.by = repository, draft, by  # by: who saves, asked at each save
        self.dirty = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.flush)

    def touch(self) -> None:
        self.dirty = True
        self.timer.start()

    def flush(self) -> bool:
        self.timer.stop()
        if not self.dirty:
            return True
        try:
            self.repository.save(self.draft, by=self.by())
        except LiaError as exc:
            emit(self.failed, exc)
            return False
        self.dirty = False
        emit(self.saved)
        return True
