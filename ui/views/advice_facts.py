"""The form's section 7.1 facts (issue 13): amounts, dates, severity and nonconformity, the punitive-damage facts,
the forum clause, and the limitation interruption events and obstacles as editable tables.

Same canonical-state pattern as the rest of the form (``views.state``): scalar widgets are keyed ``fact_<field>``
and seeded from the canonical facts before they are drawn; a value flows back only through ``on_change``. A table
cannot be seeded through session state (Streamlit forbids it for ``st.data_editor``), so its data is built from the
canonical list on every run, its ``on_change`` applies the edit to that list, and the editor's key moves on so the
next run draws it afresh from the canonical list. ``null`` (unknown) and ``[]`` (known: none) are kept apart by a
三选一 choice above each table.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from i18n import field_label, label, t
from views import fact_codecs as fc
from views.state import CANON_FACTS, current_facts, key, on_fact_change

# Group titles are i18n keys (ui/i18n.py), so the Chinese page shows no English (issue 16).
LAYOUT: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("advice_amounts", ("price_paid", "loss_amount", "harm_discovered_date", "decision_date")),
    ("advice_injury", ("injury_severity", "goods_nonconforming", "label_defect_only")),
    ("advice_punitive", (
        "seller_knowingly_sold", "fraud", "consumer_knew_at_purchase", "forum_clause")),
)
TABLE_STATES = ("unknown", "none", "listed")
TABLE_STATE_ZH = {"unknown": "未知", "none": "确认没有", "listed": "有（在下表填写）"}


def _rev_key(field: str) -> str:
    return f"{field}_editor_rev"


def _listing_key(field: str) -> str:
    return f"{field}_listing_{st.session_state.get('matter_id')}"


def table_state(field: str) -> str:
    """unknown (null), none ([]) or listed (some rows, or the lawyer chose to list them and has not yet)."""
    value = current_facts().get(field)
    if st.session_state.get(_listing_key(field)) or value:
        return "listed"
    return "unknown" if value is None else "none"


def _set_table(field: str, items: list | None) -> None:
    facts = current_facts()
    if items is None:
        facts.pop(field, None)
    else:
        facts[field] = items
    st.session_state[CANON_FACTS] = facts
    st.session_state[_rev_key(field)] = st.session_state.get(_rev_key(field), 0) + 1  # redraw from the canonical list


def _on_state(field: str) -> None:
    """Callback of the 未知/没有/有 choice above a table."""
    choice = st.session_state.get(f"{field}_state")
    current = current_facts().get(field)
    st.session_state[_listing_key(field)] = choice == "listed"
    if choice == "unknown":
        _set_table(field, None)
    elif choice == "none":
        _set_table(field, [])
    elif not current:
        # "there are some" with no row yet: still unknown to the engine ([] would say "known: none")
        _set_table(field, None)


def _on_edit(field: str, editor_key: str) -> None:
    """Callback of a table: apply the editor's change to the canonical list."""
    delta = st.session_state.get(editor_key) or {}
    items = list(current_facts().get(field) or [])
    items = fc.apply_edits(field, items, delta)
    _set_table(field, items or None)  # every row deleted under 「有」: unknown again, never "known: none"
    st.session_state[_listing_key(field)] = True


def _scalar(field: str) -> None:
    k, text = key(field), field_label(field)
    if field in fc.DATE_FIELDS:
        stored = st.session_state.get(k)
        low = min(date(2000, 1, 1), stored) if isinstance(stored, date) else date(2000, 1, 1)
        high = max(date(2100, 12, 31), stored) if isinstance(stored, date) else date(2100, 12, 31)
        st.date_input(text, key=k, min_value=low, max_value=high, format="YYYY-MM-DD",
                      on_change=on_fact_change, args=(field,))
    elif field in fc.MONEY_FIELDS:
        st.text_input(text + "（元）", key=k, placeholder="例如 3,750.00", on_change=on_fact_change, args=(field,))
        value = current_facts().get(field)
        if value is not None:
            st.caption(fc.yuan(value))
    elif field in fc.ENUM_FIELDS:
        st.selectbox(text, [fc.UNKNOWN, *fc.ENUM_FIELDS[field]], key=k, on_change=on_fact_change, args=(field,),
                     format_func=lambda v, f=field: t("unknown") if v == fc.UNKNOWN else label(f, v))
    else:
        st.radio(text, ["yes", "no", fc.UNKNOWN], key=k, horizontal=True, format_func=t,
                 on_change=on_fact_change, args=(field,))


def _table(field: str) -> None:
    st.session_state[f"{field}_state"] = table_state(field)  # seeded from the canonical list, like the widgets
    st.radio(field_label(field), TABLE_STATES, key=f"{field}_state", horizontal=True, format_func=TABLE_STATE_ZH.get,
             on_change=_on_state, args=(field,))
    if table_state(field) != "listed":
        return
    items = current_facts().get(field) or []
    events = field == "limitation_events"
    rows = [fc.event_row(i) if events else fc.obstacle_row(i) for i in items]
    if events:
        columns = [fc.EVENT_DATE, fc.EVENT_KIND, *fc.PARTY_ZH.values(), fc.EVENT_END]
        config = {fc.EVENT_DATE: st.column_config.DateColumn(fc.EVENT_DATE, format="YYYY-MM-DD", required=True),
                  fc.EVENT_KIND: st.column_config.SelectboxColumn(fc.EVENT_KIND, options=list(fc.KIND_ZH.values()),
                                                                  required=True, width="medium"),
                  fc.EVENT_END: st.column_config.DateColumn(fc.EVENT_END, format="YYYY-MM-DD",
                                                            help="诉讼、仲裁等程序终结之日（仅限后两类事由）"),
                  **{zh: st.column_config.CheckboxColumn(zh, default=False) for zh in fc.PARTY_ZH.values()}}
    else:
        columns = [fc.OBST_FROM, fc.OBST_TO, fc.OBST_GROUND]
        config = {fc.OBST_FROM: st.column_config.DateColumn(fc.OBST_FROM, format="YYYY-MM-DD", required=True),
                  fc.OBST_TO: st.column_config.DateColumn(fc.OBST_TO, format="YYYY-MM-DD", help="空白：障碍仍在持续"),
                  fc.OBST_GROUND: st.column_config.SelectboxColumn(fc.OBST_GROUND, options=list(fc.GROUND_ZH.values()),
                                                                   required=True, width="large")}
    frame = pd.DataFrame(rows, columns=columns)
    editor_key = f"{field}_editor_{st.session_state.get(_rev_key(field), 0)}"
    # placeholder: an empty cell (no end date yet) reads 「—」, not the grid's default "None" (issue 16)
    st.data_editor(frame, key=editor_key, num_rows="dynamic", hide_index=True, column_config=config,
                   width="stretch", on_change=_on_edit, args=(field, editor_key), placeholder="—")


def render() -> None:
    """Draw the section 7.1 facts below the liability facts (the caller seeded the scalar widgets)."""
    st.markdown(f"**{t('advice_title')}**")
    for col, (title, fields) in zip(st.columns(len(LAYOUT)), LAYOUT):
        with col:
            st.caption(t(title))
            for field in fields:
                _scalar(field)
    _table("limitation_events")  # full width: eight columns need the room
    _table("limitation_obstacles")
