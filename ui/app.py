"""LexMemo's Streamlit app: matter page (起草备忘录), batch triage (批量分诊) and the eval report (评测报告). Start it with ``lexmemo ui``.

Chinese by default (English toggle in the sidebar); settings come from ``LEXMEMO_*`` environment variables;
saved matters live in SQLite under ``settings.data_dir``. Query parameters: ``?matter=ID``, ``?example=NAME``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

# Streamlit runs this file as a script: make its sibling modules (i18n, services, views) importable.
_HERE = str(Path(__file__).resolve().parent)
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import streamlit as st  # noqa: E402

import services  # noqa: E402
from i18n import t  # noqa: E402
from views import eval_page, layout, matter_page, sidebar, triage_page  # noqa: E402


def main() -> None:
    """Draw one run of the app."""
    st.set_page_config(page_title="LexMemo · 电商平台责任备忘录", page_icon="⚖️", layout="wide",
                       initial_sidebar_state="expanded")
    layout.apply()  # labels wrap, never cut with "…" (issue 16)
    settings = services.settings()
    try:
        store = services.store(settings)
        page = sidebar.render(store, settings.doctrine)
        st.title(t("app_title"))
        for kind, text in st.session_state.pop("flash", []):
            getattr(st, kind)(text)
        if page == "triage":
            triage_page.render()
        elif page == "eval":
            eval_page.render()
        else:
            matter_page.render(store)
    finally:  # also when the run is stopped or rerun (st.stop/st.rerun raise): the run's reads are audited
        services.flush_audit()


main()
