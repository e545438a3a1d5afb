"""The user's settings, kept as settings.json in the data folder (shared by window and CLI).

Window geometry and other screen state live in QSettings; what changes the records (the
consultant's name and logo on the PDF, paper size, review period, backups) lives here, so
the command line prints the same PDF as the window.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from lia_desktop.domain.model import LANGUAGES
from lia_desktop.export.text_safety import typed
from lia_desktop.storage.errors import LiaError
from lia_desktop.storage.paths import DEFAULT_KEEP

FILE_NAME = "settings.json"
ROLES = ("owner", "consultant")  # assessing for one's own organisation, or for clients


@dataclass
class Settings:
    language: str = "nl"
    consultant: str = ""
    firm: str = ""
    logo: str = ""
    paper: str = "a4"
    review_months: int = 12
    backups: int = DEFAULT_KEEP
    user_name: str = ""
    role: str = ""  # one of ROLES, or "" while the user has not said

    @property
    def is_consultant(self) -> bool:
        return self.role == "consultant"

    def branding(self) -> tuple[str, str, str]:
        """The consultant's name, firm and logo for the PDF: a business assessing its own
        activity ("owner") prints none of them, though they stay kept for a change of role."""
        if self.role == "owner":
            return "", "", ""
        return self.consultant, self.firm, self.logo

    def normalised(self) -> Settings:
        """The same settings with every value forced into its allowed range."""
        return Settings(
            language=self.language if self.language in LANGUAGES else "nl",
            consultant=typed(str(self.consultant))[:200],
            firm=typed(str(self.firm))[:200],
            logo=str(self.logo),
            paper=self.paper if self.paper in ("a4", "letter") else "a4",
            review_months=min(max(int(self.review_months), 1), 36),
            backups=min(max(int(self.backups), 1), 100),
            user_name=typed(str(self.user_name))[:200],
            role=self.role if self.role in ROLES else "",
        )


def system_language(environ: Mapping[str, str] | None = None) -> str | None:
    """The language of the locale variables (LC_ALL, LC_MESSAGES, LANG, in that order of
    precedence): one of ours, else English; None when none of them is set."""
    environ = os.environ if environ is None else environ
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        prefix = environ.get(variable, "")[:2].lower()
        if prefix:
            return prefix if prefix in LANGUAGES else "en"
    return None


def exists(data_dir: Path) -> bool:
    """Whether the settings were ever saved: their absence means the program's first start."""
    return (data_dir / FILE_NAME).exists()


def load(data_dir: Path) -> Settings:
    """The settings, or the defaults when there is no file. A damaged file gives the defaults
    too (settings are not records: nothing is lost), and is left for the user to inspect."""
    path = data_dir / FILE_NAME
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Settings()
    if not isinstance(raw, dict):
        return Settings()
    known = {f.name for f in fields(Settings)}
    values: dict[str, Any] = {k: v for k, v in raw.items() if k in known}
    try:
        return Settings(**values).normalised()
    except (TypeError, ValueError):
        return Settings()


def save(data_dir: Path, settings: Settings) -> None:
    from lia_desktop.storage.safe_storage import atomic_write, describe_os_error, make_private_dir

    try:
        make_private_dir(data_dir, tighten=False)
        payload = json.dumps(asdict(settings.normalised()), ensure_ascii=False, indent=2) + "\n"
        atomic_write(data_dir / FILE_NAME, payload.encode("utf-8"))
    except OSError as exc:
        raise LiaError(f"could not save the settings in {data_dir}: {describe_os_error(exc)}") from None
