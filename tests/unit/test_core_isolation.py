"""The core must import and work without Qt, TinyDB or ReportLab."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def test_core_works_with_pyside6_tinydb_and_reportlab_unavailable():
    code = textwrap.dedent(
        """
        import sys
        for name in ("PySide6", "shiboken6", "tinydb", "reportlab"):
            sys.modules[name] = None
        from lia_desktop.assets import questionnaire
        from lia_desktop.domain import conditions, content, evaluation, flow, model
        from lia_desktop.domain.evaluation import evaluate
        result = evaluate(model.Assessment(), questionnaire())
        print(result.verdict.value)
        """
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "incomplete"


def test_every_resource_folder_is_packaged():
    import tomllib
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    packages = set(tomllib.loads((root / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    folders = {"lia_desktop.resources"} | {
        "lia_desktop.resources." + ".".join(p.relative_to(root / "resources").parts)
        for p in (root / "resources").rglob("*")
        if p.is_dir() and "__pycache__" not in p.parts
    }
    code = {".".join(p.parent.relative_to(root).parts) for p in (root / "lia_desktop").rglob("__init__.py")}
    assert (folders | code) - packages == set(), "add these to [tool.setuptools] packages in pyproject.toml"
