"""Spec rule 8: ECL-38-2 — life and health, review or safety duty failed, damage, causation → 相应的责任."""

from __future__ import annotations

from datetime import date

from assistant.core.doctrine import PROFILE_PROVISIONS, PROFILES
from assistant.core.rules.burden import BURDEN_PROVISIONS
from assistant.core.registry import Context, RuleResult, el, fact_is, harm_element, rule, start


def _review_or_safety_element(review: object, safety: object):
    """Met when either duty failed; failed when both were done; otherwise unknown (spec "What blocks")."""
    if review is False or safety is False:
        ok = True
    elif review is True and safety is True:
        ok = False
    else:
        ok = None
    unknown = tuple(name for name, v in (("qualification_review_done", review), ("safety_duty_done", safety))
                    if v is None)
    value = f"qualification_review_done={_tri(review)}, safety_duty_done={_tri(safety)}"
    # one duty unknown and the other done: only "not done" can meet it (rule 12's search skips "done")
    wanted = False if len(unknown) == 1 and ok is None else None
    return ("review_or_safety_failed", value, ok, unknown, wanted)


def _tri(value: object) -> str:
    return "null" if value is None else str(value).lower()


#: The element's (name, value, ok, unknown facts) for each of the nine (review, safety) pairs: computed once.
_REVIEW_OR_SAFETY = {(r, s): _review_or_safety_element(r, s) for r in (True, False, None) for s in (True, False, None)}


def _review_or_safety(ctx: Context):
    """Met when either duty failed; failed when both were done; otherwise unknown (spec "What blocks")."""
    return el(*_REVIEW_OR_SAFETY[ctx.facts.qualification_review_done, ctx.facts.safety_duty_done])


@rule(id="ecl_38_2", title="关系消费者生命健康的商品或服务：未尽资质审核或安全保障义务的相应责任",
      provisions=["ECL-38-2", "QIN-5.1", "QIN-5.3", *PROFILE_PROVISIONS, *BURDEN_PROVISIONS],
      effective=date(2019, 1, 1))
def ecl_38_2(ctx: Context, profile: str) -> RuleResult:
    """ECL-38-2: tort (QIN-5.1), fault imputation (QIN-5.3); the form comes from the doctrine profile.

    Elements: life_health (derived from category when not given), review or safety failed, harm, causation,
    plus the profile's own facts. ``causation = false`` bars this route only (spec rule 3): outcome ``barred``.
    """
    res = start("ecl_38_2")
    if ctx.on < date(2019, 1, 1):
        res.outcome, res.detail = "not_applicable", "《电子商务法》自2019-01-01起施行，第三十八条第二款不适用"
        return res
    if ctx.seller_route:
        res.outcome, res.detail = "not_applicable", "平台以销售者身份承担责任（规则2），《电子商务法》第三十八条不是请求权基础"
        return res
    facts = ctx.facts
    outcome = PROFILES[profile].func(ctx)
    life = el("life_health", ctx.life_health, ctx.life_health, (), True)   # met by life_health = true only
    statutory = [life, _review_or_safety(ctx), harm_element(facts), fact_is("causation", facts.causation, True)]
    res.elements = statutory + outcome.elements
    res.regime = "ECL-38-2"
    res.citations = ["ECL-38-2"]
    if any(e.ok is False for e in statutory[:3]):
        return res.settle(None)
    if facts.causation is False:
        res.outcome, res.detail = "barred", "因果关系不成立（causation=false）阻却《电子商务法》第三十八条第二款"
        return res
    res.settle(outcome.form, outcome.potential)
    if res.outcome == "met":
        res.citations += outcome.citations + ["QIN-5.1", "QIN-5.3"]
        res.detail = f"要件全部满足；{PROFILES[profile].name}：{outcome.detail}"
    if ctx.life_health_derived and ctx.life_health is not None:
        res.detail += f"（life_health 由 category={facts.category} 推定）"
    return res


STATUTORY_ELEMENTS = 4   # life_health, review_or_safety_failed, harm, causation: the profile's own facts follow


def statutory_met(route: RuleResult) -> bool:
    """Whether ECL-38-2's own elements (not the profile's) are all satisfied and the route is not barred."""
    statutory = route.elements[:STATUTORY_ELEMENTS]
    return (route.outcome in ("met", "blocked") and len(statutory) == STATUTORY_ELEMENTS
            and all(e.ok is True for e in statutory))


def apply_burden(route: RuleResult, burden: RuleResult, ctx: Context) -> bool:
    """Fold rule 9 into the route: add its citations when the burden shifted; the platform's proof rebuts.

    Returns whether the burden shifted. Spec rule 8: burden on the platform and
    ``platform_proved_compliance = true`` → the route is ``rebutted`` and yields ``none``. The rebuttal comes
    before the profile ("Otherwise the form comes from the doctrine profile"), so it stands even when the
    profile's own facts (platform_contribution; review unknown with safety failed) are unknown: those facts
    could no longer change the form and are dropped from the route's elements.
    """
    if burden.outcome != "met" or not statutory_met(route):
        return False
    if ctx.facts.platform_proved_compliance is True:
        route.outcome, route.form = "rebutted", "none"
        route.elements = route.elements[:STATUTORY_ELEMENTS]
        route.unknown = []
        route.citations = ["ECL-38-2", "QIN-5.3"] + list(burden.citations)
        route.detail = "举证责任倒置后，平台已证明履行审核与安全保障义务（platform_proved_compliance=true）"
    elif route.outcome == "met":
        route.citations += [c for c in burden.citations if c not in route.citations]
    return True
