"""Issues 12 and 13 on the triage page: the new columns in Chinese, and a row expiring within 90 days listed first."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from ui_helpers import new_app, ok

EX1 = Path(__file__).resolve().parents[2] / "examples" / "claims" / "remedies_ex1.json"


def _csv() -> bytes:
    facts = {k: v for k, v in json.loads(EX1.read_text(encoding="utf-8")).items()
             if v is not None and not k.startswith("_") and k not in ("limitation_events", "narrative")}
    rows = [  # file order: the running claim first; decided ~400 days later the same claim has < 90 days left
        {"id": "running", "narrative": "外卖食品中毒，平台未审核许可证。", **facts},
        {"id": "expiring", "narrative": "外卖食品中毒，平台未审核许可证。", **facts, "decision_date": "2028-01-05"},
    ]
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(rows[0]))
    w.writeheader()
    for r in rows:
        w.writerow({k: ("true" if v is True else "false" if v is False else v) for k, v in r.items()})
    return buf.getvalue().encode("utf-8")


def test_triage_page_shows_the_new_columns_in_chinese_and_expiring_rows_first(data_dir):
    at = new_app()
    ok(at.sidebar.radio(key="page").set_value("triage").run())
    at.file_uploader(key="triage_upload").upload("claims.csv", _csv(), "text/csv")
    ok(at.run())
    ok(at.button(key="triage_run").click().run())
    review, table, failed = (d.value for d in at.dataframe[:3])
    assert failed.empty and review.empty, (failed.to_string(), review.to_string())
    assert list(table["编号"]) == ["expiring", "running"]
    first = dict(zip(table.columns, table.iloc[0]))
    assert first["现有事实下结论"] == "连带责任"
    assert first["时效剩余天数（对平台）"].startswith("剩余 ") and int(first["时效剩余天数（对平台）"].split()[1]) <= 90
    assert first["建议惩罚性赔偿"] == "3,750.00 元（食品安全法第一百四十八条第二款）"
    text = table.to_string()
    assert "None" not in text and "joint_and_several" not in text and "expiring_soon" not in text
