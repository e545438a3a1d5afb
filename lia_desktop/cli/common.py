"""What the verbs share: output, the user's language and settings, the workspaces, the passphrase."""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

from lia_desktop.export.text_safety import for_terminal
from lia_desktop.storage.errors import LiaError

PROG = "lia-desktop"


class UsageError(Exception):
    """Wrong arguments: exit status 2."""


def say(text: str = "") -> None:
    """One line for a person: any control character or direction override in it made harmless."""
    sys.stdout.write(for_terminal(text) + "\n")


@contextlib.contextmanager
def interrupt_after() -> Iterator[None]:
    """Ctrl+C during the block takes effect when it ends: a file written is also reported."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pressed: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda number, _frame: pressed.append(number))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous if previous is not None else signal.default_int_handler)
    if pressed:
        raise KeyboardInterrupt


def say_json(data: object) -> None:
    """JSON for programs, in UTF-8, indented by two spaces: byte for byte what
    json.dumps(data, ensure_ascii=False, indent=2) writes, made by orjson in a fraction of the time."""
    import orjson

    sys.stdout.flush()
    sys.stdout.buffer.write(orjson.dumps(data, option=orjson.OPT_INDENT_2) + b"\n")
    sys.stdout.flush()


def language(args: argparse.Namespace) -> str:
    """--lang, else the settings' language when a settings file exists, else the locale, else English."""
    if getattr(args, "lang", None):
        return args.lang
    from lia_desktop import settings as settings_file
    from lia_desktop.storage.paths import data_dir_from

    data_dir = data_dir_from(getattr(args, "data_dir", None))
    if settings_file.exists(data_dir):
        return settings(args).language
    return settings_file.system_language() or "en"


def ui(args: argparse.Namespace):
    """The command line's words in the user's language (the same texts as the window's)."""
    from lia_desktop.assets import questionnaire
    from lia_desktop.i18n import Ui

    return Ui(questionnaire(), language(args))


def settings(args: argparse.Namespace):
    """The settings, read once per command."""
    if getattr(args, "_settings", None) is None:
        from lia_desktop import settings as settings_file
        from lia_desktop.storage.paths import data_dir_from

        args._settings = settings_file.load(data_dir_from(getattr(args, "data_dir", None)))
    return args._settings


def workspaces(args: argparse.Namespace):
    from lia_desktop.assets import questionnaire
    from lia_desktop.storage.workspace import Workspaces, data_dir_from

    return Workspaces(data_dir_from(args.data_dir), questionnaire(), keep_backups=settings(args).backups)


def passphrase(args: argparse.Namespace) -> str | None:
    """The passphrase from --passphrase-file: its first line, without the line ending."""
    if not getattr(args, "passphrase_file", None):
        return None
    try:
        with open(args.passphrase_file, encoding="utf-8") as handle:
            secret = handle.readline().rstrip("\r\n")
    except (OSError, UnicodeDecodeError) as exc:
        raise LiaError(ui(args)("cli_passphrase_unreadable", path=args.passphrase_file, reason=exc)) from None
    if not secret:
        raise LiaError(ui(args)("cli_passphrase_empty", path=args.passphrase_file))
    return secret


def branding(args: argparse.Namespace):
    from lia_desktop.export.pdf import Branding

    name, firm, logo = settings(args).branding()
    return Branding(name, firm, Path(logo) if logo else None)


def paper(args: argparse.Namespace) -> str:
    return args.paper or settings(args).paper


def write_output(target: str, data: bytes) -> None:
    """Write an output file atomically; '-' is standard output."""
    from lia_desktop.export.output import write_output as write_file

    if target == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    write_file(Path(target), data)
