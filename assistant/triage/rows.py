"""Reading claim files (.csv, .jsonl, .xlsx) into ``InputRow``s; a broken row is marked, never dropped.

Columns: ``id`` and ``narrative`` (Chinese headers 编号 and 案情/陈述/投诉内容 also work), optionally any
ClaimFacts field, and ``received_date`` (the date the complaint came in; it anchors 去年/今年 in the text).
``row`` is where a paralegal finds the claim: the spreadsheet row (header = row 1) or the JSONL line number.
A file-level problem (unknown extension, no id or narrative column) raises ``InputFileError``.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.triage.coerce import FACT_COLUMNS
from assistant.triage.encoding import clean, decode_bytes, describe_undecodable, undecodable

ID_HEADERS = ("id", "ID", "Id", "编号", "案件编号", "序号")
NARRATIVE_HEADERS = ("narrative", "案情", "陈述", "投诉内容", "描述", "事实")
ANCHOR_HEADERS = ("received_date", "anchor_date", "收到日期", "投诉日期")
SUFFIXES = (".csv", ".jsonl", ".xlsx")


class InputFileError(ValueError):
    """The file as a whole cannot be read as claims (not a single bad row)."""


@dataclass
class InputRow:
    """One claim as read: where it is, its id and narrative, its given fact cells, and any read error."""

    row: int
    id: str
    narrative: str | None
    cells: dict[str, Any] = field(default_factory=dict)
    received: Any = None
    error: str | None = None


def _pick(header: list[str], names: tuple[str, ...]) -> str | None:
    return next((h for h in header if h in names), None)


def _from_mapping(row_no: int, rec: dict[str, Any], id_col: str | None, text_col: str | None) -> InputRow:
    rid = rec.get(id_col) if id_col else None
    rid = "" if rid is None else str(rid).strip()
    narrative = rec.get(text_col) if text_col else None
    if narrative is not None and not isinstance(narrative, str):
        narrative = str(narrative)
    cells = {k: rec[k] for k in FACT_COLUMNS if k in rec}
    anchor_col = next((h for h in ANCHOR_HEADERS if h in rec), None)
    row = InputRow(row=row_no, id=rid or f"#{row_no}", narrative=narrative, cells=cells,
                   received=rec.get(anchor_col) if anchor_col else None)
    if not rid:
        row.error = "empty id: give every claim an id"
    return row


def _broken(row: InputRow, values: list[Any], encoding: str) -> InputRow:
    """Mark a row holding undecodable bytes, and clean its text so it can still be written out."""
    bad = next((v for v in values if isinstance(v, str) and undecodable(v)), None)
    if bad is not None:
        row.error = describe_undecodable(bad, encoding)
        row.id = clean(row.id)
        row.narrative = clean(row.narrative) if row.narrative else row.narrative
        row.cells = {k: clean(v) if isinstance(v, str) else v for k, v in row.cells.items()}
    return row


def read_csv_text(text: str, encoding: str) -> list[InputRow]:
    """Rows of a decoded CSV text; the header must name an id and a narrative column."""
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [clean(h).strip() for h in next(reader, [])]
    id_col, text_col = _pick(header, ID_HEADERS), _pick(header, NARRATIVE_HEADERS)
    if id_col is None or text_col is None:
        raise InputFileError(
            f"the header must have an id column ({'/'.join(ID_HEADERS[:1] + ID_HEADERS[3:4])}) and a narrative column "
            f"({'/'.join(NARRATIVE_HEADERS[:4])}); found: {', '.join(header) or '(empty file)'}")
    rows = []
    for n, values in enumerate(reader, start=2):
        if not any(v.strip() for v in values):
            continue
        rec = dict(zip(header, values))
        rows.append(_broken(_from_mapping(n, rec, id_col, text_col), values, encoding))
    return rows


def read_jsonl_text(text: str, encoding: str) -> list[InputRow]:
    """Rows of a decoded JSONL text, one JSON object per line; a bad line becomes an error row."""
    rows = []
    for n, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(clean(line))
        except json.JSONDecodeError as exc:
            rows.append(InputRow(row=n, id=f"#{n}", narrative=None, error=f"line {n} is not valid JSON: {exc.msg}"))
            continue
        if not isinstance(rec, dict):
            rows.append(InputRow(row=n, id=f"#{n}", narrative=None, error=f"line {n} is not a JSON object"))
            continue
        row = _from_mapping(n, rec, _pick(list(rec), ID_HEADERS), _pick(list(rec), NARRATIVE_HEADERS))
        if undecodable(line):
            row.error = describe_undecodable(line, encoding)
        rows.append(row)
    return rows


def read_xlsx(data: bytes) -> list[InputRow]:
    """Rows of the first sheet of an .xlsx workbook (openpyxl, read-only)."""
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    it = wb.worksheets[0].iter_rows(values_only=True)
    header = [str(h).strip() if h is not None else "" for h in next(it, ())]
    id_col, text_col = _pick(header, ID_HEADERS), _pick(header, NARRATIVE_HEADERS)
    if id_col is None or text_col is None:
        raise InputFileError(f"the first sheet needs an id and a narrative column; found: {', '.join(header)}")
    rows = []
    for n, values in enumerate(it, start=2):
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        rows.append(_from_mapping(n, dict(zip(header, values)), id_col, text_col))
    wb.close()
    return rows


def read_claims(data: bytes, suffix: str, encoding: str | None = None) -> tuple[list[InputRow], str]:
    """Parse claim-file bytes by suffix (.csv/.jsonl/.xlsx); return the rows and the encoding detected."""
    suffix = suffix.lower()
    if suffix == ".xlsx":
        return read_xlsx(data), "xlsx"
    if suffix not in SUFFIXES:
        raise InputFileError(f"unknown input type {suffix!r}: use .csv, .jsonl or .xlsx")
    text, used = decode_bytes(data, encoding)
    if suffix == ".csv":
        return read_csv_text(text, used), used
    return read_jsonl_text(text, used), used


def read_claims_file(path: str | Path, encoding: str | None = None) -> tuple[list[InputRow], str]:
    """Read a claim file from disk (see ``read_claims``)."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputFileError(f"cannot read {p}: {exc.strerror or exc}") from exc
    return read_claims(data, p.suffix, encoding)
