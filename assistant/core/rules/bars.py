"""Spec rule 3: bars that override every route — no damage (CC-1165-1) and force majeure (CC-180)."""

from __future__ import annotations

from assistant.core.law_as_of import law_id
from assistant.core.registry import Context, RuleResult, el, rule, start


@rule(id="bar_no_harm", title="无损害则无赔偿", provisions=["CC-1165-1", "TLL-6-1"])
def bar_no_harm(ctx: Context) -> RuleResult:
    """CC-1165-1 (TLL-6-1 before 2021): tort liability needs damage; ``harm = none`` → ``none``."""
    res = start("bar_no_harm")
    harm = ctx.facts.harm
    res.elements = [el("harm", harm, None if harm is None else harm == "none")]
    if harm == "none":
        res.outcome, res.detail = "met", "harm=none：无可赔偿的损害，阻却一切请求权基础"
        res.citations = [law_id("CC-1165-1", ctx.on)]
    elif harm is None:
        res.outcome, res.detail = "not_applicable", "损害情况未知（各请求权基础因此受阻）"
    else:
        res.outcome, res.detail = "failed", "存在损害"
    return res


@rule(id="bar_force_majeure", title="不可抗力免责", provisions=["CC-180", "TLL-29"])
def bar_force_majeure(ctx: Context) -> RuleResult:
    """CC-180 (TLL-29 before 2021): damage from force majeure → ``none``; a defence, counted only when true."""
    res = start("bar_force_majeure")
    fm = ctx.facts.force_majeure
    res.elements = [el("force_majeure", fm, fm)]
    if fm is True:
        res.outcome, res.detail = "met", "force_majeure=true：不可抗力，阻却一切请求权基础"
        res.citations = [law_id("CC-180", ctx.on)]
    elif fm is None:
        res.outcome, res.detail = "not_applicable", "未主张不可抗力（抗辩事由，仅在为真时计入）"
    else:
        res.outcome, res.detail = "failed", "非不可抗力所致"
    return res
