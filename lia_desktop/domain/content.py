"""The questionnaire: structure, rules and texts, loaded from resources/content/.

`Questionnaire.load()` reads questionnaire.toml (structure), rules.toml (how the advice is
reached) and text.<lang>.toml (every word, per language), and checks them against each
other at once: an unknown item in a rule, a missing text or an option without a label is a
`ContentError` on load, never a blank label on screen.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lia_desktop.domain.conditions import RuleError, check, items_named, options_named
from lia_desktop.domain.model import LANGUAGES, META_FIELDS, SIGNOFF_FIELDS

KINDS = ("text", "longtext", "date", "choice", "multi", "check", "info")
DERIVED_FACTS = ("@verdict", "@channel_consent")
VERDICT_IDS = ("suitable", "suitable_with_safeguards", "not_suitable", "incomplete")


class ContentError(ValueError):
    """The content files are inconsistent or incomplete."""


@dataclass(frozen=True)
class Item:
    id: str
    section: str
    kind: str
    options: tuple[str, ...] = ()
    required: bool = False
    applies: Mapping[str, Any] | None = None
    note: bool = False
    favourable: tuple[str, ...] = ()
    unfavourable: tuple[str, ...] = ()
    unsure: tuple[str, ...] = ()
    weight: int = 1
    mitigated_by: tuple[str, ...] = ()

    @property
    def justified(self) -> bool:
        """Its note is a justification of the answer (the conditions and the ten questions)."""
        return self.note and self.section in ("conditions", "questions")

    def weighs(self, value: Any) -> str | None:
        """'favourable', 'unfavourable' or 'open' for an answer; None when unanswered."""
        if value in self.favourable:
            return "favourable"
        if value in self.unfavourable:
            return "unfavourable"
        if value in self.unsure:
            return "open"
        return None


@dataclass(frozen=True)
class Section:
    id: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class ItemText:
    label: str
    help: str
    examples: tuple[str, ...]
    legal: str


class Texts:
    """Every word of one language, looked up by id."""

    def __init__(self, language: str, data: Mapping[str, Any]) -> None:
        self.language = language
        self._data = data

    def get(self, *path: str) -> str:
        node: Any = self._data
        for key in path:
            try:
                node = node[key]
            except (KeyError, TypeError):
                raise KeyError(f"no text {'.'.join(path)} in language {self.language}") from None
        if not isinstance(node, str):
            raise KeyError(f"text {'.'.join(path)} in language {self.language} is not a string")
        return node

    def app(self, key: str, **params: Any) -> str:
        return self.get("app", key).format_map(params) if params else self.get("app", key)

    def item(self, item_id: str) -> ItemText:
        data = self._data["item"][item_id]
        return ItemText(data["label"], data["help"], tuple(data.get("examples", ())), data.get("legal", ""))

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

    def verdict(self, verdict: str) -> str:
        return self.get("verdict", verdict)

    def verdict_short(self, verdict: str) -> str:
        return self.get("verdict_short", verdict)

    def verdict_summary(self, verdict: str) -> str:
        return self.get("verdict_summary", verdict)

    def status(self, status: str) -> str:
        return self.get("status", status)

    @property
    def data(self) -> Mapping[str, Any]:
        return self._data


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except OSError as exc:
        raise ContentError(f"cannot read {path}: {exc.strerror or exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ContentError(f"{path} is not valid TOML: {exc}") from exc


class Questionnaire:
    """Structure, rules and texts of the assessment, checked for consistency."""

    def __init__(self, structure: dict[str, Any], rules: dict[str, Any], texts: dict[str, dict[str, Any]]) -> None:
        self.version = int(structure.get("version", 0))
        self.sections: tuple[Section, ...] = tuple(Section(s["id"], tuple(s["items"])) for s in structure["section"])
        self.items: dict[str, Item] = {}
        raw_items = structure.get("item", {})
        for section in self.sections:
            for item_id in section.items:
                if item_id in self.items:
                    raise ContentError(f"item {item_id!r} appears in more than one section")
                if item_id not in raw_items:
                    raise ContentError(f"section {section.id!r} names item {item_id!r}, which has no [item.{item_id}]")
                raw = raw_items[item_id]
                self.items[item_id] = Item(
                    id=item_id,
                    section=section.id,
                    kind=raw["kind"],
                    options=tuple(raw.get("options", ())),
                    required=bool(raw.get("required", False)),
                    applies=raw.get("applies"),
                    note=bool(raw.get("note", False)),
                    favourable=tuple(raw.get("favourable", ())),
                    unfavourable=tuple(raw.get("unfavourable", ())),
                    unsure=tuple(raw.get("unsure", ())),
                    weight=int(raw.get("weight", 1)),
                    mitigated_by=tuple(raw.get("mitigated_by", ())),
                )
        orphans = set(raw_items) - set(self.items)
        if orphans:
            raise ContentError(f"items defined but in no section: {', '.join(sorted(orphans))}")
        self.safeguards: dict[str, bool] = {k: bool(v["baseline"]) for k, v in structure.get("safeguard", {}).items()}
        self.rules = rules
        self._texts = {lang: Texts(lang, data) for lang, data in texts.items()}
        self._check()

    # ---------------------------------------------------------------- loading

    @classmethod
    def load(cls, content_dir: Path) -> Questionnaire:
        structure = _read_toml(content_dir / "questionnaire.toml")
        rules = _read_toml(content_dir / "rules.toml")
        texts = {lang: _read_toml(content_dir / f"text.{lang}.toml") for lang in LANGUAGES}
        return cls(structure, rules, texts)

    # ---------------------------------------------------------------- lookups

    def texts(self, language: str) -> Texts:
        try:
            return self._texts[language]
        except KeyError:
            raise ContentError(f"no texts for language {language!r}; expected one of {', '.join(LANGUAGES)}") from None

    def section(self, section_id: str) -> Section:
        for section in self.sections:
            if section.id == section_id:
                return section
        raise KeyError(section_id)

    @property
    def question_ids(self) -> tuple[str, ...]:
        return self.section("questions").items

    def number(self, item_id: str) -> int:
        """The number a person reads for a question (q01 -> 1) or condition (c2 -> 2)."""
        for group in ("questions", "conditions"):
            items = self.section(group).items
            if item_id in items:
                return items.index(item_id) + 1
        raise KeyError(item_id)

    # ---------------------------------------------------------------- consistency

    def _check(self) -> None:
        try:
            self._check_structure()
            self._check_rules()
            for lang in LANGUAGES:
                self._check_texts(lang)
        except RuleError as exc:
            raise ContentError(str(exc)) from exc

    def _check_structure(self) -> None:
        for name in META_FIELDS + SIGNOFF_FIELDS:
            if name not in self.items:
                raise ContentError(f"the model keeps {name!r}, but the questionnaire has no such item")
        for item in self.items.values():
            where = f"item {item.id}"
            if item.kind not in KINDS:
                raise ContentError(f"{where}: unknown kind {item.kind!r}")
            if item.kind in ("choice", "multi") and not item.options:
                raise ContentError(f"{where}: a {item.kind} item needs options")
            for option in item.favourable + item.unfavourable + item.unsure:
                if option not in item.options:
                    raise ContentError(f"{where}: weighs option {option!r}, which it does not offer")
            for safeguard in item.mitigated_by:
                if safeguard not in self.safeguards:
                    raise ContentError(f"{where}: mitigated by unknown safeguard {safeguard!r}")
            if item.applies:
                check(item.applies, set(self.items), where)
        if set(self.items["safeguards"].options) != set(self.safeguards):
            raise ContentError("the safeguards item must offer exactly the safeguards defined in [safeguard]")

    def _check_condition(self, condition: Mapping[str, Any], where: str) -> None:
        known = set(self.items) | set(DERIVED_FACTS)
        check(condition, known, where)
        for item_id, option in options_named(condition):
            if item_id == "@verdict":
                if option not in VERDICT_IDS:
                    raise ContentError(f"{where}: unknown verdict {option!r}")
            elif option not in self.items[item_id].options:
                raise ContentError(f"{where}: item {item_id!r} has no option {option!r}")

    def _rule_ids(self) -> list[str]:
        rules = self.rules
        ids = ["INCOMPLETE", "BAL-AGAINST", "BAL-OPEN", "BAL-TOTAL"]
        ids += [r["id"] for r in rules.get("hard_stop", [])]
        ids += [r["id"] for r in rules["balance"].get("extra", [])]
        ids += [b["id"] for b in rules["band"]]
        ids += [b["lift_rule"] for b in rules["band"] if "lift_rule" in b]
        ids += [rules["requirements"]["baseline_rule"], rules["requirements"]["mitigate_rule"]]
        ids += [r["id"] for r in rules.get("contradiction", [])]
        ids += [r["id"] for r in rules.get("channel_note", [])]
        return ids

    def _check_rules(self) -> None:
        rules = self.rules
        seen: set[str] = set()
        for rule_id in self._rule_ids():
            if rule_id in seen:
                raise ContentError(f"rule id {rule_id!r} is used twice")
            seen.add(rule_id)
        for group in ("hard_stop", "contradiction", "channel_note"):
            for rule in rules.get(group, []):
                self._check_condition(rule["when"], f"{group} {rule['id']}")
                for ref in rule.get("refs", []):
                    if ref not in self.items:
                        raise ContentError(f"{group} {rule['id']}: refers to unknown item {ref!r}")
        balance = rules["balance"]
        for item_id in balance["items"]:
            item = self.items.get(item_id)
            if item is None or not item.favourable:
                raise ContentError(f"balance: {item_id!r} is not a weighed question")
        for extra in balance.get("extra", []):
            self._check_condition(extra["when"], f"balance.extra {extra['id']}")
            for safeguard in extra.get("mitigated_by", []):
                if safeguard not in self.safeguards:
                    raise ContentError(f"balance.extra {extra['id']}: unknown safeguard {safeguard!r}")
        bands = rules["band"]
        limits = [b["max_points"] for b in bands[:-1]]
        if limits != sorted(limits) or "max_points" in bands[-1]:
            raise ContentError("bands must rise in max_points, and the last band must have none")
        for band in bands:
            for key in ("verdict", "lift_to"):
                if key in band and band[key] not in VERDICT_IDS:
                    raise ContentError(f"band {band['id']}: unknown verdict {band[key]!r}")
        for page, spec in rules.get("pages", {}).items():
            self._check_condition(spec["applies"], f"pages.{page}")
        decision = rules["decision"]
        options = self.items["decision"].options
        for verdict, option in decision["advised"].items():
            if verdict not in VERDICT_IDS or option not in options:
                raise ContentError(f"decision.advised: {verdict!r} -> {option!r} is not a verdict and a decision")
        for option in decision.get("rationale_not_needed", []):
            if option not in options:
                raise ContentError(f"decision.rationale_not_needed: unknown decision {option!r}")
        for item in self.items.values():
            for name in items_named(item.applies):
                if name.startswith("@"):
                    raise ContentError(f"item {item.id}: 'applies' may not use derived facts")

    def _check_texts(self, lang: str) -> None:
        texts = self._texts.get(lang)
        if texts is None:
            raise ContentError(f"no texts for language {lang!r}")
        data = texts.data
        if data.get("language") != lang:
            raise ContentError(f"text.{lang}.toml says it is language {data.get('language')!r}")
        need: list[tuple[str, ...]] = []
        for section in self.sections:
            need += [("section", section.id, "title"), ("section", section.id, "intro")]
        need += [("section", page, key) for page in ("welcome", "finish") for key in ("title", "intro")]
        for item in self.items.values():
            need += [("item", item.id, "label"), ("item", item.id, "help")]
            need += [("option", option) for option in item.options if item.id != "safeguards"]
        for safeguard in self.safeguards:
            need += [("safeguard", safeguard, "label"), ("safeguard", safeguard, "help")]
        need += [("rule", rule_id, "text") for rule_id in self._rule_ids()]
        need += [(group, v) for group in ("verdict", "verdict_summary", "verdict_short") for v in VERDICT_IDS]
        need += [("status", s) for s in ("draft", "completed", "archived")]
        for path in need:
            try:
                text = texts.get(*path)
            except KeyError as exc:
                raise ContentError(str(exc.args[0])) from None
            if not text.strip():
                raise ContentError(f"text {'.'.join(path)} is empty in language {lang}")
