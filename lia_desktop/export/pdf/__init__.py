"""The PDF record of an assessment and the blank questionnaire (ReportLab platypus).

A renderer works in named steps: fonts, styles, story, page decorations, build (`base`); the
record (`record`) and the blank questionnaire (`blank`) each tell their own story. It renders
to bytes; `write_pdf` saves them atomically.
"""

from __future__ import annotations

from pathlib import Path

from lia_desktop.domain.content import Questionnaire
from lia_desktop.domain.model import Assessment
from lia_desktop.export.output import write_output
from lia_desktop.export.pdf.base import Branding
from lia_desktop.export.pdf.blank import BlankRenderer
from lia_desktop.export.pdf.record import RecordRenderer
from lia_desktop.storage.history import Change


def render_record(
    assessment: Assessment,
    questionnaire: Questionnaire,
    paper: str = "a4",
    branding: Branding | None = None,
    language: str | None = None,
    changes: dict[int, list[Change]] | None = None,
) -> bytes:
    """The record; `changes` are the old and new values behind its revisions, where known."""
    return RecordRenderer(assessment, questionnaire, paper, branding, language, changes).build()


def render_blank(
    questionnaire: Questionnaire, language: str, paper: str = "a4", branding: Branding | None = None
) -> bytes:
    return BlankRenderer(questionnaire, language, paper, branding).build()


def write_pdf(path: Path, data: bytes) -> None:
    """Save a rendered PDF atomically; LiaError with a clear reason when the place is not writable."""
    write_output(path, data)
