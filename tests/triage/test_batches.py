"""Issue 14 E: a triage run persists in the SQLite store as a batch — reload, reopen, compare two runs, and any row
opens as a matter with its narrative and facts; the screen table is Chinese (no joint_and_several, no None)."""

from __future__ import annotations

from pathlib import Path

from assistant.store import MatterStore
from assistant.store.batches import BatchStore
from assistant.triage import read_claims, triage_rows
from assistant.triage.display import split_records, zh_table

CSV = ("id,narrative\n"
       "a,2023年5月3日外卖点的麻辣烫，商家无证经营，平台没有审核许可证，我吃完食物中毒住院。\n"
       "b,#@!$%^&*()_+=-~\n"
       "c,\n"
       "d,2023年6月1日在平台上一家店买了衣服，平台知道这家店卖假货，多次投诉却置之不理，损失500元。\n").encode()


def _records():
    rows, _ = read_claims(CSV, ".csv")
    return triage_rows(rows, "qin2025")


def test_batch_round_trip_keeps_every_row(tmp_path: Path) -> None:
    db = tmp_path / "m.db"
    records = _records()
    bid = BatchStore(db).save("claims.csv", records, "qin2025", "utf-8")
    again = BatchStore(db)  # a new process / a reload
    (batch,) = again.list()
    assert (batch.id, batch.total, batch.failed, batch.flagged) == (bid, 4, 1, 1)
    assert [r["id"] for r in again.load(bid)] == [r["id"] for r in records]


def test_compare_two_runs(tmp_path: Path) -> None:
    bs = BatchStore(tmp_path / "m.db")
    first = _records()
    second = [dict(r) for r in first if r["id"] != "c"]
    second[0]["liability_form"] = "supplementary"
    a, b = bs.save("1.csv", first, "qin2025"), bs.save("2.csv", second, "joint")
    diff = bs.compare(a, b)
    assert diff["removed"] == ["c"] and diff["added"] == []
    assert diff["changed"][second[0]["id"]]["liability_form"][1] == "supplementary"


def test_row_opens_as_a_matter_with_narrative_and_facts(tmp_path: Path) -> None:
    db = tmp_path / "m.db"
    bs = BatchStore(db)
    bid = bs.save("claims.csv", _records(), "qin2025")
    store = MatterStore(db)
    matter = bs.open_as_matter(store, bid, "a")
    version = store.latest_facts(matter.id)
    assert version.facts["narrative"].startswith("2023年5月3日") and version.facts["harm"] == "personal_injury"
    assert version.facts["qualification_review_done"] is False
    assert version.extracted["harm"]["value"] == "personal_injury" and version.extracted["harm"]["text"]


def test_screen_table_is_chinese_and_review_rows_are_apart() -> None:
    records = _records()
    review, ranked, failed = split_records(records)
    assert [r["id"] for r in review] == ["b"] and [r["id"] for r in failed] == ["c"]
    assert all(r["priority"] is None for r in review)
    columns, rows = zh_table(ranked)
    text = str(rows)
    assert "编号" in columns and "责任形态" in columns
    assert "joint_and_several" not in text and "None" not in text and "连带责任" in text and "未知" in text


def test_xlsx_has_a_chinese_sheet_with_every_row() -> None:
    import io

    from openpyxl import load_workbook

    from assistant.triage import table_bytes

    records = _records()
    wb = load_workbook(io.BytesIO(table_bytes(records, "xlsx")))
    assert wb.sheetnames == ["triage", "分诊（中文）"]
    rows = list(wb.worksheets[1].iter_rows(values_only=True))
    assert rows[0][:4] == ("优先级", "分诊结论", "待复核原因", "编号") and len(rows) == len(records) + 1
    cells = " ".join(str(c) for r in rows[1:] for c in r if c is not None)
    assert "joint_and_several" not in cells and "None" not in cells and "待人工复核" in cells


def test_limitation_status_is_a_column_in_chinese() -> None:
    from assistant.triage.display import LIMITATION_ZH, zh_value

    rec = next(r for r in _records() if r["id"] == "a")
    assert rec["limitation_status"] in LIMITATION_ZH  # the claim against the platform (spec 7.5 L7)
    assert zh_value("limitation_status", rec["limitation_status"]) == LIMITATION_ZH[rec["limitation_status"]]
