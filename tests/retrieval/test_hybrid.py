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


def test_dense_weight_gates_on_coverage_of_bm25s_top():
    from assistant.retrieval.hybrid import dense_weight

    has_vector = {"a", "c"}.__contains__
    assert dense_weight(["b", "d", "e", "f", "g", "a"], has_vector) == 0.0  # "a" is sixth: outside the top 5
    assert dense_weight(["b", "d", "c"], has_vector) == 1.0
    assert dense_weight(["b", "d"], has_vector) == 0.0
    assert dense_weight([], has_vector) == 1.0  # BM25 found nothing: the dense side decides


def test_passage_without_vector_keeps_its_bm25_rank():
    from assistant.retrieval.hybrid import fuse

    # "n" (no vector) is BM25's first; the dense list agrees on x and y, which plain RRF puts above it
    lexical, dense = ["n", "x", "y"], ["x", "y", "z"]
    has_vector = {"x", "y", "z"}.__contains__
    assert [pid for pid, _ in rrf([lexical, dense])][:2] == ["x", "y"]
    fused = fuse(lexical, dense, has_vector)
    assert [pid for pid, _ in fused] == ["n", "x", "y", "z"]
    scores = [s for _, s in fused]
    assert scores == sorted(scores, reverse=True)  # it takes the score of the place it takes


def test_only_bm25s_top_three_unseen_passages_are_kept():
    from assistant.retrieval.hybrid import fuse

    lexical, dense = ["a", "b", "c", "n4"], ["x", "y", "z", "w", "v"]
    has_vector = {"a", "x", "y", "z", "w", "v"}.__contains__
    ids = [pid for pid, _ in fuse(lexical, dense, has_vector)]
    # "a" has a vector and is BM25's first but the dense list lacks it: kept first; "b", "c" (no vectors) keep 2, 3
    assert ids[:3] == ["a", "b", "c"]
    # "n4" is BM25's fourth: plain RRF decides its place
    assert ids.index("n4") == [pid for pid, _ in rrf([lexical, dense])].index("n4")


def test_a_passage_the_dense_side_ranked_is_not_moved():
    from assistant.retrieval.hybrid import fuse

    # "a" has a vector and the dense list holds it (last): the dense side judged it, RRF decides
    lexical, dense = ["a", "b"], ["x", "y", "b", "a"]
    has_vector = {"a", "b", "x", "y"}.__contains__
    assert fuse(lexical, dense, has_vector) == rrf([lexical, dense])
