"""Issue 11 item 11: the Word memo a firm would send, read from the .docx XML (A4, zh-CN, header block, legend,
page numbers, core properties), and item 9's 需复核 title of a failed memo."""

from __future__ import annotations

import re
import zipfile
from datetime import datetime, timedelta, timezone

from docx import Document

from assistant.drafting.docx_export import mark_for_review, memo_to_docx

MEMO = """# 关于张某诉某医药平台责任的法律备忘录

## 一、问题
平台应否对张某的人身损害承担责任？

## 二、简要结论
责任形态：补充责任

## 七、依据
1. 《电子商务法》第三十八条第二款
"""


def _xml(path, name: str) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read(name).decode("utf-8")


def test_a4_zh_cn_fonts_header_block_legend_and_page_numbers(tmp_path, monkeypatch):
    monkeypatch.setenv("LEXMEMO_AUTHOR", "王律师")
    before = datetime.now(timezone.utc).replace(microsecond=0)
    path = memo_to_docx(MEMO, tmp_path / "memo.docx", header={"致": "合伙人李某"})
    body, styles = _xml(path, "word/document.xml"), _xml(path, "word/styles.xml")
    size = re.search(r"<w:pgSz [^>]*/>", body).group(0)
    assert 'w:w="11906"' in size and 'w:h="16838"' in size  # A4 in twips
    assert re.search(r'<w:lang [^>]*w:eastAsia="zh-CN"', styles)  # docDefaults and styles
    assert 'w:eastAsia="宋体"' in styles and 'w:eastAsia="黑体"' in styles
    doc = Document(str(path))
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "关于张某诉某医药平台责任的法律备忘录" and doc.paragraphs[0].style.name == "Title"
    block = texts[1:5]
    assert block[0] == "致：合伙人李某" and block[1] == "自：王律师"
    assert re.fullmatch(r"日期：\d{4}年\d{1,2}月\d{1,2}日", block[2])
    assert block[3] == "事由：关于张某诉某医药平台责任的法律备忘录"
    assert any("草稿" in t and "仅供内部讨论" in t for t in texts)
    section = doc.sections[0]
    assert "草稿" in section.header.paragraphs[0].text
    footer = _xml(path, "word/footer1.xml") if "word/footer1.xml" in zipfile.ZipFile(path).namelist() else ""
    assert " PAGE " in footer and " NUMPAGES " in footer  # page numbers are Word fields, not fixed text
    props = doc.core_properties
    assert props.author == "王律师" and props.last_modified_by == "王律师" and props.language == "zh-CN"
    created = props.created.replace(tzinfo=timezone.utc)
    assert before - timedelta(seconds=1) <= created <= datetime.now(timezone.utc) + timedelta(seconds=1)
    assert created.year >= 2024  # not the template's 2013 timestamp


def test_a_failed_memo_has_review_in_its_title_and_findings_first(tmp_path):
    findings = ["与责任分析不一致的结论：「责任形态：连带责任」：应为补充责任", "无法解析的引注：「第九十九条」：法规库中无此条"]
    path = memo_to_docx(MEMO, tmp_path / "failed.docx", findings=findings)
    doc = Document(str(path))
    assert doc.paragraphs[0].text.startswith("【需复核】") and doc.core_properties.title.startswith("【需复核】")
    first = doc.paragraphs[1].text
    assert first.startswith("需复核") and all(f in first for f in findings)
    assert "需复核" in _xml(path, "docProps/core.xml")


def test_mark_for_review_leaves_a_clean_memo_alone_and_marks_once():
    assert mark_for_review(MEMO, []) == MEMO
    marked = mark_for_review(MEMO, ["事实已变更，请重新起草"])
    assert marked.splitlines()[0] == "# 【需复核】关于张某诉某医药平台责任的法律备忘录"
    assert marked.split("\n\n")[1].endswith("（1）事实已变更，请重新起草")
    again = mark_for_review(marked, ["x"])
    assert again.splitlines()[0].count("【需复核】") == 1
    assert mark_for_review("正文", ["x"]).startswith("# 【需复核】")


def test_the_exports_group_names_are_the_screens():
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "ui"))
    from i18n import STRINGS

    from assistant.drafting.docx_export import FINDING_GROUPS, GUARD_FAILED

    assert {name: STRINGS["g_" + name][0] for name in FINDING_GROUPS} == FINDING_GROUPS
    assert STRINGS["guard_failed"][0] == GUARD_FAILED
