"""The record of one assessment: title block, advice, context, conditions, questions,
safeguards, checklists, decision, signatures and history."""

from __future__ import annotations

import datetime as _dt
import hashlib
from collections.abc import Sequence
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from lia_desktop import APP_NAME, __version__
from lia_desktop.domain.content import Questionnaire
from lia_desktop.domain.evaluation import Evaluation, evaluate
from lia_desktop.domain.flow import consent_applies, items_shown
from lia_desktop.domain.model import Assessment, Status
from lia_desktop.export import exchange
from lia_desktop.export.pdf import advice
from lia_desktop.export.pdf.base import MARGIN, PAPERS, RULE, Branding, Renderer, user_text
from lia_desktop.export.pdf.canvas import draw_mark, embed_file
from lia_desktop.export.words import item_question, revision_changes, safeguard_kind, when
from lia_desktop.storage.history import Change


def fingerprint(assessment: Assessment, questionnaire: Questionnaire) -> str:
    """SHA-256 of the exchange file: anyone can re-export the record and compare."""
    return hashlib.sha256(exchange.dumps(assessment, questionnaire)).hexdigest()


class RecordRenderer(Renderer):
    """The record of one assessment, in the assessment's language unless told otherwise."""

    def __init__(
        self,
        assessment: Assessment,
        questionnaire: Questionnaire,
        paper: str = "a4",
        branding: Branding | None = None,
        language: str | None = None,
        changes: dict[int, list[Change]] | None = None,
    ) -> None:
        self.a = assessment
        self.changes = changes or {}
        super().__init__(questionnaire, language or assessment.language, paper, branding)
        self.t = self.t.for_countries(assessment.value("ctx_country"))
        self.e: Evaluation = evaluate(assessment, questionnaire, self.language)
        self.today = _dt.date.today().isoformat()
        self.exchange_bytes = exchange.dumps(assessment, questionnaire, self.e)  # evaluated once
        self.fingerprint = hashlib.sha256(self.exchange_bytes).hexdigest()

    def metadata(self) -> dict[str, str]:
        t = self.t
        title = t.labelled(t.get("pdf", "title"), self.a.title) if self.a.title else t.get("pdf", "title")
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

    def decorate(self, canvas: Canvas, page: int, pages: int) -> None:
        super().decorate(canvas, page, pages)
        if self.a.status is Status.DRAFT:  # not a record to sign yet: say so on every page
            draw_mark(canvas, PAPERS[self.paper], self.t.get("pdf", "draft_mark"))

    def attach(self, canvas: Canvas) -> None:
        embed_file(canvas, f"{self.a.id}{exchange.SUFFIX}", self.exchange_bytes, self.t.get("pdf", "attachment"))

    # ---------------------------------------------------------------- the story

    def story(self) -> list[Flowable]:
        parts: list[Flowable] = []
        for step in (
            self.title_block,
            self.advice,
            self.context,
            self.conditions,
            self.questions,
            self.safeguards,
            self.consent,
            self.tips,
            self.decision,
            self.signoff,
            self.history,
            self.appendix,
        ):
            parts += step()
        return parts

    def title_block(self) -> list[Flowable]:
        t, a = self.t, self.a
        heading: list[Flowable] = [self.p(escape(t.get("pdf", "title")), "title"), self.u(a.title or "—", "subtitle")]
        logo = self.logo()
        if logo is not None:
            width = PAPERS[self.paper][0] - 2 * MARGIN
            top = self.table(
                [[heading, logo]],
                [width - 62 * mm, 62 * mm],
                [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)],
            )
            heading = [top]
        rows = [
            (t.label("organisation"), a.organisation),
            (t.label("contact"), a.contact),
            (t.label("assessor"), a.assessor),
            (t.label("assessment_date"), t.date(a.assessment_date) if a.assessment_date else ""),
            (t.get("pdf", "status"), t.status(a.status.value)),
            (t.get("pdf", "last_change"), f"{t.date(a.updated_at)} {a.updated_at[11:16]} UTC"),
            *self.branding_rows(),
            (t.get("pdf", "document"), a.id),
            (t.get("pdf", "fingerprint"), self.fingerprint),
        ]
        return [*heading, self.grid(rows), Spacer(1, 6)]

    def advice(self) -> list[Flowable]:
        return advice.section(self)

    def appendix(self) -> list[Flowable]:
        return advice.appendix(self)

    def answer_block(self, item_id: str, heading: str | None = None) -> list[Flowable]:
        """An item as a reader without the program sees it: question, answer, justification."""
        t, a = self.t, self.a
        item = self.q.items[item_id]
        label = heading or t.label(item_id)
        value = self.value_text(item_id, a.value(item_id))
        weighs = item.weighs(a.value(item_id)) if item.favourable else None
        head = [Paragraph(escape(label), self.s["h2"])]
        if item_question(t, item_id):
            head.append(self.p(escape(item_question(t, item_id)), "answer"))
        if value is None:
            head.append(self.p(escape(t.get("pdf", "not_answered")), "missing"))
        else:
            suffix = f" <font color='#78909c'>({escape(t.get('balance_label', weighs))})</font>" if weighs else ""
            answer = t.labelled(f"<b>{escape(t.get('pdf', 'answer'))}</b>", user_text(value) + suffix)
            head.append(Paragraph(answer, self.s["answer"]))
        parts: list[Flowable] = [KeepTogether(head)]
        note = a.note(item_id)
        if note.strip():
            name = t.get("pdf", "justification") if item.justified else t.get("pdf", "note")
            label = self.p(t.labelled(f"<b>{escape(name)}</b>"), "answer")
            label.keepWithNext = 1  # never "Justification:" alone at the foot of a page
            parts += [label, self.u(note)]
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
        data_rows = []
        for item_id in items_shown("data", a, self.q):
            value = self.value_text(item_id, a.value(item_id)) or t.get("pdf", "not_answered")
            cell = [self.u(value, "body")]
            if a.note(item_id).strip():
                cell.append(self.u(a.note(item_id), "body"))
            data_rows.append((t.label(item_id), cell))
        if data_rows:
            parts += [Paragraph(escape(t.section("data")[0]), self.s["h2"]), self.grid(data_rows)]
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
            heading = t.labelled(f"{t.get('pdf', 'condition')} {number}", f"{t.label(item_id)} — {state}")
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
        parts = [*self.h1(t.get("pdf", "safeguards_chosen")), *advice.not_applied(self)]
        if not self.a.safeguards:
            return [*parts, self.p(escape(t.get("pdf", "safeguards_none")), "missing")]
        for safeguard in self.q.items["safeguards"].options:
            if safeguard in self.a.safeguards:
                label, help_text = t.safeguard(safeguard)
                kind = safeguard_kind(self.q, t, safeguard, self.e.required_safeguards)
                name = f"<b>{escape(label)}</b>" + (f" ({escape(kind)})" if kind else "")
                parts.append(
                    Paragraph(
                        t.labelled(name, escape(help_text)),
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
                    (t.get("pdf", "decision_maker"), a.signoff_name, a.signoff_role, self._date(a.signoff_date)),
                    (t.get("pdf", "assessor"), a.assessor, "", self._date(a.assessment_date)),
                ]
            )
        )
        parts += [
            Paragraph(escape(t.get("pdf", "review")), self.s["h2"]),
            self.u(self._date(a.review_date) or t.get("pdf", "not_answered"), "answer"),
            self.p(escape(t.get("pdf", "review_note")), "small"),
        ]
        return parts

    def history(self) -> list[Flowable]:
        t = self.t
        parts = [*self.h1(t.get("pdf", "history"))]
        if not self.a.revisions:
            key = "history_draft" if self.a.status is Status.DRAFT else "history_none"
            return [*parts, self.p(escape(t.get("pdf", key)), "missing")]
        width = PAPERS[self.paper][0] - 2 * MARGIN
        head = [
            Paragraph(escape(t.get("pdf", k)), self.s["label"])
            for k in ("history_at", "history_by", "history_event", "history_changes")
        ]
        rows = [head]
        for index, revision in enumerate(self.a.revisions):
            changed = "\n".join(revision_changes(self.q, t, revision.changes, self.changes.get(index)))
            rows.append(
                [
                    self.u(when(t, revision.at), "body"),
                    self.u(revision.by, "body"),
                    self.p(escape(t.get("event", revision.event.value))),
                    self.u(changed, "body"),
                ]
            )
        table = self.table(
            rows,
            [32 * mm, 35 * mm, 28 * mm, width - 95 * mm],
            [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE)],
            repeatRows=1,
            splitByRow=1,
        )
        return [*parts, table]

    def _date(self, value: str) -> str:
        return self.t.date(value) if value else ""
