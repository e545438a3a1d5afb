"""The renderer's shared steps: fonts, styles, page decorations, build, and the helpers both
documents use (user text, grids, signature block, logo).

Every user string goes through `user_text`, so it prints as typed and is never read as markup.
Only the bundled DejaVu Sans is used, for every style, so no built-in (Latin-1 only) PDF font
appears in a document.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    Image,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from lia_desktop import APP_NAME, __version__
from lia_desktop.assets import resources_dir
from lia_desktop.domain.content import Questionnaire, Texts
from lia_desktop.export.pdf.canvas import NumberedCanvas
from lia_desktop.export.words import answer_text
from lia_desktop.storage.errors import BadLogo, LiaError

PAPERS = {"a4": A4, "letter": LETTER}
FONT = "LIASans"
FONT_BOLD = "LIASans-Bold"
MARGIN = 18 * mm
BODY_MARGIN = 17 * mm  # above and below the body, where the header and footer go

GREY = colors.HexColor("#546e7a")
RULE = colors.HexColor("#90a4ae")


def table_style(commands: list[tuple[Any, ...]]) -> TableStyle:
    """A table style that sets our font first: ReportLab's cells default to Helvetica."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), *commands])


class UserTable(Table):
    """A table that may hold user text. A row that does not fit the rest of a page moves to the
    next, as in any table; a row taller than a whole page (a long answer or note) splits inside
    itself, where ReportLab would otherwise give up on the document (LayoutError)."""

    def __init__(self, *args: Any, body_height: float = float("inf"), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.body_height = body_height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts = super().split(availWidth, availHeight)
        if not parts and not self.splitInRow and max(self._rowHeights, default=0) > self.body_height:
            self.splitInRow = 1
            parts = super().split(availWidth, availHeight)
        for part in parts:  # ReportLab makes the parts with our class, but without our arguments
            if isinstance(part, UserTable):
                part.body_height = self.body_height
        return parts


@dataclass(frozen=True)
class Branding:
    """The consultant's name, firm and logo, printed in the title block where set."""

    consultant: str = ""
    firm: str = ""
    logo: Path | None = None


@functools.cache
def register_fonts() -> None:
    fonts = resources_dir() / "fonts"
    pdfmetrics.registerFont(TTFont(FONT, str(fonts / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(fonts / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)


def user_text(value: str) -> str:
    """Paragraph markup that prints `value` exactly: escaped, with its line breaks and spaces."""
    lines = []
    for line in value.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = escape(line, {'"': "&quot;"}).replace("\t", "    ")
        # keep runs of spaces: every space after the first becomes a no-break space
        while "  " in line:
            line = line.replace("  ", " &nbsp;")
        lines.append(line)
    return "<br/>".join(lines)


def keep_headings(story: list[Flowable]) -> list[Flowable]:
    """Headings (keepWithNext) joined to a block kept together that follows them: ReportLab
    keeps a heading with what follows, but not with a KeepTogether, which then moves to the
    next page without its heading."""
    kept: list[Flowable] = []
    headings: list[Flowable] = []
    for flowable in story:
        if flowable.getKeepWithNext():
            headings.append(flowable)
            continue
        if headings and isinstance(flowable, KeepTogether):
            kept.append(KeepTogether([*headings, *flowable._content]))
        else:
            kept += [*headings, flowable]
        headings = []
    return kept + headings


class Renderer:
    """The steps shared by the record and the blank questionnaire."""

    title_key = "title"

    def __init__(
        self, questionnaire: Questionnaire, language: str, paper: str = "a4", branding: Branding | None = None
    ) -> None:
        if paper not in PAPERS:
            raise LiaError(f"unknown paper size {paper!r}; use a4 or letter")
        self.q = questionnaire
        self.language = language
        self.t: Texts = questionnaire.texts(language)
        self.paper = paper
        self.branding = branding or Branding()
        self.fonts()
        self.s = self.styles()

    # ---------------------------------------------------------------- steps

    def fonts(self) -> None:
        register_fonts()

    def styles(self) -> dict[str, ParagraphStyle]:
        base = ParagraphStyle(
            "body", fontName=FONT, fontSize=9.5, leading=13, alignment=TA_LEFT, splitLongWords=1, bulletFontName=FONT
        )

        def style(name: str, **kw: Any) -> ParagraphStyle:
            return ParagraphStyle(name, parent=base, **kw)

        return {
            "body": base,
            "title": style("title", fontName=FONT_BOLD, fontSize=17, leading=21, spaceAfter=4),
            "subtitle": style("subtitle", fontSize=11, leading=14, textColor=GREY, spaceAfter=8),
            # a heading always goes to the next page with what follows it (keepWithNext)
            "h1": style(
                "h1",
                fontName=FONT_BOLD,
                fontSize=13,
                leading=17,
                spaceBefore=12,
                spaceAfter=5,
                textColor=colors.HexColor("#263238"),
                keepWithNext=1,
            ),
            "h2": style(
                "h2", fontName=FONT_BOLD, fontSize=10.5, leading=14, spaceBefore=7, spaceAfter=2, keepWithNext=1
            ),
            "small": style("small", fontSize=8, leading=10.5, textColor=GREY),
            "label": style("label", fontName=FONT_BOLD, fontSize=8.5, leading=11, textColor=GREY),
            "answer": style("answer", leftIndent=10, spaceAfter=2),
            "user": style("user", leftIndent=10, spaceAfter=4),
            "bullet": style("bullet", leftIndent=12, bulletIndent=2, spaceAfter=2),
            "verdict": style("verdict", fontName=FONT_BOLD, fontSize=13, leading=17),
            "missing": style("missing", leftIndent=10, textColor=GREY),
        }

    def story(self) -> list[Flowable]:
        raise NotImplementedError

    def header_text(self) -> tuple[str, str]:
        raise NotImplementedError

    def footer_text(self) -> str:
        return f"{APP_NAME} {__version__}"

    def decorate(self, canvas: Canvas, page: int, pages: int) -> None:
        width, height = PAPERS[self.paper]
        canvas.saveState()
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(GREY)
        left, right = self.header_text()
        line = width - 2 * MARGIN - 12
        right = self._fit(right, line / 2)  # the organisation never takes more than half the line
        room = line - pdfmetrics.stringWidth(right, FONT, 7.5)
        canvas.drawString(MARGIN, height - 11 * mm, self._fit(left, room))
        canvas.drawRightString(width - MARGIN, height - 11 * mm, right)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.4)
        canvas.line(MARGIN, height - 12.5 * mm, width - MARGIN, height - 12.5 * mm)
        canvas.line(MARGIN, 12.5 * mm, width - MARGIN, 12.5 * mm)
        canvas.drawString(MARGIN, 9 * mm, self.footer_text())
        canvas.drawRightString(width - MARGIN, 9 * mm, self.t.get("pdf", "page").format(page=page, pages=pages))
        canvas.restoreState()

    def attach(self, canvas: Canvas) -> None:
        """Files to embed; the record attaches its exchange file."""

    def stamp(self) -> str:
        """The document's date (ISO); empty for ReportLab's fixed date of invariant mode."""
        return ""

    def metadata(self) -> dict[str, str]:
        raise NotImplementedError

    def build(self) -> bytes:
        buffer = BytesIO()
        width = PAPERS[self.paper][0]
        meta = self.metadata()
        doc = BaseDocTemplate(
            buffer,
            pagesize=PAPERS[self.paper],
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=BODY_MARGIN,
            bottomMargin=BODY_MARGIN,
            title=meta["title"],
            author=meta["author"],
            subject=meta["subject"],
            creator=meta["creator"],
            keywords=meta.get("keywords", ""),
            invariant=1,
            lang=self.language,
            initialFontName=FONT,
            initialFontSize=9.5,
        )
        frame = Frame(
            MARGIN,
            BODY_MARGIN,
            width - 2 * MARGIN,
            self.body_height(),
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
        doc.build(
            keep_headings(self.story()),
            canvasmaker=functools.partial(
                NumberedCanvas, decorate=self.decorate, attach=self.attach, stamp=self.stamp()
            ),
        )
        return buffer.getvalue()

    # ---------------------------------------------------------------- helpers

    def body_height(self) -> float:
        """The height of a page's body: nothing taller than this fits on any page."""
        return PAPERS[self.paper][1] - 2 * BODY_MARGIN

    @staticmethod
    def _fit(text: str, room: float) -> str:
        """The longest start of `text` that fits `room`, with "…" when cut. Only the start is
        measured: a title may be 50,000 characters long, and this runs on every page."""

        def width(part: str) -> float:
            return pdfmetrics.stringWidth(part, FONT, 7.5)

        end = 64
        while end < len(text) and width(text[:end]) <= room:
            end *= 2
        if end >= len(text) and width(text) <= room:
            return text
        fits, too_long = 0, min(end, len(text))  # text[:too_long] + "…" is wider than room
        while too_long - fits > 1:
            middle = (fits + too_long) // 2
            if width(text[:middle] + "…") <= room:
                fits = middle
            else:
                too_long = middle
        return text[:fits] + "…"

    def p(self, markup: str, style: str = "body") -> Paragraph:
        return Paragraph(markup, self.s[style])

    def u(self, value: str, style: str = "user") -> Paragraph:
        """A paragraph of user text, printed as typed."""
        return Paragraph(user_text(value), self.s[style])

    def h1(self, text: str) -> list[Flowable]:
        return [CondPageBreak(40 * mm), Paragraph(escape(text), self.s["h1"])]

    def section_title(self, section: str) -> list[Flowable]:
        return self.h1(self.t.section(section)[0])

    def table(
        self, rows: list[list[Any]], widths: list[float], style: list[tuple[Any, ...]], **options: Any
    ) -> UserTable:
        table = UserTable(rows, colWidths=widths, body_height=self.body_height(), **options)
        table.setStyle(table_style(style))
        return table

    def grid(self, rows: Sequence[tuple[str, Flowable | list[Flowable] | str]], first: float = 52 * mm) -> Table:
        width = PAPERS[self.paper][0] - 2 * MARGIN
        data = [
            [Paragraph(escape(label), self.s["label"]), self.u(value, "body") if isinstance(value, str) else value]
            for label, value in rows
        ]
        return self.table(
            data,
            [first, width - first],
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ],
            hAlign="LEFT",
            splitByRow=1,
        )

    def value_text(self, item_id: str, value: Any) -> str | None:
        """An answer as words, or None when there is none (an unticked box is a "No")."""
        return answer_text(self.q, self.t, item_id, value)

    def logo(self) -> Flowable | None:
        path = self.branding.logo
        if not path:
            return None
        image = read_logo(path)
        ratio = image.imageWidth / image.imageHeight
        height = 14 * mm
        image.drawHeight, image.drawWidth = height, min(height * ratio, 60 * mm)
        image.hAlign = "RIGHT"
        return image

    def branding_rows(self) -> list[tuple[str, str]]:
        who = ", ".join(x for x in (self.branding.consultant, self.branding.firm) if x)
        return [(self.t.get("pdf", "prepared_with"), who)] if who else []

    def signature_block(self, rows: Sequence[tuple[str, str, str, str]]) -> Flowable:
        """One column per signatory: role heading, name, role, date, and a line to sign on."""
        t = self.t
        width = PAPERS[self.paper][0] - 2 * MARGIN
        cells = []
        for heading, name, role, date in rows:
            cells.append(
                [
                    Paragraph(escape(heading), self.s["h2"]),
                    Paragraph(t.labelled(escape(t.get("pdf", "name")), user_text(name)), self.s["body"]),
                    Paragraph(t.labelled(escape(t.get("pdf", "role")), user_text(role)), self.s["body"]),
                    Paragraph(t.labelled(escape(t.get("pdf", "date")), user_text(date)), self.s["body"]),
                    Spacer(1, 14 * mm),
                    Paragraph(escape(t.get("pdf", "signature")), self.s["small"]),
                ]
            )
        table = self.table(
            [cells],
            [width / len(rows)] * len(rows),
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BOX", (0, 0), (-1, -1), 0.5, RULE),
                ("INNERGRID", (0, 0), (-1, -1), 0.5, RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
            ],
            hAlign="LEFT",
        )
        return KeepTogether([table])


def read_logo(path: Path | str) -> Image:
    """The logo as ReportLab will print it, or BadLogo saying why it cannot be read (the
    settings check a logo with this as it is chosen)."""
    try:
        image = Image(str(path))
        if not image.imageWidth or not image.imageHeight:
            raise ValueError("the image has no size")
    except Exception as exc:  # ReportLab raises several kinds for unreadable images
        raise BadLogo(path, f"{type(exc).__name__}: {exc}") from None
    return image
