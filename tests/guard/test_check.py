"""The guard on whole memos: each kind of defect is caught, a clean memo passes, nothing is ever removed."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from assistant.core import classify
from assistant.guard import MARK, check_memo, highlight

CLAIMS = Path(__file__).resolve().parents[2] / "examples" / "claims"
EVENT = date(2023, 5, 1)

CLEAN = """# 关于医药平台未尽安全保障义务的责任备忘录

## 一、问题

平台已审核药店资质，但未监测违规商品链接，消费者服药受损，平台承担何种责任？

## 二、简要结论

责任形态：补充责任
归责原则：过错推定
举证责任：平台（举证责任倒置），学说建议（覃玉娟2025），非现行法

平台承担相应的补充责任而非连带责任，承担后可向药店追偿。

## 三、法律分析

《中华人民共和国电子商务法》（以下简称《电子商务法》）第三十八条第二款规定平台承担相应的责任。平台的过错在事中环节（覃玉娟文第5.2.2部分），参照《民法典》第一千一百九十八条第二款承担补充责任。举证责任倒置系覃玉娟文第5.4.2部分的建议；《民法典》第一千一百六十五条第二款仅在法律规定时推定过错。

## 四、依据

1. 《电子商务法》第三十八条第二款
2. 《民法典》第一千一百九十八条第二款
"""


@pytest.fixture(scope="module")
def verdict():
    """Spec §6 worked example 2 (2023, drug, in-process safety duty failed, minor contribution) via the core."""
    facts = json.loads((CLAIMS / "drug_minor_contribution.json").read_text(encoding="utf-8"))
    v = classify(facts)
    assert (v.liability_form, v.imputation, v.burden_of_proof, v.burden_basis) == (
        "supplementary", "presumed_fault", "platform", "proposal")
    return v


def add_analysis(text: str) -> str:
    return CLEAN.replace("## 四、依据", text + "\n\n## 四、依据")


def test_clean_memo_passes(verdict):
    report = check_memo(CLEAN, verdict, event_date=EVENT)
    assert report.ok, report.to_text()
    assert report.to_json() == {"ok": True, "unresolved": [], "out_of_force": [], "conclusion_mismatches": [],
                                "unlisted": [], "fact_mismatches": [], "remedies_mismatches": []}
    assert {c.id for c in report.citations} >= {"ECL-38-2", "CC-1198-2", "QIN-5.4.2", "CC-1165-2"}
    assert highlight(CLEAN, report) == CLEAN


def test_invented_article_is_unresolved(verdict):
    report = check_memo(add_analysis("参照民法典第一千四百三十八条。"), verdict, event_date=EVENT)
    assert not report.ok
    assert [f.id for f in report.unresolved] == ["CC-1438"]
    assert report.unresolved[0].text == "民法典第一千四百三十八条"


def test_contract_law_for_2023_event_is_unresolved(verdict):
    report = check_memo(add_analysis("依《合同法》第一百零七条，药店负违约责任。"), verdict, event_date=EVENT)
    assert [f.text for f in report.unresolved] == ["《合同法》第一百零七条"]
    assert report.unresolved[0].id is None


def test_repealed_tort_law_for_2023_event_is_out_of_force(verdict):
    report = check_memo(add_analysis("依《侵权责任法》第三十七条，平台承担补充责任。"), verdict, event_date=EVENT)
    assert [f.id for f in report.out_of_force] == ["TLL-37"]
    assert "2021-01-01" in report.out_of_force[0].reason


def test_same_citation_is_in_force_for_a_2020_event():
    facts = json.loads((CLAIMS / "lodging_2020_minor_contribution.json").read_text(encoding="utf-8"))
    v = classify(facts)
    memo = CLEAN.replace("《民法典》第一千一百九十八条第二款", "《侵权责任法》第三十七条第二款")
    report = check_memo(memo, v, event_date=date.fromisoformat(facts["event_date"]))
    assert not any(f.id == "TLL-37-2" for f in report.out_of_force + report.unlisted)
    assert "CC-1165-2" in {f.id for f in report.out_of_force}  # the Civil Code was not yet in force


def test_wrong_form_is_a_conclusion_mismatch(verdict):
    report = check_memo(CLEAN.replace("责任形态：补充责任", "责任形态：连带责任"), verdict, event_date=EVENT)
    assert [(f.field, f.found, f.expected) for f in report.conclusion_mismatches] == [
        ("liability_form", "连带责任", "补充责任")]


def test_contradicting_form_elsewhere_in_conclusion(verdict):
    memo = CLEAN.replace("平台承担相应的补充责任而非连带责任", "平台应与药店承担连带责任")
    report = check_memo(memo, verdict, event_date=EVENT)
    assert [f.found for f in report.conclusion_mismatches] == ["连带责任"]


def test_missing_burden_statement(verdict):
    memo = CLEAN.replace("举证责任：平台（举证责任倒置），学说建议（覃玉娟2025），非现行法\n", "")
    report = check_memo(memo, verdict, event_date=EVENT)
    reasons = [f.reason for f in report.conclusion_mismatches]
    assert any(r.startswith("简要结论缺少“举证责任：") for r in reasons)
    assert any("学说建议" in r for r in reasons)  # the basis of the reversal is no longer stated either


def test_unknown_case_number(verdict):
    report = check_memo(add_analysis("参见（2020）京0105民初12345号判决。"), verdict, event_date=EVENT)
    assert [f.id for f in report.unresolved] == ["（2020）京0105民初12345号"]


def test_known_case_number_passes_without_an_allowed_set(verdict):
    report = check_memo(add_analysis("参见(2017)浙8601民初1463号判决。"), verdict, event_date=EVENT)
    assert report.ok, report.to_text()


def test_unlisted_authority(verdict):
    report = check_memo(add_analysis("《产品质量法》第四十三条亦可适用。"), verdict, event_date=EVENT)
    assert [f.id for f in report.unlisted] == ["PQL-43"]


def test_unlisted_even_inside_quotation_marks(verdict):
    report = check_memo(add_analysis("有判决称「《民事诉讼法》第六十七条」。"), verdict, event_date=EVENT)
    assert [f.id for f in report.unlisted] == ["CPROC-67"]


def test_unknown_citation_key(verdict):
    memo = add_analysis("平台承担补充责任[S1][S7]。")
    report = check_memo(memo, verdict, event_date=EVENT, key_table={"S1": "ECL-38-2"})
    assert [f.text for f in report.unresolved] == ["S7"]


def test_explicit_allowed_set_article_and_paragraph_rules(verdict):
    memo = add_analysis("《电子商务法》第三十八条整体规定了两类责任。")
    allowed = {"ECL-38-2", "CC-1198", "QIN-5", "CC-1165-2"}
    report = check_memo(memo, verdict, event_date=EVENT, allowed_ids=allowed)
    # ECL-38 contains an allowed id; CC-1198-2 sits in the allowed article; QIN-5.x sit in the allowed QIN-5
    assert report.ok, report.to_text()
    report = check_memo(memo, verdict, event_date=EVENT, allowed_ids={"ECL-38-1", "CC-1198-2", "CC-1165-2", "QIN-5.2.2"})
    assert {f.id for f in report.unlisted} == {"ECL-38-2", "QIN-5.4.2"}


def test_unknown_event_date_assumes_current_law(verdict):
    report = check_memo(add_analysis("依《侵权责任法》第三十七条。"), verdict, event_date=None)
    assert [f.id for f in report.out_of_force] == ["TLL-37"]
    assert "按现行法" in report.out_of_force[0].reason


def test_highlight_marks_every_failing_span_and_removes_nothing(verdict):
    memo = add_analysis("参照民法典第一千四百三十八条，另见（2020）京0105民初12345号。").replace(
        "责任形态：补充责任\n", "")
    report = check_memo(memo, verdict, event_date=EVENT)
    shown = highlight(memo, report)
    assert shown.count(MARK) == 3
    assert "民法典第一千四百三十八条**⚠需复核：" in shown
    stripped = re.sub(r"\n\n> \*\*⚠需复核：[^\n]*\*\*", "", shown)
    stripped = re.sub(r"\*\*⚠需复核：[^*]*\*\*", "", stripped)
    assert stripped == memo


def test_the_guard_never_changes_the_memo(verdict):
    memo = add_analysis("参照民法典第一千四百三十八条。")
    before = memo[:]
    check_memo(memo, verdict, event_date=EVENT)
    assert memo == before


def test_to_json_shape_and_text_report(verdict):
    report = check_memo(add_analysis("依《合同法》第一百零七条。"), verdict, event_date=EVENT)
    data = report.to_json()
    assert list(data) == ["ok", "unresolved", "out_of_force", "conclusion_mismatches", "unlisted", "fact_mismatches",
                          "remedies_mismatches"]
    assert data["ok"] is False and data["unresolved"][0]["text"] == "《合同法》第一百零七条"
    json.dumps(data, ensure_ascii=False)
    assert report.to_text().startswith("需复核")


def test_recourse_statement_must_match_the_verdict(verdict):
    assert verdict.recourse is True
    memo = CLEAN.replace("承担后可向药店追偿", "承担后不能向药店追偿")
    report = check_memo(memo, verdict, event_date=EVENT)
    assert [(f.field, f.found) for f in report.conclusion_mismatches] == [("recourse", "不能向药店追偿")]


def test_a_second_contradicting_label_line_is_caught_once(verdict):
    memo = CLEAN.replace("平台承担相应的补充责任而非连带责任", "责任形态：连带责任\n\n平台承担相应的补充责任")
    report = check_memo(memo, verdict, event_date=EVENT)
    assert [(f.field, f.found) for f in report.conclusion_mismatches] == [("liability_form", "连带责任")]


def test_bare_article_is_attributed_only_when_the_allowed_set_makes_it_unambiguous(verdict):
    memo = add_analysis("- 平台如证明已尽义务，则不承担第三十八条第二款的责任。")
    report = check_memo(memo, verdict, event_date=EVENT)
    assert report.ok, report.to_text()
    assert any(c.id == "ECL-38-2" and "推定" in c.reason for c in report.citations)
    report = check_memo(memo, verdict, event_date=EVENT, allowed_ids={"CC-1198-2"})
    assert [f.text for f in report.unresolved] == ["第三十八条第二款"]
