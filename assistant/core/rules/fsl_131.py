"""Spec rule 7: food platforms — FSL-131-1 joint liability prevails over ECL-38-2 (QIN-4.1.1, QIN-4.1.2)."""

from __future__ import annotations

from datetime import date

from assistant.core.law_as_of import in_force, law_id
from assistant.core.registry import Context, RuleResult, el, fact_is, harm_element, rule, start


@rule(id="food_review", title="网络食品交易平台未实名登记、审查许可证：与食品经营者承担连带责任",
      provisions=["FSL-131-1", "SPC-FS1-3", "SPC-OC-18", "SPC-OC-15", "QIN-4.1.1", "QIN-4.1.2",
                  "CC-178-2", "TLL-14-2"],
      effective=date(2015, 10, 1))
def food_review(ctx: Context) -> RuleResult:
    """FSL-131-1: food/catering, no real-name registration or licence review, damage → joint_and_several.

    Adds SPC-FS1-3 (decided from 2021-01-01, rule 1; our choice: for catering too, a 外卖 platform is an e-commerce platform
    selling food), SPC-OC-18 for catering and SPC-OC-15 for live-streaming (decided from 2022-03-15). Where ECL-38-2
    concurs, this provision governs (QIN-4.1.1, QIN-4.1.2; the engine cites QIN-4.1.1 then).
    FSL-131-1's reporting limb presupposes knowledge: that is rule 6. Causation is no element.
    """
    res = start("food_review")
    facts, on = ctx.facts, ctx.on
    if not in_force("FSL", on):
        res.outcome, res.detail = "not_applicable", "《食品安全法》第一百三十一条自2015-10-01起施行"
        return res
    if ctx.seller_route:
        res.outcome, res.detail = "not_applicable", "平台以销售者身份承担责任（规则2），本路径不适用"
        return res
    category = facts.category
    res.elements = [el("category", category, None if category is None else category in ("food", "catering")),
                    fact_is("qualification_review_done", facts.qualification_review_done, False),
                    harm_element(facts)]
    res.regime = "FSL-131-1"
    res.citations = ["FSL-131-1"]
    if ctx.applies("SPC-FS1-3"):
        res.citations.append("SPC-FS1-3")
    if category == "catering" and ctx.applies("SPC-OC-18"):
        res.citations.append("SPC-OC-18")
    if facts.live_streaming and ctx.applies("SPC-OC-15"):
        res.citations.append("SPC-OC-15")
    res.citations.append(law_id("CC-178-2", on))
    return res.settle("joint_and_several")
