"""Spec rule 2: self-operated sales → the platform is liable as seller (CPL-40; SPC-OC-4; SPC-FS1-2; CC-1203-2)."""

from __future__ import annotations

from datetime import date

from assistant.core.law_as_of import in_force, law_id
from assistant.core.models import ClaimFacts
from assistant.core.registry import Context, RuleResult, el, harm_element, rule, start

_FOOD = ("food", "catering")


def misleading_in_force(facts: ClaimFacts, on: date) -> bool:
    """SPC-OC-4-2 applies from 2022-03-15; for food or catering SPC-FS1-2 (second paragraph) from 2021-01-01."""
    return in_force("SPC-OC", on) or (facts.category in _FOOD and in_force("SPC-FS1", on))


def seller_route_applies(facts: ClaimFacts, on: date) -> bool:
    """Whether rule 2 makes the platform a seller (then ECL-38 is not the route)."""
    if facts.platform_role == "self_operated":
        return True
    return facts.platform_role == "misleading_self_operated" and misleading_in_force(facts, on)


@rule(id="self_operated", title="平台自营或误导性自营标识：承担销售者/服务者责任",
      provisions=["CPL-40", "SPC-OC-4", "SPC-OC-4-2", "SPC-FS1-2", "CC-1203-2", "TLL-43-2"])
def self_operated(ctx: Context) -> RuleResult:
    """CPL-40 (销售者责任); SPC-OC-4 from 2022-03-15; for food/catering SPC-FS1-2 from 2021-01-01.

    Recourse against the producer: CC-1203-2 (TLL-43-2 before 2021). Choice (spec silent): when the platform
    is a seller, the marketplace routes (rules 4–8) are not evaluated, since the platform is not a third party.
    Its only other element is ``harm`` (spec: harm blocks every route).
    """
    res = start("self_operated")
    facts, on = ctx.facts, ctx.on
    role = facts.platform_role
    if role is None:
        res.elements = [el("platform_role", None, None)]
        res.outcome, res.detail = "not_applicable", "平台角色未知：按平台内经营者（marketplace）处理"
        return res
    if role == "marketplace":
        res.elements = [el("platform_role", role, False)]
        res.outcome, res.detail = "failed", "不满足要件：platform_role（第三方平台，非自营）"
        return res
    food_window = in_force("SPC-FS1", on) and not in_force("SPC-OC", on)
    if role == "misleading_self_operated" and facts.category is None and food_window:
        # Choice (spec silent): between 2021-01-01 and 2022-03-14 only food/catering makes a misleading label a
        # seller (SPC-FS1-2); with the category unknown the seller route is blocked on it, not assumed away
        res.elements = [el("platform_role", role, True), el("category", None, None), harm_element(facts)]
        res.citations = ["SPC-FS1-2", "CPL-40", law_id("CC-1203-2", on)]
        return res.settle("seller_liability")
    if not ctx.seller_route:
        res.elements = [el("platform_role", role, False)]
        res.outcome = "not_applicable"
        res.detail = "误导性自营标识规则（SPC-OC-4-2 自2022-03-15；食品 SPC-FS1-2 自2021-01-01）尚未施行，按平台内经营者处理"
        res.notes.append("平台虽以标识误导消费者相信其自营，但交易时相关司法解释尚未施行，按第三方平台分析。")
        return res
    res.elements = [el("platform_role", role, True), harm_element(facts)]
    food_fs1 = facts.category in _FOOD and in_force("SPC-FS1", on)
    if role == "self_operated":
        cites = ["CPL-40"] + (["SPC-OC-4"] if in_force("SPC-OC", on) else [])
        res.regime = "CPL-40"
    else:
        cites = (["SPC-OC-4-2"] if in_force("SPC-OC", on) else [])
        res.regime = cites[0] if cites else "SPC-FS1-2"
    if food_fs1:
        cites.append("SPC-FS1-2")
    if role != "self_operated":
        cites.append("CPL-40")
    cites.append(law_id("CC-1203-2", on))
    res.citations = cites
    return res.settle("seller_liability")
