"""Every verb of the command line against broken inputs: one line, an exit status, never a traceback."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from lia_desktop import cli
from lia_desktop.assets import resources_dir
from lia_desktop.storage.crypto import MAGIC
from lia_desktop.storage.workspace import Workspaces
from tests.conftest import make_assessment
from tests.storage.test_exchange_hostile import pdf_with_bombs

EXAMPLES = sorted((resources_dir() / "examples").glob("*.lia.json"))
NEWSLETTER = resources_dir() / "examples" / "newsletter-existing-customers.nl.lia.json"


def _exchange(tmp, name, **changes):
    doc = json.loads(NEWSLETTER.read_text(encoding="utf-8"))
    doc["assessment"].update(changes)
    path = tmp / name
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def world(tmp_path_factory, questionnaire):
    """A data folder and files with every kind of breakage the attack report tried."""
    tmp = tmp_path_factory.mktemp("broken")
    data = tmp / "data"
    spaces = Workspaces(data, questionnaire)
    (tmp / "pw").write_text("geheim\n", encoding="utf-8")
    (tmp / "wrong").write_text("fout\n", encoding="utf-8")
    (tmp / "empty").write_text("", encoding="utf-8")
    (tmp / "latin1").write_bytes(b"\xe9t\xe9\n")
    with spaces.open("good", create=True) as store:
        store.repository.add(make_assessment(title="Gewoon"))
        store.repository.add(make_assessment(title="\x1b[2J\x1b]0;evil\x07 typed in the window \u202egnp.exe"))
    for _session in range(3):
        with spaces.open("enc", create=True, passphrase="geheim") as store:
            store.repository.add(make_assessment())
    for name, raw in {
        "damaged": b'{"workspace": {"1": ',
        "meta-x": b'{"workspace": {"1": {"format": "lia-workspace", "version": "x"}}}',
        "future": b'{"workspace": {"1": {"format": "lia-workspace", "version": 99}}}',
        "bad-doc": b'{"workspace": {"1": {"format": "lia-workspace", "version": 1}}, '
        b'"assessments": {"1": {"id": "abcd1234"}}}',
        "future-doc": json.dumps(
            {
                "workspace": {"1": {"format": "lia-workspace", "version": 1}},
                "assessments": {"1": {**make_assessment().to_dict(), "schema_version": 99}},
            }
        ).encode(),
        "bad-header": MAGIC + b'{"version": 2, "kdf": "scrypt", "n": 3, "r": 8, "p": 1, "salt": "AAAA"}\n' + b"x" * 40,
        "memory-header": MAGIC + b'{"version": 2, "kdf": "scrypt", "n": 16777216, "r": 64, "p": 1}\n' + b"x" * 40,
    }.items():
        (data / "workspaces" / f"{name}.json").write_bytes(raw)
    shutil.copy(spaces.backups("enc").list()[-1].path, spaces.path("rolled"))  # an older copy put in place
    for mark in spaces.folder.glob("enc.seen"):  # what this computer last saw of it
        shutil.copy(mark, spaces.path("rolled").with_suffix(".seen"))
    shutil.copy(spaces.backups("enc").list()[-1].path, spaces.path("enc-old"))
    shutil.copy(spaces.path("enc"), spaces.path("enc-old").with_suffix(".seen"))  # not a mark: unreadable
    with spaces.open("locked", create=True) as store:
        store.repository.add(make_assessment())
    (data / "workspaces" / "locked.lock").unlink(missing_ok=True)
    (data / "workspaces" / "locked.lock").mkdir()
    bad = tmp / "bad"
    bad.mkdir()
    files = {
        "not-json.lia.json": b"{nope",
        "zero.lia.json": b"",
        "nan.lia.json": b'{"format": "lia-assessment", "format_version": NaN}',
        "deep.lia.json": b"[" * 100_000 + b"]" * 100_000,
        "utf16.lia.json": NEWSLETTER.read_text(encoding="utf-8").encode("utf-16"),
        "bombs.pdf": pdf_with_bombs(20, 2_000_000),
        "broken.pdf": b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF",
    }
    for name, raw in files.items():
        (bad / name).write_bytes(raw)
    _exchange(bad, "escape.lia.json", title="\x1b[2J\x1b[31mPWNED")
    _exchange(bad, "newline-id.lia.json", id="3f1c2a9e-5b7d-4c1e-9a2f-6d8b0e4c7a11\n")
    _exchange(bad, "rlo.lia.json", title="Invoice \u202egnp.exe")
    (bad / "folder.lia.json").mkdir()
    return tmp


def _broken_calls(w):
    """(argv) for every verb, each against something broken."""
    data = ["--data-dir", str(w / "data")]
    bad = w / "bad"
    calls = [
        ["workspaces"],
        ["workspace", "create", "bad/name"],
        ["workspace", "create", "good"],
        ["workspace", "rename", "missing", "other"],
        ["workspace", "rename", "locked", "other"],
        ["workspace", "delete", "missing", "--yes"],
        ["workspace", "delete", "locked", "--yes"],
        ["blank", "--pdf", str(w)],
        ["blank", "--pdf", str(w / "missing" / "x.pdf")],
        ["blank", "--pdf", str(w / ("x" * 300 + ".pdf"))],
        ["selftest"],
    ]
    for name in ("good", "damaged", "meta-x", "future", "bad-doc", "future-doc", "bad-header", "memory-header",
                 "enc", "rolled", "enc-old", "locked", "missing"):  # fmt: skip
        for secret in ([], ["--passphrase-file", str(w / "pw")], ["--passphrase-file", str(w / "wrong")]):
            ws = ["--workspace", name, *secret]
            calls += [
                [*ws, "list"],
                [*ws, "list", "--json"],
                [*ws, "backups"],
                [*ws, "export", "3f1c", "--json", "-"],
                [*ws, "export-all", str(w / "out" / name)],
            ]
        calls += [["--workspace", name, "import", "--as-copy", str(NEWSLETTER)]]
    calls += [["--workspace", "good", "import", str(bad / f.name)] for f in sorted(bad.iterdir())]
    calls += [
        ["--workspace", "good", "import", str(w / "missing.lia.json")],
        ["--workspace", "good", "--passphrase-file", str(w / "empty"), "list"],
        ["--workspace", "good", "--passphrase-file", str(w / "latin1"), "list"],
        ["--workspace", "good", "--passphrase-file", str(w / "missing"), "list"],
        ["--workspace", "good", "restore", str(bad / "not-json.lia.json")],
        ["--workspace", "good", "restore", str(bad / "folder.lia.json")],
        ["--workspace", "enc", "restore", str(w / "data" / "workspaces" / "good.json")],
        ["--workspace", "good", "export", "zzzz", "--pdf", "-"],
        ["--workspace", "good", "export-all", str(bad / "zero.lia.json")],
    ]
    return [[*data, *call] for call in calls]


def test_every_verb_against_broken_inputs_says_one_line_and_never_a_traceback(world, capsys, monkeypatch):
    monkeypatch.setenv("LANG", "C.UTF-8")
    statuses = {}
    for argv in _broken_calls(world):
        status = cli.main(argv)  # an exception escaping here is a traceback the user would see
        out, err = capsys.readouterr()
        assert status in (0, 1, 2), argv
        assert "Traceback" not in out + err, argv
        assert err.count("\n") <= 1 and (status == 0 or err.strip()), (argv, err)
        assert "\x1b" not in err and "\u202e" not in err and "\x1b" not in out, (argv, out)
        statuses[" ".join(argv[2:])] = status
    assert len(statuses) > 200
    assert statuses["--workspace good list"] == 0
    assert statuses["--workspace good --passphrase-file " + str(world / "pw") + " list"] == 1
    assert statuses[f"--workspace memory-header --passphrase-file {world / 'pw'} list"] == 1
    assert statuses[f"--workspace enc-old --passphrase-file {world / 'pw'} list"] == 0  # an unreadable mark
    assert statuses[f"--workspace rolled --passphrase-file {world / 'pw'} list"] == 1


def test_an_unforeseen_error_is_logged_and_told_in_one_line(tmp_path, capsys, monkeypatch):
    from lia_desktop.storage.repository import Repository

    def broken(*_args, **_kwargs):
        raise RuntimeError("a bug nobody foresaw")

    monkeypatch.setattr(Repository, "list", broken)
    monkeypatch.setenv("LANG", "nl_BE.UTF-8")
    data = tmp_path / "data"
    assert cli.main(["--data-dir", str(data), "import", str(NEWSLETTER)]) == 0
    capsys.readouterr()
    assert cli.main(["--data-dir", str(data), "list"]) == 1
    err = capsys.readouterr().err
    log = data / "logs" / "lia-desktop.log"
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "onverwachts" in err and str(log) in err and "RuntimeError: a bug nobody foresaw" in err
    assert "Traceback" in log.read_text(encoding="utf-8")  # the details are kept for whoever helps
    assert oct(log.stat().st_mode & 0o777) == "0o600"


@pytest.fixture
def run(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("LIA_DATA_DIR", "LC_ALL", "LC_MESSAGES")}
    env.update(LIA_DATA_DIR=str(tmp_path / "data"), LANG="C.UTF-8")

    def call(*args):
        return subprocess.run(
            [sys.executable, "-m", "lia_desktop", *map(str, args)], env=env, capture_output=True, text=True, timeout=120
        )

    call.data = tmp_path / "data"
    return call


def test_hostile_titles_and_twin_ids_export_to_one_file_each(run, tmp_path):
    twin = "3f1c2a9e-0000-4c1e-9a2f-6d8b0e4c7a11"
    assert run("import", NEWSLETTER, _exchange(tmp_path, "twin.lia.json", id=twin)).returncode == 0
    long_title = _exchange(tmp_path, "long.lia.json", id="9b120392-0000-4c1e-9a2f-6d8b0e4c7a11", title="😀" * 100)
    assert run("import", long_title).returncode == 0
    done = run("export-all", tmp_path / "pdfs")
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert len(list((tmp_path / "pdfs").glob("*.pdf"))) == 3
    assert "[3/3]" in done.stdout


def test_a_passphrase_for_a_plaintext_workspace_is_refused_from_the_command_line(run, tmp_path):
    secret = tmp_path / "pw"
    secret.write_text("geheim\n", encoding="utf-8")
    assert run("import", NEWSLETTER).returncode == 0
    before = (run.data / "workspaces" / "default.json").read_bytes()
    done = run("--passphrase-file", secret, "import", "--as-copy", NEWSLETTER)
    assert done.returncode == 1 and "is not encrypted" in done.stderr and done.stderr.count("\n") == 1
    assert (run.data / "workspaces" / "default.json").read_bytes() == before
