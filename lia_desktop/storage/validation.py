"""Whether the data of a workspace (or of a backup) is a workspace this program can use.

The shape ({table: {doc_id: {...}}}) is checked when the file is read (safe_storage); this
checks what is in it: the workspace record, and that every assessment migrates and loads.
A workspace or backup that passes opens without surprises later (list, export, restore).
"""

from __future__ import annotations

from typing import Any

from lia_desktop.domain.judgement import ChannelVerdict
from lia_desktop.domain.model import Assessment, Verdict
from lia_desktop.storage.migrations import MigrationError, migrate

WORKSPACE_FORMAT = "lia-workspace"
WORKSPACE_VERSION = 1
META_TABLE = "workspace"
ASSESSMENTS = "assessments"
VERDICTS = tuple(v.value for v in Verdict)
CHANNEL_VERDICTS = tuple(v.value for v in ChannelVerdict)


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


def _basis_problem(basis: Any) -> bool:
    """Whether an advice basis (see domain/law_changes.py) is not of the kind the program writes."""
    if not isinstance(basis, dict):
        return True
    version = basis.get("content_version", 0)
    return (
        not isinstance(version, int)
        or isinstance(version, bool)
        or not isinstance(basis.get("on", ""), str)
        or not isinstance(basis.get("rules", {}), dict)
    )


def _document_problem(doc: dict[str, Any]) -> str | None:
    """Why a stored document is not one this program wrote (and can use throughout), or None.

    It must load as an assessment that gives back every stored field exactly (a title that is
    a number, an answer with an extra field, a date that is a list: none of these was written
    by the repository; a field added by a later version of the model may be missing); the
    fields the repository adds must be of their kind.
    """
    public = migrate({k: v for k, v in doc.items() if not k.startswith("_")})
    loaded = Assessment.from_dict(public).to_dict()
    wrong = [key for key, value in public.items() if key not in loaded or loaded[key] != value]
    if wrong:
        return f"{wrong[0]!r} holds a value of the wrong kind"
    for name in ("advice_basis", "previous_basis"):
        if _basis_problem(public.get(name) or {}):
            return f"its {name} cannot be read"
    if doc.get("_verdict") not in (None, *VERDICTS):
        return f"its stored verdict {doc['_verdict']!r} is unknown"
    channels = doc.get("_channels", {})
    if not isinstance(channels, dict) or any(v not in CHANNEL_VERDICTS for v in channels.values()):
        return "its stored advice per channel cannot be read"
    completed = doc.get("_completed")
    if completed is not None and (not isinstance(completed, dict) or _document_problem(completed)):
        return "its last completed version cannot be read"
    if _changes_problem(doc.get("_changes", {})):
        return "what its revisions changed cannot be read"
    return None


def _changes_problem(changes: Any) -> bool:
    """Whether the old and new values kept per revision (storage/history.py) are not of their kind."""
    if not isinstance(changes, dict):
        return True
    return any(
        not (isinstance(index, str) and index.isdigit() and isinstance(entries, list))
        or any(not (isinstance(e, list) and len(e) == 3 and isinstance(e[0], str)) for e in entries)
        for index, entries in changes.items()
    )


def documents_problem(data: dict[str, Any]) -> str | None:
    """What keeps an assessment of the workspace from loading, or None when every one loads."""
    for doc_id, doc in data.get(ASSESSMENTS, {}).items():
        where = f"assessment {doc.get('id', doc_id)!r}"
        try:
            problem = _document_problem(doc)
        except MigrationError as exc:
            return f"{where}: {exc}"
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            return f"{where} cannot be read ({type(exc).__name__}: {exc})"
        if problem:
            return f"{where}: {problem}"
    return None


def workspace_problem(data: dict[str, Any]) -> str | None:
    """Why `data` is not a usable workspace, or None."""
    return meta_problem(data) or documents_problem(data)
