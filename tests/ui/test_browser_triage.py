"""Issue 14, in a real browser: upload a CSV with a garbage row → it is flagged (its own tab), not ranked; reload →
the batch is still there; open a row → a matter with its facts. `streamlit run` + headless Chromium over CDP;
skipped (with the reason) only when no Chromium is installed."""

from __future__ import annotations

import time

import pytest

from cdp import Browser, find_chromium
from test_browser import _serve

NARRATIVE = "2023年5月1日在外卖平台点了一份麻辣烫，吃完食物中毒住院。平台从来没有审核这家店的食品经营许可证。"


def _upload(browser: Browser, path) -> None:
    """Set the file uploader's <input type=file> to ``path`` (what choosing a file in the dialog does)."""
    browser.wait_for_element('input[type="file"]')
    root = browser.send("DOM.getDocument", depth=-1, pierce=True)["root"]["nodeId"]
    node = browser.send("DOM.querySelector", nodeId=root, selector='input[type="file"]')["nodeId"]
    browser.send("DOM.setFileInputFiles", nodeId=node, files=[str(path)])


def test_garbage_row_flagged_batch_survives_reload_row_opens_as_matter(tmp_path):
    chromium = find_chromium()
    if chromium is None:
        pytest.skip("Chromium is not installed (apt-get install chromium fonts-wqy-microhei; .ci/run does it)")
    claims = tmp_path / "claims.csv"
    claims.write_text(f"id,narrative\nok,{NARRATIVE}\njunk,#@!$%^&*()_+=-~|}}{{][\n", encoding="utf-8")
    with Browser(chromium, tmp_path / "profile", tmp_path / "chromium.log") as browser:
        with _serve(tmp_path, "streamlit") as server:
            browser.goto(server)
            browser.click_label("批量分诊", within='[data-testid="stSidebar"]')
            browser.wait_for_text("上传索赔表格")
            _upload(browser, claims)
            browser.wait_idle()
            browser.click_button("开始分诊")
            text = browser.wait_for_text("待复核（1）")
            assert "已排序（1）" in text and "失败（0）" in text and "待人工复核 1 行" in text
            browser.screenshot(tmp_path / "triage.png")

            browser.goto(server)  # a reload: a new session finds the saved batch and reopens it
            browser.click_label("批量分诊", within='[data-testid="stSidebar"]')
            browser.wait_for_text("已保存的分诊批次（1）")
            browser.click_button("打开此批次")
            text = browser.wait_for_text("待复核（1）")
            assert "已排序（1）" in text

            browser.wait_idle()
            browser.click_button("打开为事项")  # the first row (the ranked one, 'ok') opens as a matter
            text = browser.wait_for_text("责任形态：连带责任", timeout=90)
            assert "分诊 ok" in text
            time.sleep(0.5)
            browser.screenshot(tmp_path / "matter.png")
