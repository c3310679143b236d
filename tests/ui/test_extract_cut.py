"""提取事实 on a narrative longer than the extractor reads: the lawyer is told, and the saved version keeps it (issue 14)."""

from __future__ import annotations

from ui_helpers import new_app, ok, texts

from assistant.settings import get_settings
from assistant.store import MatterStore
from assistant.triage.extract import EXTRACT_LIMIT

HEAD = "2023年5月1日在外卖平台点了一份麻辣烫。"
TAIL = "吃完食物中毒住院。"  # the harm, said only after the cut: the extractor cannot have read it


def _long_narrative() -> str:
    body = HEAD * (EXTRACT_LIMIT // len(HEAD) + 50)
    return body + TAIL


def test_cut_is_shown_saved_and_the_unread_fact_stays_unknown(data_dir):
    narrative = _long_narrative()
    assert len(narrative) > EXTRACT_LIMIT
    at = new_app()
    ok(at.sidebar.button(key="new_matter").click().run())
    at.text_area(key="fact_narrative").set_value(narrative)
    ok(at.button(key="extract").click().run())
    warning = f"叙述共 {len(narrative):,} 字符，提取器只读取了前 {EXTRACT_LIMIT:,} 字符"
    assert warning in texts(at)
    assert at.selectbox(key="fact_category").value == "catering"  # read before the cut
    assert at.selectbox(key="fact_harm").value == "unknown"  # said after the cut: unknown, not guessed
    store = MatterStore.open(get_settings())
    (matter,) = store.list_matters()
    cut = store.latest_facts(matter.id).extracted["_cut"]
    assert cut["read"] == EXTRACT_LIMIT and cut["total"] == len(narrative)
    ok(at.run())
    assert warning in texts(at)  # not a one-time flash: it stays beside the facts
    again = new_app(matter=matter.id)
    assert warning in texts(again)  # reopened: the saved version still says so
    assert "〔提取〕" in again.selectbox(key="fact_category").label  # the field marks load as before


def test_a_short_narrative_has_no_cut_warning(data_dir):
    at = new_app()
    ok(at.sidebar.button(key="new_matter").click().run())
    at.text_area(key="fact_narrative").set_value(HEAD + TAIL)
    ok(at.button(key="extract").click().run())
    assert "提取器只读取了前" not in texts(at)
    assert at.selectbox(key="fact_harm").value == "personal_injury"
    (matter,) = MatterStore.open(get_settings()).list_matters()
    assert "_cut" not in MatterStore.open(get_settings()).latest_facts(matter.id).extracted
