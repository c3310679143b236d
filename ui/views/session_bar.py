"""The signed-in lawyer's line in the sidebar (team mode): who is signed in, and 退出登录 through the sign-in gate.

A Markdown link would open the gate's sign-out in a new tab (Streamlit gives every Markdown link target=_blank),
leaving this tab on the workspace until the gate cuts its websocket; this link signs out in the same tab and lands
on the sign-in page (assistant/auth/gate.py, ``/_lexmemo/logout``).
"""

from __future__ import annotations

from html import escape
from typing import Any

import streamlit as st

LOGOUT_PATH = "/_lexmemo/logout"  # served by the gate, never by Streamlit (assistant/auth/login_page.py)


def signout_html(user: str) -> str:
    """The line's HTML: 已登录：USER · 退出登录, the user name escaped, the link in the same tab."""
    return (f'<span class="lexmemo-session">已登录：{escape(user)} · '
            f'<a href="{LOGOUT_PATH}" target="_self">退出登录</a></span>')


def signout_link(user: str, container: Any = None) -> None:
    """Draw the signed-in line with its same-tab 退出登录 link (in the sidebar unless another container is given)."""
    (container or st.sidebar).markdown(signout_html(user), unsafe_allow_html=True)
