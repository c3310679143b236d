"""Authorities: every provision the verdict cites (full text on click, version, effective dates), the top passages
retrieved for the matter, and cases with their tier and sources.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

import services
from i18n import t
from services import Unavailable
from views.verdict_panel import cite


def _instrument_lines(corpus: Any, code: str) -> None:
    inst = getattr(corpus, "instruments", {}).get(code)
    if inst is None:
        return
    repealed = t("repealed", date=inst.repealed) if getattr(inst, "repealed", None) else ""
    st.caption(f"{inst.title} · {t('instrument_dates', effective=inst.effective, repealed=repealed)}")
    if getattr(inst, "version", None):
        st.caption(t("instrument_version", version=inst.version))


def _case(case: Any) -> None:
    st.caption(t("case_meta", court=case.court or "—", tier=case.tier or "—", number=case.case_number or "—"))
    if getattr(case, "outcome_detail", None):
        st.write(case.outcome_detail)
    if case.sources:
        st.markdown(f"{t('sources')}：" + " · ".join(f"[{i + 1}]({u})" for i, u in enumerate(case.sources)))


def show_record(corpus: Any, record_id: str, heading: str | None = None) -> None:
    """One provision or case in an expander: its text, instrument version and dates, or case tier and sources."""
    record = corpus.get(record_id)
    if record is None:
        st.warning(t("not_in_corpus", id=record_id))
        return
    with st.expander(heading or cite(corpus, record_id)):
        if hasattr(record, "case_name"):
            st.markdown(f"**{record.case_name}**")
            _case(record)
            return
        st.write(record.text)
        article_id = f"{record.code}-{record.article}" if getattr(record, "article", None) else None
        article = corpus.get(article_id) if article_id and article_id != record_id else None
        if article is not None and getattr(article, "text", None) and article.text != record.text:
            st.markdown(f"**{article.article_label}**（全文 / full article）")
            st.write(article.text)
        _instrument_lines(corpus, record.code)


def _similar_cases(verdict: Any, facts: Any, s: Any, corpus: Any) -> None:
    try:
        case_ids = services.similar_cases(verdict, facts, s)
    except Exception:  # the drafting module's case chooser is optional for this panel
        return
    st.markdown(f"**{t('similar_cases')}**")
    if not case_ids:
        st.caption(t("similar_cases_none"))  # say so rather than show a case that is not alike (issue 11 item 6)
    for cid in case_ids:
        case = corpus.get(cid)
        show_record(corpus, cid, heading=f"{case.case_name} · {case.tier}" if case is not None else None)


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
    if verdict is not None and verdict.citations:
        st.markdown(f"**{t('cited_provisions')}**")
        for cid in verdict.citations:
            show_record(corpus, cid)
    if verdict is not None:
        _similar_cases(verdict, facts, s, corpus)
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
