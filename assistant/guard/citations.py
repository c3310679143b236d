"""Find every legal citation in Chinese memo text (pure: no corpus, no I/O).

Recognised forms (each yields a ``Citation`` with its raw span, the candidate id or None, and why):

- statutes: 《中华人民共和国电子商务法》第三十八条第二款, 《电子商务法》第38条第2款, 电子商务法第三十八条 (a known name
  without 书名号), 第X条第Y款第（Z）项, lists and ranges (第一千一百六十八条、第一千一百七十二条; 第四十一条至第四十三条;
  第一款和第二款), a bare 第X条 after a named law in the same sentence or paragraph, 本法/该法/同法 … after a named
  law, 该条/同条第Y款; the first-use form 《…》（以下简称《…》）第X条;
- laws the corpus does not hold (《中华人民共和国合同法》, 合同法, 《广告法》): id None, never dropped;
- instrument mentions without an article (kind ``instrument``), provision ids written out (ECL-38-2, [CC-1198-2]);
- citation keys ``[S1]`` / ``[S1, S2]`` / 【S1】 mapped through a key table; an unknown key has id None;
- the seed article: 覃玉娟 … (2025), 《电商平台安全保障义务“相应责任”规制研究》, QIN-5.4.2, QIN §5.4.2;
- case numbers （2020）京0105民初12345号 and (2015)三中民(商)终字第05302号 (full- or half-width brackets).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Literal

from assistant.corpus.ids import ID_PATTERN
from assistant.corpus.numerals import from_chinese
from assistant.guard.names import (  # noqa: F401  (names_from_corpus, normalise_* are part of this module's API)
    ABBREVIATIONS,
    DEFAULT_NAMES,
    EXTERNAL_LAWS,
    QIN_AUTHOR,
    QIN_TITLE,
    external_law_note,
    names_from_corpus,
    normalise_case_number,
    normalise_name,
)

Kind = Literal["statute", "instrument", "key", "qin", "case", "id"]

_NUM = r"(?:\d{1,4}|[零〇一二两三四五六七八九十百千]{1,8})"
_ITEM = rf"(?:第\s*[（(]?\s*{_NUM}\s*[)）]?|[（(]\s*{_NUM}\s*[)）])\s*项"
# 之一 articles (第一千一百九十八条之一) are a different article from 第一千一百九十八条: kept, never dropped
_SUFFIX = rf"(?P<suffix>之\s*{_NUM})?"
# one provision reference: 第X条[第Y款][第（Z）项]; 第 before 款 may be left out (第38条9款 is 款 9, not 第38条)
_TAIL = rf"{_SUFFIX}(?:\s*第?\s*(?P<para>{_NUM})\s*款)?(?:\s*(?P<item>{_ITEM}))?"
_PROV = rf"第\s*(?P<art>{_NUM})\s*条{_TAIL}"
PROVISION_RE = re.compile(_PROV)
# right after a law's name 第 may be left out too: 《民法典》1438条, 电商法99条二款
LAW_PROVISION_RE = re.compile(rf"(?:第\s*)?(?P<art>{_NUM})\s*条{_TAIL}")
# a continuation inside a list: 、第Y款 / 和第（Z）项 / 至第X条 / 、1438条 (第 left out)
_SEP = r"\s*(?:、|，|,|和|及|以及|与|或者|或|至|到|－|-|—|～|~)\s*"
_CONT_RE = re.compile(
    rf"{_SEP}(?:(?:第\s*)?(?P<art>{_NUM})\s*条{_TAIL}"
    rf"|第?\s*(?P<para2>{_NUM})\s*款(?:\s*(?P<item2>{_ITEM}))?"
    rf"|(?P<item3>{_ITEM}))"
)
_ARTICLE_AHEAD = re.compile(rf"\s*(?:第|{_NUM}\s*条)")
_ANAPHOR_LAW_RE = re.compile(r"(?:本法|该法|同法|此法|本规定|该规定|同规定|本解释|该解释|同解释|本条例|该条例|前述法律|上述法律)\s*$")
_ANAPHOR_ART_RE = re.compile(r"(?:该条|同条|本条|此条|前条)\s*$")
_SAME_ART_PARA_RE = re.compile(rf"(?:该条|同条|本条|此条)\s*第?\s*(?P<para>{_NUM})\s*款(?:\s*(?P<item>{_ITEM}))?")
_ABBREV_DEF_RE = re.compile(r"\s*[（(]\s*以下(?:简称|称)\s*[“\"「《]?[^）)]{1,40}?[”\"」》]?\s*[)）]")
_LAWLIKE_RE = re.compile(r"(?:法|法典|条例|规定|解释|办法|规则|决定|意见|批复|通知|纪要|细则)(?:[（(][一二三四五六七八九十\d]+[)）])?$")
_SENTENCE_BREAK = re.compile(r"[。；;！!？?\n]")
_PARAGRAPH_BREAK = re.compile(r"\n")
_KEY_RE = re.compile(r"[\[【]\s*(?P<keys>[A-Za-z]{1,4}\d{1,4}(?:\s*[,，、;；]\s*[A-Za-z]{1,4}\d{1,4})*)\s*[\]】]")
_ONE_KEY_RE = re.compile(r"[A-Za-z]{1,4}\d{1,4}")
_QIN_ID_RE = re.compile(r"QIN\s*(?:-|§|第)?\s*(?P<sec>\d+(?:\.\d+)*)(?![\d.]*\d)")
_QIN_AUTHOR_RE = re.compile(rf"{QIN_AUTHOR}(?P<tail>[^。；;\n]{{0,40}})")
_QIN_SECTION_RE = re.compile(r"(?:§|第)?\s*(?P<sec>\d+(?:\.\d+)+)\s*(?:节|部分|段)?")
CASE_RE = re.compile(
    r"[（(〔［\[]\s*(?:19|20)\d{2}\s*[)）〕］\]]\s*(?:[\u4e00-\u9fff\d]|[（(][\u4e00-\u9fff]{1,3}[)）]){1,24}?"
    r"(?:第\s*)?\d+\s*号"
)
# 法释〔2022〕8号, 国办发〔2019〕12号 …: document numbers of normative texts, not case numbers.
_DOC_NUMBER_PREFIX = re.compile(r"(?:法释|法发|法办|法函|法|发|函|令|字|规)\s*$")
_MAX_RANGE = 30
# After a citation: （已废止） marks a repealed text; 始增设/才增设 a later text named only to contrast (a note of
# the core: "TLL-37-2 has no recourse sentence (CC-1198-2 added it)"). Either way the text is not applied.
# Before a citation: 不适用（其/该法）第三十八条 — named to say it does not apply (e.g. ECL before 2019).
_NOT_APPLIED_BEFORE_RE = re.compile(r"(?:不适用|不能适用|无从适用|不再适用|不予适用)\s*(?:其|该法|本法|该条|《[^》]{1,30}》)?\s*$")
_HISTORICAL_AFTER_RE = re.compile(
    rf"(?:{_PROV})?(?:[、和及与]\s*(?:第\s*{_NUM}\s*[条款]\s*)+)*\s*(?:[（(]\s*已(?:被)?废止|始增设|才增设|方增设|始新增|才新增)"
)


@dataclass(frozen=True)
class Citation:
    """One citation found in the text: raw span, what it names, the candidate id (None when it cannot have one)."""

    kind: Kind
    start: int
    end: int
    text: str
    id: str | None
    reason: str
    code: str | None = None
    law: str | None = None
    article: int | None = None
    paragraph: int | None = None
    item: int | None = None
    not_applied: bool = False  # 原《…》, （已废止）, 始增设, 不适用…: named only to say it does not apply here
    extra: dict = field(default_factory=dict, compare=False)


def _num(token: str | None) -> int | None:
    """An article/paragraph/item number from Arabic or Chinese numerals, or None."""
    if not token:
        return None
    token = re.sub(r"[\s第项（()）]", "", token)
    if token.isdigit():
        return int(token)
    try:
        return from_chinese(token.replace("两", "二"))
    except ValueError:
        return None


def provision_id(code: str, article: int, paragraph: int | None = None, item: int | None = None) -> str:
    """The provision id of a numbered citation (an item without 款 is read as an item of the first 款)."""
    if item is not None and paragraph is None:
        paragraph = 1
    parts = [code, str(article)] + [str(n) for n in (paragraph, item) if n is not None]
    return "-".join(parts)


def _occurrences(text: str, word: str) -> Iterable[int]:
    """Start offsets of every occurrence of ``word`` in ``text``."""
    i = text.find(word)
    while i != -1:
        yield i
        i = text.find(word, i + 1)


_BRACKET = re.compile("[《》]")


def _bracketed_names(text: str) -> Iterable[tuple[int, int, str]]:
    """(start, end, inner) of each outermost 《…》, allowing nested 《》 or 〈〉 inside."""
    depth, start = 0, -1
    for m in _BRACKET.finditer(text):  # only the brackets themselves are read (issue 18: not every character)
        i, ch = m.start(), m.group(0)
        if ch == "《":
            if depth == 0:
                start = i
            depth += 1
        elif ch == "》" and depth:
            depth -= 1
            if depth == 0:
                yield start, i + 1, text[start + 1:i]


_LAST_TABLE: list = []  # [names given, (normalised names, plain names longest first)]: one corpus per process


def _name_table(names: dict[str, str]) -> tuple[dict[str, str], list[tuple[str, str | None]]]:
    """The names normalised for lookup and the names searched for without 书名号 (longest first), built once per
    name map instead of once per memo (753 names with the national laws; issue 18)."""
    if _LAST_TABLE and _LAST_TABLE[0] == names:
        return _LAST_TABLE[1]
    normalised = {normalise_name(k): v for k, v in names.items()}
    plain = sorted([(n, c) for n, c in normalised.items() if "〈" not in n] + [(n, None) for n in EXTERNAL_LAWS],
                   key=lambda pair: -len(pair[0]))
    _LAST_TABLE[:] = [dict(names), (normalised, plain)]
    return _LAST_TABLE[1]


class _Extractor:
    """One pass over one text; keeps the last named law for continuations and anaphora."""

    def __init__(self, text: str, names: dict[str, str], key_table: dict[str, str] | None):
        self.text = text
        self.names, self._plain = _name_table(names)
        self.key_table = key_table
        self.found: list[Citation] = []
        self.taken = [False] * len(text)

    # -- helpers -----------------------------------------------------------------------------------------
    def _take(self, start: int, end: int) -> None:
        for i in range(start, end):
            self.taken[i] = True

    def _free(self, start: int, end: int) -> bool:
        return not any(self.taken[start:end])

    def _add(self, citation: Citation) -> None:
        self.found.append(citation)
        self._take(citation.start, citation.end)

    def _not_applied(self, start: int, end: int) -> bool:
        """True when the citation at start..end is named only as not applying (原…, （已废止）, 始增设, 不适用…)."""
        before = self.text[max(0, start - 1):start]
        after = self.text[end:end + 40]
        return (before == "原" or bool(_HISTORICAL_AFTER_RE.match(after))
                or bool(_NOT_APPLIED_BEFORE_RE.search(self.text[max(0, start - 12):start])))

    # -- laws and their provisions ---------------------------------------------------------------------------
    def laws(self) -> list[tuple[int, int, str, str | None]]:
        """(start, end, name, code or None) of every named law, bracketed or not, in text order."""
        laws: list[tuple[int, int, str, str | None]] = []
        bracket_spans = []
        for start, end, inner in _bracketed_names(self.text):
            bracket_spans.append((start, end))
            key = normalise_name(inner)
            if key in self.names:
                laws.append((start, end, inner, self.names[key]))
            elif normalise_name(QIN_TITLE) in key:
                continue  # the seed article's title: handled as a QIN reference
            elif _LAWLIKE_RE.search(key):
                laws.append((start, end, inner, None))
        inside = [False] * len(self.text)
        for start, end in bracket_spans:
            for i in range(start, end):
                inside[i] = True
        used = list(inside)
        # a name occurs only where its first and last two characters do: 753 names filtered by one pass over
        # the text's character pairs instead of one search each (issue 18); the same names in the same order
        pairs = set(map(str.__add__, self.text, self.text[1:]))
        for name, code in self._plain:
            if len(name) >= 2 and (name[:2] not in pairs or name[-2:] not in pairs):
                continue
            short = len(name) <= 3
            for s in _occurrences(self.text, name):  # str.find: hundreds of corpus names, no regex each
                e = s + len(name)
                if any(used[s:e]):
                    continue
                if short and not _ARTICLE_AHEAD.match(self.text, e):
                    continue  # 消法, 刑法 … only count as citations when an article follows
                if code is None and s > 0 and "\u4e00" <= self.text[s - 1] <= "\u9fff" and not self.text[s - 1] in "原和及与、依照据按":
                    continue  # part of a longer word (…劳动合同法 is listed itself)
                laws.append((s, e, name, code))
                for i in range(s, e):
                    used[i] = True
        return sorted(laws)

    def statutes(self) -> None:
        """Named laws with their articles, then anaphora (本法/该法/该条) and bare articles."""
        laws = self.laws()
        for start, end, name, code in laws:
            if not self._free(start, end):
                continue  # e.g. the 《电子商务法》 of a （以下简称《电子商务法》） already covered
            pos = end
            m = _ABBREV_DEF_RE.match(self.text, pos)
            if m:
                pos = m.end()
            m = re.compile(r"\s*").match(self.text, pos)
            pos = m.end()
            prov = LAW_PROVISION_RE.match(self.text, pos)
            not_applied = self._not_applied(start, end)
            if not prov:
                self._law_mention(start, end, name, code, not_applied)
                continue
            self._provisions(start, prov, name, code, not_applied)
        self._anaphora(laws)

    def _law_mention(self, start: int, end: int, name: str, code: str | None, not_applied: bool) -> None:
        """Record a law named without an article (an unknown law is still reported: id None)."""
        if code is None:
            reason = f"《{name}》不在语料库中，无法核对{external_law_note(name)}"
            self._add(Citation("instrument", start, end, self.text[start:end], None, reason, law=name,
                               not_applied=not_applied))
        else:
            reason = f"提及《{name}》（{code}），未引具体条文"
            self._add(Citation("instrument", start, end, self.text[start:end], code, reason, code=code, law=name,
                               not_applied=not_applied))

    def _provisions(self, start: int, prov: re.Match, name: str, code: str | None, not_applied: bool,
                    how: str = "") -> int:
        """Record the provision after a law name and every continuation of its list; return the end offset."""
        art, para, item = _num(prov.group("art")), _num(prov.group("para")), _num(prov.group("item"))
        suffix = prov.group("suffix")
        note = f"（{how}）" if how else ""
        self._provision(start, prov.end(), name, code, art, para, item, not_applied, note=note, suffix=suffix)
        pos = prov.end()
        while True:
            cont = _CONT_RE.match(self.text, pos)
            if not cont:
                return pos
            sep = self.text[pos:cont.start("art") if cont.group("art") else cont.end()]
            if cont.group("art"):
                new_art = _num(cont.group("art"))
                new_para, new_item = _num(cont.group("para")), _num(cont.group("item"))
                if re.search(r"至|到|－|-|—|～|~", sep) and art and new_art and 0 < new_art - art <= _MAX_RANGE \
                        and para is None and new_para is None:
                    for between in range(art + 1, new_art):
                        self._provision(cont.start(), cont.end(), name, code, between, None, None, not_applied,
                                        note=f"（{self.text[prov.start():cont.end()]} 范围内）{note}")
                art, para, item, suffix = new_art, new_para, new_item, cont.group("suffix")
            elif cont.group("para2"):
                para, item = _num(cont.group("para2")), _num(cont.group("item2"))
            else:
                item = _num(cont.group("item3"))
            span_start = cont.start() + len(cont.group(0)) - len(cont.group(0).lstrip("、，,和及以与或者至到－-—～~ "))
            self._provision(span_start, cont.end(), name, code, art, para, item, not_applied, note=note,
                            suffix=suffix)
            pos = cont.end()

    def _provision(self, start, end, name, code, art, para, item, not_applied, note: str = "",
                   suffix: str | None = None) -> None:
        """Record one numbered provision of a named law (id None when the law is not in the corpus)."""
        raw = self.text[start:end]
        if code is None:
            self._add(Citation("statute", start, end, raw, None, f"《{name}》不在语料库中，无法核对{external_law_note(name)}{note}",
                               law=name, article=art, paragraph=para, item=item, not_applied=not_applied))
            return
        if art is None:
            self._add(Citation("statute", start, end, raw, None, f"条号无法解析：{raw}", code=code, law=name,
                               not_applied=not_applied))
            return
        pid = provision_id(code, art, para, item)
        if suffix:  # 第X条之一 is its own article: an id that can only resolve if the corpus holds it
            pid = f"{code}-{art}之{_num(suffix[1:]) or suffix[1:]}" + "".join(f"-{n}" for n in (para, item) if n)
        self._add(Citation("statute", start, end, raw, pid, f"《{name}》→ {pid}{note}", code=code, law=name,
                           article=art, paragraph=para, item=item, not_applied=not_applied))

    def _anaphora(self, laws) -> None:
        """本法/该法 第X条 → the last law named before it; 该条第Y款 → the last article; a bare 第X条 → the law
        named earlier in the same sentence, else in the same paragraph; otherwise unresolved."""
        for prov in PROVISION_RE.finditer(self.text):
            if not self._free(prov.start(), prov.end()):
                continue
            before = self.text[:prov.start()]
            law = None
            how = ""
            if _ANAPHOR_LAW_RE.search(before):
                law = self._last_law_before(laws, prov.start(), boundary=None)
                how = "本法/该法所指"
            else:
                law = self._last_law_before(laws, prov.start(), boundary=_SENTENCE_BREAK)
                how = "同句前文"
                if law is None:
                    law = self._last_law_before(laws, prov.start(), boundary=_PARAGRAPH_BREAK)
                    how = "同段前文"
            if law is None:
                self._add(Citation("statute", prov.start(), prov.end(), prov.group(0), None,
                                   "未写明法律名称，无法确定所引条文",
                                   article=_num(prov.group("art")), paragraph=_num(prov.group("para"))))
                continue
            _, _, name, code = law
            self._provisions(prov.start(), prov, name, code, self._not_applied(prov.start(), prov.end()), how=how)
        for m in _SAME_ART_PARA_RE.finditer(self.text):
            if not self._free(m.start(), m.end()):
                continue
            last = self._last_statute_before(m.start())
            para, item = _num(m.group("para")), _num(m.group("item"))
            if last is None or last.code is None:
                self._add(Citation("statute", m.start(), m.end(), m.group(0), None, "“该条”所指条文不明"))
                continue
            pid = provision_id(last.code, last.article, para, item)
            self._add(Citation("statute", m.start(), m.end(), m.group(0), pid, f"该条 = {last.text} → {pid}",
                               code=last.code, law=last.law, article=last.article, paragraph=para, item=item))

    def _last_law_before(self, laws, pos: int, boundary: re.Pattern | None):
        """The last named law before ``pos`` (not crossing ``boundary`` when given)."""
        floor = 0
        if boundary is not None:
            breaks = list(boundary.finditer(self.text, 0, pos))
            floor = breaks[-1].end() if breaks else 0
        candidates = [law for law in laws if floor <= law[0] and law[1] <= pos]
        return candidates[-1] if candidates else None

    def _last_statute_before(self, pos: int) -> Citation | None:
        """The statute citation that ends last before ``pos`` (for 该条第Y款)."""
        prior = [c for c in self.found if c.kind == "statute" and c.end <= pos and c.article is not None]
        return max(prior, key=lambda c: c.end) if prior else None

    # -- the rest ------------------------------------------------------------------------------------------
    def cases(self) -> None:
        """Case numbers (案号), normalised to full-width brackets; 法释〔…〕 document numbers are skipped."""
        for m in CASE_RE.finditer(self.text):
            if _DOC_NUMBER_PREFIX.search(self.text[max(0, m.start() - 3):m.start()]):
                continue
            number = normalise_case_number(m.group(0))
            self._add(Citation("case", m.start(), m.end(), m.group(0), number, f"案号 {number}"))

    def keys(self) -> None:
        """Citation keys [S1], [S1, S2], 【S1】 through the key table; unknown keys get id None."""
        for m in _KEY_RE.finditer(self.text):
            if not self._free(m.start(), m.end()):
                continue
            for k in _ONE_KEY_RE.finditer(m.group("keys")):
                key = k.group(0)
                s, e = m.start("keys") + k.start(), m.start("keys") + k.end()
                if self.key_table is not None and key in self.key_table:
                    pid = self.key_table[key]
                    self._add(Citation("key", s, e, key, pid, f"引注键 [{key}] → {pid}", extra={"key": key}))
                else:
                    why = "引注键表中没有该键" if self.key_table is not None else "未提供引注键表，无法解析"
                    self._add(Citation("key", s, e, key, None, f"未知引注键 [{key}]：{why}", extra={"key": key}))
            self._take(m.start(), m.end())

    def ids(self) -> None:
        """Provision ids written out (ECL-38-2, QIN-5.4.2, QIN §5.4.2)."""
        for m in ID_PATTERN.finditer(self.text):
            if not self._free(m.start(), m.end()):
                continue
            pid = m.group(0)
            kind: Kind = "qin" if pid.startswith("QIN-") else "id"
            self._add(Citation(kind, m.start(), m.end(), pid, pid, f"条文编号 {pid}"))
        for m in _QIN_ID_RE.finditer(self.text):
            if self._free(m.start(), m.end()):
                pid = f"QIN-{m.group('sec')}"
                self._add(Citation("qin", m.start(), m.end(), m.group(0), pid, f"覃玉娟文 → {pid}"))

    def qin(self) -> None:
        """The seed article by author (覃玉娟 … 第5.4.2部分, lists of sections) or by title in 书名号."""
        # author first: 覃玉娟《电商平台…研究》第5.4.2部分 is one citation of QIN-5.4.2, not two
        for m in _QIN_AUTHOR_RE.finditer(self.text):
            if not self._free(m.start(), m.start() + len(QIN_AUTHOR)):
                continue
            sec = _QIN_SECTION_RE.search(m.group("tail"))
            if sec and self._free(m.start("tail") + sec.start(), m.start("tail") + sec.end()):
                end = m.start("tail") + sec.end()
                pid = f"QIN-{sec.group('sec')}"
                self._add(Citation("qin", m.start(), end, self.text[m.start():end], pid, f"覃玉娟文 → {pid}"))
                for more in _qin_list(self, end):
                    self._add(more)
            else:
                end = m.start() + len(QIN_AUTHOR)
                self._add(Citation("qin", m.start(), end, QIN_AUTHOR, "QIN", "种子文章（覃玉娟2025）"))
        title = normalise_name(QIN_TITLE)
        for start, end, inner in _bracketed_names(self.text):
            if title in normalise_name(inner) and self._free(start, end):
                self._add(Citation("qin", start, end, self.text[start:end], "QIN", "种子文章（覃玉娟2025）"))


_QIN_CONT_RE = re.compile(r"\s*(?:、|，|,|和|及|与|以及)\s*(?:§|第)?\s*(?P<sec>\d+(?:\.\d+)+)\s*(?:节|部分|段)?")


def _qin_list(extractor: "_Extractor", pos: int) -> list[Citation]:
    """Further sections listed after a QIN citation: 覃玉娟文第3.2.2部分、第4.1.2部分."""
    found = []
    while True:
        m = _QIN_CONT_RE.match(extractor.text, pos)
        if not m:
            return found
        pid = f"QIN-{m.group('sec')}"
        start = m.start("sec") - (1 if extractor.text[m.start("sec") - 1:m.start("sec")] in "第§" else 0)
        found.append(Citation("qin", start, m.end(), extractor.text[start:m.end()], pid, f"覃玉娟文 → {pid}"))
        pos = m.end()


def extract_citations(
    text: str,
    names: dict[str, str] | None = None,
    key_table: dict[str, str] | None = None,
) -> list[Citation]:
    """Every citation in ``text`` in text order: statutes, unknown laws, keys, QIN references, case numbers.

    ``names`` maps law names to corpus codes (default: the spec's instruments plus common abbreviations; use
    ``names_from_corpus(corpus)`` for the corpus titles); ``key_table`` maps citation keys to passage ids.
    """
    ex = _Extractor(text, names if names is not None else {**DEFAULT_NAMES, **ABBREVIATIONS}, key_table)
    ex.cases()
    ex.keys()
    ex.qin()
    ex.ids()
    ex.statutes()
    from assistant.guard.english import english_citations  # late: english.py builds on this module

    for citation in english_citations(text):
        if ex._free(citation.start, citation.end):
            ex._add(citation)
    return sorted(ex.found, key=lambda c: (c.start, c.end))
