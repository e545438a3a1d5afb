"""The advice in the record: the coloured box with the verdict per channel, the blocks a reader
needs (what to find out, what is still to do, why, what would change it), and the appendix
that says how the advice was reached (each rule with its code, the dated channel rules).

Rule codes stay out of the body a client signs; they are in the appendix.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from lia_desktop import palette
from lia_desktop.domain.advice_view import advice_blocks
from lia_desktop.domain.law_changes import RuleChange, compare_bases, rule_changes
from lia_desktop.domain.sensitivity import what_would_change
from lia_desktop.export.pdf.base import FONT, MARGIN, PAPERS, table_style, user_text

if TYPE_CHECKING:
    from lia_desktop.export.pdf.record import RecordRenderer


def chart(r: RecordRenderer) -> Drawing:
    counts = r.e.counts
    total = sum(counts.values()) or 1
    width, bar = 150, 12
    keys = list(palette.BALANCE)
    drawing = Drawing(width, 14 + 10 * len(keys) + 6, initialFontName=FONT, initialFontSize=7.5)
    top = 10 * len(keys) + 6
    x = 0.0
    for key in keys:
        share = counts.get(key, 0) / total * width
        if share:
            colour = colors.HexColor(palette.BALANCE[key])
            drawing.add(Rect(x, top, share, bar, fillColor=colour, strokeColor=colors.white, strokeWidth=0.5))
        x += share
    for row, key in enumerate(keys):
        y = top - 12 - row * 10
        label = r.t.get("pdf", "unanswered") if key == "unanswered" else r.t.get("balance_label", key)
        drawing.add(Rect(0, y, 7, 7, fillColor=colors.HexColor(palette.BALANCE[key]), strokeWidth=0))
        drawing.add(String(11, y + 0.5, r.t.labelled(label, str(counts.get(key, 0))), fontName=FONT, fontSize=7.5))
    return drawing


def channel_table(r: RecordRenderer) -> list[Flowable]:
    """The verdict of each channel, each in its own colour."""
    if not r.e.channels:
        return []
    t = r.t
    rows, styles = [], []
    for index, advice in enumerate(r.e.channels):
        fill, ink = palette.CHANNEL[advice.verdict.value]
        style = ParagraphStyle(f"ch{index}", parent=r.s["body"], textColor=colors.HexColor(ink))
        rows.append(
            [
                Paragraph(escape(t.option(advice.channel)), style),
                Paragraph(f"<b>{escape(t.channel_verdict(advice.verdict.value))}</b>", style),
            ]
        )
        styles.append(("BACKGROUND", (0, index), (-1, index), colors.HexColor(fill)))
    table = Table(rows, colWidths=[45 * mm, 70 * mm], hAlign="LEFT")
    table.setStyle(
        table_style([*styles, ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LINEBELOW", (0, 0), (-1, -1), 1, colors.white)])
    )
    return [Spacer(1, 4), r.p(escape(t.get("advice", "channels")), "label"), table]


def box(r: RecordRenderer) -> list[Flowable]:
    t, e = r.t, r.e
    fill, border = palette.VERDICT[e.verdict.value]
    width = PAPERS[r.paper][0] - 2 * MARGIN
    words = [
        Paragraph(
            escape(t.verdict(e.verdict.value)),
            ParagraphStyle("v", parent=r.s["verdict"], textColor=colors.HexColor(border)),
        ),
        Spacer(1, 3),
        r.p(escape(e.summary)),
        *channel_table(r),
    ]
    graph = [r.p(escape(t.get("pdf", "chart")), "small"), chart(r)]
    table = Table([[words, graph]], colWidths=[width - 165, 165])
    table.setStyle(
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
    return [table, Spacer(1, 4)]


def section(r: RecordRenderer) -> list[Flowable]:
    """The advice: box, then the blocks in reading order (channels are in the box)."""
    t = r.t
    parts: list[Flowable] = [*r.h1(t.section("outcome")[0]), *box(r)]
    changes = what_would_change(r.a, r.q)
    for block in advice_blocks(r.e, r.q, t, changes):
        if block.key == "channels":
            continue
        style = "h3" if block.key.startswith("channel:") else "h2"
        lines: list[Flowable] = []
        for line in block.lines:
            level = escape(t.get("level", line.level)) if line.level in ("warning", "stop") else ""
            prefix = t.labelled(f"<b>{level}</b>") + " " if level else ""
            legal = f" <i>({t.labelled(escape(t.app('legal')), escape(line.legal))})</i>" if line.legal else ""
            lines.append(Paragraph(f"{prefix}{user_text(line.text)}{legal}", r.s["bullet"], bulletText="•"))
        # a heading never stands alone at the foot of a page
        parts.append(KeepTogether([Paragraph(escape(block.title), r.s.get(style, r.s["h2"])), *lines[:1]]))
        parts += lines[1:]
    return parts


def not_applied(r: RecordRenderer) -> list[Flowable]:
    """The safeguards the law requires for the channels used that are not applied."""
    if not r.e.pending_legal:
        return []
    names = ", ".join(r.t.safeguard(s)[0] for s in r.e.pending_legal)
    return [r.p(f"<b>{escape(r.t.get('advice', 'not_applied').format(safeguards=names))}</b>", "answer")]


def _change_text(r: RecordRenderer, change: RuleChange) -> str:
    t = r.t
    if change.rule == "*":
        return t.get("advice", "change_all")
    return t.get("advice", f"change_{change.kind}").format(rule=change.rule, date=t.date(change.date))


def appendix(r: RecordRenderer) -> list[Flowable]:
    """How the advice was reached: every rule that fired with its code; the dated rules."""
    t, e = r.t, r.e
    parts: list[Flowable] = [*r.h1(t.get("advice", "how_reached"))]
    intro = t.get("advice", "how_reached_intro").format(version=r.q.version, date=t.date(e.on))
    parts.append(r.p(escape(intro), "small"))
    dated = {applied.rule for applied in e.applied_rules}
    texts_of = {f.rule: f.text for f in e.first_findings}
    for finding in e.first_findings:
        if finding.rule not in dated:  # a dated rule is listed below with its source and dates
            parts.append(
                Paragraph(
                    f"<b><font size=8>{escape(finding.rule)}</font></b> — {escape(finding.text)}",
                    r.s["bullet"],
                    bulletText="•",
                )
            )
    if e.applied_rules:
        parts.append(Paragraph(escape(t.get("advice", "rules_applied")), r.s["h2"]))
        for applied in e.applied_rules:
            dates = (
                t.get("advice", "rule_dates_until").format(
                    start=t.date(applied.valid_from), end=t.date(applied.valid_until)
                )
                if applied.valid_until
                else t.get("advice", "rule_dates").format(start=t.date(applied.valid_from))
            )
            legal = t.rule_legal(applied.rule)
            said = texts_of.get(applied.rule, "")
            said = f"{escape(said)} " if said else ""
            code = f"<b><font size=8>{escape(applied.rule)}</font></b>"
            parts.append(
                Paragraph(
                    f"{code} — {said}<i>{escape(legal)}</i> ({escape(dates)})",
                    r.s["bullet"],
                    bulletText="•",
                )
            )
    since = compare_bases(r.a.previous_basis, {"rules": {a.rule: a.revision for a in e.applied_rules}})
    if since:
        parts.append(Paragraph(escape(t.get("advice", "since_previous")), r.s["h2"]))
        parts += [Paragraph(escape(_change_text(r, c)), r.s["bullet"], bulletText="•") for c in since]
    changed = rule_changes(r.a.advice_basis, r.q, r.today)
    if changed:
        parts.append(Paragraph(escape(t.get("advice", "law_changed")), r.s["h2"]))
        parts.append(r.p(escape(t.get("advice", "law_changed_hint")), "answer"))
        parts += [Paragraph(escape(_change_text(r, c)), r.s["bullet"], bulletText="•") for c in changed]
    return parts


__all__ = ["appendix", "box", "chart", "not_applied", "section"]
