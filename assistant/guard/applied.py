"""Is a citation of a law not in force on the event date applied, or only named to say it does not apply?

A repealed law is out of force whatever marker surrounds it (issue 11, item 10): 原《侵权责任法》第三十七条,
《侵权责任法》（已废止）之规定, 「不适用……但本所认为……依该条」 all apply it. The one mention that passes is a denial
with no application: 「本案不适用《侵权责任法》第三十七条」, 「第三十八条…始增设」, 「《合同法》已废止」. We decide:

- a mention is a *denial* (or a mere history) only when its sentence says so (不适用/不能适用/不再适用/已废止/
  已失效/尚未施行/始增设/未规定 …, or 承继/沿袭/取代/前身 …); the prefix 原 alone is neither (原《侵权责任法》
  is the former law, and citing it without saying it does not apply is applying it);
- a denial still *applies* the law when the citation is introduced by 依/根据/按照/参照/依照/适用 (not negated), is
  followed by 之规定, or when after the denial the same sentence or the next one turns back to it (但/然而/仍/本所认为
  … 依/据/参照/适用, or 依该条/据此条/参照上述规定).
"""

from __future__ import annotations

import re

_BREAK = re.compile(r"[。！？!?\n]")
_BREAK_CHARS = "。！？!?\n"
_DENIAL = re.compile(r"承继|沿袭|源自|来源于|脱胎于|所取代|取代|吸收|前身|不适用|不能适用|无从适用|不再适用|不予适用|不得适用|不应适用|已(?:被)?废止|已失效|(?:尚未|未)施行"
                     r"|始增设|才增设|方增设|始新增|才新增|未规定|并无规定|没有规定")
_INTRODUCED = re.compile(r"(?<!不)(?<!不能)(?<!不再)(?<!不予)(?<!无从)(?<!不得)(?<!不应)"
                         r"(?:依据|依照|根据|按照|参照|援引|依|据|适用|类推)\s*原?\s*$")
_FOLLOWED = re.compile(r"^\s*(?:[（(][^）)]{0,12}[)）])?\s*(?:之|的)?(?:规定|精神)\s*[，,]?\s*(?:平台|本案|应|判|认定|承担)")
_TURN_BACK = re.compile(r"(?:但|然而|不过|仍|本所认为|我们认为|笔者认为|可以认为)[^。！？!?\n]*?"
                        r"(?:依|据|参照|按照|适用|援引|类推)")
_ANAPHOR_USE = re.compile(r"(?:依|据|按|参照|按照|适用|援引|类推)(?:适用)?(?:该|此|其|上述|前述|原)(?:条|法|款|规定|条文|条款)")
_OPENS_TURN = re.compile(r"^\s*(?:但|然而|不过|尽管如此|即便如此)")


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the sentence holding ``start..end`` (；does not end it: 不适用…；但…依该条 is one thought)."""
    # the last break before start (rfind, not a scan from the memo's start for every citation: issue 18)
    s = max(text.rfind(ch, 0, start) for ch in _BREAK_CHARS) + 1
    after = _BREAK.search(text, end)
    return s, (after.start() if after else len(text))


def only_denied(text: str, start: int, end: int) -> bool:
    """True when the citation at ``start..end`` is named only to say it does not apply (see module docstring)."""
    s, e = _sentence(text, start, end)
    sentence_before, sentence_after = text[s:start], text[end:e]
    denials = [m for m in _DENIAL.finditer(text, s, e) if not (start <= m.start() < end)]
    if not denials:
        return False
    if _INTRODUCED.search(sentence_before[-8:]) or _FOLLOWED.match(sentence_after):
        return False
    last_denial = max(m.end() for m in denials)
    tail = text[max(last_denial, end):e]
    if _TURN_BACK.search(tail) or _ANAPHOR_USE.search(tail):
        return False
    nxt = _BREAK.search(text, e)
    if nxt is not None:
        following = text[nxt.end():(_BREAK.search(text, nxt.end()) or re.compile("$").search(text)).start()]
        if _ANAPHOR_USE.search(following) or (_OPENS_TURN.match(following) and _TURN_BACK.search(following)):
            return False
    return True


def applied_mention(text: str, start: int, end: int) -> bool:
    """True when a law named without an article is applied: 依（原）《侵权责任法》…, 《侵权责任法》（已废止）之规定."""
    s, e = _sentence(text, start, end)
    return bool(_INTRODUCED.search(text[s:start][-8:]) or _FOLLOWED.match(text[end:e])
                or re.match(r"^\s*(?:[（(][^）)]{0,12}[)）])?\s*(?:之|的)?(?:相关)?规定", text[end:e]))
