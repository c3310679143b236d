"""Save latency of the matter store on both backends: p50/p95 of ``save_facts`` over N saves of one matter, and
the cost of the team-mode audit: one workspace click (the reads a matter page makes, then one save) plain vs
through a lawyer's ``LawyerView`` (every access written to ``matter_audit``).

    python -m bench.store                       # SQLite in a temp dir; PostgreSQL when a URL is given/configured
    python -m bench.store --pg postgresql://lexmemo:lexmemo@127.0.0.1:5432/lexmemo --saves 300
    python -m bench.store --clicks 100          # the audit comparison only over 100 clicks (0: skip it)

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


# One click on the matter page in team mode: the reads a run makes (header, facts, memo, history, shares, the
# sidebar's list), then one save. Plain: the store itself; audited: the same calls through the lawyer's view.
_CLICK_READS = ("get_matter", "latest_facts", "latest_memo", "memo_history", "facts_history", "shared_with")


def _click(api: object, matter_id: str, revision: int, i: int) -> int:
    api.list_matters()  # type: ignore[attr-defined]
    for name in _CLICK_READS:
        getattr(api, name)(matter_id)
    return api.save_facts(matter_id, {**FACTS, "n": i}, expected_revision=revision).revision  # type: ignore[attr-defined]


def _view(store: MatterStore, username: str) -> tuple[object, object]:
    """The lawyer's view as the workspace makes it, and what ends a run (flushes the run's read rows), if any."""
    from assistant.store import audit

    if hasattr(audit, "AuditLog"):
        log = audit.AuditLog(store)
        return audit.LawyerView(store, username, log=log), log.flush
    return audit.LawyerView(store, username), lambda: None  # before the audit log (one write per access)


def measure_audit(target: str | Path, clicks: int) -> dict[str, object]:
    """Per click (7 reads + 1 save), plain store vs audited view (a fresh view per click, as per Streamlit run),
    milliseconds; the two alternate click by click so both see the same machine load. Also the audit rows and
    the write transactions per audited click."""
    from assistant.store import audit
    from assistant.store.audit import store_audit
    from assistant.store.users import UserStore

    store = MatterStore(target)
    UserStore(target).add("bench", "bench-password-1")
    writes: list[int] = []
    inner = type(store.backend).write

    def counting(self: object) -> object:
        writes.append(1)
        return inner(self)  # type: ignore[arg-type]

    state = {"plain": store.create_matter("bench-plain", owner="bench"),
             "audited": _view(store, "bench")[0].create_matter("bench-audited")}  # type: ignore[attr-defined]
    revisions = {k: m.revision for k, m in state.items()}
    times: dict[str, list[float]] = {"plain": [], "audited": []}
    type(store.backend).write = counting  # type: ignore[method-assign]
    try:
        for i in range(clicks):
            for label in ("plain", "audited") if i % 2 else ("audited", "plain"):
                count_from = len(writes)
                start = time.perf_counter()
                view, end_run = _view(store, "bench") if label == "audited" else (store, lambda: None)
                revisions[label] = _click(view, state[label].id, revisions[label], i)
                end_run()  # type: ignore[operator]
                times[label].append((time.perf_counter() - start) * 1000)
                if label == "audited":
                    state["audited_writes"] = state.get("audited_writes", 0) + len(writes) - count_from  # type: ignore
    finally:
        type(store.backend).write = inner  # type: ignore[method-assign]
    out: dict[str, object] = {"clicks": clicks, "reads_per_click": len(_CLICK_READS) + 1,
                              "audit_log": hasattr(audit, "AuditLog")}
    for label in ("plain", "audited"):
        t = times[label]
        out[label] = {"p50_ms": round(statistics.median(t), 2), "p95_ms": round(_percentile(t, 0.95), 2),
                      "mean_ms": round(statistics.fmean(t), 2)}
    out["audit_rows_per_click"] = round((len(store_audit(store, limit=10**6)) - 1) / clicks, 2)  # - the create
    out["write_transactions_per_audited_click"] = round(state["audited_writes"] / clicks, 2)  # type: ignore
    return out


def _pg(url: str, saves: int, fn=measure) -> dict[str, float]:
    import psycopg

    schema = f"lexmemo_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        sep = "&" if "?" in url else "?"
        return fn(f"{url}{sep}options={quote(f'-c search_path={schema}')}", saves)
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


def main() -> None:
    """Run the bench and print/write the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=300)
    parser.add_argument("--clicks", type=int, default=100, help="workspace clicks for the audit comparison (0: skip)")
    parser.add_argument("--pg", default=os.environ.get("LEXMEMO_TEST_DATABASE_URL") or os.environ.get("LEXMEMO_DATABASE_URL"))
    args = parser.parse_args()
    results: dict[str, object] = {"when": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                                  "load_avg": os.getloadavg()[0]}
    with tempfile.TemporaryDirectory() as tmp:
        if args.saves:
            results["sqlite"] = measure(Path(tmp) / "matters.sqlite3", args.saves)
            print("sqlite    ", results["sqlite"])
        if args.clicks:
            results["sqlite_audit"] = measure_audit(Path(tmp) / "audit.sqlite3", args.clicks)
            print("sqlite     audit", results["sqlite_audit"])
    if args.pg:
        if args.saves:
            results["postgres"] = _pg(args.pg, args.saves)
            print("postgresql", results["postgres"])
        if args.clicks:
            results["postgres_audit"] = _pg(args.pg, args.clicks, measure_audit)
            print("postgresql audit", results["postgres_audit"])
    else:
        print("postgresql: skipped (no --pg URL, LEXMEMO_TEST_DATABASE_URL or LEXMEMO_DATABASE_URL)")
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"store-{datetime.now(timezone.utc):%Y%m%dT%H%M%SZ}.json"
    out.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print("wrote", out)


if __name__ == "__main__":
    main()
