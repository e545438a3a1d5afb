"""The main window: workspaces (clients), the list of assessments, and every action on them."""

from __future__ import annotations

import datetime as _dt
import gc
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QBrush, QCloseEvent, QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QProgressDialog,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from lia_desktop import APP_NAME, __version__, palette
from lia_desktop.app_context import AppContext
from lia_desktop.domain.model import Assessment, Status, Verdict
from lia_desktop.export import exchange
from lia_desktop.export.filenames import record_name
from lia_desktop.export.output import write_output
from lia_desktop.storage.errors import DamagedWorkspace, LiaError, PassphraseRequired, WrongPassphrase
from lia_desktop.storage.repository import Summary, filter_summaries
from lia_desktop.storage.safe_storage import paused_gc
from lia_desktop.storage.workspace import WorkspaceStore
from lia_desktop.ui import dialogs
from lia_desktop.ui.qtcompat import emit

if TYPE_CHECKING:
    from lia_desktop.ui.wizard import AssessmentWizard

COLUMNS = ("title", "organisation", "status", "verdict", "updated", "review")
Index = QModelIndex | QPersistentModelIndex


class AssessmentTable(QAbstractTableModel):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.rows: list[Summary] = []
        self.cells: list[tuple[str, ...]] = []
        self.sort_column, self.sort_order = COLUMNS.index("updated"), Qt.SortOrder.DescendingOrder
        self.today = _dt.date.today().isoformat()

    def set_rows(self, rows: list[Summary]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.today = _dt.date.today().isoformat()
        self.cells = [self._cells(row) for row in rows]  # worked out once, not on every paint
        self.endResetModel()
        self.sort(self.sort_column, self.sort_order)

    def _cells(self, row: Summary) -> tuple[str, ...]:
        t, ui = self.ctx.content, self.ctx.ui
        review = f"{row.review_date} ⚠ {ui('overdue')}" if row.review_due(self.today) else row.review_date
        return (
            row.title or ui("untitled"),
            row.organisation,
            t.status(row.status),
            t.verdict_short(row.verdict),
            row.updated_at.replace("T", " ")[:16],
            review,
        )

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.ctx.ui(f"col_{COLUMNS[section]}")
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.cells[index.row()][index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and column == "verdict":
            return self.ctx.content.verdict(row.verdict)
        if role == Qt.ItemDataRole.BackgroundRole and column == "verdict":
            return QBrush(QColor(palette.VERDICT.get(row.verdict, ("#ffffff", ""))[0]))
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == "verdict":
                return QBrush(QColor(palette.VERDICT.get(row.verdict, ("", "#000000"))[1]))
            if column == "review" and row.review_due(self.today):
                return QBrush(QColor("#b71c1c"))
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        if role == Qt.ItemDataRole.UserRole + 1:  # sort key
            return {"updated": row.updated_at, "review": row.review_date or "9999"}.get(column, str(self.data(index)))
        return None


class MainWindow(QMainWindow):
    workspace_changed = Signal(str)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("main")
        self.store: WorkspaceStore | None = None
        self.workspace = ""
        self.wizard: AssessmentWizard | None = None
        self.model = AssessmentTable(ctx)
        self._build()
        self.retranslate()
        self._restore_geometry()

    # ---------------------------------------------------------------- building

    def _action(self, name: str, slot: Callable[[], Any], shortcut: QKeySequence | str | None = None) -> QAction:
        action = QAction(self)
        action.setObjectName(f"action.{name}")
        action.triggered.connect(lambda _checked=False: slot())
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        self.actions_by_name[name] = action
        return action

    def _build(self) -> None:
        self.actions_by_name: dict[str, QAction] = {}
        a = self._action
        std = QKeySequence.StandardKey
        a("new", self.new_assessment, std.New)
        a("open", self.open_selected, std.Open)
        a("duplicate", self.duplicate_selected, "Ctrl+D")
        a("archive", self.archive_selected, "Ctrl+Shift+A")
        a("delete", self.delete_selected, std.Delete)
        a("import", self.import_files, "Ctrl+I")
        a("export_json", self.export_json, std.Save)
        a("export_pdf", self.export_pdf, "Ctrl+E")
        a("export_all", self.export_all, "Ctrl+Shift+E")
        a("blank", self.export_blank, None)
        a("preview", self.preview_selected, "Ctrl+Shift+P")
        a("print", self.print_selected, std.Print)
        a("find", self.focus_search, std.Find)
        a("settings", self.open_settings, std.Preferences if not QKeySequence(std.Preferences).isEmpty() else "Ctrl+,")
        a("quit", self.close, std.Quit)
        a("workspace_new", self.new_workspace, None)
        a("workspace_rename", self.rename_workspace, None)
        a("workspace_delete", self.delete_workspace, None)
        a("workspace_restore", self.restore_backup, None)
        a("about", self.about, None)

        menus = self.menuBar()
        self.menus: dict[str, QMenu] = {}
        layout = {
            "menu_file": [
                "new",
                "examples",
                "open",
                None,
                "import",
                "export_json",
                "export_pdf",
                "export_all",
                "blank",
                None,
                "preview",
                "print",
                None,
                "quit",
            ],
            "menu_edit": ["duplicate", "archive", "delete", None, "find", None, "settings"],
            "menu_workspace": ["workspace_new", "workspace_rename", "workspace_delete", "workspace_restore"],
            "menu_help": ["about"],
        }
        self.examples_menu = QMenu(self)
        self.examples_menu.setObjectName("menu.examples")
        self.examples_menu.aboutToShow.connect(self._fill_examples)
        for menu_name, entries in layout.items():
            menu = menus.addMenu("")
            menu.setObjectName(menu_name)
            self.menus[menu_name] = menu
            for entry in entries:
                if entry is None:
                    menu.addSeparator()
                elif entry == "examples":
                    menu.addMenu(self.examples_menu)
                else:
                    menu.addAction(self.actions_by_name[entry])
        toolbar = QToolBar(self)
        toolbar.setObjectName("toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(toolbar)
        self.workspace_label = QLabel()
        self.workspace_box = QComboBox()
        self.workspace_box.setObjectName("workspace")
        self.workspace_box.setMinimumWidth(180)
        self.workspace_label.setBuddy(self.workspace_box)
        self.workspace_box.activated.connect(lambda i: self.open_workspace(self.workspace_box.itemText(i)))
        toolbar.addWidget(self.workspace_label)
        toolbar.addWidget(self.workspace_box)
        toolbar.addSeparator()
        for name in ("new", "open", "duplicate", "preview", "export_pdf"):
            toolbar.addAction(self.actions_by_name[name])

        central = QWidget()
        column = QVBoxLayout(central)
        filters = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.refresh)
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("filter.status")
        self.verdict_filter = QComboBox()
        self.verdict_filter.setObjectName("filter.verdict")
        self.due_filter = QCheckBox()
        self.due_filter.setObjectName("filter.review_due")
        for widget in (self.status_filter, self.verdict_filter):
            widget.currentIndexChanged.connect(self.refresh)
        self.due_filter.toggled.connect(self.refresh)
        filters.addWidget(self.search, 3)
        filters.addWidget(self.status_filter, 1)
        filters.addWidget(self.verdict_filter, 1)
        filters.addWidget(self.due_filter)
        column.addLayout(filters)
        self.table = QTableView()
        self.table.setObjectName("assessments")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COLUMNS.index("updated"), Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for number, mode in enumerate(
            (QHeaderView.ResizeMode.Stretch, QHeaderView.ResizeMode.Stretch)
            + (QHeaderView.ResizeMode.ResizeToContents,) * (len(COLUMNS) - 2)
        ):
            header.setSectionResizeMode(number, mode)
        header.setResizeContentsPrecision(40)  # size columns on a sample, not on every row
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.table.activated.connect(lambda _index: self.open_selected())
        column.addWidget(self.table, 1)
        self.overview = QLabel()
        self.overview.setObjectName("overview")
        self.overview.setWordWrap(True)
        column.addWidget(self.overview)
        self.empty_hint = QLabel()
        self.empty_hint.setObjectName("empty_hint")
        self.empty_hint.setWordWrap(True)
        column.addWidget(self.empty_hint)
        self.setCentralWidget(central)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())

    # ---------------------------------------------------------------- language

    def retranslate(self) -> None:
        ui, t = self.ctx.ui, self.ctx.content
        locked = f" ({ui('encrypted')})" if self.store is not None and self.store.encrypted else ""
        self.setWindowTitle(f"{APP_NAME} — {self.workspace}{locked}" if self.workspace else APP_NAME)
        for name, action in self.actions_by_name.items():
            action.setText(ui(f"act_{name}"))
            action.setToolTip(ui(f"act_{name}"))
        for name, menu in self.menus.items():
            menu.setTitle(ui(name))
        self.examples_menu.setTitle(ui("act_examples"))
        self.examples_menu.clear()  # filled when it opens
        self.workspace_label.setText(ui("workspace") + " ")
        self.workspace_box.setAccessibleName(ui("workspace"))
        self.search.setPlaceholderText(ui("search"))
        self.search.setAccessibleName(ui("search"))
        self._fill_filter(self.status_filter, ui("all_statuses"), [(s.value, t.status(s.value)) for s in Status])
        self._fill_filter(
            self.verdict_filter, ui("all_verdicts"), [(v.value, t.verdict_short(v.value)) for v in Verdict]
        )
        self.status_filter.setAccessibleName(ui("col_status"))
        self.verdict_filter.setAccessibleName(ui("col_verdict"))
        self.due_filter.setText(ui("review_due"))
        self.table.setAccessibleName(ui("assessments"))
        self.empty_hint.setText(ui("empty_hint"))
        emit(self.model.headerDataChanged, Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        self.refresh()

    @staticmethod
    def _fill_filter(box: QComboBox, everything: str, entries: list[tuple[str, str]]) -> None:
        current = box.currentData()
        box.blockSignals(True)
        box.clear()
        box.addItem(everything, None)
        for value, label in entries:
            box.addItem(label, value)
        index = box.findData(current)
        box.setCurrentIndex(max(index, 0))
        box.blockSignals(False)

    def _fill_examples(self) -> None:
        if self.examples_menu.actions():
            return
        for path in self.ctx.examples():
            try:
                example = exchange.read(path, self.ctx.questionnaire)
            except LiaError:
                continue
            action = self.examples_menu.addAction(f"{example.title} ({example.language})")
            action.setObjectName(f"example.{path.name}")
            action.triggered.connect(lambda _checked=False, p=path: self.new_from_example(p))

    # ---------------------------------------------------------------- workspaces

    def open_workspace(self, name: str, create: bool = True, passphrase: str | None = None) -> bool:
        """Switch to a workspace; errors are shown, damaged stores offer recovery, encrypted ones
        ask for their passphrase (kept in memory for this session only)."""
        if self.wizard is not None:
            return False
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
        except LiaError as exc:
            self.show_error(exc)
            self._show_unavailable(exc)
            return False
        self._close_store()
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

    def _fill_workspaces(self) -> None:
        names = self.ctx.workspaces.names()
        if self.workspace and self.workspace not in names:
            names.append(self.workspace)
        self.workspace_box.blockSignals(True)
        self.workspace_box.clear()
        self.workspace_box.addItems(sorted(names, key=str.casefold))
        self.workspace_box.setCurrentText(self.workspace)
        self.workspace_box.blockSignals(False)

    def _close_store(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None

    def new_workspace(self) -> None:
        ui = self.ctx.ui
        name = dialogs.ask_text(self, ui("act_workspace_new"), ui("workspace_name"))
        if not name:
            return
        secret = dialogs.ask_password(self, ui("act_workspace_new"), ui("passphrase_new"))
        if secret is None:
            return
        if secret and dialogs.ask_password(self, ui("act_workspace_new"), ui("passphrase_repeat")) != secret:
            dialogs.show_error(self, ui("error_title"), ui("passphrase_mismatch"))
            return
        try:
            self.ctx.workspaces.create(name, passphrase=secret or None)
        except LiaError as exc:
            self.show_error(exc)
            return
        if secret:
            self.ctx.passphrases[name.strip()] = secret
        self.open_workspace(name.strip())

    def rename_workspace(self) -> None:
        old = self.workspace
        new = dialogs.ask_text(self, self.ctx.ui("act_workspace_rename"), self.ctx.ui("workspace_name"), old)
        if not new or new.strip() == old:
            return
        self._close_store()
        try:
            self.ctx.workspaces.rename(old, new)
        except LiaError as exc:
            self.show_error(exc)
            self.open_workspace(old)
            return
        if old in self.ctx.passphrases:
            self.ctx.passphrases[new.strip()] = self.ctx.passphrases.pop(old)
        self.open_workspace(new.strip())

    def delete_workspace(self) -> None:
        name = self.workspace
        ui = self.ctx.ui
        if not dialogs.confirm(
            self, ui("act_workspace_delete"), ui("confirm_delete_workspace", name=name), ui("delete"), ui("cancel")
        ):
            return
        self._close_store()
        try:
            kept = self.ctx.workspaces.delete(name)
        except LiaError as exc:
            self.show_error(exc)
            self.open_workspace(name)
            return
        self.statusBar().showMessage(ui("workspace_deleted", name=name, path=kept), 10000)
        remaining = self.ctx.workspaces.names()
        self.open_workspace(remaining[0] if remaining else self.ctx.default_workspace)

    def restore_backup(self) -> None:
        ui = self.ctx.ui
        backups = self.ctx.workspaces.backups(self.workspace).good(self.ctx.passphrases.get(self.workspace))
        if not backups:
            dialogs.show_info(self, ui("act_workspace_restore"), ui("no_backups"))
            return
        if not dialogs.confirm(
            self,
            ui("act_workspace_restore"),
            ui("confirm_restore", path=backups[0]),
            ui("restore_backup"),
            ui("cancel"),
        ):
            return
        name = self.workspace
        self._close_store()
        try:
            self.ctx.workspaces.restore(name, backups[0], passphrase=self.ctx.passphrases.get(name))
        except LiaError as exc:
            self.show_error(exc)
        self.open_workspace(name)

    # ---------------------------------------------------------------- the list

    def refresh(self) -> None:
        if self.store is None:
            self.model.set_rows([])
            self._update_actions()
            return
        everything = self.store.repository.summaries()
        today = _dt.date.today().isoformat()
        rows = filter_summaries(
            everything,
            search=self.search.text(),
            status=self.status_filter.currentData(),
            verdict=self.verdict_filter.currentData(),
            review_due=self.due_filter.isChecked(),
            today=today,
        )
        self.model.set_rows(rows)
        counts = dict.fromkeys((v.value for v in Verdict), 0)
        for row in everything:
            counts[row.verdict] = counts.get(row.verdict, 0) + 1
        due = sum(1 for r in everything if r.review_due(today))
        ui, t = self.ctx.ui, self.ctx.content
        parts = [ui("overview_total", count=len(everything))]
        parts += [f"{t.verdict_short(v)}: {n}" for v, n in counts.items() if n]
        parts.append(ui("overview_due", count=due))
        self.overview.setText(" · ".join(parts))
        self.empty_hint.setVisible(not everything)
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

    def _update_actions(self) -> None:
        count = len(self.selected_ids())
        for name in ("open", "duplicate", "preview", "print", "export_json", "export_pdf"):
            self.actions_by_name[name].setEnabled(count == 1)
        for name in ("archive", "delete"):
            self.actions_by_name[name].setEnabled(count >= 1)
        has_store = self.store is not None
        for name in ("new", "import", "export_all"):
            self.actions_by_name[name].setEnabled(has_store)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # ---------------------------------------------------------------- actions

    def show_error(self, exc: BaseException) -> None:
        message, detail = self.ctx.ui.error(exc)
        dialogs.show_error(self, self.ctx.ui("error_title"), message, detail)

    def _by(self) -> str:
        return self.ctx.settings.user_name

    def new_assessment(self) -> AssessmentWizard | None:
        if self.store is None:
            return None
        draft = Assessment(language=self.ctx.settings.language, assessor=self.ctx.settings.user_name)
        return self.start_wizard(draft)

    def new_from_example(self, path: Path) -> AssessmentWizard | None:
        if self.store is None:
            return None
        try:
            example = exchange.read(path, self.ctx.questionnaire)
        except LiaError as exc:
            self.show_error(exc)
            return None
        return self.start_wizard(example.duplicate())

    def open_selected(self) -> AssessmentWizard | None:
        ids = self.selected_ids()
        if len(ids) != 1 or self.store is None:
            return None
        try:
            assessment = self.store.repository.get(ids[0])
        except LiaError as exc:
            self.show_error(exc)
            return None
        # a draft continues where it was left; a completed one is read again from the start
        return self.start_wizard(assessment, resume=assessment.status is Status.DRAFT)

    def start_wizard(self, draft: Assessment, resume: bool = False) -> AssessmentWizard | None:
        if self.store is None or self.wizard is not None:
            return None
        try:
            self.store.repository.save(draft, by=self._by())
        except LiaError as exc:
            self.show_error(exc)
            return None
        from lia_desktop.ui.wizard import AssessmentWizard  # loaded with the first assessment opened

        wizard = AssessmentWizard(
            self.ctx.questionnaire,
            self.ctx.ui,
            self.store.repository,
            draft,
            by=self._by(),
            review_months=self.ctx.settings.review_months,
            parent=self,
        )
        wizard.setWindowModality(Qt.WindowModality.WindowModal)
        wizard.preview_requested.connect(self.preview)
        wizard.export_requested.connect(self.export_pdf_of)
        wizard.save_failed.connect(self.show_error)
        wizard.finished.connect(lambda _result: self._wizard_closed(draft.id))
        self.wizard = wizard
        self.ctx.window_settings.setValue("open_draft", f"{self.workspace}\n{draft.id}")
        self.ctx.window_settings.sync()  # on disk now: this marker is what survives a crash
        left_on = draft.current_page  # showing the wizard moves it to the first page
        wizard.show()
        if resume:
            wizard.resume(left_on)
        return wizard

    def _wizard_closed(self, assessment_id: str) -> None:
        self.ctx.window_settings.remove("open_draft")
        if self.wizard is not None:
            self.wizard.deleteLater()
        self.wizard = None
        self.refresh()
        self.select_id(assessment_id)

    def offer_to_continue(self) -> AssessmentWizard | None:
        """After a crash, the draft that was open is offered where it was left."""
        marker = self.ctx.window_settings.value("open_draft", "")
        if not marker or "\n" not in str(marker):
            return None
        workspace, assessment_id = str(marker).split("\n", 1)
        self.ctx.window_settings.remove("open_draft")
        if workspace != self.workspace and not self.open_workspace(workspace, create=False):
            return None
        if self.store is None or assessment_id not in self.store.repository:
            return None
        draft = self.store.repository.get(assessment_id)
        ui = self.ctx.ui
        if not dialogs.confirm(
            self,
            ui("continue_title"),
            ui("continue_text", title=draft.title or ui("untitled")),
            ui("continue_yes"),
            ui("continue_no"),
        ):
            return None
        return self.start_wizard(draft, resume=True)

    def duplicate_selected(self) -> None:
        ids = self.selected_ids()
        if len(ids) != 1 or self.store is None:
            return
        try:
            copy = self.store.repository.duplicate(ids[0])
        except LiaError as exc:
            self.show_error(exc)
            return
        self.refresh()
        self.select_id(copy.id)
        self.statusBar().showMessage(self.ctx.ui("duplicated"), 5000)

    def archive_selected(self) -> None:
        if self.store is None:
            return
        repo = self.store.repository
        try:
            for assessment_id in self.selected_ids():
                if repo.get(assessment_id).status is Status.ARCHIVED:
                    repo.unarchive(assessment_id, by=self._by())
                else:
                    repo.archive(assessment_id, by=self._by())
        except LiaError as exc:
            self.show_error(exc)
        self.refresh()

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if not ids or self.store is None:
            return
        ui = self.ctx.ui
        titles = [self.store.repository.get(i).title or ui("untitled") for i in ids]
        text = ui("confirm_delete", count=len(ids), titles="\n".join(f"• {t}" for t in titles[:10]))
        if not dialogs.confirm(self, ui("act_delete"), text, ui("delete"), ui("cancel")):
            return
        try:
            for assessment_id in ids:
                self.store.repository.delete(assessment_id)
        except LiaError as exc:
            self.show_error(exc)
        self.refresh()
        self.statusBar().showMessage(ui("deleted", count=len(ids)), 8000)

    def import_files(self) -> None:
        if self.store is None:
            return
        ui = self.ctx.ui
        files = dialogs.choose_open_files(self, ui("act_import"), ui("import_filter"))
        if not files:
            return
        try:
            assessments = [exchange.read(Path(f), self.ctx.questionnaire) for f in files]
            clashes = [a for a in assessments if a.id in self.store.repository]
            if clashes and dialogs.confirm(
                self, ui("act_import"), ui("import_clash", count=len(clashes)), ui("import_as_copy"), ui("cancel")
            ):
                assessments = [a.with_new_id() if a in clashes else a for a in assessments]
            self.store.repository.add_many(assessments, sources=files)
        except LiaError as exc:
            self.show_error(exc)
            return
        self.refresh()
        self.statusBar().showMessage(ui("imported", count=len(assessments)), 8000)

    def _selected_assessment(self) -> Assessment | None:
        ids = self.selected_ids()
        if len(ids) != 1 or self.store is None:
            return None
        return self.store.repository.get(ids[0])

    def _branding(self) -> Any:
        from lia_desktop.export import pdf  # ReportLab is loaded when the first PDF is made

        s = self.ctx.settings
        return pdf.Branding(s.consultant, s.firm, Path(s.logo) if s.logo else None)

    def render(self, assessment: Assessment) -> bytes | None:
        from lia_desktop.export import pdf

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            return pdf.render_record(assessment, self.ctx.questionnaire, self.ctx.settings.paper, self._branding())
        except LiaError as exc:
            self.show_error(exc)
            return None
        finally:
            QApplication.restoreOverrideCursor()

    def export_json(self) -> None:
        assessment = self._selected_assessment()
        if assessment is None:
            return
        ui = self.ctx.ui
        name = record_name(assessment.organisation, assessment.title, assessment.id, exchange.SUFFIX)
        target = dialogs.choose_save_file(self, ui("act_export_json"), name, ui("json_filter"))
        if target:
            self._write(Path(target), exchange.dumps(assessment))

    def export_pdf(self) -> None:
        assessment = self._selected_assessment()
        if assessment is not None:
            self.export_pdf_of(assessment.id)

    def export_pdf_of(self, assessment_id: str) -> None:
        if self.store is None:
            return
        if self.wizard is not None:
            self.wizard.saver.flush()
        assessment = self.store.repository.get(assessment_id)
        ui = self.ctx.ui
        name = record_name(assessment.organisation, assessment.title, assessment.id)
        target = dialogs.choose_save_file(self, ui("act_export_pdf"), name, ui("pdf_filter"))
        if target:
            data = self.render(assessment)
            if data is not None:
                self._write(Path(target), data)

    def _write(self, target: Path, data: bytes) -> bool:
        try:
            write_output(target, data)
        except LiaError as exc:
            self.show_error(exc)
            return False
        self.statusBar().showMessage(self.ctx.ui("saved_to", path=target), 8000)
        return True

    def export_all(self) -> list[Path]:
        if self.store is None:
            return []
        ui = self.ctx.ui
        folder = dialogs.choose_folder(self, ui("act_export_all"))
        if not folder:
            return []
        ids = self.selected_ids() if len(self.selected_ids()) > 1 else [r.id for r in self.model.rows]
        progress = QProgressDialog(ui("exporting"), ui("cancel"), 0, len(ids), self)
        progress.setObjectName("export.progress")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        written: list[Path] = []
        for number, assessment_id in enumerate(ids):
            if progress.wasCanceled():
                break
            progress.setValue(number)
            QApplication.processEvents()
            assessment = self.store.repository.get(assessment_id)
            data = self.render(assessment)
            if data is None:
                break
            target = Path(folder) / record_name(assessment.organisation, assessment.title, assessment.id)
            if not self._write(target, data):
                break
            written.append(target)
        progress.setValue(len(ids))
        self.statusBar().showMessage(ui("exported_all", count=len(written), path=folder), 10000)
        return written

    def export_blank(self) -> None:
        ui = self.ctx.ui
        target = dialogs.choose_save_file(self, ui("act_blank"), f"{ui('blank_file')}.pdf", ui("pdf_filter"))
        if target:
            from lia_desktop.export import pdf

            data = pdf.render_blank(
                self.ctx.questionnaire, self.ctx.settings.language, self.ctx.settings.paper, self._branding()
            )
            self._write(Path(target), data)

    def preview(self, assessment_id: str) -> Any:
        from lia_desktop.ui.preview import PreviewDialog  # QtPdf is loaded on first use

        if self.store is None:
            return None
        if self.wizard is not None:
            self.wizard.saver.flush()
        assessment = self.store.repository.get(assessment_id)
        data = self.render(assessment)
        if data is None:
            return None
        name = record_name(assessment.organisation, assessment.title, assessment.id)
        dialog = PreviewDialog(
            data, assessment.title or self.ctx.ui("untitled"), name, self.ctx.data_dir / "previews", self.ctx.ui, self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def preview_selected(self) -> Any:
        ids = self.selected_ids()
        return self.preview(ids[0]) if len(ids) == 1 else None

    def print_selected(self) -> None:
        dialog = self.preview_selected()
        if dialog is not None:
            dialog.print_document()

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

    def about(self) -> None:
        dialogs.show_info(
            self, self.ctx.ui("act_about"), self.ctx.ui("about_text", version=__version__, path=self.ctx.data_dir)
        )

    # ---------------------------------------------------------------- window state

    def _restore_geometry(self) -> None:
        geometry = self.ctx.window_settings.value("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1100, 700)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.wizard is not None:
            self.wizard.reject()
            if self.wizard is not None and self.wizard.isVisible():
                event.ignore()
                return
        self.ctx.window_settings.setValue("geometry", self.saveGeometry())
        self.ctx.window_settings.sync()
        self._close_store()
        event.accept()
