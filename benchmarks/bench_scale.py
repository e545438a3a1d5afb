"""Speed at every size: 0, 1,000, 10,000 and 50,000 assessments, each figure against its baseline
measured in the same run (these machines are shared and noisy: absolute times mean little).

Run:  .venv/bin/python benchmarks/bench_scale.py [--runs 5] [--no-export] [--start-only] [--write-readme]

Whole-process figures run the two commands in turn (ours, baseline, ours, baseline ...) after
one unmeasured run of each, and give the median of the ratios of the pairs; peak memory is the
process's own peak resident size. `--write-readme` puts the table into benchmarks/README.md.

* window shown: `lia-desktop` until its main window is shown (LIA_QUIT_WHEN_SHOWN), against a
  bare QApplication with a 12-page QWizard shown;
* list filled: the same until the list of the workspace is filled and drawn
  (LIA_QUIT_WHEN_FILLED), against the same bare wizard;
* list --json: `lia-desktop list --json`, against a script that loads the workspace file
  with orjson, picks the listed fields of every assessment and dumps them indented;
* one save: repository.save() of one assessment (in this process), against orjson.dumps of
  the same data + write + fsync + rename + fsync of the folder;
* export-all: `lia-desktop export-all` of 1,000 and 10,000 records (linear: the second takes
  at most 11 times the first), and of 1,000 on all cores against one core.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import ROOT, Pair, bare_write, make_workspace, median_time, paired, run_process

BARE_WIZARD = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWizard, QWizardPage
app = QApplication([])
wizard = QWizard()
for n in range(12):
    page = QWizardPage()
    page.setTitle(f"Page {n + 1}")
    wizard.addPage(page)
wizard.show()
QTimer.singleShot(0, app.quit)
app.exec()
"""

BARE_LIST = """
import sys, orjson
with open(sys.argv[1], "rb") as handle:
    data = orjson.loads(handle.read())
fields = ("id", "title", "organisation", "assessor", "language", "status", "updated_at", "review_date")
rows = [
    {**{k: d.get(k, "") for k in fields}, "verdict": d.get("_verdict", ""), "channels": d.get("_channels", {}),
     "law_changed": bool(d.get("advice_basis"))}
    for d in data["assessments"].values()
]
sys.stdout.buffer.write(orjson.dumps(rows, option=orjson.OPT_INDENT_2) + b"\\n")
"""

TABLE_START = "<!-- bench_scale: start -->"
TABLE_END = "<!-- bench_scale: end -->"


def ours(*args: str) -> list[str]:
    return [sys.executable, "-m", "lia_desktop", *args]


def env(**extra: str) -> dict[str, str]:
    chosen = dict(os.environ, QT_QPA_PLATFORM="offscreen", LIA_NO_ERROR_WINDOWS="1", PYTHONPATH=str(ROOT))
    for variable in ("LIA_QUIT_WHEN_SHOWN", "LIA_QUIT_WHEN_FILLED", "PYTHONDONTWRITEBYTECODE"):
        chosen.pop(variable, None)
    return dict(chosen, **extra)


class Table:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str, str]] = []

    def add(self, figure: str, ours: str, base: str, ratio: str, aim: str) -> None:
        self.rows.append((figure, ours, base, ratio, aim))
        print(f"{figure:<42} {ours:>10} {base:>10} {ratio:>8}   {aim}", flush=True)

    def pair(self, figure: str, pair: Pair, aim: float | None) -> None:
        verdict = "" if aim is None else f"≤ {aim:g}× ({'met' if pair.ratio <= aim else 'missed'})"
        self.add(figure, f"{pair.ours * 1000:.0f} ms", f"{pair.base * 1000:.0f} ms", f"{pair.ratio:.2f}×", verdict)

    def markdown(self) -> str:
        lines = ["| figure | ours | baseline | ratio | aim |", "|---|---:|---:|---:|---|"]
        lines += [f"| {' | '.join(row)} |" for row in self.rows]
        return "\n".join(lines)


def save_times(data: Path, runs: int) -> tuple[float, float]:
    """The median time of one repository.save() in the workspace, and of the bare rewrite."""
    import orjson

    from lia_desktop.assets import questionnaire
    from lia_desktop.storage.workspace import Workspaces

    spaces = Workspaces(data, questionnaire())
    parsed = orjson.loads(spaces.path("default").read_bytes())
    bare = median_time(lambda: bare_write(data / "bare.json", parsed), runs * 3)
    with spaces.open("default") as store:
        target = store.repository.get(store.repository.summaries()[len(store.repository) // 2].id)
        store.repository.save(target)  # the session's first write takes a backup: not measured
        count = iter(range(10**9))

        def save() -> None:
            target.set_note("q02", f"edit {next(count)}")
            store.repository.save(target)

        return median_time(save, runs * 3), bare


def in_fresh_process(action: Callable[..., Any], *args: Any) -> Any:
    """Run `action` in a process of its own: this one stays small, because a child's peak memory
    as the system counts it starts from the size of the process that started it."""
    import concurrent.futures
    import multiprocessing

    with concurrent.futures.ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(action, *args).result()


def export_figures(table: Table, folders: dict[int, Path], out: Path) -> None:
    def export(count: int, cores: int | None = None) -> float:
        target = out / f"{count}-{cores}"
        command = ours("--data-dir", str(folders[count]), "export-all", str(target))
        if cores:
            command = [sys.executable, "-c", PINNED, str(cores), *command]
        seconds = run_process(command, env()).seconds
        assert len(list(target.glob("*.pdf"))) == count
        return seconds

    one_core, every_core = export(1000, 1), export(1000)
    table.add(
        f"export-all 1,000: {len(os.sched_getaffinity(0))} cores / 1 core",
        f"{every_core:.1f} s",
        f"{one_core:.1f} s",
        f"{one_core / every_core:.2f}× faster",
        f"≥ 1.6× ({'met' if one_core / every_core >= 1.6 else 'missed'})",
    )
    if 10000 in folders:
        ten = export(10000)
        table.add(
            "export-all 10,000 / 1,000",
            f"{ten:.1f} s",
            f"{every_core:.1f} s",
            f"{ten / every_core:.2f}×",
            f"≤ 11× ({'met' if ten / every_core <= 11 else 'missed'})",
        )


PINNED = "import os, sys; os.sched_setaffinity(0, set(range(int(sys.argv[1])))); os.execv(sys.argv[2], sys.argv[2:])"


def write_readme(table: Table) -> None:
    readme = Path(__file__).resolve().parent / "README.md"
    text = readme.read_text(encoding="utf-8")
    block = f"{TABLE_START}\n{table.markdown()}\n{TABLE_END}"
    text = re.sub(re.escape(TABLE_START) + ".*?" + re.escape(TABLE_END), lambda _: block, text, flags=re.S)
    readme.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", type=int, nargs="+", default=[0, 1000, 10000, 50000])
    parser.add_argument("--no-export", action="store_true", help="leave out export-all (several minutes)")
    parser.add_argument("--write-readme", action="store_true", help="put the table into benchmarks/README.md")
    parser.add_argument(
        "--start-only", action="store_true", help="only the start-up figures (window shown, list filled, peak memory)"
    )
    args = parser.parse_args()
    if args.start_only and args.write_readme:
        parser.error("--write-readme writes the whole table: leave out --start-only")
    # as an installed program runs: its modules compiled (pip compiles them when it installs)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "lia_desktop")], check=True, env=env())
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        # The run's own content cache, made by its first process (as a user's first start makes
        # it): another copy of the program with other content, run meanwhile on this machine,
        # would otherwise replace the user's cache and make every start parse the content anew.
        os.environ["LIA_CACHE_DIR"] = str(root / "content-cache")
        bare = root / "bare_wizard.py"
        bare.write_text(BARE_WIZARD, encoding="utf-8")
        bare_list = root / "bare_list.py"
        bare_list.write_text(BARE_LIST, encoding="utf-8")
        folders = {n: root / str(n) for n in args.sizes}
        for count, data in folders.items():
            in_fresh_process(make_workspace, data, count)
        table = Table()
        wizard = [sys.executable, str(bare)]
        for count, data in folders.items():
            if count <= 10000:
                pair = paired(ours("--data-dir", str(data)), wizard, args.runs, env(LIA_QUIT_WHEN_SHOWN="1"))
                table.pair(f"window shown, {count:,}", pair, 1.3)
        for count, data in folders.items():
            if count:
                pair = paired(ours("--data-dir", str(data)), wizard, args.runs, env(LIA_QUIT_WHEN_FILLED="1"))
                table.pair(f"list filled, {count:,}", pair, {1000: 1.5, 10000: 2.0}.get(count))
                if count == 10000:
                    peak = f"≤ 150 MB ({'met' if pair.ours_peak_mb <= 150 else 'missed'})"
                    table.add(
                        "peak memory, 10,000 open",
                        f"{pair.ours_peak_mb:.0f} MB",
                        f"{pair.base_peak_mb:.0f} MB",
                        "",
                        peak,
                    )
        if args.start_only:
            return
        for count, data in folders.items():
            if count:
                workspace = str(data / "workspaces" / "default.json")
                listing = ours("--data-dir", str(data), "list", "--json")
                pair = paired(listing, [sys.executable, str(bare_list), workspace], args.runs, env())
                table.pair(f"list --json, {count:,}", pair, 1.2 if count >= 10000 else None)
        if 10000 in folders:
            mine, bare_save = in_fresh_process(save_times, folders[10000], args.runs)
            aim = f"≤ 1.2× ({'met' if mine / bare_save <= 1.2 else 'missed'})"
            table.add(
                "one save, 10,000",
                f"{mine * 1000:.0f} ms",
                f"{bare_save * 1000:.0f} ms",
                f"{mine / bare_save:.2f}×",
                aim,
            )
        if not args.no_export and 1000 in folders:
            export_figures(table, folders, root / "out")
    if args.write_readme:
        write_readme(table)


if __name__ == "__main__":
    main()
