"""Extraction accuracy on the labelled narratives must not fall below the floors recorded in evals/floors.yaml.

Measured with `python -m assistant.triage.evaluate` (issue 14): ``dev`` = narratives.yaml + registers_dev.yaml
(rules are changed against these), ``heldout`` = heldout.yaml + registers_heldout.yaml (never used to change
rules). accuracy = share of (narrative, field) pairs whose extracted value equals the label (unknown == unknown
counts); the wrong-value rate (a value set that contradicts the label) is checked apart, because a wrong value
flips a verdict where an unknown only asks a question.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from assistant.triage.evaluate import load_split, recovered, score, totals

FLOORS = yaml.safe_load((Path(__file__).resolve().parents[2] / "evals" / "floors.yaml").read_text(encoding="utf-8"))[
    "extraction"]


@pytest.fixture(scope="module", params=["dev", "heldout"])
def split(request):
    cases = load_split(request.param)
    return request.param, cases, score(cases)


def test_splits_are_large_and_in_six_registers() -> None:
    dev, held = load_split("dev"), load_split("heldout")
    ids = [c["id"] for c in dev + held]
    assert len(ids) >= 300 and len(set(ids)) == len(ids)
    new = [c for c in dev + held if c.get("register")]
    registers = Counter(c["register"] for c in new)
    assert set(registers) >= {"complaint", "wechat", "intake", "pleading", "transcript", "english"}
    held_new = sum(1 for c in held if c.get("register"))
    assert 0.25 <= held_new / len(new) <= 0.35  # about 30% held out


def test_accuracy_and_wrong_rate_floors(split) -> None:
    name, cases, scores = split
    floors = FLOORS[name]
    acc, wrong = totals(scores)
    assert acc + 1e-9 >= floors["accuracy"], f"{name}: accuracy {acc:.4f} below the floor {floors['accuracy']}"
    assert wrong <= floors["wrong_rate_max"] + 1e-9, f"{name}: wrong-value rate {wrong:.4f} above {floors['wrong_rate_max']}"
    right, labelled = recovered(scores)
    assert right / labelled + 1e-9 >= floors["recovered"]
