"""The verdict panel: one summary line, the trace rule by rule, the doctrine alternatives side by side, and the
missing facts as a checklist of questions. It only displays the core's Verdict; it decides nothing.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

import services
from engine_text import corpus_cite, humanize, value_label
from i18n import field_label, label, t

STATUS_ICON = {"satisfied": "✓", "failed": "✗", "unknown": "?"}
# Plain symbols (DejaVu/WenQuanYi have them) rather than emoji, which render as boxes without an emoji font.
OUTCOME_ICON = {"met": "✓", "failed": "✗", "blocked": "?", "barred": "⛔", "rebutted": "↩", "not_applicable": "–"}


def cite(corpus: Any, provision_id: str) -> str:
    """A provision id as a Chinese citation (the id itself when the corpus cannot render it)."""
    if corpus is None:
        return provision_id
    try:
        return f"{corpus.cite(provision_id)}（{provision_id}）"
    except Exception:
        return provision_id


def summary_line(verdict: Any) -> str:
    """Form, imputation, burden and recourse in one line (labels only)."""
    return t(
        "verdict_line",
        form=label("liability_form", verdict.liability_form),
        imputation=label("imputation", verdict.imputation),
        burden=label("burden_of_proof", verdict.burden_of_proof),
        basis=label("burden_basis", verdict.burden_basis),
        recourse=label("recourse", verdict.recourse),
    )


def _element_value(name: str, value: Any, corpus: Any) -> str:
    """An element's value in Chinese: the fact's own labels, or the engine's text (``a=null, b=false``) translated."""
    if isinstance(value, str) and "=" in value:
        return humanize(value, corpus_cite(corpus))
    return value_label(name, value)


def rule_heading(entry: Any) -> str:
    """A trace entry's expander title: outcome mark, the rule's Chinese name, its title and outcome (no rule id)."""
    icon = OUTCOME_ICON.get(entry.outcome, "•")
    name = label("rule", entry.rule)
    # the rule's Chinese name repeats its title for a few rules (e.g. 无损害则无赔偿): say it once
    head = entry.title if name in entry.title else f"{name}：{entry.title}"
    return f"{icon} {head} — {label('outcome', entry.outcome)}"


def _trace(verdict: Any, corpus: Any) -> None:
    st.markdown(f"**{t('trace')}**")
    for entry in verdict.trace:
        with st.expander(rule_heading(entry)):
            for el in entry.elements:
                name = field_label(el.name) if el.name else el.name
                st.markdown(f"{STATUS_ICON.get(el.status, '?')} {name} = {_element_value(el.name, el.value, corpus)}")
            if entry.detail:
                st.caption(humanize(entry.detail, corpus_cite(corpus)))
            if entry.citations:
                st.markdown(f"{t('citations')}：" + "；".join(cite(corpus, c) for c in entry.citations))


def _alternatives(verdict: Any) -> None:
    st.markdown(f"**{t('alternatives')}**")
    profiles = [(verdict.doctrine.profile, verdict.liability_form, True)]
    profiles += [(p, form, False) for p, form in verdict.doctrine.alternatives.items()]
    with st.container(key="doctrine_alternatives"):  # its columns wrap when narrow (views/layout.py; issue 16)
        columns = st.columns(len(profiles))
    for col, (profile, form, current) in zip(columns, profiles):
        # Text, not st.metric: a metric truncates long Chinese labels in narrow columns.
        col.caption(label("doctrine", profile) + (t("current_profile") if current else ""))
        col.markdown(f"**{label('liability_form', form)}**")


def _missing(verdict: Any) -> None:
    st.markdown(f"**{t('missing')}**")
    if not verdict.missing_facts:
        st.caption(t("no_missing"))
    for mf in verdict.missing_facts:
        st.checkbox(f"{mf.question}（{field_label(mf.fact)}）", key=f"missing_{mf.fact}")


def section7_texts(verdict: Any, facts: Any, corpus: Any) -> list[tuple[str, str]]:
    """Spec section 7 (remedies.md) in the memo's own Chinese words: (heading, text) for heads, punitive damages,
    limitation, forum; the drafting module's renderers, so the panel and the memo never say it differently."""
    from assistant.drafting import limitation_zh, remedies_zh
    from assistant.drafting.chain import build_context
    from assistant.drafting.citer import Citer

    ctx, _ = build_context(facts, verdict, corpus, services.settings(), passages=[])  # no retrieval: template set
    cite = Citer(corpus, ctx.template_ids, ctx.event_date, applied=verdict.citations,
                 decision_date=getattr(facts, "decision_date", None))
    return [(t("s7_heads"), remedies_zh.heads_section(ctx, cite)),
            (t("s7_punitive"), remedies_zh.punitive_section(ctx, cite)),
            (t("s7_limitation"), limitation_zh.limitation_section(ctx, cite)),
            (t("s7_forum"), limitation_zh.forum_section(ctx, cite))]


def _section7(verdict: Any, facts: Any, corpus: Any) -> None:
    if facts is None or corpus is None or not getattr(verdict, "remedies", None):
        return
    try:
        parts = section7_texts(verdict, facts, corpus)
    except Exception as exc:  # the liability panel above stays usable; the memo says the same once drafted
        st.caption(t("section7_unavailable", error=f"{type(exc).__name__}: {exc}"))
        return
    st.markdown(f"**{t('section7')}**")
    for heading, text in parts:
        with st.expander(heading):
            st.markdown(text)


def render(verdict: Any, corpus: Any, facts: Any = None) -> None:
    """Draw the whole verdict panel for ``verdict`` (section 7 too when the verdict's ``facts`` are given)."""
    st.subheader(t("verdict"))
    st.markdown(summary_line(verdict))
    regimes = "、".join(cite(corpus, r) for r in verdict.regimes)  # routes are provision ids: cite them in Chinese
    st.caption(f"{t('nature')}：{label('liability_nature', verdict.liability_nature)}"
               + (f" · {t('regimes')}：{regimes}" if verdict.regimes else "")
               + (f" · {t('as_of', date=verdict.as_of.date)}" if verdict.as_of and verdict.as_of.date else ""))
    if verdict.expanded_damage:
        st.warning(t("expanded_damage"))
    if verdict.notes:
        st.info("\n".join(f"- {humanize(n, corpus_cite(corpus))}" for n in verdict.notes))
    if verdict.citations:
        st.markdown(f"{t('citations')}：" + "；".join(cite(corpus, c) for c in verdict.citations))
    _alternatives(verdict)
    _missing(verdict)
    _section7(verdict, facts, corpus)
    _trace(verdict, corpus)
