"""Rotating backups of a workspace file: taken before the first write of a session and daily."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from pathlib import Path

from lia_desktop.storage.errors import LiaError
from lia_desktop.storage.safe_storage import atomic_write, load_validated

DEFAULT_KEEP = 10
_STAMP = "%Y%m%dT%H%M%S%fZ"


@dataclass(frozen=True)
class Backup:
    path: Path
    taken_at: _dt.datetime


class Backups:
    """The backups of one workspace: <folder>/<stem>.<UTC timestamp>.json, newest kept."""

    def __init__(self, folder: Path, stem: str, keep: int = DEFAULT_KEEP) -> None:
        if keep < 1:
            raise ValueError("keep at least one backup")
        self.folder = folder
        self.stem = stem
        self.keep = keep

    def list(self) -> list[Backup]:
        """All backups, newest first."""
        found = []
        if self.folder.is_dir():
            for path in self.folder.glob(f"{self.stem}.*.json"):
                stamp = path.name[len(self.stem) + 1 : -len(".json")]
                try:
                    taken = _dt.datetime.strptime(stamp, _STAMP).replace(tzinfo=_dt.UTC)
                except ValueError:
                    continue
                found.append(Backup(path, taken))
        return sorted(found, key=lambda b: b.taken_at, reverse=True)

    def good(self, passphrase: str | None = None) -> list[Path]:
        """Backups that load and validate, newest first (encrypted ones without the passphrase:
        only their header can be checked)."""
        good = []
        for backup in self.list():
            try:
                load_validated(backup.path, passphrase)
            except LiaError:
                continue
            good.append(backup.path)
        return good

    def is_due(self, now: _dt.datetime | None = None) -> bool:
        """True when the newest backup is a day old or older (or there is none)."""
        backups = self.list()
        now = now or _dt.datetime.now(_dt.UTC)
        return not backups or now - backups[0].taken_at >= _dt.timedelta(days=1)

    def take(self, source: Path, now: _dt.datetime | None = None) -> Backup | None:
        """Copy `source` into a new backup and drop the oldest beyond `keep`."""
        if not source.exists():
            return None
        now = now or _dt.datetime.now(_dt.UTC)
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        target = self.folder / f"{self.stem}.{now.strftime(_STAMP)}.json"
        atomic_write(target, source.read_bytes())
        for old in self.list()[self.keep :]:
            old.path.unlink(missing_ok=True)
        return Backup(target, now)
