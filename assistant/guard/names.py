"""Law names → corpus codes for citation extraction: the spec's instruments, the corpus titles, common
abbreviations, laws the corpus does not hold, and the seed article's author and title (pure data + helpers)."""

from __future__ import annotations

import re
import weakref

#: The spec's instruments (section 1), used when no corpus is given; ``names_from_corpus`` adds the corpus titles.
DEFAULT_NAMES: dict[str, str] = {
    "中华人民共和国电子商务法": "ECL", "电子商务法": "ECL",
    "中华人民共和国民法典": "CC", "民法典": "CC",
    "中华人民共和国侵权责任法": "TLL", "侵权责任法": "TLL",
    "中华人民共和国消费者权益保护法": "CPL", "消费者权益保护法": "CPL",
    "中华人民共和国食品安全法": "FSL", "食品安全法": "FSL",
    "中华人民共和国产品质量法": "PQL", "产品质量法": "PQL",
    "中华人民共和国药品管理法": "DAL", "药品管理法": "DAL",
    "最高人民法院关于审理网络消费纠纷案件适用法律若干问题的规定（一）": "SPC-OC", "网络消费纠纷规定（一）": "SPC-OC",
    "最高人民法院关于审理食品药品纠纷案件适用法律若干问题的规定": "SPC-FD", "食品药品纠纷规定": "SPC-FD",
    "最高人民法院关于适用〈中华人民共和国民法典〉侵权责任编的解释（一）": "SPC-TI1",
    "民法典侵权责任编解释（一）": "SPC-TI1",
    "最高人民法院关于民事诉讼证据的若干规定": "SPC-EV", "民事诉讼证据规定": "SPC-EV",
    "最高人民法院关于审理食品安全民事纠纷案件适用法律若干问题的解释（一）": "SPC-FS1",
    "食品安全民事纠纷解释（一）": "SPC-FS1",
    "最高人民法院关于审理食品药品惩罚性赔偿纠纷案件适用法律若干问题的解释": "SPC-FDP",
    "食品药品惩罚性赔偿解释": "SPC-FDP",
    "最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释": "SPC-CPI", "民诉法解释": "SPC-CPI",
    "中华人民共和国民事诉讼法": "CPROC", "民事诉讼法": "CPROC",
    "中华人民共和国消费者权益保护法实施条例": "CPLR", "消费者权益保护法实施条例": "CPLR",
    "中华人民共和国食品安全法实施条例": "FSLR", "食品安全法实施条例": "FSLR",
}

#: Common abbreviations lawyers write, always added to the name map.
ABBREVIATIONS: dict[str, str] = {
    "电商法": "ECL", "消法": "CPL", "消保法": "CPL", "消费者权益保护法": "CPL", "食安法": "FSL",
    "侵权责任法": "TLL", "民法典": "CC", "产品质量法": "PQL", "产品质量法律": "PQL", "药品管理法": "DAL",
    "民诉法": "CPROC", "消保条例": "CPLR", "网络消费纠纷司法解释": "SPC-OC", "网络消费司法解释": "SPC-OC",
    "食品药品纠纷司法解释": "SPC-FD", "民事证据规定": "SPC-EV", "侵权责任编解释（一）": "SPC-TI1",
}

#: Laws a memo may name that the corpus does not hold (all unresolved). Written without 书名号 they are only
#: recognised from this list; inside 书名号 any name that looks like a law is checked.
EXTERNAL_LAWS: tuple[str, ...] = (
    "合同法", "劳动合同法", "广告法", "物权法", "担保法", "民法通则", "民法总则", "婚姻法", "继承法", "收养法",
    "网络安全法", "个人信息保护法", "数据安全法", "反不正当竞争法", "反垄断法", "商标法", "专利法", "著作权法",
    "刑法", "行政处罚法", "价格法", "旅游法", "道路交通安全法", "邮政法", "网络交易监督管理办法",
    "网络食品安全违法行为查处办法", "网络餐饮服务食品安全监督管理办法", "医疗器械监督管理条例", "化妆品监督管理条例",
)

#: Laws outside the corpus that the Civil Code repealed on 2021-01-01 (its article 1260): a memo citing one is
#: told so, since 合同法 for a 2023 event is a repealed law, not merely an unknown one.
REPEALED_EXTERNAL: dict[str, str] = {
    name: "2021年1月1日民法典施行时废止"
    for name in ("合同法", "物权法", "担保法", "民法通则", "民法总则", "婚姻法", "继承法", "收养法")
}


def external_law_note(name: str) -> str:
    """``；该法已于…废止`` for a repealed law outside the corpus (with or without 中华人民共和国), else ``""``."""
    short = name[len("中华人民共和国"):] if name.startswith("中华人民共和国") else name
    when = REPEALED_EXTERNAL.get(short)
    return f"；该法已于{when}" if when else ""


#: The seed article (spec: QIN), by author or title.
QIN_TITLE = "电商平台安全保障义务“相应责任”规制研究"
QIN_AUTHOR = "覃玉娟"


_BY_CORPUS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def names_from_corpus(corpus) -> dict[str, str]:
    """Name → code from the corpus instruments' titles and short titles, plus the spec names and abbreviations."""
    # built once per corpus (the guard asked for it per memo: 753 names, issue 18); a copy, callers may extend it
    try:
        count, cached = _BY_CORPUS.get(corpus, (None, None))
    except TypeError:  # a corpus stand-in that cannot be weakly referenced
        return _names_from_corpus(corpus)
    instruments = getattr(corpus, "instruments", {})
    if cached is None or count != len(instruments):
        cached = _names_from_corpus(corpus)
        _BY_CORPUS[corpus] = (len(instruments), cached)
    return dict(cached)


def _names_from_corpus(corpus) -> dict[str, str]:
    """The name map of ``names_from_corpus``, computed."""
    names = dict(DEFAULT_NAMES)
    for code, inst in getattr(corpus, "instruments", {}).items():
        if code in ("QIN", "CASE") or getattr(inst, "duplicate_of", None):
            continue
        for name in (getattr(inst, "title", None), getattr(inst, "short_title", None)):
            if name and "节选" not in name:
                names[normalise_name(name)] = code
                if name.startswith("中华人民共和国"):
                    names[normalise_name(name[len("中华人民共和国"):])] = code
        for alias in getattr(inst, "aliases", ()):  # issue 19: 个保法, 网安法 … from the national-law list
            names.setdefault(normalise_name(alias), code)
    names.update(ABBREVIATIONS)
    return names


def normalise_name(name: str) -> str:
    """A law name for lookup: no spaces, nested 《》 as 〈〉, half-width brackets as full-width."""
    name = re.sub(r"\s+", "", name)
    name = name.replace("《", "〈").replace("》", "〉").replace("(", "（").replace(")", "）")
    return name


def normalise_case_number(text: str) -> str:
    """A 案号 without spaces and with full-width round brackets: (2020)京0105民初12345号 → （2020）京0105民初12345号."""
    text = re.sub(r"\s+", "", text)
    return text.translate(str.maketrans({"(": "（", ")": "）", "〔": "（", "〕": "）", "［": "（", "］": "）",
                                         "[": "（", "]": "）"}))
