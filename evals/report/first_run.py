"""A first eval report for a fresh setup: run the fast suites into a report directory that holds none yet.

``make run`` calls ``python -m evals.report.first_run evals/reports/latest`` before starting the app, and the eval
page's button calls :func:`ensure_report`, so a new user sees figures rather than a shell command. The fast suites
(verdict goldens, guard defects, court cases) need no index and no model and take seconds; retrieval and memos,
which need the built index, stay with ``make eval`` (``lexmemo eval --suite all``).
"""

from __future__ import annotations

import sys
from pathlib import Path

from evals.report import RESULTS_FILE, write_report

FAST_SUITES = ("verdicts", "guard", "cases")


def has_report(report_dir: str | Path) -> bool:
    """Whether ``report_dir`` already holds a run's ``results.json``."""
    return (Path(report_dir) / RESULTS_FILE).is_file()


def write_fast_report(report_dir: str | Path) -> Path:
    """Run the fast suites and write their report (JSON, Markdown, HTML) into ``report_dir``; returns the JSON path."""
    from evals.runner import run_suites

    return write_report(run_suites(list(FAST_SUITES)), report_dir)["json"]


def ensure_report(report_dir: str | Path) -> Path | None:
    """Write the fast suites' report into ``report_dir`` unless it has one (never overwrite a run); the new JSON or None."""
    if has_report(report_dir):
        return None
    return write_fast_report(report_dir)


def main(argv: list[str] | None = None) -> int:
    """``python -m evals.report.first_run [DIR]``: ensure DIR (default evals/reports/latest) holds a report."""
    from evals.report.summary import DEFAULT_REPORT_DIR

    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else DEFAULT_REPORT_DIR
    written = ensure_report(target)
    if written is None:
        print(f"eval report already present: {target / RESULTS_FILE}")
    else:
        print(f"first eval report (fast suites: {', '.join(FAST_SUITES)}) written: {written}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
