"""Text helpers for the extractor: width normalisation that keeps offsets, clause gaps, negation and doubt tests.

Every helper keeps character positions of the original narrative, so the spans the extractor reports point
at the text the user wrote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Full-width digits, letters and a few signs → ASCII, one character for one (offsets stay valid).
_WIDTH = {0xFF10 + i: ord("0") + i for i in range(10)}
_WIDTH.update({0xFF21 + i: ord("A") + i for i in range(26)})
_WIDTH.update({0xFF41 + i: ord("a") + i for i in range(26)})
_WIDTH.update({0xFF0E: ord("."), 0xFF0F: ord("/"), 0xFF0D: ord("-"), 0x3000: ord(" ")})

#: Characters that end a clause: negation and cue gaps never cross them.
CLAUSE_BREAK = "，,。；;！!？?\n\r：: \t"
#: A gap of at most ``n`` characters inside one clause (used inside cue patterns).
def gap(n: int) -> str:
    """Regex for up to ``n`` characters that do not cross a clause break."""
    return f"[^{re.escape(CLAUSE_BREAK)}]{{0,{n}}}"


# Negators, with the common non-negating words that start with the same character excluded
# (不仅/不但 "not only", 未来 "future", 无论 "whatever", 没想到 "unexpectedly", 不到半小时 "less than").
NEGATOR = (
    r"(?:没有|没能|没|未能|未曾|未经|从未|从没|并未|未(?!来|成年)|不(?!仅|但|只|久|料|管|少|同|然|过|得不|断|停|法|良|错|满|幸|慎|当|合格|对劲|准|好|舒服|小心|少人|周|足|堪|妥|符|力|善|到[一二两三四五六七八九十几半\d])"
    r"|无法|无(?!论|意中)|非(?!常|法)|拒绝|拒不|拒|不肯|不愿|不予|不能)"
)
_NEG_WINDOW = 10
_NEG_TAIL = re.compile(NEGATOR + gap(_NEG_WINDOW) + r"$")
_DOUBLE_NEG = re.compile(r"(?:不是|并非|并不是|不可能|没有|未必|不会)$")
_DEMAND_TAIL = re.compile(r"(?:要求|请求|希望|申请|建议|让|请|督促|催促|催|能否|是否|有没有|有无|如果|若)" + gap(8) + r"$")

_DEMAND_HEAD = re.compile(r"(?:诉求|诉讼请求|请求事项|我的要求|要求如下|希望平台|Demands?|Requests?)\s*[：:]", re.I)


@dataclass(frozen=True)
class Hit:
    """One piece of evidence: the value it supports and the span ``text[start:end]`` it rests on."""

    value: object
    start: int
    end: int


def normalise(text: str) -> str:
    """Map full-width digits/letters to ASCII, one character for one, so offsets are unchanged."""
    return text.translate(_WIDTH)


SENTENCE_BREAK = "。！!？?\n；;"


def sentence_start(text: str, pos: int) -> int:
    """Index where the sentence containing ``pos`` begins."""
    i = pos
    while i > 0 and text[i - 1] not in SENTENCE_BREAK:
        i -= 1
    return i


def clause_start(text: str, pos: int) -> int:
    """Index where the clause containing ``pos`` begins."""
    i = pos
    while i > 0 and text[i - 1] not in CLAUSE_BREAK:
        i -= 1
    return i


def clause_end(text: str, pos: int) -> int:
    """Index just past the clause containing ``pos``."""
    i = pos
    while i < len(text) and text[i] not in CLAUSE_BREAK:
        i += 1
    return i


def _window(text: str, pos: int, size: int = _NEG_WINDOW + 6) -> str:
    return text[max(clause_start(text, pos), pos - size):pos]


def negated(text: str, pos: int) -> bool:
    """True when a negator governs the word at ``pos``: it stands before it in the same clause, close by."""
    return negation_start(text, pos) is not None


def negation_start(text: str, pos: int) -> int | None:
    """Where the negator governing the word at ``pos`` starts (for an evidence span), or None."""
    window_start = max(clause_start(text, pos), pos - (_NEG_WINDOW + 6))
    window = text[window_start:pos]
    if _NEG_TAIL.search(window) is None:
        return None
    # the negator nearest the word governs it (不是不知道: the second 不, itself negated)
    start = window_start + [m.start() for m in re.finditer(NEGATOR, window)][-1]
    if _DOUBLE_NEG.search(text[max(0, start - 4):start]):  # 平台不是不知道: two negations affirm
        return None
    return start


def demanded(text: str, pos: int) -> bool:
    """True when the word at ``pos`` is something asked for or supposed (要求平台下架, 是否存在…), not a fact."""
    if _DEMAND_TAIL.search(_window(text, pos)):
        return True
    # under a demand heading (诉求：赔偿医疗费，平台下架该商家; 诉讼请求：一、…；二、…): every item up to the full stop
    # is asked for (K18)
    if "：" not in text and ":" not in text:  # no heading at all: the common case, a cheap test (triage speed)
        return False
    return bool(_DEMAND_HEAD.search(text, max(text.rfind(c, 0, pos) for c in "。！!？?\n") + 1, pos))
