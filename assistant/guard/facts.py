"""The facts check (issue 11, item 2): every statement of a ClaimFacts value in the memo must agree with the facts.

A statement contradicts the facts when it gives a value the facts do not hold, or states as known a fact the
facts leave unknown (unknown facts stay unknown, DEVELOPERS.md). A value the engine inferred and recorded in its
trace (life_health presumed from category=drug) counts as known. What is not a statement of fact is left out:
questions (是否/能否), duties and burdens (由平台证明…, 须证明…), conditions (如/若/一旦…; 完成初步举证的，…),
doctrine described in general (…说认为…), quoted provision text, the engine's rule titles and the client's own
narrative quoted as such. Conditional sentences state scenarios: ``conclusions.py`` checks them against
``verdict.scenarios``.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.guard.fact_phrases import (
    Assertion,
    label_assertions,
    label_texts,
    phrase_assertions,
    short_label_assertions,
)

_SENTENCE = re.compile(r"[^。；;！!？?\n]+[。；;！!？?]?")
_CLAUSE_BREAK = re.compile(r"[，,：:]")
_QUESTION = re.compile(r"是否|能否|有无|可否|是不是|[？?]")
# a duty, a burden or a fact still to be found, not a fact: 由平台证明其已尽到… / 须证明 / 查明 / 核实
_NOT_A_FACT = re.compile(r"证明|举证证明|查明|核实|证实|主张|要求|条件是|前提|须|需要|应当提交|提交|推定|假设|假定|视为")
CONDITION = re.compile(r"(?:^|[，,：:\s（(])(?:如果|如能|如经|如查明|如|若能|若|假如|倘若|一旦|即使|即便|只要|除非)")
_CONDITION_AFTER = re.compile(r"^[^，,。；;]{0,12}?(?:的[，,]|时[，,]|后[，,]|之后|以后|的情况下|的情形下|情形下)")
_PROVISION_SAYS = re.compile(r"(?:条|款|项|法|解释|规定（一）)\s*(?:亦|也|同样|明确|另)?规定[，,：:]")
_UNKNOWN_TOO = re.compile(r"[（(]?或(?:其|该)?(?:事实)?(?:尚)?不明[）)]?|或尚不明确|或事实不明")
# doctrine described in general: 补充责任说…认为…, 覃玉娟文认为…, 有学者认为 (not 本所认为)
DESCRIPTION = re.compile(r"(?:说|学者|观点|覃玉娟文?|见解|理论|文)[^。；;\n]{0,30}?(?:认为|主张|提出|建议)|以[^，,。]{1,16}为基础")


_NOT_NEWLINE = re.compile(r"[^\n]")


def _mask(text: str, spans: list[tuple[int, int]], ch: str = "□") -> str:
    """``text`` with each span replaced by ``ch`` (same length, so offsets stay valid); line breaks are kept."""
    out, pos = [], 0
    # spans in order, overlaps merged, only the spans' characters touched (not a list of the whole memo; issue 18)
    for start, end in sorted((max(0, a), min(b, len(text))) for a, b in spans):
        start = max(start, pos)
        if end <= start:
            continue
        out += [text[pos:start], _NOT_NEWLINE.sub(ch, text[start:end])]
        pos = end
    out.append(text[pos:])
    return "".join(out)


def masked_memo(markdown: str, verdict: Any, facts: Any, skip: list[tuple[int, int]]) -> str:
    """The memo with what states no conclusion of its own masked: ``skip``, long quotes, rule titles, the narrative."""
    return _mask(markdown, skip + quoted_spans(markdown) + trace_title_spans(markdown, verdict)
                 + narrative_spans(markdown, facts))


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Quoted provision text: a “…” of 12+ characters (short quotes like “相应的责任” stay readable)."""
    return [(m.start(), m.end()) for m in re.finditer(r"“[^”\n]{12,}”|「[^」\n]{12,}」", text)]


def trace_title_spans(text: str, verdict: Any) -> list[tuple[int, int]]:
    """Every occurrence of a rule title or detail of the verdict's own trace (网络食品交易平台未实名登记…;
    a route's 区分阶段说：…：按份责任 before a concurrent rule wins): the verdict's words, not the memo's claims."""
    from assistant.drafting.facts_zh import humanise

    spans = []
    for entry in getattr(verdict, "trace", []) or []:
        for words in {getattr(entry, "title", ""), humanise(getattr(entry, "detail", "") or "")}:
            for part in re.split(r"[；;。]", words):
                if len(part) >= 6:
                    spans += [(m.start(), m.end()) for m in re.finditer(re.escape(part), text)]
    return spans


_QUOTE_LINE = re.compile(r"(?m)^>[ \t]*(?P<line>.*?)[ \t]*$")


def narrative_spans(text: str, facts: Any) -> list[tuple[int, int]]:
    """The client's narrative quoted verbatim as a block quote: the client's words, not the memo's statements."""
    # One pass over the memo's quote lines against the set of narrative lines (a search per narrative line was
    # quadratic: 180 s for a 200,000-character narrative; issue 14/18); the same lines are masked.
    from assistant.drafting.narrative import quoted  # late: drafting imports the guard

    narrative = getattr(facts, "narrative", None) or ""
    # a narrative longer than a memo quotes ends its quote mid-line (issue 14): that cut line is the client's too
    lines = {line.strip() for text in (narrative, quoted(narrative)[0]) for line in text.splitlines()} - {""}
    if not lines:
        return []
    return [(m.start(), m.end()) for m in _QUOTE_LINE.finditer(text) if m.group("line") in lines]


def known_value(facts: Any, verdict: Any, field: str) -> Any:
    """The fact's value, or the value the engine recorded for it in its trace (an inference), or None."""
    value = getattr(facts, field, None)
    if value is not None:
        return value
    for entry in getattr(verdict, "trace", []) or []:
        for element in getattr(entry, "elements", []) or []:
            if element.name == field and element.value is not None and not (
                    isinstance(element.value, str) and "=" in element.value):
                return element.value
    return None


def _clause_before(text: str, start: int) -> str:
    """The text from the start of the hit's sentence to the hit."""
    s = max(text.rfind(c, 0, start) for c in "。；;！!？?\n") + 1
    return text[s:start]


_CONTINUES = re.compile(r"^\s*(?:且|并且|而且|同时|或者|或|以及|并|又|亦)")


def condition_end(sentence: str, marker_end: int) -> int:
    """Where the condition opened by a 如/若 marker ends: clauses joined by 且/并且/或 belong to it; the first
    other clause (平台将…/则…) is the consequence."""
    pos = marker_end
    while True:
        brk = _CLAUSE_BREAK.search(sentence, pos)
        if brk is None:
            return len(sentence)
        if not _CONTINUES.match(sentence[brk.end():]):
            return brk.start()
        pos = brk.end()


def is_condition(text: str, start: int, end: int) -> bool:
    """True when the statement at start..end is in the condition of a conditional sentence (如/若…且…, …的，/…时，)."""
    before = _clause_before(text, start)
    s = start - len(before)
    for marker in CONDITION.finditer(before):
        sentence_end = _SENTENCE.match(text, s)
        sentence = text[s:sentence_end.end() if sentence_end else len(text)]
        if s + condition_end(sentence, marker.end()) >= end:
            return True
    return bool(_CONDITION_AFTER.match(text[end:end + 12]))


def statement_kind(text: str, a: Assertion) -> str:
    """``fact`` (checked against the facts), ``condition`` (a scenario) or ``skip`` (not a statement of fact)."""
    before = _clause_before(text, a.start)
    clause = before[max((before.rfind(c) for c in "，,：:"), default=-1) + 1:]
    sentence_end = _SENTENCE.match(text, a.end)
    after = text[a.end:sentence_end.end() if sentence_end else a.end]
    if _QUESTION.search(before + a.phrase + after):
        return "skip"
    if is_condition(text, a.start, a.end):
        return "condition"
    if _NOT_A_FACT.search(clause) or _PROVISION_SAYS.search(before) or re.match(r"\s*或", after):
        return "skip"  # a duty, a provision's content (…第X条规定，平台未尽…的), or one limb of 或
    if DESCRIPTION.search(before) and "本案" not in before:
        return "skip"
    return "fact"


def fact_statements(markdown: str, verdict: Any, facts: Any, skip: list[tuple[int, int]],
                    masked: str | None = None) -> list[tuple[str, Assertion]]:
    """Every statement of a fact value in the memo with its kind (``fact``/``condition``), 依据 and masks left out."""
    masked = masked if masked is not None else masked_memo(markdown, verdict, facts, skip)
    found = [(a, True) for a in label_assertions(masked)]
    label_spans = [(a.start, a.end) for a, _ in found]
    for label in label_texts():  # a label used as a label (…资质资格：) is blanked; in running prose it is read
        # composite and question labels (…审核义务或安全保障义务, 平台是否…) state no single fact anywhere
        ahead = "" if re.search(r"或|是否|能否|有无", label) else r"(?=\s*[：:])"
        label_spans += [(m.start(), m.end()) for m in re.finditer(re.escape(label) + ahead, masked)]
    rest = _mask(masked, label_spans)
    short = short_label_assertions(rest)
    found += [(a, True) for a in short]
    found += [(a, False) for a in phrase_assertions(_mask(rest, [(a.start, a.end) for a in short]))]
    out = []
    for a, is_label in found:
        kind = "fact" if is_label else statement_kind(rest, a)
        if kind == "skip":
            continue
        if _UNKNOWN_TOO.match(rest[a.end:a.end + 12].lstrip("，, ")):
            a = Assertion(a.field, a.values | {None}, a.start, a.end, a.phrase)
        out.append((kind, a))
    return out


def mismatch(a: Assertion, facts: Any, verdict: Any) -> str | None:
    """Why the statement contradicts the facts (in Chinese), or None when it agrees."""
    from assistant.drafting.facts_zh import field_label, value_label

    actual = known_value(facts, verdict, a.field)
    if actual in a.values or (actual is not None and str(actual) in {str(v) for v in a.values if v is not None}):
        return None
    label = field_label(a.field)
    if actual is None:
        return f"备忘录称“{a.phrase}”，但“{label}”在事实中尚不明确（未知），不得作为已知事实陈述"
    return f"备忘录称“{a.phrase}”，与事实不符：{label}为“{value_label(a.field, actual)}”"
