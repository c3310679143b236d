"""Chromium against `lexmemo ui --preset team`: the sign-in page first (for any page, `?matter=` too), a wrong
password refused, the right one opens the real workspace (its websocket through the gate, the lawyer named in the
sidebar), sign-out returns to the sign-in page and the old page cannot come back without signing in."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from assistant.settings import Settings
from assistant.store.users import UserStore

from auth_helpers import PW_ZHANG, lexmemo_ui_team, wait_until

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "ui"))
from cdp import Browser, find_chromium  # noqa: E402  (tests/ui's Chromium driver)

import httpx  # noqa: E402


def test_sign_in_then_workspace_then_sign_out_in_chromium(tmp_path):
    chromium = find_chromium()
    if chromium is None:
        pytest.skip("Chromium is not installed (apt-get install chromium fonts-wqy-microhei; .ci/run does it)")
    UserStore(Settings(data_dir=tmp_path / "data").db_path).add("zhang", PW_ZHANG, display_name="张律师")
    log = tmp_path / "lexmemo-ui.log"
    with lexmemo_ui_team(tmp_path) as url, Browser(chromium, tmp_path / "profile", tmp_path / "chromium.log") as b:
        wait_until(lambda: httpx.get(f"{url}/_lexmemo/login", trust_env=False).status_code == 200,
                   "the gate did not start", log)
        b.goto(f"{url}/?matter=abc")
        text = b.wait_for_text("用户名")
        assert "密码" in text and "登录" in text and "已登录" not in text
        assert "/_lexmemo/login" in b.js("window.location.href")
        b.screenshot(tmp_path / "0-sign-in.png")
        b.type_into("#username", "zhang")
        b.type_into("#password", "not-the-password")
        b.click_button("登录")
        b.wait_for_text("用户名或密码不正确")
        assert b.js("document.cookie") == ""
        b.type_into("#password", PW_ZHANG)
        b.click_button("登录")
        # The real Streamlit front end: its websocket passes the gate (Origin, XSRF subprotocol), the app runs
        # for zhang, and the lawyer lands on the page first asked for (?matter=abc: not found, said so).
        b.wait_for_text("已登录：zhang", timeout=120)
        assert "matter=abc" in b.js("window.location.href")
        assert b.js("document.cookie").find("lexmemo_session") == -1  # HttpOnly: no script can read the token
        b.screenshot(tmp_path / "1-workspace.png")
        # 退出登录 in the sidebar signs out in this very tab (a new tab would leave this one on the workspace).
        link = 'document.querySelector(\'a[href="/_lexmemo/logout"]\')'
        assert b.js(f"{link}.target") == "_self"
        b.js(f"{link}.click()")
        b.wait_for_text("您已退出登录")
        b.goto(f"{url}/")
        b.wait_for_text("用户名")
        assert "/_lexmemo/login" in b.js("window.location.href")
