"""Whether the data of a workspace (or of a backup) is a workspace this program can use.

The shape ({table: {doc_id: {...}}}) is checked when the file is read (safe_storage); this
checks what is in it: the workspace record, and that every assessment migrates and loads.
A workspace or backup that passes opens without surprises later (list, export, restore).
"""

from __future__ import annotations

from typing import Any

from lia_desktop.domain.model import Assessment
from lia_desktop.storage.migrations import MigrationError, migrate

WORKSPACE_FORMAT = "lia-workspace"
WORKSPACE_VERSION = 1
META_TABLE = "workspace"
ASSESSMENTS = "assessments"


def load_document(doc: dict[str, Any]) -> Assessment:
    """A stored document as an assessment (the fields the repository adds, "_...", left out)."""
    return Assessment.from_dict(migrate({k: v for k, v in doc.items() if not k.startswith("_")}))


def meta_problem(data: dict[str, Any]) -> str | None:
    """What is wrong with the workspace record, or None (also None for a new, empty workspace)."""
    meta = list(data.get(META_TABLE, {}).values())
    if not meta:
        return "this is not a LIA Desktop workspace (no workspace record)" if data else None
    record = meta[0]
    if record.get("format") != WORKSPACE_FORMAT:
        return f"this is not a LIA Desktop workspace (format {record.get('format')!r})"
    version = record.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        return f"the workspace record has no valid version (found {version!r})"
    if version > WORKSPACE_VERSION:
        return "it was written by a newer LIA Desktop; update the program"
    return None


def documents_problem(data: dict[str, Any]) -> str | None:
    """What keeps an assessment of the workspace from loading, or None when every one loads."""
    for doc_id, doc in data.get(ASSESSMENTS, {}).items():
        try:
            load_document(doc)
        except MigrationError as exc:
            return f"assessment {doc.get('id', doc_id)!r}: {exc}"
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            return f"assessment {doc.get('id', doc_id)!r} cannot be read ({type(exc).__name__}: {exc})"
    return None


def workspace_problem(data: dict[str, Any]) -> str | None:
    """Why `data` is not a usable workspace, or None."""
    return meta_problem(data) or documents_problem(data)
