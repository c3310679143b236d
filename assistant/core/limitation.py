"""Spec 7.5: limitation (诉讼时效) — L1 period, L2 start, L3 old law, L4 interruption, L5 suspension, L6 dates,
L7 status, L8 expiry, L9 the product-defect period (7.13 item 3: every nonconforming good), L10 supplementary."""

from __future__ import annotations

import calendar
from datetime import date
from typing import Optional

from assistant.core.models import LimitationEvent
from assistant.core.registry import rule
from assistant.core.remedies.common import NONCONFORMING, Advice, ordered_citations
from assistant.core.remedies.texts import missing, notes_in_order

GENERAL_PRINCIPLES = date(2017, 10, 1)   # 民法总则 in force (L1, L3)
CIVIL_CODE = date(2021, 1, 1)
PQL_FROM = date(2018, 12, 29)            # T1: the corpus numbering of PQL
SOON_DAYS = 90                           # L7: expiring_soon window
_RESTART_ITEM = {"demand": "CC-195-1-1", "obligor_agreed": "CC-195-1-2", "suit_or_arbitration": "CC-195-1-3",
                 "equivalent": "CC-195-1-4"}
_EXPIRED = ("expired", "expired_unless_interrupted", "defence_waived")


def add_months(d: date, n: int) -> date:
    """CC-202: the corresponding day n months later; without one, the month's last day."""
    month0 = d.month - 1 + n
    year, month = d.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def add_years(d: date, n: int) -> date:
    """CC-201-1, CC-202: the same month and day n years later; 29 February → 28 February."""
    return add_months(d, 12 * n)


@rule(id="L4", title="诉讼时效中断（按义务人分别计算）", provisions=[
    "CC-195-1-1", "CC-195-1-2", "CC-195-1-3", "CC-195-1-4", "CC-192-2"], effective=GENERAL_PRINCIPLES)
def interrupt(a: Advice, against: str, start: date, years: int) -> dict:
    """L4: CC-195 restarts the period per obligor from the event (demand, agreement) or the end of proceedings;
    after expiry only the obligor's agreement counts, as a waiver (CC-192-2)."""
    events = a.facts.limitation_events or ()
    mine = sorted(((i, e) for i, e in enumerate(events) if against in e.against), key=lambda p: p[1].date)
    claim = {"restart_date": start, "restart_basis": "start", "expiry": add_years(start, years), "applied": [],
             "ignored": [], "waived": False, "pending": False, "cites": []}
    for i, e in mine:
        if claim["pending"] or e.date < start or e.date > a.decision:
            claim["ignored"].append(i)
            continue
        if e.date > claim["expiry"]:
            if e.kind == "obligor_agreed":
                claim["waived"] = True
                claim["applied"].append(i)
                claim["cites"].append("CC-192-2")
            else:
                claim["ignored"].append(i)
            continue
        _restart(a, claim, i, e, years)
    return claim


def _restart(a: Advice, claim: dict, i: int, e: LimitationEvent, years: int) -> None:
    """CC-195: the period runs again from the interruption, or from the end of the proceedings."""
    item = _RESTART_ITEM[e.kind]
    if e.kind in ("suit_or_arbitration", "equivalent"):
        if e.end_date is None or e.end_date > a.decision:
            claim["pending"] = True
            claim["applied"].append(i)
            claim["cites"].append(item)
            return
        when = e.end_date
    else:
        when = e.date
    # an interruption never shortens a period: the restart counts only when it ends later
    claim["applied"].append(i)
    claim["cites"].append(item)
    if add_years(when, years) >= claim["expiry"]:
        claim["restart_date"], claim["restart_basis"], claim["expiry"] = when, item, add_years(when, years)


@rule(id="L5", title="诉讼时效中止", provisions=[
    "CC-194-1-1", "CC-194-1-2", "CC-194-1-3", "CC-194-1-4", "CC-194-1-5", "CC-194-2"], effective=GENERAL_PRINCIPLES)
def suspend(a: Advice, claim: dict) -> None:
    """L5: an obstacle in the last six months (CC-194-1) suspends; once removed six more months (CC-194-2)."""
    if claim["pending"]:
        return
    for ob in a.facts.limitation_obstacles or ():
        expiry = claim["expiry"]
        if ob.start <= expiry and (ob.to is None or ob.to >= add_months(expiry, -6)):
            claim["cites"] += [f"CC-194-1-{ob.ground}", "CC-194-2"]
            if ob.to is None or ob.to > a.decision:
                claim["suspended"] = True
            else:
                claim["expiry"] = max(expiry, add_months(ob.to, 6))


@rule(id="L7", title="诉讼时效状态", provisions=["CC-188-1", "CC-188-2", "CC-201-1", "CC-202", "CC-203-1",
                                            "CC-203-2"], effective=GENERAL_PRINCIPLES)
def status_of(a: Advice, claim: dict, cap: Optional[date]) -> tuple[str, Optional[int]]:
    """L7 (CC-188-2, CC-203-2): status as of decision_date, first match; days_left = expiry − decision_date."""
    if claim["pending"]:
        return "interrupted_pending", None
    if claim.get("suspended"):
        return "suspended", None
    days = (claim["expiry"] - a.decision).days
    if cap is not None and a.decision > cap:
        return "barred_20_years", days
    if days < 0:
        if claim["waived"]:
            return "defence_waived", days
        return ("expired_unless_interrupted" if a.facts.limitation_events is None else "expired"), days
    return ("expiring_soon" if days <= SOON_DAYS else "running"), days


def _period_claims(a: Advice, obligors: list[str], start: date, years: int, cap: Optional[date]) -> list[dict]:
    out = []
    for party in obligors:
        claim = interrupt(a, party, start, years)
        suspend(a, claim)
        claim["status"], claim["days_left"] = status_of(a, claim, cap)
        claim["against"] = party
        out.append(claim)
    return out


def _blank(party: str, status: str) -> dict:
    return {"against": party, "restart_date": None, "restart_basis": None, "expiry_date": None, "days_left": None,
            "status": status, "holiday_rollover_possible": False, "events_applied": [], "events_ignored": []}


@rule(id="L9", title="产品缺陷致害的二年诉讼时效（争议）", provisions=["PQL-45-1", "PQL-45-2"], effective=PQL_FROM)
def product_defect_period(a: Advice, obligors: list[str], start: Optional[date],
                          cap: Optional[date]) -> Optional[dict]:
    """L9: PQL-45-1's two years beside CC-188's three (disputed), and PQL-45-2's ten-year long stop."""
    f = a.facts
    applies = (f.goods_nonconforming in NONCONFORMING and not a.is_service
               and f.harm in ("personal_injury", "property_loss") and (a.event is None or a.event >= PQL_FROM))
    if not applies:
        a.record("limitation", "L9", "not_applicable", "非缺陷商品致害或事件早于2018-12-29", [])
        return None
    long_stop = add_years(a.event, 10) if a.event else None
    if start is None:
        claims = [{"against": p, "expiry_date": None, "days_left": None, "status": "undetermined"} for p in obligors]
    else:
        # as the main claims (L7): no expiry date while suspended or interrupted by pending proceedings
        held = ("interrupted_pending", "suspended")
        claims = [{"against": c["against"], "expiry_date": None if c["status"] in held else c["expiry"].isoformat(),
                   "days_left": c["days_left"], "status": c["status"]}
                  for c in _period_claims(a, obligors, start, 2, cap)]
    a.record("limitation", "L9", "met", "二年期间一并列出", ["PQL-45-1", "PQL-45-2"])
    return {"position": "disputed", "period_years": 2, "claims": claims,
            "long_stop_date": long_stop.isoformat() if long_stop else None}


def _trace_claims(a: Advice, claims: list[dict], cites: list[str]) -> None:
    """Trace entries for L4 (interruptions), L5 (suspension) and L7 (status), one each."""
    computed = bool(claims) and claims[0]["status"] not in ("undetermined", "check_prior_law")
    applied = sorted({i for c in claims for i in c["events_applied"]})
    a.record("limitation", "L4", "met" if applied else "not_applicable",
                           f"适用的中断事由：{applied}" if applied else "无适用的中断事由",
                           [c for c in cites if c.startswith("CC-195") or c == "CC-192-2"])
    suspended = [c for c in cites if c.startswith("CC-194")]
    a.record("limitation", "L5", "met" if suspended else "not_applicable",
                           "时效中止" if suspended else "无中止事由", suspended)
    a.record("limitation", "L7", "met" if computed else "not_applicable",
                           "、".join(f"{c['against']}:{c['status']}" for c in claims),
                           [c for c in cites if c.startswith("CC-20")] if computed else [])


@rule(id="L2", title="诉讼时效期间与起算", provisions=["CC-188-1", "CC-188-2", "CC-201-1", "CC-202"],
      effective=GENERAL_PRINCIPLES)
def build_limitation(a: Advice, obligors: list[str]) -> dict:
    """L1–L3 (CC-188-1, CC-188-2): three years from when the harm and the obligor were known; then L4–L10."""
    f, codes, cites, ask = a.facts, set(), [], []
    start, basis = f.harm_discovered_date, "harm_discovered_date"
    if start is None:
        ask.append("harm_discovered_date")
        if f.event_date is not None:
            start, basis = f.event_date, "event_date_fallback"
            codes.add("L2")
    cap = add_years(f.event_date, 20) if f.event_date else None
    out = {"regime": "CC-188", "period_years": 3, "start_date": start.isoformat() if start else None,
           "start_basis": basis if start else None, "cap_date": cap.isoformat() if cap else None,
           "safe_bound_date": None, "claims": [], "product_defect_period": None}
    if start is None:
        out.update(regime="undetermined", period_years=None, claims=[_blank(p, "undetermined") for p in obligors])
    elif start < GENERAL_PRINCIPLES:
        codes.add("L3")
        bound = add_years(start, 3)      # 7.13 item 10: no old-law reading expires later, absent interruption
        out.update(regime="check_prior_law", period_years=None, safe_bound_date=bound.isoformat(),
                   claims=[_blank(p, "check_prior_law") for p in obligors])
        cites += ["CC-188-1", "CC-188-2"]
    else:
        if start < CIVIL_CODE:
            codes.add("L1")
        cites += ["CC-188-1", "CC-188-2", "CC-201-1", "CC-202"]
        for c in _period_claims(a, obligors, start, 3, cap):
            weekend = c["expiry"].weekday() >= 5 and c["status"] not in ("interrupted_pending", "suspended")
            cites += c["cites"] + (["CC-203-1"] if weekend else [])
            codes.update({"L6"} if weekend else set())
            out["claims"].append({
                "against": c["against"], "restart_date": c["restart_date"].isoformat(),
                "restart_basis": c["restart_basis"],
                "expiry_date": None if c["status"] in ("interrupted_pending", "suspended") else c["expiry"].isoformat(),
                "days_left": c["days_left"], "status": c["status"], "holiday_rollover_possible": weekend,
                "events_applied": c["applied"], "events_ignored": c["ignored"]})
    _trace_claims(a, out["claims"], cites)
    if out["regime"] != "check_prior_law":
        out["product_defect_period"] = product_defect_period(a, obligors, start, cap)
    else:
        a.record("limitation", "L9", "not_applicable", "起算早于2017-10-01，按旧法核对", [])
    pdp = out["product_defect_period"]
    if pdp is not None:
        codes.add("L9")
        cites += ["PQL-45-1", "PQL-45-2"]
    all_claims = out["claims"] + (pdp["claims"] if pdp else [])
    if any(c["status"] in _EXPIRED for c in all_claims):
        codes.add("L8")
        cites += ["CC-192-1", "CC-193", "SPC-CPI-219"]
    events = f.limitation_events or ()
    if a.form in ("joint_and_several", "proportional_joint") and any(
            ("merchant" in e.against) != ("platform" in e.against) for e in events):
        codes.add("L4")
    if a.form == "supplementary":
        codes.add("L10")
    if f.limitation_events is None and any(c["status"] in ("expiring_soon", "expired_unless_interrupted")
                                           for c in all_claims):
        ask.append("limitation_events")
    a.record("limitation", "L2", "met" if start else "blocked", f"{out['regime']}，起算日 {out['start_date']}",
                           [c for c in cites if c.startswith("CC-188") or c in ("CC-201-1", "CC-202")])
    bound = out["safe_bound_date"] or ""
    out.update(citations=ordered_citations(cites), notes=notes_in_order("limitation", codes, bound=bound),
               missing_facts=missing(f, ask), trace=a.trace_of("limitation"))
    return out
