"""File names of exported records: within the file system's byte limit, one file per record."""

from __future__ import annotations

import pytest

from lia_desktop.export import filenames
from lia_desktop.export.output import write_output
from lia_desktop.storage.errors import OutputError

LONG_TITLES = {"emoji": "\U0001f600" * 100, "han": "漢" * 300, "accents": "é" * 1000}


@pytest.mark.parametrize("kind", LONG_TITLES)
def test_a_long_non_latin_title_gives_a_name_the_file_system_takes(kind, tmp_path):
    name = filenames.record_name("Organisatie", LONG_TITLES[kind], "c2e7f914-6a1d-4b83-8e50-7f3a2d9b1c63")
    assert len(name.encode("utf-8")) <= 200
    write_output(tmp_path / name, b"%PDF-1.4")  # and the temporary file beside it fits too
    assert (tmp_path / name).read_bytes() == b"%PDF-1.4"


def test_a_name_too_long_for_the_file_system_is_a_clear_error(tmp_path):
    with pytest.raises(OutputError, match="cannot write"):
        write_output(tmp_path / ("x" * 300 + ".pdf"), b"%PDF-1.4")


def test_records_that_would_share_a_file_get_their_own():
    same = ("Brightline IT Services B.V.", "Follow-up e-mails")
    records = [
        (*same, "c2e7f914-6a1d-4b83-8e50-7f3a2d9b1c63"),
        (*same, "c2e7f914-0000-4b83-8e50-7f3a2d9b1c63"),
        (same[0].upper(), same[1], "c2e7f914-1111-4b83-8e50-7f3a2d9b1c63"),  # differs in case only
        ("Other", "Record", "c2e7f914-2222-4b83-8e50-7f3a2d9b1c63"),
    ]
    names = filenames.record_names(records)
    assert len({n.casefold() for n in names}) == 4
    assert names[0].endswith("c2e7f914-6a1d-4b83-8e50-7f3a2d9b1c63.pdf")
    assert names[3] == "Other - Record - c2e7f914.pdf"  # no clash: the short name


def test_the_same_id_twice_still_gives_two_files():
    records = [("Org", "Title", "c2e7f914-6a1d-4b83-8e50-7f3a2d9b1c63")] * 2
    first, second = filenames.record_names(records)
    assert first != second and second.endswith(" (2).pdf")
