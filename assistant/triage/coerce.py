"""Explicit fact columns: turn spreadsheet cells into ClaimFacts values (an explicit column wins over extraction).

Cells: empty = not given (extraction decides); ``unknown``/``未知``/``null`` = explicitly unknown (overrides
extraction); booleans as true/false, 是/否, yes/no, 1/0, TRUE/FALSE (Excel); dates as YYYY-MM-DD (also 2023/5/3,
2023.5.3, 2023年5月3日); enum fields as the spec's values or their Chinese labels. Anything else is an error
that names the column and the accepted values.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any, Optional, get_args

from assistant.core import ClaimFacts
from assistant.core.models import Category, Harm, MerchantFault, PlatformContribution, PlatformRole
from assistant.triage.extract.dates import parse_date_cell

FACT_COLUMNS: tuple[str, ...] = tuple(f for f in ClaimFacts.model_fields if f != "narrative")
#: The facts the extractor reads from a narrative (the liability facts of spec §2); other ClaimFacts fields
#: (decision_date, remedies' amounts and limitation events) come only from explicit columns.
EXTRACTED_FIELDS: tuple[str, ...] = tuple(f for f in (
    "event_date", "platform_role", "category", "life_health", "harm", "causation", "knew_or_should_have_known",
    "necessary_measures_taken", "qualification_review_done", "safety_duty_done", "merchant_identity_provided",
    "advance_compensation_promised", "merchant_fault", "platform_contribution", "consumer_prima_facie_evidence",
    "platform_proved_compliance", "force_majeure", "complaint_delay_expanded_damage", "live_streaming") if f in FACT_COLUMNS)
UNKNOWN_WORDS = frozenset({"unknown", "未知", "不详", "不清楚", "null", "none", "n/a", "na", "?", "？"})
_TRUE = frozenset({"true", "t", "yes", "y", "1", "是", "有", "对", "真"})
_FALSE = frozenset({"false", "f", "no", "n", "0", "否", "无", "没有", "假"})

ENUMS: dict[str, tuple[str, ...]] = {
    "platform_role": get_args(PlatformRole),
    "category": get_args(Category),
    "harm": get_args(Harm),
    "merchant_fault": get_args(MerchantFault),
    "platform_contribution": get_args(PlatformContribution),
}
ZH_ALIASES: dict[str, dict[str, str]] = {
    "platform_role": {"平台内经营者": "marketplace", "第三方": "marketplace", "自营": "self_operated",
                      "误导自营": "misleading_self_operated"},
    "category": {"食品": "food", "餐饮": "catering", "外卖": "catering", "药品": "drug", "医疗器械": "medical_device",
                 "化妆品": "cosmetics", "交通": "transport", "出行": "transport", "住宿": "lodging",
                 "其他商品": "other_goods", "其他服务": "other_service"},
    "harm": {"人身损害": "personal_injury", "人身伤害": "personal_injury", "财产损失": "property_loss", "无损害": "none"},
    "merchant_fault": {"故意": "intentional", "过失": "negligent"},
    "platform_contribution": {"主要": "major", "次要": "minor"},
}
DATE_FIELDS = frozenset({"event_date", "decision_date"})  # decision_date: a column only, never read from the text
BOOL_FIELDS = frozenset(f for f in FACT_COLUMNS if ClaimFacts.model_fields[f].annotation == Optional[bool]
                        and f not in ENUMS and f not in DATE_FIELDS)

#: Facts that are lists of records (spec 7.1: interruptions and obstacles): a cell holds them as a JSON array.
LIST_FIELDS = frozenset(f for f in ("limitation_events", "limitation_obstacles") if f in FACT_COLUMNS)

_UNSET = object()


def coerce_cell(field: str, value: Any) -> Any:
    """One cell → a ClaimFacts value; ``_UNSET`` when empty (not given); raise ValueError naming accepted values."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return _UNSET
    if isinstance(value, str):
        raw = value.strip()
        if raw.lower() in UNKNOWN_WORDS:
            return None
    else:
        raw = value
    if field in DATE_FIELDS:
        if isinstance(raw, datetime):
            return raw.date()
        if isinstance(raw, date):
            return raw
        try:
            return parse_date_cell(str(raw))
        except ValueError as exc:
            raise ValueError(f"{field}: {exc}") from None
    if field in BOOL_FIELDS:
        if isinstance(raw, bool):
            return raw
        key = str(raw).strip().lower()
        if key in _TRUE:
            return True
        if key in _FALSE:
            return False
        raise ValueError(f"{field}: {value!r} is not a yes/no value (true/false, 是/否, 1/0; empty or 'unknown' = unknown)")
    if field in LIST_FIELDS and isinstance(raw, str):
        # A CSV or XLSX cell can only carry the events as text: a JSON array ([] = known: none).
        try:
            raw = json.loads(raw)
        except ValueError:
            raise ValueError(f"{field}: {value!r} is not a JSON array of records "
                             f'(e.g. [{{"date": "2024-03-01", "kind": "demand", "against": ["platform"]}}]; '
                             "[] = none; empty or 'unknown' = unknown)") from None
        if not isinstance(raw, list):
            raise ValueError(f"{field}: must be a JSON array of records; got {type(raw).__name__}")
    if field not in ENUMS:  # amounts, severities, events: ClaimFacts validates them and names the problem
        return raw
    accepted = ENUMS[field]
    key = str(raw).strip()
    if key.lower() in accepted:
        return key.lower()
    if key in ZH_ALIASES[field]:
        return ZH_ALIASES[field][key]
    raise ValueError(f"{field}: unknown value {value!r}; accepted: {', '.join(accepted)} (or empty / 'unknown')")


def explicit_facts(cells: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Coerce every given fact column; return the explicit values and one error line per bad cell."""
    values: dict[str, Any] = {}
    errors: list[str] = []
    for field in FACT_COLUMNS:
        if field not in cells:
            continue
        try:
            v = coerce_cell(field, cells[field])
        except ValueError as exc:
            errors.append(str(exc))
            continue
        if v is not _UNSET:
            values[field] = v
    return values, errors
