"""Issue 11, item 2: statements of ClaimFacts values that contradict the facts (or state an unknown fact as known)
are caught, in the drafter's phrasing and in an LLM's; the true statement beside each passes; template memos for
every example under examples/claims/ and every doctrine profile carry no fact mismatch."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.core import DOCTRINES, ClaimFacts, classify
from assistant.guard import check_memo, terms

CLAIMS = Path(__file__).resolve().parents[2] / "examples" / "claims"
BASE_FACTS = json.loads((CLAIMS / "drug_minor_contribution.json").read_text(encoding="utf-8"))

# (field, the fact's value, a sentence contradicting it, a sentence agreeing with it or None)
CASES = [
    ("qualification_review_done", False, "平台已审核商家的经营资质。", "平台未审核商家的经营资质。"),
    ("qualification_review_done", False, "平台是否审核平台内经营者的资质资格：是", "平台是否审核平台内经营者的资质资格：否"),
    ("qualification_review_done", True, "平台未对平台内经营者的资质进行审核。", "平台已对平台内经营者的资质进行审核。"),
    ("qualification_review_done", True, "平台未尽资质审核义务，应承担责任。", "平台已尽到资质审核义务。"),
    ("qualification_review_done", None, "平台已尽到资质审核义务。", None),
    ("safety_duty_done", False, "平台已履行安全保障义务。", "平台未尽到安全保障义务。"),
    ("safety_duty_done", False, "平台是否履行对消费者的安全保障义务：是", "平台是否履行对消费者的安全保障义务：否"),
    ("safety_duty_done", True, "平台仅未尽事中的监控、警示等安全保障义务。", "平台已履行安全保障义务。"),
    ("safety_duty_done", None, "平台已尽到安全保障义务。", "平台是否履行对消费者的安全保障义务：未知"),
    ("knew_or_should_have_known", False, "平台明知该商品存在安全隐患。", "平台事先不知情。"),
    ("knew_or_should_have_known", True, "平台对此并不知情。", "平台应当知道该商品不符合安全要求。"),
    ("knew_or_should_have_known", None, "平台知道该商品不符合安全要求。", None),
    ("knew_or_should_have_known", False, "平台是否知道或者应当知道商品或服务不符合安全要求：是", None),
    ("necessary_measures_taken", True, "平台未采取必要措施。", "平台已采取必要措施。"),
    ("necessary_measures_taken", False, "平台已及时采取下架措施。", "平台未采取必要措施。"),
    ("necessary_measures_taken", None, "平台没有采取任何措施。", None),
    ("necessary_measures_taken", True, "平台知道后是否采取必要措施：否", "平台知道后是否采取必要措施：是"),
    ("consumer_prima_facie_evidence", True, "本案消费者尚未完成初步举证。", "消费者已完成初步举证。"),
    ("consumer_prima_facie_evidence", False, "消费者已完成初步举证。", "消费者尚未完成初步举证。"),
    ("consumer_prima_facie_evidence", None, "消费者已提供初步证据。", "本案消费者尚未完成初步举证（或其事实不明）。"),
    ("consumer_prima_facie_evidence", True, "消费者是否已初步举证：否", "消费者是否已初步举证：是"),
    ("platform_contribution", "major", "平台的原因力较小。", "平台违反义务的原因力较大。"),
    ("platform_contribution", "minor", "其原因力较大，应承担按份责任。", "其原因力较小。"),
    ("platform_contribution", None, "平台已审核资质，且其原因力较小。", None),
    ("platform_contribution", "minor", "平台违反义务的原因力：较大（主要原因）", "平台违反义务的原因力：较小（次要原因）"),
    ("force_majeure", False, "损害系不可抗力所致。", "损害并非不可抗力造成。"),
    ("force_majeure", True, "本案损害并非不可抗力造成。", "损害系不可抗力所致。"),
    ("force_majeure", None, "损害系不可抗力所致。", None),
    ("force_majeure", False, "损害是否由不可抗力造成：是", "损害是否由不可抗力造成：否"),
    ("platform_role", "marketplace", "平台以自营方式销售该商品。", "平台为第三方平台，商品由平台内经营者销售。"),
    ("platform_role", "self_operated", "本案平台系第三方平台。", "该商品为平台自营商品。"),
    ("platform_role", "self_operated", "平台并非自营。", None),
    ("platform_role", "marketplace", "平台角色：平台自营", "平台角色：第三方平台（商品由平台内经营者销售）"),
    ("merchant_identity_provided", True, "平台不能提供平台内经营者的真实名称、地址和有效联系方式。",
     "平台能够提供商家的真实名称和有效联系方式。"),
    ("merchant_identity_provided", False, "平台已提供商家的真实名称、地址和有效联系方式。", "平台无法提供商家的真实名称。"),
    ("merchant_identity_provided", None, "平台无法提供商家的真实名称。", None),
    ("merchant_identity_provided", False, "平台已向消费者提供商家的真实名称、地址和有效联系方式。",
     "平台未向消费者提供商家的真实名称。"),
    ("advance_compensation_promised", False, "平台曾作出先行赔付承诺。", "平台未作出先行赔付承诺。"),
    ("advance_compensation_promised", True, "平台从未承诺先行赔付。", "平台曾承诺先行赔付。"),
    ("advance_compensation_promised", None, "平台曾承诺先行赔付。", None),
    ("causation", True, "平台违反义务与损害之间不存在因果关系。", "二者之间存在因果关系。"),
    ("causation", False, "平台违反义务与损害之间存在因果关系。", "二者之间不存在因果关系。"),
    ("harm", "personal_injury", "本案并未造成任何损害。", "消费者遭受人身损害。"),
    ("harm", "property_loss", "消费者遭受了人身损害。", "消费者遭受了财产损失。"),
    ("merchant_fault", "negligent", "平台内经营者系故意侵权。", "平台内经营者系过失。"),
    ("merchant_fault", "intentional", "商家仅为过失。", "商家系故意。"),
    ("merchant_fault", None, "经营者存在过失。", None),
    ("platform_proved_compliance", False, "平台已证明其尽到审核与安全保障义务。", "平台未能证明其尽到审核义务。"),
    ("platform_proved_compliance", True, "平台未能证明其尽到相关义务。", "平台已证明其尽到相关义务。"),
    ("complaint_delay_expanded_damage", False, "平台未及时处理消费者投诉，导致损害扩大。", "损害并未扩大。"),
    ("complaint_delay_expanded_damage", True, "损害并未扩大。", "平台未及时处理消费者投诉，导致损害扩大。"),
    ("live_streaming", False, "商品系在直播间销售。", "商品并非在直播间销售。"),
    ("live_streaming", True, "商品并非通过直播销售。", "商品系在直播间销售。"),
    ("life_health", True, "该商品不关系消费者生命健康。", None),
    ("event_date", "2023-03-08", "本案事发于2022年3月8日。", "本案事发于2023年3月8日。"),
    ("event_date", None, "本案事发于2023年3月8日。", None),
    # an LLM's own short labels in a facts list
    ("qualification_review_done", False, "- 资质审核：已审核", "- 资质审核：未审核"),
    ("knew_or_should_have_known", False, "- 平台是否知情：是", "- 平台是否知情：否"),
    ("platform_contribution", "major", "- 原因力：较小", "- 原因力：较大"),
    ("force_majeure", False, "- 不可抗力：有", "- 不可抗力：无"),
]


def _memo(facts: ClaimFacts, verdict, sentence: str) -> tuple[str, int, int]:
    """A short memo whose 简要结论 matches the verdict, with ``sentence`` in 法律分析; the sentence's span."""
    lines = "\n".join(f"{label}：{terms.label(field, getattr(verdict, field))}"
                      for field, label in (("liability_form", "责任形态"), ("imputation", "归责原则"),
                                           ("burden_of_proof", "举证责任")))
    if verdict.burden_basis == "proposal":
        lines += f"\n举证责任的性质：{terms.basis_label('proposal')}。"
    head = f"# 备忘录\n\n## 一、问题\n\n平台应否承担责任？\n\n## 二、简要结论\n\n{lines}\n\n## 三、法律分析\n\n"
    return head + sentence + "\n\n## 四、依据\n\n无。\n", len(head), len(head) + len(sentence)


def _facts(field: str, value) -> ClaimFacts:
    raw = dict(BASE_FACTS, **{field: value})
    if field == "harm" and value != "personal_injury":
        raw.pop("injury_severity", None)
    return ClaimFacts.model_validate(raw)


def _mismatches(field, value, sentence):
    facts = _facts(field, value)
    verdict = classify(facts)
    memo, start, end = _memo(facts, verdict, sentence)
    report = check_memo(memo, verdict, event_date=facts.event_date, facts=facts)
    return report, [f for f in report.fact_mismatches if start <= f.start < end]


def test_the_suite_has_at_least_40_contradictions_covering_every_field():
    assert len(CASES) >= 40
    fields = {"qualification_review_done", "safety_duty_done", "knew_or_should_have_known", "necessary_measures_taken",
              "consumer_prima_facie_evidence", "platform_contribution", "force_majeure", "platform_role",
              "merchant_identity_provided", "advance_compensation_promised", "causation", "harm", "merchant_fault",
              "platform_proved_compliance", "complaint_delay_expanded_damage", "live_streaming", "life_health",
              "event_date"}
    assert fields <= {case[0] for case in CASES}


@pytest.mark.parametrize("field,value,bad,good", CASES, ids=[f"{c[0]}={c[1]}:{c[2][:12]}" for c in CASES])
def test_a_contradicting_statement_is_caught(field, value, bad, good):
    report, hits = _mismatches(field, value, bad)
    assert hits, f"not caught: {bad!r} with {field}={value!r}\n{report.to_text()}"
    assert field in {f.field for f in hits}
    assert report.ok is False and report.to_json()["fact_mismatches"]


@pytest.mark.parametrize("field,value,bad,good", [c for c in CASES if c[3]],
                         ids=[f"{c[0]}={c[1]}:{c[3][:12]}" for c in CASES if c[3]])
def test_the_true_statement_passes(field, value, bad, good):
    report, hits = _mismatches(field, value, good)
    assert not hits, "\n".join(f.reason for f in hits)


@pytest.mark.parametrize("sentence", [
    "若能证明平台已审核平台内经营者的资质，且平台违反义务与损害之间存在因果关系，平台将承担补充责任。",
    "如能证明平台曾作出先行赔付承诺，则平台承担先行赔付责任。",
    "向委托人核实：平台是否审核过商家的资质？",
    "由平台证明其已尽到资质审核和安全保障义务。",
    "消费者完成初步举证的，由平台证明其无过错。",
    "补充责任说认为平台未尽审核义务时仅承担补充责任。",
    "- 经营者是否明知仍然销售：是",
    "- 购买者购买时是否明知：否",
])
def test_conditions_questions_duties_and_doctrine_are_not_statements_of_fact(sentence):
    report, hits = _mismatches("qualification_review_done", None, sentence)
    assert not hits, "\n".join(f.reason for f in hits)


def test_a_conditional_sentence_is_checked_against_the_scenarios():
    facts = _facts("advance_compensation_promised", None)
    verdict = classify(facts)
    assert any(s.form == "advance_compensation" for s in verdict.scenarios)
    good, _, _ = _memo(facts, verdict, "如能证明平台曾作出先行赔付承诺，则平台承担先行赔付责任。")
    bad, _, _ = _memo(facts, verdict, "如能证明平台曾作出先行赔付承诺，则平台承担连带责任。")
    assert check_memo(good, verdict, event_date=facts.event_date, facts=facts).ok
    report = check_memo(bad, verdict, event_date=facts.event_date, facts=facts)
    assert [f.found for f in report.conclusion_mismatches] == ["连带责任"]


def _template_memo(path: Path, profile: str):
    from assistant.corpus import load_corpus
    from assistant.drafting.chain import build_context
    from assistant.drafting.template import draft_template

    facts = ClaimFacts.model_validate(json.loads(path.read_text(encoding="utf-8")))
    verdict = classify(facts, doctrine=profile)
    ctx, _ = build_context(facts, verdict, load_corpus(), None, passages=[])
    return facts, verdict, ctx, draft_template(ctx)


@pytest.mark.parametrize("path", sorted(CLAIMS.glob("*.json")), ids=lambda p: p.stem)
@pytest.mark.parametrize("profile", DOCTRINES)
def test_template_memos_carry_no_fact_mismatch(path, profile):
    facts, verdict, ctx, memo = _template_memo(path, profile)
    report = check_memo(memo, verdict, event_date=facts.event_date, allowed_ids=ctx.guard_allowed,
                        key_table=ctx.key_table, corpus=ctx.corpus, facts=facts)
    assert report.fact_mismatches == [], "\n".join(f.reason for f in report.fact_mismatches)
    assert report.ok, report.to_text()


def test_the_issues_template_sentences_are_caught():
    """Issue 11: the old template wrote these under supplementary_only/intent_split with the licence not reviewed,
    the safety duty and the contribution unknown, and with consumer_prima_facie_evidence = true."""
    facts = ClaimFacts.model_validate(json.loads((CLAIMS / "medical_device_not_reviewed.json").read_text(encoding="utf-8")))
    verdict = classify(facts, doctrine="supplementary_only")
    old = ("平台已审核资质，仅未尽事中的监控、警示等安全保障义务，属于间接侵权（覃玉娟文第5.2.2部分），且其原因力较小，"
           "宜类推安全保障义务人的补充责任规则，由平台在平台内经营者不能赔偿的范围内承担补充赔偿责任。")
    memo, start, end = _memo(facts, verdict, old)
    report = check_memo(memo, verdict, event_date=facts.event_date, facts=facts)
    assert {f.field for f in report.fact_mismatches} == {
        "qualification_review_done", "safety_duty_done", "platform_contribution"}
    assert all(start <= f.start < end for f in report.fact_mismatches) and not report.ok
    evidence = _facts("consumer_prima_facie_evidence", True)
    verdict = classify(evidence)
    memo, _, _ = _memo(evidence, verdict, "本案消费者尚未完成初步举证（或其事实不明），故不适用该建议。")
    report = check_memo(memo, verdict, event_date=evidence.event_date, facts=evidence)
    assert [f.field for f in report.fact_mismatches] == ["consumer_prima_facie_evidence"]


def test_verify_json_reports_fact_mismatches(tmp_path):
    from typer.testing import CliRunner

    import assistant.cli.corpus_cmds  # noqa: F401  (a second verb: with one command Typer drops the verb name)
    import assistant.cli.verify_cmds  # noqa: F401  (registers the verb)
    from assistant.cli import app

    facts_path = CLAIMS / "medical_device_not_reviewed.json"
    facts, verdict, ctx, memo = _template_memo(facts_path, "qin2025")
    bad = memo.replace("## 五、", "平台已审核商家资质。\n\n## 五、", 1)
    assert bad != memo
    (tmp_path / "m.md").write_text(bad, encoding="utf-8")
    result = CliRunner().invoke(app, ["verify", str(tmp_path / "m.md"), "--facts", str(facts_path), "--json"])
    data = json.loads(result.stdout)
    assert result.exit_code == 1 and data["ok"] is False
    assert [f["field"] for f in data["fact_mismatches"]] == ["qualification_review_done"]


def test_a_pass_says_whether_the_facts_were_checked():
    facts = _facts("qualification_review_done", True)
    verdict = classify(facts)
    memo, _, _ = _memo(facts, verdict, "平台已审核商家的经营资质。")
    with_facts = check_memo(memo, verdict, event_date=facts.event_date, facts=facts)
    without = check_memo(memo, verdict, event_date=facts.event_date)
    assert with_facts.ok and with_facts.facts_checked and "事实陈述与事实一致" in with_facts.to_text()
    assert without.ok and not without.facts_checked and "未核对事实陈述" in without.to_text()
