"""What each revision changed, old → new, and putting stored documents back (undo)."""

from __future__ import annotations

from lia_desktop.domain.model import Status
from lia_desktop.export import exchange
from lia_desktop.storage.history import KEPT_CHARACTERS, Change
from tests.conftest import make_assessment


def test_each_revision_keeps_the_old_and_new_value_of_what_it_changed(store):
    repo = store.repository
    a = repo.save(make_assessment())
    repo.complete(a, by="Tom")
    a.set_value("q09", "yes")
    repo.save(a, by="An")
    a.set_note("q09", "Twee berichten per week")
    a.title = "Zomernieuwsbrief"
    repo.save(a, by="An")
    repo.complete(a, by="An")
    changes = repo.revision_changes(a.id)
    assert changes[1] == [Change("q09", {"value": "no", "note": ""}, {"value": "yes", "note": ""})]
    assert changes[2] == [
        Change("q09", {"value": "no", "note": ""}, {"value": "yes", "note": "Twee berichten per week"}),
        Change("title", "Lentenieuwsbrief", "Zomernieuwsbrief"),
    ]
    assert 0 not in changes  # the first completion changed nothing
    repo.archive(a.id, by="An")  # later revisions keep what the earlier ones changed
    assert repo.revision_changes(a.id)[2] == changes[2]


def test_long_texts_are_kept_by_their_start_only(store):
    repo = store.repository
    a = repo.save(make_assessment())
    repo.complete(a)
    a.set_value("ctx_description", "x" * 50_000)
    repo.complete(a)
    (change,) = repo.revision_changes(a.id)[1]
    assert len(change.new["value"]) == KEPT_CHARACTERS + 1 and change.new["value"].endswith("…")


def test_the_details_stay_out_of_the_exchange_file(store, questionnaire):
    repo = store.repository
    a = repo.save(make_assessment())
    repo.complete(a)
    a.set_value("q01", "no")
    repo.complete(a)
    assert b"_changes" not in exchange.dumps(repo.get(a.id))


def test_put_back_restores_a_deleted_or_archived_assessment_exactly(store):
    repo = store.repository
    a = repo.save(make_assessment())
    repo.complete(a, by="Tom")
    a.set_value("q09", "yes")
    repo.complete(a, by="Tom")
    b = repo.save(make_assessment(title="Tweede"))
    before = [repo.stored(a.id), repo.stored(b.id)]
    repo.archive(a.id)
    repo.delete(b.id)
    repo.put_back(before)
    assert [repo.stored(a.id), repo.stored(b.id)] == before
    assert repo.get(a.id).status is Status.COMPLETED and len(repo) == 2
    assert repo.revision_changes(a.id)[1][0].key == "q09"
