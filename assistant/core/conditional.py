"""Spec rule 12: the form on the present record (``on_record``) and what proving unknown facts could change
(``scenarios``). "根据现有事实……；如能证明……，则……".

``on_record`` re-evaluates with every unknown fact resolved against the party bearing the burden of proving it,
as a court does when a fact stays unproven (SPC-CPI-90-2, SPC-CPI-91, SPC-CPI-108-2). ``scenarios`` search, for
each blocked route, the inclusion-minimal assignments of its unknown elements under which it is met.
"""

from __future__ import annotations

from typing import Any, Callable

from assistant.core.models import ClaimFacts, Scenario
from assistant.core.registry import Context, RuleResult
from assistant.core.batch import checked_constructor
from assistant.core.routes import RANK, Evaluation, child_context, decide, evaluate, profile_route
from assistant.core.rules.bars import bar_force_majeure, bar_no_harm
from assistant.core.rules.cpl_44 import identity, promise
from assistant.core.rules.ecl_38_1 import knowledge
from assistant.core.rules.fsl_131 import food_review
from assistant.core.rules.self_operated import self_operated

#: Rule 12: an unknown fact counts as not established against the consumer, who proves each route's elements;
#: defences and claims a party must raise stay false ("What blocks").
AGAINST_CONSUMER: dict[str, Any] = {
    "knew_or_should_have_known": False, "causation": False, "harm": "none",
    "necessary_measures_taken": True, "qualification_review_done": True, "safety_duty_done": True,
    "merchant_fault": "negligent", "category": "other_goods",   # "none of the listed values": not food, not drug
    "consumer_prima_facie_evidence": False, "live_streaming": False, "platform_role": "marketplace",
    "platform_contribution": "minor", "merchant_identity_provided": True,
    "advance_compensation_promised": False, "force_majeure": False, "platform_proved_compliance": False,
    "complaint_delay_expanded_damage": False,
}
#: The values each enumerable fact is tried with (scenarios); ``harm`` and ``category`` are multi-valued elements.
#: ``harm = none`` fails every route ("What blocks": harm is an element of each), so it is never tried. The only
#: routes with a category element (rules 2 and 7) are met by food or catering alone: every other category behaves
#: as ``other_goods`` there, which stands for them all.
DOMAIN: dict[str, tuple[Any, ...]] = {
    "harm": ("personal_injury", "property_loss"),
    "category": ("food", "catering", "other_goods"),
    "platform_contribution": ("major", "minor"),
    "merchant_fault": ("intentional", "negligent"),
}
_BOOL = (True, False)
#: The order of ``requires`` keys: the routes' element order (category, life and health, knowledge, review …).
FACT_ORDER = ("advance_compensation_promised", "platform_role", "category", "life_health",
              "knew_or_should_have_known", "necessary_measures_taken", "merchant_identity_provided",
              "qualification_review_done", "safety_duty_done", "harm", "causation", "platform_contribution",
              "merchant_fault")
_POS = {name: i for i, name in enumerate(FACT_ORDER)}


def _fast_copy(facts: ClaimFacts, update: dict[str, Any]) -> ClaimFacts:
    """``facts.model_copy(update=update)`` for ClaimFacts (no extras, no private attributes) at a third of the
    cost: rule 12's search copies the facts once per assignment tried. Used only if it matches at import."""
    copied = ClaimFacts.__new__(ClaimFacts)
    _set(copied, "__dict__", {**facts.__dict__, **update})
    _set(copied, "__pydantic_extra__", None)
    _set(copied, "__pydantic_fields_set__", facts.__pydantic_fields_set__ | update.keys())
    _set(copied, "__pydantic_private__", None)
    return copied


_set = object.__setattr__


def _pick_copy() -> Callable[[ClaimFacts, dict[str, Any]], ClaimFacts]:
    """The fast copy when it builds exactly what ``model_copy`` builds, else ``model_copy``."""
    base = ClaimFacts(harm="personal_injury", causation=None)
    update = {"causation": True, "category": "food"}
    fast, slow = _fast_copy(base, update), base.model_copy(update=update)
    same = (base.__pydantic_extra__ is None and base.__pydantic_private__ is None and fast == slow
            and list(fast.__dict__) == list(slow.__dict__) and fast.model_fields_set == slow.model_fields_set
            and fast.model_dump_json() == slow.model_dump_json())
    return _fast_copy if same else (lambda facts, update: facts.model_copy(update=update))


copy_facts = _pick_copy()


def resolved_facts(facts: ClaimFacts, ctx: Context, duties_not_done: bool = False) -> ClaimFacts:
    """The facts with every unknown resolved against the party bearing its burden (rule 12).

    ``duties_not_done``: the qin2025 shift for the ECL-38-2 route only — an unknown review or safety duty counts
    as not done, since the platform bears that burden under the proposal and did not carry it (SPC-CPI-90-2).
    """
    update = _resolved(facts, ctx, duties_not_done)
    return copy_facts(facts, update) if update else facts


def _resolved(facts: ClaimFacts, ctx: Context, duties_not_done: bool = False) -> dict[str, Any]:
    """The values ``resolved_facts`` gives the unknown facts."""
    values = facts.__dict__   # every field is there (a ClaimFacts or a view of one): no getattr per fact
    update = {name: value for name, value in AGAINST_CONSUMER.items() if values[name] is None}
    if facts.life_health is None:
        # derived from the category when it can be; otherwise (cosmetics, unknown category) not established
        update["life_health"] = bool(ctx.life_health)
    if duties_not_done:
        for name in ("qualification_review_done", "safety_duty_done"):
            if getattr(facts, name) is None:
                update[name] = False
    return update


def on_record(facts: ClaimFacts, ctx: Context, profile: str) -> str:
    """Rule 12 ``on_record``: the first form in precedence among the routes evaluated on the resolved facts."""
    if facts.harm is None and AGAINST_CONSUMER["harm"] == "none":
        # an unknown harm resolves to none, which rule 3 bars (CC-1165-1: ``bar_no_harm`` is met on it) whatever
        # else holds: most undetermined claims, decided without building the resolved facts
        return "none"
    # the rules read the facts' attributes only: a view of the resolved facts, not a ClaimFacts copy
    resolved_ctx = child_context(ctx, _assume(facts, _resolved(facts, ctx)))
    if bar_no_harm(resolved_ctx).outcome == "met" or bar_force_majeure(resolved_ctx).outcome == "met":
        # rule 3: a bar decides every route (``decide`` gives none whatever they give): an unknown harm is
        # resolved to none (CC-1165-1), so this is most undetermined claims, and the routes need not run
        return "none"
    ev = evaluate(resolved_ctx, profile)
    route_38_2 = ev.route
    if profile == "qin2025" and facts.consumer_prima_facie_evidence is True and (
            facts.qualification_review_done is None or facts.safety_duty_done is None):
        # the shift belongs to the 38(2) route only (rule 6): every other route keeps the duties as done
        shifted = _assume(facts, _resolved(facts, ctx, duties_not_done=True))
        route_38_2 = profile_route(child_context(ctx, shifted), profile, ev.bar)[0]
    return decide(ev.base + [route_38_2], ev.bar)[0]


_PLAIN = {"self_operated": self_operated, "identity": identity, "promise": promise, "knowledge": knowledge,
          "food_review": food_review}


def _route_evaluator(rule_id: str, profile: str, ctx: Context) -> Callable[[Any], RuleResult]:
    """The function re-evaluating one route on assumed facts (the claim's law dates; rule 2 derived again)."""
    if rule_id in _PLAIN:
        func = _PLAIN[rule_id]
        return lambda facts: func(child_context(ctx, facts))
    return lambda facts: profile_route(child_context(ctx, facts), profile, None)[0]


class _Assumed:
    """The claim's facts with some values assumed (rule 12's search): attributes only, which is all a rule reads.

    Cheaper than a ClaimFacts copy; the search builds one per assignment tried and nothing else sees them.
    """

    def __init__(self, values: dict[str, Any]) -> None:
        self.__dict__ = values


def _assume(facts: ClaimFacts, update: dict[str, Any]) -> _Assumed:
    """``facts`` read with ``update`` applied."""
    return _Assumed({**facts.__dict__, **update})


#: Assignments meeting a route, each with the route's result under it.
Found = list[tuple[dict[str, Any], RuleResult]]


def _needs(res: RuleResult) -> dict[str, Any]:
    """The one value each unknown single-value element (``fact_is``, life_health, one unknown duty) can be met by."""
    return {(e.facts[0] if e.facts else e.name): e.wanted for e in res.elements
            if e.ok is None and e.wanted is not None and len(e.facts) <= 1}


def _search(facts: ClaimFacts, run: Callable[[ClaimFacts], RuleResult], start: dict[str, Any],
            first: RuleResult) -> Found:
    """The inclusion-minimal assignments of the route's blocking facts that meet it (full assignment first)."""
    full = dict(start)
    damage = False
    needs = _needs(first)
    for fact in first.unknown:
        if fact in full:
            continue
        if fact in needs:
            values = [value for value in DOMAIN.get(fact, _BOOL) if value == needs[fact]]
            if len(values) != 1 or fact not in _POS:
                return _breadth_first(facts, run, start, first, {})
            full[fact] = values[0]
        elif fact == "harm":
            damage = True
            full[fact] = "personal_injury"
        else:
            # a fact with several values to try (category, contribution, fault, a duty beside another unknown):
            # the minimal assignments may be several, of different sizes
            return _breadth_first(facts, run, start, first, {})
    # Every blocking fact is met by one value (harm: either damage, decided alike). Each route is a conjunction
    # of its elements, and such a value only turns its own element satisfied (never another one failed), so every
    # smaller assignment stays blocked on the facts it leaves out: the breadth-first search would meet (or not)
    # only at the full assignment, property loss after personal injury. Evaluated once, it decides the search,
    # unless it is blocked again (the profile's own fact, asked once the duty is known: then the full search).
    if (len(full) > len(start) and first.form is not None and len(first.unknown) == len(set(first.unknown))
            and _local_facts(facts, first).issuperset(full.keys() - start.keys())):
        # every blocking fact is local (read by its own element only): the full assignment satisfies exactly the
        # elements that blocked the route, so the route is met with the form and regime it is blocked with (a
        # blocked route's form is the one it gives once met: its profile, if any, is decided): nothing to evaluate
        result = first
    else:
        result = run(_assume(facts, full))
        if result.outcome == "blocked":
            return _breadth_first(facts, run, start, first, {frozenset(full.items()): result})
        if result.outcome != "met" or result.form is None:
            return []
    if not damage:
        return [(full, result)]
    return [(full, result), ({**full, "harm": "property_loss"}, result)]


#: Per route, the facts it reads through one element of their own only (``fact_is``, life_health, harm): the
#: value the search tries satisfies that element and changes nothing else (applicability, other elements, form).
#: ``category`` (rule 2 and life_health derive from it) and the two duties of 38(2) (its profiles read them) are
#: not local; 38(2)'s are local only while its burden cannot be rebutted (rule 8), see ``_local_facts``.
LOCAL_FACTS: dict[str, frozenset[str]] = {
    "self_operated": frozenset({"harm"}),
    "identity": frozenset({"merchant_identity_provided", "harm"}),
    "promise": frozenset({"harm"}),
    "knowledge": frozenset({"knew_or_should_have_known", "necessary_measures_taken", "harm"}),
    "food_review": frozenset({"qualification_review_done", "harm"}),
    "ecl_38_2": frozenset({"causation", "life_health", "harm"}),
}


def _local_facts(facts: ClaimFacts, first: RuleResult) -> frozenset[str]:
    """The facts whose assignment the search may predict for this route instead of evaluating it."""
    if first.rule == "ecl_38_2" and facts.consumer_prima_facie_evidence is True and (
            facts.platform_proved_compliance is True):
        # once the statutory elements hold, the shifted burden is rebutted (rule 8): the route's outcome turns
        return frozenset()
    return LOCAL_FACTS.get(first.rule, frozenset())


def _predicted(child: dict[str, Any], local: frozenset[str], nodes: dict[frozenset, tuple]) -> tuple | None:
    """The node of ``child`` predicted from the node of its non-local part, if that was reached: given the
    values they need, the local facts only satisfy their own elements (``LOCAL_FACTS``). None: evaluate it."""
    assigned = [name for name in child if name in local]
    if not assigned:
        return None
    base = nodes.get(frozenset((name, value) for name, value in child.items() if name not in local))
    if base is None:
        return None
    outcome, unknown, needs, source = base
    if outcome != "blocked":
        # failed, barred, not applicable (or met without a form): the local facts change none of that (their own
        # elements are unknown there, not failed: life_health's derivation from category is never assigned in a
        # search of 38(2), the one route it is local to); a node met with a form has no reached superset
        return None if outcome == "met" and source.form is not None else base
    if any(unknown.count(name) != 1 for name in assigned):
        return None
    rest = [name for name in unknown if name not in assigned]
    if rest:
        return ("blocked", rest, {name: v for name, v in needs.items() if name not in assigned}, source)
    return ("met", None, None, source) if source.form is not None else None


def _breadth_first(facts: ClaimFacts, run: Callable[[ClaimFacts], RuleResult], start: dict[str, Any],
                   first: RuleResult, evaluated: dict[frozenset, RuleResult]) -> Found:
    """Breadth-first over assignments of the route's blocking facts: the inclusion-minimal ones that meet it.

    ``evaluated``: results already known, by assignment (personal injury standing for property loss)."""
    met: list[tuple[dict[str, Any], RuleResult]] = []
    met_keys: list[frozenset] = []
    seen: set[frozenset] = set()
    # a route reads harm only through its element harm ≠ none ("What blocks"): property loss decides it as
    # personal injury does, so each assignment is evaluated once for both (only the element's value differs).
    # A node: (outcome, its blocking facts, the one value each single-value one needs, the evaluated result whose
    # form and regime it has: its own, or for a predicted node the evaluated one it was predicted from).
    by_damage = {key: (res.outcome, res.unknown, _needs(res), res) for key, res in evaluated.items()}
    local = _local_facts(facts, first)
    frontier = [(start, first.unknown, _needs(first), first)]
    # the start's own node, for predicting from it (no child equals the start: each adds a fact)
    by_damage[frozenset(start.items())] = (first.outcome, first.unknown, frontier[0][2], first)
    while frontier:
        following = []
        for assign, unknown, needs, source in frontier:
            for fact in unknown:
                if fact in assign:
                    continue
                values = DOMAIN.get(fact, _BOOL)
                if fact in needs:
                    # an unknown ``fact_is`` element is met by one value only: any other fails it, and a route
                    # with a failed element is failed (or, for causation, barred): never met nor blocked
                    values = [value for value in values if value == needs[fact]]
                for value in values:
                    child = {**assign, fact: value}
                    key = frozenset(child.items())
                    if key in seen:
                        continue
                    # a superset of a met assignment is not minimal (a plain loop: no generator per candidate)
                    for m in met_keys:
                        if m <= key:
                            break
                    else:
                        seen.add(key)
                        damage = key if child.get("harm") != "property_loss" else frozenset(
                            {**child, "harm": "personal_injury"}.items())
                        node = by_damage.get(damage)
                        if node is None and local:
                            node = _predicted(child, local, by_damage)
                        if node is None:
                            if fact in local and unknown.count(fact) == 1 and (
                                    len(unknown) > 1 or source.form is not None):
                                # a local fact's value only satisfies its own element: the route stays blocked
                                # on the other facts, in the same order, or with none left is met, with the form
                                # and regime it was blocked with (as in ``_search``): no evaluation needed
                                node = ("blocked", [name for name in unknown if name != fact],
                                        {name: v for name, v in needs.items() if name != fact}, source) if len(
                                    unknown) > 1 else ("met", None, None, source)
                            else:
                                result = run(_assume(facts, child))
                                node = (result.outcome, result.unknown, _needs(result), result)
                            by_damage[damage] = node
                        outcome = node[0]
                        if outcome == "blocked":
                            following.append((child, node[1], node[2], node[3]))
                        elif outcome == "met" and node[3].form is not None:
                            met.append((child, node[3]))
                            met_keys.append(key)
        frontier = following
    if len(met) < 2:
        return met   # one met assignment has no strict subset among the met ones
    return [(a, r) for a, r in met if not any(k < frozenset(a.items()) for k in met_keys)]


#: Scenario objects of the engine's own valid values, unvalidated (checked against validation at import).
_Scenario = checked_constructor(Scenario, {"route": "ECL-38-2", "form": "proportional",
                                           "requires": {"causation": True}})


def _order_key(name: str) -> int:
    """A fact's place in ``requires`` (the routes' element order; unlisted facts last)."""
    return _POS.get(name, len(_POS))


def _entry_key(item: tuple[tuple[int, int, int, int], Scenario]) -> tuple[int, int, int, int]:
    """A found scenario's sort key: form rank, route order, size, discovery order."""
    return item[0]


def scenarios(facts: ClaimFacts, ctx: Context, ev: Evaluation, profile: str) -> list[Scenario]:
    """Rule 12 ``scenarios``: per blocked route, each minimal assignment meeting it, with the route's own form."""
    ordered = ev.ordered
    promise_unknown = facts.advance_compensation_promised is None and ev.bar is None and not ctx.seller_route
    if not promise_unknown:
        for route in ordered:
            if route.outcome == "blocked":
                break
        else:
            return []   # nothing to search (most claims): no closure, no sort
    found: list[tuple[tuple[int, int, int, int], Scenario]] = []

    def add(seq: int, assignments: list[tuple[dict[str, Any], RuleResult]]) -> None:
        for assign, res in assignments:
            requires = ({k: assign[k] for k in sorted(assign, key=_order_key)} if len(assign) > 1
                        else dict(assign))
            scenario = _Scenario(route=res.regime, form=res.form, requires=requires)
            found.append(((RANK[res.form], seq, len(requires), len(found)), scenario))

    for seq, route in enumerate(ordered):
        if route.outcome == "blocked":
            add(seq, _search(facts, _route_evaluator(route.rule, profile, ctx), {}, route))
    if promise_unknown:
        # rule 12: an unknown promise adds the rule 5 entry (with harm, one entry per value, when harm is unknown)
        run = _route_evaluator("promise", profile, ctx)
        start = {"advance_compensation_promised": True}
        first = run(_assume(facts, start))
        entries = [(start, first)] if first.outcome == "met" else (
            _search(facts, run, start, first) if first.outcome == "blocked" else [])
        add(len(ordered), entries)
    if len(found) < 2:
        return [scenario for _, scenario in found]
    return [scenario for _, scenario in sorted(found, key=_entry_key)]
