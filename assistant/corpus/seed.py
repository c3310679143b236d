"""Parse the seed article (覃玉娟 2025) into one provision per numbered section (QIN-1 … QIN-6).

Its heading levels are inconsistent (``###``, ``####``, ``**bold**``), so a section's depth comes from its
number prefix (``5.4.2.``), never from the ``#`` count. A parent section's text is only its own introduction.
The front part (title, abstracts, keywords) and the reference list are not sections.
"""

from __future__ import annotations

import re

from .ids import SEED_CODE, format_id
from .records import CorpusError, Provision

SECTION_HEAD = re.compile(r"^#{1,6}\s*(?:\*\*)?\s*(\d+(?:\.\d+)*)\.?\s+(.+?)\s*(?:\*\*)?\s*$")
# A heading written only in bold (no #): taken as a section heading only when its number fits the sequence.
BOLD_HEAD = re.compile(r"^\*\*\s*(\d+(?:\.\d+)*)\.?\s+(.+?)\s*\*\*$")
END_HEADINGS = ("参考文献", "References")


def parse_seed_text(text: str, file: str, code: str = SEED_CODE) -> list[Provision]:
    """Sections in document order; CorpusError on a duplicate, out-of-order or skipped section number."""
    sections: list[tuple[str, str, int, list[str]]] = []
    seen: dict[str, int] = {}
    prev: tuple[int, ...] = ()
    ended = False
    for lineno, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip()
        if line.startswith("#"):
            bare = line.lstrip("#").strip().strip("*").strip()
            if bare in END_HEADINGS:
                ended = True
                continue
            m = SECTION_HEAD.match(line)
            if m:
                if ended:
                    raise CorpusError(f"numbered section {m.group(1)} after the reference list", file, lineno)
                number = m.group(1)
                if number in seen:
                    raise CorpusError(f"duplicate id {code}-{number} (first at line {seen[number]})", file, lineno)
                parts = tuple(int(x) for x in number.split("."))
                if not _follows(prev, parts):
                    raise CorpusError(f"section numbering: {number} cannot follow {'.'.join(map(str, prev)) or 'the start'}", file, lineno)
                seen[number], prev = lineno, parts
                sections.append((number, m.group(2).strip("*").strip(), lineno, []))
                continue
        bold = BOLD_HEAD.match(line.strip()) if not ended else None
        if bold and bold.group(1) not in seen:
            parts = tuple(int(x) for x in bold.group(1).split("."))
            if _follows(prev, parts):
                seen[bold.group(1)], prev = lineno, parts
                sections.append((bold.group(1), bold.group(2).strip(), lineno, []))
                continue
        if sections and not ended:
            sections[-1][3].append(line)
    if not sections:
        raise CorpusError("no numbered sections found in the seed article", file)
    out = []
    for number, title, lineno, body in sections:
        text_ = "\n".join(body).strip()
        out.append(
            Provision(
                id=format_id(code, section=number), code=code, article=int(number.split(".")[0]), paragraph=None,
                item=None, article_label=number, label=f"第{number}部分", text=text_, line=lineno, kind="section",
                title=title, file=file, section=number,
            )
        )
    return out


def _follows(prev: tuple[int, ...], cur: tuple[int, ...]) -> bool:
    """True when section ``cur`` may come right after ``prev`` (first child, next sibling, or next of an ancestor)."""
    if not prev:
        return cur == (1,)
    if cur == prev + (1,):
        return True
    for depth in range(len(prev), 0, -1):
        if cur == prev[: depth - 1] + (prev[depth - 1] + 1,):
            return True
    return False
