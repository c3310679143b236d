"""The triage page: upload a CSV/JSONL/XLSX of claims, run the batch with a progress bar (rate and ETA), show a
sortable table (already sorted by priority), download it as CSV (UTF-8 with BOM, opens in Excel), XLSX or JSONL.

Parsing, extraction, classification, priority and the output format all come from ``assistant.triage``.
"""

from __future__ import annotations

import time
from typing import Any

import pandas as pd
import streamlit as st

import services
from i18n import label, t
from services import Unavailable
from views.facts_form import DOCTRINES

FORMATS = (("csv", "text/csv"), ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
           ("jsonl", "application/jsonl"))


def _run(data: bytes, filename: str, doctrine: str) -> None:
    try:
        rows, encoding = services.read_claims(data, filename)
    except Unavailable as exc:
        st.warning(t("triage_unavailable", error=exc))
        return
    except Exception as exc:  # an unreadable file (wrong type, not claims): say why, keep the page
        st.error(t("triage_bad_file", error=f"{type(exc).__name__}: {exc}"))
        return
    total = max(len(rows), 1)
    bar = st.progress(0.0, text=t("triage_progress", done=0, total=len(rows)))
    start = time.perf_counter()

    def on_row(done: int, _record: dict[str, Any]) -> None:
        if done == len(rows) or done % 10 == 0:
            elapsed = max(time.perf_counter() - start, 1e-9)
            rate = done / elapsed
            eta = (len(rows) - done) / rate if rate else 0.0
            bar.progress(done / total, text=t("triage_progress", done=done, total=len(rows))
                         + f" · {rate:.0f}/s · ETA {eta:.0f}s")

    records = services.triage_rows(rows, doctrine, on_row)
    st.session_state["triage_result"] = {
        "records": records, "encoding": encoding, "file": filename,
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
    columns, cells = services.triage_table(records)
    st.dataframe(pd.DataFrame(cells, columns=list(columns)), key="triage_table", hide_index=True, width="stretch")
    stem = result["file"].rsplit(".", 1)[0]
    for col, (fmt, mime) in zip(st.columns(len(FORMATS)), FORMATS):
        try:
            data = services.triage_bytes(records, fmt)
        except Exception as exc:  # e.g. openpyxl missing: the other formats still download
            col.caption(f"{fmt}: {exc}")
            continue
        col.download_button(t("triage_download", fmt=fmt.upper()), data=data, file_name=f"{stem}.triage.{fmt}",
                            mime=mime, key=f"triage_dl_{fmt}")
