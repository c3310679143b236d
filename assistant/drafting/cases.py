"""Similar cases that are similar: a corpus case is offered only when it shares a route of this verdict and the
category family of this claim (ride-hailing with transport, food with food or catering), and has a summary.

Case records are read through ``assistant.corpus`` (the cases engineer owns the records); the family of a case
comes from its ``category`` field when the record has one, else from its platform type and goods or service.
"""

from __future__ import annotations

from typing import Any

# The families a claim's category belongs to (spec section 2 categories).
CATEGORY_FAMILY = {
    "food": "food", "catering": "food", "drug": "medical", "medical_device": "medical", "cosmetics": "cosmetics",
    "transport": "transport", "lodging": "lodging", "other_goods": "goods", "other_service": "service",
}
# Words of a case record's platform_type / goods_service naming a family; first match wins, so the narrower
# families (food, medical, transport, lodging) come before the generic marketplace ones.
FAMILY_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("food", ("food", "外卖", "食品", "餐", "takeaway", "麻辣烫", "group-buying")),
    ("medical", ("pharmacy", "drug", "药", "medical device", "医疗器械")),
    ("cosmetics", ("cosmetic", "化妆品")),
    ("transport", ("ride", "carpool", "顺风车", "代驾", "designated-driver", "freight", "货拉拉", "滴滴", "专车", "快车")),
    ("lodging", ("hotel", "民宿", "resort", "lodging", "住宿")),
    ("service", ("home-services", "housekeeping", "consultation", "travel", "facial", "carer")),
    ("goods", ("marketplace", "goods", "淘宝", "京东", "天猫", "live-streaming")),
)


def case_family(record: dict) -> str | None:
    """The category family of a case record, or None when the record does not say."""
    category = record.get("category")
    if category in CATEGORY_FAMILY:
        return CATEGORY_FAMILY[category]
    text = f"{record.get('platform_type') or ''} {record.get('goods_service') or ''}".lower()
    if not text.strip() or text.strip().startswith("unknown"):
        return None
    for family, words in FAMILY_WORDS:
        if any(word.lower() in text for word in words):
            return family
    return None


def _same_provision(case_id: str, route_id: str) -> bool:
    """An article and its 款 name the same provision (FSL-131 ~ FSL-131-1); a different 款 does not."""
    return case_id == route_id or route_id.startswith(case_id + "-") or case_id.startswith(route_id + "-")


# Provisions several routes share (joint-liability shares, general tort rules, the food-and-drug rule of SPC-FD-9):
# citing one of them does not make a case share this claim's route.
SHARED_IDS = {"CC-178-2", "CC-1172", "CC-1168", "TLL-8", "TLL-12", "TLL-14-2", "CC-1165-2", "TLL-6-2", "SPC-FD-9"}


def verdict_routes(verdict: Any) -> list[list[str]]:
    """The route-specific provisions of the routes this memo rests on: the met routes, or the open ones when
    undetermined (the seed article's sections and the shared provisions left out)."""
    from assistant.drafting.authorities import route_entries

    outcomes = ("blocked",) if verdict.liability_form == "undetermined" else ("met", "rebutted")
    routes = [[c for c in e.citations if c not in SHARED_IDS and not c.startswith("QIN-")]
              for e in route_entries(verdict, outcomes)]
    return [r for r in routes if r]


def case_summary(case: Any) -> str:
    """The case's own summary (its outcome detail), empty when the record has none."""
    return (getattr(case, "outcome_detail", "") or "").strip()


def similar_cases(verdict: Any, facts: Any, corpus: Any, limit: int = 3) -> list[str]:
    """Up to ``limit`` case ids sharing a route's leading provision and the claim's category family, with a summary;
    ranked by the same outcome as the verdict, then corpus order."""
    from assistant.drafting.passages import CASE_OUTCOME_FOR_FORM

    family = CATEGORY_FAMILY.get(getattr(facts, "category", None) or "")
    routes = verdict_routes(verdict)
    if family is None or not routes:
        return []
    wanted = CASE_OUTCOME_FOR_FORM.get(verdict.liability_form)
    scored = []
    # Cases only: corpus.passages() would load every national-law text (about 1 s) to skip them all.
    for order, case in enumerate(corpus.cases):
        record = getattr(case, "record", {}) or {}
        if not case_summary(case) or case_family(record) != family:
            continue
        cited = [str(p).split()[0] for p in record.get("provisions_cited") or [] if str(p).strip()]
        if not any(_same_provision(c, pid) for c in cited for route in routes for pid in route):
            continue
        scored.append((0 if wanted and case.outcome == wanted else 1, order, case.id))
    return [cid for _, _, cid in sorted(scored)[:limit]]
