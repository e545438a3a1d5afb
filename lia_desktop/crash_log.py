"""The log of unexpected errors, logs/lia-desktop.log in the data folder (window and command line)."""

from __future__ import annotations

import datetime as _dt
import traceback
from pathlib import Path
from types import TracebackType

from lia_desktop import APP_NAME, __version__


def log_path(data_dir: Path) -> Path:
    return data_dir / "logs" / "lia-desktop.log"


def write_crash_log(data_dir: Path, kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> Path:
    """Append the traceback to the log (owner-only, like the rest of the data folder); its path."""
    from lia_desktop.storage.safe_storage import make_private_dir

    path = log_path(data_dir)
    make_private_dir(path.parent)
    stamp = _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")
    with path.open("a", encoding="utf-8") as log:
        log.write(f"--- {stamp} {APP_NAME} {__version__}\n")
        log.write("".join(traceback.format_exception(kind, value, tb)))
    path.chmod(0o600)
    return path
