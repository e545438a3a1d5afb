"""Workspaces: one TinyDB file each in the data folder, opened one writer at a time.

Layout of the data folder (--data-dir, LIA_DATA_DIR, or the per-user application folder):

    workspaces/<name>.json        the workspaces
    workspaces/<name>.lock        held by the process that writes the workspace
    workspaces/<name>.index       its summary index (a cache, see index.py)
    backups/<name>/<name>.<UTC>.json   rotating backups
    set-aside/                    damaged files moved aside on recovery, deleted workspaces
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from lia_desktop.domain.content import Questionnaire
from lia_desktop.domain.model import now_utc
from lia_desktop.storage import index
from lia_desktop.storage.backups import Backups
from lia_desktop.storage.crypto import MAGIC, HeaderError, Sealer, WrongKey, is_encrypted
from lia_desktop.storage.documents import Documents
from lia_desktop.storage.errors import (
    DamagedWorkspace,
    LockUnavailable,
    NotEncrypted,
    RestoreWouldDecrypt,
    StoreWriteError,
    UnknownWorkspace,
    WorkspaceExists,
    WorkspaceInUse,
    WrongPassphrase,
)
from lia_desktop.storage.paths import DEFAULT_KEEP, DEFAULT_WORKSPACE, check_name, data_dir_from, default_data_dir
from lia_desktop.storage.repository import Repository
from lia_desktop.storage.rollback import HighWater
from lia_desktop.storage.safe_storage import (
    MemoryStorage,
    SafeStorage,
    atomic_write,
    describe_os_error,
    files_like,
    link_target,
    make_private_dir,
)

if TYPE_CHECKING:
    import filelock

__all__ = ["DEFAULT_WORKSPACE", "WorkspaceStore", "Workspaces", "data_dir_from", "default_data_dir"]

LOCK_TIMEOUT = 2.0


def acquire_lock(path: Path, timeout: float) -> filelock.BaseFileLock:
    """The one-writer lock of a workspace (waits up to `timeout` seconds), or WorkspaceInUse."""
    import filelock  # loaded by the first writer only: reading needs no lock

    lock = filelock.FileLock(path.with_suffix(".lock"), timeout=timeout, thread_local=False, mode=0o600)
    try:
        lock.acquire()
    except filelock.Timeout:
        raise WorkspaceInUse(path) from None
    except OSError as exc:  # a folder in its place, another user's lock file, a read-only folder
        raise LockUnavailable(path, lock.lock_file, describe_os_error(exc)) from None
    return lock


def _same_salt(backup: Path, path: Path) -> bool:
    """Whether two encrypted files were sealed with the same salt (so with the same passphrase)."""
    from lia_desktop.storage.crypto import HeaderError, check_header

    try:
        return check_header(backup.read_bytes()).salt == check_header(path.read_bytes()).salt
    except (OSError, HeaderError):
        return False


class WorkspaceStore:
    """An open workspace: its lock, its crash-safe storage, TinyDB and the repository."""

    def __init__(
        self,
        path: Path,
        questionnaire: Questionnaire,
        backups: Backups | None,
        read_only: bool = False,
        lock_timeout: float = LOCK_TIMEOUT,
        clock: Callable[[], str] = now_utc,
        passphrase: str | None = None,
    ) -> None:
        self.path = path
        self.read_only = read_only
        self.backups = backups
        self._backed_up = False
        self._lock: filelock.BaseFileLock | None = None
        if not read_only:
            self._lock = acquire_lock(path, lock_timeout)
        try:
            if not read_only:
                self._remove_stale_temporaries()
            try:
                index_file = index.index_path(path)
                reading = index.Reading(index_file) if index_file.exists() else None  # while the file is read
                storage = SafeStorage(path, read_only, self._before_write, passphrase, high_water=HighWater.of(path))
                self.encrypted = storage.encrypted
                self.documents = Documents(storage, questionnaire, None if self.encrypted else index_file, reading)
                self._check_meta(clock)
            except DamagedWorkspace as exc:
                raise DamagedWorkspace(path, exc.reason, backups.good(passphrase) if backups else []) from exc
            except WrongPassphrase as exc:
                # The backups tell a wrong passphrase from damage where the file cannot: a file of
                # version 1 has no check value, and a changed header (its check value or key
                # derivation) fails the check whatever the passphrase. When the passphrase opens
                # backups sealed with the file's own salt (a salt is made anew with every new
                # passphrase), it was right and the file is damaged.
                good = backups.good(passphrase) if backups else []
                if exc.certain:
                    good = [b for b in good if _same_salt(b, path)]
                if good:
                    raise DamagedWorkspace(path, "the encrypted data has been changed or damaged", good) from exc
                raise
        except BaseException:
            self._release()
            raise
        self.repository = Repository(self.documents, questionnaire, clock)

    @classmethod
    def in_memory(cls, questionnaire: Questionnaire, clock: Callable[[], str] = now_utc) -> WorkspaceStore:
        store = cls.__new__(cls)
        store.path = Path(":memory:")
        store.read_only = False
        store.backups = None
        store._backed_up = True
        store._lock = None
        store.encrypted = False
        store.documents = Documents(MemoryStorage(), questionnaire, None)
        store._check_meta(clock)
        store.repository = Repository(store.documents, questionnaire, clock)
        return store

    def _check_meta(self, clock: Callable[[], str]) -> None:
        """A new workspace gets its workspace record (an existing one was checked when its
        documents were opened: its record, and that every assessment migrates and loads)."""
        if self.documents.is_empty() and not self.read_only:
            from lia_desktop.storage.validation import META_TABLE, WORKSPACE_FORMAT, WORKSPACE_VERSION

            record = {"format": WORKSPACE_FORMAT, "version": WORKSPACE_VERSION, "created_at": clock()}
            self.documents.add([record], table=META_TABLE)

    def _remove_stale_temporaries(self) -> None:
        """Temporary files a crashed writer left; we hold the lock, so nobody else writes them."""
        for written in {self.path, link_target(self.path)}:  # a linked workspace is written beside its target
            for stale in files_like(written.parent, f".{written.name}.", ".tmp"):
                stale.unlink(missing_ok=True)

    def _before_write(self, path: Path) -> None:
        """Back up the file as it is before the first write of this session, and daily."""
        if self.backups is None or not path.exists():
            return
        if not self._backed_up or self.backups.is_due():
            try:
                self.backups.take(path)
            except OSError as exc:
                raise StoreWriteError(path, f"the backup could not be written: {describe_os_error(exc)}") from exc
            self._backed_up = True

    def _release(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def close(self) -> None:
        self._release()

    def __enter__(self) -> WorkspaceStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Workspaces:
    """The workspaces of one data folder."""

    def __init__(self, data_dir: Path, questionnaire: Questionnaire, keep_backups: int = DEFAULT_KEEP) -> None:
        self.root = data_dir
        self.folder = data_dir / "workspaces"
        self.backup_root = data_dir / "backups"
        self.set_aside = data_dir / "set-aside"
        self.questionnaire = questionnaire
        self.keep_backups = keep_backups

    def _ensure(self, folder: Path) -> None:
        try:
            make_private_dir(folder)
        except OSError as exc:
            raise StoreWriteError(folder, describe_os_error(exc)) from exc

    def path(self, name: str) -> Path:
        return self.folder / f"{check_name(name)}.json"

    def exists(self, name: str) -> bool:
        return self.path(name).exists()

    def names(self) -> list[str]:
        if not self.folder.is_dir():
            return []
        return sorted((p.stem for p in self.folder.glob("*.json") if not p.name.startswith(".")), key=str.casefold)

    def backups(self, name: str) -> Backups:
        name = check_name(name)
        return Backups(self.backup_root / name, name, self.keep_backups)

    def open(
        self,
        name: str = DEFAULT_WORKSPACE,
        create: bool = False,
        read_only: bool = False,
        lock_timeout: float = LOCK_TIMEOUT,
        passphrase: str | None = None,
    ) -> WorkspaceStore:
        """Open a workspace; with create, a new one is made (encrypted when a passphrase is given)."""
        path = self.path(name)
        if not path.exists():
            if not create or read_only:
                raise UnknownWorkspace(name)
            self._ensure(self.folder)
        store = WorkspaceStore(
            path, self.questionnaire, self.backups(name), read_only, lock_timeout, passphrase=passphrase
        )
        if not read_only:
            try:
                self._ensure(self.backup_root)  # private, also when an older version made it
            except BaseException:
                store.close()
                raise
        return store

    def is_encrypted(self, name: str) -> bool:
        return is_encrypted(_head(self.path(name)))

    def check_passphrase_use(self, name: str, passphrase: str | None) -> None:
        """NotEncrypted when a passphrase is given for a workspace that exists unencrypted."""
        head = _head(self.path(name))
        if passphrase is not None and head and not is_encrypted(head):
            raise NotEncrypted(self.path(name))

    @contextlib.contextmanager
    def _locked(self, path: Path) -> Iterator[None]:
        """Hold the workspace's writer lock without reading it (rename, delete, restore)."""
        lock = acquire_lock(path, LOCK_TIMEOUT)
        try:
            yield
        finally:
            lock.release()

    def create(self, name: str, passphrase: str | None = None) -> None:
        if self.exists(name):
            raise WorkspaceExists(name)
        self.open(name, create=True, passphrase=passphrase).close()

    def _stamp(self) -> str:
        return _dt.datetime.now(_dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")

    def rename(self, old: str, new: str) -> None:
        new = check_name(new)
        source, target = self.path(old), self.path(new)
        if not source.exists():
            raise UnknownWorkspace(old)
        if target.exists() and source.name.casefold() != target.name.casefold():
            raise WorkspaceExists(new)
        with self._locked(source):
            try:
                os.replace(source, target)
                HighWater.of(source).move_to(target)
                with contextlib.suppress(FileNotFoundError):  # the index describes the file, whatever its name
                    os.replace(index.index_path(source), index.index_path(target))
                old_backups = self.backup_root / check_name(old)
                if old_backups.is_dir():
                    new_backups = self.backup_root / new
                    self._ensure(new_backups)
                    for backup in Backups(old_backups, check_name(old)).list():
                        suffix = backup.path.name[len(check_name(old)) :]
                        os.replace(backup.path, new_backups / f"{new}{suffix}")
            except OSError as exc:
                raise StoreWriteError(source, describe_os_error(exc)) from exc

    def delete(self, name: str) -> Path:
        """Move the workspace out of the list into set-aside/ (nothing is destroyed); returns where."""
        source = self.path(name)
        if not source.exists():
            raise UnknownWorkspace(name)
        with self._locked(source):
            self._ensure(self.set_aside)
            target = self.set_aside / f"{source.stem}.deleted-{self._stamp()}.json"
            try:
                os.replace(source, target)
            except OSError as exc:
                raise StoreWriteError(source, describe_os_error(exc)) from exc
            HighWater.of(source).forget()
            index.forget(index.index_path(source))  # it names the assessments: it goes with them
        return target

    def restore(self, name: str, backup: Path, passphrase: str | None = None) -> Path | None:
        """Put `backup` in place of the workspace; the current file is kept aside, never overwritten.

        Works on a damaged workspace too (that is what it is for). Returns where the replaced
        file was kept, or None when there was none.
        """
        target = self.path(name)
        self._ensure(self.folder)
        with self._locked(target):
            return self._restore_locked(target, backup, passphrase)

    def _restore_locked(self, target: Path, backup: Path, passphrase: str | None) -> Path | None:
        try:
            Backups.check(backup, passphrase)
            data = backup.read_bytes()
            if not is_encrypted(data):
                if is_encrypted(_head(target)):
                    if passphrase is None:  # never drop the encryption without being asked
                        raise RestoreWouldDecrypt(target, backup)
                    data = self._sealed_like(target, data, passphrase)
                elif passphrase is not None:
                    raise NotEncrypted(backup)
            kept = self._set_aside(target)
            index.forget(index.index_path(target))
            atomic_write(link_target(target), data)
        except OSError as exc:
            raise StoreWriteError(target, describe_os_error(exc)) from exc
        self._mark_restored(target, data, passphrase)
        return kept

    @staticmethod
    def _sealed_like(target: Path, plaintext: bytes, passphrase: str) -> bytes:
        """A plaintext backup sealed as the encrypted workspace it replaces (its salt, the
        passphrase checked against it), or as a new one when its header is gone."""
        try:
            sealer = Sealer.for_file(target.read_bytes(), passphrase).upgraded(passphrase)
        except WrongKey:
            raise WrongPassphrase(target, certain=True) from None
        except (HeaderError, OSError):
            sealer = Sealer.new(passphrase)
        return sealer.seal(plaintext, HighWater.of(target).seen(sealer.info.salt) + 1)

    def _set_aside(self, target: Path) -> Path | None:
        """Keep the file being replaced in set-aside/ (a link's target is copied, the link stays)."""
        if not target.exists():
            return None
        self._ensure(self.set_aside)
        kept = self.set_aside / f"{target.stem}.replaced-{self._stamp()}.json"
        if target.is_symlink():
            atomic_write(kept, target.read_bytes())
        else:
            os.replace(target, kept)
        return kept

    @staticmethod
    def _mark_restored(target: Path, data: bytes, passphrase: str | None) -> None:
        """A restore goes back on purpose: the rollback mark follows the restored file."""
        mark = HighWater.of(target)
        if not is_encrypted(data) or passphrase is None:
            mark.forget()
            return
        sealer = Sealer.for_file(data, passphrase)
        mark.set(sealer.info.salt, sealer.open(data)[0])


def _head(path: Path) -> bytes:
    """The first bytes of a file (enough to see whether it is encrypted), b"" when there is none."""
    try:
        with path.open("rb") as handle:
            return handle.read(len(MAGIC))
    except OSError:
        return b""
