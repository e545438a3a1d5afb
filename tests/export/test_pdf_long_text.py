"""Long user text prints in full wherever it goes: table cells split over pages instead of
making the whole record unprintable (ReportLab's LayoutError "too large on page")."""

from __future__ import annotations

import io
import re

import pypdf
import pytest

from lia_desktop.domain.conditions import holds
from lia_desktop.domain.model import Revision
from lia_desktop.export import pdf
from tests.conftest import make_assessment

SIZES = (4_000, 8_000, 50_000)
TEXT_FIELDS = ("title", "organisation", "contact", "assessor", "decision_rationale", "signoff_name", "signoff_role")


def _long(tag: str, size: int) -> list[str]:
    """Numbered words, `size` characters in all: each one can be found again in the PDF."""
    words: list[str] = []
    length = -1
    while length < size:
        words.append(f"{tag}w{len(words)}")
        length += len(words[-1]) + 1
    return words


def _pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages]


def _words(pages: list[str]) -> set[str]:
    return {word for page in pages for word in re.findall(r"\w+", page)}


def _missing(expected: dict[str, list[str]], printed: set[str]) -> dict[str, int]:
    """How many words of each field the PDF lacks (none, when all is well)."""
    return {field: n for field, words in expected.items() if (n := sum(w not in printed for w in words))}


@pytest.mark.parametrize("size", SIZES)
def test_long_text_in_every_field_prints_in_full(questionnaire, tmp_path, size):
    from PySide6.QtGui import QColor, QImage

    logo = tmp_path / "logo.png"  # with a logo, the title goes into a table cell beside it
    image = QImage(120, 40, QImage.Format.Format_RGB32)
    image.fill(QColor("#336699"))
    assert image.save(str(logo))
    assessment = make_assessment(language="en")
    expected: dict[str, list[str]] = {}
    for field in TEXT_FIELDS:
        expected[field] = _long(field.replace("_", ""), size)
        assessment.set_value(field, " ".join(expected[field]))
    expected["ctx_description"] = _long("ctxdescription", size)
    assessment.set_value("ctx_description", " ".join(expected["ctx_description"]))
    # every note and justification, and a note on "Country of the recipients" (the context
    # prints any note an item carries)
    applying = [i for i, item in questionnaire.items.items() if item.note and holds(item.applies, assessment.facts())]
    for item_id in [*applying, "ctx_country"]:
        expected[f"note {item_id}"] = _long(f"note{item_id.replace('_', '')}", size)
        assessment.set_note(item_id, " ".join(expected[f"note {item_id}"]))
    expected["revision by"] = _long("revisionby", size)
    assessment.revisions = [
        Revision(at="2026-03-15T10:00:00Z", by=" ".join(expected["revision by"]), event="changed", changes=["q01"])
    ]
    expected["consultant"], expected["firm"] = _long("consultant", size), _long("firm", size)
    branding = pdf.Branding(" ".join(expected["consultant"]), " ".join(expected["firm"]), logo)

    pages = _pages(pdf.render_record(assessment, questionnaire, branding=branding))

    assert _missing(expected, _words(pages)) == {}
    # the header holds the start of the title and of the organisation, each cut to the line
    for start in ("titlew0 ", "organisationw0 "):
        assert all(re.search(f"^{start}.*…$", page, re.MULTILINE) for page in pages), start


@pytest.mark.parametrize("size", SIZES)
def test_long_branding_in_the_blank_questionnaire(questionnaire, size):
    consultant, firm = " ".join(_long("consultant", size)), " ".join(_long("firm", size))
    data = pdf.render_blank(questionnaire, "en", branding=pdf.Branding(consultant, firm))
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert reader.metadata.author == consultant
    assert len(reader.pages) >= 3
