"""What the window's command groups may use of the main window: this interface, nothing else."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from lia_desktop.app_context import AppContext

if TYPE_CHECKING:
    from lia_desktop.storage.workspace import WorkspaceStore
    from lia_desktop.ui.wizard.shell import AssessmentWizard


class Host(Protocol):
    ctx: AppContext
    store: WorkspaceStore | None  # the open workspace, if any
    workspace: str  # its name
    wizard: AssessmentWizard | None  # the assessment being edited, if any
    actions_by_name: dict[str, QAction]  # the window's actions (menus, toolbar, shortcuts)

    def dialog_parent(self) -> QWidget: ...

    def show_error(self, exc: BaseException) -> None: ...

    def tell(self, message: str, msecs: int) -> None:
        """A passing message in the status bar."""

    def refresh(self) -> None: ...

    def selected_ids(self) -> list[str]: ...

    def listed_ids(self) -> list[str]:
        """Every assessment the list shows, in its order."""

    def select_id(self, assessment_id: str) -> None: ...

    def clear_filters(self) -> None:
        """Show every assessment again (search and filters emptied)."""

    def open_workspace(self, name: str, create: bool = True, passphrase: str | None = None) -> bool: ...

    def close_workspace(self) -> None: ...

    def display_name(self, name: str) -> str:
        """A workspace's name as the user reads it (the default one in their language)."""

    def activate(self) -> None:
        """Bring the window back to the front with the keyboard in the list (after the wizard)."""

    def save_draft(self) -> None:
        """Store the assessment being edited now, so what is printed is what is on screen."""
