"""The five doctrine profiles of spec section 5: what form ECL-38-2's 相应的责任 takes.

Each profile is a function of the context returning a ``ProfileOutcome``: the form (None when its own facts
are unknown), the earliest form it could still give, the profile's own decisive elements, and citations.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Callable, Optional

from assistant.core.law_as_of import CIVIL_CODE_START, law_id
from assistant.core.models import FORM_PRECEDENCE
from assistant.core.registry import Context, El, el

#: Every provision a profile may cite (the registry test checks they resolve), before the TLL mapping.
PROFILE_PROVISIONS = ("CC-1172", "CC-1198-2", "CC-1168", "CC-178-2", "QIN-3.2.1", "QIN-3.2.2", "QIN-3.2.3",
                      "QIN-4.1.1", "QIN-4.1.2", "QIN-5.2.1", "QIN-5.2.2",
                      "TLL-12", "TLL-37-2", "TLL-8", "TLL-14-2")


@dataclass
class ProfileOutcome:
    """A profile's answer: ``form`` when decided, else ``potential`` (earliest possible) and blocking elements."""

    form: Optional[str]
    potential: str
    elements: list[El] = field(default_factory=list)
    citations: list[str] = field(default_factory=list)
    detail: str = ""


@dataclass(frozen=True)
class Profile:
    """A registered doctrine profile: name, scholarly source, and the function deciding the form."""

    name: str
    source: str
    func: Callable[[Context], ProfileOutcome]


PROFILES: dict[str, Profile] = {}


def profile(name: str, source: str) -> Callable[[Callable[[Context], ProfileOutcome]], Callable]:
    """Register a doctrine profile by name."""

    def register(func: Callable[[Context], ProfileOutcome]) -> Callable:
        PROFILES[name] = Profile(name, source, func)
        return func

    return register


def _cite(ctx: Context, *ids: str) -> list[str]:
    return list(_cited(ids, ctx.on >= CIVIL_CODE_START))


@lru_cache(maxsize=None)   # a few dozen id tuples × two law periods: rule 12's search asks them again and again
def _cited(ids: tuple[str, ...], civil_code: bool) -> tuple[str, ...]:
    """The ids as cited before the Civil Code (TLL counterparts) or from it (spec rule 1)."""
    on = CIVIL_CODE_START if civil_code else date(2020, 12, 31)
    return tuple(law_id(pid, on) for pid in ids)


def _earliest(*forms: str) -> str:
    return min(forms, key=FORM_PRECEDENCE.index)


_PROPORTIONAL = ("CC-1172", "QIN-3.2.3")
_SUPPLEMENTARY = ("CC-1198-2", "QIN-3.2.2", "QIN-4.1.2")


def _in_process(ctx: Context) -> ProfileOutcome:
    """QIN-5.2.2: only the in-process safety duty failed — the form follows the platform's causal weight."""
    contribution = ctx.facts.platform_contribution
    element = el("platform_contribution", contribution, None if contribution is None else True)
    if contribution == "minor":
        return ProfileOutcome("supplementary", "supplementary", [element],
                              _cite(ctx, *_SUPPLEMENTARY, "QIN-5.2.2"), "事中监控义务违反、原因力次要：补充责任")
    if contribution == "major":
        return ProfileOutcome("proportional", "proportional", [element],
                              _cite(ctx, *_PROPORTIONAL, "QIN-5.2.2"), "事中监控义务违反、原因力主要：按份责任")
    return ProfileOutcome(None, "proportional", [element], [], "事中阶段：原因力大小未知")


@profile("qin2025", "QIN-3.2, QIN-4.1, QIN-5.2")
def qin2025(ctx: Context) -> ProfileOutcome:
    """Pre-entry review failed → proportional (QIN-5.2.1, CC-1172); in-process only → by contribution.

    Review unknown with safety failed: the form stands only if both branches agree (spec section 5).
    Choice: ``platform_contribution`` counts as this profile's own fact only once ``safety_duty_done = false``
    and the review is not known to have failed; before that it is not asked.
    """
    f = ctx.facts
    review, safety = f.qualification_review_done, f.safety_duty_done
    if review is False:
        return ProfileOutcome("proportional", "proportional", [el("breach_stage", "pre_entry_review", True)],
                              _cite(ctx, *_PROPORTIONAL, "QIN-5.2.1", "QIN-4.1.1"), "事前准入审核义务违反：按份责任")
    if safety is False and review is True:
        return _in_process(ctx)
    if safety is False and review is None:
        branch = _in_process(ctx)
        if branch.form == "proportional":
            branch.detail = "审核是否履行未知，但两种情形均为按份责任"
            return branch
        review_el = el("qualification_review_done", None, None)
        elements = [review_el] + ([] if branch.form else branch.elements)
        return ProfileOutcome(None, "proportional", elements, [], "审核是否履行未知，两种情形结论不同")
    potential = "supplementary" if (review is True and f.platform_contribution == "minor") else "proportional"
    return ProfileOutcome(None, potential, [], [], "38(2)要件未定")


@profile("intent_split", "QIN-4.1.2, first view")
def intent_split(ctx: Context) -> ProfileOutcome:
    """Merchant intentional → joint (CC-1168); negligent → supplementary (CC-1198-2); unknown → undetermined."""
    fault = ctx.facts.merchant_fault
    element = el("merchant_fault", fault, None if fault is None else True)
    if fault == "intentional":
        return ProfileOutcome("joint_and_several", "joint_and_several", [element],
                              _cite(ctx, "CC-1168", "QIN-4.1.2", "CC-178-2"), "商家故意：连带责任")
    if fault == "negligent":
        return ProfileOutcome("supplementary", "supplementary", [element],
                              _cite(ctx, "CC-1198-2", "QIN-4.1.2"), "商家过失：补充责任")
    return ProfileOutcome(None, "joint_and_several", [element], [], "商家主观过错未知")


@profile("supplementary_only", "QIN-4.1.2, second view")
def supplementary_only(ctx: Context) -> ProfileOutcome:
    """Always supplementary with recourse (CC-1198-2 by analogy)."""
    return ProfileOutcome("supplementary", "supplementary", [], _cite(ctx, *_SUPPLEMENTARY), "补充责任说")


@profile("joint", "QIN-3.2.1 (共同侵权说; rejected in QIN-4.1.1)")
def joint(ctx: Context) -> ProfileOutcome:
    """Always joint and several (CC-1168, joint tort theory)."""
    return ProfileOutcome("joint_and_several", "joint_and_several", [],
                          _cite(ctx, "CC-1168", "QIN-3.2.1", "CC-178-2"), "共同侵权说：连带责任")


@profile("proportional_joint", "QIN ref. [2] (倪楠、丁元 2025, 比例连带责任)")
def proportional_joint(ctx: Context) -> ProfileOutcome:
    """Jointly liable up to the platform's own share: CC-1172 for the share, CC-178-2 for recourse beyond it."""
    return ProfileOutcome("proportional_joint", "proportional_joint", [],
                          _cite(ctx, "CC-1172", "CC-178-2"), "比例连带责任说")
