"""Spec 7.3: compensatory heads (H1–H5) and who pays them (H6 heads, H7 refund), with 7.13 items 1, 2, 9, 10."""

from __future__ import annotations

from datetime import date
from typing import Optional

from assistant.core.registry import rule
from assistant.core.remedies.common import STATUTE_START, Advice, money

_H1_CITES = ["CC-1179", "TLL-16", "CPL-49"]


def _head(head: str, status: str, citations: list[str], amount: Optional[str] = None,
          condition: Optional[str] = None) -> dict:
    return {"head": head, "status": status, "amount": amount, "condition": condition, "citations": citations}


def _no_damage_heads(a: Advice) -> bool:
    """CC-180 / rule 3: force majeure removes H1–H3 (not the refund, not punitive damages)."""
    return a.facts.force_majeure is True


@rule(id="H1", title="人身损害赔偿项目（医疗费、误工费、残疾、死亡）", provisions=_H1_CITES,
      effective=date(2014, 3, 15))
def personal_injury_heads(a: Advice) -> list[dict]:
    """H1: CC-1179 (TLL-16 before 2021) and CPL-49 heads for personal injury; disability/death by severity."""
    f = a.facts
    if f.harm != "personal_injury" or _no_damage_heads(a):
        a.record("remedies", "H1", "not_applicable", "无人身损害（或不可抗力）", [])
        return []
    cites = [a.cc("CC-1179"), "CPL-49"]
    heads = [_head("medical_and_recovery", "claimable", cites), _head("lost_income", "claimable", cites)]
    for severity in ("disability", "death"):
        if f.injury_severity == severity:
            heads.append(_head(severity, "claimable", cites))
        elif f.injury_severity is None:
            heads.append(_head(severity, "conditional", cites, condition=severity))
    a.record("remedies", "H1", "met", "人身损害：列明赔偿项目，不计算金额", cites)
    return heads


@rule(id="H2", title="精神损害赔偿（以严重精神损害为条件）", provisions=["CC-1183-1", "TLL-22"],
      effective=date(2014, 3, 15))
def mental_distress(a: Advice, injury_listed: bool) -> list[dict]:
    """H2: CC-1183-1 (TLL-22) mental distress, conditional on serious mental harm, with H1 only."""
    if not injury_listed:
        a.record("remedies", "H2", "not_applicable", "无人身损害项目", [])
        return []
    cites = [a.cc("CC-1183-1")]
    a.record("remedies", "H2", "met", "以严重精神损害为条件", cites)
    return [_head("mental_distress", "conditional", cites, condition="serious_mental_harm")]


@rule(id="H3", title="财产损失", provisions=["CC-1184", "TLL-19", "SPC-TI1-19"], effective=date(2014, 3, 15))
def property_loss(a: Advice) -> list[dict]:
    """H3: CC-1184 (TLL-19) property loss; SPC-TI1-19 for a defective product when T2 holds."""
    if a.facts.harm != "property_loss" or _no_damage_heads(a):
        a.record("remedies", "H3", "not_applicable", "无财产损失（或不可抗力）", [])
        return []
    cites = [a.cc("CC-1184")]
    if a.facts.goods_nonconforming == "defect" and a.interp("SPC-TI1", STATUTE_START["CC"]):
        cites.append("SPC-TI1-19")
    a.record("remedies", "H3", "met", "财产损失可主张", cites)
    return [_head("property_loss", "claimable", cites)]


@rule(id="H4", title="退还价款", provisions=["CPL-24-1", "CPL-52", "SPC-FDP-2-1"], effective=date(2014, 3, 15))
def price_refund(a: Advice) -> Optional[dict]:
    """H4: CPL-24-1 and CPL-52 refund of the price; SPC-FDP-2-1 for a knowing buyer of food or drugs (T2)."""
    f = a.facts
    if f.goods_nonconforming == "none":
        a.record("remedies", "H4", "failed", "商品或服务无问题", [])
        return None
    cites = ["CPL-24-1", "CPL-52"]
    if f.consumer_knew_at_purchase is True and (
            (a.is_food and a.interp("SPC-FDP", STATUTE_START["FSL"]))
            or (a.is_drug and a.interp("SPC-FDP", STATUTE_START["DAL"]))):
        cites.append("SPC-FDP-2-1")
    amount = money(f.price_paid)   # 7.13 item 10: a conditional refund also carries the price
    if f.goods_nonconforming is None:
        a.record("remedies", "H4", "blocked", "商品或服务是否存在问题不明", cites)
        return _head("price_refund", "conditional", cites, amount, "goods_or_service_nonconforming")
    a.record("remedies", "H4", "met", "商品或服务不符合要求，可请求退还价款", cites)
    return _head("price_refund", "claimable", cites, amount)


@rule(id="H5", title="损害扩大部分（平台未及时处理投诉）", provisions=["QIN-5.2.3", "CC-1195-2", "TLL-36-2"])
def expanded_damage_head(a: Advice) -> Optional[dict]:
    """H5: expanded damage (rule 10, QIN-5.2.3), with CC-1195-2 as the statutory analogy (7.13 item 9)."""
    if not a.expanded_damage:
        a.record("remedies", "H5", "not_applicable", "无损害扩大", [])
        return None
    cites = ["QIN-5.2.3", a.cc("CC-1195-2")]
    a.record("remedies", "H5", "met", "平台就扩大部分承担责任", cites)
    head = _head("expanded_damage", "claimable", cites)
    head["payers"] = [{"party": "platform", "status": "liable", "citations": list(cites)}]
    return head


def category_x(a: Advice, producer: bool) -> list[str]:
    """H6's X: FSL-148-1 (food), DAL-144-2 (drugs), CPL-40-2 for defective goods (+PQL-43 for the producer),
    CPL-40-3 for a defective service (7.13 item 2)."""
    f, out = a.facts, []
    if a.is_food and f.goods_nonconforming == "food_safety_standard" and a.statute("FSL"):
        out.append("FSL-148-1")
    if a.is_drug and f.goods_nonconforming == "fake_or_substandard_drug" and a.statute("DAL"):
        out.append("DAL-144-2")
    if f.goods_nonconforming == "defect":
        out.append("CPL-40-3" if a.is_service else "CPL-40-2")
        if producer and not a.is_service and a.statute("PQL"):
            out.append("PQL-43")
    return out


def platform_form_citations(a: Advice) -> tuple[str, list[str]]:
    """H6: the marketplace platform's extent and citations by liability form."""
    form, win = a.form, a.regimes[:1]
    if form == "joint_and_several":
        return "full_joint", [a.cc("CC-178-1")] + win
    if form == "proportional_joint":
        return "joint_up_to_share", [a.cc("CC-178-1"), a.cc("CC-1172")]
    if form == "proportional":
        return "share", [a.cc("CC-1172"), "ECL-38-2"]
    if form == "supplementary":
        cites = [a.cc("CC-1198-2")]
        if a.interp("SPC-TI1", STATUTE_START["CC"]):
            cites += ["SPC-TI1-14-1", "SPC-TI1-24"]
        return "supplementary_after_enforcement", cites
    if form == "advance_compensation":
        cites = ["CPL-44-1"] + (["FSL-131-2"] if a.is_food and a.statute("FSL") else [])
        if (a.is_food or a.is_drug) and a.interp("SPC-FD", STATUTE_START["CPL"]):
            cites += ["SPC-FD-9-1", "SPC-FD-9-2"]
        return "full_then_recourse", cites
    if form == "undetermined":
        return "undetermined", []
    return "none", []


def producer_citations(a: Advice) -> list[str]:
    """D3/H6: the producer's citations, CC-1203-1 (TLL-43-1) and X."""
    return [a.cc("CC-1203-1")] + category_x(a, producer=True)


@rule(id="H6", title="人身及财产损害赔偿的责任主体", provisions=[
    "CPL-40-1", "CPL-44-1", "CC-178-1", "TLL-13", "CC-1172", "TLL-12", "ECL-38-2", "ECL-38-1", "FSL-131-1",
    "CPL-44-2", "CC-1198-2", "TLL-37-2", "SPC-TI1-14-1", "SPC-TI1-24", "FSL-131-2", "SPC-FD-9-1", "SPC-FD-9-2",
    "CC-1203-1", "TLL-43-1", "FSL-148-1", "DAL-144-2", "CPL-40-2", "CPL-40-3", "PQL-43", "SPC-FS1-2-1",
    "SPC-FS1-2-2", "SPC-OC-4-1", "SPC-OC-4-2"], effective=date(2014, 3, 15))
def compensatory_payers(a: Advice, heads: list[dict]) -> list[dict]:
    """H6: who pays H1–H3 by liability form (CPL-44-1, CC-178-1, CC-1172, CC-1198-2 …); 7.13 item 1: under
    ``proportional`` the merchant still owes the whole loss."""
    if not any(h["head"] in ("medical_and_recovery", "lost_income", "disability", "death", "mental_distress",
                             "property_loss") for h in heads):
        a.record("remedies", "H6", "not_applicable", "无损害赔偿项目", [])
        return []
    merchant = {"party": "merchant", "extent": "full", "citations": ["CPL-44-1"] + category_x(a, producer=False)}
    payers = []
    if a.seller_role is not None:
        if a.seller_role == "misleading":
            payers.append(merchant)
        payers.append({"party": "platform", "extent": "full", "citations": ["CPL-40-1"] + a.seller_citations()})
    else:
        extent, cites = platform_form_citations(a)
        payers += [merchant, {"party": "platform", "extent": extent, "citations": cites}]
    if a.producer_listed:
        payers.append({"party": "producer", "extent": "full", "citations": producer_citations(a)})
    a.record("remedies", "H6", "met", "、".join(f"{p['party']}:{p['extent']}" for p in payers),
                         [c for p in payers for c in p["citations"]])
    return payers


def marketplace_platform_status(a: Advice) -> tuple[str, list[str]]:
    """P6's table (also H7's refund): the marketplace platform's status and its regime citations."""
    form = a.form
    if form in ("joint_and_several", "proportional_joint"):
        return "disputed", a.regimes[:1]
    if form == "advance_compensation":
        return "disputed", ["CPL-44-1"] + (["FSL-131-2"] if a.is_food and a.statute("FSL") else [])
    if form == "undetermined":
        return "undetermined", []
    return "not_liable", []


@rule(id="H7", title="退还价款的责任主体", provisions=[
    "CPL-24-1", "SPC-FS1-2-1", "SPC-FS1-2-2", "SPC-OC-4-1", "SPC-OC-4-2", "FSL-131-1", "ECL-38-1", "ECL-38-2",
    "CPL-44-1", "CPL-44-2", "FSL-131-2"], effective=date(2014, 3, 15))
def refund_payers(a: Advice, refund: Optional[dict]) -> None:
    """H7: the seller refunds (CPL-24-1): the platform when it is the seller, else the merchant; the
    marketplace platform takes P6's status with the regime ids."""
    if refund is None:
        a.record("remedies", "H7", "not_applicable", "无退还价款项目", [])
        return
    payers = []
    if a.seller_role is not None:
        payers.append({"party": "platform", "status": "liable", "citations": ["CPL-24-1"] + a.seller_citations()})
        if a.seller_role == "misleading":
            payers.append({"party": "merchant", "status": "liable", "citations": ["CPL-24-1"]})
    else:
        status, cites = marketplace_platform_status(a)
        payers += [{"party": "merchant", "status": "liable", "citations": ["CPL-24-1"]},
                   {"party": "platform", "status": status, "citations": cites}]
    refund["payers"] = payers
    a.record("remedies", "H7", "met", "、".join(f"{p['party']}:{p['status']}" for p in payers),
                         [c for p in payers for c in p["citations"]])
