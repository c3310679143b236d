"""One real-browser test: `streamlit run` on a free localhost port, headless Chromium over CDP, a claim typed in.

The test creates a matter with the sidebar button, types a narrative into the text area as keyboard input,
presses 提取事实, waits for the verdict line, saves a screenshot under tmp_path, reloads the page to see the
saved matter come back, and restarts the server (same data dir) to find it again. Skipped (with the reason) only
when no Chromium is installed.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Iterator

import pytest

from assistant.cli.ui_cmds import streamlit_command

from cdp import Browser, find_chromium
from processes import stop_group

NARRATIVE = "2023年5月1日在外卖平台点了一份麻辣烫，吃完食物中毒住院。平台从来没有审核这家店的食品经营许可证。"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(port: int, proc: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"streamlit exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as resp:
                if resp.read().strip() == b"ok":
                    return
        except OSError:
            time.sleep(0.3)
    raise AssertionError("streamlit did not become healthy")


@contextlib.contextmanager
def _serve(tmp_path: Path, name: str) -> Iterator[str]:
    """The app served by `streamlit run` (the command `lexmemo ui` runs) on a free port, data in tmp_path."""
    port = _free_port()
    env = {**os.environ, "LEXMEMO_DATA_DIR": str(tmp_path / "data"), "LEXMEMO_CACHE_DIR": str(tmp_path / "cache"),
           "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    env.pop("LEXMEMO_LLM", None)
    log = open(tmp_path / f"{name}.log", "wb")
    cmd = streamlit_command(port)
    assert cmd[0] == sys.executable and "127.0.0.1" in cmd and "false" in cmd
    proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        _wait_healthy(port, proc)
        yield f"http://127.0.0.1:{port}/"
    finally:
        stop_group(proc, grace=15)
        log.close()


def test_type_a_claim_in_chromium_and_see_the_verdict(tmp_path):
    chromium = find_chromium()
    if chromium is None:
        pytest.skip("Chromium is not installed (apt-get install chromium fonts-wqy-microhei; .ci/run does it)")
    with Browser(chromium, tmp_path / "profile", tmp_path / "chromium.log") as browser:
        with _serve(tmp_path, "streamlit") as server:
            browser.goto(server)
            browser.wait_for_text("尚无事项")
            browser.click_button("新建事项")
            browser.wait_for_text("案情陈述")
            browser.type_into('textarea[aria-label="案情陈述（粘贴当事人的叙述）"]', NARRATIVE)
            time.sleep(1.5)  # the blur commits the text: let that rerun finish before pressing the button
            browser.click_button("提取事实")
            text = browser.wait_for_text("责任形态：连带责任")
            assert "已提取" in text and "提取值，待确认" in text
            shot = browser.screenshot(tmp_path / "verdict.png")
            assert shot.stat().st_size > 20_000 and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

            # A reload (same URL, now carrying ?matter=ID) finds the saved matter and its verdict again.
            url = browser.js("window.location.href")
            assert "matter=" in url
            browser.goto(url)
            text = browser.wait_for_text("责任形态：连带责任")
            assert "未命名事项" in text
            browser.screenshot(tmp_path / "reloaded.png")

        # The first server is stopped; a restart (a new process on another port, the same data dir) finds it again.
        matter = url.split("matter=", 1)[1].split("&", 1)[0]
        with _serve(tmp_path, "streamlit-restarted") as again:
            assert again != server
            browser.goto(again)  # no ?matter=: the saved matter is listed and opened as the most recent
            text = browser.wait_for_text("责任形态：连带责任")
            assert "未命名事项" in text and "尚无事项" not in text
            assert f"matter={matter}" in browser.js("window.location.href")
