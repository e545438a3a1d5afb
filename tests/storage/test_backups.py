"""Backups: found whatever the workspace is called, kept long enough, judged by what they hold."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from lia_desktop.storage.backups import Backups
from lia_desktop.storage.errors import DamagedWorkspace
from tests.conftest import make_assessment

NOW = dt.datetime(2026, 11, 20, 15, 0, tzinfo=dt.UTC)


def _sessions(spaces, name, count):
    for n in range(count):
        with spaces.open(name, create=True) as store:
            store.repository.add(make_assessment(title=f"session {n}"))


@pytest.mark.parametrize("name", ["client[1]", "client [a-z]"])
def test_backups_of_a_workspace_named_with_glob_characters_are_found(spaces, questionnaire, name):
    from lia_desktop.storage.workspace import Workspaces

    spaces = Workspaces(spaces.root, questionnaire, keep_backups=3)
    _sessions(spaces, name, 6)
    backups = spaces.backups(name)
    assert len(backups.list()) == 3  # listed, and rotated (the scheme keeps today's newest among them)
    assert len(list(backups.folder.iterdir())) == 3
    assert backups.good()
    spaces.rename(name, "renamed")
    assert not list(backups.folder.iterdir())  # none left behind
    assert len(spaces.backups("renamed").list()) == 3


def test_stale_temporaries_of_a_workspace_with_glob_characters_are_cleaned(spaces):
    _sessions(spaces, "client[1]", 1)
    stale = spaces.folder / ".client[1].json.1234.tmp"
    stale.write_bytes(b"half")
    spaces.open("client[1]").close()
    assert not stale.exists()


def _backup(stamp: dt.datetime, path):
    from lia_desktop.storage.backups import Backup

    return Backup(path / stamp.strftime("x.%Y%m%dT%H%M%S%fZ.json"), stamp)


def test_the_scheme_keeps_the_last_runs_each_day_of_a_week_and_each_month_of_a_year(tmp_path):
    from lia_desktop.storage.backups import retained

    stamps = [NOW - dt.timedelta(minutes=m) for m in range(15)]  # a busy day: 15 runs
    stamps += [NOW - dt.timedelta(days=d, hours=h) for d in range(1, 40) for h in (1, 5)]  # two a day
    stamps += [dt.datetime(2025, m, 28, 12, tzinfo=dt.UTC) for m in range(1, 13)]  # once a month last year
    backups = sorted((_backup(s, tmp_path) for s in stamps), key=lambda b: b.taken_at, reverse=True)
    kept = retained(backups, keep=10, now=NOW)
    kept_at = sorted((b.taken_at for b in backups if b.path in kept), reverse=True)
    assert kept_at[:10] == sorted(stamps, reverse=True)[:10]  # the last runs
    days = {t.date() for t in kept_at}
    assert {(NOW - dt.timedelta(days=d)).date() for d in range(7)} <= days  # each of the last 7 days
    assert NOW - dt.timedelta(days=1, hours=1) in kept_at  # that day's newest
    assert NOW - dt.timedelta(days=1, hours=5) not in kept_at
    months = {(t.year, t.month) for t in kept_at}
    assert months == {(2026, 11), (2026, 10), (2025, 12)}
    assert dt.datetime(2025, 11, 28, 12, tzinfo=dt.UTC) not in kept_at  # 12 months back: gone
    assert len(kept) == 10 + 6 + 2  # 10 runs (all today), 6 earlier days, October and December 2025


def test_a_busy_day_does_not_push_out_yesterday(spaces, tmp_path):
    path = spaces.path("client")
    _sessions(spaces, "client", 1)
    backups = Backups(tmp_path / "b", "client", keep=10)
    yesterday, last_month = NOW - dt.timedelta(days=1), NOW - dt.timedelta(days=35)
    backups.take(path, now=last_month)
    backups.take(path, now=yesterday)
    for minute in range(12):  # twelve command-line calls today
        backups.take(path, now=NOW + dt.timedelta(minutes=minute))
    taken = [b.taken_at for b in backups.list()]
    assert yesterday in taken and last_month in taken
    assert len(taken) == 12


def _workspace_with(spaces, documents):
    path = spaces.path("client")
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {
        "workspace": {"1": {"format": "lia-workspace", "version": 1, "created_at": "2026-01-01T00:00:00Z"}},
        "assessments": {str(n): doc for n, doc in enumerate(documents, start=1)},
    }
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


BAD_DOCUMENTS = {
    "only an id": {"id": "abcd1234"},
    "future schema": {**make_assessment().to_dict(), "schema_version": 99},
    "unknown status": {**make_assessment().to_dict(), "status": "lost"},
    "answers a list": {**make_assessment().to_dict(), "answers": [1]},
    # found by the fuzzer: loaded fine, then list sorted a dict against a string
    "updated_at an object": {**make_assessment().to_dict(), "updated_at": {"a": 1}},
    "title a number": {**make_assessment().to_dict(), "title": 5},
    "answer with an extra field": {
        **make_assessment().to_dict(),
        "answers": {"q01": {"value": "yes", "note": "", "x": 1}},
    },
    "stored verdict unknown": {**make_assessment().to_dict(), "_verdict": {"x": 1}},
    "completed version unreadable": {**make_assessment().to_dict(), "_completed": [1]},
    "advice basis of the wrong kind": {**make_assessment().to_dict(), "advice_basis": {"content_version": "x"}},
    "advice per channel unknown": {**make_assessment().to_dict(), "_channels": {"email": "maybe"}},
    "changes per revision unreadable": {**make_assessment().to_dict(), "_changes": {"1": [["q01"]]}},
    "changes per revision a list": {**make_assessment().to_dict(), "_changes": [1]},
}


@pytest.mark.parametrize("kind", BAD_DOCUMENTS)
def test_a_workspace_whose_assessments_do_not_load_is_damaged(spaces, kind):
    path = _workspace_with(spaces, [make_assessment().to_dict(), BAD_DOCUMENTS[kind]])
    before = path.read_bytes()
    for read_only in (True, False):
        with pytest.raises(DamagedWorkspace, match="assessment"):
            spaces.open("client", read_only=read_only)
    assert path.read_bytes() == before


def test_a_backup_is_good_only_when_every_assessment_in_it_loads(spaces):
    _sessions(spaces, "client", 2)
    backups = spaces.backups("client")
    good = backups.list()[0].path
    bad = backups.folder / "client.20260101T000000000000Z.json"
    data = json.loads(good.read_text(encoding="utf-8"))
    data["assessments"]["1"] = {"id": "abcd1234"}
    bad.write_text(json.dumps(data), encoding="utf-8")
    assert bad not in backups.good() and good in backups.good()
    _workspace_with(spaces, [{"id": "abcd1234"}])
    with pytest.raises(DamagedWorkspace) as caught:
        spaces.open("client")
    assert bad not in caught.value.backups
    with pytest.raises(DamagedWorkspace):
        spaces.restore("client", bad)
