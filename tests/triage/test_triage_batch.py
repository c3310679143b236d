"""Batch triage: malformed rows get their own error, explicit columns win, priority, Chinese citations."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from assistant.triage import OUTPUT_COLUMNS, run_triage
from assistant.triage.batch import triage_row
from assistant.triage.priority import priority
from assistant.triage.rows import InputRow

from triage_claimfiles import csv_bytes


def row(narrative: str | None = "2023年5月3日在外卖平台点的外卖，吃完中毒住院。", **cells) -> InputRow:
    received = cells.pop("received", None)
    return InputRow(row=2, id="X", narrative=narrative, cells=cells, received=received)


@pytest.mark.parametrize("cells, narrative, message", [
    ({"event_date": "2023-02-30"}, "买了药", "bad date"),
    ({"event_date": "next tuesday"}, "买了药", "bad date"),
    ({"category": "toys"}, "买了药", "category: unknown value 'toys'"),
    ({"harm": "injured"}, "买了药", "harm: unknown value"),
    ({"causation": "maybe"}, "买了药", "not a yes/no value"),
    ({}, "", "empty narrative"),
    ({}, "   ", "empty narrative"),
    ({}, None, "empty narrative"),
    ({"event_date": "2099-01-01"}, "买了药", "future"),
    ({"received": "yesterday"}, "买了药", "received_date"),
])
def test_malformed_rows_get_an_error(cells: dict, narrative, message: str) -> None:
    rec = triage_row(row(narrative, **cells))
    assert message in rec["error"]
    assert rec["liability_form"] is None and rec["priority"] is None
    assert rec["id"] == "X"


def test_explicit_columns_win_over_extraction() -> None:
    rec = triage_row(row("2023年5月3日在外卖平台点的外卖，平台审核了许可证，吃完中毒住院。",
                         category="药品", qualification_review_done="否", harm="unknown"))
    assert rec["category"] == "drug"                      # Chinese label accepted
    assert rec["qualification_review_done"] is False      # column beats 平台审核了许可证
    assert rec["harm"] is None                            # explicit unknown beats 中毒住院
    assert "category=column" in rec["fact_sources"] and "event_date=text" in rec["fact_sources"]
    assert "qualification_review_done" not in rec["evidence"]


def test_a_triaged_row() -> None:
    rec = triage_row(row("2023年5月3日在外卖平台点的麻辣烫，商家无证经营，平台没有审核许可证，我吃完食物中毒住院。"))
    assert rec["error"] is None
    assert rec["liability_form"] == "joint_and_several" and rec["liability_form_zh"] == "连带责任"
    assert "FSL-131-1" in rec["regimes"]
    assert rec["citations"][0] == "《食品安全法》第一百三十一条第一款"
    assert rec["priority"] == 1
    assert rec["missing_questions"] and all(q.endswith("？") for q in rec["missing_questions"])
    assert set(rec) == set(OUTPUT_COLUMNS)


@pytest.mark.parametrize("form, harm, expected", [
    ("joint_and_several", "personal_injury", 1), ("supplementary", "property_loss", 2), ("advance_compensation", None, 2),
    ("undetermined", "personal_injury", 3), ("undetermined", None, 4), ("none", "personal_injury", 5),
])
def test_priority(form: str, harm, expected: int) -> None:
    assert priority(form, harm) == expected


def test_batch_goes_on_past_bad_rows_and_sorts(tmp_path: Path) -> None:
    rows = [
        {"id": "ok-prop", "narrative": "2023年6月1日在平台上一家店买了衣服，平台知道这家店卖假货，多次投诉却置之不理，损失500元。", "category": ""},
        {"id": "bad-cat", "narrative": "买了药", "category": "toys"},
        {"id": "ok-injury", "narrative": "2023年5月3日在外卖平台点的麻辣烫，平台没有审核许可证，我吃完食物中毒住院。", "category": ""},
        {"id": "empty", "narrative": "", "category": ""},
        {"id": "ok-prop", "narrative": "重复的编号", "category": ""},
    ]
    src = tmp_path / "c.csv"
    src.write_bytes(csv_bytes(rows))
    out = tmp_path / "out.jsonl"
    summary = run_triage(src, out, progress=False)
    recs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in recs] == ["ok-injury", "ok-prop", "bad-cat", "empty", "ok-prop@6"]
    assert summary.failed == 3 and summary.exit_status == 1 and summary.total == 5  # 1: some rows failed
    assert "duplicate id" in recs[-1]["error"]
    assert not (tmp_path / "out.jsonl.progress.jsonl").exists()  # removed once the table is written


def test_exit_status_means_one_thing(tmp_path: Path) -> None:
    """Issue 14: 1 = some rows failed, however many (it used to be the count: 2 failed rows looked like exit 2)."""
    src = tmp_path / "c.jsonl"
    src.write_text("".join(json.dumps({"id": str(i), "narrative": ""}) + "\n" for i in range(130)), encoding="utf-8")
    summary = run_triage(src, tmp_path / "o.jsonl", progress=False)
    assert summary.failed == 130 and summary.exit_status == 1


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".jsonl"])
def test_output_formats(tmp_path: Path, good_csv: Path, suffix: str) -> None:
    out = tmp_path / f"out{suffix}"
    run_triage(good_csv, out, progress=False)
    if suffix == ".csv":
        raw = out.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel opens it as UTF-8
        table = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    elif suffix == ".xlsx":
        ws = load_workbook(out).active
        values = list(ws.iter_rows(values_only=True))
        table = [dict(zip(values[0], (v if v is not None else "" for v in r))) for r in values[1:]]
    else:
        table = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(table) == 5
    assert list(table[0]) == list(OUTPUT_COLUMNS)
    by_id = {r["id"]: r for r in table}
    assert by_id["C1"]["liability_form"] == "joint_and_several"
    assert "《食品安全法》" in str(by_id["C1"]["citations"])
    assert by_id["C3"]["liability_form"] == "seller_liability"
    assert str(by_id["C1"]["priority"]) == "1"


def test_xlsx_input(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["id", "narrative", "event_date"])
    wb.active.append(["X1", "在外卖平台点的外卖，平台没有审核许可证，吃完中毒住院。", "2023-05-03"])
    src = tmp_path / "c.xlsx"
    wb.save(src)
    run_triage(src, tmp_path / "o.jsonl", progress=False)
    rec = json.loads((tmp_path / "o.jsonl").read_text(encoding="utf-8"))
    assert rec["event_date"] == "2023-05-03" and rec["liability_form"] == "joint_and_several"
