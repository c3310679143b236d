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
# BM25's best passages the dense side cannot judge keep their BM25 rank (``keep_unjudged``): the top 3 without
# vectors, and BM25's first when it has a vector but the dense list does not hold it.
UNSEEN_DEPTH = 3
REJECTED_DEPTH = 1


def dense_weight(lexical: Sequence[str], has_vector, depth: int = GATE_DEPTH) -> float:
    """The dense list's RRF weight: 0 when none of BM25's top ``depth`` passages has a vector (the dense side
    covers none of the query's ground and is skipped), else 1; 1 when BM25 finds nothing.

    A share-of-coverage weight (the gate before 2026-12-05) cost lay recall@5 once ``keep_unjudged`` protects
    the passages the dense side cannot see (0.557 against 0.587 on the 138 product queries, bench/ISSUE18.md)."""
    top = list(lexical[:depth])
    return 1.0 if not top or any(has_vector(pid) for pid in top) else 0.0


def keep_unjudged(fused: Sequence[tuple[str, float]], lexical: Sequence[str], dense: Sequence[str], has_vector,
                  unseen_depth: int = UNSEEN_DEPTH, rejected_depth: int = REJECTED_DEPTH) -> list[tuple[str, float]]:
    """``fused`` with BM25's best passages that the dense side could not judge moved up to their BM25 rank.

    RRF scores a passage missing from the dense list as if the dense side had ranked it last. For a passage
    without a vector (the national laws, procedure, the 民法典 outside the subset) that is false: the dense side
    never saw it, and on queries about those laws RRF buried BM25's right answer under dense hits from the
    subset (national-law recall@5 0.357 against BM25's 0.643). So BM25's top ``unseen_depth`` passages without
    vectors, and its first passage when the dense list does not hold it at all, keep at least their BM25 rank;
    each takes the score of the passage whose place it takes, so scores stay in order. Nothing else moves.
    """
    held = set(dense)
    out = list(fused)
    for rank, pid in enumerate(lexical[:max(unseen_depth, rejected_depth)]):
        if pid in held or rank >= (rejected_depth if has_vector(pid) else unseen_depth):
            continue
        at = next((i for i, (other, _) in enumerate(out) if other == pid), len(out))
        if at <= rank:
            continue
        if at < len(out):
            out.pop(at)
        out.insert(rank, (pid, out[rank][1] if rank < len(out) else 0.0))
    return out


def fuse(lexical: Sequence[str], dense: Sequence[str], has_vector, weight: float = 1.0) -> list[tuple[str, float]]:
    """The hybrid ranking: weighted RRF of the BM25 and dense lists, then ``keep_unjudged``; best first."""
    return keep_unjudged(rrf([lexical, dense], weights=[1.0, weight]), lexical, dense, has_vector)
