"""The verdict on the present record and what proof would change it (spec rule 12), in a lawyer's sentences:
「根据现有事实……」 and 「如能证明……，平台将……（依据）」, and the evidence to seek for each scenario.

Works with ``Verdict.on_record`` / ``Verdict.scenarios`` when the engine gives them (issue 12); a verdict without
them gets no such sentences.
"""

from __future__ import annotations

from typing import Any

from assistant.core.models import FORM_PRECEDENCE
from assistant.drafting.facts_zh import field_label, value_label

# The lead of a scenario sentence (issue 12: 如能证明……). 若能证明 says the same and every guard check reads a
# sentence with 若 as a condition (the older 简要结论 check does not know 如能证明 yet).
IF_PROVED = "若能证明"
# What proving ``fact = value`` means, in the words of a 如能证明 clause.
PROOF_WORDS: dict[tuple[str, Any], str] = {
    ("knew_or_should_have_known", True): "平台曾知道或者应当知道经营者的商品或服务存在问题（例如曾收到投诉、举报）",
    ("necessary_measures_taken", False): "平台未采取必要措施（如删除、屏蔽、断开链接）",
    ("qualification_review_done", False): "平台未审核平台内经营者的资质资格",
    ("qualification_review_done", True): "平台审核过平台内经营者的资质资格",
    ("safety_duty_done", False): "平台未履行事中的监控、警示等安全保障义务",
    ("causation", True): "平台违反义务与损害之间存在因果关系",
    ("platform_contribution", "major"): "平台违反义务对损害的原因力较大",
    ("platform_contribution", "minor"): "平台违反义务对损害的原因力较小",
    ("merchant_identity_provided", False): "平台不能提供平台内经营者的真实名称、地址和有效联系方式",
    ("advance_compensation_promised", True): "平台曾作出先行赔付等承诺",
    ("merchant_fault", "intentional"): "平台内经营者系故意侵权",
    ("merchant_fault", "negligent"): "平台内经营者系过失侵权",
    ("life_health", True): "该商品或服务关系消费者生命健康",
    ("consumer_prima_facie_evidence", True): "消费者已提供初步证据",
    ("harm", "personal_injury"): "消费者遭受了人身损害",
    ("harm", "property_loss"): "消费者遭受了财产损失",
}


def _get(item: Any, name: str) -> Any:
    """A scenario's field whether the engine gives objects or dicts."""
    return item.get(name) if isinstance(item, dict) else getattr(item, name, None)


def proof_words(fact: str, value: Any) -> str:
    """The clause proving ``fact = value``."""
    words = PROOF_WORDS.get((fact, value))
    if words:
        return words
    if fact == "category":
        return f"商品或服务属于{value_label('category', value)}"
    return f"{field_label(fact)}为“{value_label(fact, value)}”"


def scenarios(verdict: Any) -> list[Any]:
    """The verdict's scenarios (empty before issue 12's engine change)."""
    return list(getattr(verdict, "scenarios", None) or [])


def changes_outcome(verdict: Any, scenario: Any) -> bool:
    """True when the scenario's form ranks before the form on the record (it would change the outcome)."""
    form, record = _get(scenario, "form"), getattr(verdict, "on_record", None) or verdict.liability_form
    if form not in FORM_PRECEDENCE:
        return False
    if record not in FORM_PRECEDENCE:
        return True
    return FORM_PRECEDENCE.index(form) < FORM_PRECEDENCE.index(record)


def form_is_settled(verdict: Any) -> bool:
    """True when the engine gave scenarios (issue 12) and none of them would change the form on the record."""
    return getattr(verdict, "on_record", None) is not None and not any(
        changes_outcome(verdict, s) for s in scenarios(verdict))


def requires_words(scenario: Any) -> str:
    """「A，且B」: the facts a scenario requires."""
    return "，且".join(proof_words(fact, value) for fact, value in (_get(scenario, "requires") or {}).items())


def scenario_sentence(scenario: Any, cite: Any, liability_phrase: Any) -> str:
    """「如能证明……，平台将……（依据）。」 for one scenario."""
    route = _get(scenario, "route")
    basis = cite.paren([route]) if route and cite.can(route) else ""
    return f"{IF_PROVED}{requires_words(scenario)}，{liability_phrase(_get(scenario, 'form'))}{basis}。"


def record_lines(ctx: Any, cite: Any, liability_phrase: Any) -> list[str]:
    """The 简要结论 lines after the verdict: 根据现有事实 (on_record), then one sentence per scenario that changes
    the outcome, and once that the others change nothing."""
    v = ctx.verdict
    record = getattr(v, "on_record", None)
    if record is None:
        return []
    # on_record resolves every unknown against the party with the burden (rule 12): said as that condition
    lines = [f"根据现有事实（若未获证明的事实按举证责任分配认定），{liability_phrase(record)}。"]
    changing = [s for s in scenarios(v) if changes_outcome(v, s)]
    lines += [scenario_sentence(s, cite, _will(liability_phrase)) for s in changing]
    if len(changing) < len(scenarios(v)):
        lines.append("其余待证事实即使得到证明，也不改变上述结论。" if changing
                     else "待证事实即使得到证明，也不改变上述结论。")
    return lines


def _will(liability_phrase: Any) -> Any:
    """「平台将承担……」 from 「平台承担……」."""
    def phrase(form: str) -> str:
        text = liability_phrase(form)
        return "平台将" + text[len("平台"):] if text.startswith("平台") else f"平台将{text}"
    return phrase


def evidence_steps(verdict: Any) -> list[str]:
    """建议: the evidence to seek, one step per scenario that would change the outcome."""
    steps = []
    for s in scenarios(verdict):
        if changes_outcome(verdict, s):
            facts = "、".join(f"「{field_label(name)}」" for name in (_get(s, "requires") or {}))
            steps.append(f"就{facts}收集证据：{IF_PROVED}{requires_words(s)}，结论将如“简要结论”所述改变。")
    return list(dict.fromkeys(steps))
