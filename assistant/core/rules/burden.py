"""Spec rule 9: burden of proof on the 38(2) route (QIN-5.4) — a proposal, not the law in force (CC-1165-2)."""

from __future__ import annotations

from assistant.core.law_as_of import law_id
from assistant.core.registry import Context, RuleResult, el, rule, start


BURDEN_PROVISIONS = ("QIN-5.4.1", "QIN-5.4.2", "CC-1165-2", "TLL-6-2")


@rule(id="burden", title="举证责任分配（覃玉娟2025建议的举证责任倒置）", provisions=["QIN-5.4", *BURDEN_PROVISIONS])
def burden(ctx: Context, profile: str, elements_met: bool) -> RuleResult:
    """QIN-5.4.1/5.4.2: under ``qin2025`` the burden shifts to the platform when the consumer gave prima facie
    evidence and a ground holds; inside 38(2) life and health always holds, so the evidence alone decides.

    ``met`` = the burden shifted (``platform``, ``presumed_fault``, ``proposal``). The reversal is a proposal:
    CC-1165-2 (TLL-6-2 before 2021) presumes fault only where a law says so; the engine cites it for that note.
    Other profiles and every other route: the consumer proves fault (``lex_lata``). ``elements_met``: ECL-38-2's
    own elements hold (the profile's facts may still be unknown: the rebuttal of rule 8 comes before them).
    """
    res = start("burden")
    if profile != "qin2025":
        res.outcome, res.detail = "not_applicable", "该学说不采举证责任倒置：由消费者举证（现行法）"
        return res
    if not elements_met:
        res.outcome, res.detail = "not_applicable", "《电子商务法》第三十八条第二款的要件未全部满足"
        return res
    evidence = ctx.facts.consumer_prima_facie_evidence
    res.elements = [el("consumer_prima_facie_evidence", evidence, evidence),
                    el("life_health", True, True)]
    if evidence is True:
        res.outcome, res.detail = "met", "消费者已提供初步证据且涉及生命健康：举证责任转由平台承担（立法建议）"
        res.citations = ["QIN-5.4.1", "QIN-5.4.2", law_id("CC-1165-2", ctx.on)]
    elif evidence is None:
        res.outcome, res.detail = "blocked", "消费者是否提供初步证据未知：暂由消费者举证"
    else:
        res.outcome, res.detail = "failed", "不满足要件：consumer_prima_facie_evidence（由消费者举证）"
    return res
