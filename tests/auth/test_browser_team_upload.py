"""Chromium against `lexmemo ui --preset team` (Streamlit as ui/team_app.py, every internal route behind the gate's
secret): a signed-in lawyer's file upload (批量分诊) still reaches Streamlit's upload route through the gate, and the
batch is ranked — the secret check in front of Streamlit refuses only what did not come through the gate."""

from __future__ import annotations

import sys
from pathlib import Path

import httpx
import pytest

from assistant.settings import Settings
from assistant.store.users import UserStore

from auth_helpers import PW_ZHANG, lexmemo_ui_team, wait_until

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "ui"))
from cdp import Browser, find_chromium  # noqa: E402  (tests/ui's Chromium driver)

NARRATIVE = "2023年5月1日在外卖平台点了一份麻辣烫，吃完食物中毒住院。平台从来没有审核这家店的食品经营许可证。"


def test_a_signed_in_lawyer_uploads_a_batch_through_the_gate(tmp_path):
    chromium = find_chromium()
    if chromium is None:
        pytest.skip("Chromium is not installed (apt-get install chromium fonts-wqy-microhei; .ci/run does it)")
    UserStore(Settings(data_dir=tmp_path / "data").db_path).add("zhang", PW_ZHANG, display_name="张律师")
    claims = tmp_path / "claims.csv"
    claims.write_text(f"id,narrative\nok,{NARRATIVE}\n", encoding="utf-8")
    log = tmp_path / "lexmemo-ui.log"
    with lexmemo_ui_team(tmp_path) as url, Browser(chromium, tmp_path / "profile", tmp_path / "chromium.log") as b:
        wait_until(lambda: httpx.get(f"{url}/_lexmemo/login", trust_env=False).status_code == 200,
                   "the gate did not start", log)
        b.goto(f"{url}/")
        b.wait_for_text("用户名")
        b.type_into("#username", "zhang")
        b.type_into("#password", PW_ZHANG)
        b.click_button("登录")
        b.wait_for_text("已登录：zhang", timeout=120)
        b.click_label("批量分诊", within='[data-testid="stSidebar"]')
        b.wait_for_text("上传索赔表格")
        b.wait_for_element('input[type="file"]')
        root = b.send("DOM.getDocument", depth=-1, pierce=True)["root"]["nodeId"]
        node = b.send("DOM.querySelector", nodeId=root, selector='input[type="file"]')["nodeId"]
        b.send("DOM.setFileInputFiles", nodeId=node, files=[str(claims)])  # what choosing the file does
        b.wait_idle()
        b.click_button("开始分诊")
        text = b.wait_for_text("已排序（1）", timeout=120)
        assert "失败（0）" in text
        b.screenshot(tmp_path / "team-triage.png")
