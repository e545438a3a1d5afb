"""Upgrades of stored and exchanged documents from older schema versions.

Each entry of MIGRATIONS turns a document of version N into version N + 1. Version 1 is the
first released format, so the chain is empty today; a later format change adds its step
here, and every document is upgraded on read, whatever its age.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lia_desktop.domain.model import SCHEMA_VERSION

Document = dict[str, Any]
MIGRATIONS: dict[int, Callable[[Document], Document]] = {}


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
