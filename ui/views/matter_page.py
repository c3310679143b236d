"""The matter page (起草备忘录): facts form, verdict panel, authorities and memo for the open matter."""

from __future__ import annotations

import streamlit as st

import services
from assistant.store import MatterStore, StoreError
from i18n import t
from services import Unavailable
from views import (authorities, errors, facts_form, limitation_badge, matters_list, memo_panel, orientation,
                   scenarios_panel, sharing, verdict_panel)
from views.state import autosave, current_doctrine, current_facts, keep_mine, reload_latest


def _conflict_banner(store: MatterStore) -> None:
    conflict = st.session_state.get("conflict")
    if not conflict:
        return
    st.error(t("conflict", expected=conflict["expected"], actual=conflict["actual"], kept=conflict["kept"]))
    c1, c2 = st.columns(2)
    c1.button(t("conflict_reload"), key="conflict_reload", on_click=reload_latest, args=(store,))
    c2.button(t("conflict_keep_mine"), key="conflict_keep_mine", on_click=keep_mine, args=(store,))


def _stale_notice(store: MatterStore, matter_revision: int) -> None:
    """Say so when another session saved this matter after this one loaded it (before any conflict arises)."""
    if st.session_state.get("conflict") or matter_revision <= st.session_state.get("matter_rev", 0):
        return
    st.info(t("stale", rev=matter_revision))
    st.button(t("conflict_reload"), key="stale_reload", on_click=reload_latest, args=(store,))


def _verdict(facts: object, doctrine: str) -> object | None:
    """Classify (cached per facts and doctrine for this session); None with a message when it cannot."""
    cache_key = (facts.model_dump_json(), doctrine)  # type: ignore[attr-defined]
    cached = st.session_state.get("verdict_cache")
    if cached and cached[0] == cache_key:
        return cached[1]
    try:
        verdict = services.classify(facts, doctrine)
    except Unavailable:
        st.info(t("engine_unavailable"))
        return None
    except Exception as exc:  # the engine refused these facts: say why, keep the page
        errors.engine_failed(exc)  # Chinese banner, the exception under 技术细节 (issue 16)
        return None
    st.session_state["verdict_cache"] = (cache_key, verdict)
    return verdict


def render(store: MatterStore) -> None:
    """Draw the page for the matter selected in the sidebar."""
    matter_id = st.session_state.get("matter_id")
    if not matter_id:
        st.info(t("pick_or_create"))
        orientation.render(services.settings())  # what the tool decides, what not, where data goes (issue 16)
        return
    try:
        matter = store.get_matter(matter_id)
    except StoreError:  # deleted, or (team mode) no longer shared with this lawyer: nothing of it is shown
        st.session_state.pop("matter_id", None)
        st.warning(f"未找到该事项（{matter_id}）")
        return
    st.header(matter.name)
    sharing.render(store, matter)  # team mode: owner, shares, and the owner's 共享 control
    badge_slot = st.container()  # the 诉讼时效 badge (issue 13), filled once the verdict is known
    matters_list.render(store)
    _conflict_banner(store)
    _stale_notice(store, matter.revision)
    facts_form.drop_changed_marks()

    left, right = st.columns([3, 2], gap="large")
    with left:
        st.subheader(t("facts"))
        facts_form.render()
        try:
            facts = services.facts_model(current_facts())
        except Exception as exc:  # pydantic ValidationError: name the fields, save nothing invalid
            errors.facts_invalid(exc)  # each bad fact by its Chinese label; the raw text under 技术细节
            return
        status = autosave(store)
        if status == "conflict":
            st.rerun()  # show the conflict banner at the top
        st.caption(t("matter_meta", rev=st.session_state.get("matter_rev"), updated=matter.updated[:19].replace("T", " ") + " UTC"))
    with right:
        verdict = _verdict(facts, current_doctrine())
        if verdict is not None:
            try:
                corpus = services.corpus(services.settings())
            except Exception:
                corpus = None
            with badge_slot:
                limitation_badge.render(verdict.limitation)
            shown, chosen = scenarios_panel.preview(verdict)  # a chosen 情景 shows its verdict, saved only on 采用
            scenarios_panel.render(verdict, chosen)  # above the verdict: a choice changes what is just below it
            verdict_panel.render(shown, corpus, facts=scenarios_panel.shown_facts(facts, chosen))
    st.divider()
    authorities.render(verdict, facts)
    st.divider()
    memo_panel.render(store, matter_id, matter.name, facts, verdict)
