"""Reading claim files: every encoding, broken bytes in one row, bad JSON lines, file-level errors."""

from __future__ import annotations

import json

import pytest

from assistant.triage.rows import InputFileError, read_claims

from triage_claimfiles import GOOD, csv_bytes

ROWS = [{"id": i, "narrative": t} for i, t in GOOD]


@pytest.mark.parametrize("encoding, detected", [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gb18030", "gb18030")])
def test_csv_encodings(encoding: str, detected: str) -> None:
    rows, used = read_claims(csv_bytes(ROWS, encoding), ".csv")
    assert used == detected
    assert [(r.id, r.narrative) for r in rows] == list(GOOD)
    assert all(r.error is None for r in rows)
    assert [r.row for r in rows] == [2, 3, 4, 5, 6]  # spreadsheet rows: the header is row 1


def test_bom_header_is_not_part_of_the_id_column() -> None:
    rows, _ = read_claims(csv_bytes(ROWS, "utf-8-sig"), ".csv")
    assert rows[0].id == "C1"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_jsonl_encodings(encoding: str) -> None:
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in ROWS).encode(encoding)
    rows, _ = read_claims(data, ".jsonl")
    assert [(r.id, r.narrative) for r in rows] == list(GOOD)


def test_broken_bytes_in_one_csv_row_only_fail_that_row() -> None:
    data = csv_bytes(ROWS).replace("C3,".encode(), b"C3,\xff\xfe", 1)
    rows, used = read_claims(data, ".csv")
    assert used == "utf-8"
    bad = [r for r in rows if r.error]
    assert [r.id for r in bad] == ["C3"]
    assert "broken encoding" in bad[0].error and "\\xff" in bad[0].error
    assert "\ufffd" in bad[0].narrative  # cleaned so the row can still be written
    assert len(rows) == 5


def test_broken_bytes_in_a_jsonl_line() -> None:
    lines = [json.dumps(r, ensure_ascii=False).encode() for r in ROWS]
    lines[1] = lines[1].replace("平台".encode(), b"\xc3\x28", 1)
    rows, _ = read_claims(b"\n".join(lines) + b"\n", ".jsonl")
    assert [r.id for r in rows if r.error] == ["C2"]  # the id is still recovered
    assert "broken encoding" in rows[1].error


def test_bad_json_line_is_a_row_error() -> None:
    data = (json.dumps(ROWS[0], ensure_ascii=False) + "\n{not json\n[1, 2]\n\n" + json.dumps(ROWS[1], ensure_ascii=False))
    rows, _ = read_claims(data.encode(), ".jsonl")
    assert [r.error is None for r in rows] == [True, False, False, True]
    assert "not valid JSON" in rows[1].error and rows[1].id == "#2"
    assert "not a JSON object" in rows[2].error


def test_chinese_headers_and_fact_columns() -> None:
    data = csv_bytes([{"编号": "A", "案情": "买了药", "category": "drug", "备注": "x"}])
    rows, _ = read_claims(data, ".csv")
    assert rows[0].id == "A" and rows[0].narrative == "买了药" and rows[0].cells == {"category": "drug"}


def test_missing_columns_and_unknown_type_are_file_errors() -> None:
    with pytest.raises(InputFileError, match="narrative"):
        read_claims(csv_bytes([{"id": "1", "text": "x"}]), ".csv")
    with pytest.raises(InputFileError, match="unknown input type"):
        read_claims(b"", ".txt")


def test_empty_id_is_a_row_error() -> None:
    rows, _ = read_claims(csv_bytes([{"id": "", "narrative": "买了药"}]), ".csv")
    assert rows[0].error.startswith("empty id") and rows[0].id == "#2"
