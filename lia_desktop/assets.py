"""Where the resources/ folder is: in a checkout, an installed wheel or a frozen build."""

from __future__ import annotations

import functools
import sys
from pathlib import Path

from lia_desktop.domain.content import Questionnaire

_PACKAGE = Path(__file__).resolve().parent


def resources_dir() -> Path:
    """The resources folder; raises FileNotFoundError naming the places looked at."""
    candidates = []
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        candidates.append(Path(frozen) / "resources")
    candidates += [_PACKAGE / "resources", _PACKAGE.parent / "resources"]
    for candidate in candidates:
        if (candidate / "content" / "questionnaire.toml").is_file():
            return candidate
    raise FileNotFoundError("resources not found in " + ", ".join(str(c) for c in candidates))


@functools.cache
def questionnaire() -> Questionnaire:
    """The questionnaire shipped with the program, loaded and checked once per process."""
    return Questionnaire.load(resources_dir() / "content")
