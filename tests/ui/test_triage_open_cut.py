"""批量分诊 → 打开为事项 on a row whose narrative is longer than the extractor reads: the matter page says what
提取事实 says for the same narrative, and keeps saying it when the matter is reopened (issue 14)."""

from __future__ import annotations

import csv
import io
import sys

from ui_helpers import REPO, new_app, ok, texts

from assistant.settings import get_settings
from assistant.store import MatterStore
from assistant.store.batches import CUT_MARK
from assistant.triage.extract import EXTRACT_LIMIT

HEAD = "2023年5月1日在外卖平台点了一份麻辣烫。"
TAIL = "吃完食物中毒住院。"  # the harm, said only after the cut
LONG = HEAD * (EXTRACT_LIMIT // len(HEAD) + 50) + TAIL
WARNING = f"叙述共 {len(LONG):,} 字符，提取器只读取了前 {EXTRACT_LIMIT:,} 字符"  # the workspace's own words


def _triaged():
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerows([["id", "narrative"], ["long", LONG], ["short", HEAD + TAIL]])
    at = new_app()
    ok(at.sidebar.radio(key="page").set_value("triage").run())
    at.file_uploader(key="triage_upload").upload("claims.csv", buf.getvalue().encode("utf-8"), "text/csv")
    ok(at.run())
    return ok(at.button(key="triage_run").click().run())


def _open(at, rid: str):
    ok(at.selectbox(key="triage_open_id").set_value(rid).run())
    ok(at.button(key="triage_open").click().run())
    assert at.session_state["page"] == "matter"
    return at


def test_a_row_opened_as_a_matter_shows_the_cut_and_keeps_it(data_dir):
    sys.path.insert(0, str(REPO / "ui"))
    from views.state import CUT_MARK as PAGE_MARK  # the key the matter page reads: the store writes the same one

    assert PAGE_MARK == CUT_MARK
    at = _open(_triaged(), "long")
    assert WARNING in texts(at)
    assert at.selectbox(key="fact_category").value == "catering"  # read before the cut
    assert at.selectbox(key="fact_harm").value == "unknown"  # said after it: unknown, and the page says why
    matter_id = at.session_state["matter_id"]
    assert MatterStore.open(get_settings()).latest_facts(matter_id).extracted[CUT_MARK]["read"] == EXTRACT_LIMIT
    ok(at.run())
    assert WARNING in texts(at)  # it stays beside the facts
    assert WARNING in texts(new_app(matter=matter_id))  # reopened from the database


def test_a_short_row_opened_as_a_matter_has_no_cut_warning(data_dir):
    at = _open(_triaged(), "short")
    assert "提取器只读取了前" not in texts(at)
    assert at.selectbox(key="fact_harm").value == "personal_injury"
