"""Issue 16: no engine identifier on any page. Every page is rendered with real content through AppTest (orientation
with matters, the matter page of several worked examples under every doctrine profile with its scenarios, a drafted
memo with its sources, a finished triage batch, an eval report) and every text a user can read is collected from the
element tree — markdown, captions, alerts, expander and tab labels, widget labels, options and help, metric labels,
table headers and cells — and checked with ``engine_identifiers``.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from pathlib import Path
from typing import Any, Iterator

import pytest
from streamlit.testing.v1 import AppTest

from identifiers import engine_identifiers, identifier_shaped
from ui_helpers import new_app, ok

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "ui"))  # the app's own modules, as Streamlit runs them
from views.scenarios_panel import scenario_id  # noqa: E402
EXAMPLES = sorted(p.stem for p in (REPO / "examples" / "claims").glob("*.json"))
DOCTRINES = ("qin2025", "intent_split", "supplementary_only", "joint", "proportional_joint")
# Proto fields that hold no text a user reads (ids, keys, formats, raw table bytes, colours, sizes, media urls).
_SKIP_FIELDS = {"id", "form_id", "key", "arrow_data", "data", "type", "format", "icon", "color", "url", "mimetype",
                "language", "element_type", "width", "height", "style", "lazy_data", "accept_file", "file_type",
                "deploy_params", "scripts", "theme", "selection_mode", "column_order", "editing_mode", "step", "min",
                "max", "autocomplete", "place", "unsafe_allow_html", "allow_html", "default"}


def _proto_strings(proto: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Every string field of a protobuf message, recursively (repeated fields included), by field path."""
    for desc, value in proto.ListFields():
        if desc.name in _SKIP_FIELDS:
            continue
        where = f"{path}.{desc.name}" if path else desc.name
        items = value if getattr(desc, "is_repeated", False) or isinstance(value, (list, tuple)) or type(value).__name__.startswith("Repeated") else [value]
        for item in items:
            if isinstance(item, str):
                if desc.name == "columns" and item.startswith("{"):  # dataframe column_config: its labels
                    for col in json.loads(item).values():
                        if isinstance(col, dict) and col.get("label"):
                            yield f"{where}.label", str(col["label"])
                else:
                    yield where, item
            elif hasattr(item, "ListFields"):
                yield from _proto_strings(item, where)


def _table_texts(node: Any) -> Iterator[tuple[str, str]]:
    """A table's headers and cells as the grid draws them: a missing cell shows the table's placeholder, or the grey
    word "None" (Streamlit's default); checkbox columns (booleans, CheckboxColumn) draw boxes, not words."""
    frame = node.value
    config = json.loads(node.proto.columns or "{}") if getattr(node.proto, "columns", "") else {}
    placeholder = getattr(node.proto, "placeholder", "") or "None"
    for col in frame.columns:
        yield "column", str(col)
        kind = ((config.get(str(col)) or {}).get("type_config") or {}).get("type")
        if kind == "checkbox" or str(frame[col].dtype) == "bool":
            continue
        for value in frame[col].astype(object):
            yield "cell", placeholder if value is None or (isinstance(value, float) and value != value) else str(value)


def page_texts(at: AppTest) -> list[tuple[str, str]]:
    """(where, text) for every text a user can read on the page: the whole element tree, widgets and tables."""
    out: list[tuple[str, str]] = []
    for node in at._tree:
        kind = getattr(node, "type", type(node).__name__)
        if kind in ("code", "json"):  # code blocks (and raw JSON viewers) are code, allowed by the issue
            continue
        proto = getattr(node, "proto", None)
        if kind == "html":  # st.html: only its visible text (a <style> block shows nothing)
            body = re.sub(r"<(style|script)\b.*?</\1>", " ", proto.body, flags=re.S | re.I)
            out.append(("html.text", re.sub(r"<[^>]+>", " ", body)))
            continue
        if proto is not None:
            out.extend((f"{kind}.{where}", text) for where, text in _proto_strings(proto))
        if kind in ("arrow_data_frame", "dataframe", "table") or type(node).__name__ in ("Dataframe", "Table"):
            out.extend((f"{kind}.{where}", text) for where, text in _table_texts(node))
    return out


def leaks(at: AppTest, allowed: tuple[str, ...] = ()) -> list[str]:
    """Each engine identifier on the page, with where it was and the text around it."""
    found = []
    for where, text in page_texts(at):
        for token in engine_identifiers(text, allowed):
            found.append(f"{where}: {token!r} in {text[:120]!r}")
    return sorted(set(found))


def _assert_clean(at: AppTest, page: str, allowed: tuple[str, ...] = ()) -> None:
    found = leaks(at, allowed)
    assert not found, f"engine identifiers on {page}:\n" + "\n".join(found)


def test_the_checker_sees_widgets_tables_and_expanders():
    """The walk itself: an identifier in each kind of element is found (so a clean page means something)."""
    at = AppTest.from_string("""
import pandas as pd, streamlit as st
with st.expander("规则 ecl_38_2"):
    st.caption("breach_stage = pre_entry_review")
st.selectbox("学说", ["qin2025"], help="guard_ok")
st.metric("recall@5", "0.7")
st.dataframe(pd.DataFrame({"形态": ["joint_and_several", None]}))
st.code("assistant.core.classify")
""")
    at.run()
    found = " ".join(leaks(at))
    for token in ("ecl_38_2", "pre_entry_review", "qin2025", "guard_ok", "recall@5", "joint_and_several", "None"):
        assert token in found, (token, found)
    assert "assistant.core.classify" not in found  # inside a code block


def test_first_page_orients_in_chinese_with_matters(data_dir):
    for name in EXAMPLES[:4]:
        new_app(example=name)
    at = new_app()
    ok(at.sidebar.selectbox(key="matter_select").set_value("__home__").run())  # the picker's 首页 entry
    page = " ".join(m.value for m in at.markdown)
    assert "本工具判断什么" in page and "近期事项" in page  # the orientation, with the recent matters listed
    assert len([b for b in at.button if (b.key or "").startswith("recent_open_")]) == 4
    _assert_clean(at, "the first page")


@pytest.mark.parametrize("example", EXAMPLES)
def test_matter_page_verdict_every_profile_and_scenario(data_dir, example):
    at = new_app(example=example)
    _assert_clean(at, f"{example} (default profile)")
    for doctrine in DOCTRINES:
        ok(at.selectbox(key="doctrine").set_value(doctrine).run())
        _assert_clean(at, f"{example} under {doctrine}")
    verdict = at.session_state["verdict_cache"][1]
    for scenario in list(verdict.scenarios)[:2]:  # preview up to two scenarios: their verdicts show too
        ok(at.radio(key="scenario_pick").set_value(scenario_id(scenario)).run())
        _assert_clean(at, f"{example}, scenario {scenario.route}")


@pytest.mark.parametrize("example", ["catering_licence_not_reviewed", "remedies_ex1", "drug_facts_unknown"])
def test_drafted_memo_rendered_and_sources(data_dir, example):
    at = new_app(example=example)
    ok(at.button(key="draft").click().run())
    _assert_clean(at, f"{example} with its memo (rendered)")
    picks = [s for s in at.radio if s.key == "memo_cite_pick"]  # 查看引用条文 is a list (radio) since issue 16's walk
    assert picks, "no 查看引用条文 list after drafting"
    for option in picks[0].options[:3]:
        ok([s for s in at.radio if s.key == "memo_cite_pick"][0].set_value(option).run())  # AppTest sends its index
        _assert_clean(at, f"{example}, source {option}")


def _claims_csv() -> bytes:
    rows = [
        {"id": "c1", "narrative": "2023年5月在外卖平台点餐后食物中毒住院，平台从没审核过这家店的食品经营许可证。"},
        {"id": "c2", "narrative": ""},
        {"id": "c3", "narrative": "在平台自营店买的奶粉有问题，孩子喝了住院。", "platform_role": "self_operated",
         "category": "food"},
        {"id": "c4", "narrative": "买的衣服是假货，平台接到投诉后不理不睬。"},
        {"id": "c5", "narrative": "2024年3月在直播间买的面霜导致过敏，平台知道商家被投诉过却没处理。", "price_paid": "300",
         "loss_amount": "1200"},
        {"id": "c6", "narrative": "网约车司机肇事致乘客受伤，平台没有审核司机资质。", "event_date": "2023-13-45"},
    ]
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=["id", "narrative", "platform_role", "category", "event_date",
                                             "price_paid", "loss_amount"])
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8")


def test_triage_page_with_a_finished_batch(data_dir):
    at = new_app()
    ok(at.sidebar.radio(key="page").set_value("triage").run())
    at.file_uploader(key="triage_upload").upload("claims.csv", _claims_csv(), "text/csv")
    ok(at.run())
    ok(at.button(key="triage_run").click().run())
    assert at.dataframe, "no triage table"
    # the row ids and the file's own column names (row errors name the column to fix) are what the user typed
    typed = ("c1", "c2", "c3", "c4", "c5", "c6", *_claims_csv().decode("utf-8").splitlines()[0].split(","))
    _assert_clean(at, "the triage page", allowed=typed)


@pytest.fixture(scope="module")
def fast_report(tmp_path_factory) -> Path:
    """A report written by the real writer from a real run of the fast suites."""
    from evals.report import write_report
    from evals.runner import run_suites

    out = tmp_path_factory.mktemp("report") / "run"
    write_report(run_suites(["verdicts", "guard", "cases"]), out)
    return out


def test_eval_page_with_a_report(data_dir, fast_report):
    at = new_app()
    ok(at.sidebar.radio(key="page").set_value("eval").run())
    ok(at.text_input(key="eval_dir").set_value(str(fast_report)).run())
    assert at.metric, "no figures on the eval page"
    # the directory the user typed is theirs; the run's commit and corpus hash are hex ids, not engine names
    meta = json.loads((fast_report / "results.json").read_text(encoding="utf-8")).get("meta", {})
    ids = (str(fast_report), str(meta.get("git_commit")), str(meta.get("corpus_hash"))[:12])
    _assert_clean(at, "the eval page", allowed=ids)


@pytest.mark.parametrize("example", ["drug_facts_unknown", "remedies_ex6", "catering_licence_not_reviewed"])
def test_english_mode_shows_english_words_but_no_identifiers(data_dir, example):
    """The sidebar's English toggle: "food" is an English word there, but snake_case, None, provision ids are not."""
    at = new_app(example=example)
    ok(at.sidebar.toggle(key="lang_en").set_value(True).run())
    assert at.title[0].value == "E-commerce platform liability memo assistant"  # the toggle really switched
    found = sorted({f"{where}: {token!r} in {text[:120]!r}" for where, text in page_texts(at)
                    for token in identifier_shaped(text)})
    assert not found, "\n".join(found)



def test_the_verdict_panel_shows_section_7_in_the_memos_words(data_dir):
    """Remedies, punitive damages, limitation and forum (spec section 7) in four expanders, in Chinese, with the
    engine's figure: the recommended punitive amount and each obligor's expiry date of Verdict.remedies/limitation."""
    at = new_app(example="remedies_ex6")
    verdict = at.session_state["verdict_cache"][1]
    titles = [e.label for e in at.expander]
    assert [x for x in titles if x.startswith("（")][:4] == ["（七）赔偿项目与金额", "（八）惩罚性赔偿", "（九）诉讼时效",
                                                              "（十）管辖与当事人"]
    text = " ".join(m.value for e in at.expander if e.label.startswith("（") for m in e.markdown)
    amount = verdict.remedies["punitive"]["recommended"]["amount"]
    assert f"{float(amount):,.2f}元" in text  # 6,450.00元: the engine's figure, as the memo writes it
    expiry = verdict.limitation["claims"][0]["expiry_date"]
    year, month, day = (int(p) for p in expiry.split("-"))
    assert f"{year}年{month}月{day}日" in text
    _assert_clean(at, "remedies_ex6 with section 7")
