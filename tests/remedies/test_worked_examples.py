"""Spec 7.9/7.12: the six worked examples, complete, against tests/remedies/remedies_examples.json.

That file is the spec's ``remedies_examples.json`` with the corrections of spec 7.13 applied (listed in README.md
beside it). Notes compare by their 【code】 and missing facts by name, as in the spec's appendix; each object's
``trace`` is checked separately.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.core import classify
from assistant.core.registry import REGISTRY

EXAMPLES = json.loads((Path(__file__).parent / "remedies_examples.json").read_text(encoding="utf-8"))


def _as_in_appendix(obj: dict) -> dict:
    """The object as the appendix writes it: no trace, notes as codes, missing facts as names."""
    out = {k: v for k, v in obj.items() if k != "trace"}
    out["notes"] = [note[1:note.index("】")] for note in obj["notes"]]
    out["missing_facts"] = [m["fact"] for m in obj["missing_facts"]]
    return out


@pytest.mark.parametrize("example", EXAMPLES, ids=[e["name"] for e in EXAMPLES])
def test_worked_example(example):
    """Liability form and regimes as sections 4–6 give them; remedies, limitation and forum exactly as expected."""
    verdict = classify(example["facts"]).model_dump(mode="json")
    expect = example["expect"]
    assert verdict["liability_form"] == expect["liability_form"]
    assert verdict["regimes"] == expect["regimes"]
    for name in ("remedies", "limitation", "forum"):
        assert _as_in_appendix(verdict[name]) == expect[name], name


@pytest.mark.parametrize("example", EXAMPLES, ids=[e["name"] for e in EXAMPLES])
def test_worked_example_trace_names_registered_rules(example):
    """Each object's trace lists registered section-7 rules, each once, with their outcome and citations."""
    verdict = classify(example["facts"])
    for name in ("remedies", "limitation", "forum"):
        rules = [entry["rule"] for entry in getattr(verdict, name)["trace"]]
        assert rules and len(rules) == len(set(rules))
        assert all(rule in REGISTRY for rule in rules)


def test_ex1_headline_figures():
    """ex1: 3,750.00 yuan under FSL-148-2 (three times the loss beats ten times the price), platform until 2028-03-15."""
    verdict = classify(EXAMPLES[0]["facts"])
    assert verdict.remedies["punitive"]["recommended"] == {"basis": "FSL-148-2", "amount": "3750.00",
                                                           "amount_kind": "exact"}
    platform = next(c for c in verdict.limitation["claims"] if c["against"] == "platform")
    assert (platform["expiry_date"], platform["days_left"], platform["status"]) == ("2028-03-15", 470, "running")


def test_liability_part_is_unchanged_by_section_7():
    """S1: the liability fields are what classify gives without the new facts (the section-7 facts change nothing)."""
    new_fields = {"price_paid", "loss_amount", "injury_severity", "goods_nonconforming", "label_defect_only",
                  "seller_knowingly_sold", "fraud", "consumer_knew_at_purchase", "harm_discovered_date",
                  "limitation_events", "limitation_obstacles", "forum_clause"}
    for example in EXAMPLES:
        with_new = classify(example["facts"]).model_dump(mode="json")
        without = classify({k: v for k, v in example["facts"].items() if k not in new_fields}).model_dump(mode="json")
        for key in ("liability_form", "regimes", "citations", "trace", "missing_facts", "notes"):
            assert with_new[key] == without[key], (example["name"], key)
