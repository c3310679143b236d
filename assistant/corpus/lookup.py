"""A Chinese citation typed by a user (《旅游法》第七十条, 广告法第五十六条第一款) → the provision id it names.

Law names come from the corpus's own titles and short titles (with and without 中华人民共和国). Where a law has
several versions (商标法 of 2019 and of 2026), the version in force on the given date wins, so 商标法 today is the
2019 text and the 2026 text is addressed by its own name 商标法（2026年文本） or its id.
"""

from __future__ import annotations

import re
from datetime import date

from .ids import format_id
from .numerals import from_chinese

_NUM = r"(?:\d{1,4}|[零〇一二两三四五六七八九十百千]{1,8})"
_CITE = re.compile(
    rf"^《?(?P<name>[^《》第]+?)》?\s*第\s*(?P<a>{_NUM})\s*条(?:\s*第\s*(?P<p>{_NUM})\s*款)?"
    rf"(?:\s*第\s*[（(]?(?P<i>{_NUM})[）)]?\s*项)?$"
)
PREFIX = "中华人民共和国"
_VERSION = re.compile(r"（\d{4}年文本）$")


def _number(s: str | None) -> int | None:
    if not s:
        return None
    return int(s) if s.isdigit() else from_chinese(s.replace("两", "二"))


def law_names(corpus) -> dict[str, list[str]]:
    """Name → codes of the instruments carrying it (title, short title, title without 中华人民共和国)."""
    names: dict[str, list[str]] = {}
    for code, inst in corpus.instruments.items():
        if code in ("QIN", "CASE"):
            continue
        titles = {inst.title, inst.short_title, inst.title.removeprefix(PREFIX)}
        # a version named 商标法（2026年文本） also answers to 商标法, so the date can choose it
        titles |= {_VERSION.sub("", t) for t in titles} | set(inst.aliases)
        for name in titles:
            if name and code not in names.setdefault(name, []):
                names[name].append(code)
    return names


def pick_version(corpus, codes: list[str], on: date) -> str:
    """Of several instruments of one name, the one in force on ``on`` (else the latest to take effect)."""
    live = [c for c in codes if corpus.instruments[c].in_force(on)]
    pool = live or codes
    return max(pool, key=lambda c: corpus.instruments[c].effective)


def citation_to_id(corpus, text: str, on: date | None = None) -> str | None:
    """The provision id a citation such as ``旅游法第七十条`` names in ``corpus``, or None when it is not one."""
    m = _CITE.match(re.sub(r"\s+", "", text.strip()))
    if not m:
        return None
    codes = law_names(corpus).get(m.group("name"))
    if not codes:
        return None
    try:
        article, para, item = (_number(m.group(g)) for g in ("a", "p", "i"))
    except ValueError:
        return None
    if not article:
        return None
    code = pick_version(corpus, codes, on or date.today())
    if item is not None and para is None:
        para = 1  # 第X条第Y项 of a single-paragraph article
    return format_id(code, article, para, item)


def _base_title(title: str) -> str:
    return _VERSION.sub("", title)


def version_on(corpus, pid: str, on: date) -> str:
    """``pid`` re-addressed to the version of its law in force on ``on`` (商标法 of 2019 → of 2026 for a 2027
    event) when its own version is not in force then and the other version holds that provision; else ``pid``."""
    code = pid.split("-")[0]
    inst = corpus.instruments.get(code)
    if inst is None or code not in getattr(corpus, "national_codes", ()) or inst.in_force(on):
        return pid
    base = _base_title(inst.title)
    for other, cand in corpus.instruments.items():
        if other != code and other in corpus.national_codes and _base_title(cand.title) == base and cand.in_force(on):
            moved = other + pid[len(code):]
            if corpus.resolve(moved):
                return moved
    return pid
