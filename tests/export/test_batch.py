"""A batch of PDF records: the same records on several cores as on one, stopped at any moment."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lia_desktop.export import batch, pdf
from lia_desktop.storage.workspace import Workspaces
from tests.conftest import make_assessment

PAPER = "a4"


def _assessments(count):
    return [make_assessment(title=f"Nieuwsbrief {n}") for n in range(count)]


def test_several_cores_make_the_records_one_core_makes(questionnaire):
    made = _assessments(batch.SMALL + 2)  # more than a small batch: worker processes
    records = [(a, {}) for a in made]
    results = [item for item in batch.render_all(len(made), records.__getitem__, PAPER, None, workers=2) if item]
    assert sorted(n for n, _ in results) == list(range(len(made)))
    for number, data in results:
        assert data == pdf.render_record(made[number], questionnaire, PAPER)


def test_leaving_the_loop_stops_the_batch():
    made = _assessments(batch.SMALL + 10)
    loaded = []

    def load(n):
        loaded.append(n)
        return made[n], {}

    with contextlib.closing(batch.render_all(len(made), load, PAPER, None, workers=2)) as records:
        for item in records:
            if item is not None:
                break
    assert len(loaded) <= 2 * batch.IN_FLIGHT + 1  # records are loaded as they are handed out


def test_ctrl_c_stops_export_all_without_a_traceback(tmp_path, questionnaire):
    data = tmp_path / "data"
    with Workspaces(data, questionnaire).open("default", create=True) as store:
        store.repository.add_many(_assessments(60))
    out = tmp_path / "out"
    child = subprocess.Popen(
        [sys.executable, "-m", "lia_desktop", "--data-dir", str(data), "--lang", "en", "export-all", str(out)],
        cwd=Path(__file__).parents[2],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while not list(out.glob("*.pdf")) and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(child.pid, signal.SIGINT)  # as a terminal sends Ctrl+C: to the program and its workers
    stdout, stderr = child.communicate(timeout=60)
    assert child.returncode == 1
    assert "Traceback" not in stderr and "interrupted" in stderr, stderr
    written = list(out.glob("*.pdf"))
    assert 0 < len(written) < 60 and stdout.count("\n") == len(written)
    assert all(p.read_bytes().endswith(b"%%EOF\n") for p in written)  # each one whole
    assert not list(out.glob(".*.tmp"))


def test_ctrl_c_while_a_record_is_written_takes_effect_once_it_is_reported():
    from lia_desktop.cli.common import interrupt_after

    done = []
    with pytest.raises(KeyboardInterrupt), interrupt_after():
        os.kill(os.getpid(), signal.SIGINT)  # pressed between the write and its report
        done.append("written")
        done.append("reported")
    assert done == ["written", "reported"]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # Ctrl+C works as before
