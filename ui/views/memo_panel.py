"""The memo: draft with the chosen drafter (the draft row is saved before the drafter runs), edit it, see the
guard's findings re-run on every edit, download .md and .docx, read the receipt and the version history.
"""

from __future__ import annotations

import json
from typing import Any

import streamlit as st

import services
from assistant.store import MatterStore
from i18n import t
from services import Unavailable
from views.state import MEMO_KEY

GUARD_LISTS = ("unresolved", "out_of_force", "conclusion_mismatches", "unlisted")


def _error_message(exc: BaseException, drafter: str, timeout: float) -> str:
    """A clear message with next steps, chosen by the kind of failure (connection, timeout, other).

    The drafting chain wraps model failures (DraftingError); the kind is read from the whole cause chain.
    """
    chain: list[BaseException] = []
    cur: BaseException | None = exc
    while cur is not None and cur not in chain:
        chain.append(cur)
        cur = cur.__cause__ or cur.__context__
    names = " ".join(c.__name__ for e in chain for c in type(e).__mro__)
    error = f"{type(exc).__name__}: {exc}"
    if "Timeout" in names:
        return t("err_timeout", drafter=drafter, timeout=timeout, error=error)
    if "Connect" in names or any(isinstance(e, (OSError, ConnectionError)) for e in chain):
        return t("err_connect", drafter=drafter, error=error)
    if "DrafterConfigError" in names:
        return t("err_config", drafter=drafter, error=error)
    return t("err_draft", drafter=drafter, error=error)


def _run_draft(store: MatterStore, matter_id: str, facts: Any, drafter: str, doctrine: str) -> None:
    s = services.settings()
    version = store.latest_facts(matter_id)
    memo_id = store.begin_draft(matter_id, drafter, version.id if version else None)  # saved before the LLM runs
    try:
        with st.spinner(t("drafting", drafter=drafter)):
            result = services.draft(facts, s, drafter, doctrine)
    except Unavailable as exc:
        store.fail_draft(memo_id, f"unavailable: {exc}")
        st.warning(t("drafting_unavailable", error=exc))
        return
    except Exception as exc:  # the LLM boundary: any failure is reported, kept as a failed version
        store.fail_draft(memo_id, f"{type(exc).__name__}: {exc}")
        st.error(_error_message(exc, drafter, s.llm_timeout_s))
        return
    memo = store.complete_draft(memo_id, result.memo, result.receipt, bool(result.guard.get("ok")), result.guard)
    if result.needs_review:
        st.error(t("guard_failed"))
    st.session_state[MEMO_KEY] = result.memo
    st.session_state["memo_saved_text"] = result.memo
    st.session_state["memo_version"] = memo
    st.session_state["guard_checked"] = (result.memo, result.report)
    st.success(t("memo_saved", id=memo.id))


def _guard(text: str, verdict: Any, event_date: Any, receipt: dict[str, Any] | None) -> Any:
    """The guard report for ``text`` (re-run only when the text changed since the last check)."""
    checked = st.session_state.get("guard_checked")
    if checked and checked[0] == text:
        return checked[1]
    try:
        report = services.check(text, verdict, event_date, receipt, services.settings())
    except Unavailable as exc:
        st.caption(t("guard_unavailable", error=exc))
        return None
    st.session_state["guard_checked"] = (text, report)
    return report


def _finding_line(finding: dict[str, Any]) -> str:
    text = finding.get("text") or ""
    return f"- {('「' + text + '」：') if text else ''}{finding.get('reason', json.dumps(finding, ensure_ascii=False))}"


def _findings(text: str, report: Any) -> None:
    st.markdown(f"**{t('guard')}**")
    if report is None:
        return
    data = report.to_json()
    if data.get("ok"):
        st.success(t("guard_ok"))
        return
    st.error(t("guard_failed"))
    for name in GUARD_LISTS:
        items = data.get(name) or []
        if items:
            st.markdown(f"*{t('g_' + name)}*（{len(items)}）")
            st.markdown("\n".join(_finding_line(i) for i in items))
    with st.expander(t("highlighted")):
        st.markdown(services.highlight(text, report))


def _restore() -> None:
    memo = st.session_state.get("history_versions", {}).get(st.session_state.get("history_pick"))
    if memo is not None and memo.markdown:
        st.session_state[MEMO_KEY] = memo.markdown


def _history(store: MatterStore, matter_id: str) -> None:
    versions = store.memo_history(matter_id)
    with st.expander(t("history") + f"（{len(versions)}）"):
        if not versions:
            st.caption(t("no_history"))
            return
        by_id = {v.id: v for v in versions}
        st.session_state["history_versions"] = by_id

        def describe(i: int) -> str:
            v = by_id[i]
            ok = "—" if v.guard_ok is None else ("✓" if v.guard_ok else "✗ " + t("needs_review"))
            return f"#{v.id} · {t('status_' + v.status)} · {v.drafter} · {v.created[:19]} · {ok}"

        pick = st.selectbox(t("history"), list(by_id), key="history_pick", format_func=describe)
        chosen = by_id.get(pick)
        if chosen is not None:
            if chosen.error:
                st.error(chosen.error)
            if chosen.receipt:
                st.json(chosen.receipt, expanded=False)
            st.button(t("restore"), key="restore", on_click=_restore, disabled=not chosen.markdown)


def render(store: MatterStore, matter_id: str, matter_name: str, facts: Any, verdict: Any) -> None:
    """Draw the memo section of the matter page."""
    st.subheader(t("memo"))
    s = services.settings()
    options = ["template"] + ([s.llm] if s.llm != "template" else [])
    if st.session_state.get("drafter") not in options:
        st.session_state["drafter"] = options[-1]
    drafter = st.selectbox(t("drafter"), options, key="drafter",
                           format_func=lambda d: t("drafter_template") if d == "template" else d)
    if st.button(t("draft"), key="draft", disabled=verdict is None):
        _run_draft(store, matter_id, facts, drafter, st.session_state.get("doctrine", s.doctrine))
    if verdict is None:
        st.caption(t("need_verdict"))

    left, right = st.columns([3, 2])
    with left:
        st.text_area(t("memo_text"), key=MEMO_KEY, height=520)
    text = st.session_state.get(MEMO_KEY) or ""
    previous = st.session_state.get("memo_version")
    base_receipt = previous.receipt if previous is not None else None
    report = (_guard(text, verdict, getattr(facts, "event_date", None), base_receipt)
              if text.strip() and verdict else None)
    if text.strip() and text != st.session_state.get("memo_saved_text"):
        receipt = {**base_receipt, "edited_from_version": previous.id} if base_receipt else None
        guard = report.to_json() if report is not None else None
        memo = store.save_edit(matter_id, text, None if guard is None else bool(guard["ok"]), guard, receipt)
        st.session_state["memo_saved_text"] = text
        st.session_state["memo_version"] = memo
    with right:
        if text.strip():
            _findings(text, report)
    if text.strip():
        cols = st.columns(3)
        cols[0].download_button(t("download_md"), data=text.encode("utf-8"), file_name=f"{matter_name}.md",
                                mime="text/markdown", key="dl_md")
        try:
            cached = st.session_state.get("docx_cache")
            data = cached[1] if cached and cached[0] == text else services.docx_bytes(text)
            st.session_state["docx_cache"] = (text, data)
        except Unavailable as exc:
            cols[1].caption(t("docx_unavailable", error=exc))
        except Exception as exc:  # an export bug must not hide the memo
            cols[1].caption(t("docx_unavailable", error=f"{type(exc).__name__}: {exc}"))
        else:
            cols[1].download_button(
                t("download_docx"), data=data, file_name=f"{matter_name}.docx", key="dl_docx",
                mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            )
        memo = st.session_state.get("memo_version")
        if memo is not None and memo.receipt:
            with st.expander(t("receipt")):
                st.json(memo.receipt)
    _history(store, matter_id)
