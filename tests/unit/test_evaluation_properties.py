"""Properties of the advice engine over many generated answer sets (hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lia_desktop.assets import questionnaire as shipped
from lia_desktop.domain.evaluation import evaluate
from lia_desktop.domain.model import LANGUAGES, Assessment, Verdict
from tests.conftest import FAVOURABLE, make_assessment

Q = shipped()
RANK = {Verdict.SUITABLE: 0, Verdict.WITH_SAFEGUARDS: 1, Verdict.NOT_SUITABLE: 2}
WEIGHED = [*Q.question_ids, "c1", "c2"]


def answer_sets():
    """Complete assessments with any option for every question and any safeguards."""
    choices = {item: st.sampled_from(Q.items[item].options) for item in WEIGHED}
    return st.fixed_dictionaries(choices).flatmap(
        lambda answers: st.lists(st.sampled_from(sorted(Q.safeguards)), unique=True).map(
            lambda safeguards: (answers, tuple(safeguards))
        )
    )


def build(answers, safeguards, language="nl") -> Assessment:
    return make_assessment(language=language, safeguards=safeguards, **answers)


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(answer_sets())
def test_a_complete_assessment_always_gets_a_verdict_with_reasons(case):
    result = evaluate(build(*case), Q)
    assert result.verdict is not Verdict.INCOMPLETE
    assert result.reasons and all(f.text.strip() and "{" not in f.text for f in result.reasons)


@SETTINGS
@given(answer_sets())
def test_the_same_answers_give_the_same_advice_in_every_language(case):
    results = [evaluate(build(*case, language=lang), Q) for lang in LANGUAGES]
    assert len({(r.verdict, r.rule_ids, r.points) for r in results}) == 1


@SETTINGS
@given(answer_sets(), st.sampled_from(Q.question_ids))
def test_an_answer_turning_against_never_improves_the_advice(case, question):
    answers, safeguards = case
    item = Q.items[question]
    better = dict(answers, **{question: item.favourable[0]})
    worse = dict(answers, **{question: item.unfavourable[0]})
    assert RANK[evaluate(build(worse, safeguards), Q).verdict] >= RANK[evaluate(build(better, safeguards), Q).verdict]


@SETTINGS
@given(answer_sets(), st.sampled_from(sorted(Q.safeguards)))
def test_adding_a_safeguard_never_worsens_the_advice(case, safeguard):
    answers, safeguards = case
    without = tuple(s for s in safeguards if s != safeguard)
    more = (*without, safeguard)
    assert RANK[evaluate(build(answers, more), Q).verdict] <= RANK[evaluate(build(answers, without), Q).verdict]


@SETTINGS
@given(answer_sets())
def test_a_hard_stop_always_means_not_suitable_and_is_named(case):
    result = evaluate(build(*case), Q)
    stops = [rule for rule in result.rule_ids if rule.startswith("HS-")]
    assert (result.verdict is Verdict.NOT_SUITABLE) or not stops
    if result.verdict is not Verdict.NOT_SUITABLE:
        assert result.conditions["c1"] == "met" and result.conditions["c2"] == "met"


def test_the_favourable_baseline_is_suitable():
    assert evaluate(make_assessment(**FAVOURABLE), Q).verdict is Verdict.SUITABLE
