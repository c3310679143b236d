"""Triage columns of issues 12 and 13, from a Verdict: on_record, the key facts to prove, limitation, punitive amount.

    rec.update(verdict_columns(verdict))      # machine values (codes, decimal strings) for csv/xlsx/jsonl
    zh_extra(column, value)                   # the same in Chinese for the screen table

The limitation summary reduces the per-defendant claims of ``Verdict.limitation`` (spec 7.5) to one status for the
row: the most urgent live claim decides (one claim expiring within 90 days makes the row 「即将届满」); 「已届满」
only when no claim still runs; statuses that are neither (pending proceedings, suspension, prior law, unknown start)
keep their own label and are never counted as running. The workspace badge uses the same summary.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from assistant.core.models import FORM_PRECEDENCE
from assistant.drafting.facts_zh import field_label, value_label

EXPIRING, RUNNING, OTHER, EXPIRED = "expiring", "running", "other", "expired"
#: Every claim status of spec 7.5 L7: its Chinese label and the level it counts as.
STATUS_ZH: dict[str, tuple[str, str]] = {
    "running": ("未届满", RUNNING),
    "expiring_soon": ("即将届满（90日内）", EXPIRING),
    "expired": ("已届满", EXPIRED),
    "expired_unless_interrupted": ("已届满（除非曾中断）", EXPIRED),
    "barred_20_years": ("超过二十年最长保护期", EXPIRED),
    "defence_waived": ("已届满，但义务人已同意履行（不得以时效抗辩）", OTHER),
    "interrupted_pending": ("已中断，程序尚未终结", OTHER),
    "suspended": ("时效中止", OTHER),
    "check_prior_law": ("起算早于2017年10月1日，需核对旧法", OTHER),
    "undetermined": ("无法确定（缺少日期）", OTHER),
}
PARTY_ZH = {"merchant": "平台内经营者", "platform": "平台", "producer": "生产者", "live_room_operator": "直播间运营者"}
BASIS_ZH = {"FSL-148-2": "食品安全法第一百四十八条第二款", "DAL-144-3": "药品管理法第一百四十四条第三款",
            "CPL-55-1": "消费者权益保护法第五十五条第一款", "CPL-55-2": "消费者权益保护法第五十五条第二款"}
#: ``limitation_status`` (the platform's claim) is batch.py's own column; these add its days, expiry and urgency.
COLUMNS: tuple[str, ...] = ("on_record", "key_facts", "limitation_days_left", "limitation_expiry",
                            "limitation_urgency", "punitive_amount", "punitive_basis", "punitive_kind")
#: Screen names (Chinese) of the columns a paralegal reads.
SCREEN: tuple[tuple[str, str], ...] = (
    ("on_record", "现有事实下结论"), ("key_facts", "关键待证事实"),
    ("limitation_days_left", "时效剩余天数（对平台）"), ("punitive_amount", "建议惩罚性赔偿"),
)
_NO_DAYS = 10**9


def status_zh(status: str | None) -> str:
    """A spec 7.5 claim status in Chinese (unknown codes shown as they are, never hidden)."""
    return STATUS_ZH.get(status or "undetermined", (str(status), OTHER))[0]


def level_of(status: str | None) -> str:
    """The urgency level a claim status counts as: expiring, running, expired or other."""
    return STATUS_ZH.get(status or "undetermined", ("", OTHER))[1]


def _days(claim: dict[str, Any]) -> int:
    d = claim.get("days_left")
    return d if isinstance(d, int) else _NO_DAYS


def deciding_claim(limitation: dict[str, Any] | None) -> tuple[str, dict[str, Any] | None]:
    """(level, the claim that decides the row's limitation status), or (other, None) when there is no claim."""
    claims = list((limitation or {}).get("claims") or [])
    for level in (EXPIRING, RUNNING):  # the most urgent live claim decides
        live = [c for c in claims if level_of(c.get("status")) == level]
        if live:
            return level, min(live, key=_days)
    other = [c for c in claims if level_of(c.get("status")) == OTHER]
    if other or not claims:
        return OTHER, other[0] if other else None
    return EXPIRED, max(claims, key=lambda c: -_NO_DAYS if _days(c) == _NO_DAYS else _days(c))


def platform_claim(limitation: dict[str, Any] | None) -> tuple[str, dict[str, Any] | None]:
    """(level, claim) of the claim against the platform (what platform-liability triage is about), else the
    deciding claim of ``deciding_claim``; the same claim as batch.py's ``limitation_status`` column."""
    claims = list((limitation or {}).get("claims") or [])
    claim = next((c for c in claims if c.get("against") == "platform"), None)
    if claim is None:
        return deciding_claim(limitation)
    return level_of(claim.get("status")), claim


def key_facts(verdict: Any) -> list[str]:
    """The facts to prove, in Chinese: those of the scenarios that would change the outcome (rule 12); a fact wanted
    with different values by different scenarios is named once without a value. An undetermined verdict without
    scenarios falls back to its missing facts."""
    record = getattr(verdict, "on_record", None) or verdict.liability_form
    wanted: dict[str, set] = {}
    for s in getattr(verdict, "scenarios", None) or []:
        if s.form in FORM_PRECEDENCE and (record not in FORM_PRECEDENCE
                                           or FORM_PRECEDENCE.index(s.form) < FORM_PRECEDENCE.index(record)):
            for fact, value in s.requires.items():
                wanted.setdefault(fact, set()).add(value)
    out = [f"{field_label(f)}：{value_label(f, next(iter(v)))}" if len(v) == 1 else field_label(f)
           for f, v in wanted.items()]
    if not out and verdict.liability_form == "undetermined":
        out = [field_label(m.fact) for m in verdict.missing_facts]
    return out


_FROM_VERDICT = object()


def verdict_columns(verdict: Any, limitation: Any = _FROM_VERDICT, recommended: Any = _FROM_VERDICT) -> dict[str, Any]:
    """The new columns for one triaged row (machine values); ``limitation`` and ``recommended`` (the punitive
    recommendation) when the caller has them without a full section 7 (issue 18), else read from ``verdict``."""
    if limitation is _FROM_VERDICT:
        limitation = getattr(verdict, "limitation", None)
    if recommended is _FROM_VERDICT:
        recommended = ((getattr(verdict, "remedies", None) or {}).get("punitive") or {}).get("recommended")
    level, claim = platform_claim(limitation)
    recommended = recommended or {}
    return {
        "on_record": getattr(verdict, "on_record", None),
        "key_facts": key_facts(verdict),
        "limitation_days_left": (claim or {}).get("days_left"),
        "limitation_expiry": (claim or {}).get("expiry_date"),
        "limitation_urgency": level,
        "punitive_amount": recommended.get("amount"),
        "punitive_basis": recommended.get("basis"),
        "punitive_kind": recommended.get("amount_kind"),
    }


def yuan(amount: Any) -> str:
    """A decimal amount as ``3,750.00 元`` (exact: Decimal, never float)."""
    try:
        return f"{Decimal(str(amount)):,.2f} 元"
    except (InvalidOperation, ValueError):
        return str(amount)


def zh_extra(column: str, value: Any, record: dict[str, Any]) -> Any:
    """One of the new columns in Chinese for the screen; unknown is 「未知」 (no codes, no None)."""
    if column == "on_record":
        from assistant.triage.batch import FORM_ZH  # here: batch imports this module

        return FORM_ZH.get(value, str(value)) if value else "未知"
    if column == "key_facts":
        return "；".join(value) if value else "无"
    if column == "limitation_status":
        return status_zh(value)
    if column == "limitation_days_left":  # text, never a bare None: the table is already sorted by urgency
        if not isinstance(value, int):
            return "未知"
        expiry = f"（届满日 {record['limitation_expiry']}）" if record.get("limitation_expiry") else ""
        return (f"剩余 {value} 日" if value >= 0 else f"已过 {-value} 日") + expiry
    if column == "punitive_amount":
        if not value:
            # no recommended basis: none eligible on these facts (some may be blocked on unknown facts)
            return "暂无（无确定可主张的依据）" if record.get("on_record") is not None else "未知"
        kind = "（至少）" if record.get("punitive_kind") == "lower_bound" else ""
        basis = BASIS_ZH.get(record.get("punitive_basis") or "", record.get("punitive_basis") or "")
        return f"{yuan(value)}{kind}（{basis}）"
    return value
