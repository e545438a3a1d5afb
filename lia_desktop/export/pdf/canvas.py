"""The canvas that numbers pages ("page X of Y"), the mark of a draft, and the file attached to
the record."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFStream, PDFString
from reportlab.pdfgen.canvas import Canvas

MARK_FONT = "LIASans-Bold"  # registered by the renderer (base.register_fonts)
MARK_INK = colors.HexColor("#b71c1c")


class NumberedCanvas(Canvas):
    """Holds every page until the end, so each footer can say "page X of Y"."""

    def __init__(
        self,
        *args: Any,
        decorate: Callable[[Canvas, int, int], None],
        attach: Callable[[Canvas], None],
        stamp: str = "",
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if stamp:  # the record's own time, so the file stays the same from run to run
            digits = "".join(c for c in stamp if c.isdigit())[:14].ljust(14, "0")
            self.setDateFormatter(lambda *_: f"D:{digits}+00'00'")
        self._pages: list[dict[str, Any]] = []
        self._decorate = decorate
        self._attach = attach

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._decorate(self, number, total)
            super().showPage()
        self._attach(self)
        super().save()


def draw_mark(canvas: Canvas, page_size: tuple[float, float], mark: str) -> None:
    """A word across the page (faint, so the text stays readable) and at the top (e.g. DRAFT),
    above the header line's title and organisation, which may run the whole width."""
    width, height = page_size
    canvas.saveState()
    canvas.setFillColor(MARK_INK)
    canvas.setFont(MARK_FONT, 7.5)
    canvas.drawCentredString(width / 2, height - 7 * mm, mark)
    canvas.setFillAlpha(0.1)
    canvas.translate(width / 2, height / 2)
    canvas.rotate(45)
    canvas.setFont(MARK_FONT, min(96, 1.4 * width / max(len(mark), 1)))
    canvas.drawCentredString(0, -30, mark)
    canvas.restoreState()


def embed_file(canvas: Canvas, name: str, data: bytes, description: str) -> None:
    """Attach a file to the PDF (the document's EmbeddedFiles name tree)."""
    doc = canvas._doc
    stream = PDFStream(
        PDFDictionary(
            {
                "Type": PDFName("EmbeddedFile"),
                "Subtype": PDFName("application#2Fjson"),
                "Params": PDFDictionary({"Size": len(data)}),
            }
        ),
        content=data,
    )
    stream_ref = doc.Reference(stream)
    spec = PDFDictionary(
        {
            "Type": PDFName("Filespec"),
            "F": PDFString(name),
            "UF": PDFString(name),
            "Desc": PDFString(description),
            "AFRelationship": PDFName("Source"),
            "EF": PDFDictionary({"F": stream_ref, "UF": stream_ref}),
        }
    )
    spec_ref = doc.Reference(spec)
    tree = PDFDictionary({"EmbeddedFiles": PDFDictionary({"Names": PDFArray([PDFString(name), spec_ref])})})
    doc.Catalog.Names = doc.Reference(tree)
    doc.Catalog.AF = PDFArray([spec_ref])
