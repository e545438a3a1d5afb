"""What the benchmarks share: timing, whole-process runs side by side, and large workspaces."""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def median_time(action: Callable[[], object], repeat: int) -> float:
    """The median wall time of `repeat` runs of `action`, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


@dataclass
class Run:
    seconds: float
    peak_mb: float  # the child's peak resident memory


def run_process(command: list[str], env: dict[str, str] | None = None, timeout: float = 3600) -> Run:
    """One whole process, from its start to its exit, with its peak memory."""
    start = time.perf_counter()
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _, status, usage = os.wait4(child.pid, 0)
    except BaseException:
        child.kill()
        raise
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    error = child.stderr.read().decode(errors="replace") if child.stderr else ""
    if child.returncode != 0:
        raise RuntimeError(f"{command} failed ({child.returncode}): {error[-2000:]}")
    return Run(seconds, usage.ru_maxrss / 1024)


@dataclass
class Pair:
    ours: float  # median seconds
    base: float
    ratio: float  # median of the ratios of runs made one after the other
    ours_peak_mb: float
    base_peak_mb: float


def paired(ours: list[str], base: list[str], runs: int, env: dict[str, str] | None = None, warmup: int = 1) -> Pair:
    """Both commands in turn (A B A B ...), after `warmup` unmeasured runs of each: pairing keeps
    the ratio meaningful when the machine's speed drifts."""
    a_runs, b_runs = [], []
    for number in range(warmup + runs):
        a, b = run_process(ours, env), run_process(base, env)
        if number >= warmup:
            a_runs.append(a)
            b_runs.append(b)
    return Pair(
        statistics.median(r.seconds for r in a_runs),
        statistics.median(r.seconds for r in b_runs),
        statistics.median(a.seconds / b.seconds for a, b in zip(a_runs, b_runs, strict=True)),
        statistics.median(r.peak_mb for r in a_runs),
        statistics.median(r.peak_mb for r in b_runs),
    )


def make_workspace(data_dir: Path, count: int, name: str = "default") -> Path:
    """A workspace of `count` assessments made from the worked examples (each with its own id,
    title and dates), written as the program writes it; opened once, so its index is made."""
    import orjson

    from lia_desktop.assets import questionnaire, resources_dir
    from lia_desktop.export import exchange
    from lia_desktop.storage.layout import Layout
    from lia_desktop.storage.safe_storage import atomic_write
    from lia_desktop.storage.workspace import Workspaces

    q = questionnaire()
    spaces = Workspaces(data_dir, q)
    examples = [exchange.read(p, q) for p in sorted((resources_dir() / "examples").glob("*.lia.json"))]
    with spaces.open(name, create=True) as store:
        store.repository.add_many(examples)
    path = spaces.path(name)
    data = orjson.loads(path.read_bytes())
    models = list(data["assessments"].values())
    docs = {}
    chance = random.Random(count)
    for n in range(count):
        doc = dict(models[n % len(models)])
        stamp = f"2026-{1 + n % 12:02d}-{1 + n % 28:02d}T{n % 24:02d}:{n % 60:02d}:{(n // 60) % 60:02d}Z"
        doc.update(
            id=str(uuid.UUID(int=chance.getrandbits(128), version=4)), title=f"{doc['title']} #{n}", updated_at=stamp
        )
        docs[str(n + 1)] = doc
    data["assessments"] = docs
    atomic_write(path, Layout.of(data).to_bytes())
    with spaces.open(name, read_only=True) as store:
        assert len(store.repository) == count
    return path


def bare_write(path: Path, data: dict) -> None:
    """The least a save can do: serialise, write, fsync, rename, fsync the folder."""
    import orjson

    payload = orjson.dumps(data)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, payload)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)
