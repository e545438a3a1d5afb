"""The PDF record of an assessment and the blank questionnaire (ReportLab platypus).

A renderer works in named steps: fonts, styles, story, page decorations, build. It renders
to bytes; `write_pdf` saves them atomically. Every user string goes through `user_text`, so
it prints as typed and is never read as markup. Only the bundled DejaVu Sans is used, for
every style, so no built-in (Latin-1 only) PDF font appears in a record.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFStream, PDFString
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

from lia_desktop import APP_NAME, __version__, palette
from lia_desktop.assets import resources_dir
from lia_desktop.domain.content import Questionnaire, Texts
from lia_desktop.domain.evaluation import Evaluation, Finding, evaluate
from lia_desktop.domain.flow import consent_applies, items_shown
from lia_desktop.domain.model import Assessment
from lia_desktop.export import exchange
from lia_desktop.export.output import write_output
from lia_desktop.storage.errors import LiaError

PAPERS = {"a4": A4, "letter": LETTER}
FONT = "LIASans"
FONT_BOLD = "LIASans-Bold"
MARGIN = 18 * mm

GREY = colors.HexColor("#546e7a")
RULE = colors.HexColor("#90a4ae")


def table_style(commands: list[tuple[Any, ...]]) -> TableStyle:
    """A table style that sets our font first: ReportLab's cells default to Helvetica."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), *commands])


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


def fingerprint(assessment: Assessment) -> str:
    """SHA-256 of the exchange file: anyone can re-export the record and compare."""
    return hashlib.sha256(exchange.dumps(assessment)).hexdigest()


class Lines(Flowable):
    """Ruled lines to write on by hand."""

    def __init__(self, count: int, gap: float = 8 * mm) -> None:
        super().__init__()
        self.count, self.gap = count, gap

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, self.count * self.gap

    def draw(self) -> None:
        self.canv.setStrokeColor(RULE)
        self.canv.setLineWidth(0.5)
        for n in range(self.count):
            y = (self.count - n - 1) * self.gap + 1
            self.canv.line(0, y, self.width, y)


class _NumberedCanvas(Canvas):
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


class _Renderer:
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
            "h1": style(
                "h1",
                fontName=FONT_BOLD,
                fontSize=13,
                leading=17,
                spaceBefore=12,
                spaceAfter=5,
                textColor=colors.HexColor("#263238"),
            ),
            "h2": style("h2", fontName=FONT_BOLD, fontSize=10.5, leading=14, spaceBefore=7, spaceAfter=2),
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
        right_width = pdfmetrics.stringWidth(right, FONT, 7.5)
        room = width - 2 * MARGIN - right_width - 12
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
        width, height = PAPERS[self.paper]
        meta = self.metadata()
        doc = BaseDocTemplate(
            buffer,
            pagesize=PAPERS[self.paper],
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=17 * mm,
            bottomMargin=17 * mm,
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
            17 * mm,
            width - 2 * MARGIN,
            height - 34 * mm,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
        doc.build(
            self.story(),
            canvasmaker=functools.partial(
                _NumberedCanvas, decorate=self.decorate, attach=self.attach, stamp=self.stamp()
            ),
        )
        return buffer.getvalue()

    # ---------------------------------------------------------------- helpers

    @staticmethod
    def _fit(text: str, room: float) -> str:
        if pdfmetrics.stringWidth(text, FONT, 7.5) <= room:
            return text
        while text and pdfmetrics.stringWidth(text + "…", FONT, 7.5) > room:
            text = text[:-1]
        return text + "…"

    def p(self, markup: str, style: str = "body") -> Paragraph:
        return Paragraph(markup, self.s[style])

    def u(self, value: str, style: str = "user") -> Paragraph:
        """A paragraph of user text, printed as typed."""
        return Paragraph(user_text(value), self.s[style])

    def h1(self, text: str) -> list[Flowable]:
        return [CondPageBreak(40 * mm), Paragraph(escape(text), self.s["h1"])]

    def section_title(self, section: str) -> list[Flowable]:
        return self.h1(self.t.section(section)[0])

    def grid(self, rows: Sequence[tuple[str, Flowable | list[Flowable] | str]], first: float = 52 * mm) -> Table:
        width = PAPERS[self.paper][0] - 2 * MARGIN
        data = [
            [Paragraph(escape(label), self.s["label"]), self.u(value, "body") if isinstance(value, str) else value]
            for label, value in rows
        ]
        table = Table(data, colWidths=[first, width - first], hAlign="LEFT", splitByRow=1)
        table.setStyle(
            table_style(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
                    ("LEFTPADDING", (0, 0), (-1, -1), 2),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ]
            )
        )
        return table

    def option(self, value: Any) -> str:
        return self.t.option(value)

    def value_text(self, item_id: str, value: Any) -> str | None:
        """An answer as words, or None when there is none."""
        item = self.q.items[item_id]
        if value in (None, "", []):
            return None
        if item.kind == "check":
            return self.t.option("yes" if value else "no")
        if item.kind == "multi":
            return ", ".join(self.option(v) for v in value)
        if item.kind == "choice":
            return self.option(value)
        return str(value)

    def logo(self) -> Flowable | None:
        path = self.branding.logo
        if not path:
            return None
        try:
            image = Image(str(path))
            ratio = image.imageWidth / image.imageHeight
        except Exception as exc:  # ReportLab raises several kinds for unreadable images
            raise LiaError(
                f"the logo {path} cannot be read ({exc}); choose a PNG or JPEG file in the settings"
            ) from None
        height = 14 * mm
        image.drawHeight, image.drawWidth = height, min(height * ratio, 60 * mm)
        image.hAlign = "RIGHT"
        return image

    def branding_rows(self) -> list[tuple[str, str]]:
        who = ", ".join(x for x in (self.branding.consultant, self.branding.firm) if x)
        return [(self.t.get("pdf", "prepared_with"), who)] if who else []

    def signature_block(self, rows: Sequence[tuple[str, str, str, str]]) -> Table:
        """One column per signatory: role heading, name, role, date, and a line to sign on."""
        t = self.t
        width = PAPERS[self.paper][0] - 2 * MARGIN
        cells = []
        for heading, name, role, date in rows:
            cells.append(
                [
                    Paragraph(escape(heading), self.s["h2"]),
                    Paragraph(f"{escape(t.get('pdf', 'name'))}: {user_text(name)}", self.s["body"]),
                    Paragraph(f"{escape(t.get('pdf', 'role'))}: {user_text(role)}", self.s["body"]),
                    Paragraph(f"{escape(t.get('pdf', 'date'))}: {user_text(date)}", self.s["body"]),
                    Spacer(1, 14 * mm),
                    Paragraph(escape(t.get("pdf", "signature")), self.s["small"]),
                ]
            )
        table = Table([cells], colWidths=[width / len(rows)] * len(rows), hAlign="LEFT")
        table.setStyle(
            table_style(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("BOX", (0, 0), (-1, -1), 0.5, RULE),
                    ("INNERGRID", (0, 0), (-1, -1), 0.5, RULE),
                    ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ]
            )
        )
        return KeepTogether([table])


class RecordRenderer(_Renderer):
    """The record of one assessment, in the assessment's language unless told otherwise."""

    def __init__(
        self,
        assessment: Assessment,
        questionnaire: Questionnaire,
        paper: str = "a4",
        branding: Branding | None = None,
        language: str | None = None,
    ) -> None:
        self.a = assessment
        super().__init__(questionnaire, language or assessment.language, paper, branding)
        self.e: Evaluation = evaluate(assessment, questionnaire, self.language)
        self.exchange_bytes = exchange.dumps(assessment)
        self.fingerprint = hashlib.sha256(self.exchange_bytes).hexdigest()

    def metadata(self) -> dict[str, str]:
        t = self.t
        title = f"{t.get('pdf', 'title')}: {self.a.title}" if self.a.title else t.get("pdf", "title")
        return {
            "title": title,
            "author": self.a.assessor or self.branding.consultant or self.a.organisation,
            "subject": t.get("pdf", "subject"),
            "creator": f"{APP_NAME} {__version__}",
            "keywords": f"{self.a.id} sha256:{self.fingerprint}",
        }

    def header_text(self) -> tuple[str, str]:
        return self.a.title or self.t.get("pdf", "title"), self.a.organisation

    def footer_text(self) -> str:
        t = self.t
        return f"{APP_NAME} {__version__} · {t.get('pdf', 'document')} {self.a.id} · SHA-256 {self.fingerprint[:16]}…"

    def stamp(self) -> str:
        return self.a.updated_at

    def attach(self, canvas: Canvas) -> None:
        embed_file(canvas, f"{self.a.id}{exchange.SUFFIX}", self.exchange_bytes, self.t.get("pdf", "attachment"))

    # ---------------------------------------------------------------- the story

    def story(self) -> list[Flowable]:
        parts: list[Flowable] = []
        for step in (
            self.title_block,
            self.advice,
            self.channel_notes,
            self.context,
            self.conditions,
            self.questions,
            self.safeguards,
            self.consent,
            self.tips,
            self.decision,
            self.signoff,
            self.history,
        ):
            parts += step()
        return parts

    def title_block(self) -> list[Flowable]:
        t, a = self.t, self.a
        heading: list[Flowable] = [self.p(escape(t.get("pdf", "title")), "title"), self.u(a.title or "—", "subtitle")]
        logo = self.logo()
        if logo is not None:
            width = PAPERS[self.paper][0] - 2 * MARGIN
            top = Table([[heading, logo]], colWidths=[width - 62 * mm, 62 * mm])
            top.setStyle(table_style([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
            heading = [top]
        rows = [
            (t.label("organisation"), a.organisation),
            (t.label("contact"), a.contact),
            (t.label("assessor"), a.assessor),
            (t.label("assessment_date"), a.assessment_date),
            (t.get("pdf", "status"), t.status(a.status.value)),
            (t.get("pdf", "last_change"), a.updated_at.replace("T", " ").replace("Z", " UTC")),
            *self.branding_rows(),
            (t.get("pdf", "document"), a.id),
            (t.get("pdf", "fingerprint"), self.fingerprint),
        ]
        return [*heading, self.grid(rows), Spacer(1, 6)]

    def chart(self) -> Drawing:
        counts = self.e.counts
        total = sum(counts.values()) or 1
        width, bar = 150, 12
        drawing = Drawing(width, 58, initialFontName=FONT, initialFontSize=7.5)
        x = 0.0
        for key in ("favourable", "unfavourable", "open", "unanswered"):
            share = counts[key] / total * width
            if share:
                drawing.add(
                    Rect(
                        x,
                        44,
                        share,
                        bar,
                        fillColor=colors.HexColor(palette.BALANCE[key]),
                        strokeColor=colors.white,
                        strokeWidth=0.5,
                    )
                )
            x += share
        labels = {k: self.t.get("balance_label", k) for k in ("favourable", "unfavourable", "open")}
        labels["unanswered"] = self.t.get("pdf", "unanswered")
        for row, key in enumerate(("favourable", "unfavourable", "open", "unanswered")):
            y = 32 - row * 10
            drawing.add(Rect(0, y, 7, 7, fillColor=colors.HexColor(palette.BALANCE[key]), strokeWidth=0))
            drawing.add(String(11, y + 0.5, f"{counts[key]} {labels[key]}", fontName=FONT, fontSize=7.5))
        return drawing

    def advice(self) -> list[Flowable]:
        t, e = self.t, self.e
        fill, border = palette.VERDICT[e.verdict.value]
        width = PAPERS[self.paper][0] - 2 * MARGIN
        words = [
            Paragraph(
                escape(t.verdict(e.verdict.value)),
                ParagraphStyle("v", parent=self.s["verdict"], textColor=colors.HexColor(border)),
            ),
            Spacer(1, 3),
            self.p(escape(e.summary)),
        ]
        chart = [self.p(escape(t.get("pdf", "chart")), "small"), self.chart()]
        box = Table([[words, chart]], colWidths=[width - 165, 165])
        box.setStyle(
            table_style(
                [
                    ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(fill)),
                    ("BOX", (0, 0), (-1, -1), 1.2, colors.HexColor(border)),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 8),
                    ("TOPPADDING", (0, 0), (-1, -1), 7),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
                ]
            )
        )
        parts: list[Flowable] = [*self.h1(t.section("outcome")[0]), box, Spacer(1, 4)]
        parts += self.findings(t.get("pdf", "reasons"), e.reasons)
        parts += self.findings(t.get("pdf", "requirements"), e.requirements)
        parts += self.findings(t.get("pdf", "contradictions"), e.contradictions)
        return parts

    def findings(self, heading: str, findings: Sequence[Finding], levels: bool = False) -> list[Flowable]:
        if not findings:
            return []
        parts: list[Flowable] = [Paragraph(escape(heading), self.s["h2"])]
        for f in findings:
            prefix = f"<b>{escape(self.t.get('level', f.level))}:</b> " if levels and f.level else ""
            parts.append(
                Paragraph(
                    f"{prefix}{user_text(f.text)} <font size=7 color='#78909c'>[{f.rule}]</font>",
                    self.s["bullet"],
                    bulletText="•",
                )
            )
        return parts

    def channel_notes(self) -> list[Flowable]:
        if not self.e.channel_notes:
            return []
        return [
            *self.section_title("channels"),
            *self.findings(self.t.section("channels")[0], self.e.channel_notes, levels=True)[1:],
        ]

    def answer_block(self, item_id: str, heading: str | None = None) -> list[Flowable]:
        """An item as a reader without the program sees it: question, answer, justification."""
        t, a = self.t, self.a
        item = self.q.items[item_id]
        label = heading or t.label(item_id)
        value = self.value_text(item_id, a.value(item_id))
        weighs = item.weighs(a.value(item_id)) if item.favourable else None
        head = [Paragraph(escape(label), self.s["h2"])]
        if value is None:
            head.append(self.p(escape(t.get("pdf", "not_answered")), "missing"))
        else:
            suffix = f" <font color='#78909c'>({escape(t.get('balance_label', weighs))})</font>" if weighs else ""
            head.append(
                Paragraph(f"<b>{escape(t.get('pdf', 'answer'))}:</b> {user_text(value)}{suffix}", self.s["answer"])
            )
        parts: list[Flowable] = [KeepTogether(head)]
        note = a.note(item_id)
        if note.strip():
            name = t.get("pdf", "justification") if item.justified else t.get("pdf", "note")
            parts.append(self.p(f"<b>{escape(name)}:</b>", "answer"))
            parts.append(self.u(note))
        return parts

    def context(self) -> list[Flowable]:
        t, a = self.t, self.a
        rows = []
        for item_id in items_shown("context", a, self.q):
            if item_id in ("title", "organisation", "contact", "assessor", "assessment_date"):
                continue
            value = self.value_text(item_id, a.value(item_id)) or t.get("pdf", "not_answered")
            note = a.note(item_id)
            cell: list[Flowable] = [self.u(value, "body")]
            if note.strip():
                cell.append(self.u(note, "body"))
            rows.append((t.label(item_id), cell))
        # long free text flows outside the table so it can run over pages
        parts: list[Flowable] = [*self.section_title("context")]
        description = rows.pop(0) if rows and rows[0][0] == t.label("ctx_description") else None
        if description:
            parts += [Paragraph(escape(description[0]), self.s["h2"]), self.u(a.value("ctx_description") or "")]
        parts.append(self.grid(rows))
        channel_items = items_shown("channels", a, self.q)
        if channel_items:
            parts.append(Paragraph(escape(t.section("channels")[0]), self.s["h2"]))
            parts.append(
                self.grid(
                    [
                        (t.label(i), self.value_text(i, a.value(i)) or t.get("pdf", "not_answered"))
                        for i in channel_items
                    ],
                    first=110 * mm,
                )
            )
        return parts

    def conditions(self) -> list[Flowable]:
        t = self.t
        parts = [*self.section_title("conditions")]
        for number, item_id in enumerate(("c1", "c2", "c3"), start=1):
            state = t.get("condition_state", self.e.conditions[item_id])
            heading = f"{t.get('pdf', 'condition')} {number}: {t.label(item_id)} — {state}"
            if item_id == "c3":
                parts += [
                    Paragraph(escape(heading), self.s["h2"]),
                    self.p(escape(t.get("pdf", "balance_see")), "answer"),
                ]
            else:
                parts += self.answer_block(item_id, heading)
        return parts

    def questions(self) -> list[Flowable]:
        t = self.t
        parts = [*self.section_title("questions")]
        total = len(self.q.question_ids)
        for item_id in self.q.question_ids:
            number = self.q.number(item_id)
            heading = f"{t.app('question_of', number=number, total=total)}. {t.label(item_id)}"
            parts += self.answer_block(item_id, heading)
        return parts

    def safeguards(self) -> list[Flowable]:
        t = self.t
        parts = [*self.h1(t.get("pdf", "safeguards_chosen"))]
        if not self.a.safeguards:
            return [*parts, self.p(escape(t.get("pdf", "safeguards_none")), "missing")]
        for safeguard in self.q.items["safeguards"].options:
            if safeguard in self.a.safeguards:
                label, help_text = t.safeguard(safeguard)
                kind = t.get("pdf", "by_law") if self.q.safeguards[safeguard] else t.get("pdf", "beyond_law")
                parts.append(
                    Paragraph(
                        f"<b>{escape(label)}</b> ({escape(kind)}): {escape(help_text)}",
                        self.s["bullet"],
                        bulletText="✓",
                    )
                )
        return parts

    def checklist(self, item_ids: Sequence[str]) -> list[Flowable]:
        parts: list[Flowable] = []
        for item_id in item_ids:
            item = self.q.items[item_id]
            if item.kind == "info":
                parts += [
                    Paragraph(escape(self.t.label(item_id)), self.s["h2"]),
                    self.p(escape(self.t.item(item_id).help), "answer"),
                ]
            else:
                parts += self.answer_block(item_id)
        return parts

    def consent(self) -> list[Flowable]:
        if not consent_applies(self.a, self.q, self.e):
            return []
        return [
            *self.section_title("consent"),
            self.p(escape(self.t.section("consent")[1])),
            *self.checklist(self.q.section("consent").items),
        ]

    def tips(self) -> list[Flowable]:
        return [*self.section_title("tips"), *self.checklist(self.q.section("tips").items)]

    def decision(self) -> list[Flowable]:
        t, a, e = self.t, self.a, self.e
        parts = [*self.h1(t.get("pdf", "decision"))]
        advised = t.option(e.advised_decision) if e.advised_decision else t.verdict(e.verdict.value)
        rows = [
            (t.get("pdf", "advised"), advised),
            (t.label("decision"), t.option(a.decision) if a.decision else t.get("pdf", "no_decision")),
        ]
        parts.append(self.grid(rows))
        if e.rationale_required:
            parts.append(self.p(f"<b>{escape(t.get('pdf', 'departs'))}</b>", "answer"))
        if a.decision_rationale.strip():
            parts += [Paragraph(escape(t.label("decision_rationale")), self.s["h2"]), self.u(a.decision_rationale)]
        return parts

    def signoff(self) -> list[Flowable]:
        t, a = self.t, self.a
        parts = [*self.h1(t.get("pdf", "signatures"))]
        parts.append(
            self.signature_block(
                [
                    (t.get("pdf", "decision_maker"), a.signoff_name, a.signoff_role, a.signoff_date),
                    (t.get("pdf", "assessor"), a.assessor, "", a.assessment_date),
                ]
            )
        )
        parts += [
            Paragraph(escape(t.get("pdf", "review")), self.s["h2"]),
            self.u(a.review_date or t.get("pdf", "not_answered"), "answer"),
            self.p(escape(t.get("pdf", "review_note")), "small"),
        ]
        return parts

    def history(self) -> list[Flowable]:
        t = self.t
        parts = [*self.h1(t.get("pdf", "history"))]
        if not self.a.revisions:
            return [*parts, self.p(escape(t.get("pdf", "history_none")), "missing")]
        width = PAPERS[self.paper][0] - 2 * MARGIN
        head = [
            Paragraph(escape(t.get("pdf", k)), self.s["label"])
            for k in ("history_at", "history_by", "history_event", "history_changes")
        ]
        rows = [head]
        for revision in self.a.revisions:
            changed = "; ".join(self._change_label(c) for c in revision.changes)
            rows.append(
                [
                    self.u(revision.at.replace("T", " ").replace("Z", ""), "body"),
                    self.u(revision.by, "body"),
                    self.p(escape(t.get("event", revision.event.value))),
                    self.u(changed, "body"),
                ]
            )
        table = Table(rows, colWidths=[32 * mm, 35 * mm, 28 * mm, width - 95 * mm], repeatRows=1, splitByRow=1)
        table.setStyle(table_style([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE)]))
        return [*parts, table]

    def _change_label(self, key: str) -> str:
        if key in self.q.items:
            if key in self.q.question_ids:
                return self.t.app("question_of", number=self.q.number(key), total=len(self.q.question_ids))
            return self.t.label(key)
        return key


class BlankRenderer(_Renderer):
    """The questionnaire with empty boxes and lines, to fill in by hand during an interview."""

    def metadata(self) -> dict[str, str]:
        return {
            "title": self.t.get("pdf", "blank_title"),
            "author": self.branding.consultant or APP_NAME,
            "subject": self.t.get("pdf", "subject"),
            "creator": f"{APP_NAME} {__version__}",
        }

    def header_text(self) -> tuple[str, str]:
        return self.t.get("pdf", "blank_title"), ""

    def story(self) -> list[Flowable]:
        t = self.t
        parts: list[Flowable] = [
            self.p(escape(t.get("pdf", "blank_title")), "title"),
            self.p(escape(t.section("welcome")[1]), "subtitle"),
        ]
        parts += [self.grid([(label, " ") for label, _ in self.branding_rows()])] if self.branding_rows() else []
        for section in self.q.sections:
            parts += self.section_title(section.id)
            parts.append(self.p(escape(t.section(section.id)[1]), "small"))
            if section.id == "outcome":
                parts.append(self.p(escape(t.get("pdf", "blank_advice")), "answer"))
            total = len(self.q.question_ids)
            for item_id in section.items:
                if section.id == "signoff" and item_id in ("signoff_name", "signoff_role", "signoff_date"):
                    continue
                heading = t.label(item_id)
                if item_id in self.q.question_ids:
                    heading = f"{t.app('question_of', number=self.q.number(item_id), total=total)}. {heading}"
                parts += self.blank_item(item_id, heading)
            if section.id == "signoff":
                parts.append(Spacer(1, 6))
                parts.append(
                    self.signature_block(
                        [
                            (t.get("pdf", "decision_maker"), "", "", ""),
                            (t.get("pdf", "assessor"), "", "", ""),
                        ]
                    )
                )
        return parts

    def blank_item(self, item_id: str, heading: str) -> list[Flowable]:
        t = self.t
        item = self.q.items[item_id]
        text = t.item(item_id)
        block: list[Flowable] = [Paragraph(escape(heading), self.s["h2"]), self.p(escape(text.help), "small")]
        if item.kind in ("choice", "multi"):
            hint = t.get("pdf", "tick_one") if item.kind == "choice" else t.get("pdf", "tick_any")
            block.append(self.p(escape(hint), "small"))
            if item_id == "safeguards":
                labels = [t.safeguard(s)[0] for s in item.options]
            else:
                labels = [t.option(o) for o in item.options]
            block += [Paragraph(escape(label), self.s["bullet"], bulletText="☐") for label in labels]
        elif item.kind == "check":
            block += [Paragraph(escape(t.option(o)), self.s["bullet"], bulletText="☐") for o in ("yes", "no")]
        elif item.kind in ("text", "date"):
            block.append(Lines(1))
        elif item.kind == "longtext":
            block.append(Lines(4))
        if item.note:
            name = t.get("pdf", "justification") if item.justified else t.get("pdf", "note")
            block += [self.p(f"<b>{escape(name)}:</b>", "small"), Lines(3)]
        return [KeepTogether(block)]


def render_record(
    assessment: Assessment,
    questionnaire: Questionnaire,
    paper: str = "a4",
    branding: Branding | None = None,
    language: str | None = None,
) -> bytes:
    return RecordRenderer(assessment, questionnaire, paper, branding, language).build()


def render_blank(
    questionnaire: Questionnaire, language: str, paper: str = "a4", branding: Branding | None = None
) -> bytes:
    return BlankRenderer(questionnaire, language, paper, branding).build()


def write_pdf(path: Path, data: bytes) -> None:
    """Save a rendered PDF atomically; LiaError with a clear reason when the place is not writable."""
    write_output(path, data)
