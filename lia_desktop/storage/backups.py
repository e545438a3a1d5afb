"""Backups of a workspace file: taken before the first write of a session and daily.

Which are kept (see README, "Backups"): the newest `keep` (the last sessions), and besides
those the newest of each of the last DAYS days and the newest of each of the last MONTHS
months, so that a busy day cannot push out last week's or last month's state.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from pathlib import Path

from lia_desktop.storage.errors import DamagedWorkspace, LiaError
from lia_desktop.storage.paths import DEFAULT_KEEP
from lia_desktop.storage.safe_storage import atomic_write, files_like, load_validated, make_private_dir

DAYS = 7
MONTHS = 12
_STAMP = "%Y%m%dT%H%M%S%fZ"


@dataclass(frozen=True)
class Backup:
    path: Path
    taken_at: _dt.datetime


def _month(moment: _dt.datetime) -> int:
    return moment.year * 12 + moment.month - 1


def retained(backups: list[Backup], keep: int, now: _dt.datetime) -> set[Path]:
    """The backups to keep of `backups` (newest first): the newest `keep`, the newest of each of
    the last DAYS days and the newest of each of the last MONTHS months (UTC)."""
    kept = {b.path for b in backups[:keep]}
    days: set[_dt.date] = set()
    months: set[int] = set()
    for backup in backups:
        day, month = backup.taken_at.date(), _month(backup.taken_at)
        if (now.date() - day).days < DAYS and day not in days:
            days.add(day)
            kept.add(backup.path)
        if _month(now) - month < MONTHS and month not in months:
            months.add(month)
            kept.add(backup.path)
    return kept


class Backups:
    """The backups of one workspace: <folder>/<stem>.<UTC timestamp>.json."""

    def __init__(self, folder: Path, stem: str, keep: int = DEFAULT_KEEP) -> None:
        if keep < 1:
            raise ValueError("keep at least one backup")
        self.folder = folder
        self.stem = stem
        self.keep = keep

    def list(self) -> list[Backup]:
        """All backups, newest first."""
        found = []
        for path in files_like(self.folder, f"{self.stem}.", ".json"):
            stamp = path.name[len(self.stem) + 1 : -len(".json")]
            try:
                taken = _dt.datetime.strptime(stamp, _STAMP).replace(tzinfo=_dt.UTC)
            except ValueError:
                continue
            found.append(Backup(path, taken))
        return sorted(found, key=lambda b: b.taken_at, reverse=True)

    @staticmethod
    def check(path: Path, passphrase: str | None = None) -> None:
        """Raise LiaError unless the backup would open as a workspace: the file, its workspace
        record and every assessment in it (encrypted without the passphrase: the header only)."""
        from lia_desktop.storage.validation import workspace_problem

        data = load_validated(path, passphrase)
        problem = workspace_problem(data) if data else None
        if problem:
            raise DamagedWorkspace(path, problem)

    def good(self, passphrase: str | None = None) -> list[Path]:
        """Backups that would open as a workspace, newest first."""
        good = []
        for backup in self.list():
            try:
                self.check(backup.path, passphrase)
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
        """Copy `source` into a new backup and drop those the scheme no longer keeps."""
        if not source.exists():
            return None
        now = now or _dt.datetime.now(_dt.UTC)
        make_private_dir(self.folder)
        target = self.folder / f"{self.stem}.{now.strftime(_STAMP)}.json"
        atomic_write(target, source.read_bytes())
        backups = self.list()
        keep = retained(backups, self.keep, now)
        for old in backups:
            if old.path not in keep:
                old.path.unlink(missing_ok=True)
        return Backup(target, now)
