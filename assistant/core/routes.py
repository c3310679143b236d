"""Evaluating the routes of spec section 4 for one context: rule order, the bars of rule 3, precedence.

Shared by the engine (the verdict), rule 12's ``on_record`` (the facts resolved by burden) and its ``scenarios``
(one route re-evaluated under assumed facts): one place decides what a route gives.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Optional

from assistant.core import rules as _rules  # noqa: F401  (registers every rule)
from assistant.core.doctrine import PROFILES
from assistant.core.models import DOCTRINES, FORM_PRECEDENCE, ClaimFacts
from assistant.core.registry import Context, RuleResult
from assistant.core.rules.bars import bar_force_majeure, bar_no_harm
from assistant.core.rules.burden import burden
from assistant.core.rules.cpl_44 import identity, promise
from assistant.core.rules.ecl_38_1 import knowledge
from assistant.core.rules.ecl_38_2 import STATUTORY_ELEMENTS, apply_burden, ecl_38_2, statutory_met
from assistant.core.rules.fsl_131 import food_review
from assistant.core.rules.self_operated import seller_route_applies, self_operated

#: spec section 2: life_health derived from category (cosmetics, other_service → unknown, ask).
LIFE_HEALTH_BY_CATEGORY = {
    "food": True, "catering": True, "drug": True, "medical_device": True, "transport": True, "lodging": True,
    "other_goods": False,
}
RANK = {form: i for i, form in enumerate(FORM_PRECEDENCE)}


def build_context(facts: ClaimFacts) -> Context:
    """The law dates (event and decision date, today when unknown), derived life_health, rule 2's seller route."""
    on, decided = facts.event_date, facts.decision_date
    if on is None or decided is None:
        today = date.today()   # asked only when a date is unknown: the clock is a system call
        on, decided = on or today, decided or today
    return _context(facts, on, facts.event_date is not None, decided, facts.decision_date is not None)


def child_context(parent: Context, facts: ClaimFacts) -> Context:
    """The context of ``facts`` that differ from ``parent.facts`` in facts other than the two dates (rule 12's
    assignments and resolved facts): the same law dates, life_health and rule 2 derived again."""
    return _context(facts, parent.on, parent.date_known, parent.decided, parent.decision_known)


def _context(facts: ClaimFacts, on: date, date_known: bool, decided: date, decision_known: bool) -> Context:
    derived = facts.life_health is None
    life = LIFE_HEALTH_BY_CATEGORY.get(facts.category) if derived else facts.life_health
    return _new_context(facts=facts, on=on, date_known=date_known, life_health=life, life_health_derived=derived,
                        seller_route=seller_route_applies(facts, on, decided), decided=decided,
                        decision_known=decision_known)


def _fast_context(**fields: object) -> Context:
    """``Context(**fields)`` without the frozen dataclass's per-field ``object.__setattr__`` (a dozen contexts are
    built per claim by rule 12's search). Used only if it builds an equal context (checked below)."""
    ctx = object.__new__(Context)
    object.__setattr__(ctx, "__dict__", fields)
    return ctx


def _pick_new_context():
    """The fast constructor when it matches the dataclass's, else the dataclass itself."""
    sample = dict(facts=ClaimFacts(category="food"), on=date(2023, 1, 1), date_known=True, life_health=True,
                  life_health_derived=True, seller_route=False, decided=date(2024, 1, 1), decision_known=False)
    fast, slow = _fast_context(**sample), Context(**sample)
    same = (fast == slow and fast.__dict__ == slow.__dict__ and list(fast.__dict__) == list(slow.__dict__)
            and fast.is_food and fast.applies("CC-1165") == slow.applies("CC-1165"))
    return _fast_context if same else Context


_new_context = _pick_new_context()


def bar_routes(routes: list[RuleResult], bar: Optional[RuleResult]) -> None:
    """Rule 3: a met bar turns every route not failed on its own elements into ``barred``."""
    if bar is None:
        return
    for r in routes:
        if r.outcome in ("met", "blocked", "rebutted", "failed"):
            # a route failing only on ``harm = none`` is barred by CC-1165-1, not failed on its own elements
            own_failure = any(e.ok is False and e.name != "harm" for e in r.elements)
            if not own_failure:
                r.outcome, r.form = "barred", None
                r.detail = f"被{bar.title}（{', '.join(bar.citations)}）阻却"


def decide(routes: list[RuleResult], bar: Optional[RuleResult]) -> tuple[str, Optional[RuleResult]]:
    """Precedence (spec section 4): the form and the winning route (None for bars/undetermined/nothing)."""
    if bar is not None:
        return "none", None
    best: Optional[RuleResult] = None
    earliest_blocked: Optional[int] = None
    for r in routes:
        if r.outcome in ("met", "rebutted"):
            if best is None or RANK[r.form] < RANK[best.form]:
                best = r
        elif r.outcome == "blocked":
            rank = RANK[r.form]
            if earliest_blocked is None or rank < earliest_blocked:
                earliest_blocked = rank
    if earliest_blocked is not None and (best is None or earliest_blocked < RANK[best.form]):
        return "undetermined", None
    if best is None:
        return "none", None
    return best.form, best


def profile_route(ctx: Context, profile: str, bar: Optional[RuleResult]) -> tuple[RuleResult, RuleResult, bool]:
    """Rule 8 and rule 9 under one profile: the 38(2) route, the burden entry, whether the burden shifted."""
    route = ecl_38_2(ctx, profile)
    # rule 9 follows ECL-38-2's own elements, not the profile's facts: the rebuttal precedes the profile's form
    burden_res = burden(ctx, profile, statutory_met(route))
    shifted = apply_burden(route, burden_res, ctx)
    if bar is not None:
        bar_routes([route], bar)
    return route, burden_res, shifted


@dataclass
class Evaluation:
    """Every rule of section 4 evaluated for one context under one profile (bars already applied)."""

    seller: RuleResult
    no_harm: RuleResult
    force: RuleResult
    ident: RuleResult
    prom: RuleResult
    know: RuleResult
    food: RuleResult
    route: RuleResult
    burden: RuleResult
    shifted: bool
    bar: Optional[RuleResult]

    @property
    def base(self) -> list[RuleResult]:
        """The routes that do not depend on the doctrine profile (rules 2, 4, 5, 6, 7)."""
        return [self.seller, self.ident, self.prom, self.know, self.food]

    @property
    def ordered(self) -> list[RuleResult]:
        """Every route in rule order 2, 4, 5, 6, 7, 8."""
        return self.base + [self.route]


def evaluate(ctx: Context, profile: str) -> Evaluation:
    """Rules 2–9 for ``ctx`` under ``profile``: each route's outcome, the bar of rule 3 if met."""
    seller, no_harm, force = self_operated(ctx), bar_no_harm(ctx), bar_force_majeure(ctx)
    ident, prom, know, food = identity(ctx), promise(ctx), knowledge(ctx), food_review(ctx)
    bar = no_harm if no_harm.outcome == "met" else (force if force.outcome == "met" else None)
    if bar is not None:
        bar_routes([seller, ident, prom, know, food], bar)
    route, burden_res, shifted = profile_route(ctx, profile, bar)
    return Evaluation(seller, no_harm, force, ident, prom, know, food, route, burden_res, shifted, bar)


def alternatives(ctx: Context, ev: Evaluation, doctrine: str) -> dict[str, str]:
    """``doctrine.alternatives`` when the 38(2) route is met, blocked or rebutted and no bar holds: the form under
    each other profile, deciding its 38(2) route from the statutory elements ``ev`` already holds (decide only: no
    details, citations or trace). Equal to ``decide(ev.base + [profile_route(ctx, other, None)[0]], None)[0]``."""
    facts = ctx.facts
    # ECL-38-2's statutory elements do not depend on the profile (spec section 5): the same for all, and none
    # failed (the route would be failed, or barred by causation = false, and the alternatives not asked here)
    statutory_unknown = any(e.ok is None for e in ev.route.elements[:STATUTORY_ELEMENTS])
    # rules 8 and 9: only qin2025 shifts the burden, once the statutory elements hold; the platform's proof rebuts
    rebuttal = (not statutory_unknown and facts.consumer_prima_facie_evidence is True
                and facts.platform_proved_compliance is True)
    best = blocked = len(FORM_PRECEDENCE)   # the ranks ``decide`` keeps over the other routes (none yet)
    for r in ev.base:
        if r.outcome in ("met", "rebutted"):
            best = min(best, RANK[r.form])
        elif r.outcome == "blocked":
            blocked = min(blocked, RANK[r.form])
    forms = {}
    for other in DOCTRINES:
        if other == doctrine:
            continue
        met, earliest = best, blocked
        if other == "qin2025" and rebuttal:
            met = min(met, RANK["none"])
        else:
            outcome = PROFILES[other].func(ctx)
            oks = [e.ok for e in outcome.elements]
            if False in oks:
                pass   # failed (RuleResult.settle): no form
            elif statutory_unknown or None in oks:
                earliest = min(earliest, RANK[outcome.potential or outcome.form])
            else:
                met = min(met, RANK[outcome.form])
        if earliest < len(FORM_PRECEDENCE) and earliest < met:
            forms[other] = "undetermined"
        else:
            forms[other] = FORM_PRECEDENCE[met] if met < len(FORM_PRECEDENCE) else "none"
    return forms
