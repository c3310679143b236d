"""Who owns the open matter and who it is shared with (team mode, issue 17); the owner shares or unshares it here.

Only shown when a lawyer is signed in (``services.current_user``): in local use matters have no owner. Every read and
change goes through the lawyer's ``LawyerView`` (``store``), so it is checked (only the owner may share) and audited.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

import services
from assistant.store import StoreError

SHARE_KEY = "share_with"
UNSHARE_KEY = "unshare_who"


def _flash(kind: str, text: str) -> None:
    st.session_state.setdefault("flash", []).append((kind, text))


def _share(store: Any, matter_id: str) -> None:
    """Button callback: share the matter with the lawyer picked."""
    who = st.session_state.get(SHARE_KEY)
    if not who:
        return
    try:
        store.share(matter_id, who)
    except StoreError as exc:  # disabled since the list was drawn, or no longer the owner
        _flash("error", f"共享失败：{exc}")
        return
    _flash("success", f"已与 {who} 共享此事项。")


def _unshare(store: Any, matter_id: str) -> None:
    """Button callback: stop sharing the matter with the lawyer picked."""
    who = st.session_state.get(UNSHARE_KEY)
    if not who:
        return
    try:
        store.unshare(matter_id, who)
    except StoreError as exc:
        _flash("error", f"取消共享失败：{exc}")
        return
    _flash("success", f"已取消与 {who} 的共享。")


def people(names: list[str], lawyers: dict[str, str]) -> str:
    """User names as 「张律师（zhang）」, joined with 、 (无 when empty)."""
    shown = [f"{lawyers[n]}（{n}）" if lawyers.get(n, n) != n else n for n in names]
    return "、".join(shown) or "无"


def render(store: Any, matter: Any) -> None:
    """The owner and shares line under the matter's title; the 共享 control for its owner."""
    user = services.current_user()
    if not user:
        return
    s = services.settings()
    active = services.users(s)
    lawyers = {u.username: u.display_name for u in active}
    shared = store.shared_with(matter.id)
    st.caption(f"所有者：{people([matter.owner], lawyers) if matter.owner else '—'} · 共享给：{people(shared, lawyers)}")
    if matter.owner != user:
        return
    with st.expander("共享", expanded=False):
        choices = [u.username for u in active if u.username != user and u.username not in shared]
        if choices:
            c1, c2 = st.columns([3, 1], vertical_alignment="bottom")
            c1.selectbox("共享给律师（用户名）", choices, key=SHARE_KEY, format_func=lambda n: people([n], lawyers))
            c2.button("共享", key="share_btn", on_click=_share, args=(store, matter.id))
        else:
            st.caption("没有其他可共享的律师（lexmemo users add 添加）。")
        if shared:
            c1, c2 = st.columns([3, 1], vertical_alignment="bottom")
            c1.selectbox("取消与其共享", shared, key=UNSHARE_KEY, format_func=lambda n: people([n], lawyers))
            c2.button("取消共享", key="unshare_btn", on_click=_unshare, args=(store, matter.id))
