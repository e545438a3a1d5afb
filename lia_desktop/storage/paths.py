"""Where the data folder is (the one place that knows the OS), the default workspace's name, the
names a workspace may have (they become file names), and how many backups of a workspace are
kept unless the settings say otherwise.

Kept apart from workspace.py so that the window can find its data folder, and show itself,
before the storage is loaded.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

from lia_desktop import APP_NAME
from lia_desktop.storage.errors import BadWorkspaceName

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


MAX_NAME = 80
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}


def check_name(name: str) -> str:
    """The name, normalised (NFC, trimmed), or BadWorkspaceName saying why it cannot be used."""
    name = unicodedata.normalize("NFC", name).strip()
    if not name:
        raise BadWorkspaceName(name, "it is empty")
    if len(name) > MAX_NAME:
        raise BadWorkspaceName(name, f"it is longer than {MAX_NAME} characters")
    if _FORBIDDEN.search(name):
        raise BadWorkspaceName(name, 'it contains one of < > : " / \\ | ? * or a control character')
    if name.startswith(".") or name.endswith("."):
        raise BadWorkspaceName(name, "it starts or ends with a dot")
    if name.split(".")[0].casefold() in _RESERVED:
        raise BadWorkspaceName(name, "Windows reserves that name")
    return name
