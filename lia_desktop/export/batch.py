"""Many PDF records at once: rendered on every core, handed back as each is made.

ReportLab renders in pure Python, one core per process, so a batch is shared out among
worker processes (started fresh, "spawn": the window's process must not be forked). A worker
loads the questionnaire (from the content cache) and renders the records it is given; the
caller writes them as they come back, says how far it got, and can stop at any moment: the
records not yet made are dropped and the workers end. Assessments are loaded one by one as
they are handed out, a few per worker at a time, so a batch of 50,000 never holds more than
a few dozen in memory, and the time grows with the number of records, nothing else.

A small batch is rendered in the calling process: starting the workers would take longer.
"""

from __future__ import annotations

import concurrent.futures as futures
import os
from collections.abc import Callable, Iterator
from typing import Any

from lia_desktop.domain.model import Assessment

SMALL = 8  # records: up to this many, rendered in the calling process
IN_FLIGHT = 4  # records handed to each worker ahead of time
HEARTBEAT = 0.1  # seconds: how often the caller hears from a batch that is still working


def cores() -> int:
    """The processors this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _worker_start() -> None:
    """A worker leaves Ctrl+C to the process that started it, which stops the batch."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


Record = tuple[Assessment, dict[int, Any]]  # an assessment, and what each of its revisions changed


def stored_record(repository: Any, assessment_id: str) -> Record:
    """An assessment of a workspace as its PDF record shows it: with its revisions' changes."""
    return repository.get(assessment_id), repository.revision_changes(assessment_id)


def _render(record: Record, paper: str, branding: Any) -> bytes:
    from lia_desktop.assets import questionnaire
    from lia_desktop.export import pdf

    assessment, changes = record
    return pdf.render_record(assessment, questionnaire(), paper, branding, changes=changes)


def render_all(
    count: int, load: Callable[[int], Record], paper: str, branding: Any, workers: int | None = None
) -> Iterator[tuple[int, bytes] | None]:
    """The PDF of each record 0 .. count-1 (`load(n)` gives it), as (n, pdf) when it is made:
    in order on one core, in the order they finish on several. None now and then while the
    workers are busy, so that a caller can keep a window alive or see that it was cancelled;
    closing the iterator (leaving the loop) stops the batch. A record that cannot be made
    raises its error, and the batch stops."""
    workers = min(workers or cores(), count)
    if count <= SMALL or workers < 2:
        for number in range(count):
            yield number, _render(load(number), paper, branding)
        return
    import multiprocessing

    pool = futures.ProcessPoolExecutor(
        workers, mp_context=multiprocessing.get_context("spawn"), initializer=_worker_start
    )
    try:
        pending: dict[futures.Future[bytes], int] = {}
        handed = 0
        while handed < count or pending:
            while handed < count and len(pending) < workers * IN_FLIGHT:
                pending[pool.submit(_render, load(handed), paper, branding)] = handed
                handed += 1
            done, _ = futures.wait(pending, timeout=HEARTBEAT, return_when=futures.FIRST_COMPLETED)
            if not done:
                yield None
            for future in done:
                yield pending.pop(future), future.result()
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
