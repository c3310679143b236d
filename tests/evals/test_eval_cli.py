"""``lexmemo eval``: suites, report, baseline (exit 1 on a regression), clear exit 2 on bad input."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from assistant.cli import _register_verbs, app

_register_verbs()
import assistant.cli.eval_cmds  # noqa: E402,F401  (registers `eval` until the lead lists it in _VERB_MODULES)

runner = CliRunner()


def test_eval_writes_the_report(tmp_path):
    out = tmp_path / "rep"
    result = runner.invoke(app, ["eval", "--suite", "verdicts,cases", "--report", str(out)])
    assert result.exit_code == 0, result.output
    assert "verdicts" in result.stdout and "agreement=" in result.stdout
    assert (out / "index.html").is_file() and (out / "report.md").is_file()
    assert set(json.loads((out / "results.json").read_text(encoding="utf-8"))["suites"]) == {"verdicts", "cases"}


def test_eval_exits_1_on_a_regression_against_the_baseline(tmp_path):
    out = tmp_path / "rep"
    assert runner.invoke(app, ["eval", "--suite", "verdicts", "--report", str(out)]).exit_code == 0
    data = json.loads((out / "results.json").read_text(encoding="utf-8"))
    data["suites"]["verdicts"]["headline"]["agreement"] = 1.5  # a baseline better than possible
    base = tmp_path / "base.json"
    base.write_text(json.dumps(data), encoding="utf-8")
    result = runner.invoke(app, ["eval", "--suite", "verdicts", "--baseline", str(base)])
    assert result.exit_code == 1
    assert "regressions vs baseline: 1" in result.stdout


@pytest.mark.parametrize("args, message", [
    (["--suite", "nonsense"], "unknown suite"),
    (["--suite", "verdicts", "--baseline", "/nonexistent/results.json"], "--baseline"),
    (["--suite", "memos", "--llm", "replay:/nonexistent/replies.jsonl"], "replay file not found"),
    (["--suite", "memos", "--llm", "bogus:x"], "unknown drafter"),
])
def test_bad_input_exits_2_with_a_message(args, message):
    result = runner.invoke(app, ["eval", *args])
    assert result.exit_code == 2
    assert message in result.output


def test_replayed_memos_are_scored_through_the_cli(tmp_path, monkeypatch):
    """``lexmemo eval --suite memos --llm replay:FILE``: replies keyed by golden are scored the same way."""
    from assistant.drafting import draft_memo
    from assistant.settings import Settings
    from evals.goldens import load_verdict_goldens

    monkeypatch.setenv("LEXMEMO_DATA_DIR", str(tmp_path / "data"))  # no index: verdict citations only, hermetic
    monkeypatch.delenv("LEXMEMO_LLM", raising=False)
    settings = Settings.for_preset("test", data_dir=tmp_path / "data")
    first, second = load_verdict_goldens()[:2]
    other = next(g for g in load_verdict_goldens() if g.expect.get("liability_form") not in
                 (None, second.expect.get("liability_form")))
    replies = tmp_path / "replies.jsonl"
    memos = [draft_memo(g.facts, settings=settings, doctrine=g.doctrine).markdown for g in (first, other)]
    replies.write_text("\n".join(json.dumps({"id": g.name, "content": m}, ensure_ascii=False)
                                 for g, m in zip((first, second), memos)), encoding="utf-8")
    out = tmp_path / "rep"
    result = runner.invoke(app, ["eval", "--suite", "memos", "--llm", f"replay:{replies}", "--memo-limit", "2",
                                 "--report", str(out)])
    assert result.exit_code == 0, result.output
    memos_suite = json.loads((out / "results.json").read_text(encoding="utf-8"))["suites"]["memos"]
    assert memos_suite["headline"]["drafter"] == f"replay:{replies}"
    right, wrong = memos_suite["items"]
    assert [right["id"], wrong["id"]] == [first.name, second.name]
    assert all(right["conclusion_vs_verdict"].values()) and right["citations_resolved"] == right["citations_total"]
    assert wrong["conclusion_vs_verdict"]["liability_form"] is False and not wrong["ok"]  # another matter's memo
    assert memos_suite["headline"]["conclusion_all_three"] == 0.5
    assert "replay_warning" not in memos_suite["metrics"] and "warning" not in result.stderr
