"""Reading claim files (.csv, .jsonl, .xlsx) into ``InputRow``s; a broken row is marked, never dropped.

Columns: ``id`` and ``narrative`` (Chinese headers 编号 and 案情/陈述/投诉内容 also work), optionally any
ClaimFacts field, and ``received_date`` (the date the complaint came in; it anchors 去年/今年 in the text).
``row`` is where a paralegal finds the claim: the spreadsheet row (header = row 1) or the JSONL line number.
A file-level problem (unknown extension, no id or narrative column, not a workbook) raises ``InputFileError``.
Problems that do not stop a row (a field cut at ``MAX_FIELD`` characters, a line read in the file's other
encoding) go into the row's ``flags``: the row is triaged and marked for review.
"""

from __future__ import annotations

import csv
import io
import json
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.triage.coerce import FACT_COLUMNS
from assistant.triage.encoding import clean, decode_lines, describe_undecodable, undecodable

ID_HEADERS = ("id", "ID", "Id", "编号", "案件编号", "序号")
NARRATIVE_HEADERS = ("narrative", "案情", "陈述", "投诉内容", "描述", "事实")
ANCHOR_HEADERS = ("received_date", "anchor_date", "收到日期", "投诉日期")
SUFFIXES = (".csv", ".jsonl", ".xlsx")
#: Longest field kept (the csv module's default limit): a longer one is cut and the row flagged, never fatal.
MAX_FIELD = 131_072
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # read any field, then cut it at MAX_FIELD with a flag


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
    flags: list[str] = field(default_factory=list)  # non-fatal problems: the row is triaged and needs review


def _pick(header: list[str], names: tuple[str, ...]) -> str | None:
    return next((h for h in header if h in names), None)


def _cut_fields(rec: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Cut every text field longer than MAX_FIELD; one flag per cut field, naming its original length."""
    flags = []
    for k, v in rec.items():
        if isinstance(v, str) and len(v) > MAX_FIELD:
            rec[k] = v[:MAX_FIELD]
            flags.append(f"字段 {k} 过长（{len(v)} 字符），已截断为前 {MAX_FIELD} 字符")
    return rec, flags


def _from_mapping(row_no: int, rec: dict[str, Any], id_col: str | None, text_col: str | None) -> InputRow:
    rec, cut = _cut_fields(dict(rec))
    rid = rec.get(id_col) if id_col else None
    rid = "" if rid is None else str(rid).strip()
    narrative = rec.get(text_col) if text_col else None
    if narrative is not None and not isinstance(narrative, str):
        narrative = str(narrative)
    cells = {k: rec[k] for k in FACT_COLUMNS if k in rec}
    anchor_col = next((h for h in ANCHOR_HEADERS if h in rec), None)
    row = InputRow(row=row_no, id=rid or f"#{row_no}", narrative=narrative, cells=cells,
                   received=rec.get(anchor_col) if anchor_col else None, flags=cut)
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


def read_csv_text(text: str, encoding: str, other_lines: set[int] | frozenset[int] = frozenset()) -> list[InputRow]:
    """Rows of a decoded CSV text; the header must name an id and a narrative column.

    ``other_lines``: physical lines decoded in the file's other encoding; rows spanning them are flagged.
    """
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [clean(h).strip() for h in next(reader, [])]
    except csv.Error as exc:
        raise InputFileError(f"the header line is not valid CSV: {exc}") from None
    id_col, text_col = _pick(header, ID_HEADERS), _pick(header, NARRATIVE_HEADERS)
    if id_col is None or text_col is None:
        raise InputFileError(
            f"the header must have an id column ({'/'.join(ID_HEADERS[:1] + ID_HEADERS[3:4])}) and a narrative column "
            f"({'/'.join(NARRATIVE_HEADERS[:4])}); found: {', '.join(header) or '(empty file)'}")
    rows = []
    other = "GB18030" if encoding.startswith("utf-8") else "UTF-8"
    last_line = reader.line_num
    n = 1
    while True:
        n += 1
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:  # e.g. a NUL byte: this record is lost to the parser, so say so in its own row
            rows.append(InputRow(row=n, id=f"#{n}", narrative=None, error=f"line {reader.line_num}: not valid CSV: {exc}"))
            last_line = reader.line_num
            continue
        lines = set(range(last_line + 1, reader.line_num + 1))
        last_line = reader.line_num
        if not any(v.strip() for v in values):
            continue
        rec = dict(zip(header, values))
        row = _broken(_from_mapping(n, rec, id_col, text_col), values, encoding)
        if lines & other_lines and not row.error:
            row.flags.append(f"此行按 {other} 解码（文件其余部分为 {encoding}）：请核对文字是否正确")
        rows.append(row)
    if rows and text.count('"') % 2 and not rows[-1].error:
        # an unterminated quote makes the parser read every later line into one field: say so on that row
        rows[-1].flags.append(f"第 {rows[-1].row} 行有未闭合的引号：其后的各行可能被并入此行，请核对原文件")
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
        except RecursionError:
            rows.append(InputRow(row=n, id=f"#{n}", narrative=None, error=f"line {n}: JSON nested too deeply"))
            continue
        if not isinstance(rec, dict):
            rows.append(InputRow(row=n, id=f"#{n}", narrative=None, error=f"line {n} is not a JSON object"))
            continue
        row = _from_mapping(n, rec, _pick(list(rec), ID_HEADERS), _pick(list(rec), NARRATIVE_HEADERS))
        strings = [v for v in rec.values() if isinstance(v, str)]
        if undecodable(line):
            row.error = describe_undecodable(line, encoding)
        elif any(undecodable(v) for v in strings):  # a "\ud800" escape decodes to a lone surrogate
            _broken(row, strings, encoding)
        elif any(not isinstance(v, (str, int, float, bool, type(None))) for v in rec.values()):
            row.flags.append("某些字段是嵌套的 JSON 对象或数组：只读取了 id 与叙述")
        rows.append(row)
    return rows


def read_xlsx(data: bytes) -> list[InputRow]:
    """Rows of the first sheet of an .xlsx workbook (openpyxl, read-only)."""
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        # the same sheet with formulas: a formula cell whose value was never saved reads as empty above
        wf = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        raise InputFileError(f"not a readable .xlsx workbook ({type(exc).__name__}: {exc}); "
                             "save it from Excel as .xlsx, or export it as .csv") from None
    if not wb.worksheets:
        raise InputFileError("the workbook has no worksheet")
    it = zip(wb.worksheets[0].iter_rows(values_only=True), wf.worksheets[0].iter_rows(values_only=True))
    first = next(it, ((), ()))[0]
    header = [str(h).strip() if h is not None else "" for h in first]
    id_col, text_col = _pick(header, ID_HEADERS), _pick(header, NARRATIVE_HEADERS)
    if id_col is None or text_col is None:
        raise InputFileError(f"the first sheet needs an id and a narrative column; found: {', '.join(header)}")
    rows = []
    for n, (values, formulas) in enumerate(it, start=2):
        lost = [h or f"column {i + 1}" for i, (h, v, f) in enumerate(zip(header, values, formulas))
                if v is None and isinstance(f, str) and f.startswith("=")]
        if not lost and all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        row = _from_mapping(n, dict(zip(header, values)), id_col, text_col)
        if lost:  # the root cause, even when it also left the id or narrative empty
            row.error = (f"formula cells without a saved value ({', '.join(lost)}): open the file in Excel and save it, "
                         "or paste the values")
        rows.append(row)
    wb.close()
    wf.close()
    return rows


def read_claims(data: bytes, suffix: str, encoding: str | None = None) -> tuple[list[InputRow], str]:
    """Parse claim-file bytes by suffix (.csv/.jsonl/.xlsx); return the rows and the encoding detected."""
    suffix = suffix.lower()
    if suffix == ".xlsx":
        return read_xlsx(data), "xlsx"
    if suffix not in SUFFIXES:
        raise InputFileError(f"unknown input type {suffix!r}: use .csv, .jsonl or .xlsx")
    text, used, other = decode_lines(data, encoding)
    if suffix == ".csv":
        return read_csv_text(text, used, other), used
    return read_jsonl_text(text, used), used


def read_claims_file(path: str | Path, encoding: str | None = None) -> tuple[list[InputRow], str]:
    """Read a claim file from disk (see ``read_claims``)."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputFileError(f"cannot read {p}: {exc.strerror or exc}") from exc
    return read_claims(data, p.suffix, encoding)
