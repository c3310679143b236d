"""Chinese dates in narratives: 2023年5月3日, 2023.5.3, 2023-05-03, 二〇二三年五月三日, and 去年/今年/前年 with an anchor.

Rules (none of them guess):
- a full date is taken as written; when a narrative has several, the earliest is the transaction (complaints,
  hospital visits and lawsuits come after the purchase);
- a month without a day (2023年5月) resolves to the first of the month, except in the months where a law changed
  mid-month (2014-03, 2022-03, 2024-09: SPC-FD and the 2013 CPL text, SPC-OC, SPC-TI1), where the day decides
  which law applies and the date stays unknown;
- a year alone (2023年) stays unknown, and so does a span of months (2021年4月至8月间: several purchases) or a
  holiday week (国庆, 五一);
- 去年/今年/前年 resolve only against an anchor date (the date the complaint was received); without one they stay
  unknown;
- a date after the anchor (or after today) is not an event date and is ignored.
"""

from __future__ import annotations

import re
from datetime import date

from assistant.triage.extract.cues import M, P
from assistant.triage.extract.scope import _CONSUMER, _OBJECT_MARK
from assistant.triage.extract.text import Hit

_OTHER_ACTOR = re.compile(M + "|" + P)  # the seller, driver, host or platform as a clause's subject (K18)

#: Months in which a law relevant to the engine took effect on a day other than the 1st.
AMBIGUOUS_MONTHS: frozenset[tuple[int, int]] = frozenset({(2014, 3), (2022, 3), (2024, 9)})

_CN_DIGIT = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
             "七": 7, "八": 8, "九": 9}
_CN = "〇零○一二两三四五六七八九十"

_FULL = re.compile(r"((?:19|20)\d{2})\s*(?:年的?\s*|[./-])(\d{1,2})\s*(?:月\s*|[./-])(\d{1,2})\s*[日号]?(?!\d)")
_MONTH = re.compile(r"((?:19|20)\d{2})\s*年的?\s*(\d{1,2})\s*月(?!\s*\d)(?:份)?")
_CN_FULL = re.compile(rf"([{_CN}]{{4}})年([{_CN}]{{1,3}})月(?:([{_CN}]{{1,3}})[日号])?")
_RELATIVE = re.compile(r"(前年|去年|今年)\s*(\d{1,2}|[十一二三四五六七八九]{1,3})\s*月(?:\s*(\d{1,2}|[十一二三四五六七八九]{1,3})\s*[日号])?")
_LAST_MONTH = re.compile(r"(?:(上个?月|上月)|这个月|本月)\s*(\d{1,2}|[十一二三四五六七八九]{1,3})\s*[日号]")
_RELATIVE_YEAR = {"前年": -2, "去年": -1, "今年": 0}
_RANGE_AFTER = re.compile(r"\s*(?:至|到|～|~|—|－|-)\s*(?:(?:19|20)\d{2}\s*年)?\s*\d{1,2}\s*月")


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
        if _RANGE_AFTER.match(text, m.end()):  # 2021年4月至8月间: a span of months, no one event date
            taken.append((m.start(), m.end()))
            continue
        add(_make(int(m.group(1)), int(m.group(2)), None), m)
    for m in _LAST_MONTH.finditer(text):  # 上个月15号: the month before the anchor's; unknown without one (K18)
        if anchor is None:
            taken.append((m.start(), m.end()))
            continue
        back = 1 if m.group(1) else 0
        year, month = (anchor.year, anchor.month - back) if anchor.month > back else (anchor.year - 1, 12)
        add(_make(year, month, _cn_small(m.group(2))), m)
    for m in _RELATIVE.finditer(text):
        if anchor is None:
            taken.append((m.start(), m.end()))
            continue
        year = anchor.year + _RELATIVE_YEAR[m.group(1)]
        day = _cn_small(m.group(3)) if m.group(3) else None
        add(_make(year, _cn_small(m.group(2)), day), m)
    return hits


# The purchase (or booking, boarding) a date belongs to: the event date is the purchase's, not the date of an
# earlier warning, penalty or complaint by others (issue 14: 2022年11月被处罚 … 2023年3月6日原告购买).
_BOUGHT = re.compile(r"购买|购入|买了|买的|下单|下的单|下了单|订购|订了|订的|预订|预定|预约|点了|点的|入住|乘坐|叫了|网购"
                     # (not 报了警, 呼叫救护车: a call after the harm) (K18)
                     r"|团购|报名|报了(?=[^警案，,。]{0,8}(?:班|课|团|名))|呼叫(?!救护|急救|120|110)|打车|约车|租了|租的")
_ELSEWHERE = re.compile(r"处罚|举报|投诉|通报|发布|公告|召回|抽检|警告|约谈|吊销|反映")


# A date of the goods themselves (生产日期为…, 保质期到…, 有效期至…) is no event date: it is not when they were bought (K12).
_GOODS_DATE = re.compile(r"(?:生产日期|生产于|出厂日期|出厂|保质期|有效期|过期日|失效日期|批号|到期日|限用日期)[^，,。；;！!？?\n]{0,6}$")
# Goods received (2024年6月1日收到货) while the order is told with a date of its own (是5月28日下的单): which one is the
# purchase is for the reader to confirm, not the earliest-date rule to pick (K12).
_RECEIVED = re.compile(r"收到|到货|签收|送达|寄到|发货|收货|到手")
_CLAUSE_BREAK = "，,。；;！!？?\n"
_DAY_TOLD = re.compile(r"\d{1,2}\s*月\s*\d{1,2}\s*[日号]|[十一二三四五六七八九]{1,3}月[十一二三四五六七八九]{1,3}[日号]|\d{1,2}\s*[日号]")


def _clause(text: str, h: Hit) -> tuple[int, int]:
    start = max(text.rfind(c, 0, h.start) for c in _CLAUSE_BREAK) + 1
    ends = [i for i in (text.find(c, h.end) for c in _CLAUSE_BREAK) if i >= 0]
    return start, min(ends) if ends else len(text)


def _received_not_ordered(text: str, h: Hit) -> bool:
    """True when the date's clause tells the goods received and another clause tells the order with its own day."""
    start, end = _clause(text, h)
    if not _RECEIVED.search(text, start, end) or _BOUGHT.search(text, start, end):
        return False
    rest = text[:start] + " " + text[end:]
    return any(_BOUGHT.search(c) and _DAY_TOLD.search(c) for c in re.split(r"[，,。；;！!？?\n]", rest))


def event_date_hit(text: str, anchor: date | None = None) -> Hit | None:
    """The event date: the earliest date of a sentence that tells the purchase, else the earliest date, or None."""
    hits = date_hits(text, anchor) + festival_hits(text, anchor)
    hits = [h for h in hits if not _GOODS_DATE.search(text, max(0, h.start - 12), h.start)
            and not _received_not_ordered(text, h) and not _others_act(text, h)]
    if not hits:
        return None

    def sentence(h: Hit) -> str:
        return text[_sentence_start(text, h.start):_sentence_end(text, h.end)]

    bought = [h for h in hits if _BOUGHT.search(sentence(h)) and not _ELSEWHERE.search(sentence(h))]
    if not bought and any(_BOUGHT.search(s) for s in re.split(r"[。！？!?\n；;]", text) if not _ELSEWHERE.search(s)):
        # the purchase is told without a date we can resolve (六月份): another event's date is not its date
        hits = [h for h in hits if not _ELSEWHERE.search(sentence(h))]
    return min(bought or hits, key=lambda h: (h.value, h.start)) if bought or hits else None


def _others_act(text: str, h: Hit) -> bool:
    """True when the seller, driver or platform is the subject the date's clause opens with (被告二于2023年11月注册…).

    Such a date is of another party's act (a registration, a shipment, a listing), not the consumer's purchase (K18).
    """
    start = max(_clause(text, h)[0], text.rfind("：", 0, h.start) + 1, text.rfind(":", 0, h.start) + 1)  # after 客户陈述：
    if start >= h.start:  # the date opens its clause: no one named before it
        return False
    if any(not _OBJECT_MARK.search(text, max(start, m.start() - 6), m.start())
           for m in _CONSUMER.finditer(text, start, h.start)):
        return False  # 原告在被告二经营的店铺于…购买: the consumer is the subject, the seller only where it bought
    return any(not _OBJECT_MARK.search(text, max(start, m.start() - 6), m.start())
               for m in _OTHER_ACTOR.finditer(text, start, h.start))


def _sentence_start(text: str, pos: int) -> int:
    return max(text.rfind(c, 0, pos) for c in "。！？!?\n；;") + 1


def _sentence_end(text: str, pos: int) -> int:
    ends = [i for i in (text.find(c, pos) for c in "。！？!?\n；;") if i >= 0]
    return min(ends) if ends else len(text)


# Festivals with a fixed Gregorian day (去年双十一 = 11-11 of the year before the anchor). Lunar ones (春节, 中秋,
# 端午) and "around" a festival (国庆前后, 春节前) have no day: they are asked about, never guessed.
# 国庆 and 五一 are holiday weeks (10月1日至7日, 5月1日至5日), not days: asked, like the lunar festivals.
_FIXED_FESTIVALS = {"双十一": (11, 11), "双11": (11, 11), "双十二": (12, 12), "双12": (12, 12), "618": (6, 18),
                    "元旦": (1, 1), "圣诞": (12, 25), "情人节": (2, 14)}
_FESTIVAL = re.compile(r"(前年|去年|今年|((?:19|20)\d{2})年)?\s*(双十一|双11|双十二|双12|618|元旦|圣诞节?|情人节|国庆节?|五一"
                       r"|春节|中秋节?|端午节?|元宵节?|七夕|清明节?)(前后|前|后|期间|左右)?")
# Dates a reader cannot place without more: relative to the telling (上个月, 上周, 前天) or a year alone.
_VAGUE = re.compile(r"(?:前年|去年|今年)(?:\s*\d{1,2}\s*月|[十一二三四五六七八九]{1,3}月)?|上个?月|上周|上星期|前几天|前天|昨天|前段时间"
                    r"|(?:19|20)\d{2}\s*年(?!\s*\d|[十一二三四五六七八九〇零○])|[Ll]ast (?:week|month|year)|\bin (?:19|20)\d{2}\b")


def festival_hits(text: str, anchor: date | None = None) -> list[Hit]:
    """Fixed-day festivals with a year (去年双十一 with an anchor, 2023年双十一), as day-precise Hits."""
    out = []
    for m in _FESTIVAL.finditer(text):
        name = m.group(3).rstrip("节")
        if m.group(4) or name not in _FIXED_FESTIVALS or not m.group(1):
            continue
        if m.group(2):
            year = int(m.group(2))
        elif anchor is not None:
            year = anchor.year + _RELATIVE_YEAR[m.group(1)]
        else:
            continue
        month, day = _FIXED_FESTIVALS[name]
        d = date(year, month, day)
        if d <= (anchor or date.today()):
            out.append(Hit(d, m.start(), m.end()))
    return out


def date_precision(text: str, hit: Hit | None) -> tuple[str | None, str | None]:
    """How precisely the text dates the event, and the question to ask when it is not to the day.

    ``("day", None)`` for a full date; ``("month", question)`` for 2022年8月 (kept as the 1st, and asked);
    ``("vague", question)`` when the only date is relative or approximate (去年双十一 without an anchor, 春节前,
    上个月, a year alone) and stays unknown; ``(None, question)`` when no date at all.
    """
    if hit is not None:
        written = text[hit.start:hit.end]
        if re.search(r"[日号]|\d{1,2}\s*[./-]\s*\d{1,2}\s*[./-]|\d{4}-\d{2}-\d{2}|[./-]\d{1,2}$|^\d{1,2}\s+[A-Za-z]|[A-Za-z]+\.?\s+\d{1,2},|双|618|元旦|圣诞|情人节|国庆|五一", written):
            return "day", None
        return "month", f"原文只写到月份（「{written}」），事件日期暂按当月1日计：请核实购买或事故发生的具体日期？"
    vague = _FESTIVAL.search(text) or _VAGUE.search(text)
    if vague:
        return "vague", f"原文的日期（「{vague.group().strip()}」）无法换算为具体日期：请补充购买或事故发生的具体日期？"
    return None, None


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
