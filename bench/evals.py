"""Evaluation time: wall seconds of ``lexmemo eval --suite S --report DIR`` per suite, and of ``--suite all``.

    python -m bench.evals                 # each suite, then all
    python -m bench.evals --suites verdicts,guard --no-all

Each run is a fresh ``lexmemo`` process (start-up included) against a temporary data dir whose index is built
first, untimed, from the machine's embedding cache. A run that exits non-zero (a regression) is still timed, and
its status is recorded. Prints a table and writes ``bench/results/evals.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from bench.coldstart import RESULTS, ROOT, build_index, lexmemo_bin, lexmemo_env


def suite_names() -> list[str]:
    """The evaluation suites in their canonical order."""
    from evals.suites import SUITES

    return list(SUITES)


def time_eval(suite: str, report: Path, env: dict[str, str]) -> dict:
    """One ``lexmemo eval`` run: seconds, exit status, and its headline lines."""
    t = time.perf_counter()
    proc = subprocess.run([lexmemo_bin(), "eval", "--suite", suite, "--report", str(report)], env=env, cwd=ROOT,
                          capture_output=True, text=True)
    seconds = time.perf_counter() - t
    if proc.returncode not in (0, 1):  # 1 = a regression against a baseline; anything else is a failure
        raise SystemExit(f"lexmemo eval --suite {suite} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    return {"seconds": round(seconds, 2), "exit_status": proc.returncode,
            "report_written": (report / "results.json").exists(), "headline": proc.stdout.strip().splitlines()}


def run(suites: list[str], with_all: bool) -> dict:
    """Build the index, then time each suite and (optionally) all of them in one run."""
    out: dict = {
        "bench": "evals", "cpus": os.cpu_count(), "load_average": list(os.getloadavg()),
        "python": platform.python_version(), "machine": platform.machine(),
        "measured_at": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"), "suites": {},
    }
    with tempfile.TemporaryDirectory(prefix="lexmemo-bench-") as tmp:
        env = lexmemo_env(Path(tmp) / "data")
        out["index_setup_s"] = round(build_index(env), 2)
        for suite in suites + (["all"] if with_all else []):
            out["suites"][suite] = time_eval(suite, Path(tmp) / f"report-{suite}", env)
    if with_all:
        out["sum_of_suites_s"] = round(sum(v["seconds"] for k, v in out["suites"].items() if k != "all"), 2)
    return out


def table(res: dict) -> str:
    """The results as a plain-text table."""
    lines = [f"lexmemo eval, one fresh process per row (load {res['load_average'][0]:.1f}, {res['cpus']} cpus; "
             f"index set-up {res['index_setup_s']}s untimed)", f"{'suite':<12}{'seconds':>9}{'exit':>6}"]
    for suite, m in res["suites"].items():
        lines.append(f"{suite:<12}{m['seconds']:>9.1f}{m['exit_status']:>6}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """Command-line entry point: print the table, write bench/results/evals.json."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--suites", default=None, help="comma list (default: every suite)")
    parser.add_argument("--no-all", action="store_true", help="skip the single `--suite all` run")
    args = parser.parse_args(argv)
    known = suite_names()
    suites = [s.strip() for s in args.suites.split(",")] if args.suites else known
    unknown = [s for s in suites if s not in known]
    if unknown:
        parser.error(f"unknown suite(s) {', '.join(unknown)}: use {', '.join(known)}")
    res = run(suites, with_all=not args.no_all)
    print(table(res))
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / "evals.json"
    path.write_text(json.dumps(res, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
