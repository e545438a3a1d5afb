"""The small condition language of the rule files (see resources/content/rules.toml).

A condition is a dict read from TOML:

    {"item": "q08", "in": ["q08_indirect"]}
    {"item": "ctx_channels", "has_any": ["ch_email", "ch_sms"]}
    {"item": "ctx_channels", "has_all": ["ch_email"]}
    {"item": "e_sale", "is": True}
    {"item": "decision", "answered": True}
    {"all": [...]}, {"any": [...]}, {"not": {...}}
    {"def": "name"}      the condition defined under [define.name] in rules.toml

`expand` replaces every {"def": ...} by its definition once, when the rules are loaded, so
`holds` never looks a name up. `check` validates a condition once when the rules are loaded, so a typo in a rule file is
an error at start-up and not a silently wrong verdict.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

_TESTS = ("in", "has_any", "has_all", "is", "answered")
_GROUPS = ("all", "any", "not")


class RuleError(ValueError):
    """A rule file says something the engine does not understand."""


def _is_answered(value: Any) -> bool:
    if isinstance(value, str):
        return bool(value.strip())  # spaces or blank lines only: no answer
    return value not in (None, [], False)


def expand(condition: Mapping[str, Any] | None, definitions: Mapping[str, Any], where: str) -> Any:
    """The condition with every {"def": name} replaced by its (expanded) definition."""
    if not condition:
        return condition
    if "def" in condition:
        name = condition["def"]
        if len(condition) != 1 or name not in definitions:
            raise RuleError(f"{where}: unknown or malformed definition {condition!r}")
        return definitions[name]
    result = dict(condition)
    for group in ("all", "any"):
        if group in result:
            result[group] = [expand(c, definitions, where) for c in result[group]]
    if "not" in result:
        result["not"] = expand(result["not"], definitions, where)
    return result


def expand_definitions(raw: Mapping[str, Any]) -> dict[str, Any]:
    """The [define] table with each definition expanded; a definition may use earlier ones."""
    done: dict[str, Any] = {}
    for name, condition in raw.items():
        done[name] = expand(condition, done, f"define.{name}")
    return done


def holds(condition: Mapping[str, Any] | None, facts: Mapping[str, Any]) -> bool:
    """Whether the condition holds for these facts. No condition always holds."""
    if not condition:
        return True
    if "all" in condition:
        return all(holds(c, facts) for c in condition["all"])
    if "any" in condition:
        return any(holds(c, facts) for c in condition["any"])
    if "not" in condition:
        return not holds(condition["not"], facts)
    value = facts.get(condition["item"])
    if "in" in condition:
        return isinstance(value, str) and value in condition["in"]
    if "has_any" in condition:
        return isinstance(value, list) and any(v in value for v in condition["has_any"])
    if "has_all" in condition:
        return isinstance(value, list) and all(v in value for v in condition["has_all"])
    if "is" in condition:
        return (value is True) == bool(condition["is"])
    return _is_answered(value) == bool(condition["answered"])


def check(condition: Mapping[str, Any], known: set[str], where: str) -> None:
    """Raise RuleError when the condition is malformed or names an unknown item or option."""
    keys = set(condition)
    groups = keys & set(_GROUPS)
    if groups:
        if len(keys) != 1:
            raise RuleError(f"{where}: a group ({', '.join(sorted(groups))}) must stand alone, found {sorted(keys)}")
        (group,) = groups
        if group == "not":
            check(condition["not"], known, where)
        else:
            if not condition[group]:
                raise RuleError(f"{where}: '{group}' needs at least one condition")
            for sub in condition[group]:
                check(sub, known, where)
        return
    tests = keys & set(_TESTS)
    if "item" not in keys or len(tests) != 1 or keys - {"item", *_TESTS}:
        raise RuleError(f"{where}: expected 'item' and one of {', '.join(_TESTS)}, found {sorted(keys)}")
    item = condition["item"]
    if item not in known:
        raise RuleError(f"{where}: unknown item {item!r}")


def items_named(condition: Mapping[str, Any] | None) -> Iterator[str]:
    """Every item id a condition looks at."""
    if not condition:
        return
    for group in _GROUPS:
        if group in condition:
            subs = [condition[group]] if group == "not" else condition[group]
            for sub in subs:
                yield from items_named(sub)
            return
    yield condition["item"]


def options_named(condition: Mapping[str, Any] | None) -> Iterator[tuple[str, str]]:
    """Every (item, option) pair a condition compares against."""
    if not condition:
        return
    for group in _GROUPS:
        if group in condition:
            subs = [condition[group]] if group == "not" else condition[group]
            for sub in subs:
                yield from options_named(sub)
            return
    for test in ("in", "has_any", "has_all"):
        for option in condition.get(test, ()):
            yield condition["item"], option
