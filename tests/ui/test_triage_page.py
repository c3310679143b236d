"""The triage page: upload, run with progress, sorted table, downloads; bad rows reported in their own row."""

from __future__ import annotations

import csv
import io
import json

from ui_helpers import new_app, ok

CLAIMS = [
    {"id": "c1", "narrative": "2023年5月在外卖平台点餐后食物中毒住院，平台从没审核过这家店的食品经营许可证。"},
    {"id": "c2", "narrative": ""},  # malformed: empty narrative
    {"id": "c3", "narrative": "在平台自营店买的奶粉有问题，孩子喝了住院。", "platform_role": "self_operated", "category": "food"},
    {"id": "c4", "narrative": "买的衣服是假货，平台接到投诉后不理不睬。", "event_date": "2023-13-45"},  # bad date
]


def _csv(encoding: str) -> bytes:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=["id", "narrative", "platform_role", "category", "event_date"])
    w.writeheader()
    for row in CLAIMS:
        w.writerow(row)
    return buf.getvalue().encode(encoding)


def _run(at, name: str, data: bytes, mime: str):
    ok(at.sidebar.radio(key="page").set_value("triage").run())
    at.file_uploader(key="triage_upload").upload(name, data, mime)
    ok(at.run())
    return ok(at.button(key="triage_run").click().run())


TABS = ("triage_review", "triage_table", "triage_failed")  # the page's tables, in the order its tabs draw them


def _df(at, key: str):
    """The table of one tab (AppTest does not expose dataframe keys: the tabs' order is fixed)."""
    return at.dataframe[TABS.index(key)].value


def test_gb18030_csv_is_triaged_sorted_and_downloadable(data_dir, served_files):
    at = _run(new_app(), "claims.csv", _csv("gb18030"), "text/csv")
    (done,) = at.success
    assert "4 行" in done.value and "2 行有错误" in done.value and "gb18030" in done.value
    table = _df(at, "triage_table")
    assert set(table["编号"]) == {"c1", "c3"}  # ranked rows only; failed ones have their own tab
    assert list(table["优先级"]) == sorted(table["优先级"])
    failed = _df(at, "triage_failed")
    errors = dict(zip(failed["编号"], failed["错误"]))
    assert "narrative" in errors["c2"] and "2023-13-45" in errors["c4"]  # each bad row says what is wrong
    forms = dict(zip(table["编号"], table["责任形态"]))
    assert forms["c1"] == "连带责任" and forms["c3"] == "销售者/服务者责任"  # Chinese values, no joint_and_several
    assert "None" not in table.to_string() and "joint_and_several" not in table.to_string()
    assert {"triage_dl_csv", "triage_dl_xlsx", "triage_dl_jsonl"} <= {d.key for d in at.get("download_button")}
    out = served_files["claims.triage.csv"].decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {r["id"] for r in rows} == {"c1", "c2", "c3", "c4"}  # the download keeps every row


def test_garbage_row_is_flagged_not_ranked_and_the_batch_survives_a_reload(data_dir):
    claims = [{"id": "ok", "narrative": CLAIMS[0]["narrative"]}, {"id": "junk", "narrative": "#@!$%^&*()_+=-~`|}{[]:;?><"}]
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=["id", "narrative"])
    w.writeheader()
    w.writerows(claims)
    at = _run(new_app(), "claims.csv", buf.getvalue().encode("utf-8"), "text/csv")
    review, ranked = _df(at, "triage_review"), _df(at, "triage_table")
    assert list(review["编号"]) == ["junk"] and "junk" not in set(ranked["编号"])
    assert "优先级" not in review.columns and "乱码" in review["待复核原因"][0]  # not ranked
    # a reload is a new session: the saved batch is listed and reopens with every row
    again = new_app()
    ok(again.sidebar.radio(key="page").set_value("triage").run())
    assert "claims.csv" in again.selectbox(key="triage_saved").options[0]
    ok(again.button(key="triage_reopen").click().run())
    assert list(_df(again, "triage_review")["编号"]) == ["junk"] and "ok" in set(_df(again, "triage_table")["编号"])
    # any row opens as a matter with its narrative and facts
    ok(again.selectbox(key="triage_open_id").set_value("ok").run())
    ok(again.button(key="triage_open").click().run())
    assert again.session_state["page"] == "matter" and again.session_state["matter_id"]
    from assistant.settings import get_settings
    from assistant.store import MatterStore

    store = MatterStore(get_settings().db_path)
    facts = store.latest_facts(again.session_state["matter_id"]).facts
    assert facts["narrative"] == CLAIMS[0]["narrative"] and facts["harm"] == "personal_injury"


def test_jsonl_upload(data_dir, served_files):
    data = "\n".join(json.dumps(r, ensure_ascii=False) for r in CLAIMS[:1]).encode("utf-8")
    at = _run(new_app(), "claims.jsonl", data, "application/jsonl")
    assert _df(at, "triage_table")["责任形态"][0] == "连带责任"
    (line,) = served_files["claims.triage.jsonl"].decode("utf-8").splitlines()
    assert json.loads(line)["id"] == "c1"


def test_unreadable_file_gets_a_clear_message(data_dir):
    at = _run(new_app(), "claims.csv", b"\xff\xfe\x00garbage\x00\x00", "text/csv")
    assert at.error or at.success  # either the file is refused with a reason, or every row carries its error
    if at.error:
        assert "无法读取文件" in at.error[0].value
    else:
        assert all(isinstance(e, str) and e for e in _df(at, "triage_failed")["错误"])
