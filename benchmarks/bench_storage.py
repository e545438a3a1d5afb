"""Storage benchmark: saving one assessment in a workspace of 1,000, and opening + listing it.

Run:  .venv/bin/python benchmarks/bench_storage.py [--count 1000] [--repeat 15]

Figures are medians, reported as ratios against baselines measured in the same run (these
machines are shared and noisy, so absolute times mean little):

* save / bare write: one repository.save() in the workspace, against a bare
  orjson serialise + write + fsync + rename + folder fsync of the same data;
* TinyDB JSONStorage / bare write: the same update through TinyDB's default storage
  (stdlib json, rewrite in place, no fsync), for reference;
* open + list: opening the workspace read-only and listing every assessment.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

import orjson
from tinydb import TinyDB, where
from tinydb.storages import JSONStorage

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import median_time

from lia_desktop.assets import questionnaire, resources_dir
from lia_desktop.export import exchange
from lia_desktop.storage.workspace import Workspaces


def bare_write(path: Path, data: dict) -> None:
    payload = orjson.dumps(data)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, payload)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    dfd = os.open(path.parent, os.O_RDONLY)
    os.fsync(dfd)
    os.close(dfd)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    q = questionnaire()
    examples = [exchange.read(p, q) for p in sorted((resources_dir() / "examples").glob("*.lia.json"))]
    assessments = []
    for n in range(args.count):
        copy = examples[n % len(examples)].with_new_id()
        copy.title = f"{copy.title} #{n}"
        copy.set_note("q01", f"Toelichting {n}: " + "klanten verwachten onze nieuwsbrief " * 20)
        assessments.append(copy)

    with tempfile.TemporaryDirectory() as folder:
        spaces = Workspaces(Path(folder), q)
        with spaces.open("bench", create=True) as store:
            store.repository.add_many(assessments)
        path = spaces.path("bench")
        size = path.stat().st_size
        data = orjson.loads(path.read_bytes())

        bare = median_time(lambda: bare_write(Path(folder) / "bare.json", data), args.repeat)

        with spaces.open("bench") as store:
            target = store.repository.get(assessments[args.count // 2].id)
            store.repository.save(target)  # the session's first write takes a backup; not measured
            counter = iter(range(10**9))

            def save() -> None:
                target.set_note("q02", f"edit {next(counter)}")
                store.repository.save(target)

            ours = median_time(save, args.repeat)

        reference = Path(folder) / "tinydb.json"
        reference.write_bytes(orjson.dumps(data))
        with TinyDB(reference, storage=JSONStorage) as db:
            table = db.table("assessments")
            doc_id = table.get(where("id") == target.id).doc_id
            tiny_counter = iter(range(10**9))
            tiny = median_time(lambda: table.update({"title": f"t{next(tiny_counter)}"}, doc_ids=[doc_id]), args.repeat)

        def open_and_list() -> None:
            with spaces.open("bench", read_only=True) as store:
                assert len(store.repository.list()) == args.count

        listing = median_time(open_and_list, max(5, args.repeat // 3))

    print(f"workspace: {args.count} assessments, {size / 1e6:.1f} MB")
    print(f"bare serialise+write+fsync+rename: {bare * 1000:8.1f} ms  (baseline)")
    print(f"repository.save():                 {ours * 1000:8.1f} ms  = {ours / bare:.2f} x baseline")
    print(f"TinyDB JSONStorage update:         {tiny * 1000:8.1f} ms  = {tiny / bare:.2f} x baseline (no fsync)")
    print(f"open + list all:                   {listing * 1000:8.1f} ms  = {listing / bare:.2f} x baseline")


if __name__ == "__main__":
    main()
