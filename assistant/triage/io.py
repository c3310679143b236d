"""Writing the triage table (.csv UTF-8 with BOM for Excel, .xlsx, .jsonl) atomically, and table bytes for the UI.

The .xlsx has a second sheet, 分诊（中文）, with Chinese column names and values for the paralegal (the first
sheet keeps the field names for machines). CSV/XLSX cells: lists are joined (citations and routes with "；", questions and notes one per line), booleans as
true/false, unknown as an empty cell. JSONL keeps lists and nulls as JSON.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from pathlib import Path
from typing import Any, Iterable

from assistant.triage.batch import OUTPUT_COLUMNS
from assistant.triage.coerce import LIST_FIELDS

OUTPUT_SUFFIXES = (".csv", ".xlsx", ".jsonl")
#: Excel's limit for one cell; a longer text is cut in the .xlsx (with a visible mark), kept whole in csv/jsonl.
XLSX_CELL_MAX = 32_767
_XLSX_CUT = "…【超出 Excel 单元格上限，已截断；完整内容见 CSV/JSONL】"
_LINE_JOINED = frozenset({"missing_questions", "notes"})


def cell(column: str, value: Any) -> Any:
    """A record value as a flat spreadsheet cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if column in LIST_FIELDS and isinstance(value, (list, tuple)):
        # As the JSON array an input cell takes, so an output row reads back; [] (known: none) stays apart from unknown.
        return json.dumps(list(value), ensure_ascii=False, default=str)
    if isinstance(value, list):
        return ("\n" if column in _LINE_JOINED else "；").join(str(v) for v in value)
    return value


def _csv_bytes(records: Iterable[dict]) -> bytes:
    buf = io.StringIO(newline="")
    w = csv.writer(buf)
    w.writerow(OUTPUT_COLUMNS)
    for rec in records:
        w.writerow([cell(c, rec.get(c)) for c in OUTPUT_COLUMNS])
    return buf.getvalue().encode("utf-8-sig")


def _jsonl_bytes(records: Iterable[dict]) -> bytes:
    return "".join(json.dumps({c: rec.get(c) for c in OUTPUT_COLUMNS}, ensure_ascii=False) + "\n"
                   for rec in records).encode("utf-8")


def _xlsx_cell(value: Any) -> Any:
    if isinstance(value, str) and len(value) > XLSX_CELL_MAX:
        return value[:XLSX_CELL_MAX - len(_XLSX_CUT)] + _XLSX_CUT
    return value


def _zh_sheet(wb: Any, records: list[dict]) -> None:
    """A second sheet for the paralegal: Chinese column names and values, same rows in the same order."""
    from openpyxl.utils import get_column_letter

    from assistant.triage.display import zh_table

    columns, rows = zh_table(records)
    ws = wb.create_sheet("分诊（中文）")
    ws.append(list(columns))
    for row in rows:
        ws.append([_xlsx_cell(v) for v in row])
    ws.freeze_panes = "E2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(rows) + 1}"


def _xlsx_bytes(records: Iterable[dict]) -> bytes:
    records = list(records)
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "triage"
    ws.append(list(OUTPUT_COLUMNS))
    n = 1
    for rec in records:
        ws.append([_xlsx_cell(cell(c, rec.get(c))) for c in OUTPUT_COLUMNS])
        n += 1
    ws.freeze_panes = "D2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(OUTPUT_COLUMNS))}{n}"
    _zh_sheet(wb, records)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def table_bytes(records: Iterable[dict], fmt: str) -> bytes:
    """The triage table as bytes in ``fmt`` (csv, xlsx or jsonl), e.g. for a download button."""
    fmt = fmt.lower().lstrip(".")
    writers = {"csv": _csv_bytes, "xlsx": _xlsx_bytes, "jsonl": _jsonl_bytes}
    if fmt not in writers:
        raise ValueError(f"unknown output type {fmt!r}: use csv, xlsx or jsonl")
    return writers[fmt](records)


def write_table(records: Iterable[dict], path: str | Path) -> Path:
    """Write the table to ``path`` (type from its suffix) atomically: a crash never leaves half a file."""
    p = Path(path)
    data = table_bytes(records, p.suffix)
    p.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=p.name + ".", suffix=".tmp", dir=p.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, p)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return p
