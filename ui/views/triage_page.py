"""The triage page: upload a CSV/JSONL (or XLSX) of claims, run the batch row by row with a progress bar, show a
sortable table (priority first), download it as CSV (UTF-8 with BOM, opens in Excel) or JSONL.

Parsing, extraction, classification and priority all come from ``assistant.triage``; this page only loops.
"""

from __future__ import annotations

import io
import json
import time
from typing import Any

import pandas as pd
import streamlit as st

import services
from i18n import label, t
from services import Unavailable
from views.facts_form import DOCTRINES


def _cell(value: Any) -> Any:
    """Lists as '；'-joined text so the table and the CSV stay readable."""
    if isinstance(value, (list, tuple)):
        return "；".join(str(v) for v in value)
    return value


def to_frame(records: list[dict[str, Any]], columns: tuple[str, ...]) -> pd.DataFrame:
    """The triage records as a table sorted by priority (most urgent first), then input row."""
    frame = pd.DataFrame([{c: _cell(r.get(c)) for c in columns} for r in records], columns=list(columns))
    sort = [c for c in ("priority", "row") if c in frame.columns]
    return frame.sort_values(sort, kind="stable", na_position="last").reset_index(drop=True) if sort else frame


def _run(data: bytes, filename: str, doctrine: str) -> None:
    try:
        rows, encoding = services.read_claims(data, filename)
    except Unavailable as exc:
        st.warning(t("triage_unavailable", error=exc))
        return
    except Exception as exc:  # an unreadable file: say why, keep the page
        st.error(t("triage_bad_file", error=f"{type(exc).__name__}: {exc}"))
        return
    total = len(rows)
    bar = st.progress(0.0, text=t("triage_progress", done=0, total=total))
    records: list[dict[str, Any]] = []
    start = time.perf_counter()
    for i, row in enumerate(rows, 1):
        records.append(services.triage_row(row, doctrine))
        if i == total or i % 10 == 0:
            rate = i / max(time.perf_counter() - start, 1e-9)
            bar.progress(i / total, text=t("triage_progress", done=i, total=total) + f" · {rate:.0f}/s")
    st.session_state["triage_result"] = {
        "records": records, "columns": services.triage_columns(), "encoding": encoding, "file": filename,
        "failed": sum(1 for r in records if r.get("error")),
    }


def render() -> None:
    """Draw the triage page."""
    st.subheader(t("triage_title"))
    upload = st.file_uploader(t("triage_upload"), type=["csv", "jsonl", "xlsx"], key="triage_upload")
    doctrine = st.selectbox(t("doctrine"), DOCTRINES, key="triage_doctrine",
                            format_func=lambda d: label("doctrine", d))
    if st.button(t("triage_run"), key="triage_run", disabled=upload is None) and upload is not None:
        _run(upload.getvalue(), upload.name, doctrine)
    result = st.session_state.get("triage_result")
    if not result:
        return
    records = result["records"]
    st.success(t("triage_done", total=len(records), failed=result["failed"]) + f"（{result['file']}, {result['encoding']}）")
    frame = to_frame(records, result["columns"])
    st.dataframe(frame, key="triage_table", hide_index=True, use_container_width=True)
    stem = result["file"].rsplit(".", 1)[0]
    buf = io.StringIO()
    frame.to_csv(buf, index=False)
    c1, c2 = st.columns(2)
    c1.download_button(t("triage_download"), data=buf.getvalue().encode("utf-8-sig"), file_name=f"{stem}.triage.csv",
                       mime="text/csv", key="triage_dl_csv")
    jsonl = "\n".join(json.dumps(r, ensure_ascii=False, default=str) for r in records) + "\n"
    c2.download_button(t("triage_download_jsonl"), data=jsonl.encode("utf-8"), file_name=f"{stem}.triage.jsonl",
                       mime="application/jsonl", key="triage_dl_jsonl")
