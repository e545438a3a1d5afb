"""The content: complete in three languages, consistent with the rules, true to the seed."""

from __future__ import annotations

import copy
import tomllib
import unicodedata

import pytest

from lia_desktop.assets import resources_dir
from lia_desktop.domain.content import ContentError, Questionnaire
from lia_desktop.domain.model import LANGUAGES

CONTENT = resources_dir() / "content"


def _load(name: str) -> dict:
    with (CONTENT / name).open("rb") as handle:
        return tomllib.load(handle)


def _shape(node, path=()):
    """Every key path of a text file with the kind of value found there."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _shape(value, (*path, key))
    elif isinstance(node, list):
        yield path, f"list[{len(node)}]"
        for i, value in enumerate(node):
            yield from _shape(value, (*path, i))
    else:
        yield path, type(node).__name__


def _strings(node):
    if isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)
    elif isinstance(node, str):
        yield node


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_language_carries_the_same_ids_as_dutch(language):
    reference = dict(_shape(_load("text.nl.toml")))
    other = dict(_shape(_load(f"text.{language}.toml")))
    assert sorted(set(reference) - set(other), key=str) == [], "missing in " + language
    assert sorted(set(other) - set(reference), key=str) == [], "only in " + language
    assert {k: v for k, v in other.items() if reference[k] != v} == {}


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_text_is_empty_or_untranslated(language):
    data = _load(f"text.{language}.toml")
    for text in _strings(data):
        assert text.strip(), f"an empty text in {language}"
    if language != "nl":
        dutch = _load("text.nl.toml")
        same = [key for key in dutch["item"] if dutch["item"][key]["help"] == data["item"][key]["help"]]
        assert same == [], f"help texts copied from Dutch into {language}: {same}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_item_has_label_help_and_examples(questionnaire, language):
    texts = questionnaire.texts(language)
    for item_id, item in questionnaire.items.items():
        text = texts.item(item_id)
        assert text.label.strip() and text.help.strip(), item_id
        if item.section in ("conditions", "questions", "consent"):
            assert 1 <= len(text.examples) <= 2, f"{item_id} needs one or two examples"


def test_the_ten_questions_are_weighed_and_justified(questionnaire):
    assert questionnaire.question_ids == tuple(f"q{n:02d}" for n in range(1, 11))
    for item_id in (*questionnaire.question_ids, "c1", "c2"):
        item = questionnaire.items[item_id]
        assert item.required and item.note, item_id
        assert item.favourable and item.unfavourable, item_id


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(text.lower().replace("/", " ").split())


# Every item of the source text (resources: ../shared/seed), with the id that carries it
# and a phrase the Dutch wording keeps from the seed.
SEED_ITEMS = [
    ("c3", "evenwicht tussen uw belang en dat van de klant"),
    ("c1", "reeel en precies belang"),
    ("c2", "nodig om dat doel te bereiken"),
    ("q01", "verwacht de klant dat zijn of haar gegevens"),
    ("q02", "kan de gegevensverwerking het individu negatief beinvloeden"),
    ("q03", "is de gegevensverwerking in het belang van de klant"),
    ("q04", "wat is de relatie tussen het individu en de organisatie"),
    ("q05", "is er tweerichtingsverkeer tussen de organisatie en het individu"),
    ("q06", "evenredige machtsverhouding tussen de organisatie en het individu"),
    ("q07", "wordt er redelijke informatie over de verwerking verstrekt en worden de doeleinden specifiek vermeld"),
    ("q08", "is de informatie rechtstreeks van het individu verkregen of indirect verzameld"),
    ("q09", "kan de gegevensverwerking door de klant als opdringerig of ongepast worden gezien"),
    ("q10", "een andere manier om dat doel te bereiken"),
    ("k1", "in vrijheid gegeven"),
    ("k2", "voor een specifiek doel"),
    ("t1", "gebruik gerechtvaardigd belang waar mogelijk"),
    ("t2", "controleer welke gegevens u heeft"),
    ("t3", "let op de rechten van het individu"),
    ("r1", "recht op informatie en toegang tot persoonsgegevens"),
    ("r2", "recht om vergeten te worden"),
    ("r3", "recht op verbetering en verwijdering van gegevens"),
    ("r4", "recht op bezwaar tegen direct-marketingpraktijken"),
]


@pytest.mark.parametrize(("item_id", "phrase"), SEED_ITEMS)
def test_every_seed_item_reaches_the_content_in_three_languages(questionnaire, item_id, phrase):
    label = _fold(questionnaire.texts("nl").label(item_id))
    assert _fold(phrase) in label, f"{item_id}: {label!r} lost the seed's words {phrase!r}"
    for language in ("fr", "en"):
        assert questionnaire.texts(language).label(item_id).strip()


def test_consent_section_covers_the_gdpr_definition(questionnaire):
    # The seed names two requirements (k1, k2); GDPR Art. 4(11) and 7 add the other four.
    assert questionnaire.section("consent").items == ("k1", "k2", "k3", "k4", "k5", "k6")
    legal = " ".join(questionnaire.texts("en").item(k).legal for k in questionnaire.section("consent").items)
    for article in ("Art. 4(11)", "Art. 7(1)", "Art. 7(3)"):
        assert article in legal


def test_objection_right_cites_article_21(questionnaire):
    assert "21(2), (3) and (4)" in questionnaire.texts("en").item("r4").legal
    assert "art. 21, lid 2, 3 en 4" in questionnaire.texts("nl").item("r4").legal


# ------------------------------------------------------------------ broken content is refused


def _parts():
    texts = {lang: _load(f"text.{lang}.toml") for lang in LANGUAGES}
    return _load("questionnaire.toml"), _load("rules.toml"), texts


def test_the_shipped_content_loads():
    Questionnaire(*_parts())


def test_a_missing_translation_is_refused():
    structure, rules, texts = _parts()
    del texts["fr"]["item"]["q05"]["help"]
    with pytest.raises(ContentError, match=r"item\.q05\.help.*fr"):
        Questionnaire(structure, rules, texts)


def test_an_empty_text_is_refused():
    structure, rules, texts = _parts()
    texts["en"]["option"]["yes"] = "  "
    with pytest.raises(ContentError, match=r"option\.yes is empty in language en"):
        Questionnaire(structure, rules, texts)


def test_a_rule_naming_an_unknown_item_is_refused():
    structure, rules, texts = _parts()
    rules = copy.deepcopy(rules)
    rules["contradiction"][0]["when"]["all"][0]["item"] = "q99"
    with pytest.raises(ContentError, match="unknown item 'q99'"):
        Questionnaire(structure, rules, texts)


def test_a_rule_naming_an_unknown_option_is_refused():
    structure, rules, texts = _parts()
    rules = copy.deepcopy(rules)
    rules["hard_stop"][0]["when"]["in"] = ["maybe"]
    with pytest.raises(ContentError, match="has no option 'maybe'"):
        Questionnaire(structure, rules, texts)


def test_a_malformed_condition_is_refused():
    structure, rules, texts = _parts()
    rules = copy.deepcopy(rules)
    rules["hard_stop"][0]["when"] = {"item": "c1", "equals": "no"}
    with pytest.raises(ContentError, match="expected 'item' and one of"):
        Questionnaire(structure, rules, texts)


def test_a_question_weighing_an_option_it_does_not_offer_is_refused():
    structure, rules, texts = _parts()
    structure["item"]["q03"]["favourable"] = ["perhaps"]
    with pytest.raises(ContentError, match="q03: weighs option 'perhaps'"):
        Questionnaire(structure, rules, texts)
