"""Claim-file helpers shared by the triage tests (module name unique: tests dirs are not packages)."""

from __future__ import annotations

import csv
import io

GOOD = [
    ("C1", "2023年5月3日在外卖平台点的麻辣烫，商家没有营业执照，平台没有审核许可证，我吃完食物中毒住院。"),
    ("C2", "2023年6月1日在平台上一家店买了衣服，平台知道这家店卖假货，多次投诉却置之不理，损失500元。"),
    ("C3", "2023年7月1日京东自营买的奶粉，孩子喝了腹泻住院。"),
    ("C4", "2023年8月2日在平台买的药，吃了过敏住院。"),
    ("C5", "2023年9月9日在网上买的鞋子，没有造成任何损失。"),
]


def csv_bytes(rows: list[dict], encoding: str = "utf-8") -> bytes:
    """A CSV file of ``rows`` (first row's keys as header) in ``encoding``."""
    buf = io.StringIO(newline="")
    w = csv.DictWriter(buf, fieldnames=list(rows[0]))
    w.writeheader()
    w.writerows(rows)
    return buf.getvalue().encode(encoding)
