"""Every word of one language, looked up by id (resources/content/text.<lang>.toml)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ItemText:
    label: str
    help: str
    examples: tuple[str, ...]
    legal: str
    subtitle: str = ""


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

    def has(self, *path: str) -> bool:
        try:
            self.get(*path)
        except KeyError:
            return False
        return True

    def app(self, key: str, **params: Any) -> str:
        return self.get("app", key).format_map(params) if params else self.get("app", key)

    def item(self, item_id: str) -> ItemText:
        data = self._data["item"][item_id]
        return ItemText(
            data["label"],
            data["help"],
            tuple(data.get("examples", ())),
            data.get("legal", ""),
            data.get("subtitle", ""),
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
