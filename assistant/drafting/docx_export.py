"""Word export of a Markdown memo (python-docx): a memo a firm would send, as a draft for internal discussion.

A4 paper, zh-CN language, a header block (致 / 自 / 日期 / 事由), a 草稿 legend in the page header, page numbers
in the footer, core properties with the real creation time and author; headings, body, a numbered 依据 list.
A memo that failed the guard or is stale is exported with 需复核 in its title and its findings as the first
paragraph (:func:`mark_for_review`), the same lines the workspace shows.

Word picks the font of Chinese characters from ``w:rFonts/@w:eastAsia`` (a theme attribute would override
it), so every style used and every run gets ``w:eastAsia="宋体"`` (headings ``黑体``) and no eastAsiaTheme.
"""

from __future__ import annotations

import getpass
import re
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, Twips

BODY_FONT = "宋体"
HEADING_FONT = "黑体"
LATIN_FONT = "Times New Roman"
BASIS_SECTION = "依据"
_BOLD_RE = re.compile(r"\*\*(.+?)\*\*")
_NUMBERED_RE = re.compile(r"^\d+\.\s+")
_HEADING_NAME_RE = re.compile(r"^[一二三四五六七八九十]+、")
A4_TWIPS = (11906, 16838)  # 210 × 297 mm (GB/T 148 A4), width × height
LANGUAGE = "zh-CN"
LEGEND = "草稿｜仅供内部讨论，不构成正式法律意见"
REVIEW_MARK = "【需复核】"
REVIEW_INTRO = "需复核：本备忘录未通过核查或所依据的事实已变更，使用前请逐项处理："
DEFAULT_RECIPIENT = "承办律师"


# The guard's finding lists in the order a lawyer reads them, with their Chinese names (the workspace shows the same).
FINDING_GROUPS: dict[str, str] = {
    "conclusion_mismatches": "与责任分析不一致的结论",
    "fact_mismatches": "与案件事实不符的陈述",
    "remedies_mismatches": "与赔偿数额或诉讼时效判断不一致的陈述",  # issue 13: the guard's section-7 check
    "unresolved": "无法解析的引注",
    "out_of_force": "事件发生时尚未生效或已失效的条文",
    "unlisted": "未列入依据部分的引注",
}
GUARD_FAILED = "核查未通过：备忘录已标记为「需复核」，请逐项修正后再交付。"


def finding_text(finding: Any) -> str:
    """One guard finding as text: the quoted memo text, then the guard's reason."""
    if not isinstance(finding, dict):
        return str(finding)
    text = finding.get("text") or ""
    reason = finding.get("reason") or finding.get("message") or ""
    if not reason:
        reason = "；".join(f"{k}={v}" for k, v in finding.items() if k != "text")
    return f"{('「' + text + '」：') if text else ''}{reason}"


def review_findings(guard: dict[str, Any] | None, notes: Iterable[str] = ()) -> list[str]:
    """The lines a memo needing review carries: ``notes`` first (e.g. stale facts), then every guard finding."""
    lines = [n for n in notes if n]
    before = len(lines)
    for name, group in FINDING_GROUPS.items():
        for item in (guard or {}).get(name) or []:
            lines.append(f"{group}：{finding_text(item)}")
    if guard is not None and not guard.get("ok") and len(lines) == before:
        lines.append(GUARD_FAILED)  # failed with no listed finding: still never a clean memo
    return lines


def mark_for_review(markdown: str, findings: Iterable[str]) -> str:
    """The memo with 【需复核】 in its title and the findings as its first paragraph; unchanged when none."""
    findings = [f.strip() for f in findings if f and f.strip()]
    if not findings:
        return markdown
    listed = "；".join(f"（{i}）{f}" for i, f in enumerate(findings, 1))
    paragraph = f"**{REVIEW_INTRO}**{listed}"
    lines = markdown.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("# "):
            title = line[2:].strip()
            lines[i] = "# " + (title if title.startswith(REVIEW_MARK) else REVIEW_MARK + title)
            return "\n".join([*lines[: i + 1], "", paragraph, *lines[i + 1:]]) + ("\n" if markdown.endswith("\n") else "")
    return f"# {REVIEW_MARK}法律备忘录\n\n{paragraph}\n\n{markdown}"


def default_author(settings: Any = None) -> str:
    """Who the document is from: ``settings.author`` (``LEXMEMO_AUTHOR``) when set, else the OS user's name."""
    if settings is None:
        from assistant.settings import get_settings

        settings = get_settings()
    if settings.author and settings.author.strip():
        return settings.author.strip()
    try:
        return getpass.getuser()
    except Exception:  # no user database entry (some containers): still a named author
        return "LexMemo"


def _set_lang(rpr) -> None:
    """``w:lang`` zh-CN on an ``w:rPr`` (proofing and East Asian line breaking follow it)."""
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), LANGUAGE)
    lang.set(qn("w:eastAsia"), LANGUAGE)


def _set_fonts(element, east_asia: str, latin: str = LATIN_FONT) -> None:
    """Set ``w:rFonts`` (ascii, hAnsi, eastAsia) on a style's or a run's ``w:rPr``, dropping theme fonts."""
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    _set_lang(rpr)


def _prepare_styles(document) -> None:
    """East Asian fonts on every style the memo uses; body text 12 pt."""
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "List Number", "List Bullet", "Quote"):
        style = document.styles[name]
        _set_fonts(style.element, BODY_FONT if name in ("Normal", "List Number", "List Bullet", "Quote")
                   else HEADING_FONT)
    document.styles["Normal"].font.size = Pt(12)
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:  # the default run properties every style inherits
        rpr_default = defaults.find(qn("w:rPrDefault"))
        if rpr_default is not None:
            rpr = rpr_default.find(qn("w:rPr"))
            if rpr is None:
                rpr = OxmlElement("w:rPr")
                rpr_default.append(rpr)
            _set_lang(rpr)


def _field(paragraph, instruction: str) -> None:
    """A Word field (``PAGE``, ``NUMPAGES``) as begin/instrText/separate/result/end runs; Word updates it."""
    for kind, text in (("begin", None), ("instr", instruction), ("separate", None), ("result", "1"), ("end", None)):
        run = paragraph.add_run()
        _set_fonts(run._element, BODY_FONT)
        if kind == "instr":
            node = OxmlElement("w:instrText")
            node.set(qn("xml:space"), "preserve")
            node.text = f" {text} "
        elif kind == "result":
            node = OxmlElement("w:t")
            node.text = text
        else:
            node = OxmlElement("w:fldChar")
            node.set(qn("w:fldCharType"), kind)
        run._element.append(node)


def _page_setup(document) -> None:
    """A4 with the margins of Word's Chinese default, the 草稿 legend in the header, 第 X 页 共 Y 页 in the footer."""
    for section in document.sections:
        section.page_width, section.page_height = Twips(A4_TWIPS[0]), Twips(A4_TWIPS[1])
        section.top_margin = section.bottom_margin = Cm(2.54)
        section.left_margin = section.right_margin = Cm(3.17)
        legend = section.header.paragraphs[0]
        legend.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _add_runs(legend, LEGEND)
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _set_fonts(footer.add_run("第 ")._element, BODY_FONT)
        _field(footer, "PAGE")
        _set_fonts(footer.add_run(" 页，共 ")._element, BODY_FONT)
        _field(footer, "NUMPAGES")
        _set_fonts(footer.add_run(" 页")._element, BODY_FONT)


def _header_block(document, block: dict[str, str]) -> None:
    """The memo's 致 / 自 / 日期 / 事由 lines under the title, then the legend once more in the body."""
    for name in ("致", "自", "日期", "事由"):
        _add_runs(document.add_paragraph(), f"**{name}：**{block.get(name, '')}")
    _add_runs(document.add_paragraph(), f"**{LEGEND}**")


def _add_runs(paragraph, text: str, east_asia: str = BODY_FONT) -> None:
    """Add ``text`` to a paragraph as runs, ``**bold**`` spans bold; every run gets the East Asian font."""
    pos = 0
    for match in _BOLD_RE.finditer(text):
        if match.start() > pos:
            _set_fonts(paragraph.add_run(text[pos:match.start()])._element, east_asia)
        run = paragraph.add_run(match.group(1))
        run.bold = True
        _set_fonts(run._element, east_asia)
        pos = match.end()
    if pos < len(text) or not text:
        _set_fonts(paragraph.add_run(text[pos:])._element, east_asia)


def memo_to_docx(
    markdown: str, path: str | Path, *, findings: Iterable[str] = (), header: dict[str, str] | None = None,
    author: str | None = None, created: datetime | None = None,
) -> Path:
    """Write the memo as a .docx (A4, zh-CN, header block, legend, page numbers); ``findings`` mark it 需复核.

    ``header`` overrides the block's 致 / 自 / 日期 / 事由 (defaults: 承办律师, the author, today, the title).
    """
    markdown = mark_for_review(markdown, findings)
    author = author or default_author()
    created = created or datetime.now(timezone.utc)
    document = Document()
    _prepare_styles(document)
    _page_setup(document)
    section = None
    title = ""
    pending_block = True
    block = {"致": DEFAULT_RECIPIENT, "自": author, "日期": f"{created.year}年{created.month}月{created.day}日"}
    for raw in markdown.splitlines():
        line = raw.rstrip()
        if not line.strip():
            continue
        if pending_block and not line.startswith("# ") and not line.startswith(f"**{REVIEW_INTRO}"):
            # The header block follows the title and the review paragraph (which must stay the first one).
            pending_block = False
            _header_block(document, {**block, "事由": title.removeprefix(REVIEW_MARK) or "法律备忘录", **(header or {})})
        if line.startswith("# "):
            title = line[2:].strip()
            document.core_properties.title = title
            _add_runs(document.add_heading(level=0), title, HEADING_FONT)
        elif line.startswith("## "):
            section = _HEADING_NAME_RE.sub("", line[3:].strip())
            _add_runs(document.add_heading(level=1), line[3:].strip(), HEADING_FONT)
        elif line.startswith("### "):
            _add_runs(document.add_heading(level=2), line[4:].strip(), HEADING_FONT)
        elif line.startswith(">"):
            _add_runs(document.add_paragraph(style="Quote"), line.lstrip(">").strip())
        elif line.startswith("- "):
            _add_runs(document.add_paragraph(style="List Bullet"), line[2:].strip())
        elif section == BASIS_SECTION and _NUMBERED_RE.match(line):
            _add_runs(document.add_paragraph(style="List Number"), _NUMBERED_RE.sub("", line, count=1))
        else:
            _add_runs(document.add_paragraph(), line.strip())
    if pending_block:  # a memo with nothing but a title still gets its header block
        _header_block(document, {**block, "事由": title.removeprefix(REVIEW_MARK) or "法律备忘录", **(header or {})})
    props = document.core_properties
    props.author = props.last_modified_by = author
    props.created = props.modified = created.astimezone(timezone.utc).replace(tzinfo=None)  # written as UTC (Z)
    props.language = LANGUAGE
    props.revision = 1
    props.comments = "由 LexMemo 生成的草稿，仅供内部讨论"
    path = Path(path)
    document.save(str(path))
    return path
