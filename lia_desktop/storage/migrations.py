"""Upgrades of stored and exchanged documents from older schema versions.

Each entry of MIGRATIONS turns a document of version N into version N + 1; every document is
upgraded on read, whatever its age. A migration never changes what an answer means.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lia_desktop.domain.model import SCHEMA_VERSION

Document = dict[str, Any]


def _v1_to_v2(document: Document) -> Document:
    """Version 2: several recipient countries (ctx_country becomes a list), and the basis of
    the advice recorded with a completed assessment. A record completed under version 1
    rested on the first content version and its channel notes."""
    document = dict(document)
    answers = {
        key: dict(value) if isinstance(value, dict) else value for key, value in (document.get("answers") or {}).items()
    }
    country = answers.get("ctx_country")
    if isinstance(country, dict) and isinstance(country.get("value"), str):
        country["value"] = [country["value"]]
    document["answers"] = answers
    completed = any(isinstance(r, dict) and r.get("event") == "completed" for r in document.get("revisions") or [])
    if document.get("status") == "completed" or completed:
        document["advice_basis"] = {"content_version": 1, "on": str(document.get("assessment_date") or ""), "rules": {}}
    else:
        document["advice_basis"] = {}
    document["previous_basis"] = {}
    return document


MIGRATIONS: dict[int, Callable[[Document], Document]] = {1: _v1_to_v2}


class MigrationError(ValueError):
    """A document cannot be brought to the current schema version."""


def migrate(document: Document, current: int = SCHEMA_VERSION) -> Document:
    """The document upgraded to `current`; the input is not changed."""
    version = document.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise MigrationError(f"the document has no valid schema_version (found {version!r})")
    if version > current:
        raise MigrationError(
            f"the document has schema version {version}, made by a newer LIA Desktop "
            f"(this one reads up to {current}); update the program"
        )
    document = dict(document)
    while version < current:
        step = MIGRATIONS.get(version)
        if step is None:
            raise MigrationError(f"no migration from schema version {version}")
        document = step(document)
        version += 1
        document["schema_version"] = version
    return document
