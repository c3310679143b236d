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
