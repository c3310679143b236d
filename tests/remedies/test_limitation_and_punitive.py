"""Issue 18: triage builds only ``limitation`` and the punitive recommendation of section 7; they must equal the
full section 7's, on generated section-7 facts and on the core bench's fixed claims, under every profile."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.core import DOCTRINES, classify
from tests.remedies.strategies import advice_facts


def _check(facts, doctrine: str) -> None:
    full = classify(facts, doctrine=doctrine)                      # eager section 7, with its trace
    batch = classify(facts, doctrine=doctrine, trace=False)        # section 7 pending
    limitation, recommended = batch.limitation_and_punitive()
    assert batch.__pydantic_private__["_pending"] is not None      # nothing was attached to the verdict
    assert limitation == {**full.limitation, "trace": []}          # batch paths keep no section-7 trace
    assert recommended == full.remedies["punitive"]["recommended"]
    # after section 7 has run, the method reads the verdict's own objects
    batch.resolve()
    assert batch.limitation_and_punitive() == (limitation, recommended)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(advice_facts(), st.sampled_from(DOCTRINES))
def test_limitation_and_punitive_equal_the_full_section_7(data, doctrine):
    """Generated facts with remedies, limitation events and obstacles: the same limitation and recommendation."""
    _check(data, doctrine)


def test_limitation_and_punitive_on_the_bench_claims():
    """The first 1,500 of bench.classify's fixed claims, under the default profile."""
    from bench.classify import fixed_facts

    claims = fixed_facts(1500)
    assert len(claims) == 1500
    for facts in claims:
        _check(facts, "qin2025")
