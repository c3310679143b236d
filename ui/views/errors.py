"""Error banners a lawyer reads (issue 16): invalid facts and engine failures in Chinese, naming the fact by its
Chinese label and saying what is wrong; the raw error (pydantic's English text, the exception) stays one click away in
a collapsed 技术细节 expander, so nothing is hidden from whoever must fix it.

The field and value labels come from the one translation table (``i18n``); only the parts of a 诉讼时效 record
(date, kind, against …), which are no facts of their own, are named here.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

import services
from i18n import field_label, label, lang, t

# the parts of one limitation record (spec 7.1: CC-195 interruptions, CC-194-1 obstacles), not facts of their own
_PART_LABELS = {"date": "日期", "kind": "事由类型", "against": "针对的义务人", "end_date": "程序终结日期",
                "from": "开始日期", "start": "开始日期", "to": "结束日期", "ground": "障碍事由"}


def _where(loc: tuple) -> tuple[str, str | None]:
    """The Chinese name of an error's location and the fact it belongs to (``limitation_events.0.end_date`` →
    诉讼时效中断事由（民法典第195条）第1项的程序终结日期)."""
    if not loc:
        return "事实之间", None
    field = str(loc[0])
    name = field_label(field)
    for part in loc[1:]:
        if isinstance(part, int):
            name += f"第{part + 1}项"
        else:
            name += f"的{_PART_LABELS.get(str(part), field_label(str(part)))}"
    return name, field


def _choices(field: str | None, accepted: str) -> str:
    """The accepted engine values of a choice, by their labels."""
    return "、".join(label(field or "", v.strip()) for v in accepted.split(",") if v.strip())


def _what(err: dict, field: str | None) -> str:
    """What is wrong, in Chinese, from the error's type and context (the engine's message stays in the details)."""
    kind, ctx = err.get("type", ""), err.get("ctx") or {}
    got = str(ctx.get("got", "")).strip("'\"")
    if kind == "extra_forbidden":
        return "不是本工具可识别的事实项"
    if kind == "missing":
        return "缺少该项"
    if kind in ("tri_bool", "bool_type", "bool_parsing"):
        return "只能为“是”“否”或“未知”"
    if kind == "choice":
        return f"“{got}”不是可选值；可选：{_choices(field, str(ctx.get('accepted', '')))}（或未知）"
    if kind in ("date_format", "date_type", "date_parsing", "date_from_datetime_parsing"):
        return "应为日期，格式如 2023-05-01（或未知）"
    if kind == "future_date":
        return f"不得晚于今天（{ctx.get('today')}），现为 {got}"
    if kind == "money":
        return "应为以元计的金额，如 368 或 368.00（或未知）"
    if kind == "money_negative":
        return f"金额不得为负数，现为 {got}"
    if kind == "event":
        if "end" in ctx:
            return f"程序终结日期 {ctx['end']} 早于事由日期 {ctx.get('start')}"
        if "kind" in ctx:
            return "只有起诉、申请仲裁或与之具有同等效力的事由才有程序终结日期"
        return "同一义务人只能列一次"
    if kind == "obstacle":
        return f"结束日期 {ctx.get('to')} 早于开始日期 {ctx.get('start')}"
    if kind == "facts" and "late" in ctx:
        return (f"{field_label(str(ctx['late']))}（{ctx.get('ld')}）不得早于"
                f"{field_label(str(ctx['early']))}（{ctx.get('ed')}）")
    if kind == "facts" and "h" in ctx:
        harm = label("harm", ctx["h"]) if ctx["h"] in ("personal_injury", "property_loss", "none") else "未知"
        return f"{field_label('injury_severity')}仅在消费者损害为“{label('harm', 'personal_injury')}”时填写，现为“{harm}”"
    if kind.startswith(("greater_than", "less_than")):
        return "超出允许的范围"
    if kind.endswith(("_type", "_parsing")):
        return "类型不正确"
    return "取值无效"


def facts_error_lines(exc: Exception) -> list[str]:
    """One Chinese line per bad fact: its label and what is wrong (English mode: the engine's own lines)."""
    errors = getattr(exc, "errors", None)
    if lang() == "en" or not callable(errors):
        return services.facts_errors(exc)
    lines = []
    for err in errors():
        where, field = _where(tuple(err.get("loc") or ()))
        names_its_facts = not err.get("loc") and {"late", "h"} & set(err.get("ctx") or {})
        lines.append(_what(err, field) if names_its_facts else f"{where}：{_what(err, field)}")
    return lines or ["事实无法读取"]


def _details(raw: str) -> None:
    """The raw error text, collapsed (nothing hidden: whoever fixes it reads the engine's own words)."""
    with st.expander(t("error_details"), expanded=False):
        st.code(raw, language=None)


def facts_invalid(exc: Exception) -> None:
    """The 事实有误，未保存 banner with one line per bad fact, the raw validation text under 技术细节."""
    st.error(t("facts_invalid", errors="；".join(facts_error_lines(exc))))
    _details("\n".join(services.facts_errors(exc)) + f"\n\n{type(exc).__name__}: {exc}")


def engine_failed(exc: Exception) -> None:
    """The 分析失败 banner: what happened and what to do, in Chinese; the exception under 技术细节."""
    invalid = callable(getattr(exc, "errors", None))  # a ValidationError raised inside the engine: name the facts
    st.error(t("engine_error", error="；".join(facts_error_lines(exc)) if invalid else t("engine_error_hint")))
    _details(f"{type(exc).__name__}: {exc}")
