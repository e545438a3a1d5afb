"""The command line: lia-desktop [options] COMMAND ... (see README.md)."""

from __future__ import annotations

import argparse
import sys

from lia_desktop import APP_NAME, __version__


def _selftest() -> int:
    """Load and cross-check the content, then run the engine once in every language."""
    from lia_desktop.assets import questionnaire
    from lia_desktop.domain.evaluation import evaluate
    from lia_desktop.domain.model import LANGUAGES, Assessment

    q = questionnaire()
    blank = Assessment()
    verdicts = {evaluate(blank, q, lang).verdict for lang in LANGUAGES}
    if len(verdicts) != 1:
        print(f"selftest failed: the languages disagree on a blank assessment: {sorted(verdicts)}", file=sys.stderr)
        return 1
    print(f"{APP_NAME} {__version__}: content ({len(q.items)} items, {len(LANGUAGES)} languages) and rules OK")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="lia-desktop", description=f"{APP_NAME}: legitimate interest assessments")
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("selftest", help="check that the content and rules load and agree")
    return parser


def main(argv: list[str]) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors and 0 on --help/--version
        return int(exc.code or 0)
    if args.command == "selftest":
        return _selftest()
    parser.print_help()
    return 0
