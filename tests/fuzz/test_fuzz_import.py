"""Fuzzing import: damaged exchange files and PDF records never cause a traceback, stay within the
memory budget, and a refused import leaves the workspace byte for byte as it was."""

from __future__ import annotations

import functools
import io
import json
import zlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lia_desktop.assets import questionnaire as shipped
from lia_desktop.assets import resources_dir
from lia_desktop.domain.evaluation import evaluate
from lia_desktop.export import exchange
from lia_desktop.storage.errors import LiaError
from lia_desktop.storage.workspace import Workspaces
from tests.fuzz.conftest import Budget, examples
from tests.fuzz.mutations import damaged_bytes, damaged_json

pytestmark = pytest.mark.fuzz

Q = shipped()
EXAMPLES = sorted((resources_dir() / "examples").glob("*.lia.json"))
SEEDS = [path.read_bytes() for path in EXAMPLES]
FUZZ = dict(deadline=None, suppress_health_check=list(HealthCheck), database=None)


@functools.cache
def record_pdf() -> bytes:
    from lia_desktop.export import pdf

    return pdf.render_record(exchange.read(EXAMPLES[-1], Q), Q)  # not in the workspace: it can be let in


@pytest.fixture(scope="module")
def target(tmp_path_factory):
    """A workspace holding one of the worked examples, and a place for the file to import."""
    folder = tmp_path_factory.mktemp("fuzz-import")
    spaces = Workspaces(folder / "data", Q)
    with spaces.open("fuzz", create=True) as store:
        store.repository.add(exchange.read(EXAMPLES[0], Q))
    return spaces, spaces.path("fuzz").read_bytes(), folder


def _import(target, raw: bytes, suffix: str) -> str:
    """Import `raw` as the command line does; 'accepted' or 'refused'. Anything but a LiaError
    escapes, and fails the test: that is a traceback the user would have seen."""
    spaces, base, folder = target
    workspace = spaces.path("fuzz")
    source = folder / f"input{suffix}"
    source.write_bytes(raw)
    try:
        assessment = exchange.read(source, Q)
        with spaces.open("fuzz") as store:
            store.repository.add_many([assessment], sources=[str(source)])
    except LiaError:
        assert workspace.read_bytes() == base, "a refused import changed the workspace"
        return "refused"
    again = exchange.parse(exchange.dumps(assessment), "again", Q)  # what was let in goes out and in again
    assert exchange.dumps(again) == exchange.dumps(assessment)
    evaluate(assessment, Q)
    workspace.write_bytes(base)  # the next input meets the same workspace
    return "accepted"


@settings(max_examples=examples(250), **FUZZ)
@given(damaged_json([json.loads(seed) for seed in SEEDS]))
def test_exchange_files_with_damaged_values(target, raw):
    Budget("exchange file, values changed").run(lambda: _import(target, raw, ".lia.json"))


@settings(max_examples=examples(250), **FUZZ)
@given(damaged_bytes(SEEDS))
def test_exchange_files_with_damaged_bytes(target, raw):
    Budget("exchange file, bytes changed").run(lambda: _import(target, raw, ".lia.json"))


@settings(max_examples=examples(120), **FUZZ)
@given(st.deferred(lambda: damaged_bytes([record_pdf()])))
def test_pdf_records_with_damaged_bytes(target, raw):
    Budget("PDF record, bytes changed").run(lambda: _import(target, raw, ".pdf"))


def _attachment_pdf(attachments: list[tuple[str, bytes, int]]) -> bytes:
    """A PDF with the given attachments (name, content, times its content is repeated when
    decoded: a compression bomb when large)."""
    import pypdf
    from pypdf.generic import NameObject

    writer = pypdf.PdfWriter()
    writer.add_blank_page(100, 100)
    for name, _content, _times in attachments:
        writer.add_attachment(name, b"-")
    for entry, (_name, content, times) in zip(writer.attachment_list, attachments, strict=False):
        compressor = zlib.compressobj(9)
        packed = b"".join(compressor.compress(content) for _ in range(times)) + compressor.flush()
        entry._embedded_file._data = packed
        entry._embedded_file[NameObject("/Filter")] = NameObject("/FlateDecode")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


ATTACHMENT = st.tuples(
    st.sampled_from(["record.lia.json", "a.lia.json", "notes.txt", ".lia.json", "x.LIA.JSON"]) | st.text(max_size=20),
    st.sampled_from(SEEDS) | damaged_bytes(SEEDS[:1]) | st.binary(max_size=200) | st.just(b" " * 65536),
    st.sampled_from([1, 1, 1, 10, 400]),  # 400 x 64 KiB: 26 MB decoded, above the 20 MB cap
)


@settings(max_examples=examples(60), **FUZZ)
@given(st.lists(ATTACHMENT, max_size=1) | st.lists(ATTACHMENT, max_size=6))
def test_pdfs_with_any_attachments(target, attachments):
    raw = _attachment_pdf(attachments)
    Budget("PDF, attachments made up").run(lambda: _import(target, raw, ".pdf"))
