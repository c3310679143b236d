"""Normalise a memo before the guard parses it, keeping a map back to the original offsets.

A hostile or careless writer hides a citation or a conclusion from a parser with look-alike characters: a
zero-width space inside 第1438条 or 连带, full-width digits (第１４３８条), traditional forms (條, 項), compatibility
ideographs. The guard reads the normalised text and reports spans in the original text, which it never changes
(DEVELOPERS.md, "Never hide a defect").
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Traditional forms of the words a citation is built of (款 and 第 are the same in both scripts).
_TRADITIONAL = str.maketrans({
    "條": "条", "項": "项", "於": "于", "審": "审", "責": "责", "連": "连", "帶": "带", "補": "补", "擔": "担",
    "無": "无", "過": "过", "錯": "错", "與": "与", "規": "规", "據": "据", "則": "则", "應": "应", "權": "权",
    "號": "号", "國": "国", "華": "华", "參": "参", "適": "适", "費": "费", "務": "务", "電": "电", "證": "证",
    "資": "资", "質": "质", "從": "从", "實": "实", "際": "际", "認": "认", "為": "为", "臺": "台", "計": "计",
})


@lru_cache(maxsize=8192)
def _fold(ch: str) -> str:
    """One character folded: format characters (Unicode Cf: zero-width space, joiners, BOM, bidi marks, soft
    hyphen) dropped; full-width ASCII letters and digits made ASCII, but full-width Chinese punctuation （），：；
    kept, since the memo grammar (labels, brackets of 案号) is written with it; other compatibility forms NFKC."""
    if unicodedata.category(ch) == "Cf":
        return ""
    code = ord(ch)
    if 0xFF01 <= code <= 0xFF5E:
        plain = chr(code - 0xFEE0)
        return plain if plain.isalnum() else ch
    if code < 0x80:
        return ch
    folded = unicodedata.normalize("NFKC", ch)
    return folded.translate(_TRADITIONAL)


@dataclass(frozen=True)
class Normalised:
    """The normalised text and, for every character of it, the offset of the original character it came from."""

    text: str
    origin: tuple[int, ...]
    original_length: int

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of the normalised span ``start..end``."""
        if not self.origin:
            return 0, 0
        if start >= len(self.origin):
            return self.original_length, self.original_length
        first = self.origin[start]
        last = self.origin[end - 1] + 1 if end > start else first
        return first, last


def normalise(text: str) -> Normalised:
    """The text as the guard reads it (see the module docstring) with the map back to ``text``."""
    # Fast path (issue 18): fold each distinct character once; when every fold is one character (the usual
    # memo), the text is one translate and the offset map the identity. Same result as the loop below.
    folds = {ch: _fold(ch) for ch in set(text)}
    if all(len(f) == 1 for f in folds.values()):
        changed = {ord(ch): f for ch, f in folds.items() if f != ch}
        return Normalised(text.translate(changed) if changed else text, tuple(range(len(text))), len(text))
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        folded = _fold(ch)
        out.append(folded)
        origin.extend([i] * len(folded))
    return Normalised("".join(out), tuple(origin), len(text))
