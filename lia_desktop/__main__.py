"""Entry point: `lia-desktop` and `python -m lia_desktop`."""

from __future__ import annotations

import sys

from lia_desktop.cli import main


def run() -> None:
    sys.exit(main(sys.argv[1:]))


if __name__ == "__main__":
    run()
