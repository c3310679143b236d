"""Scoring one verdict against a golden: each kind of disagreement is caught."""

from __future__ import annotations

from evals.suites.verdicts import score_verdict

VERDICT = {
    "liability_form": "supplementary", "regimes": ["ECL-38-2"], "liability_nature": "tort",
    "imputation": "presumed_fault", "burden_of_proof": "platform", "burden_basis": "proposal",
    "recourse": True, "expanded_damage": False, "citations": ["ECL-38-2", "CC-1198-2", "QIN-4.1.2"],
    "missing_facts": [{"fact": "advance_compensation_promised", "question": "？"}],
    "doctrine": {"profile": "qin2025", "alternatives": {"joint": "joint_and_several"}},
}
EXPECT = {
    "liability_form": "supplementary", "regimes": ["ECL-38-2"], "imputation": "presumed_fault",
    "burden_of_proof": "platform", "burden_basis": "proposal", "recourse": True, "expanded_damage": False,
    "citations": ["ECL-38-2", "CC-1198-2"], "citations_absent": ["TLL-37-2"],
    "missing_facts": ["advance_compensation_promised"], "alternatives": {"joint": "joint_and_several"},
}


def test_agreeing_verdict_is_ok_and_extra_citations_only_lower_precision():
    out = score_verdict(EXPECT, VERDICT)
    assert out["ok"] and out["diffs"] == {}
    assert out["citations"]["recall"] == 1.0
    assert out["citations"]["precision"] == 2 / 3


def test_each_disagreement_fails_its_own_field():
    cases = {
        "liability_form": {**VERDICT, "liability_form": "proportional"},
        "recourse": {**VERDICT, "recourse": False},
        "regimes": {**VERDICT, "regimes": ["ECL-38-2", "CPL-44-1"]},
        "citations": {**VERDICT, "citations": ["ECL-38-2"]},
        "citations_absent": {**VERDICT, "citations": VERDICT["citations"] + ["TLL-37-2"]},
        "missing_facts": {**VERDICT, "missing_facts": []},
        "alternatives": {**VERDICT, "doctrine": {"profile": "qin2025", "alternatives": {"joint": "supplementary"}}},
        "burden_basis": {**VERDICT, "burden_basis": "lex_lata"},
    }
    for field, verdict in cases.items():
        out = score_verdict(EXPECT, verdict)
        assert not out["ok"], field
        assert [f for f, ok in out["fields"].items() if not ok] == [field]
        assert field in out["diffs"]


def test_missing_include_is_a_subset_check():
    expect = {"liability_form": "supplementary", "missing_facts_include": ["advance_compensation_promised"]}
    more = {**VERDICT, "missing_facts": VERDICT["missing_facts"] + [{"fact": "event_date", "question": "？"}]}
    assert score_verdict(expect, more)["ok"]
    assert not score_verdict(expect, {**VERDICT, "missing_facts": []})["ok"]
