"""What would change the advice, and the safeguards the law requires for the channels in use."""

from __future__ import annotations

from lia_desktop.domain.advice_view import WORSE_SHOWN, advice_blocks
from lia_desktop.domain.evaluation import evaluate
from lia_desktop.domain.judgement import ChannelVerdict, judge
from lia_desktop.domain.model import Verdict
from lia_desktop.domain.sensitivity import Change, what_would_change
from tests.conftest import make_assessment

ON = "2026-03-15"


def _stops_all(assessment, questionnaire) -> set[str]:
    judged = judge(assessment.facts(), questionnaire, ON)
    return {s.rule for s in judged.stops if s.level == "all"}


def test_improvements_come_first_and_each_change_moves_a_verdict(questionnaire):
    # postal marketing to consumers bought from a list: the balance needs safeguards
    assessment = make_assessment(ctx_channels=["ch_email", "ch_post"], q09="yes")
    changes = what_would_change(assessment, questionnaire, ON)
    assert changes, "some answer matters here"
    flags = [c.better for c in changes]
    assert flags == sorted(flags, reverse=True), "every change for the better before any for the worse"
    before = evaluate(assessment, questionnaire, "en")
    for change in changes:
        assert change.verdict is not before.verdict or change.channels
        for channel, old, new in change.channels:
            assert before.channel(channel).verdict is old and new is not old


def test_a_change_for_the_worse_never_brings_in_a_stop_on_every_channel(questionnaire):
    assessment = make_assessment(ctx_channels=["ch_email", "ch_post"])
    assert not _stops_all(assessment, questionnaire)
    changes = what_would_change(assessment, questionnaire, ON)
    worse = [c for c in changes if not c.better]
    assert worse, "some answers would make the advice stricter"
    for change in worse:
        changed = make_assessment(ctx_channels=["ch_email", "ch_post"])
        changed.set_value(change.item, change.value)
        assert not _stops_all(changed, questionnaire), change
    # the boundaries themselves are not offered as changes
    assert not any(c.item in ("ctx_special", "ctx_children", "r4") for c in worse)


def test_leaving_out_a_stop_is_still_a_change_for_the_better(questionnaire):
    assessment = make_assessment(ctx_special="special_yes")
    assert _stops_all(assessment, questionnaire) == {"HS-SPECIAL"}
    changes = what_would_change(assessment, questionnaire, ON)
    assert any(c.item == "ctx_special" and c.better for c in changes)


def test_the_view_shows_every_improvement_and_the_first_changes_for_the_worse(questionnaire):
    assessment = make_assessment()
    result = evaluate(assessment, questionnaire, "en")
    t = questionnaire.texts("en")
    channel = (("ch_email", ChannelVerdict.SUITABLE, ChannelVerdict.CONSENT_NEEDED),)
    better = (("ch_email", ChannelVerdict.CONSENT_NEEDED, ChannelVerdict.SUITABLE),)
    worse = [Change("q01", "no", "answer", "", Verdict.NOT_SUITABLE, channel) for _ in range(WORSE_SHOWN + 3)]
    improve = [Change("q02", "yes", "answer", "", Verdict.SUITABLE, better) for _ in range(2)]
    blocks = {b.key: b for b in advice_blocks(result, questionnaire, t, (*improve, *worse))}
    lines = blocks["changes"].lines
    assert len(lines) == 2 + WORSE_SHOWN + 1
    assert lines[-1].text == t.plural(3, "advice", "more_worse")
    assert "3" in lines[-1].text


def test_the_law_requires_per_channel_in_use(questionnaire):
    every_channel = {s for s, where in questionnaire.required_for.items() if "all" in where}
    email = evaluate(make_assessment(ctx_channels=["ch_email"]), questionnaire, "en")
    assert "s_optout" in email.required_safeguards
    assert every_channel <= set(email.required_safeguards)
    assert "s_call_identity" not in email.required_safeguards
    post = evaluate(make_assessment(ctx_channels=["ch_post"]), questionnaire, "en")
    assert "s_optout" not in post.required_safeguards
    assert every_channel <= set(post.required_safeguards)
    # calling hours are required by the French rules on phone calls, not by the Belgian
    calls = {"ctx_channels": ["ch_phone"], "ph_list": True}
    be = evaluate(make_assessment(**calls), questionnaire, "en")
    fr = evaluate(make_assessment(ctx_country=["country_fr"], **calls), questionnaire, "en")
    assert "s_call_identity" in be.required_safeguards and "s_call_identity" in fr.required_safeguards
    assert "s_call_hours" not in be.required_safeguards
    assert "s_call_hours" in fr.required_safeguards


def test_where_the_law_requires_a_safeguard_for_the_blank_questionnaire(questionnaire):
    assert questionnaire.required_where("s_suppression", ON) == {"all": ()}
    assert questionnaire.required_where("s_optout", ON) == {"ch_email": (), "ch_sms": ()}
    assert questionnaire.required_where("s_call_hours", ON) == {"ch_phone": ("country_fr",)}
    assert questionnaire.required_where("s_frequency", ON) == {}


def test_the_notes_block_holds_information_and_warnings_stay_with_their_channel(questionnaire):
    from lia_desktop.assets import resources_dir
    from lia_desktop.export import exchange

    t = questionnaire.texts("en")
    for path in sorted((resources_dir() / "examples").glob("*.lia.json")):
        result = evaluate(exchange.read(path, questionnaire), questionnaire, "en")
        blocks = {b.key: b for b in advice_blocks(result, questionnaire, t)}
        if "notes" in blocks:
            assert {line.level for line in blocks["notes"].lines} == {"info"}, path.name
        warned = {f.rule for f in result.channel_notes if f.level == "warning"}
        shown = {line.rule for b in blocks.values() if b.key.startswith("channel:") for line in b.lines}
        assert warned <= shown | {r.rule for r in result.reasons}, path.name
