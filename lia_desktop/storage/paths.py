"""Where the data folder is (the one place that knows the OS), the default workspace's name, and
how many backups of a workspace are kept unless the settings say otherwise.

Kept apart from workspace.py so that the window can find its data folder, and show itself,
before the storage is loaded.
"""

from __future__ import annotations

import os
from pathlib import Path

from lia_desktop import APP_NAME

DEFAULT_WORKSPACE = "default"
DEFAULT_KEEP = 10  # backups (see backups.py)


def default_data_dir() -> Path:
    """The platform's per-user application data folder."""
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=True))


def data_dir_from(argument: str | None) -> Path:
    """--data-dir, else LIA_DATA_DIR, else the platform folder."""
    chosen = argument or os.environ.get("LIA_DATA_DIR")
    return Path(chosen).expanduser() if chosen else default_data_dir()
