"""The memo's sections: their canonical order, splitting a Markdown memo into them and joining them back.

A memo is ``# <title>`` followed by numbered level-2 headings ``## 一、问题``, ``## 二、简要结论`` … ; plain
``## 问题`` (or ``## 1. 问题``) is accepted too. The 简要结论 section carries three labelled lines the guard checks:
``责任形态：<label>``, ``归责原则：<label>``, ``举证责任：<label>`` (full-width colon; half-width accepted).
Everything here is pure: no I/O, no corpus.
"""

from __future__ import annotations

import re

SECTIONS: tuple[str, ...] = ("问题", "简要结论", "事实与假设", "法律分析", "风险提示", "建议", "依据", "声明")

#: The three labelled lines of 简要结论, keyed by the Verdict field each states.
CONCLUSION_LABELS: dict[str, str] = {
    "liability_form": "责任形态",
    "imputation": "归责原则",
    "burden_of_proof": "举证责任",
}

#: Text before the first ``##`` heading (other than the title) is kept under this key.
PREAMBLE = ""

_TITLE_RE = re.compile(r"^#[ \t]+(.+?)[ \t]*#*[ \t]*$")
# "## 一、问题", "## 二. 简要结论", "## 3、建议", "## （四）法律分析", "## 问题"
_HEADING_RE = re.compile(
    r"^##[ \t]+(?:(?:[一二三四五六七八九十百零〇]+|\d+)[ \t]*[、.．][ \t]*|[（(][一二三四五六七八九十\d]+[)）][ \t]*)?"
    r"(?P<name>.+?)[ \t]*#*[ \t]*$"
)
_DIGITS = "零一二三四五六七八九"


def _ordinal(n: int) -> str:
    """Chinese numeral for a section number (1 → 一, 10 → 十, 12 → 十二, 21 → 二十一)."""
    if n < 10:
        return _DIGITS[n]
    tens, ones = divmod(n, 10)
    head = "十" if tens == 1 else _DIGITS[tens] + "十"
    return head + (_DIGITS[ones] if ones else "")


def heading_name(line: str) -> str | None:
    """The section name of a ``##`` heading line with any ordinal removed, or None; a known name followed by a
    gloss (``简要结论（Short Answer）``, ``依据：``) is read as that known name."""
    match = _HEADING_RE.match(line.rstrip("\r\n"))
    if not match:
        return None
    name = match.group("name").strip().strip("*").strip()
    for known in SECTIONS:
        if name.startswith(known) and (len(name) == len(known) or name[len(known)] in "（(：: /|-—"):
            return known
    return name


def memo_title(markdown: str) -> str | None:
    """The memo's ``# <title>`` (the first level-1 heading), or None when it has none."""
    for line in markdown.splitlines():
        match = _TITLE_RE.match(line)
        if match and not line.startswith("##"):
            return match.group(1).strip()
    return None


def section_spans(markdown: str) -> tuple[tuple[int, int] | None, dict[str, list[tuple[int, int]]]]:
    """Character spans in ``markdown``: the title text's span, and each section body's span(s) by name."""
    title_span: tuple[int, int] | None = None
    spans: dict[str, list[tuple[int, int]]] = {}
    current = PREAMBLE
    seen_text = False
    in_fence = False
    offset = 0
    for line in markdown.splitlines(keepends=True):
        bare = line.rstrip("\r\n")
        line_start, offset = offset, offset + len(line)
        if bare.lstrip().startswith("```"):
            in_fence = not in_fence
        if not in_fence:
            if title_span is None and current == PREAMBLE and not seen_text and not bare.startswith("##"):
                match = _TITLE_RE.match(bare)
                if match:
                    title_span = (line_start + match.start(1), line_start + match.end(1))
                    continue
            name = heading_name(bare) if bare.startswith("##") and not bare.startswith("###") else None
            if name:
                current = name
                spans.setdefault(name, []).append((offset, offset))
                continue
        if bare.strip():
            seen_text = True
        body = spans.setdefault(current, [(line_start, line_start)])
        body[-1] = (body[-1][0], offset)
    return title_span, spans


def split_memo(markdown: str) -> tuple[str | None, dict[str, str]]:
    """Split a Markdown memo into its title and ``{section name: body}`` (see ``split_sections``)."""
    title_span, spans = section_spans(markdown)
    title = markdown[title_span[0]:title_span[1]].strip() if title_span else None
    bodies = {
        name: "\n\n".join(markdown[a:b].strip("\r\n") for a, b in parts).strip("\n")
        for name, parts in spans.items()
    }
    if not bodies.get(PREAMBLE, "").strip():
        bodies.pop(PREAMBLE, None)
    return title, bodies


def split_sections(markdown: str) -> dict[str, str]:
    """Map each ``##`` section name (ordinal stripped) to its body; unknown headings keep their own name.

    Missing sections are simply absent; text before the first heading (other than the title) is kept
    under ``""``; a repeated heading's bodies are joined in order. Pure: the memo is not changed.
    """
    return split_memo(markdown)[1]


def ordered_names(sections: dict[str, str]) -> list[str]:
    """Section names in canonical order: the known sections as in ``SECTIONS``, then the others as given."""
    known = [name for name in SECTIONS if name in sections]
    others = [name for name in sections if name not in SECTIONS and name != PREAMBLE]
    return known + others


def join_sections(title: str, sections: dict[str, str]) -> str:
    """Render ``# title`` and the sections in canonical numbered form (``## 一、问题`` …), numbered without gaps."""
    parts = [f"# {title.strip()}"]
    preamble = sections.get(PREAMBLE, "").strip("\n")
    if preamble.strip():
        parts.append(preamble)
    for number, name in enumerate(ordered_names(sections), start=1):
        body = sections[name].strip("\n")
        parts.append(f"## {_ordinal(number)}、{name}" + (f"\n\n{body}" if body.strip() else ""))
    return "\n\n".join(parts) + "\n"


_LABEL_LINE_RE = {
    field: re.compile(
        rf"^[ \t>*\-·•]*(?:(?:\d+|[一二三])[.、．)）][ \t]*|[（(][一二三\d][)）][ \t]*)?(?:\*\*)?{label}(?:\*\*)?"
        rf"[ \t]*[：:][ \t]*(?:\*\*)?(?P<value>.*?)(?:\*\*)?[ \t]*$",
        re.MULTILINE,
    )
    for field, label in CONCLUSION_LABELS.items()
}


def find_conclusion_lines(conclusion: str) -> dict[str, tuple[int, int, str]]:
    """The labelled lines of a 简要结论 body as ``{field: (start, end, value)}``, spans of the value in the text."""
    found: dict[str, tuple[int, int, str]] = {}
    for field, pattern in _LABEL_LINE_RE.items():
        match = pattern.search(conclusion)
        if match:
            found[field] = (match.start("value"), match.end("value"), match.group("value").strip())
    return found


def iter_conclusion_lines(conclusion: str) -> list[tuple[str, int, int, str]]:
    """Every labelled line of a 简要结论 body, repeated ones included: ``(field, start, end, value)`` in text order."""
    lines = [(field, m.start("value"), m.end("value"), m.group("value").strip())
             for field, pattern in _LABEL_LINE_RE.items() for m in pattern.finditer(conclusion)]
    return sorted(lines, key=lambda line: line[1])


def conclusion_lines(conclusion: str) -> dict[str, str]:
    """The labelled lines of a 简要结论 body: ``{"liability_form": "补充责任", ...}``; absent lines are absent."""
    return {field: value for field, (_, _, value) in find_conclusion_lines(conclusion).items()}
