"""The command line (see README.md, "Command line").

Exit status: 0 success, 2 usage error, 1 any other failure, with a one-line message on
stderr that says what went wrong and what to do. Expected failures (a bad file, a workspace
in use, a damaged store) never print a traceback.
"""

from __future__ import annotations

import argparse
import json
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


def _settings(args: argparse.Namespace):
    from lia_desktop import settings
    from lia_desktop.storage.workspace import data_dir_from

    return settings.load(data_dir_from(args.data_dir))


def _workspaces(args: argparse.Namespace):
    from lia_desktop.assets import questionnaire
    from lia_desktop.storage.workspace import Workspaces, data_dir_from

    return Workspaces(data_dir_from(args.data_dir), questionnaire(), keep_backups=_settings(args).backups)


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
        spaces.create(args.name)
        _out(f"created workspace {args.name}")
    elif args.action == "rename":
        spaces.rename(args.name, args.new_name)
        _out(f"renamed workspace {args.name} to {args.new_name}")
    elif args.action == "delete":
        if not args.yes:
            if not sys.stdin.isatty():
                raise UsageError(f"deleting workspace {args.name!r} needs --yes when there is no terminal to ask")
            answer = input(f"Delete workspace {args.name!r}? It is moved to the set-aside folder. [y/N] ")
            if answer.strip().lower() not in ("y", "yes"):
                _out("nothing deleted")
                return 1
        kept = spaces.delete(args.name)
        _out(f"deleted workspace {args.name}; the file is kept at {kept}")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from lia_desktop.storage.workspace import DEFAULT_WORKSPACE

    spaces = _workspaces(args)
    try:
        store = spaces.open(args.workspace, read_only=True)
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
    for r in rows:
        title = r.title or "(untitled)"
        org = f" — {r.organisation}" if r.organisation else ""
        _out(f"{r.id[:8]}  {r.status:<9}  {r.verdict:<24}  {r.updated_at[:10]}  {title}{org}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from lia_desktop.assets import questionnaire
    from lia_desktop.export import exchange

    q = questionnaire()
    assessments = [exchange.read(Path(name), q) for name in args.files]  # all validated before any write
    if args.as_copy:
        assessments = [a.with_new_id() for a in assessments]
    spaces = _workspaces(args)
    with spaces.open(args.workspace, create=True) as store:
        store.repository.add_many(assessments, sources=list(args.files))
    for a in assessments:
        _out(f"imported {a.id}  {a.title}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from lia_desktop.assets import questionnaire
    from lia_desktop.export import exchange, pdf

    spaces = _workspaces(args)
    with spaces.open(args.workspace, read_only=True) as store:
        assessment = store.repository.get(args.id)
    if args.json:
        _write_output(args.json, exchange.dumps(assessment))
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
        raise LiaError(f"cannot create {folder}: {exc.strerror or exc}; choose another place") from None
    spaces = _workspaces(args)
    with spaces.open(args.workspace, read_only=True) as store:
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
    good = set(spaces.backups(args.workspace).good())
    for backup in spaces.backups(args.workspace).list():
        state = "good" if backup.path in good else "damaged"
        _out(f"{backup.taken_at.isoformat()}  {state:<7}  {backup.path}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    spaces = _workspaces(args)
    kept = spaces.restore(args.workspace, Path(args.backup))
    where = f"; the replaced file is kept at {kept}" if kept else ""
    _out(f"restored workspace {args.workspace} from {args.backup}{where}")
    return 0


def cmd_selftest(args: argparse.Namespace) -> int:
    """Check the content, the schema, the worked examples and a crash-safe round trip."""
    from lia_desktop.assets import questionnaire, resources_dir
    from lia_desktop.domain.evaluation import evaluate
    from lia_desktop.export import exchange
    from lia_desktop.storage.workspace import Workspaces

    q = questionnaire()
    _out(f"content: {len(q.items)} items in {', '.join(LANGUAGES)}: OK")
    examples = sorted((resources_dir() / "examples").glob(f"*{exchange.SUFFIX}"))
    assessments = [exchange.read(path, q) for path in examples]
    for path, assessment in zip(examples, assessments, strict=True):
        verdicts = {evaluate(assessment, q, lang).verdict for lang in LANGUAGES}
        if len(verdicts) != 1:
            raise LiaError(f"selftest: the languages disagree on {path.name}")
        _out(f"example {path.name}: {verdicts.pop().value}")
    with tempfile.TemporaryDirectory() as folder:
        spaces = Workspaces(Path(folder), q)
        with spaces.open("selftest", create=True) as store:
            store.repository.add_many(assessments)
        with spaces.open("selftest", read_only=True) as store:
            again = [store.repository.get(a.id) for a in assessments]
        if [exchange.dumps(a) for a in again] != [exchange.dumps(a) for a in assessments]:
            raise LiaError("selftest: a workspace round trip changed an assessment")
    _out("workspace round trip: OK")
    _out(f"{APP_NAME} {__version__}: selftest passed")
    return 0


# ---------------------------------------------------------------------------- parser


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
    parser.add_argument("--lang", choices=LANGUAGES, help="language of the window")
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

    commands.add_parser("selftest", help="check the program's content and storage").set_defaults(run=cmd_selftest)
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
    except DamagedWorkspace as exc:
        hint = f" with: {PROG} --workspace {args.workspace} restore {exc.backups[0]}" if exc.backups else ""
        sys.stderr.write(f"{PROG}: {exc}{hint}\n")
        return 1
    except LiaError as exc:
        sys.stderr.write(f"{PROG}: {exc}\n")
        return 1
    except KeyboardInterrupt:
        sys.stderr.write(f"{PROG}: interrupted\n")
        return 1
