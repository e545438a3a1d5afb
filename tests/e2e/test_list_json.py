"""`list --json` writes with orjson what json.dumps(..., ensure_ascii=False, indent=2) wrote."""

from __future__ import annotations

import json

from lia_desktop.assets import questionnaire
from lia_desktop.cli import main
from lia_desktop.cli.common import say_json
from lia_desktop.storage.workspace import Workspaces
from tests.conftest import make_assessment

TRICKY = [
    "",
    'quotes " and \\ backslash / slash',
    "control \x00\x01\x1f\x7f tab\t newline\n return\r",
    "Łódź — Ελληνικά — кириллица — 🙂 — \u2028\u2029 — \ufeff — \u200f",
    "<script>&amp;</script>",
]


def test_json_output_is_byte_for_byte_what_the_standard_library_writes(capsysbinary):
    rows = [
        {
            "id": text,
            "title": text,
            "channels": {text or "x": text},
            "law_changed": bool(n % 2),
            "empty": {},
            "list": [],
        }
        for n, text in enumerate(TRICKY)
    ]
    for data in (rows, [], [{}]):
        say_json(data)
        assert capsysbinary.readouterr().out == (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode()


def test_list_json_is_what_the_standard_library_writes(tmp_path, capsysbinary):
    with Workspaces(tmp_path, questionnaire()).open("default", create=True) as store:
        for text in TRICKY:
            store.repository.add(make_assessment(title=text, organisation=text))
    assert main(["--data-dir", str(tmp_path), "list", "--json"]) == 0
    out = capsysbinary.readouterr().out
    rows = json.loads(out)
    assert len(rows) == len(TRICKY)
    assert out == (json.dumps(rows, ensure_ascii=False, indent=2) + "\n").encode()
