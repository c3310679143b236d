"""The eval page (评测报告): the latest report written by ``lexmemo eval --suite all --report evals/reports/latest`` —
the run's date and commit, what each suite measures (in Chinese), its headline figures as metrics, its tables and
charts, its worst cases, and for the court cases a table of every case linked to its corpus record.

Nothing is computed here: ``evals.report.summary`` reads ``results.json`` and formats the figures as the report does.
With no report yet, a button runs the fast suites (``evals.report.first_run``, seconds) so a new user sees figures.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

import services
from engine_text import corpus_cite, humanize, metric_label, word_label
from i18n import VALUE_LABELS, label, lang, t
from services import Unavailable
from views.authorities import show_record

DIR_KEY = "eval_dir"
PER_ROW = 4  # metrics per row
_LINK = re.compile(r"\[([^\]]*)\]\(#[^)]*\)")
MIMES = {"html": "text/html", "markdown": "text/markdown", "json": "application/json"}

#: What each suite measures, for a lawyer or evaluator reading the page: (Chinese, English).
SUITE_HELP: dict[str, tuple[str, str]] = {
    "verdicts": ("**裁判规则金标准**：按规范（liability.md）人工写出的事实组合及其应得结论（责任形态、归责、举证责任、引用条文），"
                 "逐项比对本工具的结论。衡量规则引擎是否忠实实现规范。",
                 "**Verdict goldens**: fact sets written by hand from the spec with the verdict each must get (form, "
                 "imputation, burden, citations), compared field by field with the engine."),
    "guard": ("**核查器**：在备忘录中故意植入错误（虚构条文、与结论矛盾的表述等），统计核查器发现的比例（检出率）"
              "以及对无误备忘录的误报率。", "**Guard**: memos with planted defects (invented articles, conclusions "
              "contradicting the verdict); the share the guard catches, and false alarms on clean memos."),
    "cases": ("**法院案例对照**：消费者诉平台的已报道判决，按判决认定的事实录入，逐一用各学说方案计算，并与法院实际结论比对。"
              "“结论”一栏为保守结论（事实不明则“暂无法确定”），“依现有记录”一栏按举证责任分配处理不明事实（如法院对待未证事实）。"
              "同时给出基线（一律判“不承担责任”、一律判多数结论）：样本小、经过选择，数字用于了解规则与法院的差距，并非准确率目标。",
              "**Court cases**: reported judgments of consumers against platforms, entered as the facts the court "
              "found, classified under every doctrine profile and compared with the court; the form is the "
              "conservative answer, 'on the record' resolves unknowns by the burden of proof; baselines (always no "
              "liability, majority) beside it. A small, selected sample: a gap to read, not an accuracy target."),
    "retrieval": ("**检索**：以带标注的查询检验能否检索到正确条文（前5召回率、平均倒数排名、前10归一化折损累计增益），"
                  "分别给出关键词、向量和混合检索。",
                  "**Retrieval**: labelled queries; whether the right provisions are found (recall@5, MRR, nDCG@10) "
                  "for keyword, vector and hybrid search."),
    "memos": ("**备忘录**：按金标准事实起草备忘录，检查引用是否均能在语料中找到、结论是否与裁判结论一致、各部分是否齐全。",
              "**Memos**: memos drafted for the goldens; every citation resolves, the conclusion matches the verdict, "
              "every section is present."),
}
COURT_COLUMNS = {  # court-table column → (Chinese, English)
    "case_name": ("案例", "Case"), "court": ("法院", "Court"), "case_number": ("案号", "Case no."),
    "tier": ("案例层级", "Tier"), "court_form": ("法院结论", "Court"), "form": ("本工具结论", "Engine"),
    "on_record": ("依现有记录", "On the record"), "source": ("来源", "Source"),
}


def _text(pair: tuple[str, str]) -> str:
    return pair[1 if lang() == "en" else 0]


def _corpus() -> Any:
    try:
        return services.corpus(services.settings())
    except Exception:  # the page still shows the figures without the corpus (ids then stay as they are)
        return None


def _heading(name: str) -> str:
    """A report table's column heading through the translation table (the written report's headings are English)."""
    pair = VALUE_LABELS["column"].get(name)
    return _text(pair) if pair else (word_label(name) or humanize(name))


def _cell(value: Any, corpus: Any) -> Any:
    """A report cell through the translation table: engine words (forms, facts, profiles) and provision ids in
    Chinese, case slugs as the case's name; numbers stay numbers so the table sorts."""
    if not isinstance(value, str):
        return value
    plain = _plain(value)
    case = corpus.get(plain) if corpus is not None and plain and " " not in plain else None
    if case is not None and hasattr(case, "case_name"):
        return case.case_name
    return word_label(plain) or humanize(plain, corpus_cite(corpus))


def _generate(report_dir: str) -> None:
    """Run the fast suites into ``report_dir`` (no index, no model; seconds) and show the new report."""
    services.eval_report_dir()  # puts the repository (the ``evals`` package) on the path
    from evals.report.first_run import FAST_SUITES, ensure_report

    with st.spinner(_text(("正在运行快速评测套件……", "Running the fast eval suites…"))):
        ensure_report(report_dir)
    st.session_state["eval_generated"] = ", ".join(FAST_SUITES)
    st.rerun()


def _no_report(message: str, report_dir: str) -> None:
    st.info(message)
    if st.button(_text(("立即生成评测报告（快速套件：裁判规则、核查器、法院案例，约数秒）",
                      "Write a report now (fast suites: verdicts, guard, court cases; seconds)")),
                 key="eval_generate", type="primary"):
        _generate(report_dir)
    st.code(services.eval_command(report_dir), language="bash")


def _metrics(suite: Any) -> None:
    rows = [suite.headline[i:i + PER_ROW] for i in range(0, len(suite.headline), PER_ROW)]
    for row in rows:
        for col, (figure, shown, _raw) in zip(st.columns(PER_ROW), row):
            col.metric(metric_label(figure), shown)


def _plain(cell: Any) -> str:
    """A report cell without its Markdown link to the written report's details (``[id](#anchor)`` → ``id``)."""
    return _LINK.sub(r"\1", str(cell))


def _tables(suite: Any) -> None:
    corpus = _corpus()
    cite = corpus_cite(corpus)
    for block in suite.tables:
        if block[0] == "table":
            rows = [[_cell(c, corpus) for c in r] for r in block[2]]
            st.dataframe(pd.DataFrame(rows, columns=[_heading(h) for h in block[1]]), hide_index=True, width="stretch")
        elif block[1].startswith(("WARNING:", "警告：")):  # e.g. replayed replies out of line with the goldens
            st.warning(humanize(block[1], cite))
        else:
            st.caption(humanize(block[1], cite))


def _worst(suite: Any) -> None:
    st.markdown(f"**{t('eval_worst', n=len(suite.worst_rows))}**")
    if not suite.worst_rows:
        st.caption(t("eval_worst_none"))
        return
    corpus = _corpus()
    # the first cell is the item's id, as the details picker below lists it; the others through the table
    table = pd.DataFrame([[str(r[0]), *(_cell(str(c), corpus) for c in r[1:])] for r in suite.worst_rows],
                         columns=[_heading(h) for h in suite.worst_headers]).astype(str)
    st.dataframe(table, hide_index=True, width="stretch")
    ids = list(suite.worst_details)
    chosen = st.selectbox(t("eval_detail"), ids, key=f"eval_detail_{suite.name}")
    st.json(suite.worst_details.get(chosen, {}), expanded=False)


def _court_table(report: Any) -> None:
    """Every court case of the run with court, 案号, tier, the court's and the engine's form, and its record."""
    services.eval_report_dir()  # puts the repository (the ``evals`` package) on the path
    from evals.report import load_results
    from evals.report.cases_tables import court_rows

    items = (load_results(report.dir).get("suites", {}).get("cases") or {}).get("items") or []
    if not items:
        return
    try:
        corpus = services.corpus(services.settings())
    except Exception:  # the table still shows the figures without the corpus
        corpus = None
    rows = court_rows(items, corpus)
    default = label("doctrine", "qin2025")
    st.markdown(f"**{_text((f'法院案例一览（默认学说方案：{default}）', f'The court cases (default profile: {default})'))}**")
    for row in rows:
        for key in ("court_form", "form", "on_record"):
            row[key] = label("liability_form", row[key]) if row[key] else "—"
    table = pd.DataFrame([{_text(COURT_COLUMNS[k]): row[k] for k in COURT_COLUMNS} for row in rows])
    st.dataframe(table.astype(str), hide_index=True, width="stretch", key="eval_court_table",
                 column_config={_text(COURT_COLUMNS["source"]): st.column_config.LinkColumn()})
    if corpus is not None:
        names = {row["id"]: row["case_name"] for row in rows}
        chosen = st.selectbox(_text(("查看案例记录", "Open a case record")), list(names), key="eval_case_record",
                              format_func=lambda cid: names[cid])
        show_record(corpus, chosen, heading=names[chosen])


def _suite(suite: Any, report: Any = None) -> None:
    if suite.name in SUITE_HELP:
        st.markdown(_text(SUITE_HELP[suite.name]))
    if suite.skipped:
        st.warning(t("eval_skipped", reason=suite.skipped))
        return
    _metrics(suite)
    st.caption(t("eval_suite_time", seconds=suite.seconds))
    _tables(suite)
    if suite.name == "cases" and report is not None:
        _court_table(report)
    if suite.charts:
        st.markdown(f"**{t('eval_charts')}**")
        for chart in suite.charts:
            st.image(str(chart), caption=label("chart", chart.stem) if chart.stem in VALUE_LABELS["chart"]
                     else humanize(chart.stem))
    _worst(suite)


def _downloads(report: Any) -> None:
    files = report.files
    for col, (kind, path) in zip(st.columns(max(len(files), 1)), files.items()):
        col.download_button(t("eval_download", fmt=Path(path).name), data=Path(path).read_bytes(),
                            file_name=Path(path).name, mime=MIMES.get(kind), key=f"eval_dl_{kind}")


def render() -> None:
    """Draw the eval page."""
    st.subheader(t("eval_title"))
    try:
        default = str(services.eval_report_dir())
    except Unavailable as exc:
        st.warning(str(exc))
        return
    st.session_state.setdefault(DIR_KEY, default)
    report_dir = (st.text_input(t("eval_dir"), key=DIR_KEY, help=t("eval_dir_help")) or default).strip()
    try:
        report = services.eval_report(report_dir)
    except (OSError, ValueError) as exc:  # a half-written or foreign JSON: say so, show how to write a fresh one
        _no_report(t("eval_unreadable", dir=report_dir, error=f"{type(exc).__name__}: {exc}"), report_dir)
        return
    if report is None:
        _no_report(t("eval_none", dir=report_dir), report_dir)
        return
    generated = st.session_state.pop("eval_generated", None)
    if generated:
        st.success(_text((f"已生成评测报告（快速套件：{generated}）。检索与备忘录套件需要索引：make eval。",
                        f"Report written (fast suites: {generated}). Retrieval and memos need the index: make eval.")))
    meta = report.meta
    st.caption(t("eval_meta", started=meta.get("started_at", "?"), commit=meta.get("git_commit") or "n/a",
                 seconds=meta.get("seconds", "?"), llm=meta.get("llm", "?"),
                 corpus=str(meta.get("corpus_hash") or "n/a")[:12], dir=report.dir))
    if report.regressions:
        st.error(t("eval_regressions", n=len(report.regressions),
                   figures=", ".join(r["figure"] for r in report.regressions)))
    _downloads(report)
    if not report.suites:
        return
    for tab, suite in zip(st.tabs([label("suite", s.name) for s in report.suites]), report.suites):
        with tab:
            _suite(suite, report)
