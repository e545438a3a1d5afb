"""Save a screenshot of every page of the program, in each language, into a folder.

Run:  .venv/bin/python scripts/screenshots.py [--out screenshots] [--lang nl fr en]

It runs offscreen (no display needed) on a temporary data folder holding the worked examples,
and walks one example through every page of the wizard.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from lia_desktop.app_context import AppContext
from lia_desktop.assets import questionnaire, resources_dir
from lia_desktop.export import exchange
from lia_desktop.i18n import QtTranslations
from lia_desktop.settings import Settings
from lia_desktop.ui import dialogs
from lia_desktop.ui.main.window import MainWindow

EXAMPLE = {
    "nl": "newsletter-existing-customers.nl.lia.json",
    "fr": "postal-mailing-bought-list.fr.lia.json",
    "en": "b2b-outreach-professional-contacts.en.lia.json",
}


def shoot(app: QApplication, widget, path: Path) -> None:
    app.processEvents()
    widget.grab().save(str(path))
    print(path)


def run(out: Path, language: str, app: QApplication, qt_translations: QtTranslations) -> None:
    q = questionnaire()
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder)
        window_settings = QSettings(str(data / "window.ini"), QSettings.Format.IniFormat)
        chosen_settings = Settings(language=language, consultant="Sofie Peeters")
        ctx = AppContext(data, q, chosen_settings, window_settings, qt_translations)
        window = MainWindow(ctx)
        window.resize(1100, 680)
        window.show()
        window.open_workspace("default")
        app.processEvents()
        shoot(app, window, out / f"{language}-00-empty.png")  # what a first start shows
        first_run = window.welcome_first_run()
        shoot(app, first_run, out / f"{language}-00-first-run.png")
        first_run.reject()
        app.processEvents()
        examples = [exchange.read(p, q) for p in sorted((resources_dir() / "examples").glob("*.lia.json"))]
        window.store.repository.add_many(examples)
        window.refresh()
        shoot(app, window, out / f"{language}-00-main.png")
        chosen = exchange.read(resources_dir() / "examples" / EXAMPLE[language], q)
        draft = chosen.duplicate()  # a re-assessment: the decision is taken again
        draft.decision, draft.decision_rationale = chosen.decision, chosen.decision_rationale
        wizard = window.records.start_wizard(draft)
        wizard.resize(980, 660)
        number = 1
        while True:
            shoot(app, wizard, out / f"{language}-{number:02d}-{wizard.currentPage().name}.png")
            number += 1
            if wizard.nextId() == -1 or not wizard.currentPage().isComplete():
                break
            wizard.next()
        wizard.saver.flush()
        wizard.close()
        app.processEvents()
        window.select_id(examples[0].id)
        preview = window.output.preview_selected()
        if preview is not None:
            preview.resize(760, 860)
            deadline = time.monotonic() + 3  # QPdfView renders pages in the background
            while time.monotonic() < deadline:
                app.processEvents()
                time.sleep(0.05)
            shoot(app, preview, out / f"{language}-{number:02d}-preview.png")
            preview.close()
        settings = window.open_settings()
        shoot(app, settings, out / f"{language}-{number + 1:02d}-settings.png")
        settings.reject()
        window.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default="screenshots")
    parser.add_argument("--lang", nargs="*", default=["nl", "fr", "en"])
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    dialogs.confirm = lambda *_a: False  # never wait for an answer
    app = QApplication.instance() or QApplication([])
    qt_translations = QtTranslations()  # one translator, replaced for each language
    for language in args.lang:
        run(out, language, app, qt_translations)


if __name__ == "__main__":
    main()
