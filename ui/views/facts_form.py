"""The narrative box with 提取事实, and the facts form: every ClaimFacts field, 是/否/未知 for booleans.

A value filled by the extractor stays marked (〔提取〕, with the text it came from) until the lawyer confirms it or
changes it; the marks are saved with the facts version so a reopened matter still shows them.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

import services
from i18n import field_label, label, lang, t
from services import Unavailable
from views import advice_facts
from views.state import (
    BOOL_FIELDS, DOCTRINE_KEY, ENUM_FIELDS, EXTRACT_CUT, UNKNOWN, current_facts, key, on_doctrine_change,
    on_fact_change, seed_form_widgets, set_fact,
)

EXTRACTED_TAG = "〔提取〕"
DOCTRINES = ("qin2025", "intent_split", "supplementary_only", "joint", "proportional_joint")

# The form's layout: three groups a lawyer reads in this order.
GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("基本情况 / Basics", ("event_date", "platform_role", "category", "life_health", "harm", "live_streaming")),
    ("平台行为 / Platform conduct", (
        "qualification_review_done", "safety_duty_done", "knew_or_should_have_known", "necessary_measures_taken",
        "merchant_identity_provided", "advance_compensation_promised", "complaint_delay_expanded_damage",
    )),
    ("因果、过错与证据 / Causation, fault, evidence", (
        "causation", "platform_contribution", "merchant_fault", "consumer_prima_facie_evidence",
        "platform_proved_compliance", "force_majeure",
    )),
)


def _extract() -> None:
    """Callback of 提取事实: fill the unknown fields the extractor found, and mark them as extracted."""
    # The narrative typed just before the click: take it into the canonical facts first (its own on_change may run
    # after this callback).
    on_fact_change("narrative")
    narrative = (current_facts().get("narrative") or "").strip()
    if not narrative:
        st.session_state["extract_msg"] = ("warning", t("extract_empty"))
        return
    try:
        found, spans, cut = services.extract(narrative)
    except Unavailable as exc:
        st.session_state["extract_msg"] = ("warning", f"{t('extract_unavailable')} ({exc})")
        return
    # The last extraction's cut (or none): shown beside the facts and saved with the version (state.CUT_MARK)
    st.session_state[EXTRACT_CUT] = cut
    extracted = dict(st.session_state.get("extracted", {}))
    filled = skipped = 0
    for field, value in found.items():
        if field not in ENUM_FIELDS and field not in BOOL_FIELDS and field != "event_date":
            continue
        if current_facts().get(field) is not None:
            skipped += 1  # the lawyer's own value wins over the extractor's
            continue
        set_fact(field, value)
        extracted[field] = {"text": spans.get(field, ""), "value": value}
        filled += 1
    st.session_state["extracted"] = extracted
    st.session_state["extract_msg"] = ("success", t("extract_done", n=filled, skipped=skipped))


def _confirm(field: str) -> None:
    st.session_state.get("extracted", {}).pop(field, None)
    st.session_state[f"confirm_{field}"] = False


def _confirm_all() -> None:
    st.session_state["extracted"] = {}


def drop_changed_marks() -> None:
    """An extracted value the lawyer changed is the lawyer's now: drop its mark (call before drawing the form)."""
    extracted = st.session_state.get("extracted", {})
    facts = current_facts()
    for field in list(extracted):
        current = facts.get(field)
        if current != extracted[field].get("value"):
            extracted.pop(field)


def _widget(field: str) -> None:
    marked = field in st.session_state.get("extracted", {})
    text = field_label(field) + (f" {EXTRACTED_TAG}" if marked else "")
    k = key(field)
    if field == "event_date":
        stored = st.session_state.get(k)
        # The bounds stretch to a stored date outside them (entered elsewhere): the form shows it, never refuses it.
        low = min(date(2000, 1, 1), stored) if isinstance(stored, date) else date(2000, 1, 1)
        high = max(date.today(), stored) if isinstance(stored, date) else date.today()
        st.date_input(text, key=k, min_value=low, max_value=high, format="YYYY-MM-DD",
                      on_change=on_fact_change, args=(field,))
    elif field in ENUM_FIELDS:
        st.selectbox(text, [UNKNOWN, *ENUM_FIELDS[field]], key=k, on_change=on_fact_change, args=(field,),
                     format_func=lambda v, f=field: t("unknown") if v == UNKNOWN else label(f, v))
    else:
        st.radio(text, ["yes", "no", UNKNOWN], key=k, horizontal=True, format_func=t,
                 on_change=on_fact_change, args=(field,))
    if marked:
        span = st.session_state["extracted"][field].get("text") or ""
        st.caption(f"{t('extracted_mark')} · {t('extracted_from', text=span)}")
        st.checkbox(t("confirm"), key=f"confirm_{field}", on_change=_confirm, args=(field,))


def render() -> None:
    """Draw the narrative box, the extract button and the facts form (widgets keyed ``fact_<field>``).

    The widgets are seeded from the canonical facts first, so a form that was off screen comes back as stored.
    """
    seed_form_widgets()
    st.text_area(t("narrative"), key=key("narrative"), height=140, on_change=on_fact_change, args=("narrative",))
    # One row of buttons as wide as their labels (fixed-width columns cut 全部确认提取值 at 1280×800; issue 16).
    with st.container(horizontal=True, key="extract_buttons"):
        st.button(t("extract"), key="extract", on_click=_extract)
        if st.session_state.get("extracted"):
            st.button(t("confirm_all"), key="confirm_all", on_click=_confirm_all)
    msg = st.session_state.pop("extract_msg", None)
    if msg:
        getattr(st, msg[0])(msg[1])
    cut = st.session_state.get(EXTRACT_CUT)
    if cut:  # issue 14: what comes after the cut was not read; its facts are unknown, not absent
        st.warning(t("extract_cut", read=f"{cut.get('read', 0):,}", total=f"{cut.get('total', 0):,}"))

    st.selectbox(t("doctrine"), DOCTRINES, key=DOCTRINE_KEY, on_change=on_doctrine_change,
                 format_func=lambda d: label("doctrine", d))
    with st.container(key="facts_groups"):  # the columns wrap when narrow (views/layout.py)
        columns = st.columns(len(GROUPS))
    for col, (title, fields) in zip(columns, GROUPS):
        with col:
            zh, _, en = title.partition(" / ")
            st.markdown(f"**{en if lang() == 'en' else zh}**")
            for field in fields:
                _widget(field)
    advice_facts.render()  # issue 13: the section 7.1 facts and the limitation tables
