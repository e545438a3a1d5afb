"""The repository, run against an in-memory and a file workspace."""

from __future__ import annotations

from pathlib import Path

import pytest

from lia_desktop.domain.model import Event, Status
from lia_desktop.storage import migrations
from lia_desktop.storage.errors import DuplicateId, NotFound
from lia_desktop.storage.migrations import MigrationError, migrate
from lia_desktop.storage.workspace import WorkspaceStore
from tests.conftest import make_assessment


def test_add_get_and_prefix(store):
    repo = store.repository
    a = repo.add(make_assessment(title="Nieuwsbrief"))
    assert repo.get(a.id) == a
    assert repo.get(a.id[:6]).id == a.id
    with pytest.raises(NotFound):
        repo.get("abc")  # too short to be a prefix
    with pytest.raises(NotFound):
        repo.get("ffffffff-0000")


def test_an_ambiguous_prefix_is_refused(store):
    repo = store.repository
    first, second = make_assessment(), make_assessment()
    first.id = "abcd1111-0000-4000-8000-000000000000"
    second.id = "abcd2222-0000-4000-8000-000000000000"
    repo.add_many([first, second])
    with pytest.raises(NotFound, match="fits 2"):
        repo.get("abcd")


def test_an_existing_id_is_never_overwritten(store):
    repo = store.repository
    original = repo.add(make_assessment(title="Origineel"))
    clash = make_assessment(title="Indringer")
    clash.id = original.id
    with pytest.raises(DuplicateId):
        repo.add(clash)
    with pytest.raises(DuplicateId):
        repo.add_many([make_assessment(), clash])
    assert len(repo) == 1 and repo.get(original.id).title == "Origineel"


def test_save_draft_keeps_every_answer_and_the_page(store):
    repo = store.repository
    draft = make_assessment(q03=None)
    draft.current_page = "q03"
    repo.save(draft)
    draft.set_value("q03", "yes")
    draft.set_note("q03", "Kortingsbonnen")
    repo.save(draft)
    again = repo.get(draft.id)
    assert again.value("q03") == "yes" and again.note("q03") == "Kortingsbonnen"
    assert again.current_page == "q03" and again.status is Status.DRAFT
    assert again.revisions == []


def test_completed_assessments_keep_their_revision_history(store):
    repo = store.repository
    a = make_assessment()
    repo.save(a)
    repo.complete(a, by="Tom")
    a.set_value("q09", "yes")
    a.set_note("q09", "Twee berichten per week")
    repo.save(a, by="An")  # a change reopens it as a draft, recorded once
    assert repo.get(a.id).status is Status.DRAFT
    a.set_value("q05", "no")
    repo.save(a, by="An")  # further edits of the draft: no new revision
    repo.save(a, by="An")
    repo.complete(a, by="An")  # completed again: what changed since the last completion
    history = repo.get(a.id).revisions
    assert [(r.event, r.by, r.changes) for r in history] == [
        (Event.COMPLETED, "Tom", []),
        (Event.CHANGED, "An", ["q09"]),
        (Event.COMPLETED, "An", ["q05", "q09"]),
    ]
    assert history[0].at < history[1].at < history[2].at
    repo.save(repo.get(a.id), by="An")  # saving without a change keeps it completed
    assert repo.get(a.id).status is Status.COMPLETED and len(repo.get(a.id).revisions) == 3


def test_archive_and_unarchive(store):
    repo = store.repository
    a = repo.save(make_assessment())
    repo.complete(a)
    assert repo.archive(a.id).status is Status.ARCHIVED
    assert repo.unarchive(a.id).status is Status.COMPLETED
    draft = repo.save(make_assessment())
    repo.archive(draft.id)
    assert repo.unarchive(draft.id).status is Status.DRAFT
    reopened = repo.get(a.id)
    reopened.set_value("q03", "no")
    repo.save(reopened)  # changed after completion: a draft again
    repo.archive(a.id)
    assert repo.unarchive(a.id).status is Status.DRAFT


def test_duplicate_is_a_new_stored_draft(store):
    repo = store.repository
    a = repo.save(make_assessment())
    repo.complete(a, by="Tom")
    copy = repo.duplicate(a.id)
    assert copy.id != a.id and copy.status is Status.DRAFT and copy.revisions == []
    assert repo.get(copy.id).answers == repo.get(a.id).answers
    assert len(repo) == 2


def test_delete(store):
    repo = store.repository
    a = repo.save(make_assessment())
    keep = repo.save(make_assessment())
    repo.delete(a.id)
    assert a.id not in repo and keep.id in repo
    with pytest.raises(NotFound):
        repo.delete(a.id)


def test_list_search_and_filters(store):
    repo = store.repository
    good = repo.save(make_assessment(title="Lentenieuwsbrief", organisation="Bakkerij Janssens"))
    bad = repo.save(make_assessment(title="Sms-actie", organisation="Fietsen De Smet", ctx_special="special_yes"))
    open_ = repo.save(make_assessment(title="Catalogus", organisation="fietsen de smet", q05=None))
    good.review_date = "2026-01-01"
    repo.complete(good)
    rows = repo.list()
    assert [r.id for r in rows] == [good.id, open_.id, bad.id]  # newest change first
    assert {r.id: r.verdict for r in rows} == {good.id: "suitable", bad.id: "not_suitable", open_.id: "incomplete"}
    assert [r.id for r in repo.list(search="BAKKERIJ")] == [good.id]
    assert [r.id for r in repo.list(search="nieuws")] == [good.id]
    assert {r.id for r in repo.list(organisation="Fietsen De Smet")} == {bad.id, open_.id}
    assert [r.id for r in repo.list(status="completed")] == [good.id]
    assert [r.id for r in repo.list(verdict=["not_suitable", "incomplete"])] == [open_.id, bad.id]
    assert [r.id for r in repo.list(review_due=True, today="2026-06-01")] == [good.id]
    assert repo.list(review_due=True, today="2025-12-31") == []
    assert repo.organisations() == ["Bakkerij Janssens", "fietsen de smet"]  # newest spelling


def test_list_recomputes_a_verdict_stored_under_other_rules(store, questionnaire):
    repo = store.repository
    a = repo.save(make_assessment())
    documents = store.documents
    doc_id = documents.find(a.id)
    documents.put({doc_id: dict(documents.document(doc_id), _verdict="not_suitable", _rules=questionnaire.version - 1)})
    assert repo.list()[0].verdict == "suitable"
    assert a.id in repo


# ------------------------------------------------------------------ migrations


def test_a_document_of_the_current_version_passes_unchanged():
    doc = make_assessment().to_dict()
    assert migrate(doc) == doc


def test_documents_are_upgraded_step_by_step(monkeypatch):
    doc = make_assessment().to_dict()
    old = dict(doc, schema_version=1)
    old["answers"] = {k: v["value"] for k, v in doc["answers"].items()}  # pretend v1 kept bare values

    def v1_to_v2(d):
        return dict(d, answers={k: {"value": v, "note": ""} for k, v in d["answers"].items()})

    def v2_to_v3(d):
        return dict(d, title=d["title"].strip())

    monkeypatch.setattr(migrations, "MIGRATIONS", {1: v1_to_v2, 2: v2_to_v3})
    upgraded = migrate(old, current=3)
    assert upgraded["schema_version"] == 3
    assert upgraded["answers"]["q01"] == {"value": "yes", "note": ""}
    assert old["schema_version"] == 1  # the input is left alone


@pytest.mark.parametrize(
    ("version", "message"),
    [
        (None, "no valid schema_version"),
        (0, "no valid schema_version"),
        (True, "no valid schema_version"),
        (99, "newer LIA Desktop"),
    ],
)
def test_a_version_that_cannot_be_migrated_is_refused(version, message):
    doc = make_assessment().to_dict()
    doc["schema_version"] = version
    with pytest.raises(MigrationError, match=message):
        migrate(doc)


def test_a_missing_step_is_refused(monkeypatch):
    monkeypatch.setattr(migrations, "MIGRATIONS", {1: migrations.MIGRATIONS[1]})
    with pytest.raises(MigrationError, match="no migration from schema version 2"):
        migrate(make_assessment().to_dict(), current=3)


# ------------------------------------------------------------------ version 1 files (format 1, schema 1)

V1_FILES = sorted((Path(__file__).resolve().parent.parent / "fixtures" / "v1").glob("*.lia.json"))


@pytest.mark.parametrize("path", V1_FILES, ids=[p.name for p in V1_FILES])
def test_a_version_1_exchange_file_imports_unchanged_in_meaning(path, questionnaire):
    import json

    from lia_desktop.export import exchange

    old = json.loads(path.read_text(encoding="utf-8"))["assessment"]
    assert old["schema_version"] == 1
    assessment = exchange.read(path, questionnaire)
    assert assessment.schema_version == 2
    for item_id, answer in old["answers"].items():
        value = answer["value"]
        expected = [value] if item_id == "ctx_country" else value  # several countries since version 2
        assert assessment.value(item_id) == expected, item_id
        assert assessment.note(item_id) == answer["note"]
    for name in ("title", "organisation", "assessor", "assessment_date", "decision", "status", "created_at"):
        assert getattr(assessment, name) == old[name]
    assert assessment.safeguards == old["safeguards"]
    assert [r.to_dict() for r in assessment.revisions] == old["revisions"]
    # completed under the first content version: marked for review against the current rules
    completed = old["status"] == "completed"
    assert bool(assessment.advice_basis) is completed
    if completed:
        assert assessment.advice_basis["content_version"] == 1


def test_a_version_1_workspace_opens_and_lists_law_changed(tmp_path, questionnaire):
    import json

    docs = {str(i): json.loads(p.read_text(encoding="utf-8"))["assessment"] for i, p in enumerate(V1_FILES, 1)}
    record = {"format": "lia-workspace", "version": 1}
    (tmp_path / "ws.json").write_text(json.dumps({"workspace": {"1": record}, "assessments": docs}), encoding="utf-8")
    with WorkspaceStore(tmp_path / "ws.json", questionnaire, backups=None, read_only=True) as store:
        repo = store.repository
        rows = {r.id: r for r in repo.list()}
        assert len(rows) == len(V1_FILES)
        for doc in docs.values():
            row = rows[doc["id"]]
            assert row.law_changed is (doc["status"] == "completed")
            assert set(row.channels) == set(doc["answers"]["ctx_channels"]["value"])
            assert repo.get(doc["id"]).value("ctx_country") == [doc["answers"]["ctx_country"]["value"]]
