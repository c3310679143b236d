"""CLI verb for evaluators: ``lexmemo eval [--suite …] [--llm …] [--report DIR] [--baseline FILE]``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from assistant.cli import app


def _ensure_evals_importable() -> None:
    """Make the repo's ``evals`` package importable from the console script (pyproject packages only
    ``assistant*``, and a console script's sys.path does not hold the working directory)."""
    try:
        import evals  # noqa: F401
    except ModuleNotFoundError:
        root = Path(__file__).resolve().parents[2]
        if (root / "evals" / "__init__.py").is_file():
            sys.path.insert(0, str(root))


def _fail(message: str) -> None:
    """Print ``message`` to stderr and exit with status 2 (bad input)."""
    typer.echo(message, err=True)
    raise typer.Exit(2)


@app.command("eval")
def eval_cmd(
    suite: str = typer.Option("all", "--suite", help="verdicts, retrieval, memos, guard, cases, all (or a comma list)."),
    llm: Optional[str] = typer.Option(None, "--llm", help="Drafter for the memos suite: template, replay:FILE, openai:MODEL, …"),
    report: Optional[Path] = typer.Option(None, "--report", help="Write results.json, report.md and index.html here."),
    baseline: Optional[Path] = typer.Option(None, "--baseline", help="A previous run's results.json (or its report dir)."),
    memo_limit: Optional[int] = typer.Option(None, "--memo-limit", min=1, help="Draft only the first N verdict goldens."),
) -> None:
    """Score the product: verdict goldens, retrieval, memos, guard and court cases; exit 1 on a regression."""
    _ensure_evals_importable()
    from assistant.settings import get_settings
    from evals.report import load_results, write_report
    from evals.report.compare import compare, regressions
    from evals.runner import EvalError, headline_lines, parse_suites, run_suites

    try:
        suites = parse_suites(suite)
    except EvalError as exc:
        _fail(f"--suite: {exc}")
    base = None
    if baseline is not None:
        try:
            base = load_results(baseline)
        except (OSError, ValueError) as exc:
            _fail(f"--baseline {baseline}: cannot read a results JSON: {exc}")
    settings = get_settings()
    if "memos" in suites and llm:
        from assistant.drafting.llm import DrafterConfigError
        from evals.suites.memos import settings_for

        try:
            settings_for(settings, llm)
        except DrafterConfigError as exc:
            _fail(str(exc))
    results = run_suites(suites, settings, llm=llm, memo_limit=memo_limit,
                         progress=lambda message: typer.echo(message, err=True))
    warning = ((results["suites"].get("memos") or {}).get("metrics") or {}).get("replay_warning")
    if warning:
        typer.echo(f"warning (memos): {warning}", err=True)
    if report is not None:
        paths = write_report(results, report, base)
        typer.echo(f"report: {paths['html']} · {paths['markdown']} · {paths['json']}", err=True)
    if base is not None:
        results["comparison"] = {"regressions": regressions(compare(results, base))}
    typer.echo("\n".join(headline_lines(results)))
    if base is not None and results["comparison"]["regressions"]:
        raise typer.Exit(1)
