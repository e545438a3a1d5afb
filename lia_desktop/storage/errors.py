"""Expected failures of storage and exchange, each with a message that says what to do.

The command line prints `str(error)` on one line; the window shows it in a dialog. The
messages are in English here; the user interface maps each class to its own translated
text and uses the attributes (path, name, backups) to fill it in.
"""

from __future__ import annotations

from pathlib import Path


class LiaError(Exception):
    """A failure the user can understand and act on (no traceback needed)."""


class WorkspaceInUse(LiaError):
    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            f"workspace {path} is in use by another copy of LIA Desktop (or the command line); "
            "close it there and try again"
        )


class LockUnavailable(LiaError):
    def __init__(self, path: Path, lock: str, reason: str) -> None:
        self.path = path
        self.lock = lock
        self.reason = reason
        super().__init__(
            f"workspace {path} cannot be locked for writing: {lock} cannot be used ({reason}); "
            "check that the data folder is yours and writable"
        )


class DamagedWorkspace(LiaError):
    def __init__(self, path: Path, reason: str, backups: list[Path] | None = None) -> None:
        self.path = path
        self.reason = reason
        self.backups = backups or []
        hint = (
            f"the newest good backup is {self.backups[0]}; restore it (the damaged file is kept aside)"
            if self.backups
            else "no good backup was found; the file has not been changed"
        )
        super().__init__(f"workspace {path} is damaged ({reason}); {hint}")


class StoreWriteError(LiaError):
    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"could not save {path} ({reason}); the previous version is unchanged")


class ReadOnlyWorkspace(LiaError):
    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"workspace {path} was opened read-only")


class UnknownWorkspace(LiaError):
    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(f"there is no workspace named {name!r}; 'lia-desktop workspaces' lists them")


class BadWorkspaceName(LiaError):
    def __init__(self, name: str, reason: str) -> None:
        self.name = name
        super().__init__(f"{name!r} cannot be a workspace name: {reason}")


class WorkspaceExists(LiaError):
    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(f"a workspace named {name!r} exists already; choose another name")


class NotFound(LiaError):
    def __init__(self, key: str, detail: str = "") -> None:
        self.key = key
        super().__init__(f"no assessment {key!r} in this workspace{detail}; 'lia-desktop list' shows the ids")


class DuplicateId(LiaError):
    def __init__(self, assessment_id: str, source: str) -> None:
        self.assessment_id = assessment_id
        self.source = source
        super().__init__(
            f"{source}: an assessment with id {assessment_id} is already in this workspace; "
            "nothing was imported (use --as-copy to import it as a new assessment)"
        )


class BadExchangeFile(LiaError):
    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}; nothing was imported")


class OutputError(LiaError):
    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"cannot write {path}: {reason}; choose another place")


class BadLogo(LiaError):
    """The logo chosen in the settings cannot be read as an image."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"the logo {path} cannot be read ({reason}); choose a PNG or JPEG file in the settings")


class PassphraseRequired(LiaError):
    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"workspace {path} is encrypted; give its passphrase (--passphrase-file FILE)")


class WrongPassphrase(LiaError):
    """`certain`: the passphrase does not match the file's check value. Otherwise (a file of
    version 1) the file may as well be damaged."""

    def __init__(self, path: Path, certain: bool = False) -> None:
        self.path = path
        self.certain = certain
        what = "the passphrase is wrong" if certain else "wrong passphrase, or the file was changed"
        super().__init__(f"workspace {path} cannot be opened with this passphrase ({what}); nothing was changed")


class NotEncrypted(LiaError):
    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            f"{path} is not encrypted, so a passphrase is not used; leave it out "
            "(a passphrase encrypts a workspace when it is created)"
        )


class RestoreWouldDecrypt(LiaError):
    def __init__(self, path: Path, backup: Path) -> None:
        self.path = path
        self.backup = backup
        super().__init__(
            f"workspace {path} is encrypted and {backup} is not; give the workspace's passphrase and the "
            "backup is restored encrypted; nothing was changed"
        )


class RolledBack(LiaError):
    def __init__(self, path: Path, found: int, seen: int) -> None:
        self.path = path
        self.found = found
        self.seen = seen
        super().__init__(
            f"workspace {path} is older than the version last saved on this computer (save {found}, "
            f"last seen {seen}): an older copy may have been put in its place; nothing was changed "
            "(to go back to an older version on purpose, restore it)"
        )
