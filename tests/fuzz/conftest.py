"""The fuzzer's run length, its memory budget and its tally.

A bounded run is part of every `pytest`; `pytest -m fuzz` runs the same targets with
LONG_SCALE times as many inputs each (LIA_FUZZ_SCALE=N sets the factor). The terminal
summary says how many inputs each target tried and how many were refused.
"""

from __future__ import annotations

import collections
import os
import resource
import sys
import tracemalloc
from collections.abc import Callable

import pytest

LONG_SCALE = 25
PYTHON_BUDGET = 64 * 1024 * 1024  # Python allocations while one input is handled
PROCESS_BUDGET = 400 * 1024 * 1024  # growth of the process's peak memory (RSS) while one input is handled

scale = 1
tally: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)


def pytest_configure(config: pytest.Config) -> None:
    global scale
    long_run = "fuzz" in (config.getoption("markexpr", "") or "")
    scale = int(os.environ.get("LIA_FUZZ_SCALE") or (LONG_SCALE if long_run else 1))


def examples(bounded: int) -> int:
    """How many inputs a target tries: `bounded` in an ordinary run, more with -m fuzz."""
    return bounded * scale


def _peak_rss() -> int:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024  # Linux counts kilobytes


class Budget:
    """Runs one input under the memory budget, counting what became of it."""

    def __init__(self, target: str) -> None:
        self.target = target
        self.start_rss = _peak_rss()

    def run(self, call: Callable[[], str]) -> str:
        tracemalloc.start()
        try:
            outcome = call()
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        tally[self.target][outcome] += 1
        assert peak <= PYTHON_BUDGET, f"{peak / 2**20:.0f} MB of Python memory for one input"
        grown = _peak_rss() - self.start_rss
        assert grown <= PROCESS_BUDGET, f"the process's peak memory grew by {grown / 2**20:.0f} MB"
        return outcome


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not tally:
        return
    terminalreporter.section("fuzz")
    for target, outcomes in sorted(tally.items()):
        counts = ", ".join(f"{name} {count}" for name, count in sorted(outcomes.items()))
        terminalreporter.write_line(f"{target}: {sum(outcomes.values())} inputs ({counts})")
