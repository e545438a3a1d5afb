"""Verbs about workspaces as a whole: workspaces, workspace create|rename|delete, backups, restore."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lia_desktop.cli.common import UsageError, passphrase, say, ui, workspaces


def cmd_workspaces(args: argparse.Namespace) -> int:
    for name in workspaces(args).names():
        say(name)
    return 0


def cmd_workspace(args: argparse.Namespace) -> int:
    spaces = workspaces(args)
    if args.action == "create":
        spaces.create(args.name, passphrase=passphrase(args))
        say(ui(args)("cli_created", name=args.name))
    elif args.action == "rename":
        spaces.rename(args.name, args.new_name)
        say(ui(args)("cli_renamed", name=args.name, new=args.new_name))
    elif args.action == "delete":
        if not args.yes:
            if not sys.stdin.isatty():
                raise UsageError(ui(args)("cli_needs_yes", name=args.name))
            answer = input(ui(args)("cli_confirm_delete", name=args.name) + " ")
            if answer.strip().lower() not in ("y", "yes", "j", "ja", "o", "oui"):
                say(ui(args)("cli_nothing_deleted"))
                return 1
        kept = spaces.delete(args.name)
        say(ui(args)("workspace_deleted", name=args.name, path=kept))
    return 0


def cmd_backups(args: argparse.Namespace) -> int:
    spaces = workspaces(args)
    secret = passphrase(args)
    spaces.check_passphrase_use(args.workspace, secret)
    backups = spaces.backups(args.workspace)
    good = set(backups.good(secret))
    words = ui(args)
    for backup in backups.list():
        state = words("cli_backup_good") if backup.path in good else words("cli_backup_damaged")
        say(f"{backup.taken_at.isoformat()}  {state:<10}  {backup.path}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    kept = workspaces(args).restore(args.workspace, Path(args.backup), passphrase=passphrase(args))
    words = ui(args)
    where = " " + words("cli_kept_at", path=kept) if kept else ""
    say(words("cli_restored", name=args.workspace, path=args.backup) + where)
    return 0
