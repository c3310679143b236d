"""Reciprocal-rank fusion."""

import pytest

from assistant.retrieval.hybrid import rrf


def test_rrf_scores_follow_the_formula():
    fused = dict(rrf([["a", "b"], ["b", "c"]], k=60))
    assert fused["a"] == pytest.approx(1 / 61)
    assert fused["b"] == pytest.approx(1 / 62 + 1 / 61)
    assert fused["c"] == pytest.approx(1 / 62)


def test_agreement_beats_a_single_first_place():
    assert [pid for pid, _ in rrf([["a", "b"], ["b", "c"]])][0] == "b"


def test_ties_keep_first_seen_order():
    assert [pid for pid, _ in rrf([["x"], ["y"]])] == ["x", "y"]
    assert [pid for pid, _ in rrf([["y"], ["x"]])] == ["y", "x"]


def test_empty_lists():
    assert rrf([[], []]) == []
    assert [pid for pid, _ in rrf([[], ["a"]])] == ["a"]


def test_weighted_rrf_and_zero_weight():
    fused = dict(rrf([["a", "b"], ["b", "c"]], weights=[1.0, 0.5]))
    assert fused["b"] == pytest.approx(1 / 62 + 0.5 / 61)
    assert fused["c"] == pytest.approx(0.5 / 62)
    # a list of weight 0 adds nothing: the fusion is the other list, in its order
    assert [pid for pid, _ in rrf([["a", "b"], ["c", "b"]], weights=[1.0, 0.0])] == ["a", "b"]
    with pytest.raises(ValueError):
        rrf([["a"]], weights=[1.0, 1.0])


def test_dense_weight_is_the_covered_share_of_bm25s_top():
    from assistant.retrieval.hybrid import dense_weight

    has_vector = {"a", "c"}.__contains__
    assert dense_weight(["a", "b", "c", "d", "e", "f"], has_vector) == pytest.approx(2 / 5)
    assert dense_weight(["b", "d"], has_vector) == 0.0
    assert dense_weight([], has_vector) == 1.0  # BM25 found nothing: the dense side decides
