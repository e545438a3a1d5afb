"""The main window: list, filters, duplicate, delete, import, export, preview, print, languages."""

from __future__ import annotations

import sys
import time
from dataclasses import replace

from PySide6.QtCore import QPoint, Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QAbstractButton, QLabel

from lia_desktop.assets import resources_dir
from lia_desktop.domain.model import Status
from lia_desktop.export import exchange
from lia_desktop.settings import Settings
from lia_desktop.ui.main.window import MainWindow
from lia_desktop.ui.qtcompat import _Probe, emit
from tests.conftest import make_assessment
from tests.gui.conftest import make_context

EXAMPLES = sorted((resources_dir() / "examples").glob("*.lia.json"))


def fill_store(window, count=3):
    repo = window.store.repository
    made = [repo.save(make_assessment(title=f"Actie {n}", organisation=f"Klant {n % 2}")) for n in range(count)]
    window.refresh()
    return made


def visible_titles(window):
    return [window.model.index(r, 0).data() for r in range(window.model.rowCount())]


def test_the_list_shows_every_assessment_with_its_verdict(window):
    made = fill_store(window)
    bad = window.store.repository.save(make_assessment(title="Sms-actie", ctx_special="special_yes"))
    window.refresh()
    assert window.model.rowCount() == 4
    row = next(r for r in range(4) if window.model.index(r, 0).data() == "Sms-actie")
    assert window.model.index(row, 3).data() == "Niet geschikt"
    tooltip = window.model.index(row, 3).data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip.startswith("Gerechtvaardigd belang volstaat niet")
    assert "4 beoordelingen" in window.overview.text() and "Geschikt: 3" in window.overview.text()
    assert {m.id for m in made} | {bad.id} == {window.model.rows[i].id for i in range(4)}


def test_search_and_filters(window):
    fill_store(window, 4)
    window.store.repository.save(make_assessment(title="Catalogus", organisation="Drukkerij", q05=None))
    window.refresh()
    window.filters.search.setText("drukkerij")
    assert visible_titles(window) == ["Catalogus"]
    window.filters.search.clear()
    window.filters.verdict_filter.setCurrentIndex(window.filters.verdict_filter.findData("incomplete"))
    assert visible_titles(window) == ["Catalogus"]
    window.filters.verdict_filter.setCurrentIndex(0)
    window.filters.status_filter.setCurrentIndex(window.filters.status_filter.findData("completed"))
    assert visible_titles(window) == []
    window.filters.status_filter.setCurrentIndex(0)
    assert len(visible_titles(window)) == 5


def test_review_due_is_highlighted_and_filtered(window):
    repo = window.store.repository
    late = make_assessment(title="Oude actie")
    late.review_date = "2020-01-01"
    repo.save(late)
    repo.save(make_assessment(title="Nieuwe actie"))
    window.refresh()
    window.filters.due_filter.setChecked(True)
    assert visible_titles(window) == ["Oude actie"]
    index = window.model.index(0, 5)
    assert "te laat" in index.data()
    assert index.data(Qt.ItemDataRole.ForegroundRole).color().name() == "#b71c1c"
    assert "1 te herzien" in window.overview.text()


def test_the_list_writes_dates_as_the_language_does_in_local_time(window, monkeypatch):
    monkeypatch.setenv("TZ", "Europe/Brussels")
    time.tzset()
    try:
        winter = make_assessment(title="Winter")
        winter.review_date = "2027-03-02"
        summer = make_assessment(title="Zomer")
        window.store.repository.save(winter)
        window.store.repository.save(summer)
        stamps = {"Winter": "2026-01-15T09:40:00Z", "Zomer": "2026-07-01T22:30:00Z"}
        rows = [r._replace(updated_at=stamps[r.title]) for r in window.store.repository.summaries()]  # stored: UTC
        window.model.set_rows(rows)
        cells = {window.model.rows[r].title: window.model.cells_of(r) for r in range(2)}
        # Brussels is UTC+1 in winter and UTC+2 in summer; Dutch writes day-month-year
        assert cells["Winter"][4] == "15-01-2026 10:40" and cells["Winter"][5] == "02-03-2027"
        assert cells["Zomer"][4] == "02-07-2026 00:30"
        # the newest first, by the moment stored, not by the text shown
        assert [window.model.index(r, 0).data() for r in range(2)] == ["Zomer", "Winter"]
        window.apply_settings(Settings(language="fr"))
        window.model.set_rows(rows)
        assert "15/01/2026 10:40" in [window.model.index(r, 4).data() for r in range(2)]
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_clicking_a_column_header_sorts_the_list_and_keeps_the_selection(window, qtbot):
    repo = window.store.repository
    for title, organisation, q05 in (
        ("Bakkerij", "b-klant", "yes"),
        ("Catalogus", "A-klant", None),
        ("Affiche", "c-klant", "yes"),
    ):
        repo.save(make_assessment(title=title, organisation=organisation, q05=q05))
    window.refresh()
    window.select_id(next(r.id for r in window.model.rows if r.title == "Catalogus"))
    header = window.table.horizontalHeader()
    header_pos = header.sectionViewportPosition(1) + 5
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(header_pos, 5))
    assert [window.model.index(r, 1).data() for r in range(3)] == ["A-klant", "b-klant", "c-klant"]  # case ignored
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(header_pos, 5))
    assert visible_titles(window) == ["Affiche", "Bakkerij", "Catalogus"]  # descending
    assert [window.model.rows[i.row()].title for i in window.table.selectionModel().selectedRows()] == ["Catalogus"]
    window.table.sortByColumn(3, Qt.SortOrder.AscendingOrder)  # verdicts from suitable to not suitable
    assert window.model.rows[-1].title == "Catalogus"  # q05 open: incomplete, after the two suitable ones
    window.refresh()  # a refresh keeps the order chosen
    assert window.model.rows[-1].title == "Catalogus" and window.model.sort_column == 3


def test_duplicate_and_delete_with_confirmation(window, answers):
    made = fill_store(window, 2)
    window.select_id(made[0].id)
    window.actions_by_name["duplicate"].trigger()
    assert window.model.rowCount() == 3
    copy_id = window.selected_ids()[0]
    assert copy_id not in {m.id for m in made}
    assert window.store.repository.get(copy_id).status is Status.DRAFT
    answers.confirm = False
    window.actions_by_name["delete"].trigger()
    assert window.model.rowCount() == 3 and "Actie 0" in answers.asked[-1]
    answers.confirm = True
    window.select_id(copy_id)
    window.actions_by_name["delete"].trigger()
    assert window.model.rowCount() == 2 and copy_id not in window.store.repository


def test_archive_and_back(window):
    (made,) = fill_store(window, 1)
    window.select_id(made.id)
    window.actions_by_name["archive"].trigger()
    assert window.store.repository.get(made.id).status is Status.ARCHIVED
    window.select_id(made.id)
    window.actions_by_name["archive"].trigger()
    assert window.store.repository.get(made.id).status is Status.DRAFT


def test_import_examples_and_refuse_a_bad_file(window, answers, tmp_path):
    answers.files = [str(p) for p in EXAMPLES]
    window.actions_by_name["import"].trigger()
    assert window.model.rowCount() == len(EXAMPLES)
    bad = tmp_path / "bad.lia.json"
    bad.write_text("{", encoding="utf-8")
    answers.files = [str(bad)]
    window.actions_by_name["import"].trigger()
    assert answers.errors and "bad.lia.json" in answers.errors[-1]
    answers.files = [str(EXAMPLES[0])]
    answers.confirm = True  # import the clash as a copy
    window.actions_by_name["import"].trigger()
    assert window.model.rowCount() == len(EXAMPLES) + 1


def test_new_from_an_example_is_a_fresh_draft(window):
    window._fill_examples()  # what opening the menu does
    actions = window.examples_menu.actions()
    assert len(actions) == len(EXAMPLES)
    actions[0].trigger()
    wizard = window.wizard
    assert wizard is not None and wizard.draft.title and wizard.draft.status is Status.DRAFT
    example = exchange.read(EXAMPLES[0], window.ctx.questionnaire)
    assert wizard.draft.assessor == window.ctx.settings.user_name != example.assessor  # the user, not the example's
    assert wizard.draft.signoff_name == "" and wizard.draft.review_date == ""  # asked and dated anew
    wizard.close()


def test_export_pdf_json_and_all_with_progress(window, answers, tmp_path):
    made = fill_store(window, 3)
    window.select_id(made[0].id)
    answers.save_to = str(tmp_path / "record.pdf")
    window.actions_by_name["export_pdf"].trigger()
    assert (tmp_path / "record.pdf").read_bytes().startswith(b"%PDF")
    answers.save_to = str(tmp_path / "record.lia.json")
    window.actions_by_name["export_json"].trigger()
    assert b'"lia-assessment"' in (tmp_path / "record.lia.json").read_bytes()
    window.table.clearSelection()
    answers.folder = str(tmp_path / "all")
    (tmp_path / "all").mkdir()
    written = window.output.export_all()
    assert len(written) == 3 and all(p.exists() for p in written)
    answers.save_to = str(tmp_path / "missing" / "x.pdf")
    window.select_id(made[1].id)
    window.actions_by_name["export_pdf"].trigger()
    assert answers.errors  # an unwritable target gets a message, not a crash


def test_save_dialogs_open_in_the_folder_used_last_never_the_working_folder(window, answers, tmp_path, monkeypatch):
    from pathlib import Path

    monkeypatch.chdir(Path(__file__).parents[2])  # started from the program's own folder
    (made,) = fill_store(window, 1)
    window.select_id(made.id)
    answers.save_to = str(tmp_path / "client" / "record.pdf")
    (tmp_path / "client").mkdir()
    window.actions_by_name["export_pdf"].trigger()
    first = Path(answers.suggested[0]).parent  # the documents folder, else home
    assert first.is_dir() and first.resolve() != Path.cwd().resolve()
    window.actions_by_name["export_json"].trigger()
    assert Path(answers.suggested[1]).parent == tmp_path / "client"  # where the last file went


def test_preview_and_print(window, tmp_path, qtbot):
    (made,) = fill_store(window, 1)
    window.select_id(made.id)
    dialog = window.output.preview_selected()
    qtbot.addWidget(dialog)
    assert dialog.page_count >= 3
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert dialog.print_to(printer)
    assert (tmp_path / "printed.pdf").read_bytes() == dialog.data  # the record itself, not a picture of it
    path = dialog.open_in_viewer()
    assert path is not None and path.read_bytes().startswith(b"%PDF")


def test_language_switch_changes_every_visible_label(window):
    fill_store(window, 1)

    def labels():
        found = {}
        for widget in window.findChildren(QLabel) + window.findChildren(QAbstractButton):
            if widget.isVisibleTo(window) and widget.text():
                found[widget.objectName() or repr(widget)] = widget.text()
        for name, action in window.actions_by_name.items():
            found[f"action.{name}"] = action.text()
        for name, menu in window.menus.items():
            found[name] = menu.title()
        for column in range(window.model.columnCount()):
            found[f"column{column}"] = window.model.headerData(column, Qt.Orientation.Horizontal)
        found["search"] = window.filters.search.placeholderText()
        found["verdict filter"] = window.filters.verdict_filter.itemText(0)
        return found

    dutch = labels()
    window.apply_settings(Settings(language="fr"))
    french = labels()
    assert set(dutch) == set(french)
    unchanged = {k: v for k, v in french.items() if dutch[k] == v}
    assert unchanged == {}, unchanged
    assert french["action.new"] == "Nouvelle évaluation"
    assert window.model.index(0, 2).data() == "Brouillon"


def test_settings_are_remembered(window, ctx, tmp_path):
    from lia_desktop import settings as settings_file

    window.apply_settings(Settings(language="en", consultant="Sofie Peeters", firm="Privacy bv", paper="letter"))
    stored = settings_file.load(ctx.data_dir)
    assert (stored.language, stored.consultant, stored.paper) == ("en", "Sofie Peeters", "letter")
    dialog = window.open_settings()
    assert dialog.consultant.text() == "Sofie Peeters"
    dialog.review.setValue(6)
    dialog.accept()
    assert settings_file.load(ctx.data_dir).review_months == 6
    window.close()


def test_a_business_assessing_itself_prints_no_consultant(window, ctx):
    kept = Settings(language="en", consultant="Sofie Peeters", firm="Privacy bv", role="consultant")
    assert kept.branding() == ("Sofie Peeters", "Privacy bv", "")
    owner = Settings(language="en", consultant="Sofie Peeters", firm="Privacy bv", role="owner")
    assert owner.branding() == ("", "", "")
    window.apply_settings(kept)
    dialog = window.open_settings()
    assert dialog.consultant.isVisibleTo(dialog) and dialog.firm.isVisibleTo(dialog)
    dialog.role.setCurrentIndex(dialog.role.findData("owner"))
    assert not dialog.consultant.isVisibleTo(dialog) and not dialog.firm.isVisibleTo(dialog)
    dialog.accept()
    stored = window.ctx.settings
    assert (stored.role, stored.firm) == ("owner", "Privacy bv")  # kept for a change of role
    assert window.output._branding().firm == ""
    window.close()


def test_size_and_last_workspace_are_remembered(qtbot, tmp_path, questionnaire, answers):
    data = tmp_path / "data"
    first = MainWindow(make_context(data, questionnaire))
    qtbot.addWidget(first)
    first.show()
    first.open_workspace("Klant A")
    first.resize(700, 500)  # inside the offscreen screen (800 x 600)
    first.close()
    second = MainWindow(make_context(data, questionnaire))
    qtbot.addWidget(second)
    assert second.ctx.window_settings.value("last_workspace") == "Klant A"
    assert (second.size().width(), second.size().height()) == (700, 500)


def test_workspaces_per_client(window, answers):
    answers.text = "Bakkerij Janssens"
    window.actions_by_name["workspace_new"].trigger()
    assert window.workspace == "Bakkerij Janssens"
    assert window.workspace_box.findText("Bakkerij Janssens") >= 0
    fill_store(window, 1)
    answers.text = "Bakkerij Peeters"
    window.actions_by_name["workspace_rename"].trigger()
    assert window.workspace == "Bakkerij Peeters" and window.model.rowCount() == 1
    answers.confirm = True
    window.actions_by_name["workspace_delete"].trigger()
    assert "Bakkerij Peeters" not in window.ctx.workspaces.names()
    answers.text = "bad/name"
    window.actions_by_name["workspace_new"].trigger()
    assert answers.errors and "bad/name" in answers.errors[-1]


def test_a_damaged_workspace_offers_its_backup(window, answers):
    fill_store(window, 2)
    window.close_workspace()
    window.open_workspace("default")  # a new session: a backup is taken at the first write
    fill_store(window, 1)
    window.close_workspace()
    path = window.ctx.workspaces.path("default")
    path.write_bytes(b'{"assessments": ')
    answers.confirm = True
    assert window.open_workspace("default")
    assert "beschadigd" in answers.asked[-1]
    assert window.model.rowCount() == 2


def test_a_workspace_in_use_is_reported(window, answers, ctx):
    other = ctx.workspaces.open("busy", create=True)
    try:
        assert not window.open_workspace("busy")
        assert "in gebruik" in answers.errors[-1]
    finally:
        other.close()


def test_emit_keeps_references_to_true():
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(5000):
        emit(probe.ping)
    assert abs(sys.getrefcount(True) - before) < 50


def test_a_second_copy_finds_the_workspace_in_use(qtbot, tmp_path, questionnaire, answers):
    data = tmp_path / "data"
    first = make_context(data, questionnaire).workspaces.open("default", create=True)
    try:
        second = MainWindow(make_context(data, questionnaire))
        qtbot.addWidget(second)
        second.show()
        assert not second.open_workspace("default")
        assert "in gebruik" in answers.errors[-1]
        assert "in gebruik" in second.empty_hint.text() and second.empty_hint.isVisible()
        assert not second.actions_by_name["new"].isEnabled()
    finally:
        first.close()
    assert second.open_workspace("default")


def test_an_encrypted_workspace_asks_for_its_passphrase(qtbot, tmp_path, questionnaire, answers):
    data = tmp_path / "data"
    first = MainWindow(make_context(data, questionnaire))
    qtbot.addWidget(first)
    first.show()
    answers.text = "Kluis"
    answers.passwords = ["geheim", "geheim"]
    first.actions_by_name["workspace_new"].trigger()
    assert first.workspace == "Kluis" and first.store.encrypted
    assert "versleuteld" in first.windowTitle()
    fill_store(first, 1)
    first.close()
    assert b"Actie 0" not in first.ctx.workspaces.path("Kluis").read_bytes()

    second = MainWindow(make_context(data, questionnaire))
    qtbot.addWidget(second)
    second.show()
    answers.passwords = ["fout", "geheim"]
    assert second.open_workspace("Kluis")
    assert answers.errors and "wachtwoord" in answers.errors[-1]
    assert second.model.rowCount() == 1
    second.close()
    answers.passwords = [None]  # cancelled
    third = MainWindow(make_context(data, questionnaire))
    qtbot.addWidget(third)
    assert not third.open_workspace("Kluis")
    assert "versleuteld" in third.empty_hint.text()


def test_a_mistyped_new_passphrase_creates_nothing(window, answers):
    answers.text = "Kluis"
    answers.passwords = ["geheim", "gehiem"]
    window.actions_by_name["workspace_new"].trigger()
    assert "Kluis" not in window.ctx.workspaces.names()
    assert "verschillen" in answers.errors[-1]


def test_a_record_whose_law_changed_is_marked_for_review(window):
    from lia_desktop.domain.model import Status

    stored = window.store.repository.save(make_assessment(title="Oude nieuwsbrief"))
    stored.status = Status.COMPLETED
    # completed under the first content version: the rules it rested on have changed since
    stored.advice_basis = {"content_version": 1, "on": "2025-01-10", "rules": {}}
    window.store.repository._put(stored)
    window.refresh()
    row = next(r for r in range(window.model.rowCount()) if window.model.index(r, 0).data() == "Oude nieuwsbrief")
    marker = window.ctx.content.get("advice", "law_changed")
    assert marker in window.model.index(row, 5).data()
    assert window.model.index(row, 5).data(Qt.ItemDataRole.ToolTipRole) == window.ctx.content.get(
        "advice", "law_changed_hint"
    )
    verdict_tip = window.model.index(row, 3).data(Qt.ItemDataRole.ToolTipRole)
    assert "E-mail" in verdict_tip  # the verdict per channel beside the overall one


def test_counts_use_each_language_s_plural_forms(window):
    window.store.repository.save(make_assessment(title="Eén"))
    window.refresh()
    assert "1 beoordeling" in window.overview.text() and "1 beoordelingen" not in window.overview.text()
    ui = window.ctx.ui
    assert ui.plural("deleted", 1) == "1 beoordeling verwijderd."
    assert ui.plural("deleted", 2) == "2 beoordelingen verwijderd."
    french = type(ui)(window.ctx.questionnaire, "fr")
    assert french.plural("imported", 0) == "0 évaluation importée."  # French: 0 and 1 are singular
    assert french.plural("imported", 3) == "3 évaluations importées."


def test_the_default_workspace_and_qt_s_file_dialog_speak_the_user_s_language(window):
    from PySide6.QtWidgets import QFileDialog

    from lia_desktop.ui import dialogs

    assert window.workspace_box.currentText() == "Mijn werkruimte"
    assert window.workspace_box.currentData() == "default"
    assert "Mijn werkruimte" in window.windowTitle()
    window.ctx.save_settings(replace(window.ctx.settings, language="fr"))
    window.retranslate()
    assert window.workspace_box.currentText() == "Mon espace de travail"
    dialog = dialogs._file_dialog(window, "x", "", "PDF (*.pdf)", QFileDialog.FileMode.AnyFile)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    labels = [dialog.labelText(label) for label in (QFileDialog.DialogLabel.LookIn, QFileDialog.DialogLabel.FileType)]
    assert labels == ["&Regarder dans\u00a0:", "&Type de fichier\u00a0:"]
    assert dialog.labelText(QFileDialog.DialogLabel.Reject) == "Annuler"  # Qt's own catalog
    dialog.deleteLater()


def test_the_help_menu_lists_the_shortcuts_and_opens_the_data_folder(window, answers, ctx):
    from PySide6.QtGui import QKeySequence

    names = [a.objectName() for a in window.menus["menu_help"].actions() if a.objectName()]
    assert names == ["action.shortcuts", "action.data_folder", "action.about"]
    window.actions_by_name["shortcuts"].trigger()
    shown = answers.asked[-1]
    new_keys = QKeySequence(QKeySequence.StandardKey.New).toString(QKeySequence.SequenceFormat.NativeText)
    assert f"<b>{new_keys}</b></td><td>{ctx.ui('act_new')}" in shown
    assert ctx.ui("act_blank") not in shown  # no shortcut, not listed
    window.actions_by_name["data_folder"].trigger()
    assert answers.asked[-1] == str(ctx.data_dir)  # handed to the file manager


def test_cancel_on_the_copy_question_imports_nothing_and_says_no_error(window, answers):
    window.store.repository.add_many([exchange.read(EXAMPLES[0], window.ctx.questionnaire)])
    window.refresh()
    answers.files = [str(p) for p in EXAMPLES[:3]]
    answers.confirm = False  # "Cancel" on "Import them as copies?"
    window.actions_by_name["import"].trigger()
    assert answers.errors == [] and len(window.store.repository.summaries()) == 1


def test_a_copy_hidden_by_the_filters_is_shown_and_selected(window, answers):
    made = window.store.repository.save(make_assessment(title="Afgerond"))
    window.store.repository.complete(made, by="Tom")
    window.refresh()
    window.filters.status_filter.setCurrentIndex(window.filters.status_filter.findData("completed"))
    window.select_id(made.id)
    window.actions_by_name["duplicate"].trigger()  # the copy is a draft: the filter would hide it
    assert len(window.selected_ids()) == 1 and window.selected_ids()[0] != made.id
    assert window.filters.status_filter.currentData() is None and len(visible_titles(window)) == 2


def test_search_escape_empties_then_leaves_and_return_goes_to_the_list(window, qtbot):
    fill_store(window, 2)
    window.show()
    window.filters.focus_search()
    qtbot.keyClicks(window.filters.search, "Actie 1")
    assert visible_titles(window) == ["Actie 1"]
    qtbot.keyClick(window.filters.search, Qt.Key.Key_Escape)
    assert window.filters.search.text() == "" and len(visible_titles(window)) == 2
    assert "getoond" not in window.overview.text()
    qtbot.keyClicks(window.filters.search, "Actie 1")
    assert window.overview.text().endswith("1 getoond")  # how many of the workspace's are on screen
    qtbot.keyClick(window.filters.search, Qt.Key.Key_Return)
    assert window.table.hasFocus()


def test_the_workspace_box_shows_the_open_workspace_after_a_switch_that_failed(window, answers):
    window.ctx.workspaces.create("Geheim", passphrase="een lange geheime zin")
    window.ctx.passphrases.clear()
    window.refresh()
    window._fill_workspaces()
    box = window.workspace_box
    answers.passwords = [None]  # the passphrase question cancelled
    box.activated.emit(box.findData("Geheim"))
    assert window.workspace == "default" and box.currentData() == "default"


def test_workspace_commands_wait_for_an_open_workspace_and_name_the_default_one_in_the_users_language(window, answers):
    answers.confirm = False
    window.actions_by_name["workspace_delete"].trigger()
    assert "Mijn werkruimte" in answers.asked[-1] and "default" not in answers.asked[-1]
    window.close_workspace()
    window.refresh()
    assert not any(
        window.actions_by_name[a].isEnabled() for a in ("workspace_rename", "workspace_delete", "workspace_restore")
    )


def test_a_long_title_can_be_read_whole_in_its_tooltip(window):
    title = "Een zeer lange titel " * 8
    window.store.repository.save(make_assessment(title=title.strip()))
    window.refresh()
    assert window.model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) == title.strip()


def test_a_logo_that_cannot_be_printed_is_refused_in_settings_and_told_in_the_users_language(
    window, ctx, answers, tmp_path
):
    from lia_desktop import settings as settings_file

    window.apply_settings(Settings(language="fr", role="consultant", consultant="Sofie Peeters"))
    broken = tmp_path / "logo.png"
    broken.write_text("not an image", encoding="utf-8")
    dialog = window.open_settings()
    dialog.logo.setText(str(broken))
    dialog.accept()
    assert dialog.isVisible() and "ne peut pas être lu" in answers.errors[-1]
    assert settings_file.load(ctx.data_dir).logo == ""  # nothing saved
    dialog.logo.setText(str(resources_dir() / "icons" / "lia-desktop-64.png"))
    dialog.accept()
    assert not dialog.isVisible() and settings_file.load(ctx.data_dir).logo.endswith("lia-desktop-64.png")
    # a logo that went missing later: the export says so in French, not in ReportLab's words
    window.apply_settings(replace(settings_file.load(ctx.data_dir), logo=str(tmp_path / "gone.png")))
    made = window.store.repository.save(make_assessment(title="Met logo"))
    window.refresh()
    window.select_id(made.id)
    answers.save_to = str(tmp_path / "record.pdf")
    window.actions_by_name["export_pdf"].trigger()
    assert answers.errors[-1].startswith("Le logo") and "paramètres" in answers.errors[-1]
    assert not (tmp_path / "record.pdf").exists()


def test_a_double_click_opens_the_assessment_once(window, qtbot):
    made = fill_store(window, 1)
    window.show()
    qtbot.waitExposed(window)
    rect = window.table.visualRect(window.model.index(0, 0))
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.selected_ids() == [made[0].id]
    qtbot.mouseDClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.wizard is not None and window.wizard.draft.id == made[0].id
    window.wizard.reject()


def test_restore_offers_every_good_backup_by_date_and_puts_back_the_one_chosen(window, answers):
    import datetime as dt

    repo = window.store.repository
    path, backups = window.store.path, window.ctx.workspaces.backups("default")
    for n, title in enumerate(("Eerste", "Tweede", "Derde")):
        repo.save(make_assessment(title=title))
        backups.take(path, now=dt.datetime(2026, 3, 1 + n, 9, 0, tzinfo=dt.UTC))
    repo.save(make_assessment(title="Vierde"))
    window.refresh()
    answers.choice = 2  # after the session's own backup (its first write) and 3 March: the one taken after "Tweede"
    window.actions_by_name["workspace_restore"].trigger()
    offered = answers.choices[-1]
    assert len(offered) == 4 and "3 maart 2026" in offered[1] and "2 maart 2026" in offered[2]
    assert sorted(r.title for r in window.store.repository.summaries()) == ["Eerste", "Tweede"]
    answers.choice = None  # cancelled: nothing changes
    window.actions_by_name["workspace_restore"].trigger()
    assert sorted(r.title for r in window.store.repository.summaries()) == ["Eerste", "Tweede"]
