"""Extraction accuracy (issue 14): accuracy, wrong-value rate and facts recovered per field and per register.

    python -m bench.extraction                        # dev and held-out (held-out: totals only, never per case)
    python -m bench.extraction --splits dev
    python -m bench.extraction --files fresh.yaml     # a batch nobody has tuned for, scored once before it joins a split

A fresh batch (``--files``: the split files' YAML format, or a Python module with ``CASES``) is what says how the
extractor does on text it has never seen; its figures are reported apart from dev, and also for the parts the split
rule would send to each split (held out when ``int(sha1(id), 16) % 10 < 3``). Writes ``bench/results/extraction.json``
(or ``--out``): per split, per field and per register, with the commit and the time. Scores use the evaluator's own
functions (``assistant.triage.evaluate``), so this bench and the threshold test
(``tests/triage/test_triage_accuracy.py``, against ``evals/floors.yaml``) cannot disagree.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import subprocess
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from bench.coldstart import RESULTS, ROOT


def held_out(case_id: str) -> bool:
    """Whether the split rule sends a case to the held-out split (about 30%)."""
    return int(hashlib.sha1(case_id.encode()).hexdigest(), 16) % 10 < 3


def load_batch(path: Path) -> list[dict[str, Any]]:
    """The labelled cases of a fresh batch file: split-file YAML, or a Python module defining ``CASES``."""
    from assistant.triage.evaluate import load_cases

    if path.suffix == ".py":
        spec = importlib.util.spec_from_file_location(f"batch_{path.stem}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)  # type: ignore[union-attr]
        return list(module.CASES)
    return load_cases(path)


def _table(scores: dict[str, Any]) -> dict[str, dict[str, float | int]]:
    """One row per field or register: n, accuracy, wrong rate, labelled, wrong, missed."""
    return {name: {"n": s.n, "accuracy": round(s.accuracy, 4), "wrong_rate": round(s.wrong_rate, 5),
                   "labelled": s.labelled, "wrong": s.wrong, "missed": s.missed} for name, s in scores.items()}


def measure(cases: list[dict[str, Any]]) -> dict[str, Any]:
    """Scores of the extractor on ``cases``: totals, per field, per register, and narratives per second."""
    from assistant.triage.evaluate import recovered, score, totals

    registers: dict[str, Any] = {}
    start = time.perf_counter()
    fields = score(cases, registers)
    seconds = time.perf_counter() - start
    accuracy, wrong = totals(fields)
    right, labelled = recovered(fields)
    return {"narratives": len(cases), "pairs": sum(s.n for s in fields.values()),
            "accuracy": round(accuracy, 4), "wrong_rate": round(wrong, 5),
            "wrong": sum(s.wrong for s in fields.values()), "labelled": labelled,
            "recovered": right, "recovered_share": round(right / max(labelled, 1), 4),
            "narratives_per_second": round(len(cases) / seconds, 1) if seconds else None,
            "fields": _table(fields), "registers": _table(registers)}


def _line(name: str, m: dict[str, Any]) -> str:
    """One summary line of a measurement."""
    return (f"{name:28} {m['narratives']:5d} {m['accuracy']:8.3f} {100 * m['wrong_rate']:7.2f}% "
            f"{m['wrong']:6d} {m['recovered_share']:9.3f}")


def _commit() -> str:
    """The checkout's commit (``-dirty`` when it has uncommitted changes), for the results file."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                              timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                               capture_output=True, text=True, timeout=10).stdout.strip()
        return head + ("-dirty" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def main(argv: list[str] | None = None) -> dict[str, Any]:
    """Measure the named splits (or fresh batch files), print a table and write the results JSON."""
    from assistant.triage.evaluate import load_split

    parser = argparse.ArgumentParser(prog="python -m bench.extraction", description=__doc__.split("\n")[0])
    parser.add_argument("--splits", default="dev,heldout", help="comma-separated: dev, heldout (default both)")
    parser.add_argument("--files", nargs="*", default=[], help="fresh batch files, scored instead of the splits")
    parser.add_argument("--out", type=Path, default=RESULTS / "extraction.json")
    args = parser.parse_args(argv)
    runs: dict[str, Any] = {}
    if args.files:
        cases = [c for f in args.files for c in load_batch(Path(f))]
        runs["fresh"] = measure(cases)
        runs["fresh -> held-out part"] = measure([c for c in cases if held_out(c["id"])])
        runs["fresh -> dev part"] = measure([c for c in cases if not held_out(c["id"])])
    else:
        for name in [s.strip() for s in args.splits.split(",") if s.strip()]:
            runs[name] = measure(load_split(name))
    print(f"{'set':28} {'n':>5} {'accuracy':>8} {'wrong':>8} {'count':>6} {'recovered':>9}")
    for name, m in runs.items():
        print(_line(name, m))
    result = {"bench": "extraction", "commit": _commit(), "files": [str(f) for f in args.files],
              "at": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"), "runs": runs}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return result


if __name__ == "__main__":
    main()
