"""Every window fits a 1366×768 laptop and a large screen at 200 %, centred on its parent.

Run in a separate process: the screen's size is set when Qt starts (the offscreen platform's
configuration), and the test session's own Qt has an 800×600 screen.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

SHOW_EVERY_WINDOW = textwrap.dedent(
    """
    import json, sys, tempfile
    from pathlib import Path
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from lia_desktop.assets import questionnaire
    from lia_desktop.ui.main.window import MainWindow
    from tests.conftest import make_assessment
    from tests.gui.conftest import make_context

    window = MainWindow(make_context(Path(tempfile.mkdtemp()), questionnaire(), language="fr"))
    window.show()
    window.open_workspace("default")
    made = window.store.repository.save(make_assessment(title="Lentenieuwsbrief"))
    window.refresh()
    window.select_id(made.id)
    def measure(w):
        app.processEvents()
        return [w.frameGeometry().x(), w.frameGeometry().y(), w.width(), w.height()]

    geometry = {"main": measure(window)}
    for name, opened in (
        ("preview", window.output.preview_selected()),
        ("settings", window.open_settings()),
        ("first_run", window.welcome_first_run()),
    ):
        geometry[name] = measure(opened)
        opened.close()
    window.select_id(made.id)
    wizard = window.records.open_selected()
    geometry["wizard"] = measure(wizard)
    area = app.primaryScreen().availableGeometry()
    print(json.dumps({"area": [area.width(), area.height()], "windows": geometry}))
    wizard.saver.flush()
    """
)

SCREENS = {
    "1366x768": ({"width": 1366, "height": 768}, {}),
    "2560x1440 at 200 %": ({"width": 2560, "height": 1440}, {"QT_SCALE_FACTOR": "2"}),
}


@pytest.mark.parametrize("screen", SCREENS)
def test_every_window_fits_the_screen_and_opens_centred(tmp_path, screen):
    size, scaling = SCREENS[screen]
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "s", "x": 0, "y": 0, "logicalDpi": 96, "dpr": 1, **size}]}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}", **scaling)
    root = Path(__file__).parents[2]
    done = subprocess.run(
        [sys.executable, "-c", SHOW_EVERY_WINDOW], cwd=root, env=env, timeout=120, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout.strip().splitlines()[-1])
    width, height = shown["area"]
    for name, (x, y, w, h) in shown["windows"].items():
        # room is left for the title bar and borders a window manager adds (offscreen has none)
        assert x >= 0 and y >= 0 and x + w + 16 <= width and y + h + 48 <= height, (name, shown)
    main_x, main_y, main_w, main_h = shown["windows"]["main"]
    for name in ("preview", "settings", "first_run", "wizard"):
        x, y, w, h = shown["windows"][name]
        assert abs((x + w / 2) - (main_x + main_w / 2)) <= 16, (name, shown)  # centred on the main window
        assert abs((y + h / 2) - (main_y + main_h / 2)) <= 32 or y + h + 48 >= height - 1, (name, shown)
