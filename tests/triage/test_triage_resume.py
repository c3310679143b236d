"""--resume: an interrupted run continues without redoing finished rows, and ends with the same table."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.triage import run_triage
from assistant.triage.progress import ResumeMismatch, sidecar_path

NARRATIVES = [
    "2023年5月3日在外卖平台点的麻辣烫，平台没有审核许可证，我吃完食物中毒住院。",
    "2023年6月1日在平台上一家店买了衣服，平台知道这家店卖假货，多次投诉却置之不理，损失500元。",
    "2023年7月1日京东自营买的奶粉，孩子喝了腹泻住院。",
    "2023年8月2日在平台买的药，吃了过敏住院。",
]


def _claims(tmp_path: Path, n: int = 12) -> Path:
    src = tmp_path / "claims.jsonl"
    lines = [json.dumps({"id": f"R{i:02d}", "narrative": NARRATIVES[i % 4]}, ensure_ascii=False) for i in range(n)]
    if n > 5:
        lines[5] = json.dumps({"id": "R05", "narrative": ""})  # one failing row
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return src


class Interrupt(KeyboardInterrupt):
    pass


def _stop_after(n: int):
    def on_row(done: int, record: dict) -> None:
        if done == n:
            raise Interrupt
    return on_row


def test_interrupted_run_resumes_without_redoing_rows(tmp_path: Path) -> None:
    src = _claims(tmp_path)
    out = tmp_path / "out.csv"
    with pytest.raises(Interrupt):
        run_triage(src, out, progress=False, on_row=_stop_after(7))
    assert not out.exists()                       # no half table
    side = sidecar_path(out)
    assert len(side.read_text(encoding="utf-8").splitlines()) == 1 + 7  # header + 7 finished rows

    seen: list[str] = []
    summary = run_triage(src, out, progress=False, resume=True, on_row=lambda n, rec: seen.append(rec["id"]))
    # 6 good rows were finished and kept; the failed row R05 is retried with the 5 rows never started
    assert summary.resumed == 6 and summary.processed == 6
    assert sorted(seen) == ["R05", "R07", "R08", "R09", "R10", "R11"]
    assert not side.exists()

    fresh = tmp_path / "fresh.csv"
    run_triage(src, fresh, progress=False)
    assert out.read_bytes() == fresh.read_bytes()  # same table as an uninterrupted run


def test_resume_redoes_a_row_changed_since(tmp_path: Path) -> None:
    src = _claims(tmp_path, 4)
    out = tmp_path / "out.jsonl"
    with pytest.raises(Interrupt):
        run_triage(src, out, progress=False, on_row=_stop_after(3))
    lines = src.read_text(encoding="utf-8").splitlines()
    lines[0] = json.dumps({"id": "R00", "narrative": "2023年5月3日京东自营买的奶粉，孩子喝了腹泻住院。"}, ensure_ascii=False)
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    seen: list[str] = []
    run_triage(src, out, progress=False, resume=True, on_row=lambda n, rec: seen.append(rec["id"]))
    assert sorted(seen) == ["R00", "R03"]
    recs = {r["id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert recs["R00"]["liability_form"] == "seller_liability"


def test_a_line_cut_short_by_the_interruption_is_redone(tmp_path: Path) -> None:
    src = _claims(tmp_path, 4)
    out = tmp_path / "out.jsonl"
    with pytest.raises(Interrupt):
        run_triage(src, out, progress=False, on_row=_stop_after(2))
    side = sidecar_path(out)
    side.write_bytes(side.read_bytes()[:-15])     # the process died mid-write
    seen: list[str] = []
    run_triage(src, out, progress=False, resume=True, on_row=lambda n, rec: seen.append(rec["id"]))
    assert sorted(seen) == ["R01", "R02", "R03"]
    assert len(out.read_text(encoding="utf-8").splitlines()) == 4


def test_resume_refuses_another_doctrine(tmp_path: Path) -> None:
    src = _claims(tmp_path, 4)
    out = tmp_path / "out.jsonl"
    with pytest.raises(Interrupt):
        run_triage(src, out, progress=False, on_row=_stop_after(2))
    with pytest.raises(ResumeMismatch, match="doctrine"):
        run_triage(src, out, progress=False, resume=True, doctrine="joint")


def test_without_resume_a_run_starts_over(tmp_path: Path) -> None:
    src = _claims(tmp_path, 4)
    out = tmp_path / "out.jsonl"
    with pytest.raises(Interrupt):
        run_triage(src, out, progress=False, on_row=_stop_after(2))
    summary = run_triage(src, out, progress=False)
    assert summary.resumed == 0 and summary.processed == 4
