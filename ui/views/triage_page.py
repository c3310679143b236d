"""The triage page: upload a CSV/JSONL/XLSX of claims, run the batch with a progress bar (rate and ETA), show the
rows under review in their own tab first (not ranked), then the ranked rows (filters by liability form,
category and limitation status) and the failed rows, in Chinese; download as CSV (UTF-8 with BOM, opens in Excel), XLSX or JSONL.

Every run is saved in the matter database as a batch (``assistant.store.batches``): it survives a reload, can
be reopened and compared with another run, and any row opens as a matter with its narrative and facts.
Parsing, extraction, classification, priority and the output format all come from ``assistant.triage``.
"""

from __future__ import annotations

import time
from typing import Any

import pandas as pd
import streamlit as st

import services
from engine_text import humanize, word_label
from i18n import label, t
from services import Unavailable
from views.facts_form import DOCTRINES

FORMATS = (("csv", "text/csv"), ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
           ("jsonl", "application/jsonl"))


def _batches():
    # team mode (issue 17): the signed-in lawyer's own batches only, every access audited (BatchView)
    return services.batches(services.settings())


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
    try:  # saved before it is shown: a reload finds it again
        batch_id = _batches().save(filename, records, doctrine, encoding)
    except Exception as exc:  # the table is still shown (and downloadable) when the database is unusable
        st.warning(f"分诊结果未能保存：{type(exc).__name__}: {exc}")
        batch_id = None
    st.session_state["triage_result"] = {"records": records, "encoding": encoding, "file": filename,
                                         "failed": sum(1 for r in records if r.get("error")), "batch_id": batch_id}


# Columns shown as they are: the claimant's own words, and the row errors, which name the file's columns as the
# paralegal typed them (``event_date: bad date``) so the file can be fixed.
_AS_TYPED = {"id", "narrative", "error"}


def cell_text(column: str, value: Any) -> str:
    """A cell value as the paralegal reads it: triage's Chinese, and any engine word left in it (a fact name in the
    evidence column, a form triage does not name) through the one translation table (issue 16)."""
    from assistant.triage.display import zh_value

    text = zh_value(column, value)
    return word_label(text) or humanize(text)


def _table(records: list[dict[str, Any]], key: str, ranked: bool = False) -> None:
    from assistant.triage.display import SCREEN_COLUMNS, zh_table

    columns, cells = zh_table(records)
    names = [c for c, _ in SCREEN_COLUMNS]
    cells = [[v if names[i] in _AS_TYPED or not isinstance(v, str) else (word_label(v) or humanize(v))
              for i, v in enumerate(row)] for row in cells]
    frame = pd.DataFrame(cells, columns=list(columns))
    if not ranked:  # rows under review or failed have no rank: no priority column (not a column of "None")
        frame = frame.drop(columns=[columns[0]])
    st.dataframe(frame, key=key, hide_index=True, width="stretch")


def _open_matter(batch_id: str, record_id: str) -> None:
    """Callback: create a matter from the row and switch to the matter page with it loaded."""
    from views import state

    store = services.store(services.settings())  # team mode: the lawyer's view, so the new matter is theirs
    matter = _batches().open_as_matter(store, batch_id, record_id)
    state.load_matter(store, matter.id)
    st.session_state["page"] = "matter"


def _saved(result: dict[str, Any] | None) -> None:
    """Reopen or compare saved batches (every run is saved)."""
    try:
        saved = _batches().list()
    except Exception as exc:  # no database: the page still works for this session
        st.caption(f"已保存的分诊批次不可用：{exc}")
        return
    if not saved:
        return
    names = {b.id: f"{b.name} · {b.created[:19].replace('T', ' ')} · {b.total} 行（失败 {b.failed}，待复核 {b.flagged}）"
             for b in saved}
    with st.expander(f"已保存的分诊批次（{len(saved)}）", expanded=result is None):
        chosen = st.selectbox("批次", list(names), format_func=names.get, key="triage_saved")
        if st.button("打开此批次", key="triage_reopen"):
            batch = next(b for b in saved if b.id == chosen)
            records = _batches().load(chosen)
            st.session_state["triage_result"] = {"records": records, "encoding": batch.encoding, "file": batch.name,
                                                 "failed": batch.failed, "batch_id": chosen}
            st.rerun()
        if len(saved) > 1:
            other = st.selectbox("与此批次比较", [b for b in names if b != chosen], format_func=names.get,
                                 key="triage_compare_with")
            if st.button("比较两次运行", key="triage_compare"):
                diff = _batches().compare(other, chosen)
                st.write(f"新增 {len(diff['added'])} 行，删除 {len(diff['removed'])} 行，结果变化 {len(diff['changed'])} 行")
                rows = [{"编号": rid, "字段": f, "之前": str(a), "之后": str(b)}
                        for rid, fields in diff["changed"].items() for f, (a, b) in fields.items()]
                if rows:
                    st.dataframe(pd.DataFrame(rows), key="triage_diff", hide_index=True)


def render() -> None:
    """Draw the triage page."""
    from assistant.triage.display import split_records

    st.subheader(t("triage_title"))
    upload = st.file_uploader(t("triage_upload"), type=["csv", "jsonl", "xlsx"], key="triage_upload")
    st.caption(t("triage_upload_hint"))
    doctrine = st.selectbox(t("doctrine"), DOCTRINES, key="triage_doctrine",
                            format_func=lambda d: label("doctrine", d))
    if st.button(t("triage_run"), key="triage_run", disabled=upload is None) and upload is not None:
        _run(upload.getvalue(), upload.name, doctrine)
    result = st.session_state.get("triage_result")
    _saved(result)
    if not result:
        return
    records = result["records"]
    review, ranked, failed = split_records(records)
    st.success(t("triage_done", total=len(records), failed=result["failed"])
               + f"（{result['file']}, {result['encoding']}）；待人工复核 {len(review)} 行（未排序，见第一个标签页）")
    tabs = st.tabs([f"待复核（{len(review)}）", f"已排序（{len(ranked)}）", f"失败（{len(failed)}）"])
    with tabs[0]:
        st.caption("这些行的事实读取置信度低，或文字不像索赔陈述（乱码、空白、其他语言）：请人工阅读，不参与排序。")
        _table(review, "triage_review")
    with tabs[1]:
        forms = sorted({cell_text("liability_form", r.get("liability_form")) for r in ranked})
        cats = sorted({cell_text("category", r.get("category")) for r in ranked})
        lims = sorted({cell_text("limitation_status", r.get("limitation_status")) for r in ranked})
        c1, c2, c3 = st.columns(3)
        pick_forms = c1.multiselect("责任形态", forms, key="triage_filter_form")
        pick_cats = c2.multiselect("商品或服务类别", cats, key="triage_filter_category")
        pick_lims = c3.multiselect("诉讼时效（对平台）", lims, key="triage_filter_limitation")
        picks = {"liability_form": pick_forms, "category": pick_cats, "limitation_status": pick_lims}
        shown = [r for r in ranked if all(not pick or cell_text(c, r.get(c)) in pick for c, pick in picks.items())]
        _table(shown, "triage_table", ranked=True)
    with tabs[2]:
        _table(failed, "triage_failed")
    if result.get("batch_id"):
        ids = [str(r.get("id")) for r in records]
        c1, c2 = st.columns([3, 1])
        rid = c1.selectbox("将某一行打开为事项", ids, key="triage_open_id")
        c2.button("打开为事项", key="triage_open", on_click=_open_matter, args=(result["batch_id"], rid))
    stem = result["file"].rsplit(".", 1)[0]
    for col, (fmt, mime) in zip(st.columns(len(FORMATS)), FORMATS):
        try:
            data = services.triage_bytes(records, fmt)
        except Exception as exc:  # e.g. openpyxl missing: the other formats still download
            col.caption(f"{fmt}: {exc}")
            continue
        col.download_button(t("triage_download", fmt=fmt.upper()), data=data, file_name=f"{stem}.triage.{fmt}",
                            mime=mime, key=f"triage_dl_{fmt}")
