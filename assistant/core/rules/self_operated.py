"""Spec rule 2: self-operated sales → the platform is liable as seller (CPL-40; SPC-OC-4; SPC-FS1-2; CC-1203-2)."""

from __future__ import annotations

from datetime import date

from assistant.core.law_as_of import applies, law_id
from assistant.core.models import ClaimFacts
from assistant.core.registry import Context, RuleResult, el, harm_element, rule, start

_FOOD = ("food", "catering")


def misleading_in_force(facts: ClaimFacts, on: date, decided: date) -> bool:
    """Spec 1.1 rule 2: SPC-OC-4-2 (decided from 2022-03-15) or, for food or catering, SPC-FS1-2 (decided from
    2021-01-01, event from 2015-10-01 when FSL governs) applies under rule 1."""
    return applies("SPC-OC-4-2", on, decided) or (facts.category in _FOOD and applies("SPC-FS1-2", on, decided))


def seller_route_applies(facts: ClaimFacts, on: date, decided: date) -> bool:
    """Whether rule 2 makes the platform a seller (then ECL-38 is not the route)."""
    if facts.platform_role == "self_operated":
        return True
    return facts.platform_role == "misleading_self_operated" and misleading_in_force(facts, on, decided)


@rule(id="self_operated", title="平台自营或误导性自营标识：承担销售者/服务者责任",
      provisions=["CPL-40", "SPC-OC-4", "SPC-OC-4-2", "SPC-FS1-2", "CC-1203-2", "TLL-43-2"])
def self_operated(ctx: Context) -> RuleResult:
    """CPL-40 (销售者责任); SPC-OC-4 and, for food/catering, SPC-FS1-2 where rule 1 applies them (decision date).

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
    food_window = ctx.applies("SPC-FS1-2") and not ctx.applies("SPC-OC-4-2")
    if role == "misleading_self_operated" and facts.category is None and food_window:
        # Choice (spec silent): decided between 2021-01-01 and 2022-03-14, only food/catering makes a misleading
        # label a seller (SPC-FS1-2); with the category unknown the seller route is blocked on it, not assumed away
        res.elements = [el("platform_role", role, True), el("category", None, None), harm_element(facts)]
        res.citations = ["SPC-FS1-2", "CPL-40", law_id("CC-1203-2", on)]
        return res.settle("seller_liability")
    if not ctx.seller_route:
        res.elements = [el("platform_role", role, False)]
        res.outcome = "not_applicable"
        res.detail = ("误导性自营标识规则（SPC-OC-4-2 裁判日自2022-03-15；食品 SPC-FS1-2 裁判日自2021-01-01、交易自"
                      "2015-10-01）不适用于本案，按平台内经营者处理")
        res.notes.append("平台的标识使消费者误以为是自营，但裁判时相关司法解释尚未施行（或不适用于本案交易），"
                         "按第三方平台分析。")
        return res
    res.elements = [el("platform_role", role, True), harm_element(facts)]
    food_fs1 = facts.category in _FOOD and ctx.applies("SPC-FS1-2")
    if role == "self_operated":
        cites = ["CPL-40"] + (["SPC-OC-4"] if ctx.applies("SPC-OC-4") else [])
        res.regime = "CPL-40"
    else:
        cites = (["SPC-OC-4-2"] if ctx.applies("SPC-OC-4-2") else [])
        res.regime = cites[0] if cites else "SPC-FS1-2"
    if food_fs1:
        cites.append("SPC-FS1-2")
    if role != "self_operated":
        cites.append("CPL-40")
    cites.append(law_id("CC-1203-2", on))
    res.citations = cites
    return res.settle("seller_liability")
