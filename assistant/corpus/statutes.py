"""Parse one statute file (YAML front matter + Markdown body) into article, 款 and 项 provisions.

Format (see corpus/statutes/INDEX.md): articles are separated by blank lines and start ``第X条 ……``; the
following lines up to the next blank line are further 款 of the same article, except lines opening with
（一）（二）…, which are 项 (items) of the 款 before them. ``#`` lines are 编/章/节 headings. Text before the
first article (promulgation note, preamble) is not a provision. Anything else fails loudly with file and line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: 10x faster

from .ids import format_id
from .numerals import NUMERAL_CHARS, from_chinese, is_canonical, to_chinese
from .records import CorpusError, Provision

_NUM = "零〇一二三四五六七八九十百千"
ARTICLE_HEAD = re.compile(rf"^第([{_NUM}]+)条(之[{_NUM}]+)?(?:[ \u3000]+(.*))?$")
# A line that was probably meant as an article heading but is not well formed (第39条, 第三十九 条, 第三十九条……).
LOOKS_LIKE_HEAD = re.compile(r"^第\s*[\d零〇一二三四五六七八九十百千两 ]{1,12}\s*条")
ITEM_HEAD = re.compile(r"^（([一二三四五六七八九十]+)）")


@dataclass
class _Article:
    number: int
    label: str
    line: int
    heading: str
    # each 款: (line, text, [(item line, item number, item text)])
    paragraphs: list[tuple[int, str, list[tuple[int, int, str]]]] = field(default_factory=list)


def split_front_matter(text: str, file: str) -> tuple[dict[str, Any], list[str], int]:
    """The front matter as a dict, the body lines, and the 1-based file line number of the first body line."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise CorpusError("missing YAML front matter (first line must be ---)", file, 1)
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise CorpusError("unterminated YAML front matter", file, 1) from None
    try:
        meta = yaml.load("\n".join(lines[1:end]), Loader=_Loader) or {}
    except yaml.YAMLError as exc:
        raise CorpusError(f"bad YAML front matter: {exc}", file, 2) from None
    if not isinstance(meta, dict):
        raise CorpusError("front matter is not a mapping", file, 2)
    return meta, lines[end + 1 :], end + 2


def declared_gaps(meta: dict[str, Any], file: str) -> set[int]:
    """Article numbers the front matter ``article_gaps`` declares missing (ints, "第X条" labels or "a-b" ranges)."""
    gaps: set[int] = set()
    for g in meta.get("article_gaps") or []:
        if isinstance(g, int):
            gaps.add(g)
            continue
        s = str(g).strip()
        m = re.fullmatch(r"(\d+)\s*[-–—]\s*(\d+)", s)
        if m:
            gaps.update(range(int(m.group(1)), int(m.group(2)) + 1))
            continue
        m = re.fullmatch(rf"第([{_NUM}]+)条", s)
        if m:
            gaps.add(from_chinese(m.group(1)))
            continue
        if s.isdigit():
            gaps.add(int(s))
            continue
        raise CorpusError(f"cannot read article_gaps entry {g!r}", file)
    return gaps


def expected_numbers(
    count: int | None, gaps: set[int], ranges: Iterable[Iterable[int]] | None, found_max: int
) -> list[int]:
    """The article numbers a file must hold, in order: its declared ranges, or 1..count without the gaps."""
    if ranges:
        nums: list[int] = []
        for lo, hi in ranges:
            nums.extend(range(lo, hi + 1))
        return [n for n in nums if n not in gaps]
    top = count + len(gaps) if count is not None else found_max
    return [n for n in range(1, top + 1) if n not in gaps]


def _parse_articles(body: list[str], first_line: int, file: str) -> list[_Article]:
    """Group the body into articles, 款 and 项; check heading syntax and item numbering."""
    articles: list[_Article] = []
    headings: list[tuple[int, str]] = []
    current: _Article | None = None
    at_block_start = True
    for offset, raw in enumerate(body):
        lineno = first_line + offset
        line = raw.rstrip()
        if not line.strip():
            current, at_block_start = None, True
            continue
        if line.startswith("#"):
            level = len(line) - len(line.lstrip("#"))
            headings = [(lv, h) for lv, h in headings if lv < level]
            if level > 1:  # level 1 is the instrument's own title
                headings.append((level, line.lstrip("#").strip()))
            current, at_block_start = None, True
            continue
        if at_block_start:
            at_block_start = False
            m = ARTICLE_HEAD.match(line)
            if m:
                current = _start_article(m, line, lineno, file, " / ".join(h for _, h in headings))
                articles.append(current)
                continue
            if LOOKS_LIKE_HEAD.match(line) or articles:
                raise CorpusError(f"malformed article heading: {line[:40]!r}", file, lineno)
            continue  # promulgation note or preamble before the first article
        if current is None:
            continue  # a further line of the preamble
        _add_line(current, line, lineno, file)
    return articles


def _start_article(m: re.Match[str], line: str, lineno: int, file: str, heading: str) -> _Article:
    numeral, suffix, rest = m.group(1), m.group(2), m.group(3)
    if suffix:
        raise CorpusError(f"article variant {m.group(0)[:12]!r} (第X条之一) has no id scheme", file, lineno)
    if not is_canonical(numeral):
        raise CorpusError(f"malformed article heading: bad Chinese numeral {numeral!r}", file, lineno)
    article = _Article(from_chinese(numeral), f"第{numeral}条", lineno, heading)
    if rest and rest.strip():
        _add_line(article, rest.strip(), lineno, file)
    return article


def _add_line(article: _Article, line: str, lineno: int, file: str) -> None:
    """Append a 款 line, or a 项 line to the last 款 (items must count 1, 2, 3 … within their 款)."""
    m = ITEM_HEAD.match(line)
    if m and all(c in NUMERAL_CHARS for c in m.group(1)):
        if not article.paragraphs:
            raise CorpusError(f"item {m.group(0)} before any paragraph of {article.label}", file, lineno)
        items = article.paragraphs[-1][2]
        number = from_chinese(m.group(1))
        if number != len(items) + 1:
            expected = f"（{to_chinese(len(items) + 1)}）"
            raise CorpusError(f"item numbering in {article.label}: expected {expected}, found {m.group(0)}", file, lineno)
        items.append((lineno, number, line))
        return
    if LOOKS_LIKE_HEAD.match(line) and ARTICLE_HEAD.match(line):
        # an article heading glued to the previous article (no blank line): refuse rather than merge two articles
        num = ARTICLE_HEAD.match(line).group(1)  # type: ignore[union-attr]
        if all(c in NUMERAL_CHARS for c in num) and from_chinese(num) == article.number + 1:
            raise CorpusError(f"article heading {line[:12]!r} without a blank line before it", file, lineno)
    article.paragraphs.append((lineno, line, []))


def parse_statute_text(
    text: str,
    code: str,
    file: str,
    *,
    ranges: Iterable[Iterable[int]] | None = None,
    check_count: bool = True,
) -> tuple[dict[str, Any], list[Provision]]:
    """Parse a statute file's text into (front matter, provisions in document order)."""
    meta, body, first_line = split_front_matter(text, file)
    articles = _parse_articles(body, first_line, file)
    if not articles:
        raise CorpusError("no articles found", file)
    count = meta.get("articles")
    gaps = declared_gaps(meta, file)
    expected = expected_numbers(count if isinstance(count, int) else None, gaps, ranges, max(a.number for a in articles))
    seen: dict[int, int] = {}
    for i, art in enumerate(articles):
        if art.number in seen:
            raise CorpusError(
                f"duplicate id {format_id(code, art.number)} ({art.label}; first at line {seen[art.number]})", file, art.line
            )
        seen[art.number] = art.line
        want = expected[i] if i < len(expected) else None
        if art.number != want:
            what = f"expected 第{to_chinese(want)}条" if want else "no further article expected"
            kind = "gap" if want is not None and art.number > want else "disorder"
            raise CorpusError(f"article numbering {kind}: {what}, found {art.label}", file, art.line)
    if check_count and isinstance(count, int) and len(articles) != count:
        raise CorpusError(f"front matter says articles: {count}, found {len(articles)}", file, articles[-1].line)
    if len(articles) != len(expected):
        missing = expected[len(articles)]
        raise CorpusError(f"article numbering gap: 第{to_chinese(missing)}条 missing at end of file", file, articles[-1].line)
    return meta, [p for art in articles for p in _provisions(art, code, file)]


def _provisions(art: _Article, code: str, file: str) -> list[Provision]:
    """The article record, then each 款 and each 项 as its own record."""
    if not art.paragraphs:
        raise CorpusError(f"{art.label} has no text", file, art.line)
    n = len(art.paragraphs)
    lines = [t for _, t, items in art.paragraphs for t in [t] + [it for _, _, it in items]]
    out = [
        Provision(
            id=format_id(code, art.number), code=code, article=art.number, paragraph=None, item=None,
            article_label=art.label, label=art.label, text="\n".join(lines), line=art.line, kind="article",
            file=file, heading=art.heading, paragraphs=n,
        )
    ]
    for p, (pline, ptext, items) in enumerate(art.paragraphs, start=1):
        plabel = art.label + (f"第{to_chinese(p)}款" if n > 1 else "")
        out.append(
            Provision(
                id=format_id(code, art.number, p), code=code, article=art.number, paragraph=p, item=None,
                article_label=art.label, label=plabel, text="\n".join([ptext] + [t for _, _, t in items]),
                line=pline, kind="paragraph", file=file, heading=art.heading, paragraphs=n,
            )
        )
        for iline, inum, itext in items:
            out.append(
                Provision(
                    id=format_id(code, art.number, p, inum), code=code, article=art.number, paragraph=p, item=inum,
                    article_label=art.label, label=f"{plabel}第{to_chinese(inum)}项", text=itext, line=iline,
                    kind="item", file=file, heading=art.heading, paragraphs=n,
                )
            )
    return out


def parse_statute_file(path: Path, code: str, file: str | None = None, **kwargs: Any) -> tuple[dict[str, Any], list[Provision]]:
    """Read and parse one statute file; ``file`` is the name used in errors (default: the path)."""
    return parse_statute_text(path.read_text(encoding="utf-8"), code, file or str(path), **kwargs)
