"""Spec 7.0 S3 and 7.8: the ``remedies`` object — heads, payers, punitive bases, citations, notes, missing facts."""

from __future__ import annotations

from assistant.core.registry import rule
from assistant.core.remedies import heads as H
from assistant.core.remedies import punitive as P
from assistant.core.remedies.common import Advice, ordered_citations
from assistant.core.remedies.texts import missing, notes_in_order

_INJURY_HEADS = ("medical_and_recovery", "lost_income", "disability", "death")


@rule(id="S3", title="损害要件不及于退还价款和惩罚性赔偿", provisions=["SPC-FS1-10", "CPL-55-1", "CPL-24-1"])
def harm_bar_scope(a: Advice) -> bool:
    """S3: rule 3's harm bar is about compensation; the refund and punitive damages (SPC-FS1-10) survive it."""
    f = a.facts
    applies = a.seller_role is not None and (f.harm == "none" or f.force_majeure is True)
    a.record("remedies", "S3", "met" if applies else "not_applicable",
                         "平台作为销售者，退还价款与惩罚性赔偿不受规则3阻却" if applies else "不适用", [])
    return applies


def _all_citations(heads: list[dict], payers: list[dict], bases: list[dict]) -> list[str]:
    ids: list[str] = []
    for head in heads:
        ids += head["citations"] + [c for p in head.get("payers", []) for c in p["citations"]]
    ids += [c for p in payers for c in p["citations"]]
    for b in bases:
        ids += b["citations"] + [c for p in b["payers"] for c in p["citations"]]
    return ordered_citations(ids)


def _missing_names(a: Advice, heads: list[dict], bases: list[dict]) -> list[str]:
    """7.7: per basis in P-order, then injury_severity, then goods_nonconforming."""
    names: list[str] = []
    for b in bases:
        if b["status"] == "blocked":
            names += b["blocked_on"]
        # a blocked payer waits on the basis's knowledge fact: seller_knowingly_sold for P1, P2, P4; for P3 it is
        # fraud, already in blocked_on (SPEC_CHOICES "Remedies" 5)
        if b["basis"] != "CPL-55-1" and any(p["status"] == "blocked" for p in b["payers"]):
            names.append("seller_knowingly_sold")
        if b["amount_kind"] in ("lower_bound", "floor_only"):
            names.append("price_paid")
            if b["basis"] in ("FSL-148-2", "DAL-144-3") and a.facts.harm != "none":
                names.append("loss_amount")
        if b["basis"] == "CPL-55-2" and b["status"] in ("eligible", "blocked"):
            names.append("loss_amount")
    if any(h["condition"] in ("disability", "death") for h in heads):
        names.append("injury_severity")
    if any(h["condition"] == "goods_or_service_nonconforming" for h in heads):
        names.append("goods_nonconforming")
    return names


def build_remedies(a: Advice) -> dict:
    """The ``remedies`` object of 7.8 for the context ``a``."""
    codes: set[str] = set()
    if harm_bar_scope(a):
        codes.add("S3")
    heads = H.personal_injury_heads(a)
    if heads:
        codes.add("H1")
    heads += H.mental_distress(a, any(h["head"] in _INJURY_HEADS for h in heads))
    heads += H.property_loss(a)
    refund = H.price_refund(a)
    if refund is not None:
        H.refund_payers(a, refund)
        heads.append(refund)
        if any(h["head"] == "property_loss" for h in heads):
            codes.add("H4")
    expanded = H.expanded_damage_head(a)
    if expanded is not None:
        heads.append(expanded)
    payers = H.compensatory_payers(a, heads)

    p1, p2 = P.fsl_148_2(a), P.dal_144_3(a)
    p3, note_p3 = P.cpl_55_1(a)
    bases = [p1, p2, p3, P.cpl_55_2(a)]
    codes.update({"P1"} if p1["status"] == "check_prior_law" else set())
    codes.update({"P2"} if p2["status"] == "check_prior_law" else set())
    codes.update({"P3"} if note_p3 else set())
    if sum(b["status"] in ("eligible", "disputed", "blocked") for b in bases) >= 2:
        codes.add("P5")
    platform_payers = [p for b in bases for p in b["payers"]] + (refund or {}).get("payers", [])
    if any(p["party"] == "platform" and p["status"] == "disputed" for p in platform_payers):
        codes.add("P6")
    recommended = P.recommend(a, bases)
    return {
        "decision_date": a.decision.isoformat(),
        "decision_date_basis": a.decision_basis,
        "interpretations": a.interpretations(),
        "heads": heads,
        "compensatory_payers": payers,
        "punitive": {"bases": bases, "alternatives": "choose_one", "recommended": recommended},
        "citations": _all_citations(heads, payers, bases),
        "notes": notes_in_order("remedies", codes),
        "missing_facts": missing(a.facts, _missing_names(a, heads, bases)),
        "trace": a.trace_of("remedies"),
    }
