"""The pure scoring functions of evals.metrics."""

from __future__ import annotations

import pytest

from evals import metrics


def test_set_prf_counts_each_side():
    prf = metrics.set_prf(["ECL-38-2", "CC-1198-2"], ["ECL-38-2", "QIN-5.4.2", "QIN-3.2.2"])
    assert prf["recall"] == pytest.approx(0.5)
    assert prf["precision"] == pytest.approx(1 / 3)
    assert prf["f1"] == pytest.approx(2 * 0.5 * (1 / 3) / (0.5 + 1 / 3))


def test_set_prf_empty_sets():
    assert metrics.set_prf([], []) == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert metrics.set_prf([], ["X"])["precision"] == 0.0
    assert metrics.set_prf(["X"], [])["recall"] == 0.0


def test_alternatives_match_either_id_once():
    assert metrics.same_set(["TLL-36-3|CPL-44-2"], ["CPL-44-2"])
    assert metrics.same_set(["TLL-36-3|CPL-44-2"], ["TLL-36-3"])
    assert not metrics.same_set(["TLL-36-3|CPL-44-2"], ["TLL-36-3", "CPL-44-2"])  # one item, two ids
    assert not metrics.same_set(["A", "B"], ["A"])
    assert metrics.same_set(["A", "B"], ["B", "A"])  # order does not matter


def test_field_agreement_only_scores_expected_fields():
    got = metrics.field_agreement({"a": 1, "b": True}, {"a": 1, "b": False, "c": 3}, ["a", "b", "c"])
    assert got == {"a": True, "b": False}


def test_rate_and_mean_of_nothing_is_none():
    assert metrics.rate([]) is None
    assert metrics.mean([None, None]) is None
    assert metrics.rate([True, False, True, True]) == 0.75
    assert metrics.mean([1.0, None, 3.0]) == 2.0


def test_confusion_matrix_rows_expected_columns_actual():
    cm = metrics.confusion_matrix([("a", "a"), ("a", "b"), ("b", "b"), ("c", "a")], labels=["b", "a"])
    assert cm["labels"] == ["b", "a", "c"]
    assert cm["matrix"] == [[1, 0, 0], [1, 1, 0], [0, 1, 0]]


def test_per_label_prf():
    out = metrics.per_label_prf([("a", "a"), ("a", "b"), ("b", "b")])
    assert out["a"] == {"precision": 1.0, "recall": 0.5, "f1": pytest.approx(2 / 3), "support": 2}
    assert out["b"]["precision"] == 0.5 and out["b"]["recall"] == 1.0


def test_catch_rate_separates_defects_from_clean():
    out = metrics.catch_rate([(True, True), (True, False), (False, False), (False, True), (True, True)])
    assert out["catch_rate"] == pytest.approx(2 / 3)
    assert out["false_alarm_rate"] == 0.5
    assert (out["defective"], out["clean"], out["caught"], out["false_alarms"]) == (3, 2, 2, 1)
