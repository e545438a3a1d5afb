"""No traceback reaches the user of the window: an expected failure is told in the user's words,
an unexpected one is logged (logs/lia-desktop.log) and told in one clear message with the log's
path. Every action, button and signal that starts work in the window runs through `guarded`."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lia_desktop.crash_log import write_crash_log
from lia_desktop.i18n import Ui
from lia_desktop.storage.errors import LiaError


def describe(ui: Ui, data_dir: Path, exc: BaseException) -> tuple[str, str]:
    """The message and the detail for a failure; an unexpected one is logged first."""
    if isinstance(exc, LiaError):
        return ui.error(exc)
    try:
        log: Path | str = write_crash_log(data_dir, type(exc), exc, exc.__traceback__)
    except OSError:
        log = "-"
    return ui("err_crash", path=log), f"{type(exc).__name__}: {exc}"


def guarded(slot: Callable[..., Any], report: Callable[[BaseException], None]) -> Callable[..., Any]:
    """`slot`, with any failure handed to `report` instead of escaping into Qt."""

    @functools.wraps(slot)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return slot(*args, **kwargs)
        except Exception as exc:
            report(exc)
            return None

    return run
