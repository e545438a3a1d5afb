"""The list's view of an assessment: one summary per row, and the filters on them.

Kept apart from the repository, so that the window can build its list before the storage and
the advice engine are loaded.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any, NamedTuple

ARCHIVED = "archived"


class Summary(NamedTuple):
    """One row of the list of assessments (a named tuple: a workspace of 50,000 makes 50,000 of
    them on every list, which a dataclass made several times slower)."""

    id: str
    title: str
    organisation: str
    assessor: str
    language: str
    status: str
    verdict: str
    updated_at: str
    review_date: str
    channels: Mapping[str, str] = MappingProxyType({})
    law_changed: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "organisation": self.organisation,
            "assessor": self.assessor,
            "language": self.language,
            "status": self.status,
            "verdict": self.verdict,
            "updated_at": self.updated_at,
            "review_date": self.review_date,
            "channels": dict(self.channels),
            "law_changed": self.law_changed,
        }

    def review_due(self, today: str) -> bool:
        return bool(self.review_date) and self.review_date <= today and self.status != ARCHIVED


def today() -> str:
    return _dt.date.today().isoformat()


def filter_summaries(
    rows: list[Summary],
    search: str = "",
    organisation: str | None = None,
    status: str | Iterable[str] | None = None,
    verdict: str | Iterable[str] | None = None,
    review_due: bool = False,
    today: str | None = None,
) -> list[Summary]:
    """The rows that pass every filter given (search looks in title, organisation, assessor)."""
    statuses = {status} if isinstance(status, str) else set(status or ())
    verdicts = {verdict} if isinstance(verdict, str) else set(verdict or ())
    needle = search.casefold().strip()
    if not (needle or organisation is not None or statuses or verdicts or review_due):
        return list(rows)  # no filter: every row, without a look at each
    today = today or _dt.date.today().isoformat()
    return [
        row
        for row in rows
        if (not needle or any(needle in text.casefold() for text in (row.title, row.organisation, row.assessor)))
        and (organisation is None or row.organisation.casefold() == organisation.casefold())
        and (not statuses or row.status in statuses)
        and (not verdicts or row.verdict in verdicts)
        and (not review_due or row.review_due(today))
    ]
