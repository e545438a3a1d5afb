"""Start-up benchmark: launch to a usable main window with 1,000 assessments in the workspace.

Run:  .venv/bin/python benchmarks/bench_startup.py [--count 1000] [--repeat 5]

Both runs are whole processes, offscreen, timed from start to exit right after the first
window is shown (QTimer.singleShot(0, quit) once the event loop runs):

* baseline: a bare QApplication with an empty QWizard shown;
* ours: `python -m lia_desktop --data-dir DIR` on a workspace of `count` assessments
  (LIA_QUIT_WHEN_SHOWN=1 makes it quit as soon as the main window is up and filled).

Figures are medians, reported as a ratio measured in the same run.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import median_time

from lia_desktop.assets import questionnaire, resources_dir
from lia_desktop.export import exchange
from lia_desktop.storage.workspace import Workspaces

BARE = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWizard
app = QApplication([])
wizard = QWizard()
wizard.show()
QTimer.singleShot(0, app.quit)
app.exec()
"""


def timed(command: list[str], env: dict[str, str], repeat: int) -> float:
    return median_time(lambda: subprocess.run(command, env=env, check=True, capture_output=True, timeout=120), repeat)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    q = questionnaire()
    examples = [exchange.read(p, q) for p in sorted((resources_dir() / "examples").glob("*.lia.json"))]
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder)
        with Workspaces(data, q).open("default", create=True) as store:
            store.repository.add_many([examples[n % len(examples)].with_new_id() for n in range(args.count)])
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LIA_QUIT_WHEN_SHOWN="1", LIA_NO_ERROR_WINDOWS="1")
        root = str(Path(__file__).resolve().parents[1])
        bare = timed([sys.executable, "-c", BARE], env, args.repeat)
        ours = timed(
            [sys.executable, "-m", "lia_desktop", "--data-dir", folder], dict(env, PYTHONPATH=root), args.repeat
        )
    print(f"bare QApplication + QWizard shown: {bare * 1000:7.0f} ms  (baseline)")
    print(f"LIA Desktop, {args.count} assessments: {ours * 1000:7.0f} ms  = {ours / bare:.2f} x baseline")


if __name__ == "__main__":
    main()
