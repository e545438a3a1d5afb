"""Every text in the three languages, read as a careful editor would: the same placeholders,
no stray spaces, French typography, no English left in Dutch or French, and labels that fit
the PDF cell they go into without breaking mid-word."""

from __future__ import annotations

import re
import string
import tomllib

import pytest

from lia_desktop.assets import resources_dir
from lia_desktop.domain.model import LANGUAGES

CONTENT = resources_dir() / "content"


def _load(language: str) -> dict:
    with (CONTENT / f"text.{language}.toml").open("rb") as handle:
        return tomllib.load(handle)


def _strings(node, path=()):
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _strings(value, (*path, str(index)))
    elif isinstance(node, str):
        yield ".".join(path), node


TEXTS = {language: dict(_strings(_load(language))) for language in LANGUAGES}


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_text_carries_the_same_placeholders_in_every_language():
    reference = TEXTS["nl"]
    wrong = []
    for language in ("fr", "en"):
        for key, text in TEXTS[language].items():
            if key in reference and _placeholders(text) != _placeholders(reference[key]):
                wrong.append((language, key))
    assert wrong == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_double_spaces_and_no_spaces_at_the_edges(language):
    # (a term's "join" is a separator such as "; " and may end in a space)
    bad = [
        key
        for key, text in TEXTS[language].items()
        if "  " in text or (text != text.strip() and not key.endswith("join"))
    ]
    assert bad == []


def test_french_typography():
    bad = []
    for key, text in TEXTS["fr"].items():
        if re.search(r"(?<=\S) [:;?!]", text) or re.search(r"(?<=\S)[;?!]", text.replace("&", "")):
            bad.append((key, "space before : ; ? !"))
        if re.search(r"«(?!\u00a0)|(?<!\u00a0)»", text):
            bad.append((key, "« » without no-break spaces"))
        if "'" in text:
            bad.append((key, "straight apostrophe"))
    assert bad == []


# words that are English and never Dutch or French; legal names in English (PECR, the Data
# (Use and Access) Act) are allowed in the "legal" keys, which are left out here
ENGLISH = ("the", "your", "please", "click", "suitable", "assessment", "workspace", "which", "safeguard", "should")


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_no_english_words_in_dutch_or_french(language):
    found = []
    for key, text in TEXTS[language].items():
        if key.endswith(".legal") or key in ("app.name", "pdf.subject"):
            continue
        words = set(re.findall(r"[a-z]+", re.sub(r"\{[a-z_]+\}", "", text).lower()))
        found += [(key, word) for word in ENGLISH if word in words]
    assert found == []


def test_pdf_labels_never_break_mid_word(questionnaire):
    # the labels of the record's grids (first column) must fit their column word by word
    # (measured in the bold label font, at its size)
    from reportlab.lib.units import mm
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from lia_desktop.export.pdf.base import FONT_BOLD, register_fonts

    register_fonts()
    room = 52 * mm - 12  # the first column, less its padding
    too_long = []
    for language in LANGUAGES:
        t = questionnaire.texts(language)
        labels = [t.label(i) for i in questionnaire.items if questionnaire.items[i].section in ("context", "data")]
        labels += [t.get("pdf", key) for key in ("status", "last_change", "document", "fingerprint", "prepared_with")]
        for label in labels:
            # a soft hyphen (U+00AD) is where a long compound may break, with a hyphen
            for word in re.split(r"[\s\u00ad]+", label):
                if stringWidth(word, FONT_BOLD, 8.5) > room:
                    too_long.append((language, word))
    assert too_long == []


def test_country_names_are_the_same_terms_in_every_language():
    names = {
        language: {key: sorted(re.findall(r"\[\[([a-z_]+)\]\]", text)) for key, text in TEXTS[language].items()}
        for language in LANGUAGES
    }
    assert names["fr"] == names["nl"] and names["en"] == names["nl"]


def test_texts_name_registers_and_authorities_as_the_assessment_countries_do(questionnaire):
    nl = questionnaire.texts("nl")
    assert "ondernemingsregister" in nl.option("src_public")  # no country chosen yet
    assert "KBO" in nl.for_countries(["country_be"]).option("src_public")
    both = nl.for_countries(["country_be", "country_nl"]).option("src_public")
    assert "KBO" in both and "KvK" in both
    french = questionnaire.texts("fr").for_countries(["country_fr"])
    assert "Bloctel" in french.item("ph_list").examples[0]
    check = questionnaire.texts("en").for_countries(["country_uk"]).rule("N-CHECK-AUTHORITY")
    assert "ICO" in check and "CNIL" not in check


@pytest.mark.parametrize(
    ("language", "forms"),
    [("nl", ("0 x", "1 y", "2 x")), ("fr", ("0 y", "1 y", "2 x")), ("en", ("0 x", "1 y", "2 x"))],
)
def test_plural_forms_follow_each_language(language, forms):
    from lia_desktop.domain.texts import Texts

    texts = Texts(language, {"t": {"one": "{count} y", "other": "{count} x"}})
    assert tuple(texts.plural(n, "t") for n in (0, 1, 2)) == forms
    assert texts.plural(1_000_000, "t") == "1000000 x"  # French "many" falls back to "other"


@pytest.mark.parametrize(
    ("language", "written"), [("nl", "29 november 2026"), ("fr", "29 novembre 2026"), ("en", "29 November 2026")]
)
def test_dates_are_written_the_way_each_language_writes_them(questionnaire, language, written):
    assert questionnaire.texts(language).date("2026-11-29T10:00:00Z") == written


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_safeguards_help_quotes_the_mark_the_list_shows(questionnaire, language):
    t = questionnaire.texts(language)
    assert t.get("pdf", "by_law") in t.item("safeguards").help
    assert t.get("pdf", "by_law") in t.rule("REQ-BASELINE", safeguard="x")


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_whole_numbers_take_the_plural_forms_of_cldr(language):
    from babel import Locale

    from lia_desktop.domain.texts import LOCALES, plural_form

    cldr = Locale.parse(LOCALES[language]).plural_form
    numbers = [*range(-3, 2100), *(k * 1_000_000 + d for k in (1, 2, 7) for d in (-1, 0, 1)), 10**9, 10**12 + 1]
    assert [plural_form(language, n) for n in numbers] == [cldr(n) for n in numbers]
