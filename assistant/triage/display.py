"""The triage table as a paralegal reads it: Chinese column names and values (no ``joint_and_several``, no ``None``).

    columns, rows = zh_table(records)          # for a screen table; the csv/xlsx/jsonl downloads keep field names
    review, ranked, failed = split_records(records)

Unknown stays visibly unknown (「未知」), never an empty cell that could read as "no".
"""

from __future__ import annotations

from typing import Any

from assistant.drafting.facts_zh import FIELD_LABELS, VALUE_LABELS
from assistant.triage.batch import FORM_ZH
from assistant.triage.coerce import EXTRACTED_FIELDS
from assistant.triage.columns import SCREEN as ADVICE_SCREEN, zh_extra

UNKNOWN = "未知"
#: Screen columns, in order: what to do first, why, the verdict, then the facts read from the text.
SCREEN_COLUMNS: tuple[tuple[str, str], ...] = (
    ("priority", "优先级"), ("priority_label", "分诊结论"), ("review_reasons", "待复核原因"), ("id", "编号"),
    ("row", "原表行号"), ("error", "错误"), ("liability_form", "责任形态"), ("limitation_status", "诉讼时效（对平台）"),
    *ADVICE_SCREEN, ("missing_questions", "待补问题"),
    *((f, FIELD_LABELS.get(f, f)) for f in EXTRACTED_FIELDS), ("event_date_precision", "日期精度"),
    ("evidence", "原文依据"), ("narrative", "当事人陈述"),
)
_SHORT = {"knew_or_should_have_known": "平台知道或应当知道", "necessary_measures_taken": "知道后采取必要措施",
          "qualification_review_done": "平台审核资质", "safety_duty_done": "平台尽安全保障义务",
          "merchant_identity_provided": "平台能提供经营者信息", "advance_compensation_promised": "先行赔付承诺",
          "merchant_fault": "经营者主观状态", "platform_contribution": "平台原因力", "consumer_prima_facie_evidence": "消费者已初步举证",
          "platform_proved_compliance": "平台已证明合规", "force_majeure": "不可抗力", "complaint_delay_expanded_damage": "投诉处理迟延致损害扩大",
          "live_streaming": "直播销售", "life_health": "关系生命健康", "causation": "因果关系", "category": "商品或服务类别"}
LIMITATION_ZH = {"running": "时效期间内", "expiring_soon": "即将届满", "expired": "已届满",
                 "expired_unless_interrupted": "已届满（除非有中断事由）", "defence_waived": "已届满（义务人放弃抗辩）",
                 "barred_20_years": "超过二十年最长期间", "interrupted_pending": "已中断（程序进行中）", "suspended": "中止"}
_PRECISION = {"day": "日", "month": "月（按当月1日计，待核实）", "vague": "不明（待补）"}


def zh_value(column: str, value: Any) -> str:
    """One value in Chinese: enums by their labels, booleans 是/否, unknown 「未知」, lists joined."""
    if value is None or value == "":
        return "" if column in ("error", "review_reasons", "missing_questions", "evidence", "priority") else UNKNOWN
    if column == "liability_form":
        return FORM_ZH.get(value, str(value))
    if column == "limitation_status":
        return LIMITATION_ZH.get(value, str(value))
    if column == "event_date_precision":
        return _PRECISION.get(value, str(value))
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "；".join(str(v) for v in value)
    labels = VALUE_LABELS.get(column)
    if labels and value in labels:
        return labels[value]
    return str(value)


def zh_table(records: list[dict[str, Any]]) -> tuple[tuple[str, ...], list[list[Any]]]:
    """Chinese column names and cells for ``records`` (priority stays a number so the table sorts)."""
    names = tuple(_SHORT.get(c, label) for c, label in SCREEN_COLUMNS)
    advice = {c for c, _ in ADVICE_SCREEN}  # issues 12/13 columns (triage/columns.py): their Chinese reads the record
    rows = [[r.get("priority") if c == "priority" else (r.get("row") if c == "row" else (
        zh_extra(c, r.get(c), r) if c in advice else zh_value(c, r.get(c)))) for c, _ in SCREEN_COLUMNS] for r in records]
    return names, rows


def split_records(records: list[dict[str, Any]]) -> tuple[list[dict], list[dict], list[dict]]:
    """(under review, ranked, failed): rows under review are listed apart and never ranked (issue 14)."""
    failed = [r for r in records if r.get("error")]
    review = [r for r in records if not r.get("error") and r.get("needs_review")]
    ranked = [r for r in records if not r.get("error") and not r.get("needs_review")]
    return review, ranked, failed
