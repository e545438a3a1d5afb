"""Every word of one language, looked up by id (resources/content/text.<lang>.toml)."""

from __future__ import annotations

import datetime as _dt
import functools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

# The CLDR locale each language's plurals and dates follow (the English texts are British).
LOCALES = {"nl": "nl", "fr": "fr", "en": "en_GB"}


@functools.cache
def _locale(language: str) -> Any:
    from babel import Locale  # imported on first use: start-up does not need it

    return Locale.parse(LOCALES.get(language, language))


# The CLDR plural category of a whole number in each of our languages, as babel's CLDR data has
# it (tests/unit/test_texts.py holds these to it): the window counts its list with them as soon
# as it is filled, and loading that data took longer than filling the list.
_WHOLE_NUMBER_PLURALS: dict[str, Callable[[int], str]] = {
    "nl": lambda n: "one" if n == 1 else "other",
    "en": lambda n: "one" if n == 1 else "other",
    "fr": lambda n: "one" if n <= 1 else "many" if n % 1_000_000 == 0 else "other",
}


def plural_form(language: str, count: int) -> str:
    """The CLDR plural category ("one", "many", "other" ...) of `count` in `language`."""
    rule = _WHOLE_NUMBER_PLURALS.get(language)
    if rule is not None and type(count) is int:
        return rule(abs(count))
    return str(_locale(language).plural_form(count))


@dataclass(frozen=True)
class ItemText:
    label: str
    help: str
    examples: tuple[str, ...]
    legal: str
    subtitle: str = ""


_TERM = re.compile(r"\[\[([a-z_]+)\]\]")


class Texts:
    """Every word of one language, looked up by id.

    A text may name something that differs by country as [[term]] (a register, a list, an
    authority): [terms.<term>] in the text file gives its name per country, and a view made
    with `for_countries` names it as the assessment's countries do ("de KBO", "de KvK").
    """

    def __init__(self, language: str, data: Mapping[str, Any], countries: tuple[str, ...] = ()) -> None:
        self.language = language
        self._data = data
        self.countries = countries

    def for_countries(self, countries: Any) -> Texts:
        """These texts, naming country-dependent terms as in these countries (in this order)."""
        chosen = tuple(c for c in countries or () if isinstance(c, str))
        return self if chosen == self.countries else Texts(self.language, self._data, chosen)

    def term(self, name: str) -> str:
        table = self._data.get("terms", {}).get(name)
        if not isinstance(table, Mapping):
            raise KeyError(f"no term {name} in language {self.language}")
        names = list(dict.fromkeys(table[c] for c in self.countries if c in table)) or [table["default"]]
        return str(table.get("join", " / ")).join(names)

    def get(self, *path: str) -> str:
        node: Any = self._data
        for key in path:
            try:
                node = node[int(key)] if isinstance(node, list) else node[key]
            except (KeyError, TypeError, ValueError, IndexError):
                raise KeyError(f"no text {'.'.join(path)} in language {self.language}") from None
        if not isinstance(node, str):
            raise KeyError(f"text {'.'.join(path)} in language {self.language} is not a string")
        return _TERM.sub(lambda m: self.term(m.group(1)), node) if "[[" in node else node

    def has(self, *path: str) -> bool:
        try:
            self.get(*path)
        except KeyError:
            return False
        return True

    def plural(self, count: int, *path: str, **params: Any) -> str:
        """A text whose wording depends on a number: its table holds one string per CLDR
        plural category ("one", "other", and where a language has it "many"); a category the
        table lacks falls back to "other"."""
        node: Any = self._data
        for key in path:
            node = node.get(key) if isinstance(node, Mapping) else None
        if not isinstance(node, Mapping) or "other" not in node:
            raise KeyError(f"no plural text {'.'.join(path)} in language {self.language}")
        form = plural_form(self.language, count)
        return str(node.get(form, node["other"])).format_map({"count": count, **params})

    def date(self, value: str) -> str:
        """An ISO date (or timestamp) as this language writes it: 29 november 2026."""
        from babel.dates import format_date

        try:
            day = _dt.date.fromisoformat(value[:10])
        except (TypeError, ValueError):
            return value
        written = str(format_date(day, "long", locale=_locale(self.language)))
        if self.language == "fr" and day.day == 1:  # le 1er octobre
            written = "1er" + written[1:]
        return written

    def labelled(self, label: str, value: str = "") -> str:
        """ "Label: value" as the language writes it (French puts a no-break space before the
        colon); a label that is a question takes no colon. With markup, pass parts that are
        already escaped."""
        if label.rstrip().endswith("?"):
            return f"{label} {value}".rstrip()
        return self.get("app", "label_value").format(label=label, value=value).rstrip()

    def listing(self, parts: Any) -> str:
        """Words in a sentence as this language lists them: "a, b en c" / "a, b et c" / "a, b, and c"."""
        from babel.lists import format_list

        return str(format_list(list(parts), locale=_locale(self.language)))

    def join(self, parts: Any) -> str:
        """A list of items as this language separates them ("a; b" / "a ; b")."""
        return self.get("app", "list_join").join(parts)

    def app(self, key: str, **params: Any) -> str:
        return self.get("app", key).format_map(params) if params else self.get("app", key)

    def item(self, item_id: str) -> ItemText:
        data = self._data["item"][item_id]
        get = functools.partial(self.get, "item", item_id)
        examples = tuple(self.get("item", item_id, "examples", str(i)) for i in range(len(data.get("examples", ()))))
        return ItemText(
            get("label"),
            get("help"),
            examples,
            get("legal") if "legal" in data else "",
            get("subtitle") if "subtitle" in data else "",
        )

    def label(self, item_id: str) -> str:
        return self.get("item", item_id, "label")

    def option(self, option_id: str) -> str:
        return self.get("option", option_id)

    def safeguard(self, safeguard_id: str) -> tuple[str, str]:
        return self.get("safeguard", safeguard_id, "label"), self.get("safeguard", safeguard_id, "help")

    def section(self, section_id: str) -> tuple[str, str]:
        return self.get("section", section_id, "title"), self.get("section", section_id, "intro")

    def rule(self, rule_id: str, **params: Any) -> str:
        return self.get("rule", rule_id, "text").format_map(params)

    def rule_legal(self, rule_id: str) -> str:
        """The legal reference of a rule, where its text names one."""
        return self.get("rule", rule_id, "legal") if self.has("rule", rule_id, "legal") else ""

    def verdict(self, verdict: str) -> str:
        return self.get("verdict", verdict)

    def verdict_short(self, verdict: str) -> str:
        return self.get("verdict_short", verdict)

    def verdict_summary(self, verdict: str) -> str:
        return self.get("verdict_summary", verdict)

    def channel_verdict(self, verdict: str) -> str:
        return self.get("channel_verdict", verdict)

    def status(self, status: str) -> str:
        return self.get("status", status)

    @property
    def data(self) -> Mapping[str, Any]:
        return self._data
