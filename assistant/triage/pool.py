"""Triage a batch on a pool of processes, one per available core (issue 18: 10,000 narratives in under 10 s).

Rows go to the workers in chunks and come back in input order (``Pool.imap``), so the runner logs, counts and
reports them exactly as the one-process loop does: a failed row is still its own row with its ``error``, the
progress log (and so ``--resume``) holds every finished row in order, the bar moves as chunks finish. Workers are
forked from the parent after it has loaded the corpus, so they start warm and share its memory. Below
``MIN_ROWS`` rows, for a custom extractor (an LLM client must not be shared across a fork) or where fork is not
available, the rows are triaged in this process.
"""

from __future__ import annotations

import multiprocessing
import os
from typing import Any, Callable, Iterator

from assistant.triage.batch import triage_row
from assistant.triage.progress import log_line, row_digest

#: Fewer rows than this are triaged in one process: forking and warming a worker costs about 0.1 s.
MIN_ROWS = 400
#: Rows per task sent to a worker: large enough that pickling is cheap, small enough for a smooth progress bar.
CHUNK = 100
#: Rows triaged in the parent before the fork, so the workers start warm.
WARM_ROWS = 20
#: Environment variable that fixes the number of worker processes (1: no pool).
WORKERS_ENV = "LEXMEMO_TRIAGE_WORKERS"

_JOB: dict[str, Any] = {}  # set in the parent before the fork: the workers inherit it (nothing is pickled)


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity), at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def worker_count(rows: int, requested: int | None = None, pooled: bool = True) -> int:
    """How many processes triage ``rows`` rows: ``requested`` or $LEXMEMO_TRIAGE_WORKERS, else one per available
    core; 1 for fewer than MIN_ROWS rows or when the extractor cannot be pooled."""
    if requested is None:
        env = os.environ.get(WORKERS_ENV, "").strip()
        requested = int(env) if env.isdigit() and int(env) > 0 else None
    if not pooled or rows < MIN_ROWS:
        return 1
    wanted = requested if requested is not None else available_cores()
    return max(1, min(wanted, -(-rows // CHUNK)))


def _fork_context() -> Any | None:
    try:
        return multiprocessing.get_context("fork")
    except ValueError:  # no fork on this platform: one process
        return None


def _logged(row: Any, doctrine: str, extractor: Callable[..., Any]) -> tuple[dict[str, Any], str]:
    """A row's record and its progress-log line (JSON written where the record is made: in a worker, in parallel)."""
    rec = triage_row(row, doctrine, extractor)
    return rec, log_line(row.id, row_digest(row), rec)


def _triage_chunk(span: tuple[int, int]) -> list[tuple[dict[str, Any], str]]:
    """A worker's task: the rows ``span`` (start, end) of the batch it inherited, triaged in order."""
    start, end = span
    return [_logged(row, _JOB["doctrine"], _JOB["extractor"]) for row in _JOB["rows"][start:end]]


def triage_in_order(rows: list, doctrine: str, extractor: Callable[..., Any],
                    workers: int) -> Iterator[tuple[dict[str, Any], str]]:
    """``(record, progress-log line)`` of every row, in input order, computed by ``workers`` processes (1: here)."""
    context = _fork_context() if workers > 1 else None
    if context is None:
        for row in rows:
            yield _logged(row, doctrine, extractor)
        return
    from assistant.triage.batch import _corpus

    _corpus()  # loaded once here, shared by every forked worker (render_citation needs it)
    # The first rows are triaged here: what the core and the extractor build on first use (section-7 tables,
    # lazy imports) is then built once, before the fork, instead of once per worker (1-2 CPU-s each).
    for row in rows[:WARM_ROWS]:
        yield _logged(row, doctrine, extractor)
    rows = rows[WARM_ROWS:]
    # the rows are inherited by the fork: a task is only a (start, end) span, nothing of a row is pickled (issue 18)
    _JOB.update(doctrine=doctrine, extractor=extractor, rows=rows)
    chunks = [(i, min(i + CHUNK, len(rows))) for i in range(0, len(rows), CHUNK)]
    try:
        with context.Pool(workers) as pool:  # leaving the block (done, error, Ctrl-C) terminates the workers
            for records in pool.imap(_triage_chunk, chunks):
                yield from records
    finally:
        _JOB.clear()
