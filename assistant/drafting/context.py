"""Everything one memo is drafted from: facts, verdict, keyed passages, labels, and the prompt variables."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from assistant.drafting.facts_zh import VALUE_LABELS, chinese_date, field_label, known_facts
from assistant.drafting.passages import KeyedPassage, key_table
from assistant.drafting.scenarios import changes_outcome, requires_words, scenarios
from assistant.drafting.prompts import PROMPT_VERSION
from assistant.drafting.narrative import quoted
from assistant.guard.terms import basis_label, burden_label, form_label, imputation_label
from assistant.memo.sections import CONCLUSION_LABELS, SECTIONS

_ORDINALS = "一二三四五六七八"
HEADINGS: tuple[str, ...] = tuple(f"{_ORDINALS[i]}、{name}" for i, name in enumerate(SECTIONS))

PROFILE_LABELS: dict[str, str] = {
    "qin2025": "区分阶段说（覃玉娟2025：事前审核按份、事中监控补充或按份）",
    "intent_split": "区分经营者主观状态说（故意连带、过失补充）",
    "supplementary_only": "补充责任说（类推民法典安全保障义务条款）",
    "joint": "连带责任说（共同侵权说）",
    "proportional_joint": "比例连带责任说",
}
OUTCOME_LABELS: dict[str, str] = {
    "met": "成立", "failed": "不成立", "blocked": "因事实不明暂无法判断", "barred": "被排除",
    "rebutted": "已被平台反证推翻", "not_applicable": "不适用",
}


def memo_title(facts: Any) -> str:
    """The memo's title: subject, goods or service and event date (deterministic, no clock)."""
    category = VALUE_LABELS["category"].get(facts.category or "", "商品或服务")
    when = chinese_date(facts.event_date) if facts.event_date else "事发日期未知"
    return f"法律备忘录：电子商务平台对消费者损害的责任（{category}，{when}）"


def trace_lines(verdict: Any) -> list[str]:
    """One line per rule evaluated: rule, title, outcome and what decided it."""
    lines = []
    for entry in verdict.trace:
        outcome = OUTCOME_LABELS.get(entry.outcome, entry.outcome)
        detail = f"（{entry.detail}）" if entry.detail else ""
        lines.append(f"{entry.rule} {entry.title}：{outcome}{detail}")
    return lines


@dataclass
class DraftContext:
    """The inputs of one memo, shared by the template drafter and the LLM prompts."""

    facts: Any
    verdict: Any
    passages: list[KeyedPassage]
    corpus: Any
    title: str = ""
    passages_note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.title:
            self.title = memo_title(self.facts)

    @property
    def event_date(self) -> date | None:
        """The event date of the facts (None when unknown: current law is assumed)."""
        return self.facts.event_date

    @property
    def key_table(self) -> dict[str, str]:
        """``{"S1": id, …}`` for the guard."""
        return key_table(self.passages)

    @property
    def allowed_ids(self) -> list[str]:
        """The verdict's citations, then every passage id: the only authorities the memo may cite."""
        out = list(dict.fromkeys(self.verdict.citations))
        out += [p.id for p in self.passages if p.id not in out]
        return out

    @property
    def template_ids(self) -> list[str]:
        """The deterministic part of the allowed set (no retrieved or given passages): what the template drafter
        cites, and what ``lexmemo verify`` without a receipt allows, so both agree."""
        return [p.id for p in self.passages if p.source not in ("retrieval", "given")]

    @property
    def guard_allowed(self) -> set[str]:
        """The allowed ids plus the 案号 of every allowed case (the guard reads cases by their 案号)."""
        from assistant.guard.citations import normalise_case_number

        allowed = set(self.allowed_ids)
        for pid in self.allowed_ids:
            record = self.corpus.get(pid)
            for number in getattr(record, "case_numbers", None) or []:
                allowed.update({number, normalise_case_number(number)})
        return allowed

    def conclusion_lines(self) -> list[str]:
        """The three labelled lines of 简要结论 with the canonical labels (guard checks them)."""
        v = self.verdict
        values = {"liability_form": form_label(v.liability_form), "imputation": imputation_label(v.imputation),
                  "burden_of_proof": burden_label(v.burden_of_proof)}
        return [f"{CONCLUSION_LABELS[name]}：{values[name]}" for name in CONCLUSION_LABELS]

    def verdict_view(self) -> dict[str, Any]:
        """The verdict as prompt variables (labels beside the raw values)."""
        v = self.verdict
        cite_keys = {p.id: p.key for p in self.passages}
        return {
            "form": v.liability_form, "form_label": form_label(v.liability_form),
            "imputation": v.imputation, "imputation_label": imputation_label(v.imputation),
            "burden": v.burden_of_proof, "burden_label": burden_label(v.burden_of_proof),
            "burden_basis": v.burden_basis, "burden_basis_label": basis_label(v.burden_basis),
            "recourse": v.recourse, "expanded_damage": v.expanded_damage,
            "regimes": list(v.regimes),
            "citations": [{"id": c, "key": cite_keys.get(c, "")} for c in v.citations],
            "doctrine": PROFILE_LABELS.get(v.doctrine.profile, v.doctrine.profile),
            "alternatives": [
                {"profile": PROFILE_LABELS.get(name, name), "form": form, "form_label": form_label(form)}
                for name, form in v.doctrine.alternatives.items()
            ],
            "notes": list(v.notes),
            "missing_facts": [{"fact": m.fact, "label": field_label(m.fact), "question": m.question}
                              for m in v.missing_facts],
            "trace": trace_lines(v),
            # issue 12: the form on the present record and what proof would change it (spec rule 12)
            "on_record": getattr(v, "on_record", None),
            "on_record_label": form_label(v.on_record) if getattr(v, "on_record", None) else "",
            # issue 13: the section-7 figures, limitation status and defendants the memo must state as they are
            "section7": self.section7_lines(),
            "scenarios": [{"route": sc["route"], "form": sc["form"], "form_label": form_label(sc["form"]),
                           "requires": sc["requires"], "condition": requires_words(sc),
                           "changes_outcome": changes_outcome(v, sc)}
                          for sc in (s.model_dump() if hasattr(s, "model_dump") else dict(s) for s in scenarios(v))],
        }

    def section7_lines(self) -> list[str]:
        """The 简要结论 lines on remedies, limitation and parties (spec section 7), without citations."""
        from assistant.drafting import limitation_zh, remedies_zh

        return remedies_zh.summary_lines(self) + limitation_zh.summary_lines(self)

    def prompt_variables(self) -> dict[str, Any]:
        """The variables of ``memo.v1.system`` and ``memo.v1.user`` (see prompts/README.md)."""
        event = chinese_date(self.event_date) if self.event_date else "事发日期未知（按现行法分析）"
        return {
            "prompt_version": PROMPT_VERSION,
            "title": self.title,
            "event_date": event,
            "facts": known_facts(self.facts),
            "narrative": quoted(self.facts.narrative)[0] if self.facts.narrative else self.facts.narrative,  # issue 14
            "verdict": self.verdict_view(),
            "passages": [p.prompt_view() for p in self.passages],
            "headings": list(HEADINGS),
            "conclusion_lines": self.conclusion_lines(),
        }

    def repair_variables(self, previous_memo: str, findings: list[str]) -> dict[str, Any]:
        """The variables of ``memo.v1.repair``: the first draft, the guard's findings, the keys, the lines."""
        return {
            "previous_memo": previous_memo, "findings": list(findings),
            "keys": [f"[{p.key}]" for p in self.passages],
            "headings": list(HEADINGS), "conclusion_lines": self.conclusion_lines(),
        }
