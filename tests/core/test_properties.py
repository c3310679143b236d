"""Property tests: for any facts, classify is total, deterministic, consistent with its trace and the corpus."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings

from assistant.core import DOCTRINES, ClaimFacts, Verdict, classify
from assistant.core.law_as_of import TLL_COUNTERPART, interprets_from
from assistant.core.registry import REGISTRY
from tests.core.strategies import facts_dicts

PROPERTY = settings(max_examples=200, deadline=None, derandomize=True)
ROUTE_RULES = {"self_operated", "identity", "promise", "knowledge", "food_review", "ecl_38_2"}
SPEC_KEYS = {"liability_form", "regimes", "liability_nature", "imputation", "burden_of_proof", "burden_basis",
             "recourse", "expanded_damage", "doctrine", "citations", "trace", "missing_facts", "as_of", "notes",
             "on_record", "scenarios", "remedies", "limitation", "forum"}   # the last three: spec section 7


@pytest.fixture(scope="module")
def corpus():
    """The project corpus (only tests use it; the engine does not)."""
    from assistant.corpus import load_corpus

    return load_corpus()


@PROPERTY
@given(facts_dicts)
def test_classify_is_total_and_returns_a_valid_verdict(data):
    """Any facts: no exception, a Verdict whose JSON has exactly the spec's keys and re-validates."""
    verdict = classify(data)
    dumped = verdict.model_dump(mode="json")
    assert set(dumped) == SPEC_KEYS
    assert Verdict.model_validate(dumped) == verdict
    assert set(dumped["doctrine"]) == {"profile", "alternatives"}
    assert all(set(m) == {"fact", "question"} for m in dumped["missing_facts"])


@PROPERTY
@given(facts_dicts)
def test_every_citation_resolves_and_belongs_to_its_rule(corpus, data):
    """Verdict and trace citations all resolve; each trace entry cites only its rule's registered provisions."""
    verdict = classify(data)
    for pid in verdict.citations + verdict.regimes:
        assert corpus.resolve(pid), pid
    for entry in verdict.trace:
        for pid in entry.citations:
            assert corpus.resolve(pid), (entry.rule, pid)
            assert pid in REGISTRY[entry.rule].provisions, (entry.rule, pid)
    assert len(verdict.citations) == len(set(verdict.citations))


@PROPERTY
@given(facts_dicts)
def test_identical_facts_give_identical_verdicts(data):
    """Deterministic: same dict twice, and dict vs ClaimFacts, give the same verdict."""
    first = classify(data).model_dump(mode="json")
    assert classify(data).model_dump(mode="json") == first
    assert classify(ClaimFacts(**data)).model_dump(mode="json") == first


@PROPERTY
@given(facts_dicts)
def test_regimes_are_exactly_the_met_routes_with_all_elements_satisfied(data):
    """A regime is listed iff a route entry is met, all its elements satisfied, led by that provision."""
    verdict = classify(data)
    met_routes = [e for e in verdict.trace if e.rule in ROUTE_RULES and e.outcome == "met"]
    for entry in met_routes:
        assert all(el.status == "satisfied" for el in entry.elements), entry
    assert set(verdict.regimes) == {e.citations[0] for e in met_routes}
    assert len(verdict.regimes) == len(set(verdict.regimes))


@PROPERTY
@given(facts_dicts)
def test_undetermined_only_with_missing_facts_and_recourse_rules(data):
    """undetermined needs missing facts; recourse false for none/undetermined/proportional unless CPL-44-1."""
    verdict = classify(data)
    if verdict.liability_form == "undetermined":
        assert verdict.missing_facts
    if verdict.liability_form in ("none", "undetermined", "proportional") and "CPL-44-1" not in verdict.regimes:
        assert verdict.recourse is False
    if verdict.liability_form in ("joint_and_several", "proportional_joint", "seller_liability",
                                  "advance_compensation"):
        assert verdict.recourse is True


@PROPERTY
@given(facts_dicts)
def test_imputation_burden_and_nature_follow_the_form(data):
    """Spec rule 9's table: nature, imputation and burden are consistent with the form."""
    v = classify(data)
    assert (v.liability_nature == "contract_seller") == (v.liability_form == "seller_liability")
    if v.burden_basis == "proposal":
        assert (v.imputation, v.burden_of_proof) == ("presumed_fault", "platform")
    if v.liability_form in ("seller_liability", "advance_compensation", "undetermined"):
        assert (v.imputation, v.burden_of_proof) == ("not_applicable", "not_applicable")
    if v.liability_form in ("joint_and_several", "proportional", "proportional_joint", "supplementary"):
        assert v.imputation in ("fault", "presumed_fault")


@PROPERTY
@given(facts_dicts)
def test_law_as_of_the_event_date(data):
    """No ECL-38 route before 2019; Civil Code counterparts not cited before 2021 (their TLL ids instead)."""
    v = classify(data)
    when = data["event_date"]
    if when is not None and when < date(2019, 1, 1):
        assert not {"ECL-38-1", "ECL-38-2"} & set(v.citations)
    if when is not None and when < date(2021, 1, 1):
        assert not set(TLL_COUNTERPART) & set(v.citations)
    if when is not None and when >= date(2021, 1, 1):
        assert not any(pid.startswith("TLL-") for pid in v.citations)
    if when is None:
        assert v.missing_facts and v.missing_facts[-1].fact == "event_date"


@PROPERTY
@given(facts_dicts)
def test_alternatives_are_the_other_profiles_own_verdicts(data):
    """doctrine.alternatives[p] is exactly the form classify gives under profile p."""
    v = classify(data)
    assert set(v.doctrine.alternatives) == set(DOCTRINES) - {"qin2025"}
    for profile, form in v.doctrine.alternatives.items():
        assert classify(data, doctrine=profile).liability_form == form


@PROPERTY
@given(facts_dicts)
def test_missing_facts_are_unknown_fields_asked_once(data):
    """Each missing fact is a ClaimFacts field that is unknown in the facts, listed once, with a question."""
    v = classify(data)
    names = [m.fact for m in v.missing_facts]
    assert len(names) == len(set(names))
    for m in v.missing_facts:
        assert m.fact in ClaimFacts.model_fields
        assert m.question.strip()
        if m.fact != "event_date" or data["event_date"] is None:
            assert data.get(m.fact) is None, m.fact


@PROPERTY
@given(facts_dicts)
def test_every_verdict_citation_is_in_force_on_the_event_date(corpus, data):
    """Spec 1.1 rule 1: statutes in force on the event date; interpretations (SPC-*) in force on the decision date
    (today when unknown), each article only where the statute it interprets governs the event."""
    verdict = classify(data)
    on = data["event_date"] or date.today()
    decided = data["decision_date"] or date.today()
    for pid in verdict.citations:
        if pid.startswith("SPC-"):
            assert corpus.in_force(pid, decided), (pid, decided)
            assert on >= interprets_from(pid), (pid, on)
        else:
            assert corpus.in_force(pid, on), (pid, on)
