"""A readable Chinese summary of a Verdict, with the trace (✓ ✗ ? per element) and citations in Chinese."""

from __future__ import annotations

import re
from typing import Any, Callable, Optional

from assistant.core.models import FORM_PRECEDENCE, Scenario, Verdict

FORM_ZH = {
    "joint_and_several": "连带责任", "supplementary": "补充责任", "proportional": "按份责任",
    "proportional_joint": "比例连带责任", "seller_liability": "承担销售者/服务者责任",
    "advance_compensation": "先行赔付、可追偿", "none": "不承担责任", "undetermined": "事实不足，无法确定",
}
NATURE_ZH = {"tort": "侵权责任", "contract_seller": "销售者/服务者责任（自营）"}
IMPUTATION_ZH = {"fault": "过错责任", "presumed_fault": "过错推定", "not_applicable": "不适用"}
BURDEN_ZH = {"consumer": "消费者（谁主张谁举证）", "platform": "平台（举证责任倒置）", "not_applicable": "不适用"}
BASIS_ZH = {"lex_lata": "现行法", "proposal": "学说建议（QIN-5.4），非现行法"}
OUTCOME_ZH = {"met": "成立", "failed": "不成立", "blocked": "事实不明", "barred": "被阻却", "rebutted": "已推翻",
              "not_applicable": "不适用"}
_CODE = re.compile(r"^(.*?)-\d")
STATUS_MARK = {"satisfied": "✓", "failed": "✗", "unknown": "?"}
#: Rule 12 scenarios: what each fact value means, as a clause after 如能证明.
_FACT_ZH: dict[tuple[str, object], str] = {
    ("knew_or_should_have_known", True): "平台知道或者应当知道商家侵害消费者权益（例如曾收到投诉或通知）",
    ("knew_or_should_have_known", False): "平台不知道且不应当知道商家侵害消费者权益",
    ("necessary_measures_taken", False): "平台未采取删除、屏蔽、断开链接等必要措施",
    ("necessary_measures_taken", True): "平台已采取必要措施",
    ("qualification_review_done", False): "平台未审核商家资质",
    ("qualification_review_done", True): "平台已审核商家资质",
    ("safety_duty_done", False): "平台未尽到对消费者的安全保障义务",
    ("safety_duty_done", True): "平台已尽到安全保障义务",
    ("causation", True): "平台未尽义务与损害之间存在因果关系",
    ("causation", False): "平台未尽义务与损害之间不存在因果关系",
    ("merchant_identity_provided", False): "平台不能提供商家的真实名称、地址和有效联系方式",
    ("merchant_identity_provided", True): "平台能够提供商家的真实名称、地址和有效联系方式",
    ("advance_compensation_promised", True): "平台曾承诺先行赔付",
    ("advance_compensation_promised", False): "平台未承诺先行赔付",
    ("life_health", True): "该商品或服务关系消费者生命健康",
    ("life_health", False): "该商品或服务不关系消费者生命健康",
    ("harm", "personal_injury"): "消费者受到人身损害",
    ("harm", "property_loss"): "消费者受到财产损失",
    ("harm", "none"): "消费者没有受到损害",
    ("platform_contribution", "major"): "平台过错对损害的原因力为主要",
    ("platform_contribution", "minor"): "平台过错对损害的原因力为次要",
    ("merchant_fault", "intentional"): "商家出于故意",
    ("merchant_fault", "negligent"): "商家仅有过失",
}
CATEGORY_ZH = {"food": "食品", "catering": "外卖餐饮", "drug": "药品", "medical_device": "医疗器械", "cosmetics": "化妆品",
               "transport": "交通出行服务", "lodging": "住宿服务", "other_goods": "其他商品", "other_service": "其他服务"}
_CONSEQUENCE_ZH = {
    "joint_and_several": "平台将与商家承担连带责任", "supplementary": "平台将承担补充责任（可向商家追偿）",
    "proportional": "平台将按其过错和原因力承担按份责任", "proportional_joint": "平台将在其份额内承担比例连带责任",
    "seller_liability": "平台将作为销售者/服务者承担责任", "advance_compensation": "平台应先行赔付（赔付后可向商家追偿）",
    "none": "平台不承担责任",
}
PROFILE_ZH = {"qin2025": "覃玉娟2025（默认）", "intent_split": "按商家故意/过失区分说", "supplementary_only": "补充责任说",
              "joint": "共同侵权连带责任说", "proportional_joint": "比例连带责任说"}


def _default_citer() -> Optional[Callable[..., str]]:
    """The corpus's ``cite`` when the corpus loads; None (ids shown as-is) otherwise."""
    try:
        from assistant.corpus import load_corpus

        return load_corpus().cite
    except Exception:  # the summary must still render without a corpus
        return None


class _Citer:
    """Renders ids in Chinese citation style: the full title on first use of each instrument, short after."""

    def __init__(self, cite: Optional[Callable[..., str]]):
        self.cite, self.seen = cite, set()

    def __call__(self, pid: str) -> str:
        if self.cite is None:
            return pid
        match = _CODE.match(pid)
        code = match.group(1) if match else pid
        first = code not in self.seen
        self.seen.add(code)
        try:
            return self.cite(pid, first=first)
        except Exception:
            return pid


def _value(value: Any) -> str:
    return "未知" if value is None else ("是" if value is True else "否" if value is False else str(value))


def fact_clause_zh(fact: str, value: object) -> str:
    """One proved fact as a Chinese clause (rule 12 scenarios), e.g. 平台未审核商家资质."""
    if fact == "category":
        return f"所涉商品或服务为{CATEGORY_ZH.get(str(value), str(value))}"
    return _FACT_ZH.get((fact, value), f"{fact} = {_value(value)}")


def scenario_sentence_zh(scenario: Scenario, on_record: Optional[str] = None,
                         cite: Optional[Callable[[str], str]] = None) -> str:
    """"如能证明……，则……" for one scenario; says so when it would not change the on-record form."""
    facts = "，且".join(fact_clause_zh(f, v) for f, v in scenario.requires.items())
    basis = (cite or (lambda pid: pid))(scenario.route)
    sentence = f"如能证明{facts}，则依{basis}，{_CONSEQUENCE_ZH[scenario.form]}"
    if on_record in FORM_PRECEDENCE and FORM_PRECEDENCE.index(scenario.form) >= FORM_PRECEDENCE.index(on_record):
        sentence += "（不改变现有事实下的结论）"
    return sentence + "。"


def verdict_summary_zh(verdict: Verdict, cite: Optional[Callable[..., str]] = None) -> str:
    """A readable Chinese summary of ``verdict`` with its trace; citations via the corpus when available."""
    citer = _Citer(cite if cite is not None else _default_citer())
    v = verdict
    lines = [f"责任形态：{FORM_ZH[v.liability_form]}（{v.liability_form}）"]
    if v.regimes:
        lines.append("成立的请求权基础：" + "；".join(citer(r) for r in v.regimes))
    if v.on_record is not None:
        lines.append(f"现有事实下的结论：{FORM_ZH[v.on_record]}（on_record：尚未查明的事实，由负举证责任的一方承担不利后果）")
    if v.scenarios:
        lines.append("如能证明……则……：")
        lines += [f"  - {scenario_sentence_zh(s, v.on_record, citer)}" for s in v.scenarios]
    lines.append(f"责任性质：{NATURE_ZH[v.liability_nature]}；归责原则：{IMPUTATION_ZH[v.imputation]}")
    basis = f"（依据：{BASIS_ZH[v.burden_basis]}）" if v.burden_of_proof != "not_applicable" else ""
    lines.append(f"举证责任：{BURDEN_ZH[v.burden_of_proof]}{basis}")
    lines.append("追偿：" + ("平台承担责任后可以追偿" if v.recourse else "无追偿权"))
    if v.expanded_damage:
        lines.append("扩大损失：平台对损害扩大部分承担责任（QIN-5.2.3）")
    alternatives = "；".join(f"{PROFILE_ZH.get(p, p)} → {FORM_ZH[f]}" for p, f in v.doctrine.alternatives.items())
    lines.append(f"学说：{PROFILE_ZH.get(v.doctrine.profile, v.doctrine.profile)}；其他学说：{alternatives}")
    as_of = v.as_of.date or "日期未知（按现行法）"
    lines.append(f"适用法律时点：{as_of}")
    lines += [f"  · {n}" for n in v.as_of.version_notes]
    if v.citations:
        lines.append("依据：")
        lines += [f"  - {citer(c)}" for c in v.citations]
    if v.notes:
        lines.append("说明：")
        lines += [f"  - {n}" for n in v.notes]
    if v.missing_facts:
        lines.append("待补事实（请向当事人询问）：")
        lines += [f"  {i}. {m.question}（{m.fact}）" for i, m in enumerate(v.missing_facts, 1)]
    lines.append("推理过程：")
    for entry in v.trace:
        lines.append(f"  [{OUTCOME_ZH[entry.outcome]}] {entry.title}（{entry.rule}）")
        for element in entry.elements:
            lines.append(f"      {STATUS_MARK[element.status]} {element.name} = {_value(element.value)}")
        tail = f"；依据：{'、'.join(citer(c) for c in entry.citations)}" if entry.citations else ""
        if entry.detail or tail:
            lines.append(f"      → {entry.detail}{tail}")
    return "\n".join(lines)
