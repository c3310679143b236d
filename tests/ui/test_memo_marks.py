"""The guard's findings highlighted in the rendered memo, in place (issue 16); display only, the memo is unchanged."""

from __future__ import annotations

import io
import re
import sys
from types import SimpleNamespace

import docx

from ui_helpers import REPO, memo_editor, new_app, ok

from assistant.settings import get_settings
from assistant.store import MatterStore

sys.path.insert(0, str(REPO / "ui"))
from views.memo_marks import marked, sentence_span  # noqa: E402

MEMO = ("# 关于某平台责任的法律备忘录\n\n## 二、简要结论\n\n平台承担补充责任。另参见《电子商务法》第一百二十条。本结论以现有事实为准。\n\n"
        "## 四、法律分析\n\n- 依据 <第三十八条> 分析。平台应当承担连带责任！\n")


def _finding(text, reason, missing=False):
    start = None if missing else MEMO.index(text)
    return SimpleNamespace(start=start, end=None if missing else start + len(text), reason=reason)


def _report(*findings):
    return SimpleNamespace(ok=False, findings=list(findings))


def test_a_flagged_sentence_is_marked_with_its_finding_below_and_nothing_else_changes():
    report = _report(_finding("《电子商务法》第一百二十条", "无法解析的引注：电子商务法第一百二十条"),
                     _finding("连带责任", "与责任分析不一致：应为补充责任"))
    out = marked(MEMO, report)
    assert ('<mark class="guard-flag" title="无法解析的引注：电子商务法第一百二十条">另参见《电子商务法》第一百二十条。'
            '</mark><span class="guard-note">⚠需复核：无法解析的引注：电子商务法第一百二十条</span>') in out
    # the whole sentence, after the list bullet; the memo's own "<" is escaped so it shows as text
    assert "- 依据 &lt;第三十八条> 分析。<mark" in out and ">平台应当承担连带责任！</mark>" in out
    assert out.count("<mark") == 2 and "平台承担补充责任。<mark" in out
    # without the tags and escapes, the memo is the lawyer's text, character for character
    plain = out.replace("&lt;", "<").replace("&amp;", "&")
    for tag in ("</mark>", '<span class="guard-note">'):
        plain = plain.replace(tag, "")
    plain = re.sub(r'<mark class="guard-flag" title="[^"]*">', "", plain)
    plain = re.sub(r"⚠需复核：[^<]*</span>", "", plain)
    assert plain == MEMO


def test_findings_without_a_span_go_under_the_conclusion_and_a_passing_memo_is_untouched():
    out = marked(MEMO, _report(_finding("", "缺少简要结论中的责任形态", missing=True)))
    assert "本结论以现有事实为准。\n\n> **⚠需复核：缺少简要结论中的责任形态**\n" in out and "<mark" not in out
    assert marked(MEMO, SimpleNamespace(ok=True, findings=[])) == MEMO and marked(MEMO, None) == MEMO
    line = MEMO.index("另参见")
    assert sentence_span(MEMO, line + 3, line + 5) == (line, line + len("另参见《电子商务法》第一百二十条。"))


def test_the_rendered_memo_marks_the_finding_but_the_stored_and_exported_memo_do_not(data_dir, served_files):
    at = new_app(example="drug_minor_contribution")
    ok(at.button(key="draft").click().run())
    editor = memo_editor(at)
    edited = editor.value + "\n另参见《电子商务法》第一百二十条。\n"
    ok(editor.set_value(edited).run())
    ok(at.toggle(key="memo_edit").set_value(False).run())
    shown = [m.value for m in at.markdown if "guard-flag" in m.value]
    assert len(shown) == 1 and '">另参见《电子商务法》第一百二十条。</mark><span class="guard-note">⚠需复核：' in shown[0]
    store = MatterStore.open(get_settings())
    assert store.memo_history(store.list_matters()[0].id)[0].markdown == edited  # stored as typed
    md = served_files[next(n for n in served_files if n.endswith(".md"))].decode("utf-8")
    body = "\n".join(p.text for p in docx.Document(io.BytesIO(served_files[next(
        n for n in served_files if n.endswith(".docx"))])).paragraphs)
    for exported in (md, body):
        assert "另参见《电子商务法》第一百二十条。" in exported and "guard-flag" not in exported and "<mark" not in exported
