"""Crash-safe storage of a workspace file: validate on open, write atomically, never rewrite in place.

TinyDB's own JSONStorage truncates and rewrites the live file; a crash, a power cut or a full
disk half-way destroys the database, and it opens a damaged or empty file without complaint.
This storage instead:

* reads the whole file (decrypting it where it is encrypted) when it is opened; what is in it
  is checked by the documents layer (documents.py), which raises DamagedWorkspace for an
  empty, truncated, non-JSON, BOM-prefixed or wrong-shape file, and never writes over such a
  file;
* writes by putting the bytes in a temporary file in the same folder, fsync, atomic replace,
  and fsync of the folder, so the file on disk is always either the old or the new version;
* creates files readable by the owner only.

The file stays a TinyDB database ({table: {doc_id: document}}), which TinyDB itself can open.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lia_desktop.storage.crypto import HeaderError, Sealer, SealError, WrongKey, check_header, is_encrypted
from lia_desktop.storage.errors import (
    DamagedWorkspace,
    NotEncrypted,
    PassphraseRequired,
    ReadOnlyWorkspace,
    RolledBack,
    StoreWriteError,
    WrongPassphrase,
)

if TYPE_CHECKING:
    from lia_desktop.storage.rollback import HighWater

_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is exceeded",
    errno.EACCES: "permission denied",
    errno.EROFS: "the disk is read-only",
}


def describe_os_error(exc: OSError) -> str:
    return _REASONS.get(exc.errno or 0, exc.strerror or str(exc))


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":  # Windows cannot open a folder for fsync; NTFS journals the rename
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _create_temporary(path: Path) -> tuple[int, Path]:
    """A new temporary file beside `path`, created exclusively under an unpredictable name.

    O_EXCL and O_NOFOLLOW: a file or link planted under the name (in a shared folder, say) is
    never opened or followed, so no other file can be overwritten through it.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    for _attempt in range(100):
        tmp = path.with_name(f".{path.name}.{os.urandom(8).hex()}.tmp")
        try:
            return os.open(tmp, flags, 0o600), tmp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(path.parent))


def atomic_write(path: Path, data: bytes, durable: bool = True) -> None:
    """Replace `path` by `data` so that a crash leaves either the old or the new file.

    A link at `path` itself is replaced, not written through (see write_through_link for the
    workspace, whose link the user made on purpose). Without `durable` nothing is flushed to the
    disk (for a cache that is checked when it is read: after a power cut it may be old or gone,
    never half of one and half of the other as the program sees it).
    """
    fd, tmp = _create_temporary(path)
    try:
        try:
            _write_all(fd, data)
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
        if durable:
            _fsync_folder(path.parent)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def files_like(folder: Path, prefix: str, suffix: str) -> list[Path]:
    """The files in `folder` named prefix + something + suffix.

    Not Path.glob: a workspace name may hold glob characters ("client [1]"), which a pattern
    built from it would read as a character class and match nothing.
    """
    try:
        names = [entry.name for entry in os.scandir(folder)]
    except OSError:
        return []
    return [
        folder / name
        for name in names
        if len(name) > len(prefix) + len(suffix) and name.startswith(prefix) and name.endswith(suffix)
    ]


def link_target(path: Path) -> Path:
    """Where a write to `path` must go: the file a link points to (a workspace the user keeps in
    a synced folder, say), else `path` itself."""
    return path.resolve() if path.is_symlink() else path


def make_private_dir(folder: Path, tighten: bool = True) -> None:
    """Make `folder` and its missing parents readable by the owner only, whatever the umask.

    With `tighten`, an existing `folder` that others may read is made private too: for the
    data folder's own folders (workspaces/, backups/..., whose file names name clients), not
    for a folder the user chose.
    """
    missing = []
    current = folder
    while not current.exists() and current.parent != current:
        missing.append(current)
        current = current.parent
    for made in reversed(missing):
        with contextlib.suppress(FileExistsError):
            made.mkdir(mode=0o700)
    if os.name != "posix":  # Windows: the user's profile folder is private already
        return
    for made in missing:
        made.chmod(0o700)
    mode = stat.S_IMODE(folder.stat().st_mode)
    if tighten and mode & 0o077:
        folder.chmod(mode & 0o700)


def check_shape(data: Any) -> str | None:
    """Why `data` is not a TinyDB database ({table: {doc_id: {...}}}), or None when it is."""
    if not isinstance(data, dict):
        return f"the top level is a {type(data).__name__}, not an object"
    for table, docs in data.items():
        if not isinstance(docs, dict):
            return f"table {table!r} is a {type(docs).__name__}, not an object"
        for doc_id, doc in docs.items():
            if not doc_id.isdigit():
                return f"table {table!r} has a document id {doc_id!r} that is not a number"
            if not isinstance(doc, dict):
                return f"document {doc_id} of table {table!r} is not an object"
    return None


@contextlib.contextmanager
def paused_gc(freeze: bool = False) -> Iterator[None]:
    """Pause Python's cycle collector while a large workspace is turned into objects.

    Parsing 1,000 assessments makes hundreds of thousands of objects, which set off several
    full collections that can find nothing (JSON data has no cycles); pausing them halves the
    time to open a large workspace. Freed memory is unaffected: reference counting goes on.

    With `freeze` (a workspace read once, to be kept while it is open), what was made is set
    aside from the collector before it runs again: its first collections would otherwise scan
    every one of those objects in vain. Not for work repeated after every write: frozen objects
    are never collected, so a cycle that is garbage when frozen would stay for good.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if freeze:
                gc.freeze()
            gc.enable()


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise DamagedWorkspace(path, f"cannot be read: {describe_os_error(exc)}") from exc


def read_workspace(path: Path, passphrase: str | None = None) -> dict[str, Any]:
    """Read, decrypt where needed, and validate the shape of a workspace file."""
    raw = read_plain(path, passphrase)[0]
    with paused_gc(freeze=True):
        return parse_validated(raw, path)


def read_plain(path: Path, passphrase: str | None = None) -> tuple[bytes, Sealer | None, int]:
    """Read and decrypt where needed a workspace file.

    Returns its JSON, and for an encrypted workspace the sealer that writes it back and the save
    counter sealed in it (0 otherwise).
    """
    raw = _read(path)
    sealer, counter = None, 0
    if is_encrypted(raw):
        if passphrase is None:
            raise PassphraseRequired(path)
        try:
            sealer = Sealer.for_file(raw, passphrase)
            counter, raw = sealer.open(raw)
        except HeaderError as exc:
            raise DamagedWorkspace(path, str(exc)) from None
        except WrongKey:
            raise WrongPassphrase(path, certain=True) from None
        except SealError as exc:
            if sealer.info.check is None:  # version 1: a wrong passphrase looks the same
                raise WrongPassphrase(path, certain=False) from None
            raise DamagedWorkspace(path, str(exc)) from None
    return raw, sealer, counter


def load_validated(path: Path, passphrase: str | None = None) -> dict[str, Any]:
    """Validate a workspace or backup file; DamagedWorkspace (without backups) when it is bad.

    An encrypted file without its passphrase can only have its header checked: it returns {}.
    """
    raw = _read(path)
    if is_encrypted(raw) and passphrase is None:
        try:
            check_header(raw)
        except HeaderError as exc:
            raise DamagedWorkspace(path, str(exc)) from None
        return {}
    return read_workspace(path, passphrase)


def parse_validated(raw: bytes, path: Path) -> dict[str, Any]:
    """Parse and check the shape of a workspace's JSON."""
    if not raw.strip():
        raise DamagedWorkspace(path, "the file is empty" if not raw else "the file holds only blanks")
    if raw.startswith(b"\xef\xbb\xbf"):
        raise DamagedWorkspace(path, "the file starts with a byte order mark, so another program has rewritten it")
    import orjson  # loaded with the first workspace: the window is shown before

    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise DamagedWorkspace(path, f"not valid JSON, possibly cut off: {exc}") from exc
    problem = check_shape(data)
    if problem:
        raise DamagedWorkspace(path, problem)
    return data


class SafeStorage:
    """One workspace file, read whole and written whole; see the module docstring."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        read_only: bool = False,
        before_write: Callable[[Path], None] | None = None,
        passphrase: str | None = None,
        high_water: HighWater | None = None,
    ) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.before_write = before_write
        self.high_water = high_water
        self._passphrase = passphrase
        self._raw: bytes | None = None
        self._sealer: Sealer | None = None
        self._counter = 0
        if self.path.exists():
            self._raw, self._sealer, self._counter = read_plain(self.path, passphrase)
            if passphrase is not None and self._sealer is None:
                parse_validated(self._raw, self.path)  # a damaged file is told as damaged first
                raise NotEncrypted(self.path)
            self._check_rollback()
        elif passphrase:  # a new workspace named with a passphrase is created encrypted
            self._sealer = Sealer.new(passphrase)

    def _check_rollback(self) -> None:
        if self._sealer is None or self.high_water is None:
            return
        seen = self.high_water.seen(self._sealer.info.salt)
        if self._counter < seen:
            raise RolledBack(self.path, self._counter, seen)
        self.high_water.raise_to(self._sealer.info.salt, self._counter)

    @property
    def encrypted(self) -> bool:
        return self._sealer is not None

    def read_bytes(self) -> bytes | None:
        """The file's JSON as read when it was opened (decrypted), None when there was no file.
        Handed out once: the documents layer keeps it from then on."""
        raw, self._raw = self._raw, None
        return raw

    def write_bytes(self, payload: bytes) -> None:
        if self.read_only:
            raise ReadOnlyWorkspace(self.path)
        sealer = self._sealer
        try:
            if sealer is not None:
                assert self._passphrase is not None
                sealer = sealer.upgraded(self._passphrase)  # today's version and strength
                payload = sealer.seal(payload, self._counter + 1)
            if self.before_write is not None:
                self.before_write(self.path)
            atomic_write(link_target(self.path), payload)
        except OSError as exc:
            raise StoreWriteError(self.path, describe_os_error(exc)) from exc
        if sealer is not None:
            self._sealer = sealer
            self._counter += 1
            if self.high_water is not None:
                self.high_water.set(sealer.info.salt, self._counter)


class MemoryStorage:
    """The same contract in memory, for tests and for previews that must not touch disk."""

    path = Path(":memory:")

    def __init__(self, read_only: bool = False) -> None:
        self.read_only = read_only
        self.encrypted = False
        self.payload: bytes | None = None

    def read_bytes(self) -> bytes | None:
        return self.payload

    def write_bytes(self, payload: bytes) -> None:
        if self.read_only:
            raise ReadOnlyWorkspace(self.path)
        self.payload = payload
