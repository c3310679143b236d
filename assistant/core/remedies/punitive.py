"""Spec 7.4: punitive damages — P0 fraud derived, P1 FSL-148-2, P2 DAL-144-3, P3 CPL-55-1, P4 CPL-55-2,
P5 one award, P6/P7 payers — with 7.13 items 2, 4, 6, 7 (services, knowing buyers, food producers, misleading)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Optional

from assistant.core.registry import REGISTRY, rule
from assistant.core.remedies.common import STATUTE_START, Advice, money
from assistant.core.remedies.heads import marketplace_platform_status

FLOOR_FOOD_DRUG = Decimal("1000.00")   # FSL-148-2, DAL-144-3: "不足一千元的，为一千元"
FLOOR_FRAUD = Decimal("500.00")        # CPL-55-1: "不足五百元的，为五百元"
_SEVERE = ("serious", "disability", "death")
_STATUS_OF = {True: "liable", False: "not_liable", None: "blocked"}
_TRACE_OUTCOME = {"eligible": "met", "disputed": "met", "blocked": "blocked", "failed": "failed",
                  "not_applicable": "not_applicable", "check_prior_law": "not_applicable"}


def _basis(basis: str, status: str, citations: list[str], failed_on: Optional[list[str]] = None,
           blocked_on: Optional[list[str]] = None) -> dict:
    return {"basis": basis, "status": status, "failed_on": failed_on or [], "blocked_on": blocked_on or [],
            "candidates": None, "amount": None, "amount_kind": None, "caveats": [], "payers": [],
            "citations": citations}


def _settle(elements: list[tuple[str, Optional[bool]]]) -> tuple[str, list[str], list[str]]:
    """S5: a known failure beats unknowns (blocked_on then empty); else unknowns block; else eligible."""
    failed = [name for name, ok in elements if ok is False]
    if failed:
        return "failed", failed, []
    blocked = [name for name, ok in elements if ok is None]
    return ("blocked", [], blocked) if blocked else ("eligible", [], [])


def _loss(a: Advice) -> Optional[Decimal]:
    """7.1: loss_amount, taken as 0 when harm = none."""
    return Decimal(0) if a.facts.harm == "none" else a.facts.loss_amount


def _kind(known: int, of: int) -> str:
    """7.4 amount_kind: all inputs known → exact; none → floor_only; some → lower_bound."""
    return "exact" if known == of else ("floor_only" if known == 0 else "lower_bound")


def _ten_times(a: Advice, b: dict, capped: bool) -> None:
    """FSL-148-2 / DAL-144-3 formula: max(10 × price, 3 × loss, 1000.00); SPC-FDP-12 cap drops the loss limb."""
    price, loss = a.facts.price_paid, None if capped else _loss(a)
    ten = None if price is None else price * 10
    three = None if loss is None else loss * 3
    b["candidates"] = {"ten_times_price": money(ten), "three_times_loss": money(three),
                       "minimum": money(FLOOR_FOOD_DRUG)}
    b["amount"] = money(max([x for x in (ten, three) if x is not None] + [FLOOR_FOOD_DRUG]))
    if capped:
        b["amount_kind"] = "upper_bound" if price is not None else "floor_only"
    else:
        b["amount_kind"] = _kind((price is not None) + (loss is not None), 2)


def _payers(a: Advice, b: dict, knowledge: Optional[bool], producer: Optional[dict],
            misleading_food_seller: bool = False) -> None:
    """P7 (the seller by the basis's knowledge fact), P6 (the marketplace platform), the producer first."""
    basis, payers = b["basis"], ([producer] if producer else [])
    seller_cites = a.seller_citations()
    if a.seller_role == "self":
        payers.append(_payer("platform", _STATUS_OF[knowledge], [basis] + seller_cites))
    elif a.seller_role == "misleading":
        payers.append(_payer("merchant", _STATUS_OF[knowledge], [basis]))
        # 7.13 item 7: a misleading self-operated food platform is liable as 食品经营者 under all of FSL-148
        status = _STATUS_OF[knowledge] if misleading_food_seller else "disputed"
        payers.append(_payer("platform", status, [basis] + seller_cites))
    else:
        payers.append(_payer("merchant", _STATUS_OF[knowledge], [basis]))
        status, cites = marketplace_platform_status(a)
        payers.append(_payer("platform", status, [basis] + cites if status == "disputed" else []))
        if a.facts.advance_compensation_promised is True:
            b["caveats"].append("platform_promise")     # P6: CPL-44-1 promise, status unchanged
    b["payers"] = payers


def _payer(party: str, status: str, citations: list[str], condition: Optional[str] = None) -> dict:
    return {"party": party, "status": status, "condition": condition, "citations": citations}


def _record(a: Advice, rule_id: str, b: dict) -> dict:
    detail = b["status"] + (f"：{', '.join(b['failed_on'] or b['blocked_on'])}" if b["failed_on"] or b["blocked_on"]
                            else "")
    a.record("remedies", rule_id, _TRACE_OUTCOME[b["status"]], detail, b["citations"])
    return b


@rule(id="P1", title="食品惩罚性赔偿（价款十倍或损失三倍，最低一千元）", provisions=[
    "FSL-148-2", "SPC-FS1-9", "SPC-FS1-10", "SPC-FDP-1-2", "SPC-FDP-6", "SPC-FDP-7", "SPC-FDP-8", "SPC-FDP-12-1",
    "SPC-FDP-12-2", "SPC-FDP-13", "SPC-FDP-14-1", "SPC-FD-3", "SPC-FS1-2-1", "SPC-FS1-2-2", "SPC-OC-4-1",
    "SPC-OC-4-2", "FSL-131-1", "FSL-131-2", "ECL-38-1", "ECL-38-2", "CPL-44-1", "CPL-44-2"],
      effective=date(2015, 10, 1))
def fsl_148_2(a: Advice) -> dict:
    """P1: FSL-148-2 ten times the price or three times the loss, at least 1,000 yuan (food only)."""
    f, name = a.facts, "FSL-148-2"
    if f.category is not None and not a.is_food:
        return _record(a, "P1", _basis(name, "not_applicable", []))
    if a.event is not None and not REGISTRY["P1"].applies_on(a.event):
        return _record(a, "P1", _basis(name, "check_prior_law", []))
    gn = f.goods_nonconforming
    fs1 = a.interp("SPC-FS1", STATUTE_START["FSL"])
    fdp = a.interp("SPC-FDP", STATUTE_START["FSL"])
    conforms = None if gn is None else gn == "food_safety_standard"
    status, failed_on, blocked_on = _settle([("category", None if f.category is None else True),
                                             ("goods_nonconforming", conforms)])
    if status == "failed":
        quality = ["SPC-FS1-9"] if gn == "quality_only" and fs1 else []
        return _record(a, "P1", _basis(name, status, [name] + quality, failed_on))
    cites = [name] + (["SPC-FS1-10"] if f.harm in ("none", "property_loss") and fs1 else [])
    knew = f.consumer_knew_at_purchase is True
    if not knew and fdp:
        cites.append("SPC-FDP-1-2")
    b = _basis(name, status, cites, failed_on, blocked_on)
    capped = knew and fdp
    if knew and fdp:
        b["caveats"].append("reasonable_need_cap")
        cites += ["SPC-FDP-12-1", "SPC-FDP-12-2", "SPC-FDP-13", "SPC-FDP-14-1"]
    elif knew and a.interp("SPC-FD", STATUTE_START["CPL"]):
        cites.append("SPC-FD-3")
    if f.label_defect_only is True:
        b["caveats"].append("label_proviso")
        if fdp:
            cites += ["SPC-FDP-6", "SPC-FDP-7", "SPC-FDP-8"]
        if status == "eligible":
            b["status"] = "disputed"
    _ten_times(a, b, capped)
    _payers(a, b, f.seller_knowingly_sold, _producer(a, name, "nonconforming_as_produced"),
            misleading_food_seller="SPC-FS1-2-2" in a.seller_citations())
    return _record(a, "P1", b)


def _producer(a: Advice, cite: str, condition: str) -> Optional[dict]:
    """The producer as payer, only where D3 names one (7.13 item 10)."""
    return _payer("producer", "liable_if", [cite], condition) if a.producer_listed else None


@rule(id="P2", title="药品惩罚性赔偿（价款十倍或损失三倍，最低一千元）", provisions=[
    "DAL-144-3", "DAL-98-2", "DAL-98-3", "SPC-FDP-10", "SPC-FD-3", "SPC-OC-4-1", "SPC-OC-4-2", "ECL-38-1",
    "ECL-38-2", "CPL-44-1", "CPL-44-2"], effective=date(2019, 12, 1))
def dal_144_3(a: Advice) -> dict:
    """P2: DAL-144-3 for fake or substandard drugs (DAL-98-2, DAL-98-3), from 2019-12-01."""
    f, name = a.facts, "DAL-144-3"
    if f.category is not None and not a.is_drug:
        return _record(a, "P2", _basis(name, "not_applicable", []))
    if a.event is not None and not REGISTRY["P2"].applies_on(a.event):
        return _record(a, "P2", _basis(name, "check_prior_law", []))
    gn = f.goods_nonconforming
    status, failed_on, blocked_on = _settle([("category", None if f.category is None else True),
                                             ("goods_nonconforming",
                                              None if gn is None else gn == "fake_or_substandard_drug")])
    if status == "failed":
        return _record(a, "P2", _basis(name, status, [name], failed_on))
    cites = [name, "DAL-98-2", "DAL-98-3"] + (["SPC-FDP-10"] if a.interp("SPC-FDP", STATUTE_START["DAL"]) else [])
    b = _basis(name, status, cites, failed_on, blocked_on)
    if f.consumer_knew_at_purchase is True:
        b["caveats"].append("knowing_buyer_drug")
        if a.interp("SPC-FD", STATUTE_START["CPL"]):
            cites.append("SPC-FD-3")
        if status == "eligible":
            b["status"] = "disputed"
    _ten_times(a, b, capped=False)
    _payers(a, b, f.seller_knowingly_sold, _producer(a, name, "nonconforming_as_produced"))
    return _record(a, "P2", b)


def derived_fraud(a: Advice) -> bool:
    """P0: SPC-FDP-9-1 — knowingly selling nonconforming food or fake/substandard drugs is 欺诈."""
    f = a.facts
    kind = ((a.is_food and f.goods_nonconforming == "food_safety_standard")
            or (a.is_drug and f.goods_nonconforming == "fake_or_substandard_drug"))
    return f.seller_knowingly_sold is True and kind and a.interp("SPC-FDP", STATUTE_START["CPL"])


def _fraud_unknowns(a: Advice) -> list[str]:
    """P0 still possible behind unknown facts: ask them before ``fraud`` (7.4 P0)."""
    f = a.facts
    cat, gn = f.category, f.goods_nonconforming
    possible = (a.interp("SPC-FDP", STATUTE_START["CPL"]) and f.seller_knowingly_sold is not False
                and (cat is None or a.is_food or a.is_drug)
                and (gn is None or (gn == "food_safety_standard" and (cat is None or a.is_food))
                     or (gn == "fake_or_substandard_drug" and (cat is None or a.is_drug))))
    if not possible:
        return ["fraud"]
    unknown = [n for n in ("category", "goods_nonconforming", "seller_knowingly_sold") if getattr(f, n) is None]
    return unknown + ["fraud"]


@rule(id="P3", title="欺诈惩罚性赔偿（价款三倍，最低五百元）", provisions=[
    "CPL-55-1", "SPC-FDP-9-1", "SPC-FS1-7", "SPC-FD-3", "CPLR-49-1", "SPC-FS1-2-1", "SPC-FS1-2-2", "SPC-OC-4-1",
    "SPC-OC-4-2", "FSL-131-1", "FSL-131-2", "ECL-38-1", "ECL-38-2", "CPL-44-1", "CPL-44-2"],
      effective=date(2014, 3, 15))
def cpl_55_1(a: Advice) -> tuple[dict, bool]:
    """P3: CPL-55-1 three times the price, at least 500 yuan, for 欺诈 (given, or derived by SPC-FDP-9-1).

    Returns the basis and whether note P3 (a knowing buyer outside food and drugs) applies."""
    f, name = a.facts, "CPL-55-1"
    derived = derived_fraud(a)
    fraud = True if derived else f.fraud
    knew = f.consumer_knew_at_purchase is True
    food_or_drug = a.is_food or a.is_drug
    if fraud is False or (knew and not food_or_drug):
        failed_on = (["fraud"] if fraud is False else []) + (["consumer_knew_at_purchase"]
                                                             if knew and not food_or_drug else [])
        return _record(a, "P3", _basis(name, "failed", [name], failed_on)), knew and not food_or_drug
    status, blocked_on = ("blocked", _fraud_unknowns(a)) if fraud is None else ("eligible", [])
    cites = [name] + (["SPC-FDP-9-1"] if derived else [])
    fs1_7 = (a.is_food and f.goods_nonconforming == "food_safety_standard"
             and a.interp("SPC-FS1", STATUTE_START["FSL"]))
    if fs1_7:
        cites.append("SPC-FS1-7")
    b = _basis(name, status, cites, [], blocked_on)
    if knew:    # 7.13 item 4: food or drugs — disputed, not failed (SPC-FD-3, SPC-FDP-9-1)
        if a.interp("SPC-FD", STATUTE_START["CPL"]):
            cites.append("SPC-FD-3")
        if status == "eligible":
            b["status"] = "disputed"
    if f.label_defect_only is True and (a.event is None or a.event >= STATUTE_START["CPLR"]):
        b["caveats"].append("label_proviso")
        cites.append("CPLR-49-1")
        if status == "eligible":
            b["status"] = "disputed"
    price = f.price_paid
    three = None if price is None else price * 3
    b["candidates"] = {"three_times_price": money(three), "minimum": money(FLOOR_FRAUD)}
    b["amount"] = money(max([three or Decimal(0), FLOOR_FRAUD]))
    b["amount_kind"] = "exact" if price is not None else "floor_only"
    # 7.13 item 6: the food producer is liable_if under SPC-FS1-7 ("食品生产者或者经营者")
    producer = (_payer("producer", "liable_if", [name, "SPC-FS1-7"], "nonconforming_as_produced")
                if fs1_7 and a.producer_listed else None)
    _payers(a, b, fraud, producer)
    return _record(a, "P3", b), False


@rule(id="P4", title="明知缺陷致死亡或健康严重损害的惩罚性赔偿（损失二倍以下）", provisions=[
    "CPL-55-2", "CC-1207", "TLL-47", "SPC-FS1-2-1", "SPC-FS1-2-2", "SPC-OC-4-1", "SPC-OC-4-2", "FSL-131-1",
    "FSL-131-2", "ECL-38-1", "ECL-38-2", "CPL-44-1", "CPL-44-2"], effective=date(2014, 3, 15))
def cpl_55_2(a: Advice) -> dict:
    """P4: CPL-55-2 (and CC-1207 / TLL-47 for goods) up to twice the loss, for death or serious injury."""
    f, name = a.facts, "CPL-55-2"
    harm, sev, gn = f.harm, f.injury_severity, f.goods_nonconforming
    status, failed_on, blocked_on = _settle([
        ("harm", None if harm is None else harm == "personal_injury"),
        ("injury_severity", None if sev is None else sev in _SEVERE),
        ("goods_nonconforming", None if gn is None else a.nonconforming),
        ("seller_knowingly_sold", f.seller_knowingly_sold)])
    cites = [name] + ([] if a.is_service else [a.cc("CC-1207")])   # 7.13 item 2: CC-1207 is a product rule
    b = _basis(name, status, cites, failed_on, blocked_on)
    if status == "failed":
        return _record(a, "P4", b)
    loss = _loss(a)
    b["candidates"] = {"twice_loss": money(None if loss is None else loss * 2)}
    b["amount_kind"] = "cap"
    producer = (_payer("producer", "liable_if", [a.cc("CC-1207")], "knew_of_defect_when_produced")
                if a.producer_listed else None)
    _payers(a, b, f.seller_knowingly_sold, producer)
    return _record(a, "P4", b)


@rule(id="P5", title="惩罚性赔偿择一主张与推荐", provisions=["SPC-FS1-7", "SPC-FDP-9-1"])
def recommend(a: Advice, bases: list[dict]) -> Optional[dict]:
    """P5: the bases are alternatives (SPC-FS1-7, SPC-FDP-9-1); recommend the largest eligible amount."""
    eligible = [b for b in bases if b["status"] == "eligible"]
    with_amount = [b for b in eligible if b["amount"] is not None]
    if with_amount:
        best = max(with_amount, key=lambda b: Decimal(b["amount"]))   # max keeps the first of equals: P-order
        rec = {"basis": best["basis"], "amount": best["amount"], "amount_kind": best["amount_kind"]}
    elif eligible:
        best = eligible[0]
        cap = (best["candidates"] or {}).get("twice_loss")
        rec = {"basis": best["basis"], "amount": None, "amount_kind": best["amount_kind"], "max_amount": cap}
    else:
        rec = None
    a.record("remedies", "P5", "met" if rec else "not_applicable",
                         f"推荐 {rec['basis']}" if rec else "无可推荐的请求权基础", [])
    return rec
