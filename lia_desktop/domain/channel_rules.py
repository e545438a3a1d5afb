"""The channel rules of each recipient country (resources/content/channels.toml), dated.

A rule applies to an assessment when one of its countries is among the recipients'
countries, its channel is used, the assessment's date lies within [from, until] and its
condition holds. What a rule does to a channel's verdict is its effect (see rules.toml).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

EFFECTS = ("consent", "not_allowed", "exempt", "balance", "duty", "info")
# Effects that say what legal basis a channel needs for (some of) its recipients.
SEGMENT_EFFECTS = ("consent", "not_allowed", "exempt", "balance")


@dataclass(frozen=True)
class ChannelRule:
    id: str
    countries: tuple[str, ...]
    channels: tuple[str, ...]
    effect: str
    when: Mapping[str, Any] | None
    requires: tuple[str, ...]
    refs: tuple[str, ...]
    valid_from: str
    valid_until: str
    revision: int

    def in_force(self, on: str) -> bool:
        """Whether the rule applies on this ISO date (both ends included)."""
        return self.valid_from <= on and (not self.valid_until or on <= self.valid_until)

    def covers(self, channel: str, countries: tuple[str, ...] | list[str]) -> bool:
        return channel in self.channels and any(c in self.countries for c in countries)


def _iso(value: Any, where: str) -> str:
    text = value.isoformat() if isinstance(value, _dt.date) else str(value)
    try:
        _dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{where}: {value!r} is not an ISO date") from None
    return text


def parse_rule(raw: Mapping[str, Any]) -> ChannelRule:
    """One rule from its TOML table; ValueError names what is wrong."""
    where = f"channel rule {raw.get('id', '?')}"
    effect = raw.get("effect")
    if effect not in EFFECTS:
        raise ValueError(f"{where}: unknown effect {effect!r}")
    until = raw.get("until")
    return ChannelRule(
        id=str(raw["id"]),
        countries=tuple(raw["countries"]),
        channels=tuple(raw["channels"]),
        effect=effect,
        when=raw.get("when"),
        requires=tuple(raw.get("requires", ())),
        refs=tuple(raw.get("refs", ())),
        valid_from=_iso(raw["from"], where),
        valid_until=_iso(until, where) if until else "",
        revision=int(raw.get("revision", 1)),
    )
