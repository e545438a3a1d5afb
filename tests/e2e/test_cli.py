"""The command line as a user runs it: a separate process, exit codes, one-line messages."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from lia_desktop.assets import resources_dir

EXAMPLES = sorted((resources_dir() / "examples").glob("*.lia.json"))
NEWSLETTER = resources_dir() / "examples" / "newsletter-existing-customers.nl.lia.json"


@pytest.fixture
def cli(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("LIA_DATA_DIR", "LC_ALL", "LC_MESSAGES")}
    env["LIA_DATA_DIR"] = str(tmp_path / "data")
    env["LANG"] = "C.UTF-8"  # messages in English unless a test asks otherwise

    def run(*args, stdin=None):
        return subprocess.run(
            [sys.executable, "-m", "lia_desktop", *map(str, args)],
            env=env,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
            input=stdin,
        )

    run.data = tmp_path / "data"
    return run


def one_line_error(done):
    assert done.stderr.count("\n") == 1, done.stderr
    assert "Traceback" not in done.stderr
    return done.stderr


def test_version_and_selftest(cli):
    done = cli("--version")
    assert done.returncode == 0 and done.stdout.startswith("LIA Desktop ")
    done = cli("selftest")
    assert done.returncode == 0, done.stderr
    assert "selftest passed" in done.stdout


def test_the_installed_command_runs():
    script = Path(sys.executable).parent / ("lia-desktop.exe" if os.name == "nt" else "lia-desktop")
    if not script.exists():
        pytest.skip("the package is not installed in this environment")
    done = subprocess.run([str(script), "--version"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "LIA Desktop" in done.stdout


def test_import_list_export_round_trip(cli, tmp_path):
    assert cli("list", "--json").stdout.strip() == "[]"  # a fresh machine: empty default workspace
    done = cli("import", *EXAMPLES)
    assert done.returncode == 0, done.stderr
    rows = json.loads(cli("list", "--json").stdout)
    assert len(rows) == len(EXAMPLES)
    for row in rows:
        assert {"id", "title", "organisation", "status", "verdict", "updated_at", "channels"} <= set(row)
    newsletter = next(r for r in rows if r["organisation"] == "Bakkerij Janssens bv")
    assert newsletter["verdict"] == "suitable"
    assert newsletter["channels"] == {"ch_email": "suitable"}
    b2b = next(r for r in rows if r["organisation"] == "Brightline IT Services B.V.")
    assert (b2b["verdict"], b2b["channels"]) == ("not_suitable", {"ch_email": "consent_needed"})
    out = tmp_path / "out.lia.json"
    assert cli("export", newsletter["id"][:8], "--json", out).returncode == 0
    assert out.read_bytes() == NEWSLETTER.read_bytes()
    assert cli("export", newsletter["id"], "--json", "-").stdout.encode() == NEWSLETTER.read_bytes()
    filtered = json.loads(cli("list", "--json", "--verdict", "not_suitable").stdout)
    assert {r["verdict"] for r in filtered} == {"not_suitable"}
    assert "Bakkerij Janssens bv" in cli("list").stdout
    assert "Suitable" in cli("list").stdout


def test_messages_speak_the_users_language(cli, tmp_path):
    done = cli("--lang", "nl", "import", NEWSLETTER)
    assert done.returncode == 0 and done.stdout.startswith("Geïmporteerd:")
    assert "Geschikt" in cli("--lang", "nl", "list").stdout
    done = cli("--lang", "fr", "import", NEWSLETTER)
    assert done.returncode == 1
    assert "existe déjà" in one_line_error(done)
    done = cli("--lang", "nl", "export", "3f1c2a9e", "--json", tmp_path / "missing" / "x.json")
    assert done.returncode == 1 and "kon niet geschreven worden" in one_line_error(done)
    assert "zelftest geslaagd" in cli("--lang", "nl", "selftest").stdout


def test_a_workspace_per_client(cli):
    assert cli("--workspace", "Client A", "import", NEWSLETTER).returncode == 0
    assert cli("workspaces").stdout.split("\n")[:1] == ["Client A"]
    assert cli("workspace", "rename", "Client A", "Client B").returncode == 0
    assert json.loads(cli("--workspace", "Client B", "list", "--json").stdout)[0]["organisation"]
    assert cli("workspace", "delete", "Client B").returncode == 2  # no terminal to confirm
    done = cli("workspace", "delete", "Client B", "--yes")
    assert done.returncode == 0 and "the file is in" in done.stdout
    assert cli("workspaces").stdout == ""
    done = cli("--workspace", "Client B", "list")
    assert done.returncode == 1 and "no workspace named 'Client B'" in one_line_error(done)
    done = cli("workspace", "create", "bad/name")
    assert done.returncode == 1 and "cannot be a workspace name" in one_line_error(done)


def test_import_is_all_or_nothing(cli, tmp_path):
    bad = tmp_path / "bad.lia.json"
    bad.write_text('{"format": "lia-assessment", "format_version": 1, "assessment": {}}', encoding="utf-8")
    done = cli("import", NEWSLETTER, bad)
    assert done.returncode == 1
    assert "bad.lia.json" in one_line_error(done) and "nothing was imported" in done.stderr.lower()
    assert json.loads(cli("list", "--json").stdout) == []


def test_an_existing_id_is_not_overwritten(cli):
    assert cli("import", NEWSLETTER).returncode == 0
    done = cli("import", NEWSLETTER)
    assert done.returncode == 1 and "already in this workspace" in one_line_error(done)
    assert cli("import", "--as-copy", NEWSLETTER).returncode == 0
    assert len(json.loads(cli("list", "--json").stdout)) == 2


def test_usage_errors_exit_2(cli):
    for args in (("bogus",), ("export", "abcd"), ("list", "--verdict", "maybe"), ("--lang", "de", "list")):
        done = cli(*args)
        assert done.returncode == 2, args
        one_line_error(done)


def test_unknown_id_and_unwritable_target_exit_1(cli, tmp_path):
    cli("import", NEWSLETTER)
    done = cli("export", "ffffffff", "--json", tmp_path / "x.json")
    assert done.returncode == 1 and "no assessment" in one_line_error(done)
    done = cli("export", "3f1c2a9e", "--json", tmp_path / "missing-folder" / "x.json")
    assert done.returncode == 1 and "could not be written" in one_line_error(done)
    done = cli("export", "3f1c2a9e", "--json", tmp_path)
    assert done.returncode == 1 and "it is a folder" in one_line_error(done)


def test_a_damaged_workspace_is_reported_with_its_backup(cli):
    cli("import", NEWSLETTER)
    cli("import", EXAMPLES[0])  # second session: a backup of the first state is taken
    workspace = cli.data / "workspaces" / "default.json"
    workspace.write_bytes(b'{"assessments": ')
    done = cli("list")
    assert done.returncode == 1
    message = one_line_error(done)
    assert "is damaged" in message and "Restore it with" in message
    backup = message.rsplit("restore ", 1)[1].strip()
    assert cli("restore", backup).returncode == 0
    assert len(json.loads(cli("list", "--json").stdout)) == 1
    assert (cli.data / "set-aside").is_dir()


def test_a_workspace_in_use_is_refused(cli, questionnaire):
    from lia_desktop.storage.workspace import Workspaces

    cli("import", NEWSLETTER)
    with Workspaces(cli.data, questionnaire).open("default"):
        done = cli("import", "--as-copy", NEWSLETTER)
        assert done.returncode == 1 and "in use" in one_line_error(done)
        assert cli("list").returncode == 0  # reading still works


def test_pdf_export_blank_batch_and_import_from_pdf(cli, tmp_path):
    assert cli("import", *EXAMPLES).returncode == 0
    record = tmp_path / "record.pdf"
    done = cli("export", "3f1c2a9e", "--pdf", record, "--paper", "letter")
    assert done.returncode == 0, done.stderr
    assert record.read_bytes().startswith(b"%PDF-")
    blank = tmp_path / "blank.pdf"
    assert cli("blank", "--pdf", blank, "--lang", "fr").returncode == 0
    assert blank.read_bytes().startswith(b"%PDF-")
    folder = tmp_path / "all records"
    done = cli("export-all", folder)
    assert done.returncode == 0, done.stderr
    assert len(list(folder.glob("*.pdf"))) == len(EXAMPLES)
    assert f"[{len(EXAMPLES)}/{len(EXAMPLES)}]" in done.stdout
    # the paper trail can be imported again
    done = cli("--workspace", "from paper", "import", record)
    assert done.returncode == 0, done.stderr
    out = tmp_path / "again.lia.json"
    cli("--workspace", "from paper", "export", "3f1c2a9e", "--json", out)
    assert out.read_bytes() == NEWSLETTER.read_bytes()
    done = cli("import", blank)
    assert done.returncode == 1 and "without the LIA Desktop exchange file" in one_line_error(done)
    done = cli("export", "3f1c2a9e", "--pdf", record, "--json", out)
    assert done.returncode == 2


def test_the_window_starts_and_stops_as_a_program(cli, tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "LIA_DATA_DIR"}
    env.update(QT_QPA_PLATFORM="offscreen", LIA_QUIT_WHEN_FILLED="1", LIA_NO_ERROR_WINDOWS="1")
    assert cli("import", NEWSLETTER).returncode == 0
    done = subprocess.run(
        [sys.executable, "-m", "lia_desktop", "--data-dir", str(cli.data), "--lang", "fr"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert (cli.data / "window.ini").exists()  # it remembered its window and workspace


def test_an_encrypted_workspace_from_the_command_line(cli, tmp_path):
    secret, wrong = tmp_path / "secret.txt", tmp_path / "wrong.txt"
    secret.write_text("mijn geheim\n", encoding="utf-8")
    wrong.write_text("iets anders\n", encoding="utf-8")
    assert cli("--workspace", "Kluis", "--passphrase-file", secret, "import", NEWSLETTER).returncode == 0
    assert b"Bakkerij" not in (cli.data / "workspaces" / "Kluis.json").read_bytes()
    done = cli("--workspace", "Kluis", "list")
    assert done.returncode == 1 and "encrypted" in one_line_error(done)
    done = cli("--workspace", "Kluis", "--passphrase-file", wrong, "list")
    assert done.returncode == 1 and "passphrase of the workspace" in one_line_error(done) and "is wrong" in done.stderr
    done = cli("--workspace", "Kluis", "--passphrase-file", secret, "list", "--json")
    assert done.returncode == 0 and json.loads(done.stdout)[0]["organisation"] == "Bakkerij Janssens bv"
    done = cli("--workspace", "Kluis", "--passphrase-file", tmp_path / "missing.txt", "list")
    assert done.returncode == 1 and "cannot be read" in one_line_error(done)


@pytest.mark.parametrize(
    ("lang", "usage", "heading", "line"),
    [
        ("nl", "gebruik: ", "opdrachten:", "de beoordelingen van een werkruimte tonen"),
        ("fr", "utilisation\u00a0: ", "commandes\u00a0:", "lister les évaluations d’un espace de travail"),
        ("en", "usage: ", "commands:", "list the assessments of a workspace"),
    ],
)
def test_the_help_speaks_the_users_language(cli, lang, usage, heading, line):
    done = cli("--lang", lang, "--help")
    assert done.returncode == 0 and done.stdout.startswith(usage)
    assert heading in done.stdout and line in done.stdout
    sub = cli("--lang", lang, "export", "--help").stdout  # a command's own help too
    assert sub.startswith(usage) and "-h, --help" in sub


def test_the_help_follows_the_locale_and_every_option_is_explained(cli):
    from lia_desktop.cli.main import build_parser, help_words

    env = {k: v for k, v in os.environ.items() if k not in ("LIA_DATA_DIR", "LC_ALL", "LC_MESSAGES", "LANGUAGE")}
    env.update(LIA_DATA_DIR=str(cli.data), LANG="fr_BE.UTF-8")
    done = subprocess.run([sys.executable, "-m", "lia_desktop", "--help"], env=env, capture_output=True, text=True)
    assert "afficher cette aide et quitter" in done.stdout
    for language in ("nl", "fr", "en"):
        parser = build_parser(help_words(["--lang", language]))
        commands = next(a for a in parser._actions if a.dest == "command")  # argparse keeps them there
        for name, sub in [("", parser), *commands.choices.items()]:
            for action in sub._actions:
                if action.option_strings:
                    assert action.help, (language, name, action.option_strings)


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("--lang", "fr", "list", "--status", "xx"), "--status\u00a0: choix non valable 'xx' (choisissez parmi"),
        (("--lang", "nl", "import"), "deze argumenten ontbreken: FILE (zie 'lia-desktop --help')"),
        (("--lang", "fr", "export", "abcd"), "l’un de ces arguments est requis\u00a0: --pdf --json"),
        (("--lang", "nl", "list", "extra"), "onbekende argumenten: extra"),
        (("--lang", "en", "export", "abcd", "--pdf", "a", "--json", "b"), "--json: not together with --pdf"),
    ],
)
def test_usage_errors_are_told_in_the_users_language(cli, args, said):
    done = cli(*args)
    assert done.returncode == 2 and said in one_line_error(done)
