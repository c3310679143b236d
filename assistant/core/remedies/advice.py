"""S1: run section 7 after the liability rules, on the same facts and the finished verdict."""

from __future__ import annotations

from typing import Optional

from assistant.core.forum import build_forum, defendants
from assistant.core.limitation import build_limitation
from assistant.core.models import ClaimFacts, Verdict
from assistant.core.remedies import punitive as P
from assistant.core.remedies.build import build_remedies
from assistant.core.remedies.common import build, dedupe


def seller_role(facts: ClaimFacts, seller_route: bool) -> str | None:
    """S4: ``self`` / ``misleading`` when rule 2 makes the platform the seller (its own test), else None."""
    if not seller_route:
        return None
    return "self" if facts.platform_role == "self_operated" else "misleading"


def attach_advice(verdict: Verdict, facts: ClaimFacts, seller_route: bool, trace: bool = True) -> Verdict:
    """Add ``remedies``, ``forum`` and ``limitation`` (7.8) to ``verdict``; the liability fields stay as they are.

    ``trace=False`` (batch paths): the objects' ``trace`` lists stay empty; every other key is the same.
    """
    a = build(facts, verdict, seller_role(facts, seller_route), trace)
    remedies = build_remedies(a)
    forum = build_forum(a, remedies)
    # L4: the obligors are the distinct parties of forum.defendants, in that order
    limitation = build_limitation(a, dedupe([d["party"] for d in forum["defendants"]]))
    verdict.remedies, verdict.forum, verdict.limitation = remedies, forum, limitation
    return verdict


def limitation_and_punitive(verdict: Verdict, facts: ClaimFacts, seller_route: bool) -> tuple[dict, Optional[dict]]:
    """``limitation`` and ``remedies.punitive.recommended`` alone, equal to what ``attach_advice`` builds (issue 18).

    A triage row shows only these two: the heads, payers, routes and texts of section 7 are not built, and nothing
    is attached to ``verdict``. Same rules in the same order (P1–P5, D2–D4, L1–L10), so the same values.
    """
    a = build(facts, verdict, seller_role(facts, seller_route), keep_trace=False)
    bases = [P.fsl_148_2(a), P.dal_144_3(a), P.cpl_55_1(a)[0], P.cpl_55_2(a)]
    recommended = P.recommend(a, bases)
    sued, _notes = defendants(a, {"punitive": {"bases": bases}})
    # L4: the obligors are the distinct parties of forum.defendants, in that order (as attach_advice)
    return build_limitation(a, dedupe([d["party"] for d in sued])), recommended
