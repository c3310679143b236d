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


def test_gb18030_csv_is_triaged_sorted_and_downloadable(data_dir, served_files):
    at = _run(new_app(), "claims.csv", _csv("gb18030"), "text/csv")
    (done,) = at.success
    assert "4 行" in done.value and "2 行有错误" in done.value and "gb18030" in done.value
    table = at.dataframe[0].value
    assert list(table["id"][:2]) == ["c1", "c3"] or list(table["id"][:2]) == ["c3", "c1"]  # injuries first
    errors = dict(zip(table["id"], table["error"]))
    assert not isinstance(errors["c1"], str) and not isinstance(errors["c3"], str)  # empty cells (NaN)
    assert "narrative" in errors["c2"] and "2023-13-45" in errors["c4"]  # each bad row says what is wrong
    forms = dict(zip(table["id"], table["liability_form"]))
    assert forms["c1"] == "joint_and_several" and forms["c3"] == "seller_liability"
    assert {"triage_dl_csv", "triage_dl_xlsx", "triage_dl_jsonl"} <= {d.key for d in at.get("download_button")}
    out = served_files["claims.triage.csv"].decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["id"] for r in rows] == list(table["id"])


def test_jsonl_upload(data_dir, served_files):
    data = "\n".join(json.dumps(r, ensure_ascii=False) for r in CLAIMS[:1]).encode("utf-8")
    at = _run(new_app(), "claims.jsonl", data, "application/jsonl")
    assert at.dataframe[0].value["liability_form"][0] == "joint_and_several"
    (line,) = served_files["claims.triage.jsonl"].decode("utf-8").splitlines()
    assert json.loads(line)["id"] == "c1"


def test_unreadable_file_gets_a_clear_message(data_dir):
    at = _run(new_app(), "claims.csv", b"\xff\xfe\x00garbage\x00\x00", "text/csv")
    assert at.error or at.success  # either the file is refused with a reason, or every row carries its error
    if at.error:
        assert "无法读取文件" in at.error[0].value
    else:
        assert all(isinstance(e, str) and e for e in at.dataframe[0].value["error"])
