"""Run a triage batch: read claims, triage each row with a progress bar, log finished rows, write the sorted table.

    summary = run_triage("claims.csv", "out.xlsx", doctrine="qin2025", resume=True)
    summary.failed, summary.rows_per_s

Rows sort by priority (see ``priority.py``), then input order; failed rows come last with their ``error``.
An interruption (Ctrl-C) keeps every finished row in ``OUT.progress.jsonl``; ``resume=True`` continues from it.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from tqdm import tqdm

from assistant.triage.batch import triage_row
from assistant.triage.extract import extract_facts
from assistant.triage.io import OUTPUT_SUFFIXES, write_table
from assistant.triage.pool import triage_in_order, worker_count
from assistant.triage.priority import sort_key
from assistant.triage.progress import ProgressLog, load_progress, row_digest, sidecar_path
from assistant.triage.rows import InputFileError, InputRow, read_claims_file

#: Exit status of ``lexmemo triage``: 0 every row triaged and ranked; 1 some rows failed or are under review
#: (the counts go to stderr); 2 is kept for unusable input or arguments. (Before issue 14 the status was the
#: number of failed rows, so two failed rows read as "unusable input".)
MAX_EXIT = 1


@dataclass
class TriageSummary:
    """What a batch did: rows in, rows triaged now, rows taken from an earlier run, rows failed, time."""

    total: int
    processed: int
    resumed: int
    failed: int
    output: Path
    encoding: str
    seconds: float
    flagged: int = 0  # rows triaged but under review (needs_review), listed apart
    records: list[dict[str, Any]] = field(default_factory=list, repr=False)  # the sorted table as written
    workers: int = 1  # processes that triaged the rows (issue 18: one per core for a large batch)


    @property
    def rows_per_s(self) -> float:
        """Rows triaged in this run per second of wall time."""
        return self.processed / self.seconds if self.seconds > 0 else 0.0

    @property
    def exit_status(self) -> int:
        """0 when every row was triaged and ranked; 1 when any row failed or is under review."""
        return 1 if self.failed or self.flagged else 0


def check_output(input_path: str | Path, out: Path) -> None:
    """Refuse an output that would overwrite the input, or whose folder does not exist (before any work)."""
    src = Path(input_path)
    same = src.resolve() == out.resolve()
    if not same and src.exists() and out.exists():
        try:
            same = src.samefile(out)
        except OSError:
            pass
    if same:
        raise InputFileError(f"the output {out} is the input file: choose another name (the input is never overwritten)")
    if not out.parent.is_dir():
        raise InputFileError(f"the output folder {out.parent} does not exist")


def mark_duplicates(rows: list[InputRow]) -> None:
    """A repeated id is an error on every later row that repeats it (ids key the results and --resume)."""
    first: dict[str, int] = {}
    for r in rows:
        if r.id in first and not r.error:
            r.error = f"duplicate id {r.id!r} (first used on row {first[r.id]}); give every claim its own id"
            r.id = f"{r.id}@{r.row}"
        first.setdefault(r.id, r.row)


def triage_rows(rows: Iterable[InputRow], doctrine: str = "qin2025",
                on_row: Callable[[int, dict], None] | None = None,
                extractor: Callable[..., Any] = extract_facts) -> list[dict[str, Any]]:
    """Triage rows in memory (e.g. for the UI), calling ``on_row(done, record)`` after each; sorted table."""
    rows = list(rows)
    mark_duplicates(rows)
    out = []
    for n, row in enumerate(rows, start=1):
        rec = triage_row(row, doctrine, extractor)
        out.append(rec)
        if on_row:
            on_row(n, rec)
    return sorted(out, key=sort_key)


def run_triage(input_path: str | Path, output_path: str | Path, doctrine: str = "qin2025", resume: bool = False,
               progress: bool = True, encoding: str | None = None,
               on_row: Callable[[int, dict], None] | None = None, extractor: Callable[..., Any] = extract_facts,
               extractor_name: str = "rules", workers: int | None = None) -> TriageSummary:
    """Triage a claim file into a sorted table; raise InputFileError for a file that cannot be read as claims.

    ``workers``: processes for the rows (None: $LEXMEMO_TRIAGE_WORKERS, else one per available core from
    ``pool.MIN_ROWS`` rows; the rule extractor only)."""
    out = Path(output_path)
    if out.suffix.lower() not in OUTPUT_SUFFIXES:
        raise InputFileError(f"unknown output type {out.suffix!r}: use .csv, .xlsx or .jsonl")
    check_output(input_path, out)
    t0 = time.perf_counter()
    rows, used = read_claims_file(input_path, encoding)
    mark_duplicates(rows)
    header = {"doctrine": doctrine, "output": out.name, "extractor": extractor_name}
    side = sidecar_path(out)
    done = load_progress(side, header) if resume else {}
    log = ProgressLog(side, header, keep=resume)
    records: dict[str, dict] = {}
    todo: list[tuple[InputRow, str]] = []
    for row in rows:
        digest = row_digest(row)
        prev = done.get(row.id)
        if prev and prev[0] == digest and not prev[1].get("error"):
            records[row.id] = prev[1]
        else:
            todo.append((row, digest))
    resumed = len(records)
    bar = tqdm(total=len(rows), initial=resumed, unit="claim", desc="triage", file=sys.stderr,
               disable=not progress, dynamic_ncols=True, mininterval=0.5)
    procs = worker_count(len(todo), workers, pooled=extractor is extract_facts)
    results = triage_in_order([row for row, _ in todo], doctrine, extractor, procs)
    try:
        for n, ((row, _digest), (rec, line)) in enumerate(zip(todo, results), start=1):
            log.add_line(line)  # the row's id, digest and record, written as JSON where the record was made
            records[row.id] = rec
            bar.update(1)
            if on_row:
                on_row(n, rec)
    finally:
        results.close()  # stops the pool when the loop ends early (Ctrl-C, an on_row that raises)
        bar.close()
        log.close()
    table = sorted(records.values(), key=sort_key)
    write_table(table, out)
    log.remove()
    failed = sum(1 for r in table if r.get("error"))
    flagged = sum(1 for r in table if r.get("needs_review") and not r.get("error"))
    return TriageSummary(total=len(rows), processed=len(todo), resumed=resumed, failed=failed, output=out,
                         encoding=used, seconds=time.perf_counter() - t0, flagged=flagged, records=table,
                         workers=procs)
