"""Provisions named in Chinese in the guard's findings (issue 16: Chinese everywhere a lawyer looks).

A finding is shown on screen, in the Word export and to a repairing model word for word, so it names a provision as a
lawyer reads it, 《电子商务法》第三十八条第二款, with the engine's id in parentheses after it for whoever checks the
corpus (the form the memo's 依据 uses). An id the corpus does not hold (the article a memo invented, ECL-38-3) is
named from its numbers and its instrument's title all the same: that is the very citation the lawyer must correct.
"""

from __future__ import annotations

import re

from assistant.corpus.numerals import to_chinese

_SEED = "QIN"
# article numbers of an id the corpus may not hold: 38, 38-3, 38-2-5, 1198之1 (a 之一 article), or a section 5.4.2
_NUMBERS = re.compile(r"^(\d+)(?:之(\d+))?(?:-(\d+))?(?:-(\d+))?$")
_SECTION = re.compile(r"^\d+(?:\.\d+)*$")
_CLEAN_ID = re.compile(r"^[A-Z][A-Za-z0-9.\-]*$")  # an id the page checker accepts after its citation


def _code_of(pid: str, codes) -> tuple[str, str] | None:
    """The longest instrument code that prefixes ``pid`` and the rest (``SPC-OC-99`` → ``SPC-OC``, ``99``)."""
    for code in sorted(codes, key=len, reverse=True):
        if pid.startswith(code + "-"):
            return code, pid[len(code) + 1:]
    return None


def _label(rest: str) -> str | None:
    """``38-3`` → 第三十八条第三款, ``1198之1`` → 第一千一百九十八条之一, ``38-2-5`` → 第三十八条第二款第五项."""
    m = _NUMBERS.match(rest)
    if not m:
        return None
    article, zhi, paragraph, item = m.groups()
    try:
        out = f"第{to_chinese(int(article))}条" + (f"之{to_chinese(int(zhi))}" if zhi else "")
        if paragraph:
            out += f"第{to_chinese(int(paragraph))}款"
        if item:
            out += f"第{to_chinese(int(item))}项"
    except ValueError:  # past 9999 no statute prints it: the id is shown as the memo wrote it
        return None
    return out


def _with_id(citation: str, pid: str) -> str:
    """The citation with the id in parentheses after it, when the id is a clean engine id."""
    return f"{citation}（{pid}）" if _CLEAN_ID.match(pid) else citation


def name_zh(corpus, pid: str | None) -> str:
    """A provision, section or case named in Chinese: 《电子商务法》第三十八条第二款（ECL-38-2）, 覃玉娟文第5.3部分
    （QIN-5.3）, a case by its name or 案号; an id the corpus lacks from its numbers; an unknown law code as it is."""
    if not pid:
        return ""
    instruments = corpus.instruments
    found = corpus.get(pid) if corpus.resolve(pid) else None
    if found is not None and not hasattr(found, "code"):
        return corpus.cite(pid)  # a case: its 案号 or name is what a lawyer reads
    split = _code_of(pid, instruments)
    if split is None or split[0] == "CASE":  # CASE is the cases' pseudo-instrument, not a law
        return pid
    code, rest = split
    inst = instruments[code]
    if code == _SEED:
        if not _SECTION.match(rest):
            return pid
        return _with_id(f"{inst.short_title}第{rest}部分", pid)  # 覃玉娟文第5.3部分, as the memo names it
    if found is not None:
        return _with_id(corpus.cite(pid), pid)
    label = _label(rest)
    if label is None:
        return pid
    return _with_id(f"《{inst.short_title or inst.title}》{label}", pid)


def names_zh(corpus, ids) -> str:
    """Several provisions named in Chinese, joined by 、."""
    return "、".join(name_zh(corpus, pid) for pid in ids)
