"""All saved matters with their 诉讼时效 badge (issue 13), sortable by it: which file must be filed first.

Each matter's badge comes from classifying its latest saved facts (``scenarios=False``: the list needs only the
limitation part), cached per matter revision for the session, so the list costs one classify per changed matter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st

from assistant.store import MatterStore
from i18n import label
from views.limitation_badge import EXPIRED, EXPIRING, LEVEL_ZH, OTHER, RUNNING, Badge, badge

SORT_KEY = "matters_sort"
SORTS = {"limitation": "按诉讼时效（最紧迫在前）", "updated": "按最近修改"}
_CACHE = "matters_badges"


@dataclass(frozen=True)
class Summary:
    """What the lists show of one matter: its limitation badge, its liability form (code) and whether it rests on
    ECL-38-2 (the 相应的责任 of 《电子商务法》第三十八条第二款)."""

    badge: Badge
    form: str | None = None
    corresponding: bool = False


def matter_summary(store: MatterStore, matter: Any) -> Summary:
    """Badge and form of one saved matter from its latest facts and doctrine (cached per revision for the session)."""
    cache = st.session_state.setdefault(_CACHE, {})
    key = (matter.id, matter.revision, matter.doctrine)
    if key in cache:
        return cache[key]
    try:
        from assistant.core import ClaimFacts, classify

        version = store.latest_facts(matter.id)
        verdict = classify(ClaimFacts(**(version.facts if version else {})), doctrine=matter.doctrine, scenarios=False)
        result = Summary(badge(verdict.limitation), verdict.liability_form,
                         "ECL-38-2" in (verdict.citations or []))
    except Exception as exc:  # invalid stored facts or no engine: the matter is listed, its badge says why
        result = Summary(Badge(OTHER, f"诉讼时效：无法计算（{type(exc).__name__}）"))
    cache[key] = result
    return result


def matter_badge(store: MatterStore, matter: Any) -> Badge:
    """The badge of one saved matter (its latest facts and doctrine); 待定 with the reason when it cannot be computed."""
    return matter_summary(store, matter).badge


def short_label(store: MatterStore, matter: Any) -> str:
    """The matter's badge in a few characters for the sidebar list: 时效未届满 / 时效即将届满 / 时效已届满 / 时效待定."""
    return "时效" + LEVEL_ZH[matter_badge(store, matter).level].replace("（90日内）", "")


def rows(store: MatterStore, order: str = "limitation") -> list[dict[str, Any]]:
    """One row per saved matter (name, badge, days left, expiry, last change), in the chosen order."""
    out = []
    for m in store.list_matters():  # already most recently changed first
        b = matter_badge(store, m)
        out.append({"id": m.id, "事项": m.name, "诉讼时效": LEVEL_ZH[b.level], "说明": b.text,
                    "剩余天数": b.days_left, "届满日": b.expiry or "", "最近修改": m.updated[:19].replace("T", " "),
                    "_key": b.sort_key()})
    if order == "limitation":
        out.sort(key=lambda r: r["_key"])  # stable: equal urgency keeps the most recent first
    return out


def render(store: MatterStore) -> None:
    """Draw the matters list in an expander, with its sort choice."""
    with st.expander("全部事项 · 诉讼时效", expanded=False):
        order = st.radio("排序", list(SORTS), key=SORT_KEY, format_func=SORTS.get, horizontal=True)
        table = rows(store, order)
        if not table:
            st.caption("尚无事项。")
            return
        frame = pd.DataFrame([{k: v for k, v in r.items() if not k.startswith("_") and k != "id"} for r in table])
        # placeholder: no days left known (待定) reads 「—」, not the grid's default "None" (issue 16)
        st.dataframe(frame, key="matters_table", hide_index=True, width="stretch", placeholder="—")


# Search words for each limitation level (the lawyer types 已过 / 将届满 / 未过 / 未知, or the badge's own words).
STATUS_WORDS = {EXPIRED: "已过 已届满 过期", EXPIRING: "将届满 即将届满 90日内", RUNNING: "未过 未届满",
                OTHER: "未知 待定"}
_DATE = re.compile(r"(\d{4})(?:[-/.年](\d{1,2})(?:[-/.月](\d{1,2})日?|月)?)?")


def recent_rows(store: MatterStore, limit: int = 50) -> list[dict[str, Any]]:
    """The most recently changed matters (name, last change, form code and label, limitation level), newest first."""
    out = []
    for m in store.list_matters()[:limit]:
        s = matter_summary(store, m)
        out.append({"id": m.id, "name": m.name, "updated": m.updated[:10], "form": s.form,
                    "form_zh": label("liability_form", s.form) if s.form else "—", "level": s.badge.level,
                    "status_zh": LEVEL_ZH[s.badge.level], "corresponding": s.corresponding})
    return out


def _date_prefix(term: str) -> str | None:
    """「2024-05」「2024年5月」「2024/5/3」 as an ISO prefix (2024-05, 2024-05-03); None when ``term`` is no date."""
    m = _DATE.fullmatch(term)
    if not m:
        return None
    year, month, day = m.groups()
    return year + (f"-{int(month):02d}" if month else "") + (f"-{int(day):02d}" if day else "")


def _term_matches(row: dict[str, Any], term: str) -> bool:
    date = _date_prefix(term)
    if date is not None:
        # the last change, or a date in the name (「2024年5月外卖中毒案」) written either way
        named = [_date_prefix(m.group(0)) or "" for m in _DATE.finditer(row["name"])]
        if any(d.startswith(date) for d in [row["updated"], *named]):
            return True
    # 相应 finds the matters whose form is the 相应的责任 of 《电子商务法》第三十八条第二款, whatever reading applies.
    words = [row["name"].lower(), row["form_zh"], row["status_zh"], STATUS_WORDS[row["level"]],
             "相应的责任" if row["corresponding"] else ""]
    return any(term.lower() in w for w in words)


def search_rows(rows: list[dict[str, Any]], query: str) -> list[dict[str, Any]]:
    """The rows matching every word of ``query`` (name, date, liability form or limitation status), in order."""
    terms = query.replace("，", " ").replace(",", " ").split()
    return [r for r in rows if all(_term_matches(r, term) for term in terms)]
