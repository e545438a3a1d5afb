"""The command line (see README.md, "Command line").

Exit status: 0 success, 2 usage error, 1 any other failure, with a one-line message on
stderr that says what went wrong and what to do. Expected failures (a bad file, a workspace
in use, a damaged store) never print a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from lia_desktop import APP_NAME, __version__
from lia_desktop.domain.model import LANGUAGES, Status, Verdict
from lia_desktop.storage.errors import DamagedWorkspace, LiaError, UnknownWorkspace

PROG = "lia-desktop"


class UsageError(Exception):
    """Wrong arguments: exit status 2."""


def _out(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def _language(args: argparse.Namespace) -> str:
    """--lang, else the settings' language when a settings file exists, else the locale, else English."""
    if getattr(args, "lang", None):
        return args.lang
    from lia_desktop import settings
    from lia_desktop.storage.workspace import data_dir_from

    data_dir = data_dir_from(getattr(args, "data_dir", None))
    if (data_dir / settings.FILE_NAME).exists():
        return _settings(args).language
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        prefix = os.environ.get(variable, "")[:2].lower()
        if prefix:
            return prefix if prefix in LANGUAGES else "en"
    return "en"


def _ui(args: argparse.Namespace):
    """The command line's words in the user's language (the same texts as the window's)."""
    from lia_desktop.assets import questionnaire
    from lia_desktop.i18n import Ui

    return Ui(questionnaire(), _language(args))


def _settings(args: argparse.Namespace):
    """The settings, read once per command."""
    if getattr(args, "_settings", None) is None:
        from lia_desktop import settings
        from lia_desktop.storage.workspace import data_dir_from

        args._settings = settings.load(data_dir_from(args.data_dir))
    return args._settings


def _workspaces(args: argparse.Namespace):
    from lia_desktop.assets import questionnaire
    from lia_desktop.storage.workspace import Workspaces, data_dir_from

    return Workspaces(data_dir_from(args.data_dir), questionnaire(), keep_backups=_settings(args).backups)


def _passphrase(args: argparse.Namespace) -> str | None:
    """The passphrase from --passphrase-file: its first line, without the line ending."""
    if not getattr(args, "passphrase_file", None):
        return None
    try:
        with open(args.passphrase_file, encoding="utf-8") as handle:
            secret = handle.readline().rstrip("\r\n")
    except (OSError, UnicodeDecodeError) as exc:
        raise LiaError(_ui(args)("cli_passphrase_unreadable", path=args.passphrase_file, reason=exc)) from None
    if not secret:
        raise LiaError(_ui(args)("cli_passphrase_empty", path=args.passphrase_file))
    return secret


def _branding(args: argparse.Namespace):
    from lia_desktop.export.pdf import Branding

    chosen = _settings(args)
    return Branding(chosen.consultant, chosen.firm, Path(chosen.logo) if chosen.logo else None)


def _paper(args: argparse.Namespace) -> str:
    return args.paper or _settings(args).paper


def _write_output(target: str, data: bytes) -> None:
    """Write an output file atomically; '-' is standard output."""
    from lia_desktop.export.output import write_output

    if target == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    write_output(Path(target), data)


# ---------------------------------------------------------------------------- commands


def cmd_workspaces(args: argparse.Namespace) -> int:
    spaces = _workspaces(args)
    for name in spaces.names():
        _out(name)
    return 0


def cmd_workspace(args: argparse.Namespace) -> int:
    spaces = _workspaces(args)
    if args.action == "create":
        spaces.create(args.name, passphrase=_passphrase(args))
        _out(_ui(args)("cli_created", name=args.name))
    elif args.action == "rename":
        spaces.rename(args.name, args.new_name)
        _out(_ui(args)("cli_renamed", name=args.name, new=args.new_name))
    elif args.action == "delete":
        if not args.yes:
            if not sys.stdin.isatty():
                raise UsageError(_ui(args)("cli_needs_yes", name=args.name))
            answer = input(_ui(args)("cli_confirm_delete", name=args.name) + " ")
            if answer.strip().lower() not in ("y", "yes", "j", "ja", "o", "oui"):
                _out(_ui(args)("cli_nothing_deleted"))
                return 1
        kept = spaces.delete(args.name)
        _out(_ui(args)("workspace_deleted", name=args.name, path=kept))
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from lia_desktop.storage.workspace import DEFAULT_WORKSPACE

    spaces = _workspaces(args)
    try:
        store = spaces.open(args.workspace, read_only=True, passphrase=_passphrase(args))
    except UnknownWorkspace:
        if args.workspace != DEFAULT_WORKSPACE:
            raise
        rows = []
    else:
        with store:
            rows = store.repository.list(
                search=args.search or "",
                status=args.status,
                verdict=args.verdict,
                review_due=args.review_due,
            )
    if args.json:
        _out(json.dumps([r.to_json() for r in rows], ensure_ascii=False, indent=2))
        return 0
    ui = _ui(args)
    for r in rows:
        title = r.title or ui("untitled")
        org = f" — {r.organisation}" if r.organisation else ""
        status, verdict = ui.texts.status(r.status), ui.texts.verdict_short(r.verdict)
        law = f"  ⚠ {ui.texts.get('advice', 'law_changed')}" if r.law_changed else ""
        _out(f"{r.id[:8]}  {status:<11}  {verdict:<16}  {r.updated_at[:10]}  {title}{org}{law}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from lia_desktop.assets import questionnaire
    from lia_desktop.export import exchange

    q = questionnaire()
    assessments = [exchange.read(Path(name), q) for name in args.files]  # all validated before any write
    if args.as_copy:
        assessments = [a.with_new_id() for a in assessments]
    spaces = _workspaces(args)
    with spaces.open(args.workspace, create=True, passphrase=_passphrase(args)) as store:
        store.repository.add_many(assessments, sources=list(args.files))
    ui = _ui(args)
    for a in assessments:
        _out(ui("cli_imported", id=a.id, title=a.title or ui("untitled")))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from lia_desktop.assets import questionnaire
    from lia_desktop.export import exchange, pdf

    spaces = _workspaces(args)
    with spaces.open(args.workspace, read_only=True, passphrase=_passphrase(args)) as store:
        assessment = store.repository.get(args.id)
    if args.json:
        _write_output(args.json, exchange.dumps(assessment, questionnaire()))
    else:
        _write_output(args.pdf, pdf.render_record(assessment, questionnaire(), _paper(args), _branding(args)))
    return 0


def cmd_export_all(args: argparse.Namespace) -> int:
    from lia_desktop.assets import questionnaire
    from lia_desktop.export import pdf
    from lia_desktop.export.filenames import record_name

    folder = Path(args.folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise LiaError(_ui(args)("cli_cannot_create", path=folder, reason=exc.strerror or exc)) from None
    spaces = _workspaces(args)
    with spaces.open(args.workspace, read_only=True, passphrase=_passphrase(args)) as store:
        rows = store.repository.list(status=args.status, verdict=args.verdict)
        assessments = [store.repository.get(r.id) for r in rows]
    q, paper, branding = questionnaire(), _paper(args), _branding(args)
    for number, assessment in enumerate(assessments, start=1):
        target = folder / record_name(assessment.organisation, assessment.title, assessment.id)
        _write_output(str(target), pdf.render_record(assessment, q, paper, branding))
        _out(f"[{number}/{len(assessments)}] {target}")
    return 0


def cmd_blank(args: argparse.Namespace) -> int:
    from lia_desktop.assets import questionnaire
    from lia_desktop.export import pdf

    language = args.blank_lang or args.lang or _settings(args).language
    _write_output(args.pdf, pdf.render_blank(questionnaire(), language, _paper(args), _branding(args)))
    return 0


def cmd_backups(args: argparse.Namespace) -> int:
    spaces = _workspaces(args)
    good = set(spaces.backups(args.workspace).good(_passphrase(args)))
    ui = _ui(args)
    for backup in spaces.backups(args.workspace).list():
        state = ui("cli_backup_good") if backup.path in good else ui("cli_backup_damaged")
        _out(f"{backup.taken_at.isoformat()}  {state:<10}  {backup.path}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    spaces = _workspaces(args)
    kept = spaces.restore(args.workspace, Path(args.backup), passphrase=_passphrase(args))
    ui = _ui(args)
    where = " " + ui("cli_kept_at", path=kept) if kept else ""
    _out(ui("cli_restored", name=args.workspace, path=args.backup) + where)
    return 0


def cmd_selftest(args: argparse.Namespace) -> int:
    """Check the content, the schema, the worked examples and a crash-safe round trip."""
    from lia_desktop.assets import questionnaire, resources_dir
    from lia_desktop.domain.evaluation import evaluate
    from lia_desktop.export import exchange
    from lia_desktop.storage.workspace import Workspaces

    q = questionnaire()
    ui = _ui(args)
    _out(ui("cli_selftest_content", count=len(q.items), languages=", ".join(LANGUAGES)))
    examples = sorted((resources_dir() / "examples").glob(f"*{exchange.SUFFIX}"))
    assessments = [exchange.read(path, q) for path in examples]
    for path, assessment in zip(examples, assessments, strict=True):
        verdicts = {evaluate(assessment, q, lang).verdict for lang in LANGUAGES}
        if len(verdicts) != 1:
            raise LiaError(ui("cli_selftest_failed", what=path.name))
        _out(ui("cli_selftest_example", name=path.name, verdict=ui.texts.verdict_short(verdicts.pop().value)))
    with tempfile.TemporaryDirectory() as folder:
        spaces = Workspaces(Path(folder), q)
        for name, secret in (("selftest", None), ("selftest-encrypted", "selftest passphrase")):
            with spaces.open(name, create=True, passphrase=secret) as store:
                store.repository.add_many(assessments)
            with spaces.open(name, read_only=True, passphrase=secret) as store:
                again = [store.repository.get(a.id) for a in assessments]
            if [exchange.dumps(a) for a in again] != [exchange.dumps(a) for a in assessments]:
                raise LiaError(ui("cli_selftest_failed", what=name))
    _out(ui("cli_selftest_round_trip"))
    if args.qt:  # Qt is imported only for this check
        from lia_desktop.ui.qtcheck import check_qt

        for line in check_qt(ui):
            _out(line)
    _out(ui("cli_selftest_passed", app=f"{APP_NAME} {__version__}"))
    return 0


# ---------------------------------------------------------------------------- parser


def _error_line(args: argparse.Namespace, exc: LiaError) -> str:
    """One line in the user's language: what happened and what to do, then the technical detail."""
    ui = _ui(args)
    message, detail = ui.error(exc)
    hint = ""
    if isinstance(exc, DamagedWorkspace):
        message, detail = ui("err_damaged", path=exc.path), exc.reason
        if exc.backups:  # the command line has no dialog to offer the backup: it names the command
            command = f"{PROG} --workspace {args.workspace} restore {exc.backups[0]}"
            message = ui("err_damaged_backup_cli", path=exc.path)
            hint = ui("cli_restore_hint", command=command)
    line = f"{message} [{detail}]" if detail and detail not in message else message
    return " ".join(f"{line} {hint}".split())


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit status 2
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    from lia_desktop.storage.workspace import DEFAULT_WORKSPACE

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
        sys.stderr.write(f"{PROG}: {exc} (see '{PROG} --help')\n")
        return 2
    except SystemExit as exc:  # --help and --version
        return int(exc.code or 0)
    if args.command is None:
        if gui is None:
            parser.print_help()
            return 0
        return gui(args)
    from lia_desktop.storage.workspace import DEFAULT_WORKSPACE

    args.workspace = args.workspace or DEFAULT_WORKSPACE
    try:
        return args.run(args)
    except UsageError as exc:
        sys.stderr.write(f"{PROG}: {exc}\n")
        return 2
    except LiaError as exc:
        sys.stderr.write(f"{PROG}: {_error_line(args, exc)}\n")
        return 1
    except KeyboardInterrupt:
        sys.stderr.write(f"{PROG}: interrupted\n")
        return 1
