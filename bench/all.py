"""Every benchmark in turn, then one summary table (``python -m bench.all``; ``make bench``).

    python -m bench.all                    # retrieval, index, classify, triage, draft (if present), coldstart, evals
    python -m bench.all --quick            # smaller runs of each (a smoke test of the benches, not figures to quote)
    python -m bench.all --only index,evals

Each bench runs as its own process (``python -m bench.<name>``, output shown as it goes) so that one bench's
imports and memory do not colour the next; its JSON in ``bench/results/`` is then read back for the summary.
The scale benchmark is left out (long: it grows the index to 300k synthetic passages): ``python -m bench.scale``.
Writes ``bench/results/summary.json``; exits 1 if any bench failed (the others still run).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"

# name → (full-run arguments, --quick arguments). retrieval runs warm: bench.index measures the cold build.
BENCHES: dict[str, tuple[list[str], list[str]]] = {
    "retrieval": (["--no-cold"], ["--no-cold"]),
    "index": ([], ["--no-cold"]),
    "classify": ([], ["--n", "500", "--rounds", "1"]),
    "triage": ([], ["--rows", "1000"]),
    "draft": ([], []),
    "coldstart": ([], ["--runs", "1"]),
    "evals": ([], ["--suites", "verdicts", "--no-all"]),
}


def result_file(name: str, since: float) -> Path | None:
    """The JSON a bench wrote during this run (retrieval names its files by time), or None."""
    candidates = sorted(RESULTS.glob(f"{name}*.json"), key=lambda p: p.stat().st_mtime)
    fresh = [p for p in candidates if p.stat().st_mtime >= since and p.name != "summary.json"]
    return fresh[-1] if fresh else None


def headline(name: str, res: dict) -> list[tuple[str, object]]:
    """The figures of one bench's JSON worth a line in the summary."""
    if name == "retrieval":
        rows = [("warm build s", res["build_first_s"]), ("peak RSS MB", res["peak_rss_mb"])]
        for mode in ("bm25", "dense", "hybrid"):
            m = res["modes"][mode]
            rows.append((f"{mode} p50/p95 ms, recall@5",
                         f"{m['latency_median_ms']} / {m['latency_p95_ms']}, {m['recall@5']:.3f}"))
        return rows
    if name == "index":
        rows = [(f"{k}: s, peak MB", f"{b['seconds']}, {b['peak_rss_mb']:.0f}") for k, b in res["builds"].items()]
        return rows + ([("chroma server peak MB", res["server_peak_rss_mb"])] if res.get("server_peak_rss_mb") else [])
    if name == "classify":
        return [("claims/s (wall, median)", res["claims_per_s_median"]),
                ("claims per CPU-second", res["claims_per_cpu_s_median"])]
    if name == "triage":
        return [("rows/s", res["rows_per_s"]), ("rows (synthetic)", res["rows"])]
    if name == "coldstart":
        return [(f"{k}: first output s (median)", m["first_output_median_s"]) for k, m in res["commands"].items()]
    if name == "evals":
        return [(f"eval --suite {k} s", m["seconds"]) for k, m in res["suites"].items()]
    if name == "draft":
        return [("template memo ms median / p95 (index load included)", f"{res['median_ms']} / {res['p95_ms']}"),
                ("of which retrieval ms median", res["retrieval_median_ms"]),
                ("of which template + guard ms median", res["template_guard_median_ms"])]
    # a bench this file does not know the shape of: its top-level numbers
    return [(k, v) for k, v in res.items() if isinstance(v, (int, float)) and not isinstance(v, bool)][:8]


def run_one(name: str, args: list[str]) -> dict:
    """Run ``python -m bench.<name>``; return its status, wall time and headline figures."""
    print(f"\n=== bench.{name} {' '.join(args)}", flush=True)
    start = time.time()
    t = time.perf_counter()
    status = subprocess.run([sys.executable, "-m", f"bench.{name}", *args], cwd=ROOT).returncode
    entry: dict = {"args": args, "exit_status": status, "wall_s": round(time.perf_counter() - t, 1)}
    path = result_file(name, start)
    if status == 0 and path is None:
        entry["error"] = "no result JSON written"
    elif path is not None:
        entry["result_file"] = str(path.relative_to(ROOT))
        entry["figures"] = headline(name, json.loads(path.read_text(encoding="utf-8")))
    return entry


def table(summary: dict) -> str:
    """The summary as a plain-text table."""
    lines = [f"summary ({summary['measured_at']}, {summary['cpus']} cpus, load {summary['load_average_at_start'][0]:.1f}"
             f" → {summary['load_average_at_end'][0]:.1f}{', QUICK' if summary['quick'] else ''})",
             f"{'bench':<11}{'figure':<60}value"]
    for name, entry in summary["benches"].items():
        if entry.get("skipped"):
            lines.append(f"{name:<11}{'(skipped: ' + entry['skipped'] + ')':<60}")
            continue
        if entry["exit_status"] != 0 or "error" in entry:
            lines.append(f"{name:<11}{'FAILED (exit ' + str(entry['exit_status']) + ')':<60}{entry.get('error', '')}")
        for label, value in entry.get("figures", []):
            lines.append(f"{name:<11}{label:<60}{value}")
        lines.append(f"{name:<11}{'(bench wall time s)':<60}{entry['wall_s']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the benches, print the summary, write bench/results/summary.json."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small runs: checks the benches work, not figures")
    parser.add_argument("--only", default=None, help=f"comma list of {', '.join(BENCHES)}")
    args = parser.parse_args(argv)
    names = [n.strip() for n in args.only.split(",")] if args.only else list(BENCHES)
    unknown = [n for n in names if n not in BENCHES]
    if unknown:
        parser.error(f"unknown bench(es) {', '.join(unknown)}: use {', '.join(BENCHES)}")
    summary: dict = {
        "measured_at": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"), "cpus": os.cpu_count(),
        "load_average_at_start": list(os.getloadavg()), "python": platform.python_version(),
        "machine": platform.machine(), "quick": args.quick, "benches": {},
        "not_run": "scale (long: up to 300k synthetic passages): python -m bench.scale",
    }
    for name in names:
        if not (ROOT / "bench" / f"{name}.py").exists():
            summary["benches"][name] = {"skipped": f"bench/{name}.py does not exist yet"}
            continue
        full, quick = BENCHES[name]
        summary["benches"][name] = run_one(name, quick if args.quick else full)
    summary["load_average_at_end"] = list(os.getloadavg())
    print("\n" + table(summary))
    print(f"not run here: {summary['not_run']}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / "summary.json"
    path.write_text(json.dumps(summary, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {path}")
    failed = [n for n, e in summary["benches"].items() if not e.get("skipped") and (e["exit_status"] or "error" in e)]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
