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
    bad = [key for key, text in TEXTS[language].items() if "  " in text or text != text.strip()]
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
