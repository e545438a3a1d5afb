"""The assessment summed up on one page, as HTML: the advice and the decision, every answer
with a link back to its question ("item:<id>"), and the revision history with old → new."""

from __future__ import annotations

from html import escape

from lia_desktop import palette
from lia_desktop.domain import flow
from lia_desktop.domain.content import Questionnaire, Texts
from lia_desktop.domain.evaluation import Evaluation
from lia_desktop.domain.model import Assessment, Status
from lia_desktop.export.words import NO_VALUE, answer_text, item_name, revision_changes, shorten, when
from lia_desktop.i18n import Ui
from lia_desktop.storage.history import Change

ANSWER_LENGTH = 140  # characters of a long answer or note shown in the summary
NOT_SUMMED_UP = ("welcome", "finish")


def summary_html(
    a: Assessment, q: Questionnaire, t: Texts, ui: Ui, result: Evaluation, changes: dict[int, list[Change]]
) -> str:
    fill, ink = palette.VERDICT[result.verdict.value]
    decision = t.option(a.decision) if a.decision else t.get("pdf", "no_decision")
    parts = [
        f"<p style='background:{fill}; color:{ink}'><b>{escape(t.verdict(result.verdict.value))}</b></p>",
        f"<p>{t.labelled(escape(t.label('decision')), f'<b>{escape(decision)}</b>')}</p>",
    ]
    change = escape(ui("summary_change"))
    section = ""
    for page in flow.applicable_pages(a, q, result):
        if page in NOT_SUMMED_UP:
            continue
        page_section = "questions" if page in q.question_ids else page
        if page_section != section:
            if section:
                parts.append("</table>")
            section = page_section
            parts.append(f"<h3>{escape(t.section(section)[0])}</h3><table width='100%' cellpadding='3'>")
        for item_id in flow.items_shown(page, a, q):
            if q.items[item_id].kind == "info":
                continue
            label = item_name(q, t, item_id) if item_id in q.question_ids else t.label(item_id)
            answer = answer_text(q, t, item_id, a.value(item_id))
            missing = f"<i>{escape(t.get('pdf', 'not_answered'))}</i>"
            cell = escape(shorten(answer, ANSWER_LENGTH)) if answer else missing
            note = a.note(item_id)
            if note.strip():
                cell += f"<br><span style='color:#546e7a'>{escape(shorten(note, ANSWER_LENGTH))}</span>"
            parts.append(
                f"<tr><td width='38%' valign='top'>{escape(label)}</td><td valign='top'>{cell}</td>"
                f"<td valign='top' align='right'><a href='item:{item_id}'>{change}</a></td></tr>"
            )
    if section:
        parts.append("</table>")
    parts.append(history_html(a, q, t, changes))
    return "".join(parts)


def history_html(a: Assessment, q: Questionnaire, t: Texts, changes: dict[int, list[Change]]) -> str:
    """The revision history: when, who, what, and which items changed from what to what."""
    parts = [f"<h3>{escape(t.get('pdf', 'history'))}</h3>"]
    if not a.revisions:
        key = "history_draft" if a.status is Status.DRAFT else "history_none"
        return parts[0] + f"<p><i>{escape(t.get('pdf', key))}</i></p>"
    head = "".join(
        f"<th align='left'>{escape(t.get('pdf', key))}</th>"
        for key in ("history_at", "history_by", "history_event", "history_changes")
    )
    parts.append(f"<table width='100%' cellpadding='3'><tr>{head}</tr>")
    for index, revision in enumerate(a.revisions):
        changed = "<br>".join(escape(line) for line in revision_changes(q, t, revision.changes, changes.get(index)))
        parts.append(
            f"<tr><td valign='top'>{escape(when(t, revision.at))}</td>"
            f"<td valign='top'>{escape(revision.by or NO_VALUE)}</td>"
            f"<td valign='top'>{escape(t.get('event', revision.event.value))}</td>"
            f"<td valign='top'>{changed}</td></tr>"
        )
    parts.append("</table>")
    return "".join(parts)
