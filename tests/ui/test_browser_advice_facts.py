"""Issue 13 in a real browser: a matter with the section 7.1 facts (amounts, dates, an interruption event) keeps
them byte for byte over page visits and a reload; ticking a party in the events table (st.data_editor in
Chromium) saves exactly that change. Skipped only without Chromium."""

from __future__ import annotations

import json
import os
import sqlite3
import time
from pathlib import Path

import pytest

from assistant.settings import get_settings
from assistant.store import MatterStore

from cdp import Browser, find_chromium
from test_browser import _serve

EX1 = Path(__file__).resolve().parents[2] / "examples" / "claims" / "remedies_ex1.json"
SIDEBAR = '[data-testid="stSidebar"]'
PRICE_BOX = 'input[aria-label="实际支付价款（元）"]'


def _shots() -> Path:
    path = Path(os.environ.get("LEXMEMO_SCREENSHOT_DIR") or EX1.parents[2] / "var" / "screenshots" / "workspace")
    path.mkdir(parents=True, exist_ok=True)
    return path


def _facts() -> dict:
    data = json.loads(EX1.read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if v is not None and not k.startswith("_")}


def _versions(db: Path, matter_id: str) -> list:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT id, facts_json FROM facts_versions WHERE matter_id = ? ORDER BY id",
                            (matter_id,)).fetchall()


def _editor_box(browser: Browser, header: str) -> dict:
    """The page rectangle of the canvas of the data editor with a column ``header`` (scrolled into view)."""
    return browser.js(f"""(() => {{ const g = [...document.querySelectorAll('[data-testid="stDataFrame"]')]
      .find(g => [...g.querySelectorAll('th')].some(t => t.innerText.trim() === {json.dumps(header)}));
      if (!g) return null; g.scrollIntoView({{block: 'center'}});
      const r = g.querySelector('canvas').getBoundingClientRect(); return {{x: r.left, y: r.top}}; }})()""")


def _click(browser: Browser, x: float, y: float) -> None:
    for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
        browser.send("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)


def _key(browser: Browser, key: str, code: str, keycode: int, text: str | None = None) -> None:
    extra = {"text": text} if text else {}
    browser.send("Input.dispatchKeyEvent", type="keyDown", key=key, code=code, windowsVirtualKeyCode=keycode, **extra)
    browser.send("Input.dispatchKeyEvent", type="keyUp", key=key, code=code, windowsVirtualKeyCode=keycode)


def test_section_7_facts_survive_visits_and_a_table_edit_saves_only_that(tmp_path):
    chromium = find_chromium()
    if chromium is None:
        pytest.skip("Chromium is not installed (apt-get install chromium fonts-wqy-microhei; .ci/run does it)")
    settings = get_settings(data_dir=tmp_path / "data", cache_dir=tmp_path / "cache")
    store = MatterStore.open(settings)
    facts = _facts()
    matter = store.create_matter("某外卖平台案", doctrine="qin2025", facts=facts)
    before = _versions(settings.db_path, matter.id)
    with Browser(chromium, tmp_path / "profile", tmp_path / "chromium.log") as browser:
        with _serve(tmp_path, "streamlit") as server:
            browser.goto(f"{server}?matter={matter.id}")
            browser.wait_for_text("诉讼时效中断事由")
            browser.wait_idle()
            assert browser.value_of(PRICE_BOX) == "368.0"
            for label in ("批量分诊", "起草备忘录", "评测报告", "起草备忘录"):
                browser.click_label(label, within=SIDEBAR)
                browser.wait_idle()
            browser.wait_for_text("诉讼时效中断事由")
            browser.wait_idle()
            assert _versions(settings.db_path, matter.id) == before  # visits wrote nothing
            (event,) = facts["limitation_events"]
            assert "merchant" not in event["against"]
            box = _editor_box(browser, "中断事由")
            time.sleep(0.5)
            _click(browser, box["x"] + 70, box["y"] + 35 + 17)  # the first row's first data cell (日期)
            for _ in range(2):
                _key(browser, "ArrowRight", "ArrowRight", 39)  # → 平台内经营者
            _key(browser, " ", "Space", 32, text=" ")  # tick it
            deadline = time.monotonic() + 30
            while len(_versions(settings.db_path, matter.id)) == len(before) and time.monotonic() < deadline:
                time.sleep(0.3)
            browser.wait_idle()
            browser.screenshot(_shots() / "section7-events-edited.png")
            after = _versions(settings.db_path, matter.id)
            assert len(after) == len(before) + 1
            saved = json.loads(after[-1][1])
            want = {**event, "against": [p for p in ("merchant", "platform", "producer", "live_room_operator")
                                         if p in [*event["against"], "merchant"]]}
            assert saved["limitation_events"] == [want]
            assert {k: v for k, v in saved.items() if k != "limitation_events"} == \
                {k: v for k, v in json.loads(before[-1][1]).items() if k != "limitation_events"}  # 368.0 stays 368.0
            browser.goto(f"{server}?matter={matter.id}")  # a reload reads it back and writes nothing
            browser.wait_for_text("诉讼时效中断事由")
            browser.wait_idle()
            assert browser.value_of(PRICE_BOX) == "368.0"
            assert _versions(settings.db_path, matter.id) == after


def test_a_scenario_previewed_in_chromium_saves_nothing_until_adopted(tmp_path):
    chromium = find_chromium()
    if chromium is None:
        pytest.skip("Chromium is not installed (apt-get install chromium fonts-wqy-microhei; .ci/run does it)")
    import sys

    sys.path.insert(0, str(EX1.parents[2] / "ui"))
    from views.scenarios_panel import sentence

    from assistant.core import ClaimFacts, classify

    data = json.loads((EX1.parent / "drug_facts_unknown.json").read_text(encoding="utf-8"))
    facts = {k: v for k, v in data.get("facts", data).items() if v is not None and not k.startswith("_")}
    joint = next(s for s in classify(ClaimFacts(**facts)).scenarios if s.form == "joint_and_several")
    settings = get_settings(data_dir=tmp_path / "data", cache_dir=tmp_path / "cache")
    matter = MatterStore.open(settings).create_matter("某医药平台案", doctrine="qin2025", facts=facts)
    before = _versions(settings.db_path, matter.id)
    with Browser(chromium, tmp_path / "profile", tmp_path / "chromium.log") as browser:
        with _serve(tmp_path, "streamlit") as server:
            browser.goto(f"{server}?matter={matter.id}")
            browser.wait_for_text("现有事实下的结论：不承担责任")
            browser.wait_idle()
            assert "责任形态：事实不足" in browser.text()
            browser.click_option("现有事实（不假设）", sentence(joint))
            browser.wait_for_text("正在预览情景下的结论")
            browser.wait_idle()
            assert "责任形态：连带责任" in browser.text()
            browser.screenshot(_shots() / "scenario-preview.png")
            assert _versions(settings.db_path, matter.id) == before
            browser.click_button("采用此情景")
            browser.wait_for_text("已采用该情景")
            browser.wait_idle()
            after = _versions(settings.db_path, matter.id)
            assert len(after) == len(before) + 1
            assert json.loads(after[-1][1]) == {**json.loads(before[-1][1]), **joint.requires}
            browser.wait_for_text("现有事实下的结论：连带责任")  # now the record itself, no preview
            assert "正在预览情景下的结论" not in browser.text()
