"""Score a Retriever on the labelled query set (``evals/retrieval/queries.yaml``): recall@k, MRR, nDCG@10."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import yaml

from assistant.retrieval.metrics import hit_at_k, mean, ndcg_at_k, recall_at_k, reciprocal_rank

QUERIES_PATH = Path(__file__).resolve().parents[2] / "evals" / "retrieval" / "queries.yaml"


TOPICS = ("liability", "remedies", "limitation", "forum", "live", "breadth", "uncovered")


@dataclass(frozen=True)
class LabelledQuery:
    """One query of the eval set: relevant passage ids, type (lay | doctrinal) and topic (the query class)."""

    id: str
    query: str
    type: str
    relevant: tuple[str, ...]
    topic: str = "liability"


def load_queries(path: Path | None = None) -> list[LabelledQuery]:
    """Read the labelled query set; ValueError on a malformed entry."""
    data = yaml.safe_load(Path(path or QUERIES_PATH).read_text(encoding="utf-8"))
    out = []
    for i, row in enumerate(data["queries"]):
        try:
            q = LabelledQuery(str(row["id"]), str(row["query"]), str(row["type"]), tuple(row["relevant"]),
                              str(row.get("topic", "liability")))
        except (KeyError, TypeError) as exc:
            raise ValueError(f"query #{i + 1} in {path or QUERIES_PATH} is malformed: {exc}") from exc
        if q.type not in ("lay", "doctrinal") or not q.relevant:
            raise ValueError(f"query {q.id}: type must be lay|doctrinal and relevant non-empty")
        if q.topic not in TOPICS:
            raise ValueError(f"query {q.id}: topic must be one of {', '.join(TOPICS)}")
        out.append(q)
    return out


def evaluate(retriever, queries: list[LabelledQuery], mode: str, k: int = 10) -> dict:
    """Run every query in ``mode``; return mean metrics overall and per type, latencies, and per-query ranks."""
    rows = []
    for q in queries:
        t = time.perf_counter()
        ranked = [h.id for h in retriever.search(q.query, k=k, mode=mode)]
        latency = time.perf_counter() - t
        rows.append(
            {
                "id": q.id,
                "type": q.type,
                "topic": q.topic,
                "recall@5": recall_at_k(ranked, q.relevant, 5),
                "hit@5": hit_at_k(ranked, q.relevant, 5),
                "rr": reciprocal_rank(ranked, q.relevant),
                "ndcg@10": ndcg_at_k(ranked, q.relevant, 10),
                "latency_s": latency,
                "top5": ranked[:5],
            }
        )
    return {"mode": mode, "n": len(rows), **summarise(rows), **by_class(rows), "queries": rows}


def by_class(rows: list[dict]) -> dict:
    """Means per query type (lay, doctrinal) and per topic (liability, remedies, limitation, forum, live)."""
    return {
        "by_type": {t: summarise([r for r in rows if r["type"] == t]) for t in ("lay", "doctrinal")},
        "by_topic": {t: summarise([r for r in rows if r.get("topic", "liability") == t])
                     for t in TOPICS if any(r.get("topic", "liability") == t for r in rows)},
    }


def summarise(rows: list[dict]) -> dict:
    """Mean recall@5, hit@5, MRR and nDCG@10 over per-query rows."""
    return {
        "recall@5": round(mean([r["recall@5"] for r in rows]), 4),
        "hit@5": round(mean([r["hit@5"] for r in rows]), 4),
        "mrr": round(mean([r["rr"] for r in rows]), 4),
        "ndcg@10": round(mean([r["ndcg@10"] for r in rows]), 4),
    }
