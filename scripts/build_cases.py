"""Build the real-case suite's exchange files from tests/cases/cases.toml.

    python scripts/build_cases.py            write tests/cases/<id>.lia.json
    python scripts/build_cases.py --check    exit 1 when a file differs from the manifest

Each case is [defaults] plus the case's own answers (facts from the published decision);
ids and timestamps are derived from the case id, so the files are the same on every run.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases"
sys.path.insert(0, str(ROOT))

from lia_desktop.domain.model import Assessment  # noqa: E402
from lia_desktop.export import exchange  # noqa: E402


def manifest() -> dict[str, Any]:
    with (CASES / "cases.toml").open("rb") as handle:
        return tomllib.load(handle)


def build(case: dict[str, Any], defaults: dict[str, Any]) -> Assessment:
    answers = {**defaults, **case["answers"]}
    stamp = f"{answers['assessment_date']}T12:00:00Z"
    assessment = Assessment(
        id=str(uuid.uuid5(uuid.NAMESPACE_URL, f"lia-desktop:case:{case['id']}")),
        language=answers.pop("language"),
        created_at=stamp,
        updated_at=stamp,
    )
    assessment.title = case["title"]
    assessment.safeguards = list(answers.pop("safeguards"))
    for item_id, value in answers.items():
        assessment.set_value(item_id, value)
    return assessment


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    data = manifest()
    stale = []
    for case in data["case"]:
        path = CASES / f"{case['id']}{exchange.SUFFIX}"
        raw = exchange.dumps(build(case, data["defaults"]))
        if args.check:
            if not path.is_file() or path.read_bytes() != raw:
                stale.append(path.name)
        else:
            path.write_bytes(raw)
    if stale:
        print("out of date (run scripts/build_cases.py):", ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
