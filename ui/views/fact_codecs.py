"""Widget values of the section 7.1 facts (issue 13) and back: dates, yuan amounts, enums, booleans, and the two
tables (interruption events, obstacles). Pure functions (no Streamlit), used by ``state.to_widget/from_widget``.

Amounts keep the lawyer's digits exactly: ``3750.00`` is shown ``3,750.00`` and read back as the string
``"3750.00"`` (ClaimFacts makes it a Decimal; no float ever touches it). Text that is not an amount is kept as typed,
so validation names it and nothing is lost. A table row keeps every stored key it does not edit, byte for byte.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, get_args

from assistant.core.models import EventKind, ForumClause, GoodsNonconforming, InjurySeverity, Obligor

UNKNOWN = "unknown"
DATE_FIELDS = ("decision_date", "harm_discovered_date")
MONEY_FIELDS = ("price_paid", "loss_amount")
ENUM_FIELDS: dict[str, tuple[str, ...]] = {
    "injury_severity": get_args(InjurySeverity),
    "goods_nonconforming": get_args(GoodsNonconforming),
    "forum_clause": get_args(ForumClause),
}
BOOL_FIELDS = ("label_defect_only", "seller_knowingly_sold", "fraud", "consumer_knew_at_purchase")
SCALAR_FIELDS: tuple[str, ...] = (*DATE_FIELDS, *MONEY_FIELDS, *ENUM_FIELDS, *BOOL_FIELDS)
TABLE_FIELDS = ("limitation_events", "limitation_obstacles")

KIND_ZH = {"demand": "向义务人提出履行请求", "obligor_agreed": "义务人同意履行",
           "suit_or_arbitration": "提起诉讼或申请仲裁", "equivalent": "与提起诉讼具有同等效力的其他情形（如向消协投诉）"}
PARTY_ZH = {"merchant": "平台内经营者", "platform": "平台", "producer": "生产者", "live_room_operator": "直播间运营者"}
GROUND_ZH = {1: "1 不可抗力", 2: "2 无/限制民事行为能力人无法定代理人", 3: "3 继承开始后未确定继承人或遗产管理人",
             4: "4 权利人被义务人或者其他人控制", 5: "5 其他导致不能行使请求权的障碍"}
# table columns (Chinese headers a lawyer reads) → stored key
EVENT_DATE, EVENT_KIND, EVENT_END = "日期", "中断事由", "程序终结日"
OBST_FROM, OBST_TO, OBST_GROUND = "障碍开始", "障碍消除", "事由（民法典第194条第1款）"
assert set(get_args(EventKind)) == set(KIND_ZH) and set(get_args(Obligor)) == set(PARTY_ZH)


def to_widget(field: str, value: Any) -> Any:
    """A stored section 7.1 fact as its widget value."""
    if field in DATE_FIELDS:
        return date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else value
    if field in MONEY_FIELDS:
        return money_text(value)
    if field in BOOL_FIELDS:
        return UNKNOWN if value is None else ("yes" if value else "no")
    return UNKNOWN if value is None else value


def from_widget(field: str, value: Any) -> Any:
    """A widget value as the fact value (``None`` = unknown)."""
    if field in DATE_FIELDS:
        return value.isoformat() if isinstance(value, date) else None
    if field in MONEY_FIELDS:
        return parse_money(value)
    if field in BOOL_FIELDS:
        return {"yes": True, "no": False}.get(value)
    return None if value in (None, UNKNOWN) else value


def money_text(value: Any) -> str:
    """A stored amount as typed-looking text with thousands separators (``3750.00`` → ``3,750.00``); "" if unknown."""
    if value is None:
        return ""
    try:
        d = Decimal(str(value))
    except InvalidOperation:
        return str(value)  # a value validation refused: shown as it is, never dropped
    return f"{d:,f}" if d.is_finite() else str(value)


def parse_money(text: Any) -> str | None:
    """Typed yuan text as the stored amount string: separators, ¥ and 元 removed, digits kept exactly."""
    if not isinstance(text, str):
        return None if text is None else str(text)
    cleaned = text.strip().replace(",", "").replace("，", "").replace("¥", "").replace("￥", "").replace("元", "")
    cleaned = cleaned.strip()
    if not cleaned:
        return None
    try:
        Decimal(cleaned)
    except InvalidOperation:
        return text.strip()  # not an amount: kept as typed so the error names it
    return cleaned


def yuan(value: Any) -> str:
    """An amount in yuan with two decimals, for display: ``¥3,750.00``."""
    try:
        return f"¥{Decimal(str(value)):,.2f}"
    except (InvalidOperation, ValueError):
        return str(value)


def _iso(value: Any) -> str | None:
    """A table cell as an ISO date string (the editor gives dates, datetimes or ISO text)."""
    if value is None or value == "" or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    return text[:10] if len(text) >= 10 and text[4] == "-" else text


def _as_date(value: Any) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else value
    except ValueError:
        return None


def event_row(event: dict[str, Any]) -> dict[str, Any]:
    """A stored interruption event as a table row (Chinese headers)."""
    against = event.get("against") or []
    row = {EVENT_DATE: _as_date(event.get("date")), EVENT_KIND: KIND_ZH.get(event.get("kind"), event.get("kind"))}
    row.update({PARTY_ZH[p]: p in against for p in PARTY_ZH})
    row[EVENT_END] = _as_date(event.get("end_date"))
    return row


def obstacle_row(obstacle: dict[str, Any]) -> dict[str, Any]:
    """A stored CC-194 obstacle as a table row."""
    return {OBST_FROM: _as_date(obstacle.get("from")), OBST_TO: _as_date(obstacle.get("to")),
            OBST_GROUND: GROUND_ZH.get(obstacle.get("ground"), obstacle.get("ground"))}


def _set(item: dict[str, Any], key: str, value: Any, optional: bool) -> None:
    if value is None and optional:
        item.pop(key, None)
    else:
        item[key] = value


def apply_event_edit(event: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """One event with the editor's cell changes applied; keys not edited stay exactly as stored."""
    out = dict(event)
    zh_kind = {v: k for k, v in KIND_ZH.items()}
    for col, value in changes.items():
        if col == EVENT_DATE:
            _set(out, "date", _iso(value), optional=False)
        elif col == EVENT_KIND:
            _set(out, "kind", zh_kind.get(value, value), optional=False)
        elif col == EVENT_END:
            _set(out, "end_date", _iso(value), optional=True)
        elif col in PARTY_ZH.values():
            party = next(p for p, zh in PARTY_ZH.items() if zh == col)
            against = [p for p in (out.get("against") or []) if p != party]
            if value:
                against.append(party)
            out["against"] = [p for p in PARTY_ZH if p in against]  # the spec's party order
    return out


def apply_obstacle_edit(obstacle: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """One obstacle with the editor's cell changes applied; keys not edited stay exactly as stored."""
    out = dict(obstacle)
    zh_ground = {v: k for k, v in GROUND_ZH.items()}
    for col, value in changes.items():
        if col == OBST_FROM:
            _set(out, "from", _iso(value), optional=False)
        elif col == OBST_TO:
            _set(out, "to", _iso(value), optional=True)
        elif col == OBST_GROUND:
            _set(out, "ground", zh_ground.get(value, value), optional=False)
    return out


def apply_edits(field: str, items: list[dict[str, Any]], delta: dict[str, Any]) -> list[dict[str, Any]]:
    """The stored list after a ``st.data_editor`` change (its ``edited_rows`` / ``added_rows`` / ``deleted_rows``)."""
    apply = apply_event_edit if field == "limitation_events" else apply_obstacle_edit
    out = [dict(i) for i in items]
    for idx, changes in (delta.get("edited_rows") or {}).items():
        i = int(idx)
        if 0 <= i < len(out):
            out[i] = apply(out[i], changes)
    deleted = {int(i) for i in delta.get("deleted_rows") or []}
    out = [item for i, item in enumerate(out) if i not in deleted]
    for added in delta.get("added_rows") or []:
        base = {"date": None, "kind": None, "against": []} if field == "limitation_events" else \
            {"from": None, "ground": None}
        out.append(apply(base, added))
    return out
