"""Explicit citations in a query (《电子商务法》第三十八条第二款, 电商法38条, 民法典第1198条) → provision ids.

Parsing is pure; :func:`cited_passage_ids` maps the parsed ids onto the corpus's passage ids, so a cited
provision is found by direct lookup (never by search) and ranked first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from assistant.corpus.numerals import from_chinese

# Names lawyers and lay users give the instruments, including common abbreviations. Longer names win
# (消费者权益保护法实施条例 before 消费者权益保护法); the corpus's own titles are added at run time.
ALIASES: dict[str, str] = {
    "电子商务法": "ECL", "电商法": "ECL",
    "民法典": "CC",
    "侵权责任法": "TLL", "侵权法": "TLL",
    "消费者权益保护法": "CPL", "消保法": "CPL", "消法": "CPL", "消费者保护法": "CPL", "消费者权益法": "CPL",
    "消费者权益保护法实施条例": "CPLR", "消保法实施条例": "CPLR", "消法实施条例": "CPLR",
    "食品安全法": "FSL", "食安法": "FSL",
    "食品安全法实施条例": "FSLR", "食安法实施条例": "FSLR",
    "产品质量法": "PQL", "产品法": "PQL",
    "药品管理法": "DAL", "药管法": "DAL",
    "民事诉讼法": "CPROC", "民诉法": "CPROC",
    "民事诉讼法的解释": "SPC-CPI", "民事诉讼法解释": "SPC-CPI", "民诉法解释": "SPC-CPI", "民诉解释": "SPC-CPI",
    "网络消费纠纷案件适用法律若干问题的规定": "SPC-OC", "网络消费纠纷规定": "SPC-OC", "网络消费司法解释": "SPC-OC",
    "网络消费规定": "SPC-OC",
    "食品药品纠纷案件适用法律若干问题的规定": "SPC-FD", "食品药品纠纷规定": "SPC-FD", "食药纠纷规定": "SPC-FD",
    "侵权责任编的解释": "SPC-TI1", "侵权责任编解释": "SPC-TI1", "侵权编解释": "SPC-TI1",
    "民事诉讼证据的若干规定": "SPC-EV", "民事证据规定": "SPC-EV", "证据规定": "SPC-EV",
    "食品安全民事纠纷案件适用法律若干问题的解释": "SPC-FS1", "食品安全民事纠纷解释": "SPC-FS1",
    "食品药品惩罚性赔偿纠纷案件适用法律若干问题的解释": "SPC-FDP", "惩罚性赔偿解释": "SPC-FDP",
}

_NUM = r"(?:\d{1,4}|[零〇一二两三四五六七八九十百千]{1,8})"
# 第三十八条 / 38条 / 第38条, then optionally 第二款 / 2款, then optionally 第（一）项 / 第1项.
_ARTICLE = re.compile(
    rf"(?:第\s*(?P<a1>{_NUM})|(?P<a2>\d{{1,4}}))\s*条"
    rf"(?:\s*第?\s*(?P<p>{_NUM})\s*款)?"
    rf"(?:\s*第?\s*[（(]?\s*(?P<i>{_NUM})\s*[）)]?\s*项)?"
)
_CASE_NUMBER = re.compile(r"[（(]\d{4}[）)][\u4e00-\u9fff]{1,3}\d{0,4}[\u4e00-\u9fff]{1,4}\d+号")


@dataclass(frozen=True)
class Citation:
    """One explicit citation found in a query: code and numbers (paragraph and item may be None)."""

    code: str
    article: int
    paragraph: int | None = None
    item: int | None = None

    def candidate_ids(self) -> list[str]:
        """Ids from the most specific to the article, e.g. ECL-38-2-1, ECL-38-2, ECL-38."""
        ids = [f"{self.code}-{self.article}"]
        if self.paragraph is not None:
            ids.insert(0, f"{self.code}-{self.article}-{self.paragraph}")
            if self.item is not None:
                ids.insert(0, f"{self.code}-{self.article}-{self.paragraph}-{self.item}")
        return ids


def _number(s: str | None) -> int | None:
    if not s:
        return None
    return int(s) if s.isdigit() else from_chinese(s)


@lru_cache(maxsize=8)
def _name_pattern(names: tuple[str, ...]) -> re.Pattern:
    """One alternation over the law names, compiled once per alias table (~800 names since issue 19)."""
    return re.compile("|".join(re.escape(n) for n in names))


def parse_citations(query: str, aliases: Mapping[str, str] | None = None) -> list[Citation]:
    """Every ``<instrument name> … <article>[<paragraph>][<item>]`` citation in ``query``, in order.

    An article number counts only after an instrument name (the nearest one before it, as in
    民法典第1165条、第1198条); a bare 第五条 with no instrument is ambiguous and ignored.
    """
    table = dict(ALIASES if aliases is None else aliases)
    names = tuple(sorted(table, key=len, reverse=True))
    name_re = _name_pattern(names) if names else None
    events: list[tuple[int, int, str, re.Match | str]] = []
    if name_re is not None:
        pos = 0
        while (m := name_re.search(query, pos)) is not None:
            events.append((m.start(), 0, "name", table[m.group(0)]))
            pos = m.end()
    for m in _ARTICLE.finditer(query):
        events.append((m.start(), 1, "article", m))
    events.sort(key=lambda e: (e[0], e[1]))
    out: list[Citation] = []
    code: str | None = None
    for _, _, kind, value in events:
        if kind == "name":
            code = value  # type: ignore[assignment]
        elif code is not None:
            m = value  # type: ignore[assignment]
            try:
                article = _number(m.group("a1") or m.group("a2"))
                para = _number(m.group("p"))
                item = _number(m.group("i"))
            except ValueError:
                continue
            if article:
                cit = Citation(code, article, para or None, item or None if para else None)
                if cit not in out:
                    out.append(cit)
    return out


def case_numbers(query: str) -> list[str]:
    """Every 案号 such as （2020）京0105民初12345号 in ``query``."""
    return [m.group(0) for m in _CASE_NUMBER.finditer(query)]


def passages_for_id(pid: str, passage_ids: Iterable[str]) -> list[str]:
    """The passage ids that make up provision ``pid``: itself, or its 款 (ECL-38 → ECL-38-1, ECL-38-2 …)."""
    if hasattr(passage_ids, "family"):  # the index's passage table answers by prefix, without listing every id
        return passage_ids.family(pid)
    ids = list(passage_ids)
    if pid in ids:
        return [pid]
    return [p for p in ids if p.startswith(pid + "-")]


def cited_passage_ids(query: str, corpus, passage_ids: list[str], aliases: Mapping[str, str] | None = None) -> list[str]:
    """Passage ids the query cites explicitly, resolved through ``corpus`` (unknown citations are skipped)."""
    out: list[str] = []
    for cit in parse_citations(query, aliases):
        for cid in cit.candidate_ids():
            if not corpus.resolve(cid):
                continue
            # An item id (ECL-38-2-1) has no passage of its own: fall back to its 款, then its article.
            found = passages_for_id(cid, passage_ids)
            if found:
                out.extend(p for p in found if p not in out)
                break
    for number in case_numbers(query):
        record = corpus.get(number)
        if record is not None:
            out.extend(p for p in passages_for_id(record.id, passage_ids) if p not in out)
    return out


def corpus_aliases(corpus) -> dict[str, str]:
    """The static alias table plus every instrument's title and short title from the corpus."""
    table = dict(ALIASES)
    for code, inst in getattr(corpus, "instruments", {}).items():
        if code in ("QIN", "CASE"):
            continue
        for name in (inst.title, inst.short_title):
            if name and name not in table:
                table[name] = code
    return table
