"""The window under failure: an unexpected error in an action, the preview or printing is one
clear message with the log's path, never an exception escaping into Qt; an older copy of an
encrypted workspace is told, and kept only when the user says so."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtWidgets import QProgressDialog

from lia_desktop.crash_log import log_path
from lia_desktop.storage.repository import Repository
from lia_desktop.ui.main.window import MainWindow
from tests.conftest import make_assessment
from tests.gui.conftest import make_context


def _fill(window, count=2, **changes):
    made = [window.store.repository.save(make_assessment(title=f"Actie {n}", **changes)) for n in range(count)]
    window.refresh()
    return made


def _broken(*_args, **_kwargs):
    raise RuntimeError("a bug nobody foresaw")


def _told_and_logged(window, answers):
    log = log_path(window.ctx.data_dir)
    assert len(answers.errors) == 1 and str(log) in answers.errors[0]
    assert "onverwachts" in answers.errors[0]  # in the user's language (Dutch here)
    assert "RuntimeError: a bug nobody foresaw" in log.read_text(encoding="utf-8")


def test_an_unexpected_error_in_the_preview_is_told_and_logged(window, answers, monkeypatch):
    from lia_desktop.export import pdf

    (made, _) = _fill(window)
    window.select_id(made.id)
    monkeypatch.setattr(pdf, "render_record", _broken)
    window.actions_by_name["preview"].trigger()
    window.actions_by_name["print"].trigger()
    assert len(answers.errors) == 2
    answers.errors.pop()
    _told_and_logged(window, answers)


def test_an_unexpected_error_while_printing_is_told_and_logged(window, answers, monkeypatch, qtbot):
    from lia_desktop.ui import dialogs
    from lia_desktop.ui.preview import PreviewDialog

    (made, _) = _fill(window)
    window.select_id(made.id)
    dialog = window.output.preview_selected()
    qtbot.addWidget(dialog)
    monkeypatch.setattr(dialogs, "ask_print", lambda *_a: True)
    monkeypatch.setattr(PreviewDialog, "print_to", _broken)
    dialog.print_button.click()
    _told_and_logged(window, answers)
    dialog.close()


def test_export_all_stops_cleanly_when_a_record_cannot_be_made(window, answers, monkeypatch, tmp_path):
    from lia_desktop.export import pdf

    _fill(window, 3)
    answers.folder = str(tmp_path / "out")
    (tmp_path / "out").mkdir()
    made = []
    real = pdf.render_record

    def second_fails(assessment, *args, **kwargs):
        made.append(assessment.id)
        if len(made) == 2:
            raise RuntimeError("a bug nobody foresaw")
        return real(assessment, *args, **kwargs)

    monkeypatch.setattr(pdf, "render_record", second_fails)
    window.actions_by_name["export_all"].trigger()
    _told_and_logged(window, answers)
    assert len(list((tmp_path / "out").glob("*.pdf"))) == 1
    assert not [p for p in window.findChildren(QProgressDialog) if p.isVisible()]


def test_an_unexpected_error_in_any_action_is_told_and_logged(window, answers, monkeypatch):
    (made, _) = _fill(window)
    window.select_id(made.id)
    monkeypatch.setattr(Repository, "duplicate", _broken)
    window.actions_by_name["duplicate"].trigger()
    _told_and_logged(window, answers)


def test_export_all_gives_records_that_share_a_name_a_file_each(window, answers, tmp_path):
    repo = window.store.repository
    twin = "3f1c2a9e-0000-4c1e-9a2f-6d8b0e4c7a11"
    for assessment_id in ("3f1c2a9e-5b7d-4c1e-9a2f-6d8b0e4c7a11", twin):
        assessment = make_assessment(title="Nieuwsbrief", organisation="Bakkerij")
        assessment.id = assessment_id
        repo.save(assessment)
    window.refresh()
    answers.folder = str(tmp_path)
    written = window.output.export_all()
    assert len(written) == 2 and len(set(written)) == 2 and not answers.errors


SECRET = "geheim wachtwoord"


@pytest.fixture
def rolled_back(tmp_path, questionnaire):
    """An encrypted workspace with an older copy of itself put in its place."""
    ctx = make_context(tmp_path / "data", questionnaire)
    for n in range(2):
        with ctx.workspaces.open("kluis", create=True, passphrase=SECRET) as store:
            store.repository.add(make_assessment(title=f"Actie {n}"))
    older = ctx.workspaces.backups("kluis").list()[0].path  # the state after the first session
    shutil.copy(older, ctx.workspaces.path("kluis"))
    return ctx


@pytest.mark.parametrize("keep", [True, False])
def test_an_older_copy_of_an_encrypted_workspace_is_told_and_kept_only_on_request(qtbot, rolled_back, answers, keep):
    answers.passwords = [SECRET]
    answers.confirm = keep
    window = MainWindow(rolled_back)
    qtbot.addWidget(window)
    assert window.open_workspace("kluis") is keep
    assert "ouder dan de versie" in answers.asked[0]
    if keep:
        assert [row.title for row in window.store.repository.list()] == ["Actie 0"]
        assert list((rolled_back.data_dir / "set-aside").iterdir())  # the copy as it was, kept aside
        window.close_workspace()
        assert window.open_workspace("kluis")  # and from now on it opens without a word
        assert len(answers.asked) == 1
    else:
        assert window.store is None
    window.close_workspace()
