"""Verbs about the assessments in a workspace: list, import, export, export-all, blank."""

from __future__ import annotations

import argparse
import contextlib
from pathlib import Path

from lia_desktop.cli.common import (
    branding,
    interrupt_after,
    paper,
    passphrase,
    say,
    say_json,
    settings,
    ui,
    workspaces,
    write_output,
)
from lia_desktop.storage.errors import LiaError, UnknownWorkspace


def cmd_list(args: argparse.Namespace) -> int:
    from lia_desktop.storage.paths import DEFAULT_WORKSPACE

    spaces = workspaces(args)
    try:
        store = spaces.open(args.workspace, read_only=True, passphrase=passphrase(args))
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
        say_json([r.to_json() for r in rows])
        return 0
    words = ui(args)
    for r in rows:
        title = r.title or words("untitled")
        org = f" — {r.organisation}" if r.organisation else ""
        status, verdict = words.texts.status(r.status), words.texts.verdict_short(r.verdict)
        law = f"  ⚠ {words.texts.get('advice', 'law_changed')}" if r.law_changed else ""
        say(f"{r.id[:8]}  {status:<11}  {verdict:<16}  {r.updated_at[:10]}  {title}{org}{law}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from lia_desktop.assets import questionnaire
    from lia_desktop.export import exchange

    q = questionnaire()
    assessments = [exchange.read(Path(name), q) for name in args.files]  # all validated before any write
    if args.as_copy:
        assessments = [a.with_new_id() for a in assessments]
    with workspaces(args).open(args.workspace, create=True, passphrase=passphrase(args)) as store:
        store.repository.add_many(assessments, sources=list(args.files))
    words = ui(args)
    for a in assessments:
        say(words("cli_imported", id=a.id, title=a.title or words("untitled")))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from lia_desktop.assets import questionnaire
    from lia_desktop.export import exchange, pdf

    with workspaces(args).open(args.workspace, read_only=True, passphrase=passphrase(args)) as store:
        assessment = store.repository.get(args.id)
        changes = store.repository.revision_changes(assessment.id)
    if args.json:
        write_output(args.json, exchange.dumps(assessment, questionnaire()))
    else:
        record = pdf.render_record(assessment, questionnaire(), paper(args), branding(args), changes=changes)
        write_output(args.pdf, record)
    return 0


def cmd_export_all(args: argparse.Namespace) -> int:
    """Every record (or those filtered) into a folder, rendered on every core; Ctrl+C stops it
    (the records written so far stay, each whole)."""
    from lia_desktop.export.batch import render_all, stored_record
    from lia_desktop.export.filenames import record_names

    folder = Path(args.folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise LiaError(ui(args)("cli_cannot_create", path=folder, reason=exc.strerror or exc)) from None
    with workspaces(args).open(args.workspace, read_only=True, passphrase=passphrase(args)) as store:
        repository = store.repository
        rows = repository.list(status=args.status, verdict=args.verdict)
        names = record_names([(r.organisation, r.title, r.id) for r in rows])
        batch = render_all(len(rows), lambda n: stored_record(repository, rows[n].id), paper(args), branding(args))
        with contextlib.closing(batch):
            written = 0
            for made in batch:
                if made is None:
                    continue
                number, data = made
                target = folder / names[number]
                with interrupt_after():  # a record on disk is a record reported
                    write_output(str(target), data)
                    written += 1
                    say(f"[{written}/{len(rows)}] {target}")
    return 0


def cmd_blank(args: argparse.Namespace) -> int:
    from lia_desktop.assets import questionnaire
    from lia_desktop.export import pdf

    language = args.blank_lang or args.lang or settings(args).language
    write_output(args.pdf, pdf.render_blank(questionnaire(), language, paper(args), branding(args)))
    return 0
