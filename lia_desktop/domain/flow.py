"""Which pages the wizard shows, in which order, and what blocks leaving a page.

The wizard asks this module, never decides by itself: a page applies or not according
to rules.toml ([pages.*]), evaluated on the current answers and the current advice.
"""

from __future__ import annotations

from lia_desktop.domain.conditions import holds
from lia_desktop.domain.content import Questionnaire
from lia_desktop.domain.evaluation import Evaluation, answered, applicable_facts, evaluate
from lia_desktop.domain.model import Assessment

FIRST_PAGES = ("welcome", "context", "data", "channels", "conditions")
# The data and rights checklist comes before the outcome, because the advice depends on it
# (an objection to direct marketing that cannot be honoured is a hard stop, HS-R4): the
# outcome page then shows the advice on every answer that counts. The consent checklist comes
# after the decision, which can bring it in ("ask for consent first"): placed before, a page
# that applies only once the decision is taken would be passed without being seen.
LAST_PAGES = ("tips", "outcome", "signoff", "consent", "finish")


def all_pages(questionnaire: Questionnaire) -> tuple[str, ...]:
    """Every page the wizard can show, in order; one page per question."""
    return FIRST_PAGES + questionnaire.question_ids + LAST_PAGES


def page_items(page: str, questionnaire: Questionnaire) -> tuple[str, ...]:
    """The items a page asks: a section's items, or the one question of a question page."""
    if page in questionnaire.items:
        return (page,)
    try:
        return questionnaire.section(page).items
    except KeyError:
        return ()


def prefill(assessment: Assessment, questionnaire: Questionnaire, items: tuple[str, ...] | None = None) -> list[str]:
    """Answer, from what was said earlier, the unanswered items that repeat an earlier fact
    (q04 from the relationship, q08 from the sources, q10 from condition 2); the user can
    change the answer. Returns the items answered this way."""
    facts = assessment.facts()
    filled = []
    for item_id in items if items is not None else tuple(questionnaire.items):
        item = questionnaire.items[item_id]
        if facts.get(item_id) not in (None, "", []):
            continue
        suggestion = item.suggestion(facts)
        if suggestion is not None:
            assessment.set_value(item_id, suggestion)
            facts[item_id] = suggestion
            filled.append(item_id)
    return filled


def derived_facts(assessment: Assessment, questionnaire: Questionnaire, evaluation: Evaluation) -> dict[str, object]:
    facts = applicable_facts(assessment, questionnaire)
    facts["@verdict"] = evaluation.verdict.value
    facts["@channel_consent"] = evaluation.channel_consent
    return facts


def applicable_pages(
    assessment: Assessment, questionnaire: Questionnaire, evaluation: Evaluation | None = None
) -> tuple[str, ...]:
    """The pages that apply to this assessment now, in order."""
    evaluation = evaluation or evaluate(assessment, questionnaire)
    facts = derived_facts(assessment, questionnaire, evaluation)
    conditional = questionnaire.rules.get("pages", {})
    return tuple(
        page
        for page in all_pages(questionnaire)
        if page not in conditional or holds(conditional[page]["applies"], facts)
    )


def consent_applies(assessment: Assessment, questionnaire: Questionnaire, evaluation: Evaluation | None = None) -> bool:
    return "consent" in applicable_pages(assessment, questionnaire, evaluation)


def next_page(current: str, assessment: Assessment, questionnaire: Questionnaire) -> str | None:
    """The page after `current`, or None after the last one."""
    pages = applicable_pages(assessment, questionnaire)
    order = all_pages(questionnaire)
    position = order.index(current)
    for page in order[position + 1 :]:
        if page in pages:
            return page
    return None


def items_shown(page: str, assessment: Assessment, questionnaire: Questionnaire) -> tuple[str, ...]:
    """The items of a page that apply to the current answers."""
    facts = assessment.facts()
    return tuple(i for i in page_items(page, questionnaire) if holds(questionnaire.items[i].applies, facts))


def unseen_boxes(page: str, assessment: Assessment, questionnaire: Questionnaire) -> tuple[str, ...]:
    """The tick boxes of a page that apply now and hold no answer: never shown and left (a box
    the user saw and left unticked is stored as False)."""
    return tuple(
        i
        for i in items_shown(page, assessment, questionnaire)
        if questionnaire.items[i].kind == "check" and assessment.value(i) is None
    )


def page_missing(page: str, assessment: Assessment, questionnaire: Questionnaire) -> tuple[str, ...]:
    """Required items on this page still without an answer: they keep Next disabled."""
    facts = assessment.facts()
    return tuple(
        i
        for i in items_shown(page, assessment, questionnaire)
        if questionnaire.items[i].required and not answered(facts.get(i))
    )


def completion_problems(
    assessment: Assessment, questionnaire: Questionnaire, evaluation: Evaluation | None = None
) -> tuple[str, ...]:
    """Item ids that stop the assessment from being marked completed (empty when it can be)."""
    evaluation = evaluation or evaluate(assessment, questionnaire)
    problems = list(evaluation.missing)
    for item_id in ("decision", "signoff_name", "signoff_date", "review_date"):
        if not answered(assessment.value(item_id)):
            problems.append(item_id)
    if evaluation.rationale_required and not assessment.decision_rationale.strip():
        problems.append("decision_rationale")
    problems += [i for i in dates_out_of_order(assessment) if i not in problems]
    return tuple(problems)


def dates_out_of_order(assessment: Assessment) -> tuple[str, ...]:
    """The sign-off and review dates that fall before the assessment's date (ISO dates compare
    as text): a record signed before it was made, or due for review at once."""
    start = assessment.assessment_date
    if not start:
        return ()
    late = (("signoff_date", assessment.signoff_date < start), ("review_date", assessment.review_date <= start))
    return tuple(item for item, wrong in late if wrong and assessment.value(item))
