"""Spec 7.6: forum (F1–F6) and parties (D1–D6), with 7.13 items 5, 8, 9, 10 (the marketplace contract route,
the producer without damage, SPC-OC-1-1-4, a clause that displaces courts only for the seller platform)."""

from __future__ import annotations

from datetime import date
from typing import Optional

from assistant.core.registry import rule
from assistant.core.remedies.common import STATUTE_START, Advice, ordered_citations
from assistant.core.remedies.heads import producer_citations
from assistant.core.remedies.texts import missing, notes_in_order

CPROC_TEXT = date(2024, 1, 1)      # T4: the corpus text of CPROC
SPC_CPI_TEXT = date(2022, 4, 10)   # T4: the corpus text of SPC-CPI
_GOODS_FACTORS = ("product_manufacture_place", "product_sale_place")
_SERVICE_CATEGORIES = ("transport", "lodging", "other_service")


def _factor(name: str, citations: list[str], status: str = "available") -> dict:
    return {"factor": name, "status": status, "citations": citations}


@rule(id="F1", title="请求权路径与管辖连结点", provisions=[
    "CC-186", "CPROC-29", "CPROC-24", "CPROC-22-3", "SPC-CPI-3-1", "SPC-CPI-24", "SPC-CPI-25", "SPC-CPI-26",
    "SPC-CPI-20"], effective=date(2014, 3, 15))
def routes(a: Advice, many_defendants: bool) -> tuple[list[dict], set[str]]:
    """F1–F3: contract (CPROC-24, SPC-CPI-20) and tort (CPROC-29, SPC-CPI-24/25/26) routes and their factors."""
    f, notes = a.facts, set()
    joint = ["CPROC-22-3"] if many_defendants else []
    out = []
    # F1 and 7.13 item 5: a seller's buyer, a buyer without damage, and (7.13) any marketplace buyer against the
    # merchant all have a contract route
    out.append({"claim": "contract", "basis": [], "factors": [
        _factor("defendant_domicile", ["CPROC-24", "SPC-CPI-3-1"] + joint),
        _factor("contract_performance_place", ["CPROC-24", "SPC-CPI-20"])]})
    if f.harm in ("personal_injury", "property_loss", None):
        cc186 = a.cc("CC-186")
        factors = [_factor("defendant_domicile", ["CPROC-29", "SPC-CPI-3-1"] + joint),
                   _factor("tort_act_place", ["CPROC-29", "SPC-CPI-24"]),
                   _factor("tort_result_place", ["CPROC-29", "SPC-CPI-24"])]
        if f.harm is not None:
            cat = f.category
            if cat is None or cat not in _SERVICE_CATEGORIES:
                factors += [_factor(name, ["SPC-CPI-26"]) for name in _GOODS_FACTORS]
            if cat is None or cat in _SERVICE_CATEGORIES or cat == "catering":
                factors.append(_factor("service_place", ["SPC-CPI-26"]))
        factors.append(_factor("victim_domicile", ["SPC-CPI-25"], "arguable"))
        notes.add("F2")
        out.append({"claim": "tort", "basis": [cc186] if cc186 else [], "factors": factors})
    a.record("forum", "F1", "met", "+".join(r["claim"] for r in out),
                      [c for r in out for c in r["basis"] + [c for x in r["factors"] for c in x["citations"]]])
    return out, notes


@rule(id="F4", title="平台用户协议中的管辖条款", provisions=[
    "CPROC-35", "SPC-CPI-29", "SPC-CPI-30-1", "SPC-OC-1-1-4", "SPC-CPI-31", "CPL-26-2", "CPL-26-3"],
      effective=date(2014, 3, 15))
def jurisdiction_clause(a: Advice, route_list: list[dict], defendants: list[dict]) -> tuple[dict, set[str]]:
    """F4: a prominent clause (CPROC-35, SPC-CPI-29, SPC-CPI-30-1) binds contract claims against the seller
    platform only; a clause not brought to notice is void on request (SPC-CPI-31, CPL-26-2, CPL-26-3)."""
    value, notes = a.facts.forum_clause, set()
    if value is None:
        clause = {"value": None, "effect": "unknown", "citations": []}
    elif value == "none":
        clause = {"value": "none", "effect": "none", "citations": []}
    elif value == "not_prominent":
        clause = {"value": value, "effect": "invalid_on_consumer_request",
                  "citations": ["CPL-26-2", "CPL-26-3", "SPC-CPI-31"]}
    else:
        cites = ["CPROC-35", "SPC-CPI-29", "SPC-CPI-30-1"]
        if a.interp("SPC-OC", STATUTE_START["CPL"]):
            cites.append("SPC-OC-1-1-4")       # 7.13 item 9: still subject to SPC-OC-1-1-4 and CPROC-35
        clause = {"value": value, "effect": "agreed_court_for_contract_claims", "citations": cites}
        if a.seller_role is not None:          # 7.13 items 8, 10: only the platform, only as seller
            for r in route_list:
                if r["claim"] == "contract":
                    for x in r["factors"]:
                        x["status"] = "displaced_by_agreement"
                    r["factors"].append(_factor("agreed_court", list(cites), "agreed"))
        others = [d for d in defendants if d["party"] != "platform" or a.seller_role is None]
        if others or any(r["claim"] == "tort" for r in route_list):
            notes.add("F4")
    a.record("forum", "F4", "met" if value else "blocked", clause["effect"], clause["citations"])
    return clause, notes


@rule(id="D1", title="原告", provisions=["CC-1181-1", "TLL-18-1", "CC-1181-2", "TLL-18-2"])
def plaintiffs(a: Advice) -> list[dict]:
    """D1: the consumer; on death its close relatives (CC-1181-1) and those who paid the expenses (CC-1181-2)."""
    if a.facts.injury_severity == "death":
        out = [{"party": "close_relatives", "citations": [a.cc("CC-1181-1")]},
               {"party": "expense_payers", "citations": [a.cc("CC-1181-2")]}]
    else:
        out = [{"party": "consumer", "citations": []}]
    a.record("forum", "D1", "met", "、".join(p["party"] for p in out), [c for p in out for c in p["citations"]])
    return out


def _defendant(party: str, citations: list[str], status: str = "name", condition: Optional[str] = None) -> dict:
    return {"order": 0, "party": party, "status": status, "condition": condition, "citations": citations}


@rule(id="D2", title="被告及其顺序", provisions=[
    "CPL-40-1", "CPL-44-1", "CC-178-1", "TLL-13", "CC-1172", "TLL-12", "ECL-38-2", "ECL-38-1", "FSL-131-1",
    "CPL-44-2", "CC-1198-2", "TLL-37-2", "SPC-TI1-14-2", "FSL-131-2", "SPC-FD-9-1", "CPROC-122-1-2", "ECL-62",
    "SPC-FS1-2-1", "SPC-FS1-2-2", "SPC-OC-4-1", "SPC-OC-4-2"], effective=date(2014, 3, 15))
def defendants_by_form(a: Advice) -> tuple[list[dict], set[str]]:
    """D2: defendants by liability form (CPL-44-1, CC-178-1, CC-1198-2 …); an unidentified merchant is named
    when identified (CPROC-122-1-2, ECL-62), 7.13 item 10."""
    f, form, notes = a.facts, a.form, set()
    hidden = f.merchant_identity_provided is False
    unidentified = ["CPROC-122-1-2"] + (["ECL-62"] if a.statute("ECL") else [])
    merchant = (_defendant("merchant", unidentified, "name_when_identified") if hidden
                else _defendant("merchant", ["CPL-44-1"]))
    food_131_2 = ["FSL-131-2"] if a.is_food and a.statute("FSL") else []
    if a.seller_role is not None:
        out = [_defendant("platform", ["CPL-40-1"] + a.seller_citations())]
        if a.seller_role == "misleading":
            out.append(merchant)
    elif form == "advance_compensation" and hidden:
        fd = ["SPC-FD-9-1"] if (a.is_food or a.is_drug) and a.interp("SPC-FD", STATUTE_START["CPL"]) else []
        out = [_defendant("platform", ["CPL-44-1"] + food_131_2 + fd), merchant]
    elif form == "none":
        out = [merchant]
    else:
        cc178, cc1172 = a.cc("CC-178-1"), a.cc("CC-1172")
        cites = {"joint_and_several": [cc178] + a.regimes[:1], "proportional_joint": [cc178, cc1172],
                 "proportional": [cc1172, "ECL-38-2"], "advance_compensation": ["CPL-44-1"] + food_131_2,
                 "supplementary": [a.cc("CC-1198-2")] + (["SPC-TI1-14-2"] if a.interp("SPC-TI1", STATUTE_START["CC"])
                                                          else []),
                 }.get(form)
        if form == "supplementary":
            notes.add("D5")
        platform = (_defendant("platform", [], "conditional", "pending_missing_facts") if cites is None
                    else _defendant("platform", cites))
        out = [merchant, platform]
    if any(d["status"] == "name_when_identified" for d in out):
        notes.add("D6")
    a.record("forum", "D2", "met", "、".join(d["party"] for d in out), [c for d in out for c in d["citations"]])
    return out, notes


@rule(id="D3", title="生产者作为被告", provisions=[
    "CC-1203-1", "TLL-43-1", "FSL-148-1", "DAL-144-2", "CPL-40-2", "PQL-43", "SPC-FD-2-1", "FSL-148-2",
    "DAL-144-3"], effective=date(2014, 3, 15))
def producer(a: Advice, remedies: dict) -> Optional[dict]:
    """D3: the producer of nonconforming goods (CC-1203-1, SPC-FD-2-1); without damage only under the punitive
    basis that names it (FSL-148-2 / DAL-144-3), 7.13 item 8."""
    if not a.producer_listed:
        a.record("forum", "D3", "not_applicable", "无不合格商品或属服务", [])
        return None
    if a.facts.harm == "none":
        cites = [b["basis"] for b in remedies["punitive"]["bases"]
                 if b["basis"] in ("FSL-148-2", "DAL-144-3") and any(p["party"] == "producer" for p in b["payers"])]
        if not cites:
            a.record("forum", "D3", "not_applicable", "无损害且无以生产者为义务人的惩罚性赔偿", [])
            return None
    else:
        cites = producer_citations(a)
        if (a.is_food or a.is_drug) and a.interp("SPC-FD", STATUTE_START["CPL"]):
            cites.append("SPC-FD-2-1")
    a.record("forum", "D3", "met", "生产者（可查明时列为被告）", cites)
    return _defendant("producer", cites, "name_if_identifiable")


@rule(id="D4", title="直播间运营者", provisions=["SPC-OC-12-1"], effective=date(2022, 3, 15))
def live_room(a: Advice) -> Optional[dict]:
    """D4: a live-streaming room operator not marked as non-seller (SPC-OC-12-1, by T3)."""
    if a.facts.live_streaming is not True or not a.interp("SPC-OC", STATUTE_START["CPL"]):
        a.record("forum", "D4", "not_applicable", "非直播或规定不适用", [])
        return None
    a.record("forum", "D4", "met", "直播间运营者（未标明非销售者时）", ["SPC-OC-12-1"])
    return _defendant("live_room_operator", ["SPC-OC-12-1"], "conditional", "not_marked_as_non_seller")


def defendants(a: Advice, remedies: dict) -> tuple[list[dict], set[str]]:
    """D2–D4 in order (numbered) and D2's notes; ``remedies`` needs only ``punitive.bases`` (D3 without damage)."""
    out, notes = defendants_by_form(a)
    for extra in (producer(a, remedies), live_room(a)):
        if extra is not None:
            out.append(extra)
    for i, d in enumerate(out, 1):
        d["order"] = i
    return out, notes


def build_forum(a: Advice, remedies: dict) -> dict:
    """The ``forum`` object of 7.8."""
    sued, notes = defendants(a, remedies)
    many = len(sued) >= 2
    route_list, route_notes = routes(a, many)
    clause, clause_notes = jurisdiction_clause(a, route_list, sued)
    people = plaintiffs(a)
    notes |= route_notes | clause_notes
    if a.decision < CPROC_TEXT or a.decision < SPC_CPI_TEXT:
        notes.add("F6")
    ids = ["CPROC-18", "CPROC-36"] + (["CPROC-55-1"] if many else []) + clause["citations"]
    for r in route_list:
        ids += r["basis"] + [c for x in r["factors"] for c in x["citations"]]
    ids += [c for p in people for c in p["citations"]] + [c for d in sued for c in d["citations"]]
    court_level(a, many)
    return {
        "claim_nature": "+".join(r["claim"] for r in route_list),
        "routes": route_list,
        "jurisdiction_clause": clause,
        "court_level": "basic",
        "plaintiffs": people,
        "defendants": sued,
        "citations": ordered_citations(ids),
        "notes": notes_in_order("forum", notes),
        "missing_facts": missing(a.facts, ["forum_clause"]),
        "trace": a.trace_of("forum"),
    }


@rule(id="F5", title="级别管辖与选择管辖", provisions=["CPROC-18", "CPROC-36", "CPROC-55-1"])
def court_level(a: Advice, many: bool) -> str:
    """F5: basic people's courts (CPROC-18); the plaintiff chooses, first filed wins (CPROC-36); joinder
    (CPROC-55-1) with two or more defendants."""
    a.record("forum", "F5", "met", "基层人民法院；原告可在有管辖权的法院中选择，先立案者管辖",
                      ["CPROC-18", "CPROC-36"] + (["CPROC-55-1"] if many else []))
    return "basic"
