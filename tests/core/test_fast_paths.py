"""Issue 18: the engine's fast paths give exactly the verdicts of the plain ones they replace.

The fast paths: rule 12's search on attribute views of the assumed facts, in child contexts sharing the claim's
law dates, skipping the values that fail a single-value element, deciding a route blocked on single-value facts
by its full assignment alone; ``on_record`` stopping at a bar of rule 3;
contexts built without the frozen dataclass's ``__init__``; profile citations from a table. Each is compared with
a plain reference (the code as it was before issue 18, kept here) on generated claims, element by element and as
whole verdicts (``model_dump_json``, trace on and off). The full byte-for-byte check over 36,626 cases is in
``bench/ISSUE18.md`` (Core speed).
"""

from __future__ import annotations

import sys
from dataclasses import fields
from datetime import date
from typing import Any

import pytest

import assistant.core.conditional as conditional
import assistant.core.engine as engine
import assistant.core.registry as registry
from assistant.core import DOCTRINES, ClaimFacts, classify
from assistant.core.conditional import _POS, DOMAIN, _BOOL, _assume, copy_facts, resolved_facts
from assistant.core.models import Scenario
from assistant.core.doctrine import _cite
from assistant.core.law_as_of import law_id
from assistant.core.registry import Context
from assistant.core.routes import RANK, build_context, child_context, decide, evaluate, profile_route
from bench.classify import fixed_facts

N = 500


@pytest.fixture(scope="module")
def claims() -> list[ClaimFacts]:
    """500 claims from a seed of their own (every field's domain, unknowns, rule 1's date boundaries)."""
    return fixed_facts(N, seed=18)


def _plain_search(facts, run, start, first):
    """Rule 12's search as before issue 18: every value of every blocking fact tried on a ClaimFacts copy."""
    met, met_keys, seen, frontier = [], [], set(), [(start, first)]
    while frontier:
        following = []
        for assign, res in frontier:
            for fact in res.unknown:
                if fact in assign:
                    continue
                for value in DOMAIN.get(fact, _BOOL):
                    child = {**assign, fact: value}
                    key = frozenset(child.items())
                    if key in seen or any(m <= key for m in met_keys):
                        continue
                    seen.add(key)
                    result = run(copy_facts(facts, child))
                    if result.outcome == "met" and result.form is not None:
                        met.append((child, result))
                        met_keys.append(key)
                    elif result.outcome == "blocked":
                        following.append((child, result))
        frontier = following
    return [(a, r) for a, r in met if not any(k < frozenset(a.items()) for k in met_keys)]


def _plain_on_record(facts: ClaimFacts, ctx: Context, profile: str) -> str:
    """``on_record`` as before issue 18: every route evaluated on the resolved facts, in a fresh context."""
    ev = evaluate(build_context(resolved_facts(facts, ctx)), profile)
    route_38_2 = ev.route
    if profile == "qin2025" and facts.consumer_prima_facie_evidence is True and (
            facts.qualification_review_done is None or facts.safety_duty_done is None):
        shifted = resolved_facts(facts, ctx, duties_not_done=True)
        route_38_2 = profile_route(build_context(shifted), profile, ev.bar)[0]
    return decide(ev.base + [route_38_2], ev.bar)[0]


def _plain_scenarios(facts, ctx, ev, profile):
    """``scenarios`` as before the early exit: a closure, a sort, every route looked at, every claim."""
    found = []

    def add(seq, assignments):
        for assign, res in assignments:
            requires = {k: assign[k] for k in sorted(assign, key=lambda name: _POS.get(name, len(_POS)))}
            found.append(((RANK[res.form], seq, len(requires), len(found)),
                          Scenario(route=res.regime, form=res.form, requires=requires)))

    for seq, route in enumerate(ev.ordered):
        if route.outcome == "blocked":
            add(seq, conditional._search(facts, conditional._route_evaluator(route.rule, profile, ctx), {}, route))
    if facts.advance_compensation_promised is None and ev.bar is None and not ctx.seller_route:
        run = conditional._route_evaluator("promise", profile, ctx)
        start = {"advance_compensation_promised": True}
        first = run(conditional._assume(facts, start))
        entries = [(start, first)] if first.outcome == "met" else (
            conditional._search(facts, run, start, first) if first.outcome == "blocked" else [])
        add(len(ev.ordered), entries)
    return [scenario for _, scenario in sorted(found, key=lambda item: item[0])]


def _plain_alternatives(ctx, ev, doctrine):
    """``doctrine.alternatives`` as before the decide-only path: each other profile's 38(2) route evaluated."""
    return {other: decide(ev.base + [profile_route(ctx, other, None)[0]], None)[0]
            for other in DOCTRINES if other != doctrine}


@pytest.fixture
def plain_engine(monkeypatch):
    """The engine with every fast path of rule 12 (and the decide-only alternatives) replaced by its plain
    reference."""
    monkeypatch.setattr(engine, "_alternatives", _plain_alternatives)
    monkeypatch.setattr(conditional, "_search", _plain_search)
    monkeypatch.setattr(conditional, "_assume", copy_facts)
    monkeypatch.setattr(conditional, "child_context", lambda parent, facts: build_context(facts))
    monkeypatch.setattr(engine, "_on_record", _plain_on_record)
    monkeypatch.setattr(engine, "_scenarios", _plain_scenarios)
    # every rule module bound ``start`` at import: each gets the dataclass constructor back
    for module in list(sys.modules.values()):
        if getattr(module, "__name__", "").startswith("assistant.core.") and getattr(module, "start", None) is (
                registry._fast_start):
            monkeypatch.setattr(module, "start", registry._plain_start)


def test_fast_and_plain_engines_give_identical_verdicts(claims, plain_engine, monkeypatch):
    """Whole verdicts, byte for byte, under every profile, trace on and off: fast paths against plain ones."""
    plain = {}
    for i, facts in enumerate(claims):
        doctrine = DOCTRINES[i % len(DOCTRINES)]
        plain[i] = (classify(facts, doctrine=doctrine).model_dump_json(),
                    classify(facts, doctrine=doctrine, trace=False).model_dump_json())
    assert registry.REGISTRY["ecl_38_2"].func.__globals__["start"] is registry._plain_start
    monkeypatch.undo()
    assert conditional._search is not _plain_search   # the fast engine is back
    assert registry.REGISTRY["ecl_38_2"].func.__globals__["start"] is registry._fast_start
    for i, facts in enumerate(claims):
        doctrine = DOCTRINES[i % len(DOCTRINES)]
        assert classify(facts, doctrine=doctrine).model_dump_json() == plain[i][0], (doctrine, facts)
        assert classify(facts, doctrine=doctrine, trace=False).model_dump_json() == plain[i][1], (doctrine, facts)


def _counting(run, key: str, tried: dict[str, int]):
    """``run`` that adds one to ``tried[key]`` per route evaluation (the searches' cost, compared across paths)."""
    def wrapped(facts: Any):
        tried[key] += 1
        return run(facts)
    return wrapped


def test_pruned_search_finds_the_same_assignments(claims):
    """Skipping the values that fail a single-value element loses no scenario (and the pruning does happen)."""
    tried = {"plain": 0, "fast": 0}

    searched = 0
    for facts in claims:
        ctx = build_context(facts)
        ev = evaluate(ctx, "qin2025")
        for route in ev.ordered:
            if route.outcome != "blocked":
                continue
            run = conditional._route_evaluator(route.rule, "qin2025", ctx)
            fast = conditional._search(facts, _counting(run, "fast", tried), {}, route)
            plain = _plain_search(facts, _counting(run, "plain", tried), {}, route)
            assert [(a, r.form, r.regime) for a, r in fast] == [(a, r.form, r.regime) for a, r in plain], facts
            searched += 1
    assert searched > 100
    assert tried["fast"] < tried["plain"] * 0.85, tried


def test_on_record_stops_at_a_bar_exactly(claims):
    """``on_record`` with its bar shortcut equals the full re-evaluation, under every profile."""
    undetermined = 0
    for facts in claims:
        ctx = build_context(facts)
        for profile in DOCTRINES:
            assert conditional.on_record(facts, ctx, profile) == _plain_on_record(facts, ctx, profile), facts
        undetermined += classify(facts, scenarios=False).liability_form == "undetermined"
    assert undetermined > 50


def test_child_context_and_assumed_facts_match_the_plain_ones(claims):
    """A child context equals a fresh one for the same facts; an assumed-facts view reads as a ClaimFacts copy."""
    update = {"harm": "personal_injury", "category": "food", "platform_role": "marketplace", "causation": True}
    for facts in claims[:200]:
        parent = build_context(facts)
        copied = copy_facts(facts, update)
        assert child_context(parent, copied) == build_context(copied)
        assert type(build_context(facts)) is Context and build_context(facts) == Context(**vars(parent))
        assert vars(_assume(facts, update)) == dict(copied)


@pytest.mark.parametrize("on", [date(2014, 3, 15), date(2020, 12, 31), date(2021, 1, 1), date(2024, 9, 27)])
def test_profile_citations_table_follows_rule_1(on):
    """The profiles' citation table gives each id as ``law_id`` does on the event date (TLL before 2021)."""
    ctx = build_context(ClaimFacts(event_date=on))
    ids = ("CC-1172", "CC-1198-2", "CC-1168", "CC-178-2", "QIN-3.2.3")
    assert _cite(ctx, *ids) == [law_id(pid, on) for pid in ids]


def test_routes_read_harm_only_as_damage_or_not(claims):
    """Rule 12's search evaluates property loss as personal injury: every route must decide them alike."""
    compared = 0
    for facts in claims[:300]:
        ctx = build_context(facts)
        for rule_id in ("self_operated", "identity", "promise", "knowledge", "food_review", "ecl_38_2"):
            for profile in ("qin2025", "intent_split"):
                run = conditional._route_evaluator(rule_id, profile, ctx)
                injury = run(copy_facts(facts, {"harm": "personal_injury"}))
                loss = run(copy_facts(facts, {"harm": "property_loss"}))
                seen = ("outcome", "form", "unknown", "regime", "citations", "detail")
                assert [getattr(injury, a) for a in seen] == [getattr(loss, a) for a in seen], (rule_id, facts)
                assert [(e.name, e.ok, e.facts) for e in injury.elements] == [
                    (e.name, e.ok, e.facts) for e in loss.elements], (rule_id, facts)
                compared += 1
    assert compared == 300 * 12


def test_fast_start_builds_the_dataclass_result():
    """Every registered rule's fresh result: the fast constructor equals the dataclass's, lists not shared."""
    for rule_id in registry.REGISTRY:
        fast, plain = registry._fast_start(rule_id), registry._plain_start(rule_id)
        assert type(fast) is registry.RuleResult
        assert [getattr(fast, f.name) for f in fields(fast)] == [getattr(plain, f.name) for f in fields(plain)]
        fast.citations.append("X")
        assert registry._fast_start(rule_id).citations == [] and fast.elements == [] and fast.notes == []
    assert registry.start is registry._fast_start


def _breadth_first_only(facts, run, start, first):
    """Rule 12's search without the full-assignment shortcut and without predicted nodes: the breadth-first
    search evaluating every assignment it reaches."""
    saved, conditional.LOCAL_FACTS = conditional.LOCAL_FACTS, {}
    try:
        return conditional._breadth_first(facts, run, start, first, {})
    finally:
        conditional.LOCAL_FACTS = saved


def test_full_assignment_first_gives_the_breadth_first_scenarios(claims, monkeypatch):
    """Whole verdicts with scenarios, every profile, trace on and off: the shortcut against the breadth-first
    search it skips, which must be what decides (each verdict's scenarios compared in order)."""
    with_scenarios = 0
    fast = {}
    for i, facts in enumerate(claims):
        for doctrine in DOCTRINES:
            verdict = classify(facts, doctrine=doctrine, trace=bool(i % 2))
            fast[i, doctrine] = verdict.model_dump_json()
            with_scenarios += bool(verdict.scenarios)
    monkeypatch.setattr(conditional, "_search", _breadth_first_only)
    for i, facts in enumerate(claims):
        for doctrine in DOCTRINES:
            plain = classify(facts, doctrine=doctrine, trace=bool(i % 2)).model_dump_json()
            assert plain == fast[i, doctrine], (doctrine, facts)
    assert with_scenarios > 500


def test_full_assignment_first_search_by_search(claims):
    """Each search (every blocked route and the promise entry, every profile): the same assignments in the same
    order, key order included, with the same forms and regimes; most searches decided by at most one evaluation
    (by none when every blocking fact is local), fewer in all."""
    tried = {"fast": 0, "plain": 0}
    one_evaluation = none = searches = 0

    for facts in claims:
        ctx = build_context(facts)
        for profile in DOCTRINES:
            ev = evaluate(ctx, profile)
            starts = [(route.rule, {}, route) for route in ev.ordered if route.outcome == "blocked"]
            if facts.advance_compensation_promised is None and ev.bar is None and not ctx.seller_route:
                run = conditional._route_evaluator("promise", profile, ctx)
                start = {"advance_compensation_promised": True}
                first = run(_assume(facts, start))
                if first.outcome == "blocked":
                    starts.append(("promise", start, first))
            for rule_id, start, first in starts:
                run = conditional._route_evaluator(rule_id, profile, ctx)
                before = tried["fast"]
                fast = conditional._search(facts, _counting(run, "fast", tried), start, first)
                plain = _breadth_first_only(facts, _counting(run, "plain", tried), start, first)
                assert [(list(a.items()), r.form, r.regime) for a, r in fast] == [
                    (list(a.items()), r.form, r.regime) for a, r in plain], (rule_id, profile, facts)
                searches += 1
                one_evaluation += tried["fast"] - before <= 1
                none += tried["fast"] == before
    assert searches > 1000 and one_evaluation > searches * 0.7, (searches, one_evaluation)
    assert none > searches * 0.5, (searches, none)   # blocked on local facts only: met as blocked, not evaluated
    assert tried["fast"] < tried["plain"] * 0.8, tried


def test_decide_only_alternatives_equal_the_evaluated_routes(claims):
    """``doctrine.alternatives`` decided from the elements already evaluated equals each other profile's route
    evaluated and decided, for every claim under every profile where the route is reached and no bar holds."""
    from assistant.core.routes import alternatives

    compared, rebutted, forms = 0, 0, set()
    proved = {"consumer_prima_facie_evidence": True, "platform_proved_compliance": True}
    drawn = claims + fixed_facts(1500, seed=1818)
    # and each drawn claim with the burden shifted and the platform's proof given (the rebuttal of rule 8)
    for facts in drawn + [copy_facts(facts, proved) for facts in drawn]:
        ctx = build_context(facts)
        for doctrine in DOCTRINES:
            ev = evaluate(ctx, doctrine)
            if ev.bar is not None or ev.route.outcome not in ("met", "blocked", "rebutted"):
                continue
            fast = alternatives(ctx, ev, doctrine)
            assert list(fast.items()) == list(_plain_alternatives(ctx, ev, doctrine).items()), (doctrine, facts)
            compared += 1
            forms.update(fast.values())
            rebutted += doctrine != "qin2025" and profile_route(ctx, "qin2025", None)[0].outcome == "rebutted"
    assert compared > 500 and rebutted > 10, (compared, rebutted)
    assert {"undetermined", "advance_compensation", "proportional", "supplementary", "joint_and_several",
            "proportional_joint"} <= forms, forms


def test_local_facts_only_satisfy_their_own_element(claims):
    """What the searches predict without evaluating: a blocked route given the value it needs for a local fact
    (``LOCAL_FACTS``) stays blocked on its other facts, in order, or is met with its form and regime when that was
    the last one; and each breadth-first search finds the same assignments with the prediction (from a node's
    parent, or from its non-local part: ``_predicted``) as without it, with fewer evaluations."""
    checked = met_checked = 0
    tried = {"predicting": 0, "evaluating": 0}

    for facts in claims + fixed_facts(500, seed=1819):
        ctx = build_context(facts)
        for profile in DOCTRINES:
            for route in evaluate(ctx, profile).ordered:
                if route.outcome != "blocked":
                    continue
                run = conditional._route_evaluator(route.rule, profile, ctx)
                needs = conditional._needs(route)
                for fact in conditional._local_facts(facts, route) & set(route.unknown):
                    if route.unknown.count(fact) != 1:
                        continue
                    value = needs[fact] if fact in needs else "personal_injury"
                    child = run(_assume(facts, {fact: value}))
                    if len(route.unknown) == 1:
                        # the last blocking fact: met, with the form and regime the route was blocked with
                        assert (child.outcome, child.form, child.regime) == ("met", route.form, route.regime), (
                            route.rule, fact, facts)
                        met_checked += 1
                        continue
                    assert (child.outcome, child.unknown) == (
                        "blocked", [name for name in route.unknown if name != fact]), (route.rule, fact, facts)
                    assert conditional._needs(child) == {k: v for k, v in needs.items() if k != fact}
                    checked += 1
                predicted = conditional._breadth_first(facts, _counting(run, "predicting", tried), {}, route, {})
                plain = _breadth_first_only(facts, _counting(run, "evaluating", tried), {}, route)
                assert [(list(a.items()), r.form, r.regime) for a, r in predicted] == [
                    (list(a.items()), r.form, r.regime) for a, r in plain], (route.rule, profile, facts)
    assert checked > 300 and met_checked > 300, (checked, met_checked)
    assert tried["predicting"] < tried["evaluating"] * 0.6, tried
