"""Ranking metrics."""

import pytest

from assistant.retrieval.metrics import hit_at_k, ndcg_at_k, recall_at_k, reciprocal_rank


def test_recall_and_hit():
    ranked = ["a", "b", "c", "d"]
    assert recall_at_k(ranked, {"b", "z"}, 2) == 0.5
    assert recall_at_k(ranked, {"d"}, 3) == 0.0
    assert hit_at_k(ranked, {"c", "z"}, 3) == 1.0
    assert recall_at_k(ranked, set(), 5) == 0.0


def test_reciprocal_rank():
    assert reciprocal_rank(["a", "b", "c"], {"c"}) == pytest.approx(1 / 3)
    assert reciprocal_rank(["a"], {"z"}) == 0.0


def test_ndcg():
    assert ndcg_at_k(["a", "b"], {"a", "b"}, 10) == pytest.approx(1.0)
    assert ndcg_at_k(["x", "a"], {"a"}, 10) == pytest.approx(1 / 1.5849625, rel=1e-6)
    assert ndcg_at_k(["x"], {"a"}, 10) == 0.0
