"""The first page: what the tool decides, what it does not, where the lawyer's data goes, and the recent matters with
a search by name, date, liability form and limitation status (clicking one opens it)."""

from __future__ import annotations

from typing import Any

import streamlit as st

import services
from i18n import t
from views.matters_list import recent_rows, search_rows
from views.sidebar import SELECT_KEY

SEARCH_KEY = "recent_search"
SHOWN = 20  # the first page lists the most recent matters; the search looks through the last RECENT_LIMIT
RECENT_LIMIT = 200


def data_note(settings: Any) -> str:
    """Where matters and facts go: this machine only, unless an LLM endpoint (or a database server) is configured."""
    notes = [t("orient_local", data_dir=settings.data_dir)]
    if settings.llm != "template":
        # A configured model receives the facts when a memo is drafted with it (the template drafter sends nothing).
        notes.append(t("orient_llm", llm=settings.llm, url=settings.openai_base_url or "—"))
    else:
        notes.append(t("orient_no_llm"))
    if getattr(settings, "database_url", None):
        notes.append(t("orient_database"))
    return "\n".join(f"- {n}" for n in notes)


def render(settings: Any) -> None:
    """Draw the first page (shown when no matter is open): the recent matters, then the orientation block."""
    recent(services.store(settings))
    with st.container(border=True, key="orientation"):
        st.markdown(f"**{t('orient_decides_title')}**\n\n{t('orient_decides')}")
        st.markdown(f"**{t('orient_not_title')}**\n\n{t('orient_not')}")
        st.markdown(f"**{t('orient_data_title')}**\n\n{data_note(settings)}")


def _open(matter_id: str) -> None:
    """Button callback: open the matter (the sidebar's picker loads it on this rerun)."""
    st.session_state[SELECT_KEY] = matter_id


def recent(store: Any) -> None:
    """The recent matters, newest first, filtered by the search box; each name is a button that opens the matter."""
    rows = recent_rows(store, RECENT_LIMIT)
    if not rows:
        return
    with st.container(border=True, key="recent_matters"):
        st.markdown(f"**{t('recent_title')}**")
        query = st.text_input(t("recent_search"), key=SEARCH_KEY, placeholder="2024年5月 连带 将届满")
        st.caption(t("recent_search_help"))
        found = search_rows(rows, query or "")
        st.caption(t("recent_count", n=len(found)))
        if not found:
            st.info(t("recent_none"))
        for row in found[:SHOWN]:
            name, meta = st.columns([2, 3], vertical_alignment="center")
            name.button(row["name"], key=f"recent_open_{row['id']}", on_click=_open, args=(row["id"],))
            meta.caption(t("recent_meta", date=row["updated"], form=row["form_zh"], status=row["status_zh"]))
