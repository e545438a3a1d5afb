"""PDF benchmark: rendering a full record against a plain ReportLab document of the same text.

Run:  .venv/bin/python benchmarks/bench_pdf.py [--repeat 15]

The baseline is what ReportLab needs anyway: the record's own text (extracted from it) set
as plain paragraphs in the same embedded TrueType font, in a SimpleDocTemplate. Figures are
medians, reported as ratios measured in the same run.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path
from xml.sax.saxutils import escape

import pypdf
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import median_time

from lia_desktop.assets import questionnaire, resources_dir
from lia_desktop.export import exchange, pdf
from lia_desktop.export.pdf.base import FONT, register_fonts


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    q = questionnaire()
    assessment = exchange.read(resources_dir() / "examples" / "loyalty-card-profiling.nl.lia.json", q)
    record = pdf.render_record(assessment, q)
    reader = pypdf.PdfReader(io.BytesIO(record))
    lines = [line for page in reader.pages for line in page.extract_text().splitlines()]
    register_fonts()
    style = ParagraphStyle("plain", fontName=FONT, fontSize=9.5, leading=13)

    def plain() -> bytes:
        buffer = io.BytesIO()
        doc = SimpleDocTemplate(buffer, pagesize=A4, invariant=1, initialFontName=FONT)
        doc.build([Paragraph(escape(line), style) for line in lines])
        return buffer.getvalue()

    plain_pages = len(pypdf.PdfReader(io.BytesIO(plain())).pages)
    base = median_time(plain, args.repeat)
    ours = median_time(lambda: pdf.render_record(assessment, q), args.repeat)
    blank = median_time(lambda: pdf.render_blank(q, "nl"), args.repeat)
    print(f"record: {len(reader.pages)} pages; plain baseline: {plain_pages} pages of the same text")
    print(f"plain document (baseline): {base * 1000:7.1f} ms")
    print(f"full record:               {ours * 1000:7.1f} ms  = {ours / base:.2f} x baseline")
    print(f"blank questionnaire:       {blank * 1000:7.1f} ms  = {blank / base:.2f} x baseline")


if __name__ == "__main__":
    main()
