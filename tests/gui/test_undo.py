"""Undo for delete and archive, from the status bar, for as long as the window is open."""

from __future__ import annotations

from lia_desktop.domain.model import Status
from tests.conftest import make_assessment


def stored_in(window, count=2):
    repo = window.store.repository
    made = [repo.save(make_assessment(title=f"Actie {n}")) for n in range(count)]
    repo.complete(made[0], by="Tom")
    window.refresh()
    return made


def test_a_deleted_assessment_comes_back_exactly(window, answers):
    made = stored_in(window)
    before = window.store.repository.stored(made[0].id)
    window.select_id(made[0].id)
    window.actions_by_name["delete"].trigger()
    assert "Ctrl+Z" in answers.asked[-1] and "Actie 0" in answers.asked[-1]
    assert made[0].id not in window.store.repository
    assert window.undo_bar.isVisible() and "„Actie 0”" in window.undo_bar.label.text()
    assert window.actions_by_name["undo"].isEnabled()
    window.undo_bar.button.click()
    assert window.store.repository.stored(made[0].id) == before
    assert window.selected_ids() == [made[0].id]
    assert not window.undo_bar.isVisible() and not window.actions_by_name["undo"].isEnabled()
    assert "Ongedaan gemaakt" in window.statusBar().currentMessage()


def test_undo_goes_back_step_by_step_also_for_archive(window, answers):
    made = stored_in(window)
    window.select_id(made[0].id)
    window.actions_by_name["archive"].trigger()
    assert window.store.repository.get(made[0].id).status is Status.ARCHIVED
    assert window.selected_ids() == [made[0].id]  # still selected, to go on with
    window.select_id(made[1].id)
    window.actions_by_name["delete"].trigger()
    window.actions_by_name["undo"].trigger()  # Ctrl+Z: the delete first
    assert made[1].id in window.store.repository
    assert "Gearchiveerd" in window.undo_bar.label.text()
    window.actions_by_name["undo"].trigger()  # then the archive, without a trace in the history
    restored = window.store.repository.get(made[0].id)
    assert restored.status is Status.COMPLETED and [r.event.value for r in restored.revisions] == ["completed"]


def test_undo_belongs_to_its_workspace_and_lasts_until_the_window_closes(window, answers):
    made = stored_in(window, 1)
    window.select_id(made[0].id)
    window.actions_by_name["delete"].trigger()
    window.open_workspace("Klant B")
    assert not window.undo_bar.isVisible() and not window.actions_by_name["undo"].isEnabled()
    window.open_workspace("default")
    assert window.undo_bar.isVisible()
    window.actions_by_name["undo"].trigger()
    assert made[0].id in window.store.repository


def test_undo_never_rolls_back_over_a_later_change(window, answers):
    made = stored_in(window, 1)
    window.select_id(made[0].id)
    window.actions_by_name["archive"].trigger()
    later = window.store.repository.get(made[0].id)
    later.title = "Actie 0, later aangepast"
    window.store.repository.save(later)  # as the wizard stores an edit
    window.actions_by_name["undo"].trigger()
    assert window.store.repository.get(made[0].id).title == "Actie 0, later aangepast"  # nothing lost
    assert "niet meer ongedaan" in answers.asked[-1] and "Actie 0" in answers.asked[-1]
    assert not window.undo_bar.isVisible() and not window.actions_by_name["undo"].isEnabled()  # given up


def test_undo_of_a_delete_never_overwrites_an_assessment_brought_back_otherwise(window, answers):
    made = stored_in(window, 1)
    window.select_id(made[0].id)
    window.actions_by_name["delete"].trigger()
    again = make_assessment(title="Opnieuw geïmporteerd")
    again.id = made[0].id
    window.store.repository.add_many([again])  # imported again meanwhile, under the same id
    window.actions_by_name["undo"].trigger()
    assert window.store.repository.get(made[0].id).title == "Opnieuw geïmporteerd"
    assert "niet meer ongedaan" in answers.asked[-1]
