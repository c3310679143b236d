"""Sentences of 法律分析 that state facts and reasons, generated from the verdict's trace and the facts.

Nothing here is a fixed paragraph per profile: every fact a sentence states comes from ``ClaimFacts`` (an
unknown one is said to be unknown), every element from the trace, every reason from the route that decided
the form and the doctrine profile's own rule (spec section 5).
"""

from __future__ import annotations

from typing import Any

from assistant.drafting.citer import Citer

# Fact statements: (true, false, unknown). The unknown wording asserts nothing either way.
FACT_WORDS: dict[str, tuple[str, str, str]] = {
    "qualification_review_done": ("平台已审核平台内经营者的资质资格", "平台未审核平台内经营者的资质资格",
                                  "平台是否审核过平台内经营者的资质资格尚不明确"),
    "safety_duty_done": ("平台已履行事中的监控、警示等安全保障义务", "平台未履行事中的监控、警示等安全保障义务",
                         "平台是否履行了事中的安全保障义务尚不明确"),
    "consumer_prima_facie_evidence": ("消费者已提供初步证据", "消费者未提供初步证据", "消费者有无初步证据尚不明确"),
    "causation": ("平台违反义务与损害之间存在因果关系", "平台违反义务与损害之间不存在因果关系",
                  "平台违反义务与损害之间有无因果关系尚不明确"),
}
CONTRIBUTION_WORDS = {"major": "平台违反义务对损害的原因力较大", "minor": "平台违反义务对损害的原因力较小",
                      None: "平台违反义务对损害的原因力大小尚不明确"}
FAULT_WORDS = {"intentional": "平台内经营者系故意侵权", "negligent": "平台内经营者系过失侵权",
               None: "平台内经营者的主观状态（故意或过失）尚不明确"}


def fact_words(facts: Any, name: str) -> str:
    """The memo's statement of one tri-valued fact: known true, known false, or unknown."""
    yes, no, unknown = FACT_WORDS[name]
    value = getattr(facts, name)
    return yes if value is True else no if value is False else unknown


def breach_words(facts: Any) -> str:
    """What the facts say about the two duties of ECL-38-2 (review before entry, safety during trade)."""
    review, safety = facts.qualification_review_done, facts.safety_duty_done
    if review is False and safety is False:
        return "平台既未审核平台内经营者的资质资格，也未履行事中的监控、警示等安全保障义务"
    if review is False:
        return f"{fact_words(facts, 'qualification_review_done')}；{fact_words(facts, 'safety_duty_done')}"
    if safety is False:
        return f"{fact_words(facts, 'safety_duty_done')}；{fact_words(facts, 'qualification_review_done')}"
    return f"{fact_words(facts, 'qualification_review_done')}，{fact_words(facts, 'safety_duty_done')}"


def _analogy(cite: Citer) -> str:
    """The safety-duty analogy in force (CC-1198-2 from 2021, TLL-37-2 before)."""
    return cite.paren(["CC-1198-2", "TLL-37-2", "QIN-3.2.2", "QIN-4.1.2"])


def _qin2025(facts: Any, form: str, cite: Citer) -> str:
    """区分阶段说 (QIN-5.2, section 5 row 1): the stage of the breach, then the contribution."""
    review, contribution = facts.qualification_review_done, facts.platform_contribution
    if review is False:
        return ("平台在事前准入阶段的审核义务未履行，其不作为本身构成独立的直接侵权"
                f"{cite.paren(['QIN-5.2.1'])}，与平台内经营者的侵权行为并存；对其一概课以连带责任有失比例"
                f"{cite.paren(['QIN-4.1.1'])}，应依其过错程度和原因力大小承担按份责任{cite.paren(['CC-1172', 'TLL-12', 'QIN-3.2.3'])}。")
    stage = ("平台仅违反事中的安全保障义务，属于间接侵权" if review is True
             else "平台违反了事中的安全保障义务（是否同时违反事前审核义务尚不明确），至少构成间接侵权")
    head = f"{stage}{cite.paren(['QIN-5.2.2'])}；{CONTRIBUTION_WORDS.get(contribution, CONTRIBUTION_WORDS[None])}"
    if form == "supplementary":
        return (f"{head}，宜类推安全保障义务人的补充责任规则{_analogy(cite)}，"
                "由平台在平台内经营者不能赔偿的范围内承担补充赔偿责任。")
    if form == "proportional":
        return f"{head}，应按原因力承担按份责任{cite.paren(['CC-1172', 'TLL-12', 'QIN-3.2.3'])}。"
    # said as conditions (如…则…): the contribution is unknown and must not read as a fact
    return f"{head}；如原因力较小，则为补充责任；如原因力较大，则为按份责任。在该学说下责任形态尚无法确定。"


def doctrine_reason(facts: Any, profile: str, form: str, cite: Citer) -> str:
    """Why the ECL-38-2 route gives ``form`` under ``profile`` on these facts (spec section 5)."""
    breach = f"本案中，{breach_words(facts)}，且{fact_words(facts, 'causation')}。"
    if profile == "qin2025":
        return breach + _qin2025(facts, form, cite)
    if profile == "intent_split":
        fault = FAULT_WORDS.get(facts.merchant_fault, FAULT_WORDS[None])
        if form == "joint_and_several":
            tail = f"{fault}，平台与其承担连带责任{cite.paren(['CC-1168', 'TLL-8', 'CC-178-2'])}。"
        elif form == "supplementary":
            tail = f"{fault}，平台类推安全保障义务人的规则承担补充责任{_analogy(cite)}。"
        else:
            tail = f"{fault}，故依该学说尚无法确定责任形态；如系故意，则为连带责任；如系过失，则为补充责任。"
        return breach + f"依区分经营者主观状态说{cite.paren(['QIN-4.1.2'])}，平台的责任形态取决于平台内经营者的主观状态：" + tail
    if profile == "supplementary_only":
        return (breach + "依补充责任说，不论平台违反的是事前审核义务还是事中安全保障义务，均类推安全保障义务人的补充责任规则"
                f"{_analogy(cite)}，由平台在平台内经营者不能赔偿的范围内承担补充赔偿责任。")
    if profile == "joint":
        return (breach + "依连带责任说（共同侵权说），平台未尽义务的不作为与经营者的侵权行为客观上关联共同，"
                f"平台与平台内经营者承担连带责任{cite.paren(['QIN-3.2.1', 'CC-1168', 'TLL-8'])}。")
    return breach + f"依比例连带责任说，平台在其自身责任份额范围内与平台内经营者承担连带责任{cite.paren(['CC-178-2'])}。"


def _element_sentence(entry: Any) -> str:
    """The elements of a met route as found: ``平台是否…：是；…``."""
    from assistant.drafting.facts_zh import element_value, field_label

    return "；".join(f"{field_label(e.name)}：{element_value(e.name, e.value)}" for e in entry.elements)


def route_reason(ctx: Any, cite: Citer, entry: Any) -> str:
    """Why the winning route gives the verdict's form: its elements as found in the trace, and its provisions."""
    v, f = ctx.verdict, ctx.facts
    form = v.liability_form
    found = f"本案中，该请求路径的要件事实为：{_element_sentence(entry)}。" if entry.elements else ""
    if entry.rule == "ecl_38_2":
        return doctrine_reason(f, v.doctrine.profile, form, cite)
    if entry.rule == "food_review":
        return (found + f"网络食品交易平台未对入网食品经营者进行实名登记、审查许可证的，{cite.some(['FSL-131-1'])}"
                "规定平台与经营者承担连带责任；电子商务法的“相应的责任”与其他连带责任条款竞合时，"
                f"应适用该特别规定{cite.paren(['QIN-4.1.1', 'QIN-4.1.2'])}。")
    if entry.rule == "knowledge":
        law = cite.some(["ECL-38-1", "CPL-44-2", "TLL-36-3"])
        return found + f"平台知道或者应当知道而未采取必要措施的，依{law or '现行法'}与该经营者承担连带责任。"
    if entry.rule == "self_operated":
        how = ("平台以自营方式销售" if f.platform_role == "self_operated"
               else "平台虽非自营，但其标识足以使消费者误认为自营")
        return (f"{how}，应以销售者（服务者）身份直接承担责任"
                f"{cite.paren(['CPL-40', 'SPC-OC-4', 'SPC-OC-4-2', 'SPC-FS1-2'])}；平台内经营者责任条款不是本案的请求权基础。")
    if entry.rule in ("identity", "promise"):
        why = [w for flag, w in ((f.merchant_identity_provided is False, "平台不能提供平台内经营者的真实名称、地址和有效联系方式"),
                                 (f.advance_compensation_promised is True, "平台曾作出先行赔付等更有利于消费者的承诺"))
               if flag]
        return (f"{'，且'.join(why)}，消费者可以先向平台求偿{cite.paren(entry.citations)}；平台赔偿后有权向经营者追偿。")
    return found + f"该请求路径成立{cite.paren(entry.citations)}。"


def position(ctx: Any, cite: Citer) -> str:
    """The reason for the verdict's form: the route that decided it, or why no form is reached."""
    from assistant.drafting.authorities import route_entries

    v = ctx.verdict
    met = route_entries(v, ("met",))
    lead = v.regimes[0] if v.regimes else None
    winner = next((e for e in met if lead and e.citations and e.citations[0] == lead), met[0] if met else None)
    if v.liability_form == "undetermined":
        blocked = route_entries(v, ("blocked",))
        out = ("现有事实尚不足以确定平台的责任形态：" + ("、".join(f"“{e.title}”" for e in blocked) or "可能导致更重责任形态的请求路径")
               + "因关键事实不明而无法判断，相关事实见“事实与假设”及“建议”部分。")
        # the 38(2) route open only on the profile's own facts (contribution, merchant fault): say what is known
        route = next((e for e in blocked if e.rule == "ecl_38_2"), None)
        if route and all(e.status == "satisfied" for e in route.elements
                             if e.name not in ("doctrine", "breach_stage", "merchant_fault", "platform_contribution")):
            out += doctrine_reason(ctx.facts, v.doctrine.profile, "undetermined", cite)
        return out
    if v.liability_form == "none":
        bars = [e for e in v.trace if e.rule.startswith("bar_") and e.outcome == "met"]
        rebutted = route_entries(v, ("rebutted",))
        if bars:
            return f"本案存在排除责任的事由：{'；'.join(e.title for e in bars)}{cite.paren([c for e in bars for c in e.citations])}，平台不承担赔偿责任。"
        if rebutted:
            return "平台已证明其尽到资质审核和安全保障义务，推翻了对其过错的推定，平台不承担赔偿责任。"
        return "现有事实下，各请求路径均不成立，平台不承担赔偿责任；具体理由见上文各路径的检验结果。"
    if winner is None:
        return f"依所采学说，本案的结论为{v.liability_form}。"
    return route_reason(ctx, cite, winner)


def burden_reason(ctx: Any, cite: Citer) -> str:
    """Why the burden stays with the consumer, from the facts and the route that decided the form (rule 9)."""
    from assistant.drafting.authorities import route_entries

    v, f = ctx.verdict, ctx.facts
    via_38_2 = any(e.rule == "ecl_38_2" for e in route_entries(v, ("met",))) and v.regimes[:1] == ["ECL-38-2"]
    evidence = fact_words(f, "consumer_prima_facie_evidence")
    if not via_38_2:
        return ("本案结论所依据的请求路径按现行法由消费者举证；覃玉娟文的举证责任倒置建议仅适用于"
                f"平台未尽资质审核或安全保障义务的请求路径{cite.paren(['QIN-5.4.2'])}，不改变本案的举证责任。")
    if v.doctrine.profile != "qin2025":
        if f.consumer_prima_facie_evidence is True:
            return f"{evidence}，但所采学说不采举证责任倒置的建议，仍按现行法由消费者举证。"
        return f"所采学说不采举证责任倒置的建议，按现行法由消费者举证（{evidence}）。"
    if f.consumer_prima_facie_evidence is None:
        return (f"覃玉娟文建议在消费者初步举证后由平台证明其无过错{cite.paren(['QIN-5.4.2'])}，但该建议并非现行法；"
                f"本案{evidence}，暂由消费者举证；如消费者能提供初步证据，依该建议举证责任将转由平台承担。")
    return (f"覃玉娟文建议在消费者初步举证后由平台证明其无过错{cite.paren(['QIN-5.4.2'])}，但该建议并非现行法；"
            f"本案{evidence}，故不适用该建议。")
