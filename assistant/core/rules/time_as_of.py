"""Spec rule 1: the law as of ``event_date`` (ECL-89: ECL from 2019-01-01; CC-1260: TLL repealed from 2021-01-01)."""

from __future__ import annotations

from assistant.core.law_as_of import SCOPE_START
from assistant.core.registry import Context, RuleResult, el, rule, start


@rule(id="law_as_of", title="适用法律的时间效力（法律以交易发生日为准，司法解释以裁判日为准）",
      provisions=["ECL-89", "CC-1260", "SPC-FD-19", "SPC-FS1-14", "SPC-TI1-26", "SPC-FDP-19"])
def law_as_of(ctx: Context) -> RuleResult:
    """Decide whether the event is in scope (from 2014-03-15, CPL 2013 text); unknown date → current law.

    Cites ECL-89 (施行日期) and CC-1260 (侵权责任法废止) only in the trace: they explain which law applies. The
    engine adds an interpretation's transitional article (SPC-FD-19, SPC-FS1-14, SPC-TI1-26, SPC-FDP-19) when it
    applies that interpretation to an earlier event (spec 1.1 rule 1).
    """
    res = start("law_as_of")
    date_value = ctx.facts.event_date.isoformat() if ctx.facts.event_date else None
    if not ctx.date_known:
        res.elements = [el("event_date", None, None)]
        res.outcome, res.detail = "not_applicable", "交易日期未知：按现行法分析，并列入待补事实"
        return res
    in_scope = ctx.on >= SCOPE_START
    res.elements = [el("event_date", date_value, in_scope)]
    if in_scope:
        res.outcome, res.detail = "met", f"适用{ctx.on.isoformat()}时有效的法律"
    else:
        res.outcome, res.detail = "failed", "事件早于2014-03-15，超出本引擎范围"
    res.citations = ["ECL-89", "CC-1260"] if in_scope else []
    return res
