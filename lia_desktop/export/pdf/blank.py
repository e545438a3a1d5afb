"""The blank questionnaire: empty boxes and lines, to fill in by hand during an interview."""

from __future__ import annotations

import datetime as _dt
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from lia_desktop import APP_NAME, __version__
from lia_desktop.export.pdf.base import RULE, Renderer
from lia_desktop.export.words import item_question, safeguard_law


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


class BlankRenderer(Renderer):
    """The questionnaire with empty boxes and lines, to fill in by hand during an interview."""

    def styles(self) -> dict[str, ParagraphStyle]:
        styles = super().styles()
        # the help is read aloud in an interview: printed readable, not as a footnote
        styles["help"] = ParagraphStyle(
            "help", parent=styles["body"], fontSize=9, leading=12, textColor=colors.HexColor("#37474f")
        )
        return styles

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
            self.p(escape(t.get("pdf", "blank_intro")), "subtitle"),
        ]
        parts += [self.grid([(label, " ") for label, _ in self.branding_rows()])] if self.branding_rows() else []
        for section in self.q.sections:
            parts += self.section_title(section.id)
            if section.id == "outcome":  # the advice itself comes from the program
                parts.append(self.p(escape(t.get("pdf", "blank_advice")), "small"))
            else:
                parts.append(self.p(escape(t.section(section.id)[1]), "small"))
            total = len(self.q.question_ids)
            blocks: list[list[Flowable]] = []
            for item_id in section.items:
                if section.id == "signoff" and item_id in ("signoff_name", "signoff_role", "signoff_date"):
                    continue
                heading = t.label(item_id)
                if item_id in self.q.question_ids:
                    heading = f"{t.app('question_of', number=self.q.number(item_id), total=total)}. {heading}"
                blocks.append(self.blank_item(item_id, heading))
            if section.id == "signoff" and blocks:  # the boxes to sign stay with the last question
                signatures = self.signature_block(
                    [(t.get("pdf", "decision_maker"), "", "", ""), (t.get("pdf", "assessor"), "", "", "")]
                )
                blocks[-1] = [KeepTogether([*blocks[-1], Spacer(1, 6), signatures])]
            for block in blocks:
                parts += block
        return parts

    def blank_item(self, item_id: str, heading: str) -> list[Flowable]:
        t = self.t
        item = self.q.items[item_id]
        text = t.item(item_id)
        block: list[Flowable] = [Paragraph(escape(heading), self.s["h2"])]
        if item_question(t, item_id):
            block.append(self.p(f"<b>{escape(item_question(t, item_id))}</b>", "help"))
        block.append(self.p(escape(text.help), "help"))
        if item.kind in ("choice", "multi"):
            hint = t.get("pdf", "tick_one") if item.kind == "choice" else t.get("pdf", "tick_any")
            block.append(self.p(escape(hint), "small"))
            if item_id == "safeguards":
                on = _dt.date.today().isoformat()
                labels = [f"{t.safeguard(s)[0]} — {safeguard_law(self.q, t, s, on)}" for s in item.options]
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
            block += [self.p(t.labelled(f"<b>{escape(name)}</b>"), "small"), Lines(3)]
        return [KeepTogether(block)]
