"""Sources as a lawyer reads them: grouped by kind (法律 / 司法解释 / 学说 / 案例), a statute article as one entry with
its cited 款, the seed article as one entry with its cited sections, and one source's text (the 款 verbatim, the whole
article, the version and dates; a case's record) for the memo's 「查看引用条文」.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import streamlit as st

from engine_text import corpus_cite, humanize
from i18n import t

# instrument_type → the group it is listed under; administrative regulations and legislative interpretations are
# read as 法律 sources (they bind as statutes do), the seed article is 学说, the case collection is 案例.
GROUP_OF = {
    "law": "group_law", "constitution": "group_law", "amendment": "group_law", "amendment_decision": "group_law",
    "legislative_interpretation": "group_law", "administrative_regulation": "group_law",
    "judicial_interpretation": "group_interpretation", "article": "group_doctrine", "cases": "group_cases",
}
GROUP_ORDER = ("group_law", "group_interpretation", "group_doctrine", "group_cases")


@dataclass
class Entry:
    """One listed source: a statute article (with the cited 款), the seed article (with its sections) or a case."""

    key: str
    heading: str
    ids: list[str] = field(default_factory=list)


def _group(corpus: Any, record: Any) -> str:
    if hasattr(record, "case_name"):
        return "group_cases"
    inst = getattr(corpus, "instruments", {}).get(record.code)
    return GROUP_OF.get(getattr(inst, "instrument_type", ""), "group_law")


def _cite(corpus: Any, pid: str) -> str:
    try:
        return corpus.cite(pid)
    except Exception:  # an id the corpus cannot render is shown as it is, never dropped
        return pid


def group_sources(corpus: Any, ids: list[str]) -> tuple[dict[str, list[Entry]], list[str]]:
    """The cited ids grouped by kind in GROUP_ORDER, one entry per article / seed article / case; and unknown ids."""
    groups: dict[str, dict[str, Entry]] = {g: {} for g in GROUP_ORDER}
    unknown: list[str] = []
    for pid in dict.fromkeys(ids):
        record = corpus.get(pid)
        if record is None:
            unknown.append(pid)
            continue
        group = _group(corpus, record)
        if group == "group_cases":
            key = pid
        elif group == "group_doctrine":
            key = record.code  # the seed article is ONE source; its sections are listed inside
        else:
            key = f"{record.code}-{record.article}"
        entry = groups[group].get(key)
        if entry is None:
            entry = groups[group][key] = Entry(key, _heading(corpus, record, pid, group))
        entry.ids.append(pid)
    out = {g: list(entries.values()) for g, entries in groups.items() if entries}
    for group, entries in out.items():
        if group in ("group_law", "group_interpretation"):
            for e in entries:  # "《民法典》第一千一百九十八条第二款、第三款": the article once, then each 款 cited
                first = corpus.get(e.ids[0])
                rest = [corpus.get(i).label.removeprefix(first.article_label) for i in e.ids[1:]]
                e.heading = _cite(corpus, e.ids[0]) + "".join(f"、{r}" for r in rest if r)
    return out, unknown


def _heading(corpus: Any, record: Any, pid: str, group: str) -> str:
    if group == "group_cases":
        return f"{record.case_name} · {record.tier or '—'}"
    if group == "group_doctrine":
        inst = corpus.instruments.get(record.code)
        return _instrument_name(inst) if inst is not None else record.code
    return _cite(corpus, pid)


def _instrument_name(inst: Any) -> str:
    return f"{inst.author or ''}《{inst.title}》"


def instrument_lines(corpus: Any, code: str) -> None:
    """The instrument's title, effective / repealed dates and version, as captions."""
    inst = getattr(corpus, "instruments", {}).get(code)
    if inst is None:
        return
    repealed = t("repealed", date=inst.repealed) if getattr(inst, "repealed", None) else ""
    st.caption(f"{inst.title} · {t('instrument_dates', effective=inst.effective, repealed=repealed)}")
    if getattr(inst, "version", None):
        st.caption(t("instrument_version", version=inst.version))


def case_body(case: Any) -> None:
    """A case's record: court, tier, number, outcome and numbered source links."""
    st.caption(t("case_meta", court=case.court or "—", tier=case.tier or "—", number=case.case_number or "—"))
    if getattr(case, "outcome_detail", None):  # curators' note: its provision ids cited in Chinese (issue 16)
        st.write(humanize(case.outcome_detail, _humanize_cite()))
    if case.sources:
        st.markdown(f"{t('sources')}：" + " · ".join(f"[{i + 1}]({u})" for i, u in enumerate(case.sources)))


def _humanize_cite() -> Any:
    """``humanize``'s citation function over the app's corpus (None when the corpus cannot load)."""
    import services

    try:
        return corpus_cite(services.corpus(services.settings()))
    except Exception:  # ids stay as they are, never hidden
        return None


def _quote(text: str) -> str:
    return "\n".join(f"> {line}" if line.strip() else ">" for line in text.splitlines())


def source_body(corpus: Any, pid: str) -> None:
    """One cited source: the 款 verbatim, the whole article, version and dates; a seed section; a case's record."""
    record = corpus.get(pid)
    inst = getattr(corpus, "instruments", {}).get(pid)
    if record is None and inst is not None:  # a whole instrument cited (覃玉娟（2025）): its title, version, dates
        st.markdown(f"**{_instrument_name(inst)}**")
        instrument_lines(corpus, pid)
        return
    if record is None:
        st.warning(t("not_in_corpus", id=pid))
        return
    if hasattr(record, "case_name"):
        st.markdown(f"**{record.case_name}**")
        case_body(record)
        return
    if record.kind == "section":
        st.markdown(f"**{record.label}　{record.title or ''}**")
        st.write(record.text)
        instrument_lines(corpus, record.code)
        return
    st.markdown(f"**{record.label}**")
    st.markdown(_quote(record.text))
    article = corpus.get(f"{record.code}-{record.article}") if record.kind != "article" else None
    if article is not None and article.text != record.text:
        st.markdown(f"**{article.article_label}**（{t('full_article')}）")
        st.write(article.text)
    instrument_lines(corpus, record.code)


def entry_body(corpus: Any, entry: Entry) -> None:
    """Everything one listed entry holds: each cited 款 or section, then (for a statute) the whole article once."""
    records = [corpus.get(i) for i in entry.ids]
    first = records[0]
    if hasattr(first, "case_name"):
        st.markdown(f"**{first.case_name}**")
        case_body(first)
        return
    if first.kind == "section":
        st.caption(t("seed_sections", n=len(records)))
        for r in records:
            st.markdown(f"**{r.label}　{r.title or ''}**")
            st.write(r.text)
        instrument_lines(corpus, first.code)
        return
    article = corpus.get(f"{first.code}-{first.article}")
    for r in records:
        if r.kind != "article":
            st.markdown(f"**{r.label}**（{t('cited')}）")
            st.markdown(_quote(r.text))
    if article is not None:
        st.markdown(f"**{article.article_label}**（{t('full_article')}）")
        st.write(article.text)
    instrument_lines(corpus, first.code)


def render_grouped(corpus: Any, ids: list[str]) -> None:
    """The sources of ``ids`` under their kind's heading, one expander per entry."""
    groups, unknown = group_sources(corpus, ids)
    for group in GROUP_ORDER:
        entries = groups.get(group)
        if not entries:
            continue
        st.markdown(f"**{t(group)}**（{len(entries)}）")
        for entry in entries:
            with st.expander(entry.heading):
                entry_body(corpus, entry)
    for pid in unknown:
        st.warning(t("not_in_corpus", id=pid))


def memo_citations(report: Any) -> dict[str, str]:
    """The memo's citations the guard saw, by corpus id (first quoted text for each); unresolvable ones included."""
    out: dict[str, str] = {}
    for c in getattr(report, "citations", None) or []:
        if c.id and c.id not in out:
            out[c.id] = c.text
    return out


def citation_viewer(corpus: Any, report: Any) -> None:
    """「查看引用条文」: pick one of the memo's citations and read its source (款 verbatim, article, version, dates)."""
    cited = memo_citations(report)
    if corpus is None or not cited:
        return
    st.markdown(f"**{t('view_citation')}**")

    def name(pid: str) -> str:
        if corpus.get(pid) is not None:
            return _cite(corpus, pid)
        inst = getattr(corpus, "instruments", {}).get(pid)
        return _instrument_name(inst) if inst is not None else f"{cited[pid]}（{t('unresolved')}）"

    # A list, not a select: each citation reads whole (a select cut the long 司法解释 names at 1280×800; issue 16).
    with st.container(height=min(40 + 26 * len(cited), 320), key="memo_cite_list"):  # scrolls past ~11 entries
        pick = st.radio(t("view_citation"), list(cited), key="memo_cite_pick", format_func=name,
                        label_visibility="collapsed")
    if pick:
        with st.container(border=True, key="memo_cite_source"):
            source_body(corpus, pick)
