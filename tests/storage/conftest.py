from __future__ import annotations

import itertools

import pytest

from lia_desktop.storage.workspace import Workspaces, WorkspaceStore


def ticking_clock():
    """A clock that moves one second per call, so orderings and revisions are deterministic."""
    counter = itertools.count()
    return lambda: f"2026-03-01T10:{(n := next(counter)) // 60:02d}:{n % 60:02d}Z"


@pytest.fixture
def spaces(tmp_path, questionnaire):
    return Workspaces(tmp_path / "data", questionnaire)


@pytest.fixture(params=["memory", "file"])
def store(request, tmp_path, questionnaire):
    """A writable workspace, in memory and on disk (TinyDB's own parametrised-db habit)."""
    if request.param == "memory":
        opened = WorkspaceStore.in_memory(questionnaire, clock=ticking_clock())
    else:
        path = tmp_path / "ws.json"
        opened = WorkspaceStore(path, questionnaire, backups=None, clock=ticking_clock())
    yield opened
    opened.close()
