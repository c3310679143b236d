"""The first page's orientation: what the tool decides, what it does not, and where the lawyer's data goes."""

from __future__ import annotations

from typing import Any

import streamlit as st

from i18n import t


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
    """Draw the orientation block (shown when no matter is open)."""
    with st.container(border=True, key="orientation"):
        st.markdown(f"**{t('orient_decides_title')}**\n\n{t('orient_decides')}")
        st.markdown(f"**{t('orient_not_title')}**\n\n{t('orient_not')}")
        st.markdown(f"**{t('orient_data_title')}**\n\n{data_note(settings)}")
