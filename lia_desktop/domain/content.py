"""The questionnaire: structure, rules, channel rules and texts, loaded from resources/content/.

`Questionnaire.load()` reads questionnaire.toml (structure), rules.toml (how the advice is
reached), channels.toml (the channel rules of each country) and text.<lang>.toml (every
word, per language), and checks them against each other at once (content_check.py): an
unknown item in a rule, a missing text or an option without a label is a `ContentError` on
load, never a blank label on screen or a silently wrong verdict.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lia_desktop.domain.channel_rules import ChannelRule, parse_rule
from lia_desktop.domain.conditions import RuleError, expand, expand_definitions
from lia_desktop.domain.model import LANGUAGES
from lia_desktop.domain.texts import ItemText, Texts

__all__ = ["ContentError", "Item", "ItemText", "Questionnaire", "Section", "Texts"]

KINDS = ("text", "longtext", "date", "choice", "multi", "check", "info")
DERIVED_FACTS = ("@verdict", "@channel_consent")
VERDICT_IDS = ("suitable", "suitable_with_safeguards", "not_suitable", "incomplete")
CHANNEL_VERDICT_IDS = ("suitable", "suitable_with_safeguards", "incomplete", "consent_needed", "not_allowed")


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
    partial: tuple[str, ...] = ()
    unfavourable: tuple[str, ...] = ()
    unsure: tuple[str, ...] = ()
    weight: int = 1
    mitigated_by: tuple[str, ...] | None = None
    prefill: Mapping[str, Any] | None = None

    @property
    def justified(self) -> bool:
        """Its note is a justification of the answer (the conditions and the ten questions)."""
        return self.note and self.section in ("conditions", "questions")

    def weighs(self, value: Any) -> str | None:
        """'favourable', 'partial', 'unfavourable' or 'open' for an answer; None when unanswered."""
        if value in self.favourable:
            return "favourable"
        if value in self.partial:
            return "partial"
        if value in self.unfavourable:
            return "unfavourable"
        if value in self.unsure:
            return "open"
        return None

    @property
    def best(self) -> str | None:
        """How an open answer turns out at best (None: the item has no weighed options)."""
        return self.favourable[0] if self.favourable else None

    @property
    def worst(self) -> str | None:
        """How an open answer turns out at worst: the most severe option weighing against."""
        if self.unfavourable:
            return self.unfavourable[0]
        return self.partial[0] if self.partial else None

    def suggestion(self, facts: Mapping[str, Any]) -> str | None:
        """The answer prefilled from an earlier one (one fact asked once), if any."""
        if not self.prefill:
            return None
        source = facts.get(self.prefill["from"])
        mapping = self.prefill["map"]
        if isinstance(source, list):
            found = {mapping[v] for v in source if v in mapping}
            # Several sources pointing different ways (direct and bought): the less favourable.
            for option in (*self.unfavourable, *self.partial, *self.favourable, *self.unsure):
                if option in found:
                    return option
            return None
        return mapping.get(source) if isinstance(source, str) else None


@dataclass(frozen=True)
class Section:
    id: str
    items: tuple[str, ...]


def _read_toml(path: Path) -> dict[str, Any]:
    import tomllib  # the window's start reads the parsed content from its cache (content_cache.py)

    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except OSError as exc:
        raise ContentError(f"cannot read {path}: {exc.strerror or exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ContentError(f"{path} is not valid TOML: {exc}") from exc


def _expand_rules(rules: dict[str, Any], definitions: Mapping[str, Any]) -> dict[str, Any]:
    """rules.toml with every named condition written out."""
    rules = dict(rules)
    for group in ("gdpr_stop", "contradiction", "note", "requirement"):
        rules[group] = [
            {**rule, "when": expand(rule["when"], definitions, f"{group} {rule['id']}")}
            for rule in rules.get(group, [])
        ]
    balance = dict(rules["balance"])
    balance["extra"] = [
        {**rule, "when": expand(rule["when"], definitions, f"balance.extra {rule['id']}")}
        for rule in balance.get("extra", [])
    ]
    rules["balance"] = balance
    rules["pages"] = {
        page: {**spec, "applies": expand(spec["applies"], definitions, f"pages.{page}")}
        for page, spec in rules.get("pages", {}).items()
    }
    return rules


class Questionnaire:
    """Structure, rules and texts of the assessment, checked for consistency."""

    def __init__(
        self,
        structure: dict[str, Any],
        rules: dict[str, Any],
        texts: dict[str, dict[str, Any]],
        channels: dict[str, Any] | None = None,
    ) -> None:
        try:
            definitions = expand_definitions(rules.get("define", {}))
            self.rules = _expand_rules(rules, definitions)
            raw_channels = (channels or {}).get("rule", [])
            self.channel_rules: tuple[ChannelRule, ...] = tuple(
                parse_rule({**r, "when": expand(r.get("when"), definitions, f"channel rule {r.get('id')}")})
                for r in raw_channels
            )
        except (RuleError, ValueError, KeyError) as exc:
            raise ContentError(f"rules: {exc}") from exc
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
                mitigated = raw.get("mitigated_by")
                self.items[item_id] = Item(
                    id=item_id,
                    section=section.id,
                    kind=raw["kind"],
                    options=tuple(raw.get("options", ())),
                    required=bool(raw.get("required", False)),
                    applies=expand(raw.get("applies"), definitions, f"item {item_id}"),
                    note=bool(raw.get("note", False)),
                    favourable=tuple(raw.get("favourable", ())),
                    partial=tuple(raw.get("partial", ())),
                    unfavourable=tuple(raw.get("unfavourable", ())),
                    unsure=tuple(raw.get("unsure", ())),
                    weight=int(raw.get("weight", 1)),
                    mitigated_by=None if mitigated is None else tuple(mitigated),
                    prefill=raw.get("prefill"),
                )
        orphans = set(raw_items) - set(self.items)
        if orphans:
            raise ContentError(f"items defined but in no section: {', '.join(sorted(orphans))}")
        specs = structure.get("safeguard", {})
        self.safeguards: dict[str, bool] = {k: bool(v["baseline"]) for k, v in specs.items()}
        self.required_for: dict[str, tuple[str, ...]] = {k: tuple(v.get("required_for", ())) for k, v in specs.items()}
        self._texts = {lang: Texts(lang, data) for lang, data in texts.items()}
        from lia_desktop.domain.content_check import check_content

        check_content(self)

    # ---------------------------------------------------------------- loading

    @classmethod
    def load(cls, content_dir: Path) -> Questionnaire:
        structure = _read_toml(content_dir / "questionnaire.toml")
        rules = _read_toml(content_dir / "rules.toml")
        channels = _read_toml(content_dir / "channels.toml")
        texts = {lang: _read_toml(content_dir / f"text.{lang}.toml") for lang in LANGUAGES}
        return cls(structure, rules, texts, channels)

    # ---------------------------------------------------------------- lookups

    def texts(self, language: str) -> Texts:
        try:
            return self._texts[language]
        except KeyError:
            raise ContentError(f"no texts for language {language!r}; expected one of {', '.join(LANGUAGES)}") from None

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self._texts)

    def section(self, section_id: str) -> Section:
        for section in self.sections:
            if section.id == section_id:
                return section
        raise KeyError(section_id)

    @property
    def question_ids(self) -> tuple[str, ...]:
        return self.section("questions").items

    @property
    def channel_ids(self) -> tuple[str, ...]:
        return self.items["ctx_channels"].options

    def number(self, item_id: str) -> int:
        """The number a person reads for a question (q01 -> 1) or condition (c2 -> 2)."""
        for group in ("questions", "conditions"):
            items = self.section(group).items
            if item_id in items:
                return items.index(item_id) + 1
        raise KeyError(item_id)

    def required_safeguards(self, channel: str) -> tuple[str, ...]:
        """The safeguards the law requires of every positive verdict on this channel."""
        return tuple(s for s, where in self.required_for.items() if "all" in where or channel in where)

    def required_where(self, safeguard: str, on: str) -> dict[str, tuple[str, ...]]:
        """Per channel, where the law requires this safeguard on the date `on`: () for every
        country, else the countries whose channel rules require it ("all" for every channel)."""
        where: dict[str, tuple[str, ...]] = {c: () for c in self.required_for.get(safeguard, ())}
        if "all" in where:
            return {"all": ()}
        for rule in self.channel_rules:
            if safeguard in rule.requires and rule.in_force(on):
                for channel in rule.channels:
                    if channel in where and not where[channel]:
                        continue
                    known = where.get(channel, ())
                    where[channel] = known + tuple(c for c in rule.countries if c not in known)
        return {c: where[c] for c in self.channel_ids if c in where}

    def rule_ids(self) -> list[str]:
        """Every rule id the engine can report, each needing a text in every language."""
        rules = self.rules
        ids = ["INCOMPLETE", "BAL-AGAINST", "BAL-PARTIAL", "BAL-TOTAL", "BAL-CHANNEL", "UNK-HOLDS", "UNK-IF"]
        ids += ["EXEMPT-NO-BALANCE", "BY-STOP"]
        ids += [r["id"] for r in rules.get("gdpr_stop", [])]
        ids += [r["id"] for r in rules["balance"].get("extra", [])]
        ids += [g["id"] for g in rules["balance"].get("group", [])]
        ids += [b["id"] for b in rules["band"]]
        ids += [b["lift_rule"] for b in rules["band"] if "lift_rule" in b]
        ids += [rules["requirements"]["baseline_rule"], rules["requirements"]["mitigate_rule"]]
        ids += [r["id"] for r in rules.get("requirement", [])]
        ids += [r["id"] for r in rules.get("contradiction", [])]
        ids += [r["id"] for r in rules.get("note", [])]
        ids += [r.id for r in self.channel_rules]
        ids += [f"NOMIT-{factor}" for factor in self.unmitigable()]
        return ids

    def unmitigable(self) -> list[str]:
        """Factors against that no safeguard can address (each says why in its NOMIT text)."""
        factors = [i for i in self.rules["balance"]["items"] if self.items[i].mitigated_by == ()]
        factors += [e["id"] for e in self.rules["balance"].get("extra", []) if e.get("mitigated_by") == []]
        return factors
