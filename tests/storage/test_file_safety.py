"""Files and folders under attack: planted links, linked workspaces, loose permissions, odd lock files."""

from __future__ import annotations

import json
import os
import stat

import pytest

from lia_desktop.export.output import write_output
from lia_desktop.storage.errors import DamagedWorkspace, LiaError, WorkspaceInUse
from lia_desktop.storage.workspace import Workspaces
from tests.conftest import make_assessment


def test_a_planted_temporary_link_is_never_followed(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"SECRET")
    pid = os.getpid()
    for guess in range(pid - 50, pid + 50):  # every name the writer could predict
        (shared / f".record.pdf.{guess}.tmp").symlink_to(victim)
    write_output(shared / "record.pdf", b"%PDF-1.4 the record")
    assert victim.read_bytes() == b"SECRET"
    assert not (shared / "record.pdf").is_symlink()
    assert (shared / "record.pdf").read_bytes() == b"%PDF-1.4 the record"


def test_an_export_replaces_a_planted_link_instead_of_writing_through_it(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"SECRET")
    (tmp_path / "record.pdf").symlink_to(victim)
    write_output(tmp_path / "record.pdf", b"%PDF-1.4")
    assert victim.read_bytes() == b"SECRET"
    assert not (tmp_path / "record.pdf").is_symlink()


def test_a_workspace_that_is_a_link_keeps_feeding_its_target(spaces, tmp_path):
    with spaces.open("client", create=True) as store:
        store.repository.add(make_assessment(title="first"))
    synced = tmp_path / "synced"
    synced.mkdir()
    target = synced / "client.json"
    os.replace(spaces.path("client"), target)
    spaces.path("client").symlink_to(target)
    with spaces.open("client") as store:
        store.repository.add(make_assessment(title="second"))
    assert spaces.path("client").is_symlink()
    titles = {doc["title"] for doc in json.loads(target.read_text(encoding="utf-8"))["assessments"].values()}
    assert titles == {"first", "second"}
    assert not list(spaces.folder.glob(".*.tmp")) and not list(synced.glob(".*.tmp"))
    newest = spaces.backups("client").list()[0].path  # the state before this session, a plain copy
    assert not newest.is_symlink() and b"first" in newest.read_bytes() and b"second" not in newest.read_bytes()


@pytest.fixture
def loose_umask():
    old = os.umask(0)
    yield
    os.umask(old)


def test_every_folder_of_the_data_folder_is_private_under_any_umask(tmp_path, questionnaire, loose_umask):
    root = tmp_path / "new" / "data"
    spaces = Workspaces(root, questionnaire)
    for _session in range(2):  # the second session takes a backup
        with spaces.open("client", create=True) as store:
            store.repository.add(make_assessment())
    spaces.delete("client")
    for folder in (root, root / "workspaces", root / "backups", root / "backups" / "client", root / "set-aside"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder


def test_a_loose_folder_of_our_own_is_tightened(tmp_path, questionnaire):
    root = tmp_path / "data"
    (root / "backups").mkdir(parents=True)
    (root / "backups").chmod(0o755)  # made by an older version under umask 022
    spaces = Workspaces(root, questionnaire)
    for _session in range(2):
        with spaces.open("client", create=True) as store:
            store.repository.add(make_assessment())
    assert stat.S_IMODE((root / "backups").stat().st_mode) == 0o700


def test_a_folder_in_place_of_the_lock_file_is_a_clear_error(spaces):
    spaces.open("client", create=True).close()
    (spaces.folder / "client.lock").unlink(missing_ok=True)
    (spaces.folder / "client.lock").mkdir()
    with pytest.raises(LiaError, match="cannot be locked") as caught:
        spaces.open("client")
    assert not isinstance(caught.value, WorkspaceInUse)
    with spaces.open("client", read_only=True):  # reading needs no lock
        pass


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root may write anywhere")
def test_a_read_only_data_folder_is_a_clear_error(spaces):
    with spaces.open("client", create=True) as store:
        store.repository.add(make_assessment())
    (spaces.folder / "client.lock").unlink()
    spaces.folder.chmod(0o500)
    try:
        with pytest.raises(LiaError, match="permission denied"):
            spaces.open("client")
    finally:
        spaces.folder.chmod(0o700)


def test_a_lock_file_that_cannot_be_opened_is_a_clear_error(spaces, monkeypatch):
    """A lock file left by another user (after one `sudo lia-desktop`): opening it is refused."""
    import errno

    import filelock

    spaces.open("client", create=True).close()

    def refused(self, *args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(self.lock_file))

    monkeypatch.setattr(filelock.FileLock, "acquire", refused)
    with pytest.raises(LiaError, match="cannot be locked.*permission denied"):
        spaces.open("client")


@pytest.mark.parametrize("version", ["x", None, [1], 1.5, True])
def test_a_workspace_record_with_a_strange_version_is_damaged(spaces, version):
    path = spaces.path("client")
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"workspace": {"1": {"format": "lia-workspace", "version": version}}}))
    with pytest.raises(DamagedWorkspace, match="version"):
        spaces.open("client", read_only=True)


def test_restoring_a_linked_workspace_keeps_the_link(spaces, tmp_path):
    with spaces.open("client", create=True) as store:
        store.repository.add(make_assessment(title="first"))
    target = tmp_path / "synced.json"
    os.replace(spaces.path("client"), target)
    spaces.path("client").symlink_to(target)
    with spaces.open("client") as store:  # a second session: the backup holds "first" only
        store.repository.add(make_assessment(title="second"))
    kept = spaces.restore("client", spaces.backups("client").list()[0].path)
    assert spaces.path("client").is_symlink() and b"second" not in target.read_bytes()
    assert kept is not None and b"second" in kept.read_bytes()  # the replaced version, kept aside
