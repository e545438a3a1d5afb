"""Entry point: `lia-desktop` and `python -m lia_desktop`."""

from __future__ import annotations

import gc
import sys

from lia_desktop.cli import main


def gui(args) -> int:
    # Starting makes no garbage worth collecting, only thousands of objects that stay (modules,
    # Qt's types, the window): the collector waits until the list is filled (app.run_gui)
    # instead of scanning them some fifty times on the way.
    gc.disable()
    from lia_desktop.app import run_gui  # Qt is imported only when the window opens

    return run_gui(args, exit_at_once=True)


def run() -> None:
    if getattr(sys, "frozen", False):  # a built program's export workers start through it
        import multiprocessing

        multiprocessing.freeze_support()
    sys.exit(main(sys.argv[1:], gui=gui))


if __name__ == "__main__":
    run()
