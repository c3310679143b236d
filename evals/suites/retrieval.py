"""Retrieval suite: the labelled queries of ``evals/retrieval/queries*.yaml`` scored per mode.

Metric functions are the retrieval engineer's (``assistant.retrieval.metrics``); this module only runs the
queries and aggregates, overall and by query type (lay / doctrinal), so the report shows what fusion buys.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import yaml

from assistant.retrieval import metrics as rm

QUERIES_DIR = Path(__file__).resolve().parents[1] / "retrieval"
MODES = ("bm25", "dense", "hybrid")
KS = (1, 5, 10)
# Query classes answered outside the product's dense subset (issue 18/19): national laws, uncovered provisions.
BEYOND_PRODUCT = ("breadth", "uncovered")


def load_queries(directory: Path = QUERIES_DIR) -> list[dict[str, Any]]:
    """Every labelled query in ``queries*.yaml`` under ``directory`` (id, type, query, relevant)."""
    out: list[dict[str, Any]] = []
    for path in sorted(directory.glob("queries*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        out += [dict(q, file=path.name) for q in data.get("queries") or []]
    return out


def bm25_only_retriever(settings, corpus=None):
    """A Retriever with an in-memory BM25 index and no dense store: enough for ``mode="bm25"`` (fast tests)."""
    from assistant.corpus import load_corpus
    from assistant.retrieval.bm25 import BM25Index
    from assistant.retrieval.retriever import Retriever
    from assistant.retrieval.tokenize import get_tokenizer

    corpus = corpus or (load_corpus(settings.corpus_dir) if settings.corpus_dir else load_corpus())
    tokenizer = get_tokenizer(settings.cache_dir)
    passages = corpus.passages()
    # the same text the index builder tokenizes: title (instrument and article) then text
    bm25 = BM25Index([p.id for p in passages], [tokenizer.tokens(f"{p.title}\n{p.text}") for p in passages])
    return Retriever(settings, corpus, bm25, store=None)


def score_query(ranked: list[str], relevant: list[str]) -> dict[str, float]:
    """recall@1/5/10, MRR and nDCG@10 of one ranked list."""
    out = {f"recall@{k}": rm.recall_at_k(ranked, relevant, k) for k in KS}
    out["mrr"] = rm.reciprocal_rank(ranked, relevant)
    out["ndcg@10"] = rm.ndcg_at_k(ranked, relevant, 10)
    return out


def aggregate(rows: list[dict[str, float]]) -> dict[str, float]:
    """Mean of each metric over queries."""
    keys = [f"recall@{k}" for k in KS] + ["mrr", "ndcg@10"]
    return {k: rm.mean([r[k] for r in rows]) for k in keys}


def run(settings=None, modes: tuple[str, ...] = MODES, retriever=None, **_: Any) -> dict[str, Any]:
    """Search every labelled query in each mode (k = 10) and score the rankings."""
    from assistant.settings import get_settings

    start = time.perf_counter()
    settings = settings or get_settings()
    queries = load_queries()
    if retriever is None:
        if set(modes) <= {"bm25"}:
            retriever = bm25_only_retriever(settings)
        else:
            from assistant.retrieval import Retriever

            retriever = Retriever.open(settings)
    by_mode: dict[str, Any] = {}
    items: dict[str, dict[str, Any]] = {q["id"]: {"id": q["id"], "type": q.get("type"), "query": q["query"],
                                                  "relevant": q["relevant"], "modes": {}} for q in queries}
    timings: dict[str, float] = {}
    for mode in modes:
        t = time.perf_counter()
        rows = []
        for q in queries:
            ranked = [h.id for h in retriever.search(q["query"], k=10, mode=mode)]
            row = score_query(ranked, q["relevant"])
            rows.append(dict(row, type=q.get("type"), topic=q.get("topic", "liability")))
            items[q["id"]]["modes"][mode] = dict(row, top=ranked[:5])
        timings[mode] = round((time.perf_counter() - t) / max(len(queries), 1) * 1000, 1)
        by_mode[mode] = {"all": aggregate(rows),
                         **{typ: aggregate([r for r in rows if r["type"] == typ])
                            for typ in sorted({r["type"] for r in rows if r["type"]})},
                         # the product's query classes, the population evals/floors.yaml's retrieval floors were
                         # measured on; the breadth sets answered outside the dense subset are reported in "all"
                         "product": aggregate([r for r in rows if r["topic"] not in BEYOND_PRODUCT])}
    best = modes[-1] if "hybrid" not in modes else "hybrid"
    item_list = []
    for it in items.values():
        score = it["modes"][best]["ndcg@10"]
        item_list.append(dict(it, ok=it["modes"][best]["recall@10"] > 0, score=score))
    return {
        "suite": "retrieval",
        "headline": {"queries": len(queries), **{f"{m}_recall@5": by_mode[m]["all"]["recall@5"] for m in modes},
                     **{f"{m}_mrr": by_mode[m]["all"]["mrr"] for m in modes}},
        "metrics": {"by_mode": by_mode, "ms_per_query": timings, "modes": list(modes),
                    "types": {t: sum(1 for q in queries if q.get("type") == t) for t in {q.get("type") for q in queries}}},
        "items": item_list,
        "seconds": round(time.perf_counter() - start, 3),
    }
