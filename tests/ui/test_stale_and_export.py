"""Issue 11 items 8 and 9: a memo drafted from facts that changed is stale (no green check) until redrafted, and
the .md / .docx of a stale or failed memo carry 需复核 and the findings the screen shows."""

from __future__ import annotations

import io
import json

from docx import Document
from ui_helpers import memo_editor, new_app, ok, texts

from assistant.settings import get_settings
from assistant.store import MatterStore

STALE = "事实已变更，请重新起草"
NAME = "示例：药品致害，平台原因力次要"


def _store() -> MatterStore:
    return MatterStore.open(get_settings())


def _passed(at) -> bool:
    return any("核查通过" in s.value for s in at.success)


def _stale(at) -> bool:
    return any(STALE in e.value for e in at.error)


def test_stale_banner_after_a_fact_change_and_gone_after_redrafting(data_dir, served_files):
    at = new_app(example="drug_minor_contribution")
    ok(at.button(key="draft").click().run())
    assert _passed(at) and not _stale(at)
    assert not served_files[f"{NAME}.md"].decode("utf-8").startswith("# 【需复核】")
    drafted = _store().memo_history(_store().list_matters()[0].id)[0]
    assert drafted.facts_hash and drafted.doctrine == "qin2025"

    ok(at.radio(key="fact_qualification_review_done").set_value("no").run())  # the facts the memo rests on change
    assert _stale(at) and not _passed(at)
    assert "与责任分析不一致的结论" in texts(at)  # the guard ran again, against the new verdict
    md = served_files[f"{NAME}.md"].decode("utf-8")
    assert md.startswith("# 【需复核】") and STALE in md.split("\n## ", 1)[0]
    doc = Document(io.BytesIO(served_files[f"{NAME}.docx"]))
    assert "需复核" in doc.paragraphs[0].text and STALE in doc.paragraphs[1].text

    assert "事实已变更" in at.selectbox(key="history_pick").options[0]  # the history says so too
    ok(at.button(key="draft").click().run())  # redrafted from the current facts: fresh again
    assert not _stale(at)
    options = at.selectbox(key="history_pick").options
    assert "事实已变更" not in options[0] and "事实已变更" in options[1]
    assert not served_files[f"{NAME}.md"].decode("utf-8").startswith("# 【需复核】")


def test_a_doctrine_change_makes_the_memo_stale_and_going_back_clears_it(data_dir):
    at = new_app(example="medical_device_not_reviewed")
    ok(at.button(key="draft").click().run())
    assert not _stale(at)
    ok(at.selectbox(key="doctrine").set_value("joint").run())
    assert _stale(at) and not _passed(at)
    ok(at.selectbox(key="doctrine").set_value("qin2025").run())  # the memo fits these facts and doctrine again
    assert not _stale(at)


def test_stale_survives_a_fresh_session(data_dir):
    at = new_app(example="drug_minor_contribution")
    ok(at.button(key="draft").click().run())
    ok(at.radio(key="fact_causation").set_value("unknown").run())
    again = new_app()  # a reload: the stale state comes from the store, not from this session
    assert _stale(again) and not _passed(again)


def _write_replay(path, replies):
    path.write_text(json.dumps({"replies": replies}, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_failed_memo_exports_with_the_findings_the_screen_shows(data_dir, tmp_path, monkeypatch, served_files):
    at = new_app(example="drug_minor_contribution")
    ok(at.button(key="draft").click().run())
    bad = memo_editor(at).value.replace(
        "《电子商务法》第三十八条第二款", "《电子商务法》第九十九条第二款", 1)
    monkeypatch.setenv("LEXMEMO_LLM", f"replay:{_write_replay(tmp_path / 'r.json', [bad, bad])}")
    at = new_app()
    ok(at.button(key="draft").click().run())
    assert any("核查未通过" in e.value for e in at.error) and not _stale(at)
    shown = [line[2:] for m in at.markdown for line in m.value.splitlines() if line.startswith("- 「")]
    assert shown, texts(at)
    md = served_files[f"{NAME}.md"].decode("utf-8")
    title, first = md.splitlines()[0], md.split("\n\n")[1]
    assert title.startswith("# 【需复核】")
    assert all(finding in first for finding in shown), (shown, first)
    doc = Document(io.BytesIO(served_files[f"{NAME}.docx"]))
    assert doc.paragraphs[0].style.name == "Title" and "需复核" in doc.paragraphs[0].text
    assert doc.core_properties.title.startswith("【需复核】")
    assert all(finding in doc.paragraphs[1].text for finding in shown)


def test_review_lines_list_stale_first_then_every_guard_finding_including_fact_mismatches():
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "ui"))
    from views.review import review_lines

    guard = {"ok": False, "conclusion_mismatches": [{"text": "连带责任", "reason": "应为补充责任"}],
             "fact_mismatches": [{"text": "平台已审核资质", "reason": "事实为未审核"}], "unresolved": []}
    lines = review_lines(guard, "memo_stale")
    assert lines[0].startswith("事实已变更，请重新起草")
    assert lines[1] == "与责任分析不一致的结论：「连带责任」：应为补充责任"
    assert lines[2] == "与案件事实不符的陈述：「平台已审核资质」：事实为未审核"
    assert review_lines({"ok": True}, None) == []
    assert review_lines({"ok": False}, None) == ["核查未通过：备忘录已标记为「需复核」，请逐项修正后再交付。"]


def test_an_edit_stating_a_fact_against_the_record_is_caught_and_exported_as_such(data_dir, served_files):
    at = new_app(example="drug_minor_contribution")  # the licence was reviewed (qualification_review_done = 是)
    ok(at.button(key="draft").click().run())
    memo = memo_editor(at).value
    edited = memo.replace("## 四、法律分析\n", "## 四、法律分析\n\n本案中平台未审核平台内经营者的资质。\n", 1)
    assert edited != memo
    ok(memo_editor(at).set_value(edited).run())
    assert any("核查未通过" in e.value for e in at.error) and not _passed(at)
    page = texts(at)
    assert "与案件事实不符的陈述" in page and "未审核平台内经营者的资质" in page
    first = served_files[f"{NAME}.md"].decode("utf-8").split("\n\n")[1]
    assert "与案件事实不符的陈述：「未审核平台内经营者的资质」" in first
