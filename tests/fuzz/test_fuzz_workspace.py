"""Fuzzing open: a damaged workspace file, plaintext or encrypted, never causes a traceback,
stays within the memory budget and is never changed by being opened; what opens can be listed,
read and exported."""

from __future__ import annotations

import functools
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lia_desktop.assets import questionnaire as shipped
from lia_desktop.assets import resources_dir
from lia_desktop.domain.evaluation import evaluate
from lia_desktop.export import exchange
from lia_desktop.storage.crypto import MAGIC
from lia_desktop.storage.errors import LiaError
from lia_desktop.storage.workspace import Workspaces
from tests.fuzz.conftest import Budget, examples
from tests.fuzz.mutations import JSON_VALUES, damaged_bytes, damaged_json

pytestmark = pytest.mark.fuzz

Q = shipped()
SECRET = "fuzz passphrase"
FUZZ = dict(deadline=None, suppress_health_check=list(HealthCheck), database=None)


@functools.cache
def seeds(tmp: str) -> dict[str, bytes]:
    """A plaintext and an encrypted workspace holding the worked examples, as bytes."""
    from pathlib import Path

    spaces = Workspaces(Path(tmp), Q)
    examples_ = [exchange.read(p, Q) for p in sorted((resources_dir() / "examples").glob("*.lia.json"))]
    for name, secret in (("plain", None), ("sealed", SECRET)):
        with spaces.open(name, create=True, passphrase=secret) as store:
            store.repository.add_many(examples_[:3])
    return {name: spaces.path(name).read_bytes() for name in ("plain", "sealed")}


@pytest.fixture(scope="module")
def target(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fuzz-open")
    return Workspaces(folder / "data", Q), seeds(str(folder / "seeds"))


def _open(spaces: Workspaces, raw: bytes, passphrase: str | None = None) -> str:
    """Open `raw` as a workspace, for reading and for writing; 'opened' or 'refused'. Only opening
    an empty database ({}) for writing may change the file (it gains its workspace record)."""
    path = spaces.path("fuzz")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(raw)
    path.with_suffix(".seen").unlink(missing_ok=True)
    outcome = "opened"
    for read_only in (True, False):
        try:
            with spaces.open("fuzz", read_only=read_only, passphrase=passphrase) as store:
                for row in store.repository.list():
                    assessment = store.repository.get(row.id)
                    exchange.dumps(assessment)
                    evaluate(assessment, Q)
        except LiaError:
            outcome = "refused"
            assert path.read_bytes() == raw, "a refused open changed the file"
        else:
            assert read_only or path.read_bytes() == raw or raw.strip() == b"{}", "opening changed the file"
    return outcome


@settings(max_examples=examples(200), **FUZZ)
@given(st.data())
def test_workspaces_with_damaged_values(target, data):
    spaces, seed = target
    raw = data.draw(damaged_json([json.loads(seed["plain"])]))
    Budget("workspace, values changed").run(lambda: _open(spaces, raw))


@settings(max_examples=examples(200), **FUZZ)
@given(st.data())
def test_workspaces_with_damaged_bytes(target, data):
    spaces, seed = target
    raw = data.draw(damaged_bytes([seed["plain"]]))
    Budget("workspace, bytes changed").run(lambda: _open(spaces, raw))


HEADER_VALUES = (
    st.sampled_from([3, 2**10, 2**14, 2**17, 2**24, 2**62, -1, 0, 1, 4, 8, 100, True, "8", None]) | JSON_VALUES
)


@settings(max_examples=examples(25), **FUZZ)
@given(st.data())
def test_encrypted_workspaces_with_a_damaged_header_or_body(target, data):
    spaces, seed = target
    raw = seed["sealed"]
    end = raw.index(b"\n", len(MAGIC))
    header = json.loads(raw[len(MAGIC) : end])
    if data.draw(st.booleans()):  # a value of the header changed
        key = data.draw(st.sampled_from(["version", "kdf", "n", "r", "p", "salt", "check", "extra"]))
        header[key] = data.draw(HEADER_VALUES)
        raw = MAGIC + json.dumps(header).encode() + raw[end:]
    else:  # the sealed body damaged
        raw = raw[: end + 1] + data.draw(damaged_bytes([raw[end + 1 :]]))
    Budget("encrypted workspace, header or body changed").run(lambda: _open(spaces, raw, SECRET))
