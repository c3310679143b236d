"""The memo: draft with the chosen drafter (the draft row is saved before the drafter runs), edit it, see the
guard's findings re-run whenever the memo text, the facts or the doctrine change, see a memo drafted from facts
that have since changed marked stale, download .md and .docx (marked 需复核 with the same findings when it failed
or is stale), read the receipt and the version history.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

import services
from assistant.store import MatterStore, facts_hash
from i18n import t
from services import Unavailable
from views.memo_marks import marked
from views.review import GUARD_LISTS, finding_text, review_lines, stale_reason
from views.sources import citation_viewer
from views.versions import keep_history_open, render_compare
from views.state import MEMO_KEY, current_doctrine, current_facts, current_memo, on_memo_change, seed_memo_widget, set_memo


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
    # Saved before the LLM runs, with the facts and doctrine it is drafted from (a later change makes it stale).
    memo_id = store.begin_draft(matter_id, drafter, version.id if version else None,
                                facts_hash=facts_hash(current_facts()), doctrine=doctrine)
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
    set_memo(result.memo)
    st.session_state["memo_saved_text"] = result.memo
    st.session_state["memo_version"] = memo
    st.session_state["guard_checked"] = ((result.memo, facts_hash(current_facts()), doctrine), result.report)
    st.success(t("memo_saved", id=memo.id))


def _guard(text: str, verdict: Any, facts: Any, receipt: dict[str, Any] | None) -> Any:
    """The guard report for ``text`` against the current verdict (re-run whenever the memo text, the facts or the
    doctrine changed since the last check)."""
    basis = (text, facts_hash(current_facts()), current_doctrine())
    checked = st.session_state.get("guard_checked")
    if checked and checked[0] == basis:
        return checked[1]
    try:
        report = services.check(text, verdict, getattr(facts, "event_date", None), receipt, services.settings(),
                                facts=facts)
    except Unavailable as exc:
        st.caption(t("guard_unavailable", error=exc))
        return None
    st.session_state["guard_checked"] = (basis, report)
    return report


def _findings(text: str, report: Any, stale: str | None) -> None:
    """The check result: the stale banner (never a green check then), the guard's findings by kind."""
    st.markdown(f"**{t('guard')}**")
    if stale:
        st.error(t(stale))
    if report is None:
        return
    data = report.to_json()
    if data.get("ok"):
        if not stale:
            st.success(t("guard_ok"))
        return
    st.error(t("guard_failed"))
    with st.container(key="guard_findings"):
        for name in GUARD_LISTS:
            items = data.get(name) or []
            if items:
                st.markdown(f"*{t('g_' + name)}*（{len(items)}）")
                st.markdown("\n".join(f"- {finding_text(i)}" for i in items))
    st.caption(t("marked_in_place"))  # the memo on the left shows each flagged sentence highlighted


def _rendered(text: str, report: Any) -> None:
    """The memo as it reads; when the guard failed, each flagged sentence is highlighted in place with its finding
    right below (display only: the stored and exported memo is ``text`` itself)."""
    if not text.strip():
        st.caption(t("memo_rendered_empty"))
        return
    failed = report is not None and not report.to_json().get("ok")
    if failed:
        st.markdown(marked(text, report), unsafe_allow_html=True)  # memo_marks escapes the memo's own "<"
    else:
        st.markdown(text)


def _restore() -> None:
    keep_history_open()
    memo = st.session_state.get("history_versions", {}).get(st.session_state.get("history_pick"))
    if memo is not None and memo.markdown:
        set_memo(memo.markdown)
        # The edit saved from it inherits this version's basis (facts, doctrine) and receipt, not the latest's.
        st.session_state["memo_version"] = memo


def _history(store: MatterStore, matter_id: str) -> None:
    versions = store.memo_history(matter_id)
    # Stays open once the lawyer picks or compares a version (the pick reruns the page; issue 16).
    with st.expander(t("history") + f"（{len(versions)}）", expanded=bool(st.session_state.get("history_open"))):
        if not versions:
            st.caption(t("no_history"))
            return
        by_id = {v.id: v for v in versions}
        st.session_state["history_versions"] = by_id
        facts, doctrine = current_facts(), current_doctrine()
        # A version drafted from other facts or another doctrine never shows a bare ✓ (issue 11 item 8).
        stale = {v.id for v in versions if v.markdown and stale_reason(store, v, facts, doctrine)}

        def describe(i: int) -> str:
            v = by_id[i]
            ok = "—" if v.guard_ok is None else ("✓" if v.guard_ok else "✗ " + t("needs_review"))
            old = f" · {t('history_stale')}" if i in stale else ""
            # an edit's status already says 人工修改; the template drafter has a short Chinese name
            drafter = {"template": f" · {t('drafter_template_short')}", "edit": ""}.get(v.drafter, f" · {v.drafter}")
            return f"#{v.id} · {t('status_' + v.status)}{drafter} · {v.created[:16].replace('T', ' ')} · {ok}{old}"

        pick = st.selectbox(t("history"), list(by_id), key="history_pick", format_func=describe,
                            on_change=keep_history_open)
        chosen = by_id.get(pick)
        if chosen is not None:
            if chosen.error:
                st.error(chosen.error)
            if chosen.receipt:
                st.json(chosen.receipt, expanded=False)
            st.button(t("restore"), key="restore", on_click=_restore, disabled=not chosen.markdown)
        render_compare(store, by_id, describe)


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
        _run_draft(store, matter_id, facts, drafter, current_doctrine())
    if verdict is None:
        st.caption(t("need_verdict"))

    left, right = st.columns([3, 2])
    with left:
        # Read mode by default (the rendered memo); 编辑 shows the Markdown (issue 16).
        editing = st.toggle(t("memo_edit"), key="memo_edit")
        if editing:
            seed_memo_widget()  # the editor shows the session's memo even after a visit to another page
            st.text_area(t("memo_text"), key=MEMO_KEY, height=520, on_change=on_memo_change)
    text = current_memo()
    previous = st.session_state.get("memo_version")
    base_receipt = previous.receipt if previous is not None else None
    report = (_guard(text, verdict, facts, base_receipt)
              if text.strip() and verdict else None)
    guard = report.to_json() if report is not None else None
    if text.strip() and text != st.session_state.get("memo_saved_text"):
        receipt = {**base_receipt, "edited_from_version": previous.id} if base_receipt else None
        memo = store.save_edit(matter_id, text, None if guard is None else bool(guard["ok"]), guard, receipt,
                               based_on=previous)
        st.session_state["memo_saved_text"] = text
        st.session_state["memo_version"] = memo
    stale = stale_reason(store, st.session_state.get("memo_version"), current_facts(), current_doctrine()) \
        if text.strip() else None
    if not editing:
        with left, st.container(key="memo_view"):
            _rendered(text, report)
    with right:
        if text.strip():
            _findings(text, report, stale)
            try:
                corpus = services.corpus(s)
            except Exception:  # a broken corpus is reported by the authorities panel; the memo stays readable
                corpus = None
            citation_viewer(corpus, report)
    if text.strip():
        # Both exports carry 需复核 and the findings shown above when the memo failed the check or is stale.
        findings = review_lines(guard, stale) if (stale or (guard is not None and not guard.get("ok"))) else []
        exported = services.mark_for_review(text, findings)
        cols = st.columns(3)
        cols[0].download_button(t("download_md"), data=exported.encode("utf-8"), file_name=f"{matter_name}.md",
                                mime="text/markdown", key="dl_md", on_click=services.record_export, args=(matter_id, "md"))
        try:
            cache_key = (text, tuple(findings), matter_name)
            cached = st.session_state.get("docx_cache")
            data = cached[1] if cached and cached[0] == cache_key else services.docx_bytes(text, findings, matter_name)
            st.session_state["docx_cache"] = (cache_key, data)
        except Unavailable as exc:
            cols[1].caption(t("docx_unavailable", error=exc))
        except Exception as exc:  # an export bug must not hide the memo
            cols[1].caption(t("docx_unavailable", error=f"{type(exc).__name__}: {exc}"))
        else:
            cols[1].download_button(
                t("download_docx"), data=data, file_name=f"{matter_name}.docx", key="dl_docx",
                on_click=services.record_export, args=(matter_id, "docx"),  # team mode: audited (issue 17)
                mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            )
        memo = st.session_state.get("memo_version")
        if memo is not None and memo.receipt:
            with st.expander(t("receipt")):
                st.json(memo.receipt)
    _history(store, matter_id)
