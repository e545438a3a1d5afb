"""Managing workspaces (one per client): create (optionally encrypted), rename, delete, and
restore a good backup, chosen by when it was taken. Opening one is the window's own business."""

from __future__ import annotations

from lia_desktop.export import words
from lia_desktop.storage.errors import LiaError
from lia_desktop.ui import dialogs
from lia_desktop.ui.main.host import Host


class WorkspaceCommands:
    def __init__(self, host: Host) -> None:
        self.host = host
        self.ctx = host.ctx
        self.parent = host.dialog_parent()  # of every dialog

    def create(self) -> None:
        ui = self.ctx.ui
        name = dialogs.ask_text(self.parent, ui("act_workspace_new"), ui("workspace_name"))
        if not name:
            return
        secret = dialogs.ask_password(self.parent, ui("act_workspace_new"), ui("passphrase_new"))
        if secret is None:
            return
        if secret and dialogs.ask_password(self.parent, ui("act_workspace_new"), ui("passphrase_repeat")) != secret:
            dialogs.show_error(self.parent, ui("error_title"), ui("passphrase_mismatch"))
            return
        try:
            self.ctx.workspaces.create(name, passphrase=secret or None)
        except LiaError as exc:
            self.host.show_error(exc)
            return
        if secret:
            self.ctx.passphrases[name.strip()] = secret
        self.host.open_workspace(name.strip())

    def rename(self) -> None:
        old = self.host.workspace
        shown = self.host.display_name(old)  # the default workspace under its name in the user's language
        new = dialogs.ask_text(self.parent, self.ctx.ui("act_workspace_rename"), self.ctx.ui("workspace_name"), shown)
        if not new or new.strip() in (old, shown):
            return
        self.host.close_workspace()
        try:
            self.ctx.workspaces.rename(old, new)
        except LiaError as exc:
            self.host.show_error(exc)
            self.host.open_workspace(old)
            return
        if old in self.ctx.passphrases:
            self.ctx.passphrases[new.strip()] = self.ctx.passphrases.pop(old)
        self.host.open_workspace(new.strip())

    def delete(self) -> None:
        name = self.host.workspace
        ui = self.ctx.ui
        if not dialogs.confirm(
            self.parent,
            ui("act_workspace_delete"),
            ui("confirm_delete_workspace", name=self.host.display_name(name)),
            ui("delete"),
            ui("cancel"),
        ):
            return
        self.host.close_workspace()
        try:
            kept = self.ctx.workspaces.delete(name)
        except LiaError as exc:
            self.host.show_error(exc)
            self.host.open_workspace(name)
            return
        self.host.tell(ui("workspace_deleted", name=self.host.display_name(name), path=kept), 10000)
        remaining = self.ctx.workspaces.names()
        self.host.open_workspace(remaining[0] if remaining else self.ctx.default_workspace)

    def restore_backup(self) -> None:
        """A good backup of the open workspace, chosen by when it was taken (the newest first;
        the only one is taken without asking), put in its place after a confirmation."""
        ui = self.ctx.ui
        kept = self.ctx.workspaces.backups(self.host.workspace)
        backups = kept.good(self.ctx.passphrases.get(self.host.workspace))
        if not backups:
            dialogs.show_info(self.parent, ui("act_workspace_restore"), ui("no_backups"))
            return
        chosen = backups[0]
        if len(backups) > 1:
            taken = {b.path: b.taken_at.isoformat() for b in kept.list()}
            when = [words.when(self.ctx.content, taken[p]) for p in backups]
            number = dialogs.ask_choice(self.parent, ui("act_workspace_restore"), ui("choose_backup"), when)
            if number is None:
                return
            chosen = backups[number]
        if not dialogs.confirm(
            self.parent,
            ui("act_workspace_restore"),
            ui("confirm_restore", path=chosen),
            ui("restore_backup"),
            ui("cancel"),
        ):
            return
        name = self.host.workspace
        self.host.close_workspace()
        try:
            self.ctx.workspaces.restore(name, chosen, passphrase=self.ctx.passphrases.get(name))
        except LiaError as exc:
            self.host.show_error(exc)
        self.host.open_workspace(name)
