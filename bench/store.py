"""Save latency of the matter store on both backends: p50/p95 of ``save_facts`` over N saves of one matter.

    python -m bench.store                       # SQLite in a temp dir; PostgreSQL when a URL is given/configured
    python -m bench.store --pg postgresql://lexmemo:lexmemo@127.0.0.1:5432/lexmemo --saves 300

PostgreSQL runs in a fresh schema (dropped afterwards), so the bench never touches a firm's matters. Each save is a
real facts dict of a matter (~1 KB JSON) and one committed transaction (SQLite: WAL + synchronous=FULL;
PostgreSQL: synchronous_commit on). Writes ``bench/results/store-<UTC>.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import quote

from assistant.store import MatterStore

RESULTS = Path(__file__).resolve().parent / "results"
FACTS = {
    "category": "catering", "harm": "personal_injury", "platform_role": "platform",
    "knew_or_should_have_known": True, "qualification_review_done": False, "event_date": "2023-05-03",
    "narrative": "2023年5月3日在外卖平台点餐，商家无证经营，平台未审核其食品经营许可证，食用后食物中毒住院治疗。" * 6,
}


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def measure(target: str | Path, saves: int) -> dict[str, float]:
    """Open the store at ``target``, save one matter's facts ``saves`` times; latencies in milliseconds."""
    store = MatterStore(target)
    matter = store.create_matter("bench")
    revision, times = matter.revision, []
    for i in range(saves):
        start = time.perf_counter()
        revision = store.save_facts(matter.id, {**FACTS, "n": i}, expected_revision=revision).revision
        times.append((time.perf_counter() - start) * 1000)
    assert len(store.facts_history(matter.id)) == saves  # every save is there
    return {"saves": saves, "p50_ms": round(statistics.median(times), 2), "p95_ms": round(_percentile(times, 0.95), 2),
            "mean_ms": round(statistics.fmean(times), 2), "max_ms": round(max(times), 2)}


def _pg(url: str, saves: int) -> dict[str, float]:
    import psycopg

    schema = f"lexmemo_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        sep = "&" if "?" in url else "?"
        return measure(f"{url}{sep}options={quote(f'-c search_path={schema}')}", saves)
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


def main() -> None:
    """Run the bench and print/write the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=300)
    parser.add_argument("--pg", default=os.environ.get("LEXMEMO_TEST_DATABASE_URL") or os.environ.get("LEXMEMO_DATABASE_URL"))
    args = parser.parse_args()
    results: dict[str, object] = {"when": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                                  "load_avg": os.getloadavg()[0]}
    with tempfile.TemporaryDirectory() as tmp:
        results["sqlite"] = measure(Path(tmp) / "matters.sqlite3", args.saves)
    print("sqlite    ", results["sqlite"])
    if args.pg:
        results["postgres"] = _pg(args.pg, args.saves)
        print("postgresql", results["postgres"])
    else:
        print("postgresql: skipped (no --pg URL, LEXMEMO_TEST_DATABASE_URL or LEXMEMO_DATABASE_URL)")
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"store-{datetime.now(timezone.utc):%Y%m%dT%H%M%SZ}.json"
    out.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print("wrote", out)


if __name__ == "__main__":
    main()
