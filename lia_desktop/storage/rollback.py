"""The high-water mark of an encrypted workspace's save counter, kept outside the sealed file.

Every save of an encrypted workspace seals a counter one higher than the last (crypto.py).
The highest counter this computer has seen is kept beside the workspace, in <name>.seen, with
the workspace's salt (a different workspace put under the same name starts afresh). A file
whose counter is lower than the mark is an older copy put in place of the workspace (a
rollback): it is refused and the user is told, until they restore it on purpose.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
from pathlib import Path

from lia_desktop.storage.safe_storage import atomic_write

SUFFIX = ".seen"


class HighWater:
    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def of(cls, workspace: Path) -> HighWater:
        return cls(workspace.with_suffix(SUFFIX))

    def seen(self, salt: bytes) -> int:
        """The highest counter seen for the workspace with this salt (0: none, or unreadable)."""
        try:
            mark = json.loads(self.path.read_text(encoding="utf-8"))
            if mark["salt"] == base64.b64encode(salt).decode() and isinstance(mark["counter"], int):
                return mark["counter"]
        except (OSError, ValueError, KeyError, TypeError):
            pass
        return 0

    def set(self, salt: bytes, counter: int) -> None:
        """Record `counter` (best effort: without the mark only the rollback check is lost)."""
        payload = json.dumps({"salt": base64.b64encode(salt).decode(), "counter": counter})
        with contextlib.suppress(OSError):
            atomic_write(self.path, payload.encode())

    def raise_to(self, salt: bytes, counter: int) -> None:
        if counter > self.seen(salt):
            self.set(salt, counter)

    def forget(self) -> None:
        with contextlib.suppress(OSError):
            self.path.unlink(missing_ok=True)

    def move_to(self, workspace: Path) -> None:
        with contextlib.suppress(OSError):
            os.replace(self.path, workspace.with_suffix(SUFFIX))
