"""Drafting benchmark: template-drafter time per worked example, guard included (``python -m bench.draft``).

    python -m bench.draft                 # every examples/claims/*.json, 5 rounds after a warm-up round
    python -m bench.draft --rounds 10
    LEXMEMO_DATA_DIR=/path python -m bench.draft   # another data dir (its retrieval index is used)

Each memo is drafted the way ``lexmemo draft`` and the app's draft button draft it: the narrative passages come
from the retrieval index under ``settings.data_dir``, which ``draft_memo`` takes from the process's one open index
(``Retriever.shared``: opened by the warm-up round, reopened only when ``lexmemo index`` rebuilds it; issue 18).
Before issue 18 every memo reopened it (BM25 rebuilt from JSON, Chroma client, encoder). The time is split into

* ``retrieval``: the time ``draft_memo`` spends in its narrative retrieval (the shared index's freshness check and
  the top-k hybrid search, query encoding included), measured from inside the real call;
* ``template+guard``: the rest of that call: validation, classify, keyed passages, the template memo, the guard,
  the receipt.

The timed rounds forget the cached query vectors before every memo, so each memo encodes its query (the figure
held against the target); a second set of rounds keeps them, as the workspace does when it redrafts a matter
(``cached_median_ms``). CPU time per memo and the load average before and after are reported with the figures.

For comparison the same searches are also timed alone, uncached, on an index opened once (``search_only_median_ms``).

The sum is the drafting time. A warm-up round (imports, corpus load, jieba) is run first and reported apart.
Once per example the bench checks that the timed memo equals a plain ``draft_memo`` call's and that it passes
the guard. When the index is not built the drafter gets no narrative passages (it says why in
the receipt) and so does the bench: ``retrieval`` in the JSON says which case was measured.
Prints a table and writes ``bench/results/draft.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
EXAMPLES = ROOT / "examples" / "claims"


def percentile(values: list[float], q: float) -> float:
    """The ``q`` quantile (0..1) by linear interpolation between order statistics."""
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    pos = (len(ordered) - 1) * q
    low = int(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def draft_once(facts: dict, settings, corpus, cached: bool) -> dict:
    """One memo drafted by ``draft_memo`` itself (classify → narrative retrieval → template → guard → receipt), the
    time spent in its narrative retrieval measured from inside; returns the times, the memo and its report.

    ``cached`` False forgets the query vectors first (every memo encodes its query: the figure to compare with the
    target); True keeps them (the workspace redrafting a matter it drafted before)."""
    from assistant.drafting import chain, draft_memo
    from assistant.retrieval.retriever import _shared

    if not cached:
        for retriever in list(_shared.values()):  # the process's one open index (none before the first memo)
            retriever.clear_query_cache()
    spent: list[float] = []
    hits: list[int] = []
    inner = chain.narrative_passages

    def timed(*args, **kwargs):
        start = time.perf_counter()
        try:
            found = inner(*args, **kwargs)
            hits.append(len(found[0]))
            return found
        finally:
            spent.append(time.perf_counter() - start)

    chain.narrative_passages = timed
    try:
        start = time.perf_counter()
        result = draft_memo(facts, settings=settings, corpus=corpus)
        total = time.perf_counter() - start
    finally:
        chain.narrative_passages = inner
    retrieval = sum(spent)
    return {"retrieval_s": retrieval, "template_guard_s": total - retrieval, "total_s": total,
            "markdown": result.markdown, "ok": result.report.ok, "source": result.receipt.get("passages_source"),
            "passages": sum(hits)}


def search_only(examples: dict, settings, corpus, rounds: int) -> list[float]:
    """The narrative search alone on an index opened once (what retrieval would cost if the drafter kept the
    index open): milliseconds per query, every example, ``rounds`` times."""
    from assistant.core import ClaimFacts
    from assistant.drafting.retrieve import TOP_K, narrative_query
    from assistant.retrieval import Retriever

    retriever = Retriever.open(settings, corpus=corpus, build=False)
    queries = [narrative_query(ClaimFacts.model_validate(f)) for f in examples.values()]
    retriever.search(queries[0], k=TOP_K, mode=settings.retrieval_mode)  # loads the query encoder
    out = []
    for _ in range(rounds):
        for query in queries:
            retriever.clear_query_cache()  # every query encoded: no cache
            start = time.perf_counter()
            retriever.search(query, k=TOP_K, mode=settings.retrieval_mode)
            out.append((time.perf_counter() - start) * 1000)
    return out


def run(rounds: int) -> dict:
    """Warm-up round, then ``rounds`` rounds over every worked example; medians and p95 in milliseconds."""
    from assistant.corpus import load_corpus
    from assistant.drafting import draft_memo
    from assistant.retrieval.index import stale_reason
    from assistant.settings import get_settings

    settings = get_settings(llm="template", progress=False)
    examples = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(EXAMPLES.glob("*.json"))}
    load_before, cpu0 = os.getloadavg(), time.process_time()
    warm_start = time.perf_counter()
    corpus = load_corpus(settings.corpus_dir) if settings.corpus_dir else load_corpus()
    reason = stale_reason(settings, corpus, settings.embedder)
    first = {name: draft_once(facts, settings, corpus, cached=False) for name, facts in examples.items()}
    warmup_s = time.perf_counter() - warm_start
    for name, facts in examples.items():  # the timed memo is draft_memo's own, and it passes
        own = draft_memo(facts, settings=settings, corpus=corpus)
        if own.markdown != first[name]["markdown"] or not own.report.ok:
            raise SystemExit(f"bench.draft: {name}: the timed memo differs from draft_memo's or fails the guard")
    samples: dict[str, list[dict]] = {name: [] for name in examples}
    cached: list[dict] = []
    timed_cpu0 = time.process_time()
    for _ in range(rounds):
        for name, facts in examples.items():
            samples[name].append(draft_once(facts, settings, corpus, cached=False))
    timed_cpu = time.process_time() - timed_cpu0
    for _ in range(rounds):  # the same memos again, query vectors kept (the workspace's redraft)
        for facts in examples.values():
            cached.append(draft_once(facts, settings, corpus, cached=True))
    flat = [s for runs in samples.values() for s in runs]
    search_ms = search_only(examples, settings, corpus, rounds) if reason is None else []
    load_after, cpu_total = os.getloadavg(), time.process_time() - cpu0

    def stats(key: str, values: list[dict]) -> tuple[float, float]:
        ms = [v[key] * 1000 for v in values]
        return round(statistics.median(ms), 1), round(percentile(ms, 0.95), 1)

    per_example = {}
    for name, runs in samples.items():
        total, retrieval, template = stats("total_s", runs), stats("retrieval_s", runs), stats("template_guard_s", runs)
        per_example[name] = {"median_ms": total[0], "p95_ms": total[1], "retrieval_median_ms": retrieval[0],
                             "template_guard_median_ms": template[0], "passages": runs[0]["passages"],
                             "guard_ok": all(r["ok"] for r in runs), "memo_chars": len(runs[0]["markdown"])}
    total, retrieval, template = stats("total_s", flat), stats("retrieval_s", flat), stats("template_guard_s", flat)
    warm = stats("total_s", cached)
    return {
        "benchmark": "draft",
        "median_ms": total[0], "p95_ms": total[1],
        "query_vectors": "uncached: every memo encodes its narrative query (median_ms, p95_ms and the split)",
        "cached_median_ms": warm[0], "cached_p95_ms": warm[1],
        "cached_retrieval_median_ms": stats("retrieval_s", cached)[0],
        "cpu_ms_per_memo": round(timed_cpu * 1000 / len(flat), 1), "cpu_seconds_total": round(cpu_total, 2),
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in load_after],
        "template_guard_median_ms": template[0], "template_guard_p95_ms": template[1],
        "retrieval_median_ms": retrieval[0], "retrieval_p95_ms": retrieval[1],
        "search_only_median_ms": round(statistics.median(search_ms), 1) if search_ms else None,
        "examples": len(examples), "rounds": rounds,
        "warmup_round_s": round(warmup_s, 2),
        "index_open_per_memo": False,  # Retriever.shared: one open index per process (issue 18)
        "retrieval": (f"index under {settings.index_dir} opened once per process ({first[next(iter(first))]['source']})"
                      if reason is None else f"index not built ({reason}): verdict citations only, no retrieval"),
        "drafter": "template", "doctrine": settings.doctrine,
        "all_guard_ok": all(s["ok"] for s in flat),
        "per_example": per_example,
        "cpus": os.cpu_count(),
        "python": platform.python_version(), "machine": platform.machine(),
        "measured_at": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }


def table(res: dict) -> str:
    """The result as a plain-text table, one row per worked example and a total row."""
    rows = [f"{'example':34} {'median ms':>10} {'p95 ms':>9} {'retrieval':>10} {'tmpl+guard':>11} {'passages':>9} guard"]
    for name, r in res["per_example"].items():
        rows.append(f"{name:34} {r['median_ms']:>10} {r['p95_ms']:>9} {r['retrieval_median_ms']:>10} "
                    f"{r['template_guard_median_ms']:>11} {r['passages']:>9} {'ok' if r['guard_ok'] else 'FAIL'}")
    rows.append(f"{'all (' + str(res['examples']) + ' x ' + str(res['rounds']) + ' rounds)':34} {res['median_ms']:>10} "
                f"{res['p95_ms']:>9} {res['retrieval_median_ms']:>10} {res['template_guard_median_ms']:>11}")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark, print the table, write bench/results/draft.json."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds over every worked example")
    args = parser.parse_args(argv)
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    res = run(max(1, args.rounds))
    print(table(res))
    print(f"retrieval: {res['retrieval']}")
    if res["search_only_median_ms"] is not None:
        print(f"the same searches on an index kept open: {res['search_only_median_ms']} ms median")
    print(f"the same memos with their query vectors cached (a redraft): {res['cached_median_ms']} ms median "
          f"(retrieval {res['cached_retrieval_median_ms']} ms)")
    print(f"CPU {res['cpu_ms_per_memo']} ms per uncached memo; load average {res['load_average_before'][0]} → "
          f"{res['load_average_after'][0]} ({res['cpus']} cpus)")
    print(f"warm-up round (imports, corpus, first index open): {res['warmup_round_s']} s for {res['examples']} memos")
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / "draft.json"
    path.write_text(json.dumps(res, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
