"""Issue 11 item 7 in a real browser: from an open matter, visit every page and come back, then reload; the facts,
narrative, doctrine and memo stored in SQLite are byte-for-byte what was saved, and no version was added;
the same after a server restart.

The matter is written to the store before the server starts (doctrine ``joint``, a narrative, 否 and unknown facts,
a memo), so every widget default (qin2025, today, 是, empty text) would show as a change. Screenshots of every page
go to ``LEXMEMO_SCREENSHOT_DIR`` (default ``var/screenshots/workspace``). Skipped only without Chromium.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from assistant.settings import get_settings
from assistant.store import MatterStore, facts_hash

from cdp import Browser, find_chromium
from test_browser import _serve

REPO = Path(__file__).resolve().parents[2]
NARRATIVE = "2023年5月1日在医药平台购买处方药，服用后出现严重不良反应住院；平台审核过药店资质，但未下架已被投诉的商品。"
FACTS = {
    "event_date": "2023-05-01", "platform_role": "marketplace", "category": "drug", "harm": "personal_injury",
    "qualification_review_done": True, "safety_duty_done": False, "causation": True, "force_majeure": False,
    "platform_contribution": "minor", "consumer_prima_facie_evidence": True, "platform_proved_compliance": False,
    "knew_or_should_have_known": False, "merchant_identity_provided": True, "narrative": NARRATIVE,
}
MEMO = "# 关于某医药平台责任的法律备忘录\n\n## 一、问题\n\n平台应否承担责任？\n"
NARRATIVE_BOX = 'textarea[aria-label="案情陈述（粘贴当事人的叙述）"]'
MEMO_BOX = 'textarea[aria-label="备忘录正文（可编辑，修改后自动保存并重新核查）"]'
MEMO_VIEW = ".st-key-memo_view"  # the rendered memo (read mode, the default; 编辑 shows MEMO_BOX)
DOCTRINE_BOX = 'input[aria-label="学说立场（第三十八条第二款责任形态）"]'
SIDEBAR = '[data-testid="stSidebar"]'
# Each page's label in the sidebar and a text only that page shows once it has run.
PAGES = (("批量分诊", "批量分诊：上传索赔表格"), ("评测报告", "评测报告：本工具的可信度"), ("起草备忘录", "案情陈述"))


RENDERED = ["关于某医药平台责任的法律备忘录", "一、问题", "平台应否承担责任？"]  # headings drawn, no "#"


def _rendered(browser) -> list[str]:
    """The rendered memo's lines as the lawyer reads them (Markdown marks gone), the guard's ⚠需复核 marks apart.

    MEMO has no 简要结论 section: the guard's mark must show in place, and is checked here, then set aside."""
    text = browser.js(f"document.querySelector({MEMO_VIEW!r}).innerText") or ""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert any(line.startswith("⚠需复核") for line in lines), lines
    return [line for line in lines if not line.startswith("⚠需复核")]


def _shots() -> Path:
    path = Path(os.environ.get("LEXMEMO_SCREENSHOT_DIR") or REPO / "var" / "screenshots" / "workspace")
    path.mkdir(parents=True, exist_ok=True)
    return path


def _stored(db: Path, matter_id: str) -> tuple:
    """Everything the lawyer saved, as stored: header, every facts version, every memo version."""
    with sqlite3.connect(db) as conn:
        header = conn.execute("SELECT name, doctrine, revision, updated FROM matters WHERE id = ?", (matter_id,)).fetchone()
        facts = conn.execute("SELECT id, facts_json, extracted_json FROM facts_versions WHERE matter_id = ? ORDER BY id",
                             (matter_id,)).fetchall()
        memos = conn.execute("SELECT id, status, markdown FROM memo_versions WHERE matter_id = ? ORDER BY id",
                             (matter_id,)).fetchall()
    return header, facts, memos


def test_every_page_and_back_and_a_reload_keep_the_stored_matter(tmp_path):
    chromium = find_chromium()
    if chromium is None:
        pytest.skip("Chromium is not installed (apt-get install chromium fonts-wqy-microhei; .ci/run does it)")
    settings = get_settings(data_dir=tmp_path / "data", cache_dir=tmp_path / "cache")
    store = MatterStore.open(settings)
    matter = store.create_matter("王某诉某医药平台", doctrine="joint", facts=FACTS)
    version = store.latest_facts(matter.id)
    memo_id = store.begin_draft(matter.id, "template", version.id, facts_hash=facts_hash(FACTS), doctrine="joint")
    store.complete_draft(memo_id, MEMO, {"doctrine": "joint"}, None)
    before = _stored(settings.db_path, matter.id)
    shots = _shots()

    with Browser(chromium, tmp_path / "profile", tmp_path / "chromium.log") as browser:
        with _serve(tmp_path, "streamlit") as server:
            url = f"{server}?matter={matter.id}"
            browser.goto(url)
            browser.wait_for_text("案情陈述")
            browser.wait_for_element(MEMO_VIEW)  # the memo is drawn last: the whole page has run
            browser.wait_idle()
            assert browser.value_of(NARRATIVE_BOX) == NARRATIVE
            browser.screenshot(shots / "0-matter.png")
            for round_no in (1, 2):
                for label, marker in PAGES:
                    browser.click_label(label, within=SIDEBAR)
                    browser.wait_for_text(marker)
                    if label == "起草备忘录":
                        browser.wait_for_element(MEMO_VIEW)
                    browser.wait_idle()
                    browser.screenshot(shots / f"{round_no}-{label}.png")
                    assert _stored(settings.db_path, matter.id) == before, f"round {round_no}, page {label}"
                # Back on the matter page: the form and the editor show what is stored, not widget defaults.
                assert browser.value_of(NARRATIVE_BOX) == NARRATIVE
                assert _rendered(browser) == RENDERED
                assert "共同侵权连带责任说" in browser.value_of(DOCTRINE_BOX)  # the stored profile (joint)
            browser.goto(url)  # a reload: a new session reads the store
            browser.wait_for_text("案情陈述")
            browser.wait_for_element(MEMO_VIEW)  # the memo is drawn last: the whole page has run
            browser.wait_idle()
            assert browser.value_of(NARRATIVE_BOX) == NARRATIVE
            browser.screenshot(shots / "3-reloaded.png")
            assert _stored(settings.db_path, matter.id) == before
        # A server restart (new process, same data dir) opens the matter as stored and changes nothing.
        with _serve(tmp_path, "streamlit-restarted") as again:
            browser.goto(f"{again}?matter={matter.id}")
            browser.wait_for_text("案情陈述")
            browser.wait_for_element(MEMO_VIEW)  # the memo is drawn last: the whole page has run
            browser.wait_idle()
            assert browser.value_of(NARRATIVE_BOX) == NARRATIVE and _rendered(browser) == RENDERED
            browser.click_toggle("编辑")  # the explicit edit mode shows the stored Markdown itself
            browser.wait_for_element(MEMO_BOX)
            browser.wait_idle()
            assert browser.value_of(MEMO_BOX) == MEMO
            assert _stored(settings.db_path, matter.id) == before
    assert MatterStore.open(settings).latest_facts(matter.id).facts == FACTS


def test_a_fact_changed_in_the_browser_marks_the_memo_stale_until_it_is_redrafted(tmp_path):
    chromium = find_chromium()
    if chromium is None:
        pytest.skip("Chromium is not installed (apt-get install chromium fonts-wqy-microhei; .ci/run does it)")
    settings = get_settings(data_dir=tmp_path / "data", cache_dir=tmp_path / "cache")
    store = MatterStore.open(settings)
    matter = store.create_matter("王某诉某医药平台", facts=FACTS)
    shots = _shots()
    with Browser(chromium, tmp_path / "profile", tmp_path / "chromium.log") as browser:
        with _serve(tmp_path, "streamlit") as server:
            browser.goto(f"{server}?matter={matter.id}")
            browser.wait_for_element(MEMO_VIEW)
            browser.wait_idle()
            browser.click_button("起草备忘录")  # the template drafter: offline, deterministic
            browser.wait_for_text("已保存备忘录版本")
            browser.wait_idle()
            assert "事实已变更，请重新起草" not in browser.text()
            browser.click_option("平台已审核商家资质", "否")
            browser.wait_for_text("事实已变更，请重新起草")
            browser.wait_idle()
            text = browser.text()
            assert "核查通过" not in text  # no green check on a memo drafted from other facts
            browser.screenshot(shots / "stale-memo.png")
            assert MatterStore.open(settings).latest_facts(matter.id).facts["qualification_review_done"] is False
            browser.click_button("起草备忘录")
            browser.wait_for_text("已保存备忘录版本")
            browser.wait_idle()
            browser.wait_gone("事实已变更，请重新起草")
            browser.screenshot(shots / "redrafted-memo.png")
    memos = MatterStore.open(settings).memo_history(matter.id)
    assert [m.status for m in memos] == ["done", "done"] and memos[0].facts_hash != memos[1].facts_hash
