"""Issue 11, item 10: crafted memos a hostile or careless model writes. Every defective one is caught in the
expected category; every sound one (the same citations in legitimate unusual forms) passes."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from assistant.core import ClaimFacts, classify
from assistant.guard import MARK, check_memo, highlight, terms
from tests.guard.test_check import CLEAN

CLAIMS = Path(__file__).resolve().parents[2] / "examples" / "claims"
EVENT = date(2023, 5, 1)
ZW = "\u200b"


@pytest.fixture(scope="module")
def facts():
    return ClaimFacts.model_validate(json.loads((CLAIMS / "drug_minor_contribution.json").read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def verdict(facts):
    v = classify(facts)
    assert v.liability_form == "supplementary"
    return v


def analysis(text: str) -> str:
    """CLEAN with ``text`` added at the end of 法律分析."""
    return CLEAN.replace("## 四、依据", text + "\n\n## 四、依据")


def conclusion_line(old: str, new: str) -> str:
    assert old in CLEAN
    return CLEAN.replace(old, new, 1)


# (name, memo, category, id or None)
DEFECTIVE = [
    ("no_di", analysis("参照《民法典》1438条。"), "unresolved", "CC-1438"),
    ("abbrev_no_di_paragraph", analysis("依电商法99条二款。"), "unresolved", "ECL-99-2"),
    ("paragraph_without_di", analysis("依《电子商务法》第38条9款。"), "unresolved", "ECL-38-9"),
    ("zhiyi_article", analysis("参照《民法典》第一千一百九十八条之一。"), "unresolved", None),
    ("zero_width_in_number", analysis(f"参照《民法典》第1{ZW}438条。"), "unresolved", "CC-1438"),
    ("traditional_tiao", analysis("参照《民法典》第1438條。"), "unresolved", "CC-1438"),
    ("full_width_digits", analysis("参照《民法典》第１４３８条。"), "unresolved", "CC-1438"),
    ("second_list_item", analysis("参照《民法典》第1198条、1438条。"), "unresolved", "CC-1438"),
    ("second_item_joined_by_he", analysis("参照民法典第1198条和第1438条。"), "unresolved", "CC-1438"),
    ("consumer_law_abbreviation", analysis("另见消法第99条。"), "unresolved", "CPL-99"),
    ("inside_the_guards_own_mark", analysis(f"**{MARK}：参照《民法典》第一千四百三十八条**"), "unresolved", "CC-1438"),
    ("conclusion_inside_the_mark", analysis(f"**{MARK}：平台应承担连带责任**"), "conclusion_mismatches", None),
    ("repealed_behind_yuan", analysis("依原《侵权责任法》第三十七条第二款，平台承担补充责任。"), "out_of_force", "TLL-37-2"),
    ("repealed_yuan_provides", analysis("原《侵权责任法》第三十七条规定，平台应承担补充责任。"), "out_of_force", "TLL-37"),
    ("repealed_marker_then_applied", analysis("《侵权责任法》（已废止）第三十七条之规定，平台应承担补充责任。"),
     "out_of_force", "TLL-37"),
    ("denied_then_applied", analysis("本案不适用《侵权责任法》第三十七条，但本所认为，依该条平台仍应承担补充责任。"),
     "out_of_force", "TLL-37"),
    ("denied_then_applied_next_sentence", analysis("《侵权责任法》第三十七条已废止。但参照该条，平台应承担补充责任。"),
     "out_of_force", "TLL-37"),
    ("repealed_law_named_and_applied", analysis("依原《侵权责任法》的规定，平台应承担补充责任。"), "out_of_force", "TLL"),
    ("second_conclusion_section", CLEAN + "\n## 二、简要结论\n\n责任形态：补充责任\n归责原则：过错推定\n举证责任：平台\n",
     "conclusion_mismatches", None),
    ("form_in_analysis_with_qita", analysis("平台应与其他侵权人承担连带责任。"), "conclusion_mismatches", None),
    ("conditional_without_fact", analysis("如果从实际出发，平台应承担连带责任。"), "conclusion_mismatches", None),
    ("parenthetical_correction", conclusion_line("责任形态：补充责任", "责任形态：补充责任（实际上应为连带责任）"),
     "conclusion_mismatches", None),
    ("zero_width_inside_lian_dai", analysis(f"综上，平台应承担连{ZW}带责任。"), "conclusion_mismatches", None),
    ("english_sentence", analysis("In short, the platform is jointly and severally liable."), "conclusion_mismatches", None),
    ("title", CLEAN.replace("# 关于医药平台未尽安全保障义务的责任备忘录", "# 关于平台应承担连带责任的备忘录"),
     "conclusion_mismatches", None),
    ("in_advice", CLEAN + "\n## 五、建议\n\n建议按平台承担连带责任的思路应诉。\n", "conclusion_mismatches", None),
    ("wrong_doctrine_alternative", analysis("依连带责任说，本案平台应承担按份责任。"), "conclusion_mismatches", None),
    ("on_record_wrong", analysis("根据现有事实，平台应承担连带责任。"), "conclusion_mismatches", None),
    ("scenario_not_in_verdict", analysis("如能证明平台已审核资质，则平台承担连带责任。"), "conclusion_mismatches", None),
    ("full_width_in_form", analysis("平台应承担连带赔偿责任。"), "conclusion_mismatches", None),
    ("recourse_denied_in_analysis", analysis("平台承担补充责任后，不能向药店追偿。"), "conclusion_mismatches", None),
    ("burden_in_analysis", analysis("本案的举证责任应由消费者承担，即谁主张谁举证。"), "conclusion_mismatches", None),
    ("english_citation", analysis("See Article 1438 of the Civil Code."), "unresolved", "CC-1438"),
    ("english_citation_law_first", analysis("Under the E-Commerce Law, Art. 38(3), the platform is liable."),
     "unresolved", "ECL-38-3"),
    ("english_contract_law", analysis("Article 107 of the Contract Law applies."), "unresolved", None),
    ("no_fault_in_analysis", analysis("本案平台的责任应适用无过错责任原则。"), "conclusion_mismatches", None),
]

SOUND = [
    ("no_di_real", analysis("依《民法典》1198条2款，平台承担补充责任。")),
    ("abbrev_real", analysis("依电商法38条二款。")),
    ("traditional_real", analysis("《电子商务法》第三十八條第二款亦有规定。")),
    ("full_width_real", analysis("另见《民法典》第１１９８条第２款。")),
    ("arabic_paragraph_without_di", analysis("另见《电子商务法》第38条2款。")),
    ("list_without_di", analysis("另见《民法典》第1198条第2款、1165条第2款。")),
    ("zero_width_in_real_number", analysis(f"另见《民法典》第11{ZW}98条第2款。")),
    ("negated_other_form", analysis("平台承担补充责任，而非连带责任。")),
    ("named_doctrine_alternative", analysis("依连带责任说，本案平台应承担连带责任。")),
    ("doctrine_description", analysis("覃玉娟文认为，对平台一律课以连带责任不符合立法原意。")),
    ("denial_only", analysis("本案不适用《侵权责任法》第三十七条，该法已于2021年1月1日废止。")),
    ("history_only", analysis("《民法典》第一千一百九十八条第二款承继了原《侵权责任法》第三十七条第二款。")),
    ("scenario_in_verdict", analysis("如能证明平台曾作出先行赔付承诺，则平台承担先行赔付责任。")),
    ("rejected_view", analysis("另有观点认为平台应承担连带责任，本备忘录不采此说。")),
    ("english_matching", analysis("The platform bears supplementary liability only.")),
    ("recourse_in_analysis", analysis("平台承担补充责任后，有权向药店追偿。")),
    ("recourse_question", analysis("平台能否向药店追偿，取决于双方约定。")),
    ("burden_risk_named", analysis("法院仍可能按“谁主张谁举证”的一般规则，要求消费者证明平台的过错。")),
    ("english_citation_real", analysis("See Article 1198(2) of the Civil Code and Art. 38 para. 2 of the E-Commerce Law.")),
    ("no_fault_denied", analysis("平台的责任适用过错责任原则，而不应适用无过错责任（覃玉娟文第5.3部分）。")),
]


@pytest.mark.parametrize("name,memo,category,pid", DEFECTIVE, ids=[d[0] for d in DEFECTIVE])
def test_every_crafted_defect_is_caught(verdict, facts, name, memo, category, pid):
    report = check_memo(memo, verdict, event_date=EVENT, facts=facts)
    assert not report.ok
    hits = getattr(report, category)
    assert hits, f"{name}: expected {category}; got\n{report.to_text()}"
    if pid:
        assert pid in {f.id for f in hits}, report.to_text()


@pytest.mark.parametrize("name,memo", SOUND, ids=[s[0] for s in SOUND])
def test_every_sound_unusual_form_passes(verdict, facts, name, memo):
    report = check_memo(memo, verdict, event_date=EVENT, facts=facts)
    assert report.ok, f"{name}:\n{report.to_text()}"


def test_spans_point_into_the_original_text_and_nothing_is_removed(verdict, facts):
    memo = analysis(f"参照《民法典》第１{ZW}４３８條。")
    report = check_memo(memo, verdict, event_date=EVENT, facts=facts)
    (finding,) = report.unresolved
    assert memo[finding.start:finding.end] == finding.text == f"《民法典》第１{ZW}４３８條"
    assert highlight(memo, report).replace(f"**{MARK}：{finding.reason}**", "") == memo


def test_a_repaired_memo_is_checked_exactly_as_the_first_draft(verdict, facts):
    first = analysis("参照《民法典》第一千四百三十八条。")
    repaired = analysis("参照《民法典》1438條。")  # the same invented article in a form the old parser missed
    for memo in (first, repaired):
        report = check_memo(memo, verdict, event_date=EVENT, facts=facts)
        assert [f.id for f in report.unresolved] == ["CC-1438"]


def test_a_duplicated_section_is_named(verdict):
    memo = CLEAN + "\n## 二、简要结论\n\n责任形态：补充责任\n归责原则：过错推定\n举证责任：平台（举证责任倒置），学说建议（覃玉娟2025），非现行法\n"
    report = check_memo(memo, verdict, event_date=EVENT)
    assert [f.field for f in report.conclusion_mismatches] == ["section"]
    assert "简要结论" in report.conclusion_mismatches[0].reason


PIECES = ["《民法典》", "第", "1198", "条", "款", "之一", "、", "和", "（已废止）", "原", ZW, "\u202e", "條", "１", "连带责任",
          "补充责任", "平台", "如果", "，", "。", "\n", "## 二、简要结论\n", "责任形态：", f"**{MARK}：", "**", "“", "”",
          "（2020）京0105民初12345号", "[S1]", "覃玉娟", "不适用", "但", "依该条", "已审核资质", "未", "不知情",
          "jointly and severally liable", "#", " ", "ECL-38-2", "QIN-5.4.2", "\ufeff", "e\u0301", "\x00", "\r\n", "（",
          "）", "：", "消法", "第一千一百九十八条之", "㈠", "①"]


def test_the_guard_never_fails_on_garbage_and_its_spans_stay_inside_the_memo(verdict, facts):
    import random

    rng = random.Random(11)
    for _ in range(60):
        memo = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 200)))
        report = check_memo(memo, verdict, event_date=EVENT, facts=facts)
        highlight(memo, report)
        for f in report.findings:
            assert f.start is None or 0 <= f.start <= f.end <= len(memo)
            assert f.text is None or f.start is None or memo[f.start:f.end] == f.text


def test_nothing_definite_about_recourse_when_the_form_is_undetermined():
    facts = ClaimFacts.model_validate(json.loads((CLAIMS / "drug_facts_unknown.json").read_text(encoding="utf-8")))
    verdict = classify(facts)
    assert verdict.liability_form == "undetermined"
    memo = ("# 备忘录\n\n## 二、简要结论\n\n责任形态：事实不足，暂无法确定\n归责原则：不适用\n举证责任：不适用\n\n"
            "## 四、法律分析\n\n{}\n")
    bad = check_memo(memo.format("平台赔偿后不能向商家追偿。"), verdict, event_date=facts.event_date, facts=facts)
    assert [f.field for f in bad.conclusion_mismatches] == ["recourse"]
    good = check_memo(memo.format("责任形态尚未确定，平台能否追偿现阶段不作结论。"), verdict, event_date=facts.event_date,
                      facts=facts)
    assert [f.field for f in good.conclusion_mismatches if f.field == "recourse"] == []


def test_presumed_fault_applied_when_the_verdict_says_fault():
    facts = ClaimFacts.model_validate(json.loads((CLAIMS / "medical_device_not_reviewed.json").read_text(encoding="utf-8")))
    verdict = classify(facts)
    assert verdict.imputation == "fault"
    memo = ("# 备忘录\n\n## 二、简要结论\n\n责任形态：{}\n归责原则：过错责任\n举证责任：消费者（谁主张谁举证）\n\n"
            "## 四、法律分析\n\n{}\n").format(terms.form_label(verdict.liability_form), "{}")
    bad = check_memo(memo.format("本案适用过错推定原则。"), verdict, event_date=facts.event_date, facts=facts)
    assert [f.field for f in bad.conclusion_mismatches] == ["imputation"]
    for sound in ("过错推定须以法律明文规定为前提。", "覃玉娟文建议过错推定，但该建议并非现行法。", "本案不适用过错推定。"):
        report = check_memo(memo.format(sound), verdict, event_date=facts.event_date, facts=facts)
        assert [f for f in report.conclusion_mismatches if f.field == "imputation"] == [], sound
