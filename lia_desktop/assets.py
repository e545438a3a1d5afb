"""Where the resources/ folder is: in a checkout, an installed wheel or a frozen build.

This is the one lookup: everything the program ships (content, schema, examples, fonts,
icons) is found through `resources_dir()`.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path

from lia_desktop.domain.content import Questionnaire
from lia_desktop.domain.model import LANGUAGES

_PACKAGE = Path(__file__).resolve().parent

# The app icon: resources/icons/lia-desktop.svg is the source; scripts/make_icons.py renders
# these PNG sizes from it, and the Windows .ico and macOS .icns.
ICON_NAME = "lia-desktop"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def _candidates() -> list[Path]:
    candidates = []
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:  # a PyInstaller build: resources/ sits in the bundle's own folder
        candidates.append(Path(frozen) / "resources")
    # an installed wheel (resources/ is installed as lia_desktop/resources), then a checkout
    candidates += [_PACKAGE / "resources", _PACKAGE.parent / "resources"]
    return candidates


def resources_dir() -> Path:
    """The resources folder; raises FileNotFoundError naming the places looked at."""
    candidates = _candidates()
    for candidate in candidates:
        if (candidate / "content" / "questionnaire.toml").is_file():
            return candidate
    raise FileNotFoundError("resources not found in " + ", ".join(str(c) for c in candidates))


def icon_files() -> list[Path]:
    """The app icon's PNG files, smallest first."""
    folder = resources_dir() / "icons"
    return [folder / f"{ICON_NAME}-{size}.png" for size in ICON_SIZES]


@functools.cache
def questionnaire() -> Questionnaire:
    """The questionnaire shipped with the program, loaded and checked once per process (its
    files parsed once and cached, see content_cache.py)."""
    from lia_desktop.content_cache import parsed_content

    parsed = parsed_content(resources_dir() / "content")
    texts = {lang: parsed[f"text.{lang}.toml"] for lang in LANGUAGES}
    return Questionnaire(parsed["questionnaire.toml"], parsed["rules.toml"], texts, parsed["channels.toml"])
