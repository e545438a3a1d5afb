"""Hostile exchange files and PDFs: refused cheaply, and nothing that is not text gets in."""

from __future__ import annotations

import io
import json
import tracemalloc

import pytest

from lia_desktop.export import exchange
from lia_desktop.export.filenames import record_name
from lia_desktop.export.text_safety import for_terminal
from lia_desktop.storage.errors import BadExchangeFile
from tests.conftest import make_assessment


def _document(**changes) -> dict:
    doc = exchange.to_document(make_assessment(language="en"))
    doc["assessment"].update(changes)
    return doc


def _parse(doc, questionnaire):
    return exchange.parse(json.dumps(doc).encode(), "hostile.lia.json", questionnaire)


def pdf_with_bombs(count: int, decoded_size: int) -> bytes:
    """A PDF with `count` attachments named *.lia.json, each a flate stream of `decoded_size`
    bytes that takes a thousandth of that in the file."""
    import zlib

    import pypdf
    from pypdf.generic import NameObject

    writer = pypdf.PdfWriter()
    writer.add_blank_page(200, 200)
    for n in range(count):
        writer.add_attachment(f"bomb-{n}.lia.json", b"{}")
    bomb = zlib.compress(b" " * decoded_size, 9)
    for entry in writer.attachment_list:
        stream = entry._embedded_file
        stream._data = bomb
        stream[NameObject("/Filter")] = NameObject("/FlateDecode")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _traced_peak(call) -> int:
    tracemalloc.start()
    try:
        call()
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return peak


def test_a_pdf_with_many_compressed_attachments_is_refused_without_decoding_them():
    raw = pdf_with_bombs(12, 8_000_000)
    assert len(raw) < 200_000

    def read():
        with pytest.raises(BadExchangeFile, match="without the LIA Desktop exchange file"):
            exchange.from_pdf(raw, "bombs.pdf")

    assert _traced_peak(read) < 8_000_000  # not even one attachment decoded


def test_a_single_attachment_decodes_only_up_to_the_size_cap():
    raw = pdf_with_bombs(1, 70_000_000)

    def read():
        with pytest.raises(BadExchangeFile):
            exchange.from_pdf(raw, "bomb.pdf")

    assert _traced_peak(read) < 3 * exchange.MAX_BYTES


def test_an_id_or_date_with_a_trailing_newline_is_refused(questionnaire):
    assessment_id = make_assessment().id
    with pytest.raises(BadExchangeFile, match="/assessment/id"):
        _parse(_document(id=assessment_id + "\n"), questionnaire)
    with pytest.raises(BadExchangeFile, match="/assessment/review_date"):
        _parse(_document(review_date="2027-01-01\n"), questionnaire)


HOSTILE_TITLES = {
    "terminal escapes": "\x1b[2J\x1b[31mPWNED\x1b]0;evil-title\x07\x1b]8;;http://evil.example/\x07click",
    "NUL": "Invoice\x00.pdf",
    "right-to-left override": "Invoice \u202egnp.exe",
    "isolate": "Invoice \u2066x\u2069",
    "C1 control": "a\x9b31mred",
    "line break": "first line\nsecond line",
    "line separator": "one\u2028two",
}


@pytest.mark.parametrize("kind", HOSTILE_TITLES)
def test_control_characters_and_direction_overrides_are_refused(kind, questionnaire):
    with pytest.raises(BadExchangeFile, match=r"/assessment/title: the text holds the control character U\+"):
        _parse(_document(title=HOSTILE_TITLES[kind]), questionnaire)


def test_notes_and_long_texts_keep_their_line_breaks_but_no_escapes(questionnaire):
    doc = _document(decision_rationale="first\n\tsecond\r\n")
    doc["assessment"]["answers"]["q01"]["note"] = "a note\nover two lines"
    doc["assessment"]["answers"]["ctx_description"] = {"value": "line one\nline two", "note": ""}
    assessment = _parse(doc, questionnaire)
    assert assessment.decision_rationale == "first\n\tsecond\r\n"
    doc["assessment"]["answers"]["q01"]["note"] = "\x1b[2Jgone"
    with pytest.raises(BadExchangeFile, match="/assessment/answers/q01/note"):
        _parse(doc, questionnaire)


def test_ordinary_writing_is_welcome(questionnaire):
    title = "Łódź — Ελληνικά — кириллица — 漢字 — 👨‍👩‍👧 — ‏שלום‏"
    assert _parse(_document(title=title), questionnaire).title == title


def test_text_is_made_harmless_for_the_terminal_and_for_file_names():
    title = HOSTILE_TITLES["terminal escapes"] + HOSTILE_TITLES["right-to-left override"]
    shown = for_terminal(title)
    assert "\x1b" not in shown and "\x07" not in shown and "\u202e" not in shown
    name = record_name("Org\u200b", "Invoice \u202egnp.exe\x1b", "c2e7f914-6a1d-4b83-8e50-7f3a2d9b1c63")
    assert not any(ch in name for ch in "\u202e\u200b\x1b")


def test_what_the_program_exports_it_imports_again(questionnaire):
    # a record stored before typed text was cleaned: its exchange file and PDF must import
    from lia_desktop.export import pdf

    stored = make_assessment("en", title="\x1b[2JTitle\u202e", ctx_description="line one\nline\x07two")
    stored.set_note("q01", "a note\n\x1b]0;x")
    again = exchange.parse(exchange.dumps(stored, questionnaire), "again.lia.json", questionnaire)
    assert again.title == "\ufffd[2JTitle\ufffd"
    assert again.value("ctx_description") == "line one\nline\ufffdtwo"  # the line break stays
    assert again.note("q01") == "a note\n\ufffd]0;x"
    record = pdf.render_record(stored, questionnaire)
    attached = exchange.from_pdf(record, "record.pdf")
    assert exchange.parse(attached, "record.pdf", questionnaire).title == again.title


def test_typed_text_keeps_only_what_text_may_hold():
    from lia_desktop.export.text_safety import typed

    assert typed("\x1b[2JTitle\u202e") == "[2JTitle"
    assert typed("one\ntwo\tthree", multiline=True) == "one\ntwo\tthree"
    assert typed("one\ntwo") == "onetwo"
    assert typed("Łódź — ‏שלום‏") == "Łódź — ‏שלום‏"
