"""Writing an exported file: atomically, with a clear message when the place is not writable."""

from __future__ import annotations

from pathlib import Path

from lia_desktop.storage.errors import LiaError
from lia_desktop.storage.safe_storage import atomic_write, describe_os_error


def write_output(path: Path, data: bytes) -> None:
    if path.is_dir():
        raise LiaError(f"cannot write {path}: it is a folder; give a file name")
    try:
        atomic_write(path, data)
    except OSError as exc:
        raise LiaError(f"cannot write {path}: {describe_os_error(exc)}; choose another place") from None
