"""Issue 17 in a real browser: two lawyers on one team workspace (`lexmemo ui --preset team`, the sign-in gate in
front of Streamlit, SQLite in a temporary data dir, users added with `lexmemo users add`).

A signs in and creates a matter; B (another browser profile) signs in and neither sees it listed nor opens it by
``?matter=ID`` (未找到该事项); A shares it with B through the 共享 control; B reloads and sees it. A browser that never
signed in gets the sign-in page for ``/``, ``/?matter=ID`` and the memo's download URL. The audit table holds A's
create and reads, the share, A's export, and B's denied then allowed reads. Screenshots go to
``LEXMEMO_SCREENSHOT_DIR`` (default ``var/screenshots/team``). Skipped only without Chromium.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

from assistant.settings import get_settings
from assistant.store import MatterStore
from assistant.store.audit import store_audit

from cdp import Browser, find_chromium
from processes import stop_group

REPO = Path(__file__).resolve().parents[2]
LEXMEMO = str(Path(sys.executable).parent / "lexmemo")
NAME = "张某诉某外卖平台食物中毒案"
PASSWORDS = {"zhang": "zhang-口令-000001", "li": "li-password-000002"}
SIGN_IN = "电商平台责任备忘录助手 · 登录"  # the gate's sign-in page heading
SIDEBAR = '[data-testid="stSidebar"]'
MEMO = "# 关于某外卖平台责任的法律备忘录\n\n## 一、问题\n\n平台应否承担责任？\n"


def _env(tmp_path: Path) -> dict[str, str]:
    env = {**os.environ, "LEXMEMO_DATA_DIR": str(tmp_path / "data"), "LEXMEMO_CACHE_DIR": str(tmp_path / "cache"),
           "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    for var in ("LEXMEMO_LLM", "LEXMEMO_DATABASE_URL", "LEXMEMO_PRESET", "LEXMEMO_UI_ADDRESS"):
        env.pop(var, None)
    return env


def _add_user(env: dict[str, str], username: str, display: str) -> None:
    done = subprocess.run([LEXMEMO, "users", "add", username, "--name", display, "--password-stdin"], env=env,
                          input=PASSWORDS[username] + "\n", capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _status(url: str) -> tuple[int, bytes]:
    """Status and body of a GET without any cookie (redirects not followed: what the gate itself answers)."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):  # noqa: ANN002, ANN003
            return None

    try:
        with urllib.request.build_opener(NoRedirect).open(url, timeout=10) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


@contextmanager
def _serve_team(tmp_path: Path) -> Iterator[str]:
    """`lexmemo ui --preset team` on a free loopback port; yields its base URL once the sign-in page answers."""
    port = _free_port()
    log = open(tmp_path / "lexmemo-ui.log", "wb")
    cmd = [LEXMEMO, "ui", "--preset", "team", "--address", "127.0.0.1", "--port", str(port)]
    proc = subprocess.Popen(cmd, env=_env(tmp_path), stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            assert proc.poll() is None, f"lexmemo ui exited with {proc.returncode}: see {tmp_path / 'lexmemo-ui.log'}"
            try:
                if _status(f"{base}/_lexmemo/login")[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "the sign-in page did not answer within 120 s"
            time.sleep(0.5)
        yield base
    finally:
        stop_group(proc, grace=20)
        log.close()


def _sign_in(browser: Browser, base: str, username: str, path: str = "/") -> None:
    """Open ``path``, get the sign-in page, sign in as ``username``, wait for the workspace to have run."""
    browser.goto(base + path)
    browser.wait_for_text(SIGN_IN)
    browser.js(f"document.getElementById('username').value = {username!r};"
               f"document.getElementById('password').value = {PASSWORDS[username]!r};"
               "document.querySelector('form').submit()")
    browser.wait_for_text(f"已登录：{username}", timeout=90)
    browser.wait_idle()


def _open(browser: Browser, url: str, needle: str) -> str:
    browser.goto(url)
    text = browser.wait_for_text(needle, timeout=90)
    browser.wait_idle()
    return browser.text() or text


def _mouse_click(browser: Browser, selector: str, timeout: float = 30) -> None:
    """A real mouse click (CDP input events) on the centre of the element at ``selector``."""
    script = (f"(() => {{ const e = document.querySelector({selector!r}); if (!e) return null;"
              " e.scrollIntoView({block: 'center', behavior: 'instant'}); const r = e.getBoundingClientRect();"
              " return [r.left + r.width / 2, r.top + r.height / 2]; })()")
    deadline = time.monotonic() + timeout
    while not (point := browser.js(script)):
        assert time.monotonic() < deadline, f"no element {selector!r} within {timeout}s"
        time.sleep(0.3)
    x, y = point
    browser.send("Input.dispatchMouseEvent", type="mouseMoved", x=x, y=y)
    for kind in ("mousePressed", "mouseReleased"):
        browser.send("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)


def _listed(browser: Browser) -> list[str]:
    """The entries of the sidebar's matter picker (打开事项), read from its opened dropdown; [] when the sidebar
    has no picker (it says 尚无事项 instead)."""
    picker = f'{SIDEBAR} input[aria-label="打开事项"]'
    has_picker = f"!!document.querySelector({picker!r})"
    sidebar_text = f"document.querySelector({SIDEBAR!r}).innerText"
    # the main area may be drawn before the sidebar's picker (a rerun renders in order): wait for one of the two
    deadline = time.monotonic() + 30
    while not browser.js(has_picker) and "尚无事项" not in (browser.js(sidebar_text) or "") \
            and time.monotonic() < deadline:
        time.sleep(0.3)
    if not browser.js(has_picker):
        assert "尚无事项" in (browser.js(sidebar_text) or "")
        return []
    _mouse_click(browser, picker)  # baseweb's select opens on real mouse events, not on a scripted click()
    deadline = time.monotonic() + 15
    while not browser.js("document.querySelectorAll('[role=\"option\"]').length") and time.monotonic() < deadline:
        time.sleep(0.3)
    options = browser.js("[...document.querySelectorAll('[role=\"option\"]')].map(o => o.innerText)") or []
    browser.send("Input.dispatchKeyEvent", type="keyDown", key="Escape", code="Escape", windowsVirtualKeyCode=27)
    browser.send("Input.dispatchKeyEvent", type="keyUp", key="Escape", code="Escape", windowsVirtualKeyCode=27)
    return options


def test_two_lawyers_a_matter_is_invisible_until_shared_and_nothing_before_sign_in(tmp_path):
    chromium = find_chromium()
    if chromium is None:
        pytest.skip("Chromium is not installed (apt-get install chromium fonts-wqy-microhei; .ci/run does it)")
    env = _env(tmp_path)
    _add_user(env, "zhang", "张律师")
    _add_user(env, "li", "李律师")
    store = MatterStore(get_settings(data_dir=tmp_path / "data").db_path)
    shots = Path(os.environ.get("LEXMEMO_SCREENSHOT_DIR") or REPO / "var" / "screenshots" / "team")
    shots.mkdir(parents=True, exist_ok=True)

    with _serve_team(tmp_path) as base, \
            Browser(chromium, tmp_path / "profile-a", tmp_path / "chromium-a.log") as a, \
            Browser(chromium, tmp_path / "profile-b", tmp_path / "chromium-b.log") as b:
        # A signs in and creates a matter with a name.
        _sign_in(a, base, "zhang")
        a.type_into('input[aria-label="新事项名称"]', NAME)
        a.wait_idle()
        a.click_button("新建事项")
        a.wait_for_text("所有者：张律师（zhang）", timeout=90)
        (matter,) = store.list_matters()
        assert matter.name == NAME and matter.owner == "zhang"
        mid = matter.id
        # A memo for the download URL (written as a draft would be; the drafter itself is not under test here).
        memo_id = store.begin_draft(mid, "template")
        store.complete_draft(memo_id, MEMO, None, None)
        _open(a, f"{base}/?matter={mid}", "下载 .md")
        a.screenshot(shots / "a-matter.png")

        # B sees nothing of it: not listed, and its link answers as for a matter that does not exist.
        _sign_in(b, base, "li")
        assert NAME not in b.text()
        page = _open(b, f"{base}/?matter={mid}", "未找到该事项")
        assert NAME not in page
        assert _listed(b) == []  # B has no matter of their own and sees none of A's
        b.screenshot(shots / "b-not-found.png")

        # A shares it with B (the 共享 control: the only other lawyer is preselected), and exports the memo.
        a.click_text("summary", "共享")
        a.click_button("共享")
        a.wait_for_text("共享给：李律师（li）", timeout=90)
        a.wait_idle()
        assert store.shared_with(mid) == ["li"]
        a.js("window.__downloads = []; HTMLAnchorElement.prototype.click = function () {"
             " window.__downloads.push(this.href); }")  # keep the download's URL instead of leaving the page
        a.click_button("下载 .md")
        deadline = time.monotonic() + 30
        while not a.js("window.__downloads.length") and time.monotonic() < deadline:
            time.sleep(0.3)
        media_url = a.js("window.__downloads[0]")
        assert media_url and "/media/" in media_url, media_url
        signed_in_fetch = a.js(f"fetch({media_url!r}).then(r => r.text())")
        assert "平台应否承担责任" in signed_in_fetch  # the URL is the memo itself, for a signed-in lawyer

        # B reloads: now listed and open.
        page = _open(b, f"{base}/?matter={mid}", "所有者：张律师（zhang） · 共享给：李律师（li）")
        listed = _listed(b)
        assert NAME in page and any(NAME in o for o in listed), listed
        b.screenshot(shots / "b-shared.png")

        # A browser that never signed in (while A's session still holds the download): the sign-in page for any
        # page, and the memo's download URL never served.
        with Browser(chromium, tmp_path / "profile-u", tmp_path / "chromium-u.log") as u:
            for path in ("/", f"/?matter={mid}"):
                page = _open(u, base + path, SIGN_IN)
                assert NAME not in page
            u.screenshot(shots / "u-sign-in.png")
            u.goto(media_url)
            time.sleep(2)
            page = u.text()
            assert "平台应否承担责任" not in page and SIGN_IN in page, page[:500]
        status, body = _status(media_url)
        assert status in (302, 401) and "平台应否承担责任".encode() not in body

    trail = [(e.username, e.action, e.detail) for e in store_audit(store, mid)]
    kinds = [(user, action) for user, action, _ in trail]
    assert trail[0] == ("zhang", "create", NAME)
    assert ("zhang", "read") in kinds and ("zhang", "share") in kinds and ("zhang", "export") in kinds
    shared_at = kinds.index(("zhang", "share"))
    assert ("li", "denied") in kinds[:shared_at] and ("li", "read") not in kinds[:shared_at]
    assert ("li", "read") in kinds[shared_at:] and ("li", "denied") not in kinds[shared_at:]
    assert ("zhang", "export", "md") in trail
    assert all(user in ("zhang", "li") for user, _ in kinds)  # nothing unattributed: every access has its lawyer
