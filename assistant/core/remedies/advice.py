"""S1: run section 7 after the liability rules, on the same facts and the finished verdict."""

from __future__ import annotations

from assistant.core.forum import build_forum
from assistant.core.limitation import build_limitation
from assistant.core.models import ClaimFacts, Verdict
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
