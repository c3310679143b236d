"""The goldens themselves: enough of them, well-formed, valid facts, ids that resolve, full case coverage."""

from __future__ import annotations

from typing import get_args

import pytest

from assistant.core import ClaimFacts
from assistant.core.models import Burden, BurdenBasis, Imputation, LiabilityForm, LiabilityNature
from assistant.corpus import load_corpus
from evals.goldens import GoldenError, load_case_exclusions, load_case_goldens, load_verdict_goldens
from evals.metrics import alternatives
from evals.suites.cases import determinate_case_ids

GOLDENS = load_verdict_goldens()
ALLOWED = {
    "liability_form": set(get_args(LiabilityForm)), "imputation": set(get_args(Imputation)),
    "burden_of_proof": set(get_args(Burden)), "burden_basis": set(get_args(BurdenBasis)),
    "liability_nature": set(get_args(LiabilityNature)),
}


def test_at_least_100_goldens_and_40_new_vignettes():
    assert len(GOLDENS) >= 100
    assert sum(g.origin == "new_vignette" for g in GOLDENS) >= 40
    assert {g.origin for g in GOLDENS} <= {"new_vignette", "spec_example"}


def test_every_worked_example_of_the_spec_is_a_golden():
    assert sum(g.origin == "spec_example" for g in GOLDENS) == 8


@pytest.mark.parametrize("golden", GOLDENS, ids=lambda g: g.name)
def test_golden_is_well_formed(golden):
    ClaimFacts.model_validate(golden.facts)  # raises on a bad field or value
    assert golden.why, "each golden says which spec rule it follows"
    assert "liability_form" in golden.expect
    for field, allowed in ALLOWED.items():
        if field in golden.expect:
            assert golden.expect[field] in allowed, field
    for field in ("recourse", "expanded_damage"):
        if field in golden.expect:
            assert isinstance(golden.expect[field], bool)
    for fact in golden.expect.get("missing_facts", []) + golden.expect.get("missing_facts_include", []):
        assert fact in ClaimFacts.model_fields


def test_every_id_named_by_a_golden_resolves_in_the_corpus():
    corpus = load_corpus()
    named = {alt for g in GOLDENS for key in ("citations", "citations_absent", "regimes")
             for item in g.expect.get(key, []) for alt in alternatives(item)}
    assert named, "the goldens name provisions"
    assert sorted(i for i in named if not corpus.resolve(i)) == []


def test_loader_rejects_unknown_expect_keys(tmp_path):
    (tmp_path / "bad.yaml").write_text("goldens:\n  - name: x\n    facts: {}\n    expect: {frm: none}\n", encoding="utf-8")
    with pytest.raises(GoldenError, match="unknown expect keys"):
        load_verdict_goldens(tmp_path)


def test_loader_rejects_duplicate_names_and_unknown_bases(tmp_path):
    (tmp_path / "a.yaml").write_text("goldens:\n  - {name: x, expect: {form: none}}\n  - {name: x, expect: {form: none}}\n",
                                     encoding="utf-8")
    with pytest.raises(GoldenError, match="duplicate"):
        load_verdict_goldens(tmp_path)
    (tmp_path / "a.yaml").write_text("goldens:\n  - {name: x, base: nope, expect: {form: none}}\n", encoding="utf-8")
    with pytest.raises(GoldenError, match="unknown base"):
        load_verdict_goldens(tmp_path)


def test_base_facts_are_merged_and_null_makes_them_unknown(tmp_path):
    (tmp_path / "a.yaml").write_text(
        "bases:\n  b: {harm: none, causation: true}\n"
        "goldens:\n  - {name: x, base: b, facts: {causation: null}, expect: {form: none}}\n", encoding="utf-8")
    (golden,) = load_verdict_goldens(tmp_path)
    assert golden.facts == {"harm": "none", "causation": None}


def test_case_goldens_cover_exactly_the_determinate_consumer_cases():
    """Every determinate corpus case is a golden or listed as excluded with a reason, never both, never neither."""
    cases = load_case_goldens()
    excluded = load_case_exclusions()
    golden_ids = {c.id for c in cases}
    assert not golden_ids & set(excluded)
    assert sorted(golden_ids | set(excluded)) == sorted(determinate_case_ids(load_corpus()))
    assert len(cases) == len(golden_ids)
    assert all(reason.strip() for reason in excluded.values())


def test_case_goldens_keep_the_court_outcome_and_valid_facts():
    corpus = load_corpus()
    for case in load_case_goldens():
        ClaimFacts.model_validate(case.facts)
        assert corpus.get(case.id).outcome == case.court_outcome, case.id
