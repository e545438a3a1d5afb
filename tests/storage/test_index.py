"""The summary index: listing without parsing every document, kept in step with every write,
made anew when it is missing, stale or damaged, and never trusted for a file it was not made from."""

from __future__ import annotations

import json

import orjson
import pytest

from lia_desktop.storage import documents as documents_module
from lia_desktop.storage import index
from lia_desktop.storage.errors import DamagedWorkspace
from lia_desktop.storage.layout import Layout
from tests.conftest import make_assessment


def _fill(spaces, count=3, name="client"):
    with spaces.open(name, create=True) as store:
        made = [store.repository.add(make_assessment(title=f"Actie {n}")) for n in range(count)]
    return spaces.path(name), made


def _listing(spaces, name="client"):
    with spaces.open(name, read_only=True) as store:
        return [r.to_json() for r in store.repository.list()]


def test_the_layout_writes_what_orjson_writes_and_knows_where_each_document_lies():
    data = {"workspace": {"1": {"format": "x"}}, "assessments": {"1": {"t": "Łódź"}, "7": {"u": [1, {}]}}, "e": {}}
    layout = Layout.of(data)
    raw = layout.to_bytes()
    assert raw == orjson.dumps(data)
    again = Layout.at(raw, layout.spans())
    assert again.to_bytes() == raw
    assert again.documents("assessments") == data["assessments"]
    changed = again.with_documents("assessments", {"1": {"t": "new"}, "9": {"v": 1}}).without("assessments", ["7"])
    assert orjson.loads(changed.to_bytes())["assessments"] == {"1": {"t": "new"}, "9": {"v": 1}}


def test_every_write_keeps_the_index_in_step(spaces, monkeypatch):
    path, made = _fill(spaces)
    assert index.index_path(path).exists()
    # from here on nothing parses the whole file: the index is used, and kept in step
    monkeypatch.setattr(documents_module, "_checked", lambda *_: pytest.fail("the whole file was parsed"))
    with spaces.open("client") as store:
        repo = store.repository
        repo.delete(made[0].id)
        made[1].title = "Renamed"
        repo.save(made[1])
        repo.complete(made[2])
        repo.add(make_assessment(title="New"))
        expected = [r.to_json() for r in repo.list()]
    assert _listing(spaces) == expected
    assert {r["title"] for r in expected} == {"Renamed", "Actie 2", "New"}


def test_a_missing_stale_or_damaged_index_is_made_anew(spaces):
    path, _ = _fill(spaces)
    expected = _listing(spaces)
    target = index.index_path(path)
    good = target.read_bytes()
    for damaged in (None, b"", good[: len(good) // 2], good.replace(b"Actie 1", b"Actie 9"), b"{}\n{}"):
        if damaged is None:
            target.unlink()
        else:
            target.write_bytes(damaged)
        assert _listing(spaces) == expected
        assert target.read_bytes() == good  # made anew, also by a read-only open


def test_an_index_of_another_file_is_never_trusted(spaces):
    path, made = _fill(spaces)
    target = index.index_path(path)
    stale = target.read_bytes()
    with spaces.open("client") as store:
        made[0].title = "Changed"
        store.repository.save(made[0])
    target.write_bytes(stale)  # as after a crash between the two writes, or a copied file
    assert "Changed" in {r["title"] for r in _listing(spaces)}


def test_a_damaged_file_is_detected_although_its_index_is_there(spaces):
    path, _ = _fill(spaces)
    raw = path.read_bytes()
    for damaged in (raw[:-10], raw.replace(b'"title":"Actie 1"', b'"title":17')):
        path.write_bytes(damaged)
        with pytest.raises(DamagedWorkspace):
            spaces.open("client", read_only=True)
        assert path.read_bytes() == damaged


def test_a_file_written_by_another_program_is_checked_and_opened(spaces, questionnaire):
    path, _ = _fill(spaces)
    expected = _listing(spaces)
    path.write_text(json.dumps(json.loads(path.read_bytes()), indent=4), encoding="utf-8")  # TinyDB's own style
    assert _listing(spaces) == expected
    with spaces.open("client") as store:  # its first write makes it ours again
        store.repository.add(make_assessment(title="Later"))
    assert len(_listing(spaces)) == len(expected) + 1


def test_the_workspace_file_stays_a_tinydb_database(spaces):
    from tinydb import TinyDB

    path, made = _fill(spaces)
    with TinyDB(path) as db:
        assert sorted(doc["id"] for doc in db.table("assessments")) == sorted(a.id for a in made)


def test_an_encrypted_workspace_keeps_no_index_on_disk(spaces):
    with spaces.open("secret", create=True, passphrase="a long passphrase") as store:
        store.repository.add(make_assessment(title="Geheim"))
        assert [r.title for r in store.repository.list()] == ["Geheim"]
    assert not index.index_path(spaces.path("secret")).exists()


def test_renaming_moves_the_index_and_deleting_removes_it(spaces):
    path, _ = _fill(spaces)
    spaces.rename("client", "other")
    assert not index.index_path(path).exists()
    assert index.index_path(spaces.path("other")).exists()
    spaces.delete("other")
    assert not index.index_path(spaces.path("other")).exists()
