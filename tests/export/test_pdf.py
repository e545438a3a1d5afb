"""The PDF record and the blank questionnaire: exact text, fonts, metadata, pages, attachment."""

from __future__ import annotations

import io
import re

import pypdf
import pytest

from lia_desktop.domain.model import LANGUAGES, Revision, Status
from lia_desktop.export import exchange, pdf
from lia_desktop.export.filenames import record_name, safe_stem
from lia_desktop.export.pdf.base import user_text
from lia_desktop.export.pdf.record import fingerprint
from lia_desktop.export.words import in_sentence
from tests.conftest import make_assessment

HOSTILE = [
    "x < y && y > z",
    "<b>not bold</b>",
    "a <br> b",
    '<img src="x.png"/>',
    "&amp; stays &amp;",
    "\"double\" and 'single' quotes",
    "Zażółć gęślą jaźń",
    "Příliš žluťoučký kůň úpěl ďábelské ódy",
    "Ελληνικά γράμματα",
    "Кириллица и ёлка",
    "€ 1.000,50 — “curly” ‘quotes’ …",
]
LONG_WORD = "Rechtsbijstandsverzekeringsmaatschappijenoverkoepelingsorganisatie" * 3
LONG_URL = "https://example.org/" + "/".join(f"segment{n:03d}" for n in range(60)) + "?q=1&r=2"


def _pdf(data: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(data))


def _text(reader: pypdf.PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def _squash(text: str) -> str:
    # text extraction gives a no-break space back as a plain space
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def _fonts(reader: pypdf.PdfReader) -> set[str]:
    names = set()
    for page in reader.pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.get_object().values():
            names.add(str(ref.get_object()["/BaseFont"]))
    return names


@pytest.fixture
def hostile_assessment():
    assessment = make_assessment(language="en", title='Łódź <spring> & "newsletter"')
    assessment.organisation = 'ACME/Ltd: "Q1"?'
    for n, text in enumerate(HOSTILE):
        assessment.set_note(f"q{n + 1:02d}" if n < 10 else "c1", text)
    assessment.set_note("c2", f"See {LONG_URL} and {LONG_WORD}.")
    assessment.decision_rationale = "line one\nline two\n\n  indented   spaces"
    return assessment


def test_user_text_is_printed_exactly(questionnaire, hostile_assessment):
    reader = _pdf(pdf.render_record(hostile_assessment, questionnaire))
    text = _squash(_text(reader))
    for typed in HOSTILE:
        assert _squash(typed) in text, typed
    assert 'Łódź <spring> & "newsletter"' in text
    assert 'ACME/Ltd: "Q1"?' in text
    glued = re.sub(r"\s+", "", _text(reader))
    assert LONG_WORD in glued and LONG_URL in glued  # wrapped inside the page, nothing lost
    assert "line one" in text and "line two" in text


def test_user_markup_is_never_interpreted():
    assert user_text("<b>x</b> & <br>") == "&lt;b&gt;x&lt;/b&gt; &amp; &lt;br&gt;"
    assert user_text("a\nb") == "a<br/>b"
    assert user_text("a   b") == "a &nbsp; b"  # three spaces stay three


def test_only_the_bundled_unicode_font_is_used(questionnaire, hostile_assessment):
    for data in (pdf.render_record(hostile_assessment, questionnaire), pdf.render_blank(questionnaire, "fr")):
        fonts = _fonts(_pdf(data))
        assert fonts and all("DejaVuSans" in f for f in fonts), fonts
        assert b"/Helvetica" not in data and b"/Times" not in data and b"/Courier" not in data


def test_metadata_names_the_assessor_never_the_login(questionnaire, monkeypatch):
    monkeypatch.setenv("USER", "login-name")
    assessment = make_assessment(language="fr", assessor="Anne Lambert")
    reader = _pdf(pdf.render_record(assessment, questionnaire))
    meta = reader.metadata
    assert meta.author == "Anne Lambert"
    assert meta.title.startswith("Mise en balance des intérêts (LIA)") and assessment.title in meta.title
    assert meta.subject.startswith("Mise en balance de l’intérêt légitime")
    assert meta.creator.startswith("LIA Desktop ")
    assert reader.trailer["/Root"]["/Lang"] == "fr"
    assert meta.creation_date.isoformat().startswith(assessment.updated_at[:19])
    assert "login-name" not in str(dict(meta))


@pytest.mark.parametrize(("paper", "size"), [("a4", (595.28, 841.89)), ("letter", (612.0, 792.0))])
def test_paper_sizes(questionnaire, paper, size):
    for data in (
        pdf.render_record(make_assessment(), questionnaire, paper),
        pdf.render_blank(questionnaire, "nl", paper),
    ):
        for page in _pdf(data).pages:
            box = page.mediabox
            assert (round(float(box.width), 2), round(float(box.height), 2)) == size


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_says_page_x_of_y(questionnaire, language):
    assessment = make_assessment(language=language)
    page_word = questionnaire.texts(language).get("pdf", "page")
    for data in (pdf.render_record(assessment, questionnaire), pdf.render_blank(questionnaire, language)):
        reader = _pdf(data)
        total = len(reader.pages)
        assert total >= 3
        for number, page in enumerate(reader.pages, start=1):
            assert page_word.format(page=number, pages=total) in page.extract_text()


def test_every_page_carries_the_document_id_and_fingerprint(questionnaire):
    assessment = make_assessment()
    data = pdf.render_record(assessment, questionnaire)
    digest = fingerprint(assessment, questionnaire)
    for page in _pdf(data).pages:
        text = page.extract_text()
        assert assessment.id in text and digest[:16] in text and "LIA Desktop" in text
    assert digest in re.sub(r"\s+", "", _text(_pdf(data)))  # in full in the title block


def test_a_ten_thousand_word_answer_flows_over_pages(questionnaire):
    assessment = make_assessment()
    words = " ".join(f"woord{n}" for n in range(10_000))
    assessment.set_note("q05", words)
    assessment.set_value("ctx_description", words)
    assessment.decision_rationale = words
    reader = _pdf(pdf.render_record(assessment, questionnaire))
    assert len(reader.pages) > 20
    text = _text(reader)
    assert "woord0" in text and "woord9999" in text


def test_the_exchange_file_is_embedded_and_round_trips(questionnaire, hostile_assessment):
    data = pdf.render_record(hostile_assessment, questionnaire)
    attachments = _pdf(data).attachments
    assert list(attachments) == [f"{hostile_assessment.id}.lia.json"]
    embedded = exchange.from_pdf(data, "record.pdf")
    assert embedded == exchange.dumps(hostile_assessment, questionnaire)
    again = exchange.parse(embedded, "record.pdf", questionnaire)
    assert again.to_dict() == hostile_assessment.to_dict() | {"current_page": ""}


def test_a_pdf_without_the_attachment_is_refused(questionnaire, tmp_path):
    from lia_desktop.storage.errors import BadExchangeFile

    path = tmp_path / "blank.pdf"
    path.write_bytes(pdf.render_blank(questionnaire, "en"))
    with pytest.raises(BadExchangeFile, match="without the LIA Desktop exchange file"):
        exchange.read(path, questionnaire)
    path.write_bytes(b"%PDF-1.4 garbage")
    with pytest.raises(BadExchangeFile, match="damaged PDF|without the LIA"):
        exchange.read(path, questionnaire)


def test_the_output_is_deterministic(questionnaire):
    assessment = make_assessment()
    assert pdf.render_record(assessment, questionnaire) == pdf.render_record(assessment, questionnaire)
    assert pdf.render_blank(questionnaire, "nl") == pdf.render_blank(questionnaire, "nl")


def test_the_record_holds_everything_decided(questionnaire):
    # post and e-mail: the e-mail rests on the soft opt-in, the post on the balance (q02 and
    # q09 against, both reduced by a safeguard beyond the law)
    assessment = make_assessment(
        language="en",
        ctx_channels=["ch_email", "ch_post"],
        po_list=True,
        q02="yes",
        q09="yes",
        safeguards=("s_optout", "s_frequency", "s_exclude_vulnerable"),
    )
    assessment.decision = "dec_li"
    assessment.decision_rationale = "Customers asked for it at the counter."
    assessment.signoff_name, assessment.signoff_role = "Tom Janssens", "Managing director"
    assessment.signoff_date, assessment.review_date = "2026-03-15", "2027-03-15"
    assessment.status = Status.COMPLETED
    assessment.revisions = [
        Revision(at="2026-03-15T10:00:00Z", by="Tom Janssens", event="completed"),
        Revision(at="2026-04-01T10:00:00Z", by="An", event="changed", changes=["q09", "title"]),
    ]
    text = _squash(_text(_pdf(pdf.render_record(assessment, questionnaire))))
    t = questionnaire.texts("en")
    for expected in (
        t.verdict("suitable_with_safeguards"),
        t.get("advice", "channels"),
        f"{t.option('ch_post')}: {t.channel_verdict('suitable_with_safeguards')}",
        f"{t.option('ch_email')}: {t.channel_verdict('suitable')}",
        t.rule("LIFT-MITIGATED"),
        t.rule("BE-ELEC-SOFTOPTIN"),
        t.rule_legal("BE-ELEC-SOFTOPTIN"),
        t.get("advice", "what_would_change"),
        t.get("advice", "not_applied").split("{")[0],
        # rule codes only in the appendix, each with what it said; the dated channel rules
        # with their source and dates
        t.get("advice", "how_reached"),
        "BAL-AGAINST — ",
        "BE-ELEC-SOFTOPTIN — " + t.rule("BE-ELEC-SOFTOPTIN") + " " + t.rule_legal("BE-ELEC-SOFTOPTIN"),
        t.label("c1"),
        t.label("q10"),
        "Question 10 of 10",
        t.safeguard("s_frequency")[0],
        t.label("r4"),
        "Customers asked for it at the counter.",
        "Tom Janssens",
        "Managing director",
        "15 March 2027",  # dates as the record's language writes them
        t.get("pdf", "review_note"),
        t.get("pdf", "history"),
        "Question 9 of 10; Name of the activity",
        t.get("pdf", "signature"),
        t.get("pdf", "decision_maker"),
    ):
        assert _squash(expected) in text, expected


def test_consent_section_only_where_it_applies(questionnaire):
    consent_title = questionnaire.texts("en").section("consent")[0]
    fits = _squash(_text(_pdf(pdf.render_record(make_assessment(language="en"), questionnaire))))
    assert consent_title not in fits
    stops = _squash(
        _text(_pdf(pdf.render_record(make_assessment(language="en", ctx_special="special_yes"), questionnaire)))
    )
    assert consent_title in stops and questionnaire.texts("en").label("k6") in stops


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_blank_questionnaire_asks_everything(questionnaire, language):
    t = questionnaire.texts(language)
    text = _squash(_text(_pdf(pdf.render_blank(questionnaire, language))))
    assert _squash(t.get("pdf", "blank_title")) in text
    for item_id in (*questionnaire.question_ids, "c1", "c2", "r4", "k1", "ctx_channels"):
        assert _squash(t.label(item_id)) in text, item_id
    assert "☐" in text
    # the advice is the program's: the page says so; the safeguards say where the law requires them
    assert _squash(t.get("pdf", "blank_advice")) in text
    assert _squash(t.get("section", "outcome", "intro")) not in text
    email, sms, phone = (in_sentence(t.option(c)) for c in ("ch_email", "ch_sms", "ch_phone"))
    optout = t.get("pdf", "by_law_for").format(channels=t.listing([email, sms]))
    assert _squash(f"{t.safeguard('s_optout')[0]} — {optout}") in text
    hours = t.get("pdf", "by_law_for").format(channels=f"{phone} ({t.option('country_fr')})")
    assert _squash(f"{t.safeguard('s_call_hours')[0]} — {hours}") in text
    assert _squash(f"{t.safeguard('s_frequency')[0]} — {t.get('pdf', 'beyond_law')}") in text


def test_branding_prints_the_consultant(questionnaire, tmp_path):
    from PySide6.QtGui import QColor, QImage

    logo = tmp_path / "logo.png"
    image = QImage(120, 40, QImage.Format.Format_RGB32)
    image.fill(QColor("#336699"))
    assert image.save(str(logo))
    branding = pdf.Branding("Sofie Peeters", "Privacy Advies bv", logo)
    data = pdf.render_record(make_assessment(), questionnaire, branding=branding)
    assert "Sofie Peeters, Privacy Advies bv" in _squash(_text(_pdf(data)))
    assert b"/Subtype /Image" in data
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"not an image")
    from lia_desktop.storage.errors import LiaError

    with pytest.raises(LiaError, match="the logo .* cannot be read"):
        pdf.render_record(make_assessment(), questionnaire, branding=pdf.Branding(logo=broken))


def test_file_names_are_safe_everywhere():
    name = record_name('ACME/Ltd: "Q1"?', "Spring <newsletter>\\2026*", "3f1c2a9e-5b7d")
    assert name == "ACME_Ltd_ _Q1_ - Spring _newsletter_2026 - 3f1c2a9e.pdf"
    assert not set('<>:"/\\|?*') & set(name)
    assert safe_stem("CON") == "_CON" and safe_stem("...") == "assessment" and safe_stem(" a. ") == "a"
    assert len(safe_stem("x" * 500)) == 100
    assert record_name("", "", "abcdefgh-1") == "assessment - abcdefgh.pdf"


def test_rule_codes_stay_out_of_the_body_a_client_signs(questionnaire):
    assessment = make_assessment(language="en", ctx_channels=["ch_post"], q09="yes")
    text = _squash(_text(_pdf(pdf.render_record(assessment, questionnaire))))
    body, appendix = text.split(questionnaire.texts("en").get("advice", "how_reached"), 1)
    assert "BAND-SAFEGUARDS" not in body and "BAL-AGAINST" not in body
    assert "BAND-SAFEGUARDS" in appendix and "BAL-AGAINST" in appendix


def test_the_history_of_a_draft_says_when_it_starts(questionnaire):
    t = questionnaire.texts("en")
    draft = make_assessment("en")
    text = _squash(_text(_pdf(pdf.render_record(draft, questionnaire))))
    assert _squash(t.get("pdf", "history_draft")) in text
    assert _squash(t.get("pdf", "history_none")) not in text
    done = make_assessment("en")
    done.status = Status.COMPLETED
    text = _squash(_text(_pdf(pdf.render_record(done, questionnaire))))
    assert _squash(t.get("pdf", "history_none")) in text
