"""The main window: the workspace (client) it shows, the list of assessments with its filters,
and the actions on them, whose work is done by the command groups (records, output,
workspaces) through the small interface of `host.Host`."""

from __future__ import annotations

import datetime as _dt
import functools
import gc
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QLabel, QMainWindow, QMenu, QStackedWidget, QVBoxLayout, QWidget

from lia_desktop import APP_NAME
from lia_desktop.app_context import AppContext
from lia_desktop.storage.errors import DamagedWorkspace, LiaError, PassphraseRequired, RolledBack, WrongPassphrase
from lia_desktop.storage.paths import DEFAULT_WORKSPACE
from lia_desktop.ui import dialogs, screen
from lia_desktop.ui.guard import describe, guarded
from lia_desktop.ui.main import actions
from lia_desktop.ui.main.empty import EmptyState
from lia_desktop.ui.main.filters import FilterBar
from lia_desktop.ui.main.overview import overview_text
from lia_desktop.ui.main.table import COLUMNS, AssessmentTable, assessment_view
from lia_desktop.ui.main.undo import UndoBar, UndoSteps
from lia_desktop.ui.qtcompat import emit
from lia_desktop.ui.style import STYLE_SHEET

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent  # an annotation only: Qt's event types are not loaded to start

    from lia_desktop.storage.workspace import WorkspaceStore
    from lia_desktop.ui.main.help import HelpCommands
    from lia_desktop.ui.main.output import OutputCommands
    from lia_desktop.ui.main.records import RecordCommands
    from lia_desktop.ui.main.workspaces import WorkspaceCommands
    from lia_desktop.ui.wizard.shell import AssessmentWizard


class MainWindow(QMainWindow):
    workspace_changed = Signal(str)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("main")
        self.setStyleSheet(STYLE_SHEET)  # its dialogs and the wizard inherit it
        self.store: WorkspaceStore | None = None
        self.workspace = ""
        self.wizard: AssessmentWizard | None = None
        self.model = AssessmentTable(ctx)
        self.undo = UndoSteps()
        self._build()
        self.retranslate()
        self._restore_geometry()

    # The command groups that do the work of the actions, each loaded when it is first used: the
    # export and most of the storage they need are not needed to show the window.

    @functools.cached_property
    def output(self) -> OutputCommands:
        from lia_desktop.ui.main.output import OutputCommands

        return OutputCommands(self)

    @functools.cached_property
    def records(self) -> RecordCommands:
        from lia_desktop.ui.main.records import RecordCommands

        return RecordCommands(self, self.output, self.undo)

    @functools.cached_property
    def workspaces(self) -> WorkspaceCommands:
        from lia_desktop.ui.main.workspaces import WorkspaceCommands

        return WorkspaceCommands(self)

    @functools.cached_property
    def help(self) -> HelpCommands:
        from lia_desktop.ui.main.help import HelpCommands

        return HelpCommands(self)

    def _command(self, name: str) -> Callable[[], Any]:
        """What the action `name` runs (see actions.COMMANDS), a failure shown to the user."""
        group, method = actions.COMMANDS[name]
        return guarded(lambda: getattr(self if group is None else getattr(self, group), method)(), self.show_error)

    # ---------------------------------------------------------------- building

    def _build(self) -> None:
        self.actions_by_name = actions.make_actions(self, {name: self._command(name) for name in actions.COMMANDS})
        self.examples_menu = QMenu(self)
        self.examples_menu.setObjectName("menu.examples")
        self.examples_menu.aboutToShow.connect(self._fill_examples)
        self.menus = actions.make_menus(self, self.actions_by_name, self.examples_menu)
        self.workspace_label = QLabel()
        self.workspace_box = QComboBox()
        self.workspace_box.setObjectName("workspace")
        self.workspace_box.setMinimumWidth(180)
        self.workspace_label.setBuddy(self.workspace_box)
        self.workspace_box.activated.connect(
            guarded(
                lambda i: self.open_workspace(self.workspace_box.itemData(i)) or self._fill_workspaces(),
                self.show_error,
            )
        )
        actions.make_toolbar(self, self.actions_by_name, [self.workspace_label, self.workspace_box])

        central = QWidget()
        column = QVBoxLayout(central)
        self.filters = FilterBar(self.refresh, lambda: self.table.setFocus())
        column.addWidget(self.filters)
        self.table = assessment_view(self.model)
        # activated: a double click, Return, or a single click where the desktop opens items so
        self.table.activated.connect(guarded(lambda _index: self.records.open_selected(), self.show_error))
        self.empty = EmptyState(self._command("new"), self.examples_menu, self._command("import"))
        self.list_area = QStackedWidget()
        self.list_area.setObjectName("list_area")
        self.list_area.addWidget(self.table)
        self.list_area.addWidget(self.empty)
        column.addWidget(self.list_area, 1)
        self.overview = QLabel()
        self.overview.setObjectName("overview")
        self.overview.setWordWrap(True)
        column.addWidget(self.overview)
        self.empty_hint = QLabel()
        self.empty_hint.setObjectName("empty_hint")
        self.empty_hint.setWordWrap(True)
        column.addWidget(self.empty_hint)
        self.setCentralWidget(central)
        self.undo_bar = UndoBar(self._command("undo"))
        self.statusBar().addPermanentWidget(self.undo_bar)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())

    # ---------------------------------------------------------------- language

    def retranslate(self) -> None:
        ui, t = self.ctx.ui, self.ctx.content
        locked = f" ({ui('encrypted')})" if self.store is not None and self.store.encrypted else ""
        shown = self.display_name(self.workspace)
        self.setWindowTitle(f"{APP_NAME} — {shown}{locked}" if self.workspace else APP_NAME)
        for name, action in self.actions_by_name.items():
            action.setText(ui(f"act_{name}"))
            action.setToolTip(ui(f"act_{name}"))
        for name, menu in self.menus.items():
            menu.setTitle(ui(name))
        self.examples_menu.setTitle(ui("act_examples"))
        self.examples_menu.clear()  # filled when it opens
        self.workspace_label.setText(ui("workspace") + " ")
        self.workspace_box.setAccessibleName(ui("workspace"))
        if self.workspace_box.count():
            self._fill_workspaces()  # the default workspace's name follows the language
        self.filters.retranslate(ui, t)
        self.table.setAccessibleName(ui("assessments"))
        self.empty.retranslate(ui)
        emit(self.model.headerDataChanged, Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        self.refresh()

    def _fill_examples(self) -> None:
        if self.examples_menu.actions():
            return
        from lia_desktop.export import exchange

        for path in self.ctx.examples():
            try:
                example = exchange.read(path, self.ctx.questionnaire)
            except LiaError:
                continue
            action = self.examples_menu.addAction(f"{example.title} ({example.language})")
            action.setObjectName(f"example.{path.name}")
            action.triggered.connect(
                guarded(lambda _checked=False, p=path: self.records.new_from_example(p), self.show_error)
            )

    # ---------------------------------------------------------------- workspaces

    def open_workspace(self, name: str, create: bool = True, passphrase: str | None = None) -> bool:
        """Switch to a workspace; errors are shown, damaged stores offer recovery, encrypted ones
        ask for their passphrase (kept in memory for this session only)."""
        if self.wizard is not None:
            return False
        from lia_desktop.storage.safe_storage import paused_gc  # loaded with the storage

        passphrase = passphrase or self.ctx.passphrases.get(name)
        try:
            store = self.ctx.workspaces.open(name, create=create, passphrase=passphrase)
        except (PassphraseRequired, WrongPassphrase) as exc:
            if isinstance(exc, WrongPassphrase):
                self.show_error(exc)
                self.ctx.passphrases.pop(name, None)
            ui = self.ctx.ui
            secret = dialogs.ask_password(self, ui("passphrase_title"), ui("passphrase_label", name=name))
            if not secret:
                self._show_unavailable(exc)
                return False
            return self.open_workspace(name, create, secret)
        except DamagedWorkspace as exc:
            return self._recover(name, exc)
        except RolledBack as exc:
            return self._keep_older(name, exc, passphrase)
        except LiaError as exc:
            self.show_error(exc)
            self._show_unavailable(exc)
            return False
        self.close_workspace()
        self.store, self.workspace = store, name
        if passphrase and store.encrypted:
            self.ctx.passphrases[name] = passphrase
        self.ctx.window_settings.setValue("last_workspace", name)
        self._fill_workspaces()
        with paused_gc():
            self.retranslate()
        # The workspace's objects live as long as it is open: set them aside from the cycle
        # collector, so its full collections do not rescan them while the user types.
        gc.freeze()
        emit(self.workspace_changed, name)
        return True

    def _show_unavailable(self, exc: BaseException) -> None:
        """With no workspace open, say why in the window itself and let the user pick another."""
        if self.store is None:
            self._fill_workspaces()
            self.empty_hint.setText(self.ctx.ui.error(exc)[0])
            self.empty_hint.setVisible(True)

    def _recover(self, name: str, exc: DamagedWorkspace) -> bool:
        message, detail = self.ctx.ui.error(exc)
        if not exc.backups:
            dialogs.show_error(self, self.ctx.ui("error_title"), message, detail)
            self._show_unavailable(exc)
            return False
        if not dialogs.confirm(
            self, self.ctx.ui("error_title"), message, self.ctx.ui("restore_backup"), self.ctx.ui("cancel")
        ):
            return False
        try:
            self.ctx.workspaces.restore(name, exc.backups[0], passphrase=self.ctx.passphrases.get(name))
        except LiaError as again:
            self.show_error(again)
            return False
        return self.open_workspace(name)

    def _keep_older(self, name: str, exc: RolledBack, passphrase: str | None) -> bool:
        """An older copy is in place of the workspace: it becomes the current version only when
        the user says so (as a restore: the copy is kept aside, the rollback mark follows)."""
        ui = self.ctx.ui
        if not dialogs.confirm(self, ui("error_title"), ui.error(exc)[0], ui("keep_older"), ui("cancel")):
            self._show_unavailable(exc)
            return False
        try:
            self.ctx.workspaces.restore(name, exc.path, passphrase=passphrase)
        except LiaError as again:
            self.show_error(again)
            return False
        return self.open_workspace(name, passphrase=passphrase)

    def _fill_workspaces(self) -> None:
        names = self.ctx.workspaces.names()
        if self.workspace and self.workspace not in names:
            names.append(self.workspace)
        self.workspace_box.blockSignals(True)
        self.workspace_box.clear()
        for name in sorted(names, key=lambda n: self.display_name(n).casefold()):
            self.workspace_box.addItem(self.display_name(name), name)
        self.workspace_box.setCurrentIndex(self.workspace_box.findData(self.workspace))
        self.workspace_box.blockSignals(False)

    def display_name(self, name: str) -> str:
        """A workspace as the user reads it: the default one is named in their language."""
        return self.ctx.ui("default_workspace") if name == DEFAULT_WORKSPACE else name

    def close_workspace(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None
        self.list_area.setCurrentWidget(self.table)

    # ---------------------------------------------------------------- the list

    def refresh(self) -> None:
        if self.store is None:
            self.model.set_rows([])
            self._update_actions()
            return
        everything = self.store.repository.summaries()
        today = _dt.date.today().isoformat()
        self.model.set_rows(self.filters.select(everything, today))
        self.overview.setText(overview_text(everything, len(self.model.rows), today, self.ctx.ui, self.ctx.content))
        self.empty_hint.setVisible(False)
        self.list_area.setCurrentWidget(self.table if everything else self.empty)
        self._update_actions()

    def selected_ids(self) -> list[str]:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return [self.model.data(index, Qt.ItemDataRole.UserRole) for index in rows]

    def select_id(self, assessment_id: str) -> None:
        for row in range(self.model.rowCount()):
            index = self.model.index(row, 0)
            if self.model.data(index, Qt.ItemDataRole.UserRole) == assessment_id:
                self.table.selectRow(row)
                self.table.scrollTo(index)
                return

    def listed_ids(self) -> list[str]:
        return [row.id for row in self.model.rows]

    def clear_filters(self) -> None:
        self.filters.clear()
        self.refresh()

    def _update_actions(self) -> None:
        actions.update_enabled(self.actions_by_name, len(self.selected_ids()), self.store is not None)
        step = self.undo.last(self.workspace) if self.store is not None else None
        self.actions_by_name["undo"].setEnabled(step is not None)
        self.undo_bar.show_step(step, self.ctx.ui)

    def focus_search(self) -> None:
        self.filters.focus_search()

    # ---------------------------------------------------------------- for the command groups

    def dialog_parent(self) -> QWidget:
        return self

    def show_error(self, exc: BaseException) -> None:
        message, detail = describe(self.ctx.ui, self.ctx.data_dir, exc)
        dialogs.show_error(self, self.ctx.ui("error_title"), message, detail)

    def tell(self, message: str, msecs: int) -> None:
        self.statusBar().showMessage(message, msecs)

    def save_draft(self) -> None:
        if self.wizard is not None:
            self.wizard.saver.flush()

    def activate(self) -> None:
        self.activateWindow()
        if self.list_area.currentWidget() is self.empty:
            self.empty.buttons["new"].setFocus()
        else:
            self.table.setFocus()

    # ---------------------------------------------------------------- settings

    def open_settings(self) -> Any:
        from lia_desktop.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.ctx.settings, self.ctx.questionnaire, self.ctx.ui, self)
        dialog.accepted.connect(lambda: self.apply_settings(dialog.result_settings()))
        dialog.open()
        return dialog

    def apply_settings(self, settings: Any) -> None:
        try:
            self.ctx.save_settings(settings)
        except LiaError as exc:
            self.show_error(exc)
            return
        self.retranslate()

    def welcome_first_run(self) -> Any:
        """The first start: ask once who uses the program (skippable); either way the settings
        are saved, so it is not asked again."""
        from lia_desktop.ui.first_run import FirstRunDialog

        dialog = FirstRunDialog(self.ctx.settings, self.ctx.questionnaire, self)
        dialog.finished.connect(lambda _result: self._first_run_done(dialog))
        dialog.open()
        return dialog

    def _first_run_done(self, dialog: Any) -> None:
        self.apply_settings(dialog.chosen_settings())
        self.activate()

    # ---------------------------------------------------------------- window state

    def _restore_geometry(self) -> None:
        geometry = self.ctx.window_settings.value("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            screen.fit_and_centre(self, 1100, 700)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.wizard is not None:
            self.wizard.reject()
            if self.wizard is not None and self.wizard.isVisible():
                event.ignore()
                return
        self.ctx.window_settings.setValue("geometry", self.saveGeometry())
        self.ctx.window_settings.sync()
        self.close_workspace()
        event.accept()
