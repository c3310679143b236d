"""The batch path ``classify(..., trace=False)`` gives the same verdict as the full path, trace excluded.

Compared as ``model_dump_json()`` over 3,000 generated claims (bench.classify's fixed set, every profile in turn)
and over hypothesis facts with the section-7 fields; the full path's ``model_construct`` is checked against a
validated Verdict of its own dump.
"""

from __future__ import annotations

import copy
import json
import pickle

import pytest
from hypothesis import given, settings

from assistant.core import DOCTRINES, ClaimFacts, Verdict, classify
from assistant.core.batch import ADVICE_FIELDS, BatchVerdict
from bench.classify import fixed_facts
from tests.core.strategies import facts_dicts
from tests.remedies.strategies import advice_facts


def _without_trace(verdict: Verdict) -> dict:
    """The verdict's JSON with the liability trace and the section-7 objects' traces emptied."""
    data = json.loads(verdict.model_dump_json())
    data["trace"] = []
    for name in ADVICE_FIELDS:
        if "trace" in data[name]:
            data[name]["trace"] = []
    return data


@pytest.fixture(scope="module")
def generated() -> list[ClaimFacts]:
    """3,000 claims drawn with bench.classify's fixed seed (every field's domain, unknowns, date boundaries)."""
    return fixed_facts(3000)


def test_batch_equals_full_on_3000_claims(generated):
    """trace=False changes no field but the traces, with and without scenarios, under every profile."""
    for i, facts in enumerate(generated):
        doctrine = DOCTRINES[i % len(DOCTRINES)]
        scenarios = i % 3 != 0
        full = classify(facts, doctrine=doctrine, scenarios=scenarios)
        batch = classify(facts, doctrine=doctrine, scenarios=scenarios, trace=False)
        assert isinstance(batch, BatchVerdict) and batch.trace == []
        assert json.loads(batch.model_dump_json()) == _without_trace(full), (doctrine, facts)


def test_full_path_equals_validated_verdict(generated):
    """model_construct in the hot path builds exactly what validation builds (byte-identical JSON, equal)."""
    for facts in generated[:1000]:
        full = classify(facts)
        again = Verdict.model_validate(full.model_dump())
        assert again == full
        assert again.model_dump_json() == full.model_dump_json()


@settings(max_examples=150, deadline=None, derandomize=True)
@given(advice_facts())
def test_batch_equals_full_with_section_7_facts(data):
    """The section-7 facts (price, severity, limitation events …) give the same objects on the batch path."""
    full = classify(data)
    assert json.loads(classify(data, trace=False).model_dump_json()) == _without_trace(full)


@settings(max_examples=100, deadline=None, derandomize=True)
@given(facts_dicts)
def test_trace_requested_is_the_full_trace(data):
    """trace=True (the default) is exactly the trace the engine always gave: each entry names a rule."""
    full = classify(data, trace=True)
    assert full.model_dump_json() == classify(data).model_dump_json()
    assert full.trace and all(entry.rule for entry in full.trace)


def test_section_7_runs_on_first_use_only(generated):
    """A batch verdict holds section 7 pending; reading any field of it, a dump, a copy or pickling resolves it."""
    facts = generated[5]
    expected = _without_trace(classify(facts))
    for use in (lambda v: v.remedies, lambda v: getattr(v, "limitation", None), lambda v: v.model_dump(),
                lambda v: copy.deepcopy(v), lambda v: pickle.dumps(v), lambda v: v.model_copy()):
        batch = classify(facts, trace=False)
        assert "remedies" not in batch.__dict__
        assert batch.liability_form == expected["liability_form"]
        use(batch)
        assert set(ADVICE_FIELDS) <= set(batch.__dict__)
        assert json.loads(batch.model_dump_json()) == expected
    with pytest.raises(AttributeError):
        classify(facts, trace=False).no_such_field
