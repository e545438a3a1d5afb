"""Real decided cases: the advice must agree with what the authority or court decided.

Each case in tests/cases/ is an exchange file encoded from the published facts (facts the
sources are silent on answered favourably, and listed in the manifest), with its citation
and real outcome in tests/cases/cases.toml. A rule change that breaks one is wrong until
shown otherwise.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from lia_desktop.domain.evaluation import evaluate
from lia_desktop.export import exchange
from scripts.build_cases import build

CASES_DIR = Path(__file__).resolve().parent.parent / "cases"
with (CASES_DIR / "cases.toml").open("rb") as _handle:
    MANIFEST = tomllib.load(_handle)
CASES = MANIFEST["case"]


def test_the_suite_covers_the_cases_the_law_turns_on():
    assert len(CASES) >= 14
    assert len({c["id"] for c in CASES}) == len(CASES)
    for case in CASES:
        assert case["citation"].strip() and case["outcome"].strip()
        assert (CASES_DIR / f"{case['id']}{exchange.SUFFIX}").is_file(), case["id"]
    lawful = [c for c in CASES if c["outcome"].startswith("lawful")]
    assert len(lawful) >= 5  # the lawful cases are where a too-strict engine fails


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_the_advice_agrees_with_the_real_outcome(case, questionnaire):
    path = CASES_DIR / f"{case['id']}{exchange.SUFFIX}"
    assessment = exchange.read(path, questionnaire)
    # the file says exactly what the manifest says (scripts/build_cases.py writes it)
    assert assessment.to_dict() == build(case, MANIFEST["defaults"]).to_dict()
    result = evaluate(assessment, questionnaire, "en")
    got = {c.channel: c.verdict.value for c in result.channels}
    assert got == case["channels"], f"{case['citation']}: {result.summary}"
    assert result.verdict.value == case["verdict"]
    for fact in case["silent"]:
        assert fact in questionnaire.items, f"{case['id']}: silent fact {fact!r} is not an item"
