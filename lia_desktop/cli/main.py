"""The command line's parser, its error lines and its entry point (see the package docstring)."""

from __future__ import annotations

import argparse
import re
import shlex
import sys
from collections.abc import Callable, Sequence
from typing import Any

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


Words = Callable[..., str | None]  # the help texts in the user's language (None: none to show)


class _Formatter(argparse.HelpFormatter):
    """argparse's help layout with its own words in the user's language: "usage:", and the
    colon after each heading as the language writes it (argparse adds a plain one)."""

    words: Words = staticmethod(lambda _key, **_params: None)  # type: ignore[assignment]

    def add_usage(self, usage, actions, groups, prefix=None) -> None:  # type: ignore[no-untyped-def]
        usage_word = self.words("cli_usage")
        if prefix is None and usage_word:
            prefix = f"{usage_word} "
        super().add_usage(usage, actions, groups, prefix)

    def start_section(self, heading: str | None) -> None:
        written = self.words("cli_heading", title=heading) if heading else None
        super().start_section(written.removesuffix(":") if written else heading)


class _Parser(argparse.ArgumentParser):
    """A parser whose help speaks the user's language: its options and arguments in groups with
    translated titles (`options`, `arguments`), -h with a translated help, errors as one line."""

    def __init__(self, *args: Any, words: Words, **kwargs: Any) -> None:
        formatter = type("Formatter", (_Formatter,), {"words": staticmethod(words)})
        super().__init__(*args, add_help=False, formatter_class=formatter, **kwargs)
        self.words = words
        self.arguments = self.add_argument_group(words("cli_arguments"))
        self.options = self.add_argument_group(words("cli_options"))
        self.options.add_argument("-h", "--help", action="help", help=words("cli_h_help"))

    def error(self, message: str) -> None:  # one line, exit status 2
        raise UsageError(message)

    def commands(self, dest: str, metavar: str, required: bool = False) -> Any:
        return self.add_subparsers(
            title=self.words("cli_commands"), dest=dest, required=required, metavar=metavar, parser_class=_Parser
        )


# argparse's own error sentences (Python 3.11 and later), each read back into its parts and said
# again in the user's language; a sentence not listed here is left as argparse wrote it.
_ARGPARSE_ERRORS = (
    (re.compile(r"the following arguments are required: (?P<args>.+)"), "cli_err_required"),
    (re.compile(r"unrecognized arguments: (?P<args>.+)"), "cli_err_unrecognized"),
    (
        re.compile(r"argument (?P<name>\S+): invalid choice: (?P<value>.+?) \(choose from (?P<choices>.+)\)"),
        "cli_err_choice",
    ),
    (re.compile(r"argument (?P<name>\S+): expected one argument"), "cli_err_one_value"),
    (re.compile(r"argument (?P<name>\S+): expected at least one argument"), "cli_err_some_values"),
    (re.compile(r"argument (?P<name>\S+): not allowed with argument (?P<other>\S+)"), "cli_err_not_with"),
    (re.compile(r"one of the arguments (?P<args>.+) is required"), "cli_err_one_of"),
    (re.compile(r"ambiguous option: (?P<option>\S+) could match (?P<matches>.+)"), "cli_err_ambiguous"),
)


def usage_error(message: str, words: Words) -> str:
    """argparse's message in the user's language, where it is one of the sentences we know."""
    for pattern, key in _ARGPARSE_ERRORS:
        found = pattern.fullmatch(message)
        if found:
            return words(key, **found.groupdict()) or message
    return message


def no_words(_key: str, **_params: Any) -> None:
    """No help texts: what the parser needs when no help is to be shown."""
    return None


def help_words(argv: Sequence[str]) -> Words:
    """The words of the help in the language the command asks for (--lang, else the settings',
    else the system's); with content that cannot be loaded, no help texts rather than no parser."""
    early = argparse.ArgumentParser(add_help=False, exit_on_error=False)
    early.add_argument("--lang")
    early.add_argument("--data-dir")
    try:
        known, _rest = early.parse_known_args(list(argv))
        if known.lang not in LANGUAGES:
            known.lang = None  # the real parser says what is wrong with it
        words = ui(known)
    except Exception:  # content that cannot be loaded, a settings file that cannot be read
        return no_words
    return words


def build_parser(words: Words | None = None) -> _Parser:
    from lia_desktop.storage.paths import DEFAULT_WORKSPACE

    w = words if words is not None else help_words([])  # called alone: the help in the language of the system
    parser = _Parser(prog=PROG, description=w("cli_description", app=APP_NAME), words=w)
    top = parser.options
    top.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}", help=w("cli_h_version"))
    top.add_argument("--data-dir", metavar="DIR", help=w("cli_h_data_dir"))
    top.add_argument("--workspace", metavar="NAME", help=w("cli_h_workspace", default=DEFAULT_WORKSPACE))
    top.add_argument("--lang", choices=LANGUAGES, help=w("cli_h_lang"))
    top.add_argument("--passphrase-file", metavar="FILE", help=w("cli_h_passphrase_file"))
    commands = parser.commands("command", "COMMAND")

    def command(name: str, key: str) -> _Parser:
        return commands.add_parser(name, help=w(key), description=w(key), words=w)

    command("workspaces", "cli_h_workspaces").set_defaults(run=cmd_workspaces)

    ws = command("workspace", "cli_h_workspace_cmd")
    ws_actions = ws.commands("action", "ACTION", required=True)
    ws_actions.add_parser("create", help=w("cli_h_ws_create"), words=w).arguments.add_argument("name")
    rename = ws_actions.add_parser("rename", help=w("cli_h_ws_rename"), words=w)
    rename.arguments.add_argument("name")
    rename.arguments.add_argument("new_name")
    delete = ws_actions.add_parser("delete", help=w("cli_h_ws_delete"), words=w)
    delete.arguments.add_argument("name")
    delete.options.add_argument("--yes", action="store_true", help=w("cli_h_yes"))
    ws.set_defaults(run=cmd_workspace)

    statuses, verdicts = [s.value for s in Status], [v.value for v in Verdict]
    ls = command("list", "cli_h_list")
    ls.options.add_argument("--json", action="store_true", help=w("cli_h_json"))
    ls.options.add_argument("--search", metavar="TEXT", help=w("cli_h_search"))
    ls.options.add_argument("--status", action="append", choices=statuses, help=w("cli_h_status"))
    ls.options.add_argument("--verdict", action="append", choices=verdicts, help=w("cli_h_verdict"))
    ls.options.add_argument("--review-due", action="store_true", help=w("cli_h_review_due"))
    ls.set_defaults(run=cmd_list)

    imp = command("import", "cli_h_import")
    imp.arguments.add_argument("files", nargs="+", metavar="FILE")
    imp.options.add_argument("--as-copy", action="store_true", help=w("cli_h_as_copy"))
    imp.set_defaults(run=cmd_import)

    exp = command("export", "cli_h_export")
    exp.arguments.add_argument("id", metavar="ID", help=w("cli_h_id"))
    target = exp.options.add_mutually_exclusive_group(required=True)
    target.add_argument("--pdf", metavar="OUT", help=w("cli_h_pdf_out"))
    target.add_argument("--json", metavar="OUT", help=w("cli_h_json_out"))
    exp.options.add_argument("--paper", choices=("a4", "letter"), help=w("cli_h_paper"))
    exp.set_defaults(run=cmd_export)

    every = command("export-all", "cli_h_export_all")
    every.arguments.add_argument("folder", metavar="FOLDER")
    every.options.add_argument("--status", action="append", choices=statuses, help=w("cli_h_status"))
    every.options.add_argument("--verdict", action="append", choices=verdicts, help=w("cli_h_verdict"))
    every.options.add_argument("--paper", choices=("a4", "letter"), help=w("cli_h_paper"))
    every.set_defaults(run=cmd_export_all)

    blank = command("blank", "cli_h_blank")
    blank.options.add_argument("--pdf", metavar="OUT", required=True, help=w("cli_h_blank_pdf"))
    blank.options.add_argument("--lang", dest="blank_lang", choices=LANGUAGES, help=w("cli_h_blank_lang"))
    blank.options.add_argument("--paper", choices=("a4", "letter"), help=w("cli_h_paper"))
    blank.set_defaults(run=cmd_blank)

    command("backups", "cli_h_backups").set_defaults(run=cmd_backups)
    res = command("restore", "cli_h_restore")
    res.arguments.add_argument("backup", metavar="BACKUP")
    res.set_defaults(run=cmd_restore)

    check = command("selftest", "cli_h_selftest")
    check.options.add_argument("--qt", action="store_true", help=w("cli_h_qt"))
    check.set_defaults(run=cmd_selftest)
    return parser


def main(argv: Sequence[str], gui: Callable[[argparse.Namespace], int] | None = None) -> int:
    # The help texts are read only for the help itself and for a usage error: loading the
    # words of a language is not needed to open the window or to run a command.
    words = help_words(argv) if {"-h", "--help"} & set(argv) else no_words
    try:
        parser = build_parser(words)
        args = parser.parse_args(list(argv))
    except UsageError as exc:
        see, words = f"{PROG} --help", help_words(argv)
        message = usage_error(str(exc), words)
        return _fail(words("cli_see_help", message=message, help=see) or f"{message} (see '{see}')", 2)
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
