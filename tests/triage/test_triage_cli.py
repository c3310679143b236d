"""The CLI verbs: lexmemo extract and lexmemo triage (exit status, outputs, bad input)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

import assistant.cli.triage_cmds  # noqa: F401  (registers the verbs)
from assistant.cli import app

runner = CliRunner()
TEXT = "2023年5月3日在外卖平台点的麻辣烫，平台没有审核许可证，我吃完食物中毒住院。"


def test_extract_file_prints_claimfacts_json(tmp_path: Path) -> None:
    p = tmp_path / "n.txt"
    p.write_text(TEXT, encoding="utf-8")
    res = runner.invoke(app, ["extract", str(p)])
    assert res.exit_code == 0, res.output
    facts = json.loads(res.stdout)
    assert facts["category"] == "catering" and facts["qualification_review_done"] is False
    assert facts["event_date"] == "2023-05-03" and facts["causation"] is None
    assert facts["narrative"] == TEXT


def test_extract_stdin_gb18030_with_spans() -> None:
    res = runner.invoke(app, ["extract", "-", "--spans"], input=TEXT.encode("gb18030"))
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert out["spans"]["qualification_review_done"]["text"] == "没有审核许可证"
    assert out["facts"]["harm"] == "personal_injury"


def test_extract_anchor_date() -> None:
    res = runner.invoke(app, ["extract", "-", "--anchor-date", "2024-02-01"], input="去年5月3日买的药".encode())
    assert json.loads(res.stdout)["event_date"] == "2023-05-03"


def test_extract_bad_input_exits_2(tmp_path: Path) -> None:
    assert runner.invoke(app, ["extract", str(tmp_path / "missing.txt")]).exit_code == 2
    assert runner.invoke(app, ["extract", "-"], input=b"   ").exit_code == 2


def test_triage_exit_status_counts_failed_rows(tmp_path: Path) -> None:
    src = tmp_path / "c.jsonl"
    rows = [{"id": "a", "narrative": TEXT}, {"id": "b", "narrative": ""}, {"id": "c", "narrative": TEXT, "category": "x"}]
    src.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    out = tmp_path / "o.xlsx"
    res = runner.invoke(app, ["triage", str(src), "-o", str(out), "--no-progress", "--doctrine", "joint"])
    assert res.exit_code == 1, res.output        # two failed rows: 1 (2 means unusable input)
    assert "2 failed" in res.stderr
    assert out.exists() and "2 failed" in res.stderr


def test_triage_progress_bar_on_stderr(tmp_path: Path, good_csv: Path) -> None:
    out = tmp_path / "o.csv"
    res = runner.invoke(app, ["triage", str(good_csv), "-o", str(out), "--progress"])
    assert res.exit_code == 0, res.output
    assert "claim/s" in res.stderr and "5/5" in res.stderr
    assert res.stdout == ""


def test_triage_bad_file_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "c.csv"
    bad.write_text("name,text\n1,x\n", encoding="utf-8")
    res = runner.invoke(app, ["triage", str(bad), "-o", str(tmp_path / "o.csv"), "--no-progress"])
    assert res.exit_code == 2 and "narrative" in res.stderr
    res = runner.invoke(app, ["triage", str(bad), "-o", str(tmp_path / "o.txt"), "--no-progress"])
    assert res.exit_code == 2 and "output type" in res.stderr
    res = runner.invoke(app, ["triage", str(tmp_path / "none.csv"), "-o", str(tmp_path / "o.csv")])
    assert res.exit_code == 2


def test_extract_spans_report_confidence_precision_and_questions() -> None:
    res = runner.invoke(app, ["extract", "-", "--spans"], input="2022年8月在外卖平台点的麻辣烫，好像商家没有营业执照，吃完住院。".encode())
    out = json.loads(res.stdout)
    assert out["event_date_precision"] == "month" and "2022年8月" in out["questions"][0]
    assert out["confidence"]["qualification_review_done"] < 0.6  # 好像: the narrator is not sure
    assert out["not_claim"] is None and out["cut"] is None


def test_triage_save_puts_the_run_in_the_matter_database(tmp_path: Path, monkeypatch) -> None:
    from assistant.store.batches import BatchStore

    monkeypatch.setenv("LEXMEMO_DATA_DIR", str(tmp_path / "data"))
    src = tmp_path / "c.jsonl"
    src.write_text(json.dumps({"id": "a", "narrative": TEXT}, ensure_ascii=False) + "\n", encoding="utf-8")
    res = runner.invoke(app, ["triage", str(src), "-o", str(tmp_path / "o.csv"), "--no-progress", "--save"])
    assert res.exit_code == 0 and "saved as triage batch" in res.stderr
    from assistant.settings import get_settings

    (batch,) = BatchStore(get_settings().db_path).list()
    assert batch.total == 1 and batch.name == "c.jsonl"


def test_limitation_events_column_is_a_json_array_and_reads_back(tmp_path: Path) -> None:
    """Issue 13: a CSV cell carries CC-195 interruptions as a JSON array; a bad cell fails its own row only, and the
    output writes the events back as JSON ([] = known: none, not unknown) so the output row reads back as input."""
    import csv

    demand = '[{"date": "2026-04-01", "kind": "demand", "against": ["platform"]}]'
    rows = [("a", demand), ("b", "去年找过平台"), ("c", "[]")]
    src = tmp_path / "in.csv"
    with src.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "narrative", "limitation_events"])
        w.writerows((i, TEXT, ev) for i, ev in rows)
    out = tmp_path / "out.csv"
    res = runner.invoke(app, ["triage", str(src), "-o", str(out), "--no-progress"])
    assert res.exit_code == 1, res.output  # one bad row: 1, the batch goes on
    got = {r["id"]: r for r in csv.DictReader(out.open(encoding="utf-8-sig"))}
    assert set(got) == {"a", "b", "c"}
    assert "limitation_events" in got["b"]["error"] and "JSON array" in got["b"]["error"]
    # the demand against the platform on 2026-04-01 restarts its three years; without it the claim has expired
    assert got["a"]["limitation_expiry"] == "2029-04-01" and got["a"]["limitation_status"] == "running"
    assert got["c"]["limitation_status"] == "expired"
    assert json.loads(got["a"]["limitation_events"])[0]["kind"] == "demand"
    assert got["c"]["limitation_events"] == "[]"
    # the output's own rows read back as input
    back = tmp_path / "back.csv"
    res2 = runner.invoke(app, ["triage", str(out), "-o", str(back), "--no-progress"])
    again = {r["id"]: r for r in csv.DictReader(back.open(encoding="utf-8-sig"))}
    assert again["a"]["limitation_expiry"] == "2029-04-01" and again["c"]["limitation_events"] == "[]", res2.output
