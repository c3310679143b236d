"""The eval page (评测报告): the latest report written by ``lexmemo eval --suite all --report evals/reports/latest`` —
the run's date and commit, each suite's headline figures as metrics, its tables and charts, and its worst cases.

Nothing is computed here: ``evals.report.summary`` reads ``results.json`` and formats the figures as the report does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

import services
from i18n import t
from services import Unavailable

DIR_KEY = "eval_dir"
PER_ROW = 4  # metrics per row
MIMES = {"html": "text/html", "markdown": "text/markdown", "json": "application/json"}


def _no_report(message: str, report_dir: str) -> None:
    st.info(message)
    st.code(services.eval_command(report_dir), language="bash")


def _metrics(suite: Any) -> None:
    rows = [suite.headline[i:i + PER_ROW] for i in range(0, len(suite.headline), PER_ROW)]
    for row in rows:
        for col, (figure, shown, _raw) in zip(st.columns(PER_ROW), row):
            col.metric(figure, shown)


def _tables(suite: Any) -> None:
    for block in suite.tables:
        if block[0] == "table":
            st.dataframe(pd.DataFrame([list(r) for r in block[2]], columns=list(block[1])).astype(str),
                         hide_index=True, width="stretch")
        elif block[1].startswith("WARNING:"):  # e.g. a replay file whose replies did not line up with the goldens
            st.warning(block[1])
        else:
            st.caption(block[1])


def _worst(suite: Any) -> None:
    st.markdown(f"**{t('eval_worst', n=len(suite.worst_rows))}**")
    if not suite.worst_rows:
        st.caption(t("eval_worst_none"))
        return
    table = pd.DataFrame([list(r) for r in suite.worst_rows], columns=suite.worst_headers).astype(str)
    st.dataframe(table, hide_index=True, width="stretch")
    ids = list(suite.worst_details)
    chosen = st.selectbox(t("eval_detail"), ids, key=f"eval_detail_{suite.name}")
    st.json(suite.worst_details.get(chosen, {}), expanded=False)


def _suite(suite: Any) -> None:
    if suite.skipped:
        st.warning(t("eval_skipped", reason=suite.skipped))
        return
    _metrics(suite)
    st.caption(t("eval_suite_time", seconds=suite.seconds))
    _tables(suite)
    if suite.charts:
        st.markdown(f"**{t('eval_charts')}**")
        for chart in suite.charts:
            st.image(str(chart), caption=chart.stem)
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
    for tab, suite in zip(st.tabs([s.name for s in report.suites]), report.suites):
        with tab:
            _suite(suite)
