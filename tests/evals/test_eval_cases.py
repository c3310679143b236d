"""The cases suite after issue 15: goldens that transcribe the courts' findings, scope, on_record, baselines."""

from __future__ import annotations

import pytest

from assistant.core import DOCTRINES
from assistant.corpus import load_corpus
from evals.goldens import GoldenError, load_case_exclusions, load_case_goldens
from evals.suites import cases

GOLDENS = {c.id: c for c in load_case_goldens()}


@pytest.fixture(scope="module")
def result():
    return cases.run()


def test_scope_leaves_out_non_consumer_carrier_factless_and_procedural_cases():
    excluded = load_case_exclusions()
    for rid in ("bj-finance-court-subrogation-ridehail", "xian-huolala-xu-scrape", "shanghai-1st-int-door-opening",
                "enshi-int-jiaoche-cancelled-order", "sufe-38-2-zhu-supplementary"):
        assert rid in excluded and rid not in GOLDENS
    # a procedural ruling is not an outcome: the record is `other`, so neither a golden nor a determinate case
    corpus = load_corpus()
    assert corpus.get("bj-chaoyang-jd-fan-watches").outcome == "other"
    assert "bj-chaoyang-jd-fan-watches" not in GOLDENS
    # every excluded record stays in the corpus, with its reason there too when it is a scope reason
    for rid, reason in excluded.items():
        assert corpus.get(rid) is not None
        if reason.startswith("scope"):
            assert corpus.get(rid).record.get("scope_note"), rid


def test_goldens_transcribe_the_basis_and_the_non_proof_findings():
    # CPL-44-2 has two elements: a judgment on it found both (review: basis)
    edaijia = GOLDENS["bj-3rd-int-xuxiaoyin-edaijia-carpool"].facts
    assert edaijia["knew_or_should_have_known"] is True and edaijia["necessary_measures_taken"] is False
    # liability on the safety duty found causation; an explicit non-proof finding is false, not unknown
    assert GOLDENS["guangzhou-int-zhang-driver-assault"].facts["causation"] is True
    assert GOLDENS["huaian-huaian-district-housekeeping"].facts["causation"] is False
    # complaints about a rebate are not a knowledge finding: it stays unknown
    assert GOLDENS["bj-4th-int-guo-treadmill"].facts.get("knew_or_should_have_known") is None
    assert GOLDENS["shenzhen-int-huolala-passenger"].facts["event_date"] == "2018-11-25"


def test_every_change_carries_a_reason_and_the_loader_rejects_a_bad_one(tmp_path):
    assert all(c.reasons for c in GOLDENS.values() if c.facts.get("decision_date"))
    bad = tmp_path / "cases.yaml"
    bad.write_text("cases:\n  - {id: x, court_outcome: no_liability, facts: {}, reasons: [\"\"]}\n", encoding="utf-8")
    with pytest.raises(GoldenError, match="reasons"):
        load_case_goldens(bad)
    bad.write_text("cases: []\nexcluded:\n  - {id: x}\n", encoding="utf-8")
    with pytest.raises(GoldenError, match="reason"):
        load_case_exclusions(bad)


def test_metrics_carry_on_record_baselines_and_the_caveat(result):
    m = result["metrics"]
    items = result["items"]
    assert set(m["agreement"]) == set(DOCTRINES) == set(m["agreement_on_record"])
    n_none = sum(it["expected_form"] == "none" for it in items)
    assert m["baselines"]["always_none"] == pytest.approx(n_none / len(items))
    counts = {f: sum(it["expected_form"] == f for it in items) for f in {it["expected_form"] for it in items}}
    assert m["baselines"]["majority"] == pytest.approx(max(counts.values()) / len(items))
    assert m["baselines"]["majority"] >= m["baselines"]["always_none"]
    assert counts[m["baselines"]["majority_form"]] == max(counts.values())
    assert f"n = {len(items)}" in m["caveat"] and "`none`" in m["caveat"]
    for p in DOCTRINES:
        on_record = [it["on_record"][p] for it in items]
        if all(r is not None for r in on_record):  # Verdict.on_record (spec 1.1 rule 12) is never undetermined
            assert "undetermined" not in on_record
            agree = sum(r == it["expected_form"] for r, it in zip(on_record, items)) / len(items)
            assert m["agreement_on_record"][p] == pytest.approx(agree)
        decided = sum(it["forms"][p] != "undetermined" for it in items) / len(items)
        assert m["decided_share"][p] == pytest.approx(decided)
        assert sum(sum(row) for row in m["confusion"][p]["matrix"]) == len(items)


def test_separating_cases_are_exactly_those_the_profiles_disagree_on(result):
    separating = {s["id"] for s in result["metrics"]["separating"]}
    for it in result["items"]:
        differs = len(set(it["forms"].values())) > 1 or len({r for r in it["on_record"].values() if r}) > 1
        assert (it["id"] in separating) == differs, it["id"]


def test_report_lists_profiles_baselines_changes_and_exclusions(tmp_path, result):
    from evals.report import write_report
    from evals.report.document import anchor

    paths = write_report({"meta": {"started_at": "t", "seconds": 0}, "suites": {"cases": result}}, tmp_path)
    md = paths["markdown"].read_text(encoding="utf-8")
    assert "agreement (on_record)" in md and "Baselines: always `none`" in md
    assert "Golden changes with their reasons" in md and "Corpus cases outside the suite" in md
    first_reason = next(r for it in result["items"] for r in it["reasons"])
    assert first_reason in md
    # every linked case has its details anchor in the report
    for it in result["items"]:
        assert f'<a id="{anchor("cases", it["id"])}"></a>' in md, it["id"]
