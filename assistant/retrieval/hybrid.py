"""Reciprocal-rank fusion of ranked lists (Cormack, Clarke & Büttcher 2009), the hybrid default, and the gate
that weights the dense list by how much of the query's ground the dense subset covers (issue 18)."""

from __future__ import annotations

from collections.abc import Sequence

RRF_K = 60


def rrf(rankings: Sequence[Sequence[str]], k: int = RRF_K,
        weights: Sequence[float] | None = None) -> list[tuple[str, float]]:
    """Fuse ranked id lists: score(d) = sum over lists of weight / (k + rank), rank counted from 1; best first.

    ``weights`` default to 1 per list (plain RRF); a list of weight 0 adds nothing. Ties keep the order in which
    ids were first seen (earlier lists first), so the result is deterministic.
    """
    weights = [1.0] * len(rankings) if weights is None else list(weights)
    if len(weights) != len(rankings):
        raise ValueError("one weight per ranking")
    scores: dict[str, float] = {}
    for ranking, weight in zip(rankings, weights):
        if weight <= 0:
            continue
        for rank, pid in enumerate(ranking, start=1):
            scores[pid] = scores.get(pid, 0.0) + weight / (k + rank)
    order = {pid: i for i, pid in enumerate(scores)}
    return sorted(scores.items(), key=lambda item: (-item[1], order[item[0]]))


# How many of BM25's best passages the coverage gate looks at.
GATE_DEPTH = 5


def dense_weight(lexical: Sequence[str], has_vector, depth: int = GATE_DEPTH) -> float:
    """The dense list's RRF weight: the share of BM25's top ``depth`` passages that have vectors (1 when BM25
    finds nothing). Where the answers lie outside the dense subset (procedure, the national laws BM25 alone
    covers) the dense list cannot hold them and only dilutes BM25's; measured on the labelled set with the old
    subset, the gate lifted forum recall@5 from 0.00 to 0.21 and overall from 0.679 to 0.690 (2026-12-04)."""
    top = list(lexical[:depth])
    return sum(1 for pid in top if has_vector(pid)) / len(top) if top else 1.0
