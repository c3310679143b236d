"""Chinese dates in narratives: 2023年5月3日, 2023.5.3, 2023-05-03, 二〇二三年五月三日, and 去年/今年/前年 with an anchor.

Rules (none of them guess):
- a full date is taken as written; when a narrative has several, the earliest is the transaction (complaints,
  hospital visits and lawsuits come after the purchase);
- a month without a day (2023年5月) resolves to the first of the month, except in the months where a law changed
  mid-month (2014-03, 2022-03, 2024-09: SPC-FD and the 2013 CPL text, SPC-OC, SPC-TI1), where the day decides
  which law applies and the date stays unknown;
- a year alone (2023年) stays unknown;
- 去年/今年/前年 resolve only against an anchor date (the date the complaint was received); without one they stay
  unknown;
- a date after the anchor (or after today) is not an event date and is ignored.
"""

from __future__ import annotations

import re
from datetime import date

from assistant.triage.extract.text import Hit

#: Months in which a law relevant to the engine took effect on a day other than the 1st.
AMBIGUOUS_MONTHS: frozenset[tuple[int, int]] = frozenset({(2014, 3), (2022, 3), (2024, 9)})

_CN_DIGIT = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
             "七": 7, "八": 8, "九": 9}
_CN = "〇零○一二两三四五六七八九十"

_FULL = re.compile(r"((?:19|20)\d{2})\s*(?:年的?\s*|[./-])(\d{1,2})\s*(?:月\s*|[./-])(\d{1,2})\s*[日号]?(?!\d)")
_MONTH = re.compile(r"((?:19|20)\d{2})\s*年的?\s*(\d{1,2})\s*月(?!\s*\d)(?:份)?")
_CN_FULL = re.compile(rf"([{_CN}]{{4}})年([{_CN}]{{1,3}})月(?:([{_CN}]{{1,3}})[日号])?")
_RELATIVE = re.compile(r"(前年|去年|今年)\s*(\d{1,2}|[十一二三四五六七八九]{1,3})\s*月(?:\s*(\d{1,2}|[十一二三四五六七八九]{1,3})\s*[日号])?")
_RELATIVE_YEAR = {"前年": -2, "去年": -1, "今年": 0}


def _cn_small(s: str) -> int | None:
    """一..三十一 (or Arabic digits) → int."""
    if s.isdigit():
        return int(s)
    if "十" in s:
        head, _, tail = s.partition("十")
        tens = _CN_DIGIT.get(head, 1) if head else 1
        ones = _CN_DIGIT.get(tail, 0) if tail else 0
        return tens * 10 + ones
    if len(s) == 1 and s in _CN_DIGIT:
        return _CN_DIGIT[s]
    return None


def _cn_year(s: str) -> int | None:
    digits = [_CN_DIGIT.get(c) for c in s]
    if any(d is None for d in digits):
        return None
    return int("".join(str(d) for d in digits))


def _make(year: int, month: int | None, day: int | None) -> date | None:
    try:
        if day is None:
            if month is None or (year, month) in AMBIGUOUS_MONTHS:
                return None
            return date(year, month, 1)
        return date(year, month or 0, day)
    except (TypeError, ValueError):
        return None


def date_hits(text: str, anchor: date | None = None) -> list[Hit]:
    """Every resolvable date in ``text`` as a Hit (value: ``date``), not after the anchor (or today)."""
    limit = anchor or date.today()
    hits: list[Hit] = []
    taken: list[tuple[int, int]] = []

    def add(d: date | None, m: re.Match) -> None:
        if any(s < m.end() and m.start() < e for s, e in taken):
            return
        taken.append((m.start(), m.end()))
        if d is not None and d <= limit:
            hits.append(Hit(d, m.start(), m.end()))

    for m in _FULL.finditer(text):
        add(_make(int(m.group(1)), int(m.group(2)), int(m.group(3))), m)
    for m in _CN_FULL.finditer(text):
        year = _cn_year(m.group(1))
        month = _cn_small(m.group(2))
        day = _cn_small(m.group(3)) if m.group(3) else None
        add(_make(year, month, day) if year else None, m)
    for m in _MONTH.finditer(text):
        add(_make(int(m.group(1)), int(m.group(2)), None), m)
    for m in _RELATIVE.finditer(text):
        if anchor is None:
            taken.append((m.start(), m.end()))
            continue
        year = anchor.year + _RELATIVE_YEAR[m.group(1)]
        day = _cn_small(m.group(3)) if m.group(3) else None
        add(_make(year, _cn_small(m.group(2)), day), m)
    return hits


def event_date_hit(text: str, anchor: date | None = None) -> Hit | None:
    """The event date: the earliest resolvable date in the narrative, or None."""
    hits = date_hits(text, anchor)
    return min(hits, key=lambda h: (h.value, h.start)) if hits else None


def parse_date_cell(value: str) -> date:
    """Parse a date cell (ISO, 2023/5/3, 2023.5.3, 2023年5月3日); raise ValueError naming the accepted forms."""
    s = value.strip()
    m = re.fullmatch(r"((?:19|20)\d{2})\s*(?:年|[./-])\s*(\d{1,2})\s*(?:月|[./-])\s*(\d{1,2})\s*[日号]?"
                     r"(?:[ T]00:00(?::00)?)?", s)
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            pass
    raise ValueError(f"bad date {value!r}: write it as YYYY-MM-DD (also accepted: 2023/5/3, 2023.5.3, 2023年5月3日)")
