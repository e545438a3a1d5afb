"""The command line's parser, its error lines and its entry point (see the package docstring)."""

from __future__ import annotations

import argparse
import shlex
import sys
from collections.abc import Callable, Sequence

from lia_desktop import APP_NAME, __version__
from lia_desktop.cli.common import PROG, UsageError, ui
from lia_desktop.cli.record_verbs import cmd_blank, cmd_export, cmd_export_all, cmd_import, cmd_list
from lia_desktop.cli.selftest import cmd_selftest
from lia_desktop.cli.workspace_verbs import cmd_backups, cmd_restore, cmd_workspace, cmd_workspaces
from lia_desktop.domain.model import LANGUAGES, Status, Verdict
from lia_desktop.export.text_safety import for_terminal
from lia_desktop.storage.errors import DamagedWorkspace, LiaError, RolledBack


def _restore_command(args: argparse.Namespace, source: object) -> str:
    """The command that restores `source` into the workspace named on this command line."""
    words = [PROG, "--workspace", args.workspace]
    if args.passphrase_file:
        words += ["--passphrase-file", args.passphrase_file]
    return shlex.join([*words, "restore", str(source)])


def _error_line(args: argparse.Namespace, exc: LiaError) -> str:
    """One line in the user's language: what happened and what to do, then the technical detail."""
    words = ui(args)
    message, detail = words.error(exc)
    hint = ""
    if isinstance(exc, DamagedWorkspace):
        message, detail = words("err_damaged", path=exc.path), exc.reason
        if exc.backups:  # the command line has no dialog to offer the backup: it names the command
            message = words("err_damaged_backup_cli", path=exc.path)
            hint = words("cli_restore_hint", command=_restore_command(args, exc.backups[0]))
    elif isinstance(exc, RolledBack):  # to keep the older copy on purpose, restore it
        hint = words("cli_restore_hint", command=_restore_command(args, exc.path))
    line = f"{message} [{detail}]" if detail and detail not in message else message
    return " ".join(f"{line} {hint}".split())


def _unexpected_line(args: argparse.Namespace, exc: Exception) -> str:
    """An error nobody foresaw: logged with its traceback, told in one line with the log's path."""
    from lia_desktop.crash_log import write_crash_log
    from lia_desktop.storage.paths import data_dir_from

    detail = f"{type(exc).__name__}: {exc}"
    try:
        words = ui(args)
    except Exception:  # the words themselves cannot be loaded: say it in English
        return f"Something unexpected went wrong. [{detail}]"
    try:
        log = write_crash_log(data_dir_from(getattr(args, "data_dir", None)), type(exc), exc, exc.__traceback__)
    except OSError:
        return f"{words('err_unexpected')} [{detail}]"
    return f"{words('err_crash', path=log)} [{detail}]"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit status 2
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    from lia_desktop.storage.paths import DEFAULT_WORKSPACE

    parser = _Parser(prog=PROG, description=f"{APP_NAME}: legitimate interest assessments for direct marketing")
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument("--data-dir", metavar="DIR", help="data folder (default: $LIA_DATA_DIR or the per-user folder)")
    parser.add_argument(
        "--workspace", metavar="NAME", help=f"workspace (default: {DEFAULT_WORKSPACE}; the window opens the last one)"
    )
    parser.add_argument("--lang", choices=LANGUAGES, help="language of the window and of the messages")
    parser.add_argument(
        "--passphrase-file",
        metavar="FILE",
        help="passphrase of an encrypted workspace (first line of FILE); a new workspace is created encrypted",
    )
    commands = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")

    commands.add_parser("workspaces", help="list the workspaces").set_defaults(run=cmd_workspaces)

    ws = commands.add_parser("workspace", help="create, rename or delete a workspace")
    ws_actions = ws.add_subparsers(dest="action", required=True, parser_class=_Parser, metavar="ACTION")
    ws_actions.add_parser("create", help="create an empty workspace").add_argument("name")
    rename = ws_actions.add_parser("rename", help="rename a workspace")
    rename.add_argument("name")
    rename.add_argument("new_name")
    delete = ws_actions.add_parser("delete", help="move a workspace to the set-aside folder")
    delete.add_argument("name")
    delete.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    ws.set_defaults(run=cmd_workspace)

    ls = commands.add_parser("list", help="list the assessments of a workspace")
    ls.add_argument("--json", action="store_true", help="print a JSON array")
    ls.add_argument("--search", metavar="TEXT", help="only those whose title, organisation or assessor contains TEXT")
    ls.add_argument("--status", action="append", choices=[s.value for s in Status])
    ls.add_argument("--verdict", action="append", choices=[v.value for v in Verdict])
    ls.add_argument("--review-due", action="store_true", help="only those whose review date has come")
    ls.set_defaults(run=cmd_list)

    imp = commands.add_parser("import", help="import exchange files (*.lia.json); all or nothing")
    imp.add_argument("files", nargs="+", metavar="FILE")
    imp.add_argument("--as-copy", action="store_true", help="give the imported assessments new ids")
    imp.set_defaults(run=cmd_import)

    exp = commands.add_parser("export", help="export one assessment as a PDF record or an exchange file")
    exp.add_argument("id", metavar="ID", help="the id, or its first characters (at least 4)")
    target = exp.add_mutually_exclusive_group(required=True)
    target.add_argument("--pdf", metavar="OUT", help="write the PDF record to OUT ('-': stdout)")
    target.add_argument("--json", metavar="OUT", help="write the exchange file to OUT ('-': stdout)")
    exp.add_argument("--paper", choices=("a4", "letter"), help="paper size (default: the settings, else a4)")
    exp.set_defaults(run=cmd_export)

    every = commands.add_parser("export-all", help="write the PDF record of every assessment into a folder")
    every.add_argument("folder", metavar="FOLDER")
    every.add_argument("--status", action="append", choices=[s.value for s in Status])
    every.add_argument("--verdict", action="append", choices=[v.value for v in Verdict])
    every.add_argument("--paper", choices=("a4", "letter"))
    every.set_defaults(run=cmd_export_all)

    blank = commands.add_parser("blank", help="print the questionnaire with empty answers, for paper interviews")
    blank.add_argument("--pdf", metavar="OUT", required=True, help="write the PDF to OUT ('-': stdout)")
    blank.add_argument("--lang", dest="blank_lang", choices=LANGUAGES, help="language (default: the settings)")
    blank.add_argument("--paper", choices=("a4", "letter"))
    blank.set_defaults(run=cmd_blank)

    commands.add_parser("backups", help="list the backups of a workspace").set_defaults(run=cmd_backups)
    res = commands.add_parser("restore", help="replace a workspace by one of its backups (the current file is kept)")
    res.add_argument("backup", metavar="BACKUP")
    res.set_defaults(run=cmd_restore)

    check = commands.add_parser("selftest", help="check the program's content and storage")
    check.add_argument(
        "--qt", action="store_true", help="also check the window's parts: PDF preview, printing, Qt plugins"
    )
    check.set_defaults(run=cmd_selftest)
    return parser


def main(argv: Sequence[str], gui: Callable[[argparse.Namespace], int] | None = None) -> int:
    try:
        parser = build_parser()
        args = parser.parse_args(list(argv))
    except UsageError as exc:
        return _fail(f"{exc} (see '{PROG} --help')", 2)
    except SystemExit as exc:  # --help and --version
        return int(exc.code or 0)
    if args.command is None:
        if gui is None:
            parser.print_help()
            return 0
        return gui(args)
    from lia_desktop.storage.paths import DEFAULT_WORKSPACE

    args.workspace = args.workspace or DEFAULT_WORKSPACE
    try:
        return args.run(args)
    except UsageError as exc:
        return _fail(str(exc), 2)
    except LiaError as exc:
        return _fail(_error_line(args, exc), 1)
    except KeyboardInterrupt:
        return _fail("interrupted", 1)
    except BrokenPipeError:  # the reader of our output went away (`list | head`): nothing to tell
        sys.stdout = None  # type: ignore[assignment]  # no flush of the broken pipe at exit
        return 1
    except Exception as exc:
        return _fail(_unexpected_line(args, exc), 1)


def _fail(line: str, status: int) -> int:
    sys.stderr.write(f"{PROG}: {for_terminal(line)}\n")
    return status
