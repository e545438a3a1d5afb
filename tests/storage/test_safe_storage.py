"""Crash-safe storage: atomic writes, damaged files refused and kept, one writer at a time."""

from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from lia_desktop.storage import safe_storage
from lia_desktop.storage.errors import DamagedWorkspace, StoreWriteError, WorkspaceInUse
from tests.conftest import make_assessment


def _fill(spaces, name="client", count=2):
    with spaces.open(name, create=True) as store:
        for _ in range(count):
            store.repository.add(make_assessment())
    return spaces.path(name)


def test_a_new_workspace_is_private_to_its_owner(spaces):
    path = _fill(spaces)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert json.loads(path.read_text(encoding="utf-8"))["workspace"]["1"]["format"] == "lia-workspace"


def test_unicode_is_stored_as_utf8(spaces):
    with spaces.open("client", create=True) as store:
        assessment = make_assessment(title="Łódź — Ελληνικά — кириллица — 🙂")
        store.repository.add(assessment)
    raw = spaces.path("client").read_bytes()
    assert "Łódź — Ελληνικά — кириллица — 🙂".encode() in raw
    with spaces.open("client", read_only=True) as store:
        assert store.repository.get(assessment.id).title == "Łódź — Ελληνικά — кириллица — 🙂"


def test_a_full_disk_leaves_the_previous_state(spaces, monkeypatch):
    path = _fill(spaces)
    before = path.read_bytes()

    def no_space(fd, data):
        os.write(fd, data[: len(data) // 2])
        raise OSError(errno.ENOSPC, "No space left on device")

    with spaces.open("client") as store:
        count = len(store.repository)
        monkeypatch.setattr(safe_storage, "_write_all", no_space)
        with pytest.raises(StoreWriteError, match="the disk is full"):
            store.repository.add(make_assessment())
        assert len(store.repository) == count  # memory went back to what is on disk
        monkeypatch.undo()
        store.repository.add(make_assessment())  # and the next write works
        assert len(store.repository) == count + 1
    assert path.read_bytes() != before
    assert not list(path.parent.glob(".*.tmp"))


def test_a_crash_in_the_middle_of_a_write_leaves_the_previous_state(spaces):
    path = _fill(spaces)
    child = textwrap.dedent(
        f"""
        import os
        from pathlib import Path
        from lia_desktop.assets import questionnaire
        from lia_desktop.storage import safe_storage
        from lia_desktop.storage.workspace import Workspaces
        from tests.conftest import make_assessment

        def die_half_way(fd, data):
            os.write(fd, data[: len(data) // 2])
            os._exit(9)  # the power goes out

        store = Workspaces(Path({str(spaces.root)!r}), questionnaire()).open("client")
        store.repository.add(make_assessment())  # saved (after the session's backup)
        print(len(store.repository), flush=True)
        safe_storage._write_all = die_half_way
        store.repository.add(make_assessment())  # the crash comes half-way through this one
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", child], cwd=Path(__file__).parents[2], timeout=60, capture_output=True, text=True
    )
    assert done.returncode == 9, done.stderr
    assert done.stdout.strip() == "3"
    assert list(path.parent.glob(".client.json.*.tmp"))  # the half-written temporary file
    with spaces.open("client") as store:  # opens fine, and clears the stale temporary
        assert len(store.repository) == 3
    assert not list(path.parent.glob(".client.json.*.tmp"))


DAMAGED = {
    "empty": b"",
    "blanks": b"  \n",
    "truncated": b'{"workspace": {"1": {"format": "lia-workspace", "vers',
    "not json": b"this is not json",
    "bom": b'\xef\xbb\xbf{"workspace": {"1": {"format": "lia-workspace", "version": 1}}}',
    "a list": b"[1, 2, 3]",
    "table not an object": b'{"assessments": [1, 2]}',
    "bad document id": b'{"assessments": {"x": {}}}',
    "document not an object": b'{"assessments": {"1": "text"}}',
    "not a lia workspace": b'{"_default": {"1": {"name": "other program"}}}',
    "another format": b'{"workspace": {"1": {"format": "something-else"}}}',
}


@pytest.mark.parametrize("kind", DAMAGED)
def test_a_damaged_file_is_reported_and_never_overwritten(spaces, kind):
    path = spaces.path("client")
    path.parent.mkdir(parents=True)
    path.write_bytes(DAMAGED[kind])
    for read_only in (False, True):
        with pytest.raises(DamagedWorkspace) as caught:
            spaces.open("client", read_only=read_only)
        assert str(path) in str(caught.value)
        assert caught.value.backups == []
    assert path.read_bytes() == DAMAGED[kind]
    with pytest.raises(DamagedWorkspace):  # the failed open released its lock
        spaces.open("client", lock_timeout=0.1)


def test_a_damaged_workspace_offers_the_newest_good_backup_and_keeps_the_original(spaces):
    path = _fill(spaces, count=1)
    with spaces.open("client") as store:  # a new session: backs up the 1-assessment state first
        store.repository.add(make_assessment())
    backups = spaces.backups("client")
    older_damaged = backups.folder / "client.20000101T000000000000Z.json"
    older_damaged.write_bytes(b"{broken")
    path.write_bytes(b'{"workspace": {"1": ')  # the disk controller lied
    with pytest.raises(DamagedWorkspace) as caught:
        spaces.open("client")
    offered = caught.value.backups
    assert offered and offered[0] == backups.list()[0].path
    assert older_damaged not in offered
    kept = spaces.restore("client", offered[0])
    assert kept is not None and kept.read_bytes() == b'{"workspace": {"1": '
    with spaces.open("client") as store:
        assert len(store.repository) == 1


def test_restore_refuses_a_damaged_backup(spaces, tmp_path):
    _fill(spaces)
    bad = tmp_path / "bad.json"
    bad.write_bytes(b"nope")
    before = spaces.path("client").read_bytes()
    with pytest.raises(DamagedWorkspace):
        spaces.restore("client", bad)
    assert spaces.path("client").read_bytes() == before


def test_a_second_writer_is_told_the_workspace_is_in_use(spaces):
    _fill(spaces)
    with spaces.open("client"):
        with pytest.raises(WorkspaceInUse, match="in use"):
            spaces.open("client", lock_timeout=0.1)
        with spaces.open("client", read_only=True) as reader:  # reading is always possible
            assert len(reader.repository) == 2
    with spaces.open("client", lock_timeout=0.1):
        pass


WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from lia_desktop.assets import questionnaire
    from lia_desktop.storage.workspace import Workspaces
    from tests.conftest import make_assessment

    spaces = Workspaces(Path(sys.argv[1]), questionnaire())
    for n in range(int(sys.argv[2])):
        with spaces.open("client", lock_timeout=30) as store:
            store.repository.add(make_assessment(title=f"{sys.argv[3]} {n}"))
    """
)


def test_two_processes_writing_at_once_never_corrupt(spaces):
    _fill(spaces, count=0)
    root = Path(__file__).parents[2]
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(spaces.root), "15", name], cwd=root)
        for name in ("left", "right")
    ]
    assert [w.wait(timeout=120) for w in writers] == [0, 0]
    with spaces.open("client", read_only=True) as store:
        titles = sorted(s.title for s in store.repository.list())
    assert titles == sorted([f"left {n}" for n in range(15)] + [f"right {n}" for n in range(15)])


def test_a_process_holding_the_workspace_blocks_another(spaces):
    _fill(spaces)
    holder = textwrap.dedent(
        """
        import sys, time
        from pathlib import Path
        from lia_desktop.assets import questionnaire
        from lia_desktop.storage.workspace import Workspaces

        store = Workspaces(Path(sys.argv[1]), questionnaire()).open("client")
        print("holding", flush=True)
        sys.stdin.readline()
        store.close()
        """
    )
    root = Path(__file__).parents[2]
    proc = subprocess.Popen(
        [sys.executable, "-c", holder, str(spaces.root)],
        cwd=root,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout.readline().strip() == "holding"
        with pytest.raises(WorkspaceInUse):
            spaces.open("client", lock_timeout=0.2)
    finally:
        proc.communicate("\n", timeout=30)
    with spaces.open("client", lock_timeout=5):
        pass


def test_backups_are_taken_once_per_session_and_rotated(spaces, questionnaire):
    from lia_desktop.storage.workspace import Workspaces

    spaces = Workspaces(spaces.root, questionnaire, keep_backups=3)
    _fill(spaces, count=1)
    for _session in range(5):
        with spaces.open("client") as store:
            store.repository.add(make_assessment())
            store.repository.add(make_assessment())  # same session: no second backup
    backups = spaces.backups("client").list()
    assert len(backups) == 3
    assert backups == sorted(backups, key=lambda b: b.taken_at, reverse=True)


def test_a_backup_is_due_daily(spaces, tmp_path):
    import datetime as dt

    from lia_desktop.storage.backups import Backups

    path = _fill(spaces)
    backups = Backups(tmp_path / "b", "client")
    assert backups.is_due()
    morning = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)
    backups.take(path, now=morning)
    assert not backups.is_due(now=morning + dt.timedelta(hours=11))
    assert backups.is_due(now=morning + dt.timedelta(hours=24))
    assert backups.list()[0].path.read_bytes() == path.read_bytes()
