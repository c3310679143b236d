"""The eval page (评测报告): no report → a message with the command to run; a report written by the real writer from a
real run of fast suites → its date, commit, headline figures, tables, charts and worst cases, as in its JSON."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
import yaml

from evals.report.document import WORST_HEADERS

from identifiers import engine_identifiers
from ui_helpers import new_app, ok, texts

REPO = Path(__file__).resolve().parents[2]
SUITES = ["verdicts", "guard", "cases"]
# The page names suites, figures and headings in Chinese through the translation table (issue 16).
LABELS = yaml.safe_load((REPO / "ui" / "labels_zh.yaml").read_text(encoding="utf-8"))
TABS = [LABELS["suite"][s][0] for s in SUITES]
sys.path.insert(0, str(REPO / "ui"))
from engine_text import humanize, metric_label, word_label  # noqa: E402


def _heading(name: str) -> str:
    return LABELS["column"][name][0]


@pytest.fixture(scope="module")
def fast_report(tmp_path_factory) -> Path:
    """A report directory written by ``write_report`` from a real run of the fast suites (verdicts, guard, cases)."""
    from evals.report import write_report
    from evals.runner import run_suites

    out = tmp_path_factory.mktemp("report") / "run"
    write_report(run_suites(["verdicts", "guard", "cases"]), out)
    return out


def _eval_page(report_dir: Path | str | None = None):
    at = new_app()
    ok(at.sidebar.radio(key="page").set_value("eval").run())
    if report_dir is not None:
        ok(at.text_input(key="eval_dir").set_value(str(report_dir)).run())
    return at


def _share(value: float) -> str:
    """A share as the page is expected to show it (one-decimal percentage), computed independently of the app."""
    return f"{value * 100:.1f}%"


def test_default_directory_is_the_repos_latest_report(data_dir):
    at = _eval_page()
    assert at.text_input(key="eval_dir").value == str(REPO / "evals" / "reports" / "latest")


def test_the_setting_names_another_default_directory(data_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("LEXMEMO_EVAL_REPORT_DIR", str(tmp_path / "firm-reports"))
    at = _eval_page()
    assert at.text_input(key="eval_dir").value == str(tmp_path / "firm-reports")


def test_without_a_report_the_page_says_which_command_writes_one(data_dir, tmp_path):
    empty = tmp_path / "no-report-here"
    at = _eval_page(empty)
    assert "尚无评测报告" in texts(at) and str(empty) in texts(at)
    (code,) = at.code
    assert code.value == f"lexmemo eval --suite all --report {empty}"
    assert not at.metric and not at.tabs


def test_an_unreadable_report_is_said_so_with_the_command(data_dir, tmp_path):
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "results.json").write_text('{"meta": {', encoding="utf-8")  # a run killed while writing
    at = _eval_page(broken)
    assert "评测报告无法读取" in texts(at) and "JSONDecodeError" in texts(at)
    assert at.code[0].value == f"lexmemo eval --suite all --report {broken}"


def test_the_page_shows_the_reports_figures_as_in_its_json(data_dir, fast_report):
    data = json.loads((fast_report / "results.json").read_text(encoding="utf-8"))
    at = _eval_page(fast_report)
    page = texts(at)
    assert data["meta"]["started_at"] in page and str(data["meta"]["git_commit"]) in page
    assert [tab.label for tab in at.tabs] == TABS
    for tab, name in zip(at.tabs, SUITES):
        headline = data["suites"][name]["headline"]
        shown = {m.label: m.value for m in tab.metric}
        assert list(shown) == [metric_label(f) for f in headline]  # every headline figure, in the JSON's order
        for figure, value in headline.items():
            if isinstance(value, float):
                assert shown[metric_label(figure)] == _share(value), figure
            else:
                assert shown[metric_label(figure)] == str(value), figure
        charts = sorted(p.stem for p in (fast_report / "charts").glob(f"{name}_*.png"))
        captions = [c for img in tab.image for c in img.captions]
        assert charts and captions == [LABELS["chart"][c][0] for c in charts]  # every PNG the writer made
    verdicts = data["suites"]["verdicts"]
    assert at.tabs[0].metric[1].value == _share(verdicts["headline"]["agreement"])
    # per-field table: one row per field of the JSON, the agreement as a percentage
    field_table = at.tabs[0].dataframe[0].value
    assert dict(zip(field_table[_heading("field")], field_table[metric_label("agreement")])) == {
        word_label(f): _share(v) for f, v in verdicts["metrics"]["per_field"].items()}
    guard = data["suites"]["guard"]["metrics"]["spec_verdicts"]
    assert f"检出 {guard['caught']}/{guard['defective']}" in texts(at)  # the report's caption, in Chinese (issue 16)


def test_worst_cases_list_failing_items_with_their_details(data_dir, fast_report):
    data = json.loads((fast_report / "results.json").read_text(encoding="utf-8"))
    at = _eval_page(fast_report)
    for tab, name in zip(at.tabs, SUITES):
        items = {str(it["id"]): it for it in data["suites"][name]["items"]}
        failing = [i for i, it in items.items() if not it.get("ok")]
        headers = [_heading(h) for h in WORST_HEADERS[name]]
        worst = [d.value for d in tab.dataframe if list(d.value.columns) == headers]
        if not failing:
            assert not worst and "无：全部通过。" in [c.value for c in tab.caption]
            continue
        listed = list(worst[0].iloc[:, 0])
        assert listed and len(listed) == min(15, len(failing)) and set(listed) <= set(failing)
        pick = at.selectbox(key=f"eval_detail_{name}")
        assert pick.options == listed
        ok(pick.set_value(listed[-1]).run())
        shown = json.loads(at.tabs[SUITES.index(name)].json[0].value)
        assert shown == {k: v for k, v in items[listed[-1]].items() if k != "id"}
    # the court cases disagree with every profile's engine outcome often enough that this suite lists some
    assert at.selectbox(key="eval_detail_cases").options


def test_downloads_serve_the_report_files(data_dir, fast_report, served_files):
    at = _eval_page(fast_report)
    assert {d.key for d in at.get("download_button")} == {"eval_dl_json", "eval_dl_markdown", "eval_dl_html"}
    assert served_files["index.html"] == (fast_report / "index.html").read_bytes()
    assert served_files["results.json"] == (fast_report / "results.json").read_bytes()


def test_pointing_at_the_reports_folder_takes_the_newest_run(data_dir, fast_report, tmp_path):
    import shutil

    reports = tmp_path / "reports"
    older, newer = reports / "old", reports / "new"
    shutil.copytree(fast_report, older)
    shutil.copytree(fast_report, newer)
    data = json.loads((newer / "results.json").read_text(encoding="utf-8"))
    data["meta"]["git_commit"] = "newest1"
    (newer / "results.json").write_text(json.dumps(data), encoding="utf-8")
    at = _eval_page(reports)
    assert "newest1" in texts(at) and str(newer) in texts(at)


def test_a_replay_run_that_went_out_of_line_is_warned_about(data_dir, tmp_path):
    """A memos run whose replayed replies did not line up with the goldens shows the suite's warning, not a caption."""
    from assistant.drafting import draft_memo
    from assistant.settings import Settings
    from evals.goldens import load_verdict_goldens
    from evals.report import write_report
    from evals.runner import run_suites
    from evals.suites import memos

    settings = Settings.for_preset("test", data_dir=tmp_path / "data")
    by_name = {g.name: g for g in load_verdict_goldens()}
    supp = by_name["spec6_2_drug_monitoring_failed_minor_burden_shifted"]
    prop = by_name["drug_monitoring_failed_major_contribution_proportional"]
    memo = draft_memo(prop.facts, settings=settings, doctrine=prop.doctrine).markdown
    replies = tmp_path / "seq.jsonl"
    replies.write_text("\n".join(json.dumps({"content": memo}, ensure_ascii=False) for _ in range(2)), encoding="utf-8")
    results = run_suites(["verdicts"])
    results["suites"]["memos"] = memos.run(settings, llm=f"replay:{replies}", goldens=[supp, prop])
    write_report(results, tmp_path / "run")
    at = _eval_page(tmp_path / "run")
    (warning,) = at.tabs[1].warning
    assert warning.value.startswith("警告：")
    zh = results["suites"]["memos"]["metrics"]["replay_warning_zh"]
    assert warning.value.endswith(humanize(zh)) and "2 条回复" in zh
    # Chinese on the page (issue 16): no English sentence, no engine identifier; report.md keeps the English one
    assert not re.search(r"[A-Za-z]{3,}", warning.value.replace('"id"', "")), warning.value
    assert engine_identifiers(warning.value, allowed=["id"]) == []
    report_md = next((tmp_path / "run").glob("*.md")).read_text(encoding="utf-8")
    assert "WARNING: replay file holds 2 replies" in report_md and "回放文件" not in report_md


def test_a_fresh_setup_gets_a_report_from_the_page_and_sees_the_court_table(data_dir, tmp_path):
    """No report yet: one click runs the fast suites into the folder, and the page shows figures, not a command."""
    from assistant.corpus import load_corpus

    fresh = tmp_path / "reports" / "latest"
    at = _eval_page(fresh)
    assert "尚无评测报告" in texts(at) and not at.tabs
    ok(at.button(key="eval_generate").click().run())
    data = json.loads((fresh / "results.json").read_text(encoding="utf-8"))
    assert set(data["suites"]) == set(SUITES)
    assert [tab.label for tab in at.tabs] == TABS and not at.code
    assert "已生成评测报告" in texts(at)
    cases_tab = at.tabs[SUITES.index("cases")]
    assert "法院案例对照" in texts(at) and "裁判规则金标准" in texts(at)  # each suite explained in Chinese
    items = data["suites"]["cases"]["items"]
    (court,) = [d.value for d in cases_tab.dataframe if "案号" in d.value.columns]
    corpus = load_corpus()
    assert list(court["案例"]) == [corpus.get(it["id"]).case_name for it in items]
    assert list(court["案号"]) == [corpus.get(it["id"]).case_number or "" for it in items]
    assert list(court["来源"]) == [corpus.get(it["id"]).sources[0] for it in items]
    # each case opens its corpus record on the page
    pick = at.selectbox(key="eval_case_record")
    assert pick.options[:1] and len(pick.options) == len(items)
    target = "guangzhou-int-zhang-driver-assault"
    ok(pick.set_value(target).run())
    assert "人民法院案例库 参考案例" in texts(at)


def test_make_run_writes_the_fast_report_only_when_none_exists(tmp_path):
    from evals.report.first_run import ensure_report

    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\nrun:", 1)[1].split("\n\n", 1)[0]
    first_run, ui = recipe.index("-m evals.report.first_run evals/reports/latest"), recipe.index("lexmemo ui")
    assert first_run < ui  # the report exists before the app starts
    written = ensure_report(tmp_path / "latest")
    assert written == tmp_path / "latest" / "results.json" and written.is_file()
    before = written.read_bytes()
    assert ensure_report(tmp_path / "latest") is None  # never overwrites a run (e.g. a full `make eval`)
    assert written.read_bytes() == before


def test_in_chromium_a_fresh_setup_after_make_run_shows_the_eval_page_with_a_report(tmp_path, monkeypatch):
    """What `make run` does on a fresh clone (first_run, then `lexmemo ui`), in a real browser: figures, not a command."""
    import subprocess
    import sys

    from cdp import Browser, find_chromium
    from test_browser import _serve

    chromium = find_chromium()
    if chromium is None:
        pytest.skip("Chromium is not installed (apt-get install chromium fonts-wqy-microhei; .ci/run does it)")
    latest = tmp_path / "reports" / "latest"
    subprocess.run([sys.executable, "-m", "evals.report.first_run", str(latest)], cwd=REPO, check=True,
                   capture_output=True)
    assert (latest / "results.json").is_file()
    monkeypatch.setenv("LEXMEMO_EVAL_REPORT_DIR", str(latest))
    with Browser(chromium, tmp_path / "profile", tmp_path / "chromium.log") as browser:
        with _serve(tmp_path, "streamlit-eval") as server:
            browser.goto(server)
            browser.click_label("评测报告", within='[data-testid="stSidebar"]')
            browser.wait_for_text("裁判规则金标准")
            browser.wait_idle()
            data = json.loads((latest / "results.json").read_text(encoding="utf-8"))
            agreement = _share(data["suites"]["verdicts"]["headline"]["agreement"])
            text = browser.wait_for_text(agreement)  # a headline figure of the report, as a metric
            assert "尚无评测报告" not in text and "lexmemo eval" not in text
            tabs = browser.js("[...document.querySelectorAll('[role=tab]')].map(t => t.innerText.trim())")
            assert tabs == TABS, tabs
            browser.js("[...document.querySelectorAll('[role=tab]')]"
                       f".find(t => t.innerText.trim() === '{TABS[SUITES.index('cases')]}').click()")
            text = browser.wait_for_text("法院案例一览")
            assert "法院案例对照" in text and "基线" in text and "Baselines" not in text  # the captions are Chinese (issue 16)
            shot = browser.screenshot(tmp_path / "eval_page.png")
            assert shot.stat().st_size > 20_000
