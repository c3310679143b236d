"""Retrieval benchmark: index build time (cold and warm), peak memory, query latency and quality per mode.

    python -m bench.retrieval               # cold build in a temporary cache (pays every embedding: minutes)
    python -m bench.retrieval --no-cold     # warm only: reuses the machine's embedding cache
    cd /tmp/old && PYTHONPATH=/tmp/old python -m bench.retrieval --no-cold   # an older checkout, same queries

Quality is reported overall, per query type (lay, doctrinal) and per topic (liability, remedies, limitation,
forum, live: the query classes of issue 18), because fusion must not lose to BM25 on any class. The topics are
read from the labelled set itself, so an older ``assistant`` (a checkout of an earlier commit with this bench
and the current ``evals/retrieval/queries.yaml`` copied in) is measured on the same classes.

Latency: every mode encodes its own queries (the retriever's query-vector cache is off), so the hybrid figure
includes the encoder it pays in use. Prints a table (per topic: recall@5 / MRR / p50 ms) and writes
``bench/results/retrieval-<UTC time>.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

RESULTS = Path(__file__).resolve().parent / "results"
MODES = ("bm25", "dense", "hybrid")


def _peak_rss_mb() -> float:
    """Peak resident memory of this process so far (ru_maxrss is KiB on Linux)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _timed_build(settings, corpus, rebuild: bool) -> tuple[float, dict]:
    from assistant.retrieval import build_index

    t = time.perf_counter()
    manifest = build_index(settings, rebuild=rebuild, corpus=corpus)
    return round(time.perf_counter() - t, 2), manifest


def _topics() -> dict[str, str]:
    """Query id → topic, read from the labelled set directly (older ``assistant`` versions have no topics)."""
    import yaml

    from assistant.retrieval.evaluate import QUERIES_PATH

    data = yaml.safe_load(Path(QUERIES_PATH).read_text(encoding="utf-8"))
    return {str(q["id"]): str(q.get("topic", "liability")) for q in data["queries"]}


def _by_class(rows: list[dict]) -> dict:
    """recall@5 / hit@5 / MRR per topic, and the topic of each row."""
    from assistant.retrieval.metrics import mean

    topic = _topics()
    try:
        from assistant.retrieval.evaluate import TOPICS as order
    except ImportError:  # an older checkout: the five product classes first, any other after them
        order = ("liability", "remedies", "limitation", "forum", "live")
    rank = {t: i for i, t in enumerate(order)}
    out: dict[str, dict] = {}
    for t in sorted(set(topic.values()), key=lambda t: (rank.get(t, len(rank)), t)):
        sel = [r for r in rows if topic.get(r["id"], "liability") == t]
        out[t] = {"n": len(sel), **{m: round(mean([r[m] for r in sel]), 4) for m in ("recall@5", "hit@5", "rr")},
                  "p50_ms": round(statistics.median(r["latency_s"] for r in sel) * 1000, 1)}
    return {"by_topic": out}


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    idx = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[idx]


def run(cold: bool = True, repeats: int = 1) -> dict:
    """Run the benchmark and return the results dict."""
    from assistant.corpus import load_corpus
    from assistant.retrieval import Retriever
    from assistant.retrieval.evaluate import evaluate, load_queries
    from assistant.settings import Settings, get_settings

    corpus = load_corpus()
    queries = load_queries()
    out: dict = {
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "cpus": os.cpu_count(),
        "load_avg_1m_at_start": os.getloadavg()[0],
        "queries": len(queries),
        "passages": len(corpus.passages()),
    }
    with tempfile.TemporaryDirectory(prefix="lexmemo-bench-") as tmp:
        tmp = Path(tmp)
        if cold:
            cache = tmp / "cache"  # empty: every passage is embedded
        else:
            cache = get_settings().cache_dir
        settings = Settings.for_preset("test", data_dir=tmp / "data", cache_dir=cache)
        secs, manifest = _timed_build(settings, corpus, rebuild=True)
        out["build_first_s"] = secs
        out["build_first_embedded"] = manifest["counts"]["embedded"]
        out["build_first_kind"] = "cold (empty embedding cache)" if cold else "warm cache"
        out["dense_passages"] = manifest["counts"]["dense_passages"]
        out["build_timings"] = manifest["timings"]
        secs, manifest = _timed_build(settings, corpus, rebuild=True)
        out["build_warm_s"] = secs
        out["build_warm_embedded"] = manifest["counts"]["embedded"]
        secs, manifest = _timed_build(settings, corpus, rebuild=False)
        out["open_existing_check_s"] = secs

        t = time.perf_counter()
        retriever = Retriever.open(settings, corpus=corpus)
        if hasattr(retriever, "cache_queries"):  # every mode pays its own query encoding: latencies comparable
            retriever.cache_queries = False
        retriever.search("平台 责任", k=5, mode="hybrid")  # load the query encoder and jieba before timing
        out["retriever_open_s"] = round(time.perf_counter() - t, 2)

        out["modes"] = {}
        for mode in MODES:
            lat: list[float] = []
            result = None
            for _ in range(repeats):
                result = evaluate(retriever, queries, mode)
                lat += [row["latency_s"] for row in result["queries"]]
            assert result is not None
            out["modes"][mode] = {
                "recall@5": result["recall@5"],
                "hit@5": result["hit@5"],
                "mrr": result["mrr"],
                "ndcg@10": result["ndcg@10"],
                "by_type": result["by_type"],
                **_by_class(result["queries"]),
                "queries": [{k: r.get(k) for k in ("id", "type", "recall@5", "rr", "top5")}
                            for r in result["queries"]],
                "latency_median_ms": round(statistics.median(lat) * 1000, 1),
                "latency_p95_ms": round(_percentile(lat, 0.95) * 1000, 1),
            }
        # The same without the lay-to-legal thesaurus (BM25 and dense query), to show what it contributes.
        retriever.expand_queries = False
        if hasattr(retriever, "expand_dense"):  # issue 18; older checkouts have no dense expansion
            retriever.expand_dense = False
        for mode in ("bm25", "hybrid"):
            result = evaluate(retriever, queries, mode)
            out["modes"][f"{mode}-noexp"] = {
                "recall@5": result["recall@5"],
                "hit@5": result["hit@5"],
                "mrr": result["mrr"],
                "ndcg@10": result["ndcg@10"],
                "by_type": result["by_type"],
                **_by_class(result["queries"]),
                "latency_median_ms": round(statistics.median(r["latency_s"] for r in result["queries"]) * 1000, 1),
                "latency_p95_ms": round(_percentile([r["latency_s"] for r in result["queries"]], 0.95) * 1000, 1),
            }
    out["peak_rss_mb"] = _peak_rss_mb()
    return out


def table(res: dict) -> str:
    """The results as a plain-text table."""
    lines = [
        f"passages {res['passages']} (dense {res['dense_passages']}), queries {res['queries']}, cpus {res['cpus']}, "
        f"load {res['load_avg_1m_at_start']:.1f}",
        f"build, {res['build_first_kind']}: {res['build_first_s']:.1f}s ({res['build_first_embedded']} embedded); "
        f"warm rebuild: {res['build_warm_s']:.1f}s ({res['build_warm_embedded']} embedded); "
        f"up-to-date check: {res['open_existing_check_s']:.2f}s; peak RSS {res['peak_rss_mb']} MB",
        "",
        f"{'mode':<13}{'recall@5':>10}{'hit@5':>8}{'MRR':>8}{'nDCG@10':>9}{'lay R@5':>9}{'doc R@5':>9}"
        f"{'p50 ms':>9}{'p95 ms':>9}",
    ]
    for mode, m in res["modes"].items():
        lines.append(
            f"{mode:<13}{m['recall@5']:>10.3f}{m['hit@5']:>8.3f}{m['mrr']:>8.3f}{m['ndcg@10']:>9.3f}"
            f"{m['by_type']['lay']['recall@5']:>9.3f}{m['by_type']['doctrinal']['recall@5']:>9.3f}"
            f"{m['latency_median_ms']:>9.1f}{m['latency_p95_ms']:>9.1f}"
        )
    lines += ["", "recall@5 by topic (n queries)"]
    topics = list(next(iter(res["modes"].values())).get("by_topic", {}))
    first = next(iter(res["modes"].values()))["by_topic"]
    lines.append(f"{'mode':<13}" + "".join(f"{t + ' (' + str(first[t]['n']) + ')':>17}" for t in topics))
    for mode, m in res["modes"].items():
        lines.append(f"{mode:<13}" + "".join(f"{m['by_topic'][t]['recall@5']:>17.3f}" for t in topics))
    lines += ["", "by topic: recall@5 / MRR / p50 ms"]
    lines.append(f"{'mode':<13}" + "".join(f"{t:>21}" for t in topics))
    for mode, m in res["modes"].items():
        cells = [m["by_topic"][t] for t in topics]
        lines.append(f"{mode:<13}" + "".join(f"{c['recall@5']:>9.3f}/{c['rr']:.3f}/{c.get('p50_ms', 0):>5.1f}"
                                            for c in cells))
    return "\n".join(lines)



def main(argv: list[str] | None = None) -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-cold", action="store_true", help="skip the cold build; use the machine's cache")
    parser.add_argument("--repeats", type=int, default=1, help="passes over the query set for latency")
    args = parser.parse_args(argv)
    res = run(cold=not args.no_cold, repeats=args.repeats)
    print(table(res))
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"retrieval-{time.strftime('%Y%m%dT%H%M%SZ', time.gmtime())}.json"
    path.write_text(json.dumps(res, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"\nwritten {path}")


if __name__ == "__main__":
    main()
