"""The exchange file: round trip, schema, strict reading, worked examples."""

from __future__ import annotations

import json

import pytest

from lia_desktop.assets import resources_dir
from lia_desktop.domain.evaluation import evaluate
from lia_desktop.domain.model import LANGUAGES
from lia_desktop.export import exchange
from lia_desktop.storage.errors import BadExchangeFile
from lia_desktop.storage.workspace import WorkspaceStore
from tests.conftest import make_assessment

EXAMPLES = sorted((resources_dir() / "examples").glob("*.lia.json"))


def _good_document() -> dict:
    assessment = make_assessment(language="fr")
    assessment.set_note("q01", '<b>Łódź</b> & "quotes"\nnew line')
    return exchange.to_document(assessment)


def _parse(doc, questionnaire):
    raw = doc if isinstance(doc, bytes) else json.dumps(doc).encode()
    return exchange.parse(raw, "test.lia.json", questionnaire)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_export_import_export_gives_the_same_document(path, questionnaire):
    original = exchange.read(path, questionnaire)
    store = WorkspaceStore.in_memory(questionnaire)
    store.repository.add_many([original])
    again = exchange.dumps(store.repository.get(original.id), questionnaire)
    assert again == path.read_bytes()  # the shipped file is itself an export


def test_round_trip_through_a_file_workspace(tmp_path, questionnaire):
    doc = _good_document()
    assessment = _parse(doc, questionnaire)
    with WorkspaceStore(tmp_path / "w.json", questionnaire, backups=None) as store:
        store.repository.add_many([assessment])
    with WorkspaceStore(tmp_path / "w.json", questionnaire, backups=None, read_only=True) as store:
        assert exchange.to_document(store.repository.get(assessment.id)) == doc


def test_the_schema_knows_exactly_the_questionnaire(questionnaire):
    schema = exchange.schema()
    props = schema["$defs"]["assessment"]["properties"]
    assert props["answers"]["propertyNames"]["enum"] == exchange.answer_item_ids(questionnaire)
    assert props["language"]["enum"] == list(LANGUAGES)
    assert props["decision"]["enum"][1:] == list(questionnaire.items["decision"].options)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_the_worked_examples_are_instructive(questionnaire):
    assert len(EXAMPLES) >= 4
    assessments = [exchange.read(p, questionnaire) for p in EXAMPLES]
    assert len({a.language for a in assessments}) >= 2
    verdicts = {evaluate(a, questionnaire).verdict.value for a in assessments}
    assert verdicts == {"suitable", "suitable_with_safeguards", "not_suitable"}
    names = " ".join(p.name for p in EXAMPLES)
    for case in ("newsletter", "postal-mailing-bought-list", "b2b-outreach", "loyalty-card-profiling"):
        assert case in names


def _mutate(path, value):
    doc = _good_document()
    node = doc
    for key in path[:-1]:
        node = node[key]
    if value is KeyError:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return doc


BAD = {
    "not json": (b"{nope", "not valid JSON"),
    "not utf-8": (b'{"format": "\xff"}', "not UTF-8"),
    "NaN": (b'{"format": "lia-assessment", "format_version": NaN}', "NaN is not a number JSON allows"),
    "duplicate key": (b'{"format": "lia-assessment", "format": "lia-assessment"}', "appears twice"),
    "deep nesting": (b"[" * 200_000 + b"]" * 200_000, "nested too deeply"),
    "a list": (b"[]", "the top level: [] is not of type 'object'"),
    "other format": (json.dumps({"format": "pia-tool"}).encode(), "not a LIA Desktop exchange file"),
    "newer version": (json.dumps(dict(_good_document(), format_version=7)).encode(), "newer LIA Desktop"),
}


@pytest.mark.parametrize("kind", BAD)
def test_bad_bytes_are_refused_with_a_reason(kind, questionnaire):
    raw, message = BAD[kind]
    with pytest.raises(BadExchangeFile, match=r"test\.lia\.json") as caught:
        _parse(raw, questionnaire)
    assert message in str(caught.value)


SCHEMA_BAD = {
    "extra field": ((("assessment", "colour"), "blue"), "Additional properties are not allowed"),
    "missing field": ((("assessment", "title"), KeyError), "'title' is a required property"),
    "wrong type": ((("assessment", "title"), 42), "/assessment/title"),
    "unknown item": ((("assessment", "answers", "q99"), {"value": "yes", "note": ""}), "q99"),
    "bad id": ((("assessment", "id"), "../../etc/passwd"), "/assessment/id"),
    "bad date": ((("assessment", "review_date"), "next year"), "/assessment/review_date"),
    "bad language": ((("assessment", "language"), "de"), "/assessment/language"),
    "extra answer field": ((("assessment", "answers", "q01", "colour"), "red"), "Additional properties"),
    "unknown option": ((("assessment", "answers", "q01", "value"), "maybe"), "/assessment/answers/q01/value: 'maybe'"),
    "tick as text": ((("assessment", "answers", "e_sale", "value"), "yes"), "expected true or false"),
    "unknown channel": ((("assessment", "answers", "ctx_channels", "value"), ["ch_pigeon"]), "'ch_pigeon'"),
    "unknown safeguard": ((("assessment", "safeguards"), ["s_magic"]), "unknown safeguard 's_magic'"),
    "huge title": ((("assessment", "title"), "x" * 2000), "/assessment/title"),
}


@pytest.mark.parametrize("kind", SCHEMA_BAD)
def test_schema_and_content_errors_say_where(kind, questionnaire):
    (path, value), message = SCHEMA_BAD[kind]
    with pytest.raises(BadExchangeFile) as caught:
        _parse(_mutate(path, value), questionnaire)
    assert message in str(caught.value)


def test_a_file_over_the_size_cap_is_refused(monkeypatch, questionnaire):
    monkeypatch.setattr(exchange, "MAX_BYTES", 1000)
    with pytest.raises(BadExchangeFile, match="larger than"):
        _parse(_good_document(), questionnaire)


def test_a_byte_order_mark_is_tolerated(questionnaire):
    raw = b"\xef\xbb\xbf" + json.dumps(_good_document()).encode()
    assert _parse(raw, questionnaire).language == "fr"


def test_user_text_survives_exactly(questionnaire):
    assessment = _parse(_good_document(), questionnaire)
    assert assessment.note("q01") == '<b>Łódź</b> & "quotes"\nnew line'
