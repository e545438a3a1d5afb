"""Encrypted workspaces: sealed on disk, opened only with the passphrase, never damaged by a wrong one."""

from __future__ import annotations

import pytest

from lia_desktop.storage.crypto import MAGIC, Sealer, SealError
from lia_desktop.storage.errors import DamagedWorkspace, PassphraseRequired, WrongPassphrase
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
    with pytest.raises(WrongPassphrase):
        spaces.open("kluis", passphrase=SECRET)
    path.write_bytes(MAGIC + b'{"version": 1, "kdf": "scr')  # header cut off
    with pytest.raises(DamagedWorkspace):
        spaces.open("kluis", passphrase=SECRET)


def test_the_header_is_authenticated():
    sealer = Sealer.new(SECRET)
    sealed = sealer.seal(b'{"a": 1}')
    assert sealer.open(sealed) == b'{"a": 1}'
    tampered = sealed.replace(b'"r": 8', b'"r": 9')
    with pytest.raises(SealError):
        Sealer(sealer.key, tampered[: tampered.index(b"\n", len(MAGIC)) + 1]).open(tampered)


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
