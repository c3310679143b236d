"""Guard suite: catch rate and false alarms over the guard engineer's defect set (``evals/guard/defects.yaml``).

The set and its runner belong to the guard engineer (``evals/guard/run.py``); this module reuses them, under
the examples' spec verdicts (the headline) and again under ``classify``'s verdicts (a check that the guard and
the engine agree on the same memos).
"""

from __future__ import annotations

import time
from typing import Any

from evals import metrics


def _summarise(result: dict[str, Any]) -> dict[str, Any]:
    outcomes = result["outcomes"]
    flags = [(o.kind != "clean", (not o.report.ok) if o.kind == "clean" else o.passed) for o in outcomes]
    return {**metrics.catch_rate(flags), "by_kind": result["by_kind"], "missed": result["missed"],
            "flagged_clean": result["flagged_clean"]}


def run(settings=None, **_: Any) -> dict[str, Any]:
    """Run the defect set twice (spec verdicts, then classify's) and report catch rate and false alarms."""
    from assistant.corpus import load_corpus
    from evals.guard.run import load_set, run_all

    start = time.perf_counter()
    corpus = load_corpus(settings.corpus_dir) if settings is not None and settings.corpus_dir else load_corpus()
    data = load_set()
    spec = run_all(data, use_classify=False, corpus=corpus)
    engine = run_all(data, use_classify=True, corpus=corpus)
    items = [{"id": o.name, "kind": o.kind, "expect": o.expect, "ok": o.passed,
              "detail": o.detail, "guard": o.report.to_json()} for o in spec["outcomes"]]
    s, e = _summarise(spec), _summarise(engine)
    return {
        "suite": "guard",
        "headline": {"defective": s["defective"], "clean": s["clean"], "catch_rate": s["catch_rate"],
                     "false_alarm_rate": s["false_alarm_rate"],
                     "catch_rate_engine_verdicts": e["catch_rate"],
                     "false_alarm_rate_engine_verdicts": e["false_alarm_rate"]},
        "metrics": {"spec_verdicts": s, "engine_verdicts": e},
        "items": items,
        "seconds": round(time.perf_counter() - start, 3),
    }
