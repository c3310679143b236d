"""A readable Chinese summary of a Verdict, with the trace (✓ ✗ ? per element) and citations in Chinese."""

from __future__ import annotations

import re
from typing import Any, Callable, Optional

from assistant.core.models import Verdict

FORM_ZH = {
    "joint_and_several": "连带责任", "supplementary": "补充责任", "proportional": "按份责任",
    "proportional_joint": "比例连带责任", "seller_liability": "承担销售者/服务者责任",
    "advance_compensation": "先行赔付、可追偿", "none": "不承担责任", "undetermined": "事实不足，无法确定",
}
NATURE_ZH = {"tort": "侵权责任", "contract_seller": "销售者/服务者责任（自营）"}
IMPUTATION_ZH = {"fault": "过错责任", "presumed_fault": "过错推定", "not_applicable": "不适用"}
BURDEN_ZH = {"consumer": "消费者（谁主张谁举证）", "platform": "平台（举证责任倒置）", "not_applicable": "不适用"}
BASIS_ZH = {"lex_lata": "现行法", "proposal": "学说建议（QIN-5.4），非现行法"}
OUTCOME_ZH = {"met": "成立", "failed": "不成立", "blocked": "事实不明", "barred": "被阻却", "rebutted": "已推翻",
              "not_applicable": "不适用"}
_CODE = re.compile(r"^(.*?)-\d")
STATUS_MARK = {"satisfied": "✓", "failed": "✗", "unknown": "?"}
PROFILE_ZH = {"qin2025": "覃玉娟2025（默认）", "intent_split": "按商家故意/过失区分说", "supplementary_only": "补充责任说",
              "joint": "共同侵权连带责任说", "proportional_joint": "比例连带责任说"}


def _default_citer() -> Optional[Callable[..., str]]:
    """The corpus's ``cite`` when the corpus loads; None (ids shown as-is) otherwise."""
    try:
        from assistant.corpus import load_corpus

        return load_corpus().cite
    except Exception:  # the summary must still render without a corpus
        return None


class _Citer:
    """Renders ids in Chinese citation style: the full title on first use of each instrument, short after."""

    def __init__(self, cite: Optional[Callable[..., str]]):
        self.cite, self.seen = cite, set()

    def __call__(self, pid: str) -> str:
        if self.cite is None:
            return pid
        match = _CODE.match(pid)
        code = match.group(1) if match else pid
        first = code not in self.seen
        self.seen.add(code)
        try:
            return self.cite(pid, first=first)
        except Exception:
            return pid


def _value(value: Any) -> str:
    return "未知" if value is None else ("是" if value is True else "否" if value is False else str(value))


def verdict_summary_zh(verdict: Verdict, cite: Optional[Callable[..., str]] = None) -> str:
    """A readable Chinese summary of ``verdict`` with its trace; citations via the corpus when available."""
    citer = _Citer(cite if cite is not None else _default_citer())
    v = verdict
    lines = [f"责任形态：{FORM_ZH[v.liability_form]}（{v.liability_form}）"]
    if v.regimes:
        lines.append("成立的请求权基础：" + "；".join(citer(r) for r in v.regimes))
    lines.append(f"责任性质：{NATURE_ZH[v.liability_nature]}；归责原则：{IMPUTATION_ZH[v.imputation]}")
    basis = f"（依据：{BASIS_ZH[v.burden_basis]}）" if v.burden_of_proof != "not_applicable" else ""
    lines.append(f"举证责任：{BURDEN_ZH[v.burden_of_proof]}{basis}")
    lines.append("追偿：" + ("平台承担责任后可以追偿" if v.recourse else "无追偿权"))
    if v.expanded_damage:
        lines.append("扩大损失：平台对损害扩大部分承担责任（QIN-5.2.3）")
    alternatives = "；".join(f"{PROFILE_ZH.get(p, p)} → {FORM_ZH[f]}" for p, f in v.doctrine.alternatives.items())
    lines.append(f"学说：{PROFILE_ZH.get(v.doctrine.profile, v.doctrine.profile)}；其他学说：{alternatives}")
    as_of = v.as_of.date or "日期未知（按现行法）"
    lines.append(f"适用法律时点：{as_of}")
    lines += [f"  · {n}" for n in v.as_of.version_notes]
    if v.citations:
        lines.append("依据：")
        lines += [f"  - {citer(c)}" for c in v.citations]
    if v.notes:
        lines.append("说明：")
        lines += [f"  - {n}" for n in v.notes]
    if v.missing_facts:
        lines.append("待补事实（请向当事人询问）：")
        lines += [f"  {i}. {m.question}（{m.fact}）" for i, m in enumerate(v.missing_facts, 1)]
    lines.append("推理过程：")
    for entry in v.trace:
        lines.append(f"  [{OUTCOME_ZH[entry.outcome]}] {entry.title}（{entry.rule}）")
        for element in entry.elements:
            lines.append(f"      {STATUS_MARK[element.status]} {element.name} = {_value(element.value)}")
        tail = f"；依据：{'、'.join(citer(c) for c in entry.citations)}" if entry.citations else ""
        if entry.detail or tail:
            lines.append(f"      → {entry.detail}{tail}")
    return "\n".join(lines)
