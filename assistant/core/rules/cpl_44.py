"""Spec rules 4 and 5: CPL-44-1 — identity not provided, and the platform's promise (先行赔付), with recourse."""

from __future__ import annotations

from assistant.core.registry import Context, RuleResult, el, fact_is, harm_element, rule, start


def _not_marketplace(res: RuleResult) -> RuleResult:
    res.outcome, res.detail = "not_applicable", "平台以销售者身份承担责任（规则2），本路径不适用"
    return res


@rule(id="identity", title="不能提供平台内经营者真实名称、地址和有效联系方式",
      provisions=["CPL-44-1", "SPC-FD-9", "FSL-131-2", "SPC-OC-14"])
def identity(ctx: Context) -> RuleResult:
    """CPL-44-1: the platform that cannot identify the merchant pays first, then claims against the merchant.

    Food and drugs: also SPC-FD-9 (first two paragraphs); food: FSL-131-2 (from 2015-10-01);
    live-streaming: SPC-OC-14 (interpretations by the decision date, rule 1). Elements: ``merchant_identity_provided = false`` and harm.
    """
    res = start("identity")
    if ctx.seller_route:
        return _not_marketplace(res)
    facts = ctx.facts
    res.elements = [fact_is("merchant_identity_provided", facts.merchant_identity_provided, False),
                    harm_element(facts)]
    res.regime = "CPL-44-1"
    res.citations = ["CPL-44-1"]
    if (ctx.is_food or ctx.is_drug) and ctx.applies("SPC-FD-9"):
        res.citations.append("SPC-FD-9")
    if ctx.is_food and ctx.applies("FSL-131-2"):
        res.citations.append("FSL-131-2")
    if facts.live_streaming and ctx.applies("SPC-OC-14"):
        res.citations.append("SPC-OC-14")
    return res.settle("advance_compensation")


@rule(id="promise", title="平台作出更有利于消费者的承诺（先行赔付）", provisions=["CPL-44-1", "FSL-131-2"])
def promise(ctx: Context) -> RuleResult:
    """CPL-44-1 second sentence (FSL-131-2 for food): a promise of advance compensation must be kept.

    A claim the consumer must raise: it counts only when true; unknown does not block (asked last).
    """
    res = start("promise")
    if ctx.seller_route:
        return _not_marketplace(res)
    facts = ctx.facts
    promised = facts.advance_compensation_promised
    if promised is None:
        res.elements = [el("advance_compensation_promised", None, None)]
        res.outcome, res.detail = "not_applicable", "是否有先行赔付承诺未知（不阻却结论，列入待补事实）"
        return res
    res.elements = [el("advance_compensation_promised", promised, promised), harm_element(facts)]
    res.regime = "CPL-44-1"
    res.citations = ["CPL-44-1"]
    if ctx.is_food and ctx.applies("FSL-131-2"):
        res.citations.append("FSL-131-2")
    return res.settle("advance_compensation")
