"""The content: complete in three languages, consistent with the rules, true to the seed."""

from __future__ import annotations

import copy
import json
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
    # the seed's wording stands in the label, or, under a short plain label, in the subtitle
    # (q07, q08, q10) or the help (r4, whose label uses the GDPR's own term)
    text = questionnaire.texts("nl").item(item_id)
    where = _fold(" | ".join((text.label, text.subtitle, text.help)))
    assert _fold(phrase) in where, f"{item_id}: {text.label!r} lost the seed's words {phrase!r}"
    for language in ("fr", "en"):
        assert questionnaire.texts(language).label(item_id).strip()


def test_consent_section_covers_the_gdpr_definition(questionnaire):
    # The seed names two requirements (k1, k2); GDPR Art. 4(11) and 7 add the other four.
    assert questionnaire.section("consent").items == ("k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8")
    legal = " ".join(questionnaire.texts("en").item(k).legal for k in questionnaire.section("consent").items)
    for article in ("Art. 4(11)", "Art. 7(1)", "Art. 7(3)"):
        assert article in legal


def test_objection_right_cites_article_21(questionnaire):
    assert "21(2), (3) and (4)" in questionnaire.texts("en").item("r4").legal
    assert "art. 21, lid 2, 3 en 4" in questionnaire.texts("nl").item("r4").legal


# ------------------------------------------------------------------ broken content is refused


def _parts():
    texts = {lang: _load(f"text.{lang}.toml") for lang in LANGUAGES}
    return _load("questionnaire.toml"), _load("rules.toml"), texts, _load("channels.toml")


def test_the_shipped_content_loads():
    Questionnaire(*_parts())


def test_a_missing_translation_is_refused():
    structure, rules, texts, channels = _parts()
    del texts["fr"]["item"]["q05"]["help"]
    with pytest.raises(ContentError, match=r"item\.q05\.help.*fr"):
        Questionnaire(structure, rules, texts, channels)


def test_an_empty_text_is_refused():
    structure, rules, texts, channels = _parts()
    texts["en"]["option"]["yes"] = "  "
    with pytest.raises(ContentError, match=r"option\.yes is empty in language en"):
        Questionnaire(structure, rules, texts, channels)


def test_a_rule_naming_an_unknown_item_is_refused():
    structure, rules, texts, channels = _parts()
    rules = copy.deepcopy(rules)
    rules["contradiction"][0]["when"]["all"][0]["item"] = "q99"
    with pytest.raises(ContentError, match="unknown item 'q99'"):
        Questionnaire(structure, rules, texts, channels)


def test_a_rule_naming_an_unknown_option_is_refused():
    structure, rules, texts, channels = _parts()
    rules = copy.deepcopy(rules)
    rules["gdpr_stop"][0]["when"]["in"] = ["maybe"]
    with pytest.raises(ContentError, match="has no option 'maybe'"):
        Questionnaire(structure, rules, texts, channels)


def test_a_malformed_condition_is_refused():
    structure, rules, texts, channels = _parts()
    rules = copy.deepcopy(rules)
    rules["gdpr_stop"][0]["when"] = {"item": "c1", "equals": "no"}
    with pytest.raises(ContentError, match="expected 'item' and one of"):
        Questionnaire(structure, rules, texts, channels)


def test_a_question_weighing_an_option_it_does_not_offer_is_refused():
    structure, rules, texts, channels = _parts()
    structure["item"]["q03"]["favourable"] = ["perhaps"]
    with pytest.raises(ContentError, match="q03: weighs option 'perhaps'"):
        Questionnaire(structure, rules, texts, channels)


def test_a_channel_rule_for_an_unknown_country_is_refused():
    structure, rules, texts, channels = _parts()
    channels = copy.deepcopy(channels)
    channels["rule"][0]["countries"] = ["country_de"]
    with pytest.raises(ContentError, match="unknown or no countries"):
        Questionnaire(structure, rules, texts, channels)


def test_a_channel_rule_with_a_bad_date_is_refused():
    structure, rules, texts, channels = _parts()
    channels = copy.deepcopy(channels)
    channels["rule"][0]["until"] = "2001-02-30"
    with pytest.raises(ContentError, match="not an ISO date"):
        Questionnaire(structure, rules, texts, channels)


def test_an_exemption_must_keep_its_conditions_as_requirements():
    structure, rules, texts, channels = _parts()
    channels = copy.deepcopy(channels)
    exempt = next(r for r in channels["rule"] if r["effect"] == "exempt")
    exempt["requires"] = []
    with pytest.raises(ContentError, match="must name the conditions"):
        Questionnaire(structure, rules, texts, channels)


def test_a_factor_against_must_say_what_reduces_it():
    structure, rules, texts, channels = _parts()
    rules = copy.deepcopy(rules)
    del rules["balance"]["extra"][1]["mitigated_by"]
    with pytest.raises(ContentError, match="must list mitigated_by"):
        Questionnaire(structure, rules, texts, channels)


def test_every_channel_rule_is_dated_cited_and_in_force_ranges_do_not_overlap_by_mistake(questionnaire):
    for rule in questionnaire.channel_rules:
        assert rule.valid_from >= "2003-01-01", rule.id
        for lang in LANGUAGES:
            assert questionnaire.texts(lang).rule_legal(rule.id).strip(), (rule.id, lang)
    # a rule replaced on a date: the old one ends the day before the new one starts
    by_id = {r.id: r for r in questionnaire.channel_rules}
    for old, new in [
        ("FR-PHONE-BLOCTEL", "FR-PHONE-CONSENT"),
        ("NL-PHONE-CONSENT-2021", "NL-PHONE-CONSENT"),
        ("BE-POST-2014", "BE-POST"),
        ("FR-SECTOR-BAN-2020", "FR-SECTOR-BAN"),
        ("NL-ELEC-CONSENT-2004", "NL-ELEC-CONSENT"),
    ]:
        import datetime as dt

        end = dt.date.fromisoformat(by_id[old].valid_until)
        assert (end + dt.timedelta(days=1)).isoformat() == by_id[new].valid_from, (old, new)


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_the_glossary_rejected_variants_never_appear(language):
    import re

    glossary = _load(f"glossary.{language}.toml")
    assert glossary["language"] == language and len(glossary["term"]) >= 10
    strings = list(_strings(_load(f"text.{language}.toml")))
    for example in sorted((CONTENT.parent / "examples").glob(f"*.{language}.lia.json")):
        strings += _strings(json.loads(example.read_text(encoding="utf-8")))  # worked examples teach words too
    text = " \n ".join(strings).casefold()
    found = []
    for term in glossary["term"]:
        assert term["preferred"].strip() and term["concept"].strip()
        for variant in term["rejected"]:
            if re.search(rf"(?<!\w){re.escape(variant.casefold())}(?!\w)", text):
                found.append(variant)
    assert found == []
