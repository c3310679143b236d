"""The latest eval report for a viewer (the Streamlit eval page): find the run's ``results.json``, read it, and pick
per suite the headline figures, detail tables, chart files and worst cases, formatted as the written report does.

No Streamlit here and nothing recomputed: every figure comes from the run's JSON, shown as ``report.md`` shows it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from evals.report import RESULTS_FILE, load_results
from evals.report import document

REPO_ROOT = Path(__file__).resolve().parents[2]
#: Where ``lexmemo eval --suite all --report evals/reports/latest`` writes (relative to the repository).
DEFAULT_REPORT_DIR = REPO_ROOT / "evals" / "reports" / "latest"
FILES = {"json": RESULTS_FILE, "markdown": "report.md", "html": "index.html"}


@dataclass
class SuiteView:
    """One suite of a run, ready to show."""

    name: str
    skipped: str | None
    seconds: float | None
    headline: list[tuple[str, str, Any]]  # (figure, shown text, raw JSON value)
    tables: list[tuple] = field(default_factory=list)  # document blocks: ("table", headers, rows) | ("p", text)
    charts: list[Path] = field(default_factory=list)
    worst_headers: list[str] = field(default_factory=list)
    worst_rows: list[tuple] = field(default_factory=list)  # first cell: the item's id (no link)
    worst_details: dict[str, dict[str, Any]] = field(default_factory=dict)


@dataclass
class ReportView:
    """A whole run: where it is, its meta (date, commit, drafter …), its suites and any flagged regressions."""

    dir: Path
    meta: dict[str, Any]
    suites: list[SuiteView]
    regressions: list[dict[str, Any]]
    files: dict[str, Path]


def find_report(path: str | Path) -> Path | None:
    """``path`` if it holds ``results.json``, else its newest sub-directory that does (``evals/reports``), else None."""
    path = Path(path).expanduser()
    if (path / RESULTS_FILE).is_file():
        return path
    if not path.is_dir():
        return None
    runs = [p.parent for p in path.glob(f"*/{RESULTS_FILE}")]
    return max(runs, key=lambda d: (d / RESULTS_FILE).stat().st_mtime) if runs else None


def command_for(path: str | Path) -> str:
    """The command that writes a full report into ``path`` (relative to the repository when inside it)."""
    path = Path(path).expanduser().resolve()
    try:
        shown = str(path.relative_to(REPO_ROOT))
    except ValueError:
        shown = str(path)
    return f"lexmemo eval --suite all --report {shown}"


def _suite(report_dir: Path, name: str, suite: dict[str, Any], lang: str = "zh") -> SuiteView:
    view = SuiteView(name=name, skipped=suite.get("skipped"), seconds=suite.get("seconds"),
                     headline=[(k, document.headline_value(k, v), v) for k, v in (suite.get("headline") or {}).items()])
    if view.skipped:
        return view
    view.tables = [b for b in document.suite_tables(name, suite, lang) if b[0] in ("table", "p")]
    view.charts = sorted((report_dir / "charts").glob(f"{name}_*.png"))
    items = document.worst(name, suite)
    view.worst_headers = list(document.WORST_HEADERS.get(name, ["item", "", "", ""]))
    view.worst_rows = [(str(it["id"]), *document.worst_row(name, it, lang)[1:]) for it in items]
    view.worst_details = {str(it["id"]): {k: v for k, v in it.items() if k != "id"} for it in items}
    return view


def read_report(path: str | Path, lang: str = "zh") -> ReportView | None:
    """The run found at ``path`` (see :func:`find_report`), or None when there is none; its notes and captions in
    ``lang`` (Chinese by default: evaluators read them in the app; the written report.md stays English)."""
    report_dir = find_report(path)
    if report_dir is None:
        return None
    results = load_results(report_dir)
    suites = [_suite(report_dir, name, suite, lang) for name, suite in (results.get("suites") or {}).items()]
    regressions = list((results.get("comparison") or {}).get("regressions") or [])
    files = {kind: report_dir / name for kind, name in FILES.items() if (report_dir / name).is_file()}
    return ReportView(dir=report_dir, meta=dict(results.get("meta") or {}), suites=suites, regressions=regressions,
                      files=files)
