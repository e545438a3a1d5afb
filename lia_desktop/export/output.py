"""Writing an exported file: atomically, with a clear message when the place is not writable."""

from __future__ import annotations

from pathlib import Path

from lia_desktop.storage.errors import OutputError
from lia_desktop.storage.safe_storage import atomic_write, describe_os_error


def write_output(path: Path, data: bytes) -> None:
    try:
        if path.is_dir():
            raise OutputError(path, "it is a folder; give a file name")
        atomic_write(path, data)
    except OSError as exc:
        raise OutputError(path, describe_os_error(exc)) from None


def pdf_pages(data: bytes, first: int, last: int) -> bytes:
    """Pages first to last (counted from 1) of a PDF, as a PDF of their own."""
    import io

    import pypdf  # only needed here; keeps start-up light

    reader = pypdf.PdfReader(io.BytesIO(data))
    writer = pypdf.PdfWriter()
    for number in range(max(first, 1), min(last, len(reader.pages)) + 1):
        writer.add_page(reader.pages[number - 1])
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
