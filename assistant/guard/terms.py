"""Canonical Chinese labels for the verdict's conclusions, their recognised synonyms, and term detection.

Each table maps a Verdict value to a tuple whose first element is the canonical label the drafters write
(``责任形态：补充责任``) and whose other elements are synonyms the guard also recognises. Detection matches the
longest term first, so 比例连带责任 is never read as 连带责任 and 无过错责任 never as 过错责任.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

#: Spec section 3 ``liability_form``.
LIABILITY_FORM_TERMS: dict[str, tuple[str, ...]] = {
    "joint_and_several": ("连带责任", "连带赔偿责任", "共同侵权连带责任", "连带"),
    "supplementary": ("补充责任", "补充赔偿责任", "相应的补充责任", "补充"),
    "proportional": ("按份责任", "按份赔偿责任", "按份", "比例责任", "按比例承担责任"),
    "proportional_joint": ("比例连带责任", "部分连带责任", "比例连带", "部分连带"),
    "seller_liability": (
        "承担销售者责任", "承担销售者/服务者责任", "承担销售者、服务者责任", "销售者/服务者责任",
        "销售者责任", "服务者责任",
    ),
    "advance_compensation": ("先行赔付责任（可追偿）", "先行赔付责任(可追偿)", "先行赔付责任", "先行赔付", "先行赔偿"),
    "none": ("不承担责任", "不承担赔偿责任", "无需承担责任", "无须承担责任", "不负赔偿责任", "不担责", "免责"),
    "undetermined": ("事实不足，暂无法确定", "事实不足,暂无法确定", "事实不足", "暂无法确定", "尚无法确定", "无法确定", "待定"),
}

#: Spec section 3 ``imputation``; ``no_fault`` is never a verdict value (QIN-5.3) but must be recognised
#: so that 无过错责任 is caught as a mismatch rather than read as 过错责任.
IMPUTATION_TERMS: dict[str, tuple[str, ...]] = {
    "fault": ("过错责任", "过错责任原则", "一般过错责任"),
    "presumed_fault": ("过错推定", "过错推定责任", "过错推定原则", "推定过错"),
    "not_applicable": ("不适用",),
    "no_fault": ("无过错责任", "无过错责任原则", "严格责任"),
}

#: Spec section 3 ``burden_of_proof``.
BURDEN_TERMS: dict[str, tuple[str, ...]] = {
    "consumer": ("消费者（谁主张谁举证）", "消费者(谁主张谁举证)", "谁主张谁举证", "由消费者举证", "消费者举证", "消费者"),
    "platform": ("平台（举证责任倒置）", "平台(举证责任倒置)", "举证责任倒置", "由平台举证", "平台举证", "平台"),
    "not_applicable": ("不适用",),
}

#: Spec section 3 ``burden_basis``.
BURDEN_BASIS_TERMS: dict[str, tuple[str, ...]] = {
    "lex_lata": ("现行法", "现行法律规定", "现行规定"),
    "proposal": ("学说建议（覃玉娟2025），非现行法", "学说建议", "非现行法", "立法建议", "学理建议"),
}

TERMS: dict[str, dict[str, tuple[str, ...]]] = {
    "liability_form": LIABILITY_FORM_TERMS,
    "imputation": IMPUTATION_TERMS,
    "burden_of_proof": BURDEN_TERMS,
    "burden_basis": BURDEN_BASIS_TERMS,
}

#: Words that, shortly before a form term in the same clause, deny it (…而非连带责任, 不构成连带责任).
NEGATIONS: tuple[str, ...] = (
    "而非", "并非", "不是", "不承担", "不构成", "不属于", "不应承担", "无需承担", "无须承担", "不负", "排除",
    "不适用", "不应适用", "不宜适用", "否定", "而不是", "非",
)
_CLAUSE_BREAK = re.compile(r"[。；;，,！!？?\n]")
_NEGATION_WINDOW = 8


@dataclass(frozen=True)
class TermHit:
    """One recognised term in a text: the value it names, its span and the matched words."""

    field: str
    value: str
    start: int
    end: int
    text: str


def label(field: str, value: str) -> str:
    """The canonical Chinese label of a verdict value (``label("liability_form", "supplementary") == "补充责任"``)."""
    try:
        return TERMS[field][value][0]
    except KeyError as exc:
        raise KeyError(f"no label for {field}={value!r}") from exc


def form_label(form: str) -> str:
    """The canonical label of a ``liability_form`` value (``"proportional_joint"`` → ``"比例连带责任"``)."""
    return label("liability_form", form)


def imputation_label(imputation: str) -> str:
    """The canonical label of an ``imputation`` value (``"presumed_fault"`` → ``"过错推定"``)."""
    return label("imputation", imputation)


def burden_label(burden: str) -> str:
    """The canonical label of a ``burden_of_proof`` value (``"platform"`` → ``"平台（举证责任倒置）"``)."""
    return label("burden_of_proof", burden)


def basis_label(basis: str) -> str:
    """The canonical label of a ``burden_basis`` value (``"proposal"`` → ``"学说建议（覃玉娟2025），非现行法"``)."""
    return label("burden_basis", basis)


def _patterns(field: str) -> list[tuple[str, str]]:
    """(term, value) pairs of a field, longest term first."""
    pairs = [(term, value) for value, terms in TERMS[field].items() for term in terms]
    return sorted(pairs, key=lambda pair: -len(pair[0]))


@lru_cache(maxsize=None)
def _table(field: str) -> tuple[list[tuple[str, str]], re.Pattern]:
    """The field's pairs and one alternation of all its terms, built once (the tables are constants):
    find_terms runs per sentence of every memo (issue 18)."""
    pairs = _patterns(field)
    return pairs, re.compile("|".join(re.escape(term) for term, _ in pairs))


def any_term(field: str, text: str) -> bool:
    """True when some term of ``field`` occurs in ``text`` (one scan)."""
    return _table(field)[1].search(text) is not None


def find_terms(field: str, text: str) -> list[TermHit]:
    """Every term of ``field`` in ``text``, longest match first and non-overlapping, in text order."""
    pairs, any_term = _table(field)
    if not any_term.search(text):
        return []  # most sentences name no term of the field: one scan instead of one find per term
    taken = [False] * len(text)
    hits: list[TermHit] = []
    for term, value in pairs:
        start = text.find(term)
        while start != -1:
            end = start + len(term)
            if not any(taken[start:end]):
                hits.append(TermHit(field, value, start, end, term))
                for i in range(start, end):
                    taken[i] = True
            start = text.find(term, start + 1)
    return sorted(hits, key=lambda hit: hit.start)


def is_negated(text: str, start: int) -> bool:
    """True when a negation (而非, 并非, 不是, 不承担, 不构成 …) stands shortly before ``start`` in the same clause."""
    window = text[max(0, start - _NEGATION_WINDOW):start]
    breaks = list(_CLAUSE_BREAK.finditer(window))
    if breaks:
        window = window[breaks[-1].end():]
    return any(neg in window for neg in NEGATIONS)


def detect(field: str, text: str) -> str | None:
    """The value named by the first non-negated term of ``field`` in ``text``, or None when none is found."""
    for hit in find_terms(field, text):
        if not is_negated(text, hit.start):
            return hit.value
    return None


def detect_form(text: str) -> str | None:
    """The ``liability_form`` a text states (``"责任形态：比例连带责任"`` → ``"proportional_joint"``), or None."""
    return detect("liability_form", text)


def detect_imputation(text: str) -> str | None:
    """The ``imputation`` a text states (``"过错推定"`` → ``"presumed_fault"``; 无过错责任 → ``"no_fault"``), or None."""
    return detect("imputation", text)


def detect_burden(text: str) -> str | None:
    """The ``burden_of_proof`` a text states (``"举证责任倒置"`` → ``"platform"``), or None."""
    return detect("burden_of_proof", text)


def detect_basis(text: str) -> str | None:
    """The ``burden_basis`` a text states (``"非现行法"`` → ``"proposal"``), or None."""
    return detect("burden_basis", text)


@lru_cache(maxsize=4)
def section_spans(markdown: str):
    """``assistant.memo.sections.section_spans``, kept for the last few texts: the guard asks for the sections of
    one memo in three checks (issue 18). Callers only read the result."""
    from assistant.memo.sections import section_spans as spans

    return spans(markdown)
