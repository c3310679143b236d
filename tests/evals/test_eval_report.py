"""Reports: JSON, Markdown and a self-contained HTML page from a run; the baseline comparison flags regressions."""

from __future__ import annotations

import json
import re
from pathlib import Path

from evals.report import load_results, write_report
from evals.report.compare import compare, regressions
from evals.runner import run_suites

REPO = Path(__file__).resolve().parents[2]


def _results(agreement=0.9, catch=1.0, false_alarms=0.0, seconds=1.0):
    """A small synthetic run in the runner's shape."""
    return {
        "meta": {"started_at": "2026-01-01T00:00:00+00:00", "seconds": seconds, "git_commit": "abc", "corpus_hash": "f" * 64,
                 "llm": "template", "suites": ["verdicts", "guard"]},
        "suites": {
            "verdicts": {"suite": "verdicts", "seconds": seconds,
                         "headline": {"goldens": 2, "agreement": agreement},
                         "metrics": {"per_field": {"liability_form": agreement}, "citation_recall": 1.0,
                                     "citation_precision": 0.5, "citations_resolving": 1.0,
                                     "by_origin": {"new_vignette": agreement},
                                     "form_confusion": {"labels": ["none", "proportional"], "matrix": [[1, 0], [1, 0]]},
                                     "form_per_label": {"none": {"precision": 0.5, "recall": 1.0, "f1": 0.67, "support": 1}}},
                         "items": [{"id": "a_golden", "ok": True, "expected_form": "none", "actual_form": "none"},
                                   {"id": "b golden/odd", "ok": False, "expected_form": "proportional",
                                    "actual_form": "none", "diffs": {"liability_form": {"expected": "proportional",
                                                                                         "actual": "none"}}}]},
            "guard": {"suite": "guard", "seconds": 0.5,
                      "headline": {"catch_rate": catch, "false_alarm_rate": false_alarms},
                      "metrics": {"spec_verdicts": {"caught": 2, "defective": 2, "catch_rate": catch, "false_alarms": 0,
                                                    "clean": 1, "false_alarm_rate": false_alarms,
                                                    "by_kind": {"wrong_form": "2/2"}},
                                  "engine_verdicts": {"caught": 2, "defective": 2, "catch_rate": catch, "false_alarms": 0,
                                                      "clean": 1, "false_alarm_rate": false_alarms,
                                                      "by_kind": {"wrong_form": "2/2"}}},
                      "items": []},
        },
    }


def test_write_report_makes_json_markdown_and_self_contained_html(tmp_path):
    paths = write_report(_results(), tmp_path / "out")
    assert load_results(tmp_path / "out")["suites"]["verdicts"]["headline"]["agreement"] == 0.9
    md = paths["markdown"].read_text(encoding="utf-8")
    assert "| verdicts | agreement | 90.0% |" in md
    assert "(#verdicts-b-golden-odd)" in md and '<a id="verdicts-b-golden-odd"></a>' in md  # worst case linked
    assert (tmp_path / "out" / "charts" / "verdicts_form_confusion.png").read_bytes()[:4] == b"\x89PNG"
    html = paths["html"].read_text(encoding="utf-8")
    assert html.count("data:image/png;base64,") >= 3
    assert 'href="#verdicts-b-golden-odd"' in html and 'id="verdicts-b-golden-odd"' in html
    # self-contained: no external resource of any kind
    assert not re.search(r"""(src|href)=["'](?!#|data:)""", html)


def test_comparison_flags_drops_and_worse_false_alarms_only():
    rows = compare(_results(agreement=0.8, false_alarms=0.1), _results(agreement=0.9, false_alarms=0.0))
    flagged = {r["figure"] for r in regressions(rows)}
    assert flagged == {"verdicts.agreement", "guard.false_alarm_rate"}
    better = compare(_results(agreement=1.0), _results(agreement=0.9))
    assert regressions(better) == []


def test_comparison_timing_needs_a_big_slowdown_and_marks_new_figures():
    base = _results()
    slow = _results()
    slow["suites"]["verdicts"]["headline"]["seconds_per_item"] = 3.0
    base["suites"]["verdicts"]["headline"]["seconds_per_item"] = 1.0
    rows = {r["figure"]: r for r in compare(slow, base)}
    assert rows["verdicts.seconds_per_item"]["regression"]
    slow["suites"]["verdicts"]["headline"]["seconds_per_item"] = 1.4
    assert not {r["figure"]: r for r in compare(slow, base)}["verdicts.seconds_per_item"]["regression"]
    extra = _results()
    extra["suites"]["verdicts"]["headline"]["new_figure"] = 0.5
    assert {r["figure"]: r for r in compare(extra, base)}["verdicts.new_figure"]["note"] == "new"


def test_report_with_baseline_shows_the_regression(tmp_path):
    paths = write_report(_results(agreement=0.5), tmp_path, baseline=_results(agreement=0.9))
    assert "REGRESSION" in paths["markdown"].read_text(encoding="utf-8")
    data = json.loads(paths["json"].read_text(encoding="utf-8"))
    assert [r["figure"] for r in data["comparison"]["regressions"]] == ["verdicts.agreement"]


def test_real_run_of_fast_suites_reports(tmp_path):
    results = run_suites(["verdicts", "cases"])
    assert set(results["suites"]) == {"verdicts", "cases"}
    assert results["meta"]["corpus_hash"]
    paths = write_report(results, tmp_path)
    md = paths["markdown"].read_text(encoding="utf-8")
    assert "## Suite: verdicts" in md and "## Suite: cases" in md


def test_a_crashing_suite_is_reported_as_skipped(monkeypatch):
    from evals.suites import cases

    def boom(*_, **__):
        raise RuntimeError("no engine")

    monkeypatch.setattr(cases, "run", boom)
    results = run_suites(["cases"])
    assert results["suites"]["cases"]["skipped"] == "RuntimeError: no engine"


def _sentences_in_english(text: str) -> list[str]:
    """Runs of three or more English words (engine words such as new_vignette are translated by the page)."""
    return re.findall(r"[A-Za-z]{2,}(?:[ ,;:]+[A-Za-z]{2,}){2,}", text)


def test_the_app_reads_the_captions_in_chinese_and_report_md_stays_english(tmp_path):
    """Issue 16: evaluators read the eval page in Chinese; report.md (engineers) keeps its English captions."""
    from evals.report.summary import read_report

    results = run_suites(["guard", "cases"])
    results["suites"]["verdicts"] = _results()["suites"]["verdicts"]
    paths = write_report(results, tmp_path)
    view = read_report(tmp_path)
    captions = [b[1] for s in view.suites for b in s.tables if b[0] == "p"]
    assert any("检出" in c for c in captions) and any(c.startswith("基线") for c in captions)
    assert any("不承担责任" in c and "已报道判决" in c for c in captions)  # the caveat, from the same figures
    english = [e for c in captions for e in _sentences_in_english(c)]
    assert not english, english
    worst = [r for s in view.suites for r in s.worst_rows]
    assert worst and all(not _sentences_in_english(str(cell)) for r in worst for cell in r[1:]), worst
    md = paths["markdown"].read_text(encoding="utf-8")
    assert "Under the spec verdicts: caught" in md and "Baselines: always `none`" in md
    assert read_report(tmp_path, lang="en").suites[0].tables[-1][0] == "table"  # English stays available


def test_every_court_case_note_has_its_chinese_text():
    """Each change and exclusion reason of the court-case goldens is translated for the eval page (issue 16)."""
    import yaml

    from evals.report.cases_tables import note, notes_zh

    data = yaml.safe_load((REPO / "evals" / "goldens" / "cases" / "cases.yaml").read_text(encoding="utf-8"))
    reasons = [r for c in data["cases"] for r in c.get("reasons") or []] + [e["reason"] for e in data["excluded"]]
    missing = [r for r in reasons if r not in notes_zh()]
    assert not missing, missing
    assert all(not _sentences_in_english(note(r, "zh")) for r in reasons)
    assert note("an untranslated reason", "zh") == "an untranslated reason"  # shown as written, never dropped
