"""The advice as a reader meets it: titled blocks of lines, the same in the window and the PDF.

The evaluation says what was decided; this module orders it for a person: the verdict per
channel first, then what to find out, what is still to do, why (overall and per channel),
what would change the advice, contradictions and notes. The window renders the blocks as
HTML with links to the questions, the PDF as paragraphs. No Qt, no ReportLab.
"""

from __future__ import annotations

from dataclasses import dataclass

from lia_desktop.domain.advice_text import Finding, answer_text
from lia_desktop.domain.content import Questionnaire, Texts
from lia_desktop.domain.evaluation import Evaluation
from lia_desktop.domain.sensitivity import Change

# Changes for the better are all shown; of those for the worse, the first few (in the order
# of the questionnaire) say enough about what to keep as it is.
WORSE_SHOWN = 10


@dataclass(frozen=True)
class Line:
    text: str
    refs: tuple[str, ...] = ()
    level: str = ""
    legal: str = ""
    verdict: str = ""  # a channel verdict, for colour
    rule: str = ""  # the rule behind the line (for the "how the advice was reached" appendix)


@dataclass(frozen=True)
class Block:
    key: str
    title: str
    lines: tuple[Line, ...]


def _lines(findings: tuple[Finding, ...] | list[Finding]) -> tuple[Line, ...]:
    return tuple(Line(f.text, f.refs, f.level, f.legal, rule=f.rule) for f in findings)


def describe_change(change: Change, q: Questionnaire, texts: Texts) -> str:
    """One change of answer in words, with what the advice becomes."""
    if change.kind == "add_safeguard":
        what = texts.get("advice", "change_add_safeguard").format(safeguard=texts.safeguard(change.option)[0])
    elif change.kind == "drop_channel":
        what = texts.get("advice", "change_drop_channel").format(channel=texts.option(change.option))
    elif change.kind == "drop_country":
        what = texts.get("advice", "change_drop_country").format(country=texts.option(change.option))
    else:
        quoted = texts.get("advice", "change_answer").format(answer=answer_text(texts, change.value))
        what = texts.labelled(texts.label(change.item), quoted)
    effects = [
        texts.get("advice", "channel_line").format(channel=texts.option(ch), verdict=texts.channel_verdict(after.value))
        for ch, _, after in change.channels
    ]
    if not effects:
        effects = [texts.get("advice", "change_overall").format(verdict=texts.verdict(change.verdict.value))]
    return texts.get("advice", "change_effect").format(change=what, effects=texts.join(effects))


def advice_blocks(
    result: Evaluation, q: Questionnaire, texts: Texts, changes: tuple[Change, ...] | None = None
) -> list[Block]:
    """The advice in the order a reader needs it; empty blocks are left out."""
    t = texts
    blocks: list[Block] = []

    def add(key: str, title: str, lines: tuple[Line, ...]) -> None:
        if lines:
            blocks.append(Block(key, title, lines))

    add(
        "channels",
        t.get("advice", "channels"),
        tuple(
            Line(
                t.get("advice", "channel_line").format(
                    channel=t.option(c.channel), verdict=t.channel_verdict(c.verdict.value)
                ),
                ("ctx_channels",),
                verdict=c.verdict.value,
            )
            for c in result.channels
        ),
    )
    # what to find out; or, when no open answer can change the advice, that it holds
    open_title = "to_find_out" if result.to_find_out else "open_answers"
    add("to_find_out", t.get("advice", open_title), _lines(result.outcomes))
    add("still_to_do", t.get("advice", "still_to_do"), _lines(result.requirements))
    add("reasons", t.get("advice", "reasons"), _lines(result.reasons))
    for advice in result.channels:
        title = t.get("advice", "channel_line").format(
            channel=t.option(advice.channel), verdict=t.channel_verdict(advice.verdict.value)
        )
        add(f"channel:{advice.channel}", title, _lines(advice.reasons))
    if changes is not None:
        better = [c for c in changes if c.better]
        worse = [c for c in changes if not c.better]
        shown = better + worse[:WORSE_SHOWN]
        lines = tuple(
            Line(describe_change(c, q, t), (c.item,), verdict=c.channels[0][2].value if c.channels else "")
            for c in shown
        )
        if len(worse) > WORSE_SHOWN:
            lines += (Line(t.plural(len(worse) - WORSE_SHOWN, "advice", "more_worse")),)
        add("changes", t.get("advice", "what_would_change"), lines or (Line(t.get("advice", "nothing_would_change")),))
    add("contradictions", t.get("advice", "contradictions"), _lines(result.contradictions))
    notes = tuple(Line(f.text, f.refs, f.level, rule=f.rule) for f in result.channel_notes if f.rule.startswith("N-"))
    add("notes", t.get("advice", "notes"), notes)
    return blocks
