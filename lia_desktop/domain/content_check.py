"""Consistency checks of the content files, run once when the questionnaire is loaded.

Everything a rule names must exist (items, options, safeguards, countries, channels), every
factor that can weigh against must say which safeguards reduce its harm or why none can,
and every text must exist, non-empty, in every language.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from lia_desktop.domain.conditions import RuleError, check, items_named, options_named
from lia_desktop.domain.model import LANGUAGES, META_FIELDS, SIGNOFF_FIELDS

if TYPE_CHECKING:
    from lia_desktop.domain.content import Questionnaire


def check_content(q: Questionnaire) -> None:
    from lia_desktop.domain.content import ContentError

    try:
        _structure(q)
        _rules(q)
        _channel_rules(q)
        for lang in LANGUAGES:
            _texts(q, lang)
    except RuleError as exc:
        raise ContentError(str(exc)) from exc


def _fail(message: str) -> None:
    from lia_desktop.domain.content import ContentError

    raise ContentError(message)


def _structure(q: Questionnaire) -> None:
    from lia_desktop.domain.content import KINDS

    for name in META_FIELDS + SIGNOFF_FIELDS:
        if name not in q.items:
            _fail(f"the model keeps {name!r}, but the questionnaire has no such item")
    for item in q.items.values():
        where = f"item {item.id}"
        if item.kind not in KINDS:
            _fail(f"{where}: unknown kind {item.kind!r}")
        if item.kind in ("choice", "multi") and not item.options:
            _fail(f"{where}: a {item.kind} item needs options")
        for option in item.favourable + item.partial + item.unfavourable + item.unsure:
            if option not in item.options:
                _fail(f"{where}: weighs option {option!r}, which it does not offer")
        if item.unsure and (item.best is None or item.worst is None):
            _fail(f"{where}: an open answer needs a favourable and an unfavourable option to resolve to")
        for safeguard in item.mitigated_by or ():
            if safeguard not in q.safeguards:
                _fail(f"{where}: mitigated by unknown safeguard {safeguard!r}")
        if item.applies:
            check(item.applies, set(q.items), where)
        if item.prefill:
            source = q.items.get(item.prefill.get("from", ""))
            if source is None:
                _fail(f"{where}: prefilled from unknown item {item.prefill.get('from')!r}")
            for key, value in item.prefill["map"].items():
                if key not in source.options or value not in item.options:
                    _fail(f"{where}: prefill maps {key!r} -> {value!r}, not options of both items")
    if set(q.items["safeguards"].options) != set(q.safeguards):
        _fail("the safeguards item must offer exactly the safeguards defined in [safeguard]")
    channels = set(q.channel_ids)
    for safeguard, where_required in q.required_for.items():
        for channel in where_required:
            if channel != "all" and channel not in channels:
                _fail(f"safeguard {safeguard}: required for unknown channel {channel!r}")
            if not q.safeguards[safeguard]:
                _fail(f"safeguard {safeguard}: required by law, so it must be marked baseline")


def _condition(q: Questionnaire, condition: Mapping[str, Any], where: str) -> None:
    from lia_desktop.domain.content import DERIVED_FACTS, VERDICT_IDS

    check(condition, set(q.items) | set(DERIVED_FACTS), where)
    for item_id, option in options_named(condition):
        if item_id == "@verdict":
            if option not in VERDICT_IDS:
                _fail(f"{where}: unknown verdict {option!r}")
        elif option not in q.items[item_id].options:
            _fail(f"{where}: item {item_id!r} has no option {option!r}")


def _safeguards_known(q: Questionnaire, names: Any, where: str) -> None:
    for safeguard in names or ():
        if safeguard not in q.safeguards:
            _fail(f"{where}: unknown safeguard {safeguard!r}")


def _rules(q: Questionnaire) -> None:
    from lia_desktop.domain.content import CHANNEL_VERDICT_IDS, VERDICT_IDS

    rules = q.rules
    seen: set[str] = set()
    for rule_id in q.rule_ids():
        if rule_id in seen:
            _fail(f"rule id {rule_id!r} is used twice")
        seen.add(rule_id)
    for group in ("gdpr_stop", "contradiction", "note", "requirement"):
        for rule in rules.get(group, []):
            _condition(q, rule["when"], f"{group} {rule['id']}")
            for ref in rule.get("refs", []):
                if ref not in q.items:
                    _fail(f"{group} {rule['id']}: refers to unknown item {ref!r}")
    for stop in rules.get("gdpr_stop", []):
        if stop.get("effect") not in ("consent_needed", "not_allowed") or stop.get("scope") not in ("all", "balance"):
            _fail(f"gdpr_stop {stop['id']}: effect must be consent_needed or not_allowed, scope all or balance")
    balance = rules["balance"]
    grouped = {m for g in balance.get("group", []) for m in g["members"]}
    for item_id in balance["items"]:
        item = q.items.get(item_id)
        if item is None or not item.favourable:
            _fail(f"balance: {item_id!r} is not a weighed question")
        if item.mitigated_by is None and item_id not in grouped:
            _fail(f"balance: {item_id} must list the safeguards that address it (mitigated_by), or [] if none can")
    extras = {e["id"] for e in balance.get("extra", [])}
    for extra in balance.get("extra", []):
        _condition(q, extra["when"], f"balance.extra {extra['id']}")
        if "mitigated_by" not in extra and extra["id"] not in grouped:
            _fail(f"balance.extra {extra['id']}: must list mitigated_by, or [] if no safeguard can address it")
        _safeguards_known(q, extra.get("mitigated_by"), f"balance.extra {extra['id']}")
        for channel in extra.get("channels", []):
            if channel not in q.channel_ids:
                _fail(f"balance.extra {extra['id']}: unknown channel {channel!r}")
    for group in balance.get("group", []):
        for member in group["members"]:
            if member not in balance["items"] and member not in extras:
                _fail(f"balance.group {group['id']}: unknown member {member!r}")
        _safeguards_known(q, group.get("mitigated_by"), f"balance.group {group['id']}")
    for channel, mitigations in balance.get("channel_mitigated_by", {}).items():
        _safeguards_known(q, mitigations, f"balance.channel_mitigated_by.{channel}")
    if set(balance.get("channel", {})) != set(q.channel_ids):
        _fail("balance.channel must give the intrusiveness points of every channel")
    bands = rules["band"]
    limits = [b["max_points"] for b in bands[:-1]]
    if limits != sorted(limits) or "max_points" in bands[-1]:
        _fail("bands must rise in max_points, and the last band must have none")
    for band in bands:
        for key in ("verdict", "lift_to"):
            if key in band and band[key] not in CHANNEL_VERDICT_IDS:
                _fail(f"band {band['id']}: unknown verdict {band[key]!r}")
    for page, spec in rules.get("pages", {}).items():
        _condition(q, spec["applies"], f"pages.{page}")
    decision = rules["decision"]
    options = q.items["decision"].options
    for verdict, option in decision["advised"].items():
        if verdict not in (*VERDICT_IDS, "not_allowed") or option not in options:
            _fail(f"decision.advised: {verdict!r} -> {option!r} is not a verdict and a decision")
    for option in decision.get("rationale_not_needed", []):
        if option not in options:
            _fail(f"decision.rationale_not_needed: unknown decision {option!r}")
    for item in q.items.values():
        for name in items_named(item.applies):
            if name.startswith("@"):
                _fail(f"item {item.id}: 'applies' may not use derived facts")


def _channel_rules(q: Questionnaire) -> None:
    countries = set(q.items["ctx_country"].options)
    channels = set(q.channel_ids)
    for rule in q.channel_rules:
        where = f"channel rule {rule.id}"
        if not rule.countries or set(rule.countries) - countries:
            _fail(f"{where}: unknown or no countries {rule.countries}")
        if not rule.channels or set(rule.channels) - channels:
            _fail(f"{where}: unknown or no channels {rule.channels}")
        if rule.when:
            _condition(q, rule.when, where)
        _safeguards_known(q, rule.requires, where)
        for ref in rule.refs:
            if ref not in q.items:
                _fail(f"{where}: refers to unknown item {ref!r}")
        if rule.valid_until and rule.valid_until < rule.valid_from:
            _fail(f"{where}: applies until {rule.valid_until}, before it applies from {rule.valid_from}")
        if rule.effect == "exempt" and not rule.requires:
            _fail(f"{where}: an exemption must name the conditions it keeps as requirements")


def _texts(q: Questionnaire, lang: str) -> None:
    from lia_desktop.domain.content import CHANNEL_VERDICT_IDS, VERDICT_IDS

    texts = q.texts(lang)
    data = texts.data
    if data.get("language") != lang:
        _fail(f"text.{lang}.toml says it is language {data.get('language')!r}")
    need: list[tuple[str, ...]] = []
    for section in q.sections:
        need += [("section", section.id, "title"), ("section", section.id, "intro")]
    need += [("section", page, key) for page in ("welcome", "finish") for key in ("title", "intro")]
    for item in q.items.values():
        need += [("item", item.id, "label"), ("item", item.id, "help")]
        need += [("option", option) for option in item.options if item.id != "safeguards"]
    for safeguard in q.safeguards:
        need += [("safeguard", safeguard, "label"), ("safeguard", safeguard, "help")]
    need += [("rule", rule_id, "text") for rule_id in q.rule_ids()]
    need += [("rule", rule.id, "legal") for rule in q.channel_rules]
    balance = q.rules["balance"]
    named = [e["id"] for e in balance.get("extra", [])] + [g["id"] for g in balance.get("group", [])]
    need += [("rule", rule_id, "name") for rule_id in [*named, "BAL-CHANNEL"]]
    need += [("verdict_summary_pending", v) for v in ("suitable", "suitable_with_safeguards")]
    need += [("app", "question_ref")]
    need += [("condition_state", s) for s in ("met", "not_met", "open", "not_needed")]
    need += [(group, v) for group in ("verdict", "verdict_summary", "verdict_short") for v in VERDICT_IDS]
    need += [("channel_verdict", v) for v in CHANNEL_VERDICT_IDS]
    need += [("status", s) for s in ("draft", "completed", "archived")]
    terms = data.get("terms", {})
    for name, table in terms.items():
        if not isinstance(table, dict) or not str(table.get("default", "")).strip():
            _fail(f"term {name} needs a default name in language {lang}")
        for key in table:
            if key not in ("default", "join") and key not in q.items["ctx_country"].options:
                _fail(f"term {name}: unknown country {key!r} in language {lang}")
    for path in need:
        try:
            text = texts.get(*path)
        except KeyError as exc:
            _fail(str(exc.args[0]))
        if not text.strip():
            _fail(f"text {'.'.join(path)} is empty in language {lang}")
    for path, raw in _raw_strings(data):
        for name in _TERM_NAMES.findall(raw):
            if name not in terms:
                _fail(f"text {path} names the unknown term [[{name}]] in language {lang}")


_TERM_NAMES = re.compile(r"\[\[([a-z_]+)\]\]")


def _raw_strings(node: Any, path: str = "") -> Any:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _raw_strings(value, f"{path}.{key}" if path else key)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _raw_strings(value, f"{path}.{index}")
    elif isinstance(node, str):
        yield path, node
