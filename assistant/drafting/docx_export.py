"""Word export of a Markdown memo (python-docx): headings, body, a numbered 依据 list, East Asian fonts.

Word picks the font of Chinese characters from ``w:rFonts/@w:eastAsia`` (a theme attribute would override
it), so every style used and every run gets ``w:eastAsia="宋体"`` (headings ``黑体``) and no eastAsiaTheme.
"""

from __future__ import annotations

import re
from pathlib import Path

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

BODY_FONT = "宋体"
HEADING_FONT = "黑体"
LATIN_FONT = "Times New Roman"
BASIS_SECTION = "依据"
_BOLD_RE = re.compile(r"\*\*(.+?)\*\*")
_NUMBERED_RE = re.compile(r"^\d+\.\s+")
_HEADING_NAME_RE = re.compile(r"^[一二三四五六七八九十]+、")


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


def _prepare_styles(document) -> None:
    """East Asian fonts on every style the memo uses; body text 12 pt."""
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "List Number", "List Bullet", "Quote"):
        style = document.styles[name]
        _set_fonts(style.element, BODY_FONT if name in ("Normal", "List Number", "List Bullet", "Quote")
                   else HEADING_FONT)
    document.styles["Normal"].font.size = Pt(12)


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


def memo_to_docx(markdown: str, path: str | Path) -> Path:
    """Write the memo as a .docx: ``#`` title, ``##``/``###`` headings, quotes, bullets, numbered 依据 list."""
    document = Document()
    _prepare_styles(document)
    section = None
    for raw in markdown.splitlines():
        line = raw.rstrip()
        if not line.strip():
            continue
        if line.startswith("# "):
            document.core_properties.title = line[2:].strip()
            _add_runs(document.add_heading(level=0), line[2:].strip(), HEADING_FONT)
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
    document.core_properties.author = "lexmemo"
    path = Path(path)
    document.save(str(path))
    return path
