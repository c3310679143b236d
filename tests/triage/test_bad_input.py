"""Issue 14, bad input loses nothing: every row in is a row out (done, failed or flagged), and the exit code
means one thing (0 all ranked, 1 rows failed or under review, 2 unusable input or arguments)."""

from __future__ import annotations

import io
import json
from pathlib import Path

from openpyxl import Workbook
from typer.testing import CliRunner

import assistant.cli.draft_cmds  # noqa: F401  (registers the verb)
import assistant.cli.triage_cmds  # noqa: F401  (registers the verb)
from assistant.cli import app
from assistant.triage.extract import EXTRACT_LIMIT, extract_facts
from assistant.triage.rows import MAX_FIELD

runner = CliRunner()
OK = "2023年5月3日在外卖平台点的麻辣烫，商家没有营业执照，平台没有审核许可证，我吃完食物中毒住院。"
OK2 = "2023年6月1日在平台上一家店买了衣服，平台知道这家店卖假货，多次投诉却置之不理，损失500元。"


def _triage(src: Path, out: Path) -> tuple[int, list[dict], str]:
    res = runner.invoke(app, ["triage", str(src), "-o", str(out), "--no-progress"])
    recs = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()] if out.exists() else []
    return res.exit_code, recs, res.stderr


def test_xlsx_row_of_formulas_without_cached_values_is_kept_and_flagged(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["id", "narrative"])
    ws.append(["a", OK])
    ws.append(["=\"b\"", "=CONCAT(B2,B4)"])  # openpyxl saves formulas with no cached value, as a script would
    ws.append(["c", OK2])
    ws.append(["d", OK])
    buf = io.BytesIO()
    wb.save(buf)
    src = tmp_path / "c.xlsx"
    src.write_bytes(buf.getvalue())
    code, recs, err = _triage(src, tmp_path / "o.jsonl")
    assert len(recs) == 4 and code == 1
    bad = [r for r in recs if r["error"]]
    assert len(bad) == 1 and bad[0]["row"] == 3 and "formula" in bad[0]["error"]
    assert "1 failed" in err


def test_utf8_rows_inside_a_gb18030_csv_are_decoded_per_row_and_flagged(tmp_path: Path) -> None:
    lines = ["id,narrative", f"g1,{OK}", f"g2,{OK2}", f"g3,{OK}"]
    data = b"\n".join(line.encode("gb18030") for line in lines) + b"\n" + f"u1,{OK2}\n".encode("utf-8")
    src = tmp_path / "c.csv"
    src.write_bytes(data)
    code, recs, _ = _triage(src, tmp_path / "o.jsonl")
    assert len(recs) == 4 and code == 1
    by_id = {r["id"]: r for r in recs}
    assert by_id["u1"]["narrative"] == OK2  # no mojibake
    assert by_id["g1"]["narrative"] == OK and not by_id["g1"]["needs_review"]
    assert by_id["u1"]["needs_review"] and "UTF-8" in "".join(by_id["u1"]["review_reasons"])


def test_row_in_neither_encoding_is_an_error_row(tmp_path: Path) -> None:
    data = "id,narrative\n".encode() + f"a,{OK}\n".encode("gb18030") + b"b,\xff\xfe\xff\xfe\n"
    src = tmp_path / "c.csv"
    src.write_bytes(data)
    code, recs, _ = _triage(src, tmp_path / "o.jsonl")
    assert len(recs) == 2 and code == 1
    assert "broken encoding" in next(r for r in recs if r["id"] == "b")["error"]


def test_output_never_overwrites_the_input(tmp_path: Path) -> None:
    src = tmp_path / "X.csv"
    src.write_text(f"id,narrative\na,{OK}\n", encoding="utf-8")
    before = src.read_bytes()
    res = runner.invoke(app, ["triage", str(src), "-o", str(src), "--no-progress"])
    assert res.exit_code == 2 and "input" in res.stderr
    assert src.read_bytes() == before
    res = runner.invoke(app, ["triage", str(src), "-o", str(tmp_path / "." / "X.csv"), "--no-progress"])
    assert res.exit_code == 2 and src.read_bytes() == before


def test_triage_output_folder_is_checked_before_any_work(tmp_path: Path) -> None:
    src = tmp_path / "c.csv"
    src.write_text(f"id,narrative\na,{OK}\n", encoding="utf-8")
    res = runner.invoke(app, ["triage", str(src), "-o", str(tmp_path / "no" / "such" / "o.csv"), "--no-progress"])
    assert res.exit_code == 2 and "does not exist" in res.stderr


def test_oversized_csv_field_is_cut_and_flagged_not_fatal(tmp_path: Path) -> None:
    long_text = OK + "。" + "商家一直不回复" * (MAX_FIELD // 7 + 10)
    src = tmp_path / "c.csv"
    src.write_text(f"id,narrative\na,{OK}\nb,\"{long_text}\"\nc,{OK2}\n", encoding="utf-8")
    code, recs, err = _triage(src, tmp_path / "o.jsonl")
    assert len(recs) == 3 and code == 1 and "1 need review" in err
    b = next(r for r in recs if r["id"] == "b")
    assert not b["error"] and b["needs_review"] and len(b["narrative"]) == MAX_FIELD
    assert any("截断" in x for x in b["review_reasons"])
    assert b["harm"] == "personal_injury"  # the head of the narrative is still read


def test_five_megabyte_narrative_is_cut_for_the_extractor_with_the_cut_recorded() -> None:
    ex = extract_facts(OK + "无关内容" * 1_300_000)
    assert ex.cut and str(EXTRACT_LIMIT) in ex.cut
    assert ex.facts.harm == "personal_injury" and len(ex.facts.narrative) == EXTRACT_LIMIT


def test_five_megabyte_jsonl_row_is_triaged_and_flagged(tmp_path: Path) -> None:
    src = tmp_path / "c.jsonl"
    rows = [{"id": "a", "narrative": OK}, {"id": "big", "narrative": OK + "无关" * 2_600_000}]
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    code, recs, _ = _triage(src, tmp_path / "o.jsonl")
    assert len(recs) == 2 and code == 1
    big = next(r for r in recs if r["id"] == "big")
    assert big["needs_review"] and not big["error"]


def test_jsonl_lone_surrogate_and_deep_nesting_are_error_rows(tmp_path: Path) -> None:
    src = tmp_path / "c.jsonl"
    lines = [json.dumps({"id": "a", "narrative": OK}, ensure_ascii=False),
             '{"id": "s", "narrative": "坏字符\\ud800在这里"}',
             "[" * 100_000 + "]" * 100_000,
             json.dumps({"id": "c", "narrative": OK2}, ensure_ascii=False)]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, recs, _ = _triage(src, tmp_path / "o.jsonl")
    assert len(recs) == 4 and code == 1
    errors = sorted(r["error"] for r in recs if r["error"])
    assert len(errors) == 2 and any("surrogate" in e for e in errors) and any("nested" in e or "JSON" in e for e in errors)


def test_text_file_named_xlsx_is_exit_2_without_traceback(tmp_path: Path) -> None:
    src = tmp_path / "c.xlsx"
    src.write_text("id,narrative\na,b\n", encoding="utf-8")
    res = runner.invoke(app, ["triage", str(src), "-o", str(tmp_path / "o.csv"), "--no-progress"])
    assert res.exit_code == 2 and "xlsx" in res.stderr and res.exception is None or isinstance(res.exception, SystemExit)
    assert "Traceback" not in res.output


def test_all_rows_ranked_is_exit_0(tmp_path: Path) -> None:
    src = tmp_path / "c.csv"
    src.write_text(f"id,narrative\na,{OK}\nb,{OK2}\n", encoding="utf-8")
    code, recs, _ = _triage(src, tmp_path / "o.jsonl")
    assert len(recs) == 2 and code == 0 and all(r["priority"] for r in recs)


# --- lexmemo draft: bad facts files and output paths (the command is the drafting engineer's) -----------------
FACTS = {"platform_role": "marketplace", "category": "food", "harm": "personal_injury"}


def test_draft_checks_the_output_folder_before_any_work(tmp_path: Path, monkeypatch) -> None:
    import assistant.drafting as drafting

    def boom(*a, **k):  # the memo (or a paid model call) must not even start
        raise AssertionError("drafting started before the output path was checked")

    monkeypatch.setattr(drafting, "draft_memo", boom)
    f = tmp_path / "f.json"
    f.write_text(json.dumps(FACTS), encoding="utf-8")
    res = runner.invoke(app, ["draft", str(f), "-o", str(tmp_path / "no" / "such" / "dir" / "m.md")])
    assert res.exit_code == 2 and "does not exist" in res.stderr


def test_draft_lone_surrogate_in_facts_json_is_exit_2(tmp_path: Path) -> None:
    f = tmp_path / "f.json"
    f.write_text('{"platform_role": "marketplace", "narrative": "坏\\udc80字"}', encoding="utf-8")
    res = runner.invoke(app, ["draft", str(f)])
    assert res.exit_code == 2 and "surrogate" in res.stderr and not isinstance(res.exception, UnicodeError)


def test_draft_deeply_nested_json_is_exit_2(tmp_path: Path) -> None:
    f = tmp_path / "f.json"
    f.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    res = runner.invoke(app, ["draft", str(f)])
    assert res.exit_code == 2 and "nested" in res.stderr


def test_draft_cuts_a_five_megabyte_narrative_and_says_so(tmp_path: Path) -> None:
    from assistant.drafting.retrieve import QUERY_LIMIT, narrative_query
    from assistant.core import ClaimFacts

    big = OK + "无关内容" * 1_300_000
    assert len(narrative_query(ClaimFacts(narrative=big))) == QUERY_LIMIT  # the encoder reads only the head
    f = tmp_path / "f.json"
    f.write_text(json.dumps({**FACTS, "narrative": big}, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "m.md"
    res = runner.invoke(app, ["draft", str(f), "-o", str(out)])
    assert res.exit_code in (0, 1) and "cut" in res.stderr
    memo = out.read_text(encoding="utf-8")
    assert "已截断" in memo and len(memo) < 200_000


def test_unterminated_quote_swallowing_later_lines_is_flagged(tmp_path: Path) -> None:
    src = tmp_path / "c.csv"
    src.write_text(f'id,narrative\na,"{OK}\nb,{OK2}\n', encoding="utf-8")
    code, recs, _ = _triage(src, tmp_path / "o.jsonl")
    assert code == 1 and len(recs) == 1 and OK2 in recs[0]["narrative"]  # nothing lost: b's text is in a's row
    assert recs[0]["needs_review"] and any("引号" in x for x in recs[0]["review_reasons"])
