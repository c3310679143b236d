"""All saved matters with their 诉讼时效 badge (issue 13), sortable by it: which file must be filed first.

Each matter's badge comes from classifying its latest saved facts (``scenarios=False``: the list needs only the
limitation part), cached per matter revision for the session, so the list costs one classify per changed matter.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from assistant.store import MatterStore
from views.limitation_badge import LEVEL_ZH, OTHER, Badge, badge

SORT_KEY = "matters_sort"
SORTS = {"limitation": "按诉讼时效（最紧迫在前）", "updated": "按最近修改"}
_CACHE = "matters_badges"


def matter_badge(store: MatterStore, matter: Any) -> Badge:
    """The badge of one saved matter (its latest facts and doctrine); 待定 with the reason when it cannot be computed."""
    cache = st.session_state.setdefault(_CACHE, {})
    key = (matter.id, matter.revision, matter.doctrine)
    if key in cache:
        return cache[key]
    try:
        from assistant.core import ClaimFacts, classify

        version = store.latest_facts(matter.id)
        verdict = classify(ClaimFacts(**(version.facts if version else {})), doctrine=matter.doctrine, scenarios=False)
        result = badge(verdict.limitation)
    except Exception as exc:  # invalid stored facts or no engine: the matter is listed, its badge says why
        result = Badge(OTHER, f"诉讼时效：无法计算（{type(exc).__name__}）")
    cache[key] = result
    return result


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
        st.dataframe(frame, key="matters_table", hide_index=True, width="stretch")
