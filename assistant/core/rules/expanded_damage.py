"""Spec rule 10: complaint not handled in time → liable for the expanded damage (QIN-5.2.3; CC-1195-2 analogy)."""

from __future__ import annotations

from assistant.core.law_as_of import law_id
from assistant.core.registry import Context, RuleResult, el, rule, start


@rule(id="expanded_damage", title="未及时处理投诉导致损害扩大：对扩大部分承担责任",
      provisions=["QIN-5.2.3", "CC-1195-2", "TLL-36-2"])
def expanded_damage(ctx: Context) -> RuleResult:
    """QIN-5.2.3, by analogy to the notice rule CC-1195-2 (TLL-36-2 before 2021): counted only when true.

    Choice (spec silent): it stands beside whatever form the other rules give, but not under a bar of rule 3
    (no damage, force majeure) — the engine marks it barred then.
    """
    res = start("expanded_damage")
    value = ctx.facts.complaint_delay_expanded_damage
    res.elements = [el("complaint_delay_expanded_damage", value, value)]
    if value is True:
        res.outcome, res.detail = "met", "平台未及时处理投诉致损害扩大"
        res.citations = ["QIN-5.2.3", law_id("CC-1195-2", ctx.on)]
    elif value is None:
        res.outcome, res.detail = "not_applicable", "未主张损害扩大（仅在为真时计入）"
    else:
        res.outcome, res.detail = "failed", "不满足要件：complaint_delay_expanded_damage"
    return res
