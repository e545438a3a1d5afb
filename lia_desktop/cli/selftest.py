"""The selftest verb: the content, the schema, the worked examples and a crash-safe round trip."""

from __future__ import annotations

import argparse
from pathlib import Path

from lia_desktop import APP_NAME, __version__
from lia_desktop.cli.common import say, ui
from lia_desktop.domain.model import LANGUAGES
from lia_desktop.storage.errors import LiaError


def cmd_selftest(args: argparse.Namespace) -> int:
    """Check the content, the schema, the worked examples and a crash-safe round trip."""
    import tempfile

    from lia_desktop.assets import questionnaire, resources_dir
    from lia_desktop.domain.evaluation import evaluate
    from lia_desktop.export import exchange
    from lia_desktop.storage.workspace import Workspaces

    q = questionnaire()
    words = ui(args)
    say(words("cli_selftest_content", count=len(q.items), languages=", ".join(LANGUAGES)))
    examples = sorted((resources_dir() / "examples").glob(f"*{exchange.SUFFIX}"))
    assessments = [exchange.read(path, q) for path in examples]
    for path, assessment in zip(examples, assessments, strict=True):
        verdicts = {evaluate(assessment, q, lang).verdict for lang in LANGUAGES}
        if len(verdicts) != 1:
            raise LiaError(words("cli_selftest_failed", what=path.name))
        say(words("cli_selftest_example", name=path.name, verdict=words.texts.verdict_short(verdicts.pop().value)))
    with tempfile.TemporaryDirectory() as folder:
        spaces = Workspaces(Path(folder), q)
        for name, secret in (("selftest", None), ("selftest-encrypted", "selftest passphrase")):
            with spaces.open(name, create=True, passphrase=secret) as store:
                store.repository.add_many(assessments)
            with spaces.open(name, read_only=True, passphrase=secret) as store:
                again = [store.repository.get(a.id) for a in assessments]
            if [exchange.dumps(a) for a in again] != [exchange.dumps(a) for a in assessments]:
                raise LiaError(words("cli_selftest_failed", what=name))
    say(words("cli_selftest_round_trip"))
    if args.qt:  # Qt is imported only for this check
        from lia_desktop.ui.qtcheck import check_qt

        for line in check_qt(words):
            say(line)
    say(words("cli_selftest_passed", app=f"{APP_NAME} {__version__}"))
    return 0
