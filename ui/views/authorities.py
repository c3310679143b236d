"""Authorities: every source the verdict cites, grouped by kind (法律 / 司法解释 / 学说 / 案例; full text, version,
effective dates), the similar cases with their tier and sources, and the top passages retrieved for the matter.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

import services
from i18n import t
from services import Unavailable
from views.sources import render_grouped, source_body
from views.verdict_panel import cite


def show_record(corpus: Any, record_id: str, heading: str | None = None) -> None:
    """One provision or case in an expander: its text, instrument version and dates, or case tier and sources."""
    if corpus.get(record_id) is None:
        st.warning(t("not_in_corpus", id=record_id))
        return
    with st.expander(heading or cite(corpus, record_id)):
        source_body(corpus, record_id)


def _similar_case_ids(verdict: Any, facts: Any, s: Any) -> list[str] | None:
    try:
        return list(services.similar_cases(verdict, facts, s))
    except Exception:  # the drafting module's case chooser is optional for this panel
        return None


def render(verdict: Any, facts: Any) -> None:
    """Draw the cited provisions, similar cases and, on request, the top retrieved passages for the narrative."""
    query = services.query_for(facts)
    st.subheader(t("authorities"))
    s = services.settings()
    try:
        corpus = services.corpus(s)
    except Exception as exc:  # a broken corpus must not take the page down
        st.error(t("corpus_unavailable", error=exc))
        return
    if verdict is not None:
        # Grouped by kind under 本结论所依据的规定; the similar cases are listed under 案例 (issue 16).
        similar = _similar_case_ids(verdict, facts, s)
        st.markdown(f"#### {t('cited_provisions')}")
        render_grouped(corpus, list(verdict.citations) + (similar or []))
        if similar == []:
            st.markdown(f"**{t('group_cases')}**")
            st.caption(t("similar_cases_none"))  # say so rather than show a case that is not alike (issue 11 item 6)
    if st.button(t("retrieve"), key="retrieve", disabled=not query.strip()):
        try:
            st.session_state["hits"] = [(h.id, h.title, h.kind, h.score) for h in services.search(s, query, k=5)]
        except Unavailable as exc:
            st.session_state["hits"] = []
            st.warning(t("retrieval_unavailable", error=exc))
        except Exception as exc:
            st.session_state["hits"] = []
            st.error(t("retrieval_unavailable", error=f"{type(exc).__name__}: {exc}"))
    hits = st.session_state.get("hits") or []
    if hits:
        st.markdown(f"**{t('retrieved', k=len(hits))}**")
        for hit_id, title, kind, score in hits:
            show_record(corpus, hit_id, heading=f"[{kind}] {title} · {score:.3f}")
