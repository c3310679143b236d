"""Spec rule 6: ECL-38-1 — the platform knew or should have known and took no necessary measures → joint."""

from __future__ import annotations

from assistant.core.law_as_of import in_force, law_id
from assistant.core.registry import Context, RuleResult, fact_is, harm_element, rule, start


@rule(id="knowledge", title="明知或应知平台内经营者侵害消费者权益而未采取必要措施",
      provisions=["ECL-38-1", "CPL-44-2", "TLL-36-3", "SPC-FD-9", "SPC-OC-16", "CC-178-2", "TLL-14-2"])
def knowledge(ctx: Context) -> RuleResult:
    """ECL-38-1 (from 2019-01-01), CPL-44-2; food/drugs SPC-FD-9; live-streaming SPC-OC-16 → joint_and_several.

    SPC-OC-16 interprets ECL-38: decided from 2022-03-15 and event from 2019-01-01 (rule 1).

    Before 2019-01-01 the route rests on CPL-44-2 (the regime's name) and TLL-36-3; TLL-36-3 covers actual
    knowledge only, so should-have-known rests on CPL-44-2 alone (a note says so). Recourse for what exceeds
    the platform's share: CC-178-2 (TLL-14-2 before 2021, our counterpart choice). Causation is no element.
    """
    res = start("knowledge")
    if ctx.seller_route:
        res.outcome, res.detail = "not_applicable", "平台以销售者身份承担责任（规则2），《电子商务法》第三十八条不是请求权基础"
        return res
    facts, on = ctx.facts, ctx.on
    res.elements = [fact_is("knew_or_should_have_known", facts.knew_or_should_have_known, True),
                    fact_is("necessary_measures_taken", facts.necessary_measures_taken, False),
                    harm_element(facts)]
    if in_force("ECL", on):
        res.regime, res.citations = "ECL-38-1", ["ECL-38-1", "CPL-44-2"]
    else:
        res.regime, res.citations = "CPL-44-2", ["CPL-44-2", "TLL-36-3"]
        res.notes.append("《电子商务法》尚未施行：知道规则依《侵权责任法》第三十六条第三款（仅限明知）与"
                         "《消费者权益保护法》第四十四条第二款（含应知）。")
    if (ctx.is_food or ctx.is_drug) and ctx.applies("SPC-FD-9"):
        res.citations.append("SPC-FD-9")
    if facts.live_streaming and ctx.applies("SPC-OC-16"):
        res.citations.append("SPC-OC-16")
    res.citations.append(law_id("CC-178-2", on))
    return res.settle("joint_and_several")
