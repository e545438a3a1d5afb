"""What the program loads before its window is shown, and before its list is filled: only what
they need (benchmarks/bench_scale.py measures how long they take)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

# The program's own start (python -m lia_desktop), then the names of the modules it loaded.
START = """
import sys
from lia_desktop.__main__ import main
from lia_desktop.app import run_gui

status = main(sys.argv[1:], gui=run_gui)
print(" ".join(sorted(sys.modules)))
sys.exit(status)
"""


def loaded(data_dir, until: str) -> set[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LIA_QUIT_WHEN_")}
    env.update(QT_QPA_PLATFORM="offscreen", LIA_NO_ERROR_WINDOWS="1", LANG="C.UTF-8", **{f"LIA_QUIT_WHEN_{until}": "1"})
    done = subprocess.run(
        [sys.executable, "-c", START, "--data-dir", str(data_dir)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return set(done.stdout.split())


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("data")
    loaded(folder, "FILLED")  # the default workspace made, as a later start finds it
    return folder


def test_filling_the_list_loads_neither_the_locale_data_nor_the_advice_engine(data_dir):
    modules = loaded(data_dir, "FILLED")
    assert "lia_desktop.storage.workspace" in modules  # the list was filled
    assert "babel" not in modules
    assert {"lia_desktop.domain.evaluation", "lia_desktop.domain.judgement"} & modules == set()  # the advice is stored


# Loaded when first used, not to show the window: the command groups of its actions, the
# export, the storage beyond the folder's name, the program's other commands.
NOT_TO_SHOW = {
    "lia_desktop.ui.main.output",
    "lia_desktop.ui.main.records",
    "lia_desktop.ui.main.workspaces",
    "lia_desktop.ui.main.help",
    "lia_desktop.export.batch",
    "lia_desktop.export.exchange",
    "concurrent.futures",
    "lia_desktop.storage.safe_storage",
    "lia_desktop.storage.backups",
    "lia_desktop.storage.crypto",
    "tomllib",
    "hashlib",
}


def test_showing_the_window_loads_only_what_it_shows(data_dir):
    modules = loaded(data_dir, "SHOWN")
    assert "lia_desktop.ui.main.window" in modules
    assert modules & NOT_TO_SHOW == set()
