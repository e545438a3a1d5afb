"""Encrypted workspaces: sealed on disk, opened only with the passphrase, never damaged by a wrong one."""

from __future__ import annotations

import pytest

from lia_desktop.storage.crypto import MAGIC, Sealer, SealError, check_header
from lia_desktop.storage.errors import (
    DamagedWorkspace,
    NotEncrypted,
    PassphraseRequired,
    RestoreWouldDecrypt,
    RolledBack,
    WrongPassphrase,
)
from lia_desktop.storage.workspace import Workspaces
from tests.conftest import make_assessment

SECRET = "correct horse battery staple ünïcode"


def _fill(spaces, count=2, name="kluis"):
    with spaces.open(name, create=True, passphrase=SECRET) as store:
        assert store.encrypted
        made = [store.repository.add(make_assessment(title=f"Geheime actie {n}")) for n in range(count)]
    return spaces.path(name), made


def test_an_encrypted_workspace_holds_no_readable_text(spaces):
    path, _ = _fill(spaces)
    raw = path.read_bytes()
    assert raw.startswith(MAGIC)
    assert b"Geheime actie" not in raw and b"assessments" not in raw
    assert spaces.is_encrypted("kluis")
    with spaces.open("kluis", read_only=True, passphrase=SECRET) as store:
        assert sorted(a.title for a in store.repository.all()) == ["Geheime actie 0", "Geheime actie 1"]


def test_without_or_with_a_wrong_passphrase_nothing_opens_and_nothing_changes(spaces):
    path, _ = _fill(spaces)
    before = path.read_bytes()
    with pytest.raises(PassphraseRequired):
        spaces.open("kluis")
    with pytest.raises(WrongPassphrase):
        spaces.open("kluis", passphrase="wrong")
    assert path.read_bytes() == before
    with spaces.open("kluis", passphrase=SECRET, lock_timeout=0.1):  # the failed opens released the lock
        pass


def test_every_write_uses_a_fresh_nonce(spaces):
    path, _ = _fill(spaces, count=1)
    first = path.read_bytes()
    with spaces.open("kluis", passphrase=SECRET) as store:
        assessment = store.repository.all()[0]
        store.repository.save(assessment)
    assert path.read_bytes() != first
    header = first[: first.index(b"\n", len(MAGIC)) + 1]
    assert path.read_bytes().startswith(header)  # same salt: the key is derived once per opening


def test_a_changed_or_cut_file_is_refused(spaces):
    path, _ = _fill(spaces)
    raw = bytearray(path.read_bytes())
    raw[-5] ^= 0x01  # one bit in the data
    path.write_bytes(bytes(raw))
    with pytest.raises(DamagedWorkspace, match="changed or damaged"):
        spaces.open("kluis", passphrase=SECRET)
    path.write_bytes(MAGIC + b'{"version": 1, "kdf": "scr')  # header cut off
    with pytest.raises(DamagedWorkspace):
        spaces.open("kluis", passphrase=SECRET)


def test_the_header_is_authenticated():
    sealer = Sealer.new(SECRET)
    sealed = sealer.seal(b'{"a": 1}', counter=7)
    assert sealer.open(sealed) == (7, b'{"a": 1}')
    tampered = sealed.replace(b'"p": 1', b'"p": 2')
    with pytest.raises(SealError):
        sealer.open(tampered)  # the right key, a changed header: refused


def test_backups_of_an_encrypted_workspace_restore_with_the_passphrase(spaces):
    path, _ = _fill(spaces, count=1)
    with spaces.open("kluis", passphrase=SECRET) as store:  # a second session: backup first
        store.repository.add(make_assessment())
    backups = spaces.backups("kluis")
    assert backups.good() and backups.good(SECRET) and backups.good("wrong") == []
    path.write_bytes(b"garbage")
    with pytest.raises(DamagedWorkspace) as caught:
        spaces.open("kluis", passphrase=SECRET)
    spaces.restore("kluis", caught.value.backups[0], passphrase=SECRET)
    with spaces.open("kluis", passphrase=SECRET) as store:
        assert len(store.repository) == 1
        assert store.encrypted
    assert b"Geheime" not in path.read_bytes()


def test_an_empty_passphrase_is_refused():
    from lia_desktop.storage.errors import LiaError

    with pytest.raises(LiaError, match="not empty"):
        Sealer.new("")


# ---------------------------------------------------------------- rollback, damage, old files, headers


def _sessions(spaces, name="kluis", count=3):
    for n in range(count):
        with spaces.open(name, create=True, passphrase=SECRET) as store:
            store.repository.add(make_assessment(title=f"Geheime actie {n}"))
    return spaces.path(name)


def test_an_older_sealed_copy_put_in_place_is_detected_and_told(spaces):
    path = _sessions(spaces)
    before = path.read_bytes()
    oldest = spaces.backups("kluis").list()[-1].path
    path.write_bytes(oldest.read_bytes())  # cp backup workspace: a rollback
    for read_only in (True, False):
        with pytest.raises(RolledBack, match="older than the version last saved") as caught:
            spaces.open("kluis", read_only=read_only, passphrase=SECRET)
    assert caught.value.found < caught.value.seen
    assert path.read_bytes() == oldest.read_bytes()
    path.write_bytes(before)  # the newest version opens as before
    with spaces.open("kluis", passphrase=SECRET) as store:
        assert len(store.repository) == 3


def test_restoring_an_older_backup_on_purpose_is_not_a_rollback(spaces):
    path = _sessions(spaces)
    oldest = spaces.backups("kluis").list()[-1].path
    spaces.restore("kluis", oldest, passphrase=SECRET)
    with spaces.open("kluis", passphrase=SECRET) as store:
        count = len(store.repository)
        store.repository.add(make_assessment())
    with spaces.open("kluis", read_only=True, passphrase=SECRET) as store:
        assert len(store.repository) == count + 1
    assert path.exists()


def test_the_rollback_mark_follows_a_renamed_workspace(spaces):
    path = _sessions(spaces)
    oldest = spaces.backups("kluis").list()[-1].path.read_bytes()
    spaces.rename("kluis", "safe")
    spaces.path("safe").write_bytes(oldest)
    with pytest.raises(RolledBack):
        spaces.open("safe", passphrase=SECRET)
    assert not path.exists()


def test_a_different_workspace_under_the_same_name_is_not_a_rollback(spaces):
    _sessions(spaces)
    other_root = Workspaces(spaces.root.parent / "other", spaces.questionnaire)
    other = _sessions(other_root, count=1)
    spaces.path("kluis").write_bytes(other.read_bytes())  # a copy from another computer
    with spaces.open("kluis", passphrase=SECRET) as store:
        assert len(store.repository) == 1


def test_a_wrong_passphrase_and_a_damaged_file_are_told_apart(spaces):
    path = _sessions(spaces, count=2)
    with pytest.raises(WrongPassphrase) as caught:
        spaces.open("kluis", passphrase="wrong")
    assert caught.value.certain and "the passphrase is wrong" in str(caught.value)
    raw = bytearray(path.read_bytes())
    raw[len(raw) // 2] ^= 0x40
    path.write_bytes(bytes(raw))
    with pytest.raises(DamagedWorkspace) as caught:
        spaces.open("kluis", passphrase=SECRET)
    assert caught.value.backups  # and the good backups are offered
    with pytest.raises(WrongPassphrase):
        spaces.open("kluis", passphrase="wrong")


@pytest.mark.parametrize("change", [{"n": 2**16}, "check"])
def test_a_damaged_header_is_told_apart_from_a_wrong_passphrase_through_the_backups(spaces, change):
    import base64
    import json

    path = _sessions(spaces, count=2)
    raw = path.read_bytes()
    end = raw.index(b"\n", len(MAGIC))
    header = json.loads(raw[len(MAGIC) : end])
    if change == "check":  # one bit of the check value flipped
        check = bytearray(base64.b64decode(header["check"]))
        check[0] ^= 0x01
        header["check"] = base64.b64encode(bytes(check)).decode()
    else:
        header.update(change)
    path.write_bytes(MAGIC + json.dumps(header).encode() + raw[end:])
    with pytest.raises(DamagedWorkspace) as caught:  # the passphrase opens the backups: it is right
        spaces.open("kluis", passphrase=SECRET)
    assert caught.value.backups
    with pytest.raises(WrongPassphrase):
        spaces.open("kluis", passphrase="wrong")


def test_a_passphrase_of_an_earlier_workspace_is_still_a_wrong_passphrase(spaces):
    # backups sealed with another salt (another passphrase) do not turn a wrong passphrase into damage
    path = _sessions(spaces, count=2)
    assert spaces.backups("kluis").good(SECRET)
    for stale in (path, path.with_suffix(".seen"), path.with_suffix(".index")):
        stale.unlink(missing_ok=True)
    with spaces.open("kluis", create=True, passphrase="a new passphrase") as store:  # a new salt
        store.repository.add(make_assessment())
    with pytest.raises(WrongPassphrase) as caught:
        spaces.open("kluis", passphrase=SECRET)  # the old one: it opens the old backups
    assert caught.value.certain
    with spaces.open("kluis", passphrase="a new passphrase") as store:
        assert len(store.repository) == 1


def test_new_workspaces_use_strong_key_derivation(spaces):
    path, _ = _fill(spaces, count=1)
    header = check_header(path.read_bytes())
    assert header.version == 2 and header.n >= 2**17 and header.check is not None


def _version_1(path, plaintext: bytes, passphrase: str) -> None:
    """A file as the first encrypted version wrote it: scrypt n=2^15, no counter, no check."""
    import base64
    import json
    import os

    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    salt, nonce = os.urandom(16), os.urandom(12)
    line = {"version": 1, "kdf": "scrypt", "n": 2**15, "r": 8, "p": 1, "salt": base64.b64encode(salt).decode()}
    header = MAGIC + json.dumps(line).encode() + b"\n"
    key = Scrypt(salt=salt, length=32, n=2**15, r=8, p=1).derive(passphrase.encode())
    path.write_bytes(header + nonce + AESGCM(key).encrypt(nonce, plaintext, header))


def _plain_workspace(spaces, name="plain", count=2):
    with spaces.open(name, create=True) as store:
        for n in range(count):
            store.repository.add(make_assessment(title=f"Geheime actie {n}"))
    return spaces.path(name)


def test_a_version_1_workspace_opens_and_is_upgraded_on_its_next_save(spaces):
    plain = _plain_workspace(spaces)
    path = spaces.path("oud")
    _version_1(path, plain.read_bytes(), SECRET)
    salt = check_header(path.read_bytes()).salt
    with spaces.open("oud", passphrase=SECRET) as store:
        assert len(store.repository) == 2
        store.repository.add(make_assessment())
    header = check_header(path.read_bytes())
    assert header.version == 2 and header.n == 2**17 and header.salt == salt
    with spaces.open("oud", passphrase=SECRET) as store:
        assert len(store.repository) == 3
    backup = spaces.backups("oud").list()[0].path
    assert check_header(backup.read_bytes()).version == 1  # the backup is the file as it was
    assert spaces.backups("oud").good(SECRET) == [backup]


def test_a_damaged_version_1_file_is_told_apart_through_its_backups(spaces):
    plain = _plain_workspace(spaces)
    path = spaces.path("oud")
    _version_1(path, plain.read_bytes(), SECRET)
    spaces.backups("oud").take(path)
    raw = bytearray(path.read_bytes())
    raw[-3] ^= 0x01
    path.write_bytes(bytes(raw))
    with pytest.raises(DamagedWorkspace) as caught:  # the passphrase opens the backup: so it is right
        spaces.open("oud", passphrase=SECRET)
    assert caught.value.backups
    with pytest.raises(WrongPassphrase) as wrong:
        spaces.open("oud", passphrase="wrong")
    assert not wrong.value.certain and "wrong passphrase, or the file was changed" in str(wrong.value)


HEADERS = {
    "n not a power of two": {"n": 3},
    "n too small": {"n": 2**10},
    "memory bomb": {"n": 2**24, "r": 64},
    "r too large": {"r": 4096},
    "p too large": {"p": 100},
    "n as text": {"n": "131072"},
    "n as true": {"n": True},
    "short salt": {"salt": "AAAA"},
    "no check": {"check": None},
    "unknown version": {"version": 3},
    "unknown kdf": {"kdf": "md5"},
}


@pytest.mark.parametrize("kind", HEADERS)
def test_header_values_are_checked_before_they_are_used(spaces, kind):
    import json
    import time

    path, _ = _fill(spaces, count=1)
    raw = path.read_bytes()
    end = raw.index(b"\n", len(MAGIC))
    header = {**json.loads(raw[len(MAGIC) : end]), **HEADERS[kind]}
    header = {k: v for k, v in header.items() if v is not None}
    path.write_bytes(MAGIC + json.dumps(header).encode() + raw[end:])
    started = time.perf_counter()
    with pytest.raises(DamagedWorkspace, match="encryption header"):
        spaces.open("kluis", passphrase=SECRET)
    assert time.perf_counter() - started < 2


# ---------------------------------------------------------------- a passphrase where there is no encryption


def test_a_passphrase_for_a_plaintext_workspace_is_an_error(spaces):
    path = _plain_workspace(spaces)
    before = path.read_bytes()
    for read_only in (True, False):
        with pytest.raises(NotEncrypted, match="not encrypted"):
            spaces.open("plain", read_only=read_only, passphrase=SECRET)
    assert path.read_bytes() == before


def test_restoring_a_plaintext_backup_never_drops_the_encryption(spaces, tmp_path):
    plain = _plain_workspace(spaces, count=1)
    path = _sessions(spaces, count=2)
    before = path.read_bytes()
    with pytest.raises(RestoreWouldDecrypt):
        spaces.restore("kluis", plain)
    assert path.read_bytes() == before
    with pytest.raises(WrongPassphrase):
        spaces.restore("kluis", plain, passphrase="wrong")
    assert path.read_bytes() == before
    spaces.restore("kluis", plain, passphrase=SECRET)  # restored, and sealed like the workspace
    assert path.read_bytes().startswith(MAGIC) and b"Geheime" not in path.read_bytes()
    with spaces.open("kluis", passphrase=SECRET) as store:
        assert store.encrypted and [a.title for a in store.repository.all()] == ["Geheime actie 0"]
    with pytest.raises(NotEncrypted):  # a passphrase for a plaintext backup is an error too
        spaces.restore("plain", plain, passphrase=SECRET)
