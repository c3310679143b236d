"""Run eval suites and write the report: ``python -m evals.runner --suite all --report evals/reports/latest``.

The same as ``lexmemo eval``. Offline: the suites use the corpus, the engine, the local index (built under
``settings.data_dir`` when missing) and the configured drafter (the template drafter by default).
"""

from __future__ import annotations

import argparse
import importlib
import platform
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from evals.suites import SUITES


class EvalError(ValueError):
    """Bad eval input: unknown suite, unreadable baseline."""


def parse_suites(spec: str | list[str]) -> list[str]:
    """``"all"``, one name or a comma-separated list → suite names in canonical order."""
    names = spec if isinstance(spec, list) else [s.strip() for s in spec.split(",") if s.strip()]
    if not names or "all" in names:
        return list(SUITES)
    unknown = [n for n in names if n not in SUITES]
    if unknown:
        raise EvalError(f"unknown suite(s) {', '.join(unknown)}: use {', '.join(SUITES)} or all")
    return [s for s in SUITES if s in names]


def _git_commit() -> str | None:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, timeout=5,
                             cwd=Path(__file__).resolve().parent)
        return out.stdout.strip() or None
    except (OSError, subprocess.SubprocessError):
        return None


def run_suites(suites: list[str], settings=None, *, llm: str | None = None, memo_limit: int | None = None,
               retrieval_modes: tuple[str, ...] | None = None, progress=None) -> dict[str, Any]:
    """Run the named suites; a suite that crashes is recorded as skipped with the error, the others go on."""
    from assistant.corpus import load_corpus
    from assistant.settings import get_settings

    settings = settings or get_settings()
    started = datetime.now(timezone.utc)
    t0 = time.perf_counter()
    results: dict[str, Any] = {}
    for name in suites:
        if progress:
            progress(f"suite {name} …")
        module = importlib.import_module(f"evals.suites.{name}")
        options: dict[str, Any] = {}
        if name == "memos":
            options = {"llm": llm, "limit": memo_limit}
        if name == "retrieval" and retrieval_modes:
            options = {"modes": retrieval_modes}
        t = time.perf_counter()
        try:
            results[name] = module.run(settings, **options)
        except Exception as exc:  # one broken suite must not hide the others' figures
            results[name] = {"suite": name, "skipped": f"{type(exc).__name__}: {exc}", "headline": {},
                             "metrics": {}, "items": [], "seconds": round(time.perf_counter() - t, 3)}
        if progress:
            progress(f"suite {name} done in {results[name]['seconds']} s")
    corpus = load_corpus(settings.corpus_dir) if settings.corpus_dir else load_corpus()
    return {
        "meta": {"started_at": started.isoformat(timespec="seconds"), "seconds": round(time.perf_counter() - t0, 1),
                 "git_commit": _git_commit(), "corpus_hash": corpus.hash, "llm": llm or settings.llm,
                 "doctrine_default": settings.doctrine, "python": platform.python_version(),
                 "suites": suites, "memo_limit": memo_limit},
        "suites": results,
    }


def headline_lines(results: dict[str, Any]) -> list[str]:
    """One line per suite with its headline figures, for the terminal."""
    lines = []
    for name, suite in results["suites"].items():
        if suite.get("skipped"):
            lines.append(f"{name}: SKIPPED ({suite['skipped']})")
            continue
        figs = ", ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in suite["headline"].items())
        lines.append(f"{name} ({suite['seconds']} s): {figs}")
    reg = (results.get("comparison") or {}).get("regressions")
    if reg is not None:
        lines.append(f"regressions vs baseline: {len(reg)}" + "".join(f"\n  {r['figure']}: {r['baseline']} -> {r['current']}" for r in reg))
    lines.append(f"total: {results['meta']['seconds']} s")
    return lines


def main(argv: list[str] | None = None) -> int:
    """Command-line entry: run, write the report, print the headline; exit 1 on a regression, 2 on bad input."""
    from evals.report import load_results, write_report
    from evals.report.compare import compare, regressions

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--suite", default="all")
    parser.add_argument("--llm", default=None)
    parser.add_argument("--report", default=None)
    parser.add_argument("--baseline", default=None)
    parser.add_argument("--memo-limit", type=int, default=None)
    args = parser.parse_args(argv)
    try:
        suites = parse_suites(args.suite)
        baseline = load_results(args.baseline) if args.baseline else None
    except (EvalError, OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    results = run_suites(suites, llm=args.llm, memo_limit=args.memo_limit, progress=lambda m: print(m, file=sys.stderr))
    if args.report:
        paths = write_report(results, args.report, baseline)
        print(f"report: {paths['html']} · {paths['markdown']} · {paths['json']}", file=sys.stderr)
    if baseline is not None:
        results["comparison"] = {"regressions": regressions(compare(results, baseline))}
    print("\n".join(headline_lines(results)))
    return 1 if baseline is not None and results["comparison"]["regressions"] else 0


if __name__ == "__main__":
    sys.exit(main())
