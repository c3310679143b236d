"""Spec rule 12 as properties: ``on_record`` is determinate, scenarios meet their route, a full record has none."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.core import classify
from assistant.core.models import FORM_PRECEDENCE
from tests.core.strategies import BOOL_FIELDS, ENUM_FIELDS, event_dates, facts_dicts

PROPERTY = settings(max_examples=200, deadline=None, derandomize=True)
SCOPE_START = date(2014, 3, 15)

#: Every liability fact known (the event date may still be unknown: then current law, as in the verdict).
known_facts = st.fixed_dictionaries(
    {"event_date": event_dates.filter(lambda d: d is None or d >= SCOPE_START),
     **{name: st.sampled_from(list(values)) for name, values in ENUM_FIELDS.items()},
     **{name: st.booleans() for name in BOOL_FIELDS}},
)


@PROPERTY
@given(facts_dicts)
def test_on_record_is_never_undetermined_from_2014_03_15(data):
    """Rule 12: every unknown resolved by the burden of proof leaves no route blocked."""
    verdict = classify(data)
    in_scope = data["event_date"] is None or data["event_date"] >= SCOPE_START
    assert (verdict.on_record != "undetermined") == in_scope


@PROPERTY
@given(facts_dicts)
def test_setting_a_scenarios_requires_meets_that_route_with_that_form(data):
    """Rule 12: each scenario's facts, once set, make its route met in the trace with the scenario's form."""
    verdict = classify(data)
    for scenario in verdict.scenarios:
        assert all(data.get(fact) is None for fact in scenario.requires), scenario
        proved = classify({**data, **scenario.requires})
        met = [e for e in proved.trace if e.outcome == "met" and e.citations and e.citations[0] == scenario.route]
        assert any(e.form == scenario.form for e in met), (scenario, [(e.rule, e.outcome, e.form) for e in proved.trace])


@PROPERTY
@given(facts_dicts)
def test_scenarios_are_minimal_ordered_and_only_from_blocked_routes(data):
    """Within a route no scenario's requires strictly contains another's; forms come in precedence order."""
    verdict = classify(data)
    ranks = [FORM_PRECEDENCE.index(s.form) for s in verdict.scenarios]
    assert ranks == sorted(ranks)
    for a in verdict.scenarios:
        for b in verdict.scenarios:
            # CPL-44-1 leads two routes (rule 4 identity, rule 5 promise): minimality is per route, not per id
            if a is not b and a.route == b.route and a.route != "CPL-44-1":
                assert not set(a.requires.items()) < set(b.requires.items()), (a, b)
    blocked = any(e.outcome == "blocked" for e in verdict.trace if e.rule not in ("burden", "law_as_of"))
    promise_unknown = data["advance_compensation_promised"] is None
    if not blocked and not promise_unknown:
        assert verdict.scenarios == []


@PROPERTY
@given(known_facts)
def test_a_full_record_has_no_scenario_and_on_record_equals_the_verdict(data):
    """No unknown fact: nothing to prove, and the record is the verdict."""
    verdict = classify(data)
    assert verdict.scenarios == []
    assert verdict.on_record == verdict.liability_form


@PROPERTY
@given(facts_dicts)
def test_skipping_scenarios_changes_nothing_else(data):
    """``classify(..., scenarios=False)``: the same verdict without the scenario search."""
    full = classify(data).model_dump(mode="json")
    quick = classify(data, scenarios=False).model_dump(mode="json")
    assert quick.pop("scenarios") == []
    full.pop("scenarios")
    assert quick == full


@PROPERTY
@given(facts_dicts)
def test_on_record_shortcut_equals_the_full_re_evaluation(data):
    """The engine reuses an established form as on_record; the full rule 12 re-evaluation must agree."""
    from assistant.core.conditional import on_record
    from assistant.core.models import ClaimFacts
    from assistant.core.routes import build_context

    verdict = classify(data)
    facts = ClaimFacts.model_validate(data)
    ctx = build_context(facts)
    if ctx.on >= SCOPE_START:
        assert on_record(facts, ctx, "qin2025") == verdict.on_record
