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
from assistant.triage.extract.cues import COMPILED, DROP, KEEP
from assistant.triage.extract.dates import event_date_hit
from assistant.triage.extract.enums import harm_hit, platform_role_hit
from assistant.triage.extract.lexicon import category_hit
import re

from assistant.triage.extract.text import Hit, demanded, negation_start, normalise, sentence_start

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

    def evidence(self) -> str:
        """One line per set fact: ``field: 「text」``, for a triage table's evidence column."""
        return "；".join(f"{name}:「{span[2]}」" for name, span in self.spans.items())


def _cue_hits(text: str) -> dict[str, list[Hit]]:
    hits: dict[str, list[Hit]] = {}
    for cue, rx in COMPILED:
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


def extract_facts(narrative: str, anchor: date | None = None) -> Extraction:
    """Extract ClaimFacts from a narrative; ``anchor`` (the date the complaint was received) resolves 去年/今年."""
    cut = None
    if len(narrative) > EXTRACT_LIMIT:
        cut = f"叙述过长（{len(narrative)} 字符）：只读取了前 {EXTRACT_LIMIT} 字符"
        narrative = narrative[:EXTRACT_LIMIT]
    text = normalise(narrative)
    chosen: dict[str, Hit] = {}
    conflicts: dict[str, list[Span]] = {}

    for name, hit in (("event_date", event_date_hit(text, anchor)), ("category", category_hit(text)),
                      ("harm", harm_hit(text)), ("platform_role", platform_role_hit(text))):
        if hit is not None:
            chosen[name] = hit

    for name, hits in _cue_hits(text).items():
        values = {h.value for h in hits}
        if len(values) == 1:
            chosen[name] = min(hits, key=lambda h: h.start)
        elif name in CONFLICT_WINNER:
            chosen[name] = min((h for h in hits if h.value == CONFLICT_WINNER[name]), key=lambda h: h.start)
        else:
            conflicts[name] = [(h.start, h.end, narrative[h.start:h.end]) for h in sorted(hits, key=lambda h: h.start)]

    values = {name: hit.value for name, hit in chosen.items()}
    facts = ClaimFacts(**values, narrative=narrative)
    spans = {name: (hit.start, hit.end, narrative[hit.start:hit.end])
             for name, hit in sorted(chosen.items(), key=lambda kv: list(ClaimFacts.model_fields).index(kv[0]))}
    return Extraction(facts=facts, spans=spans, conflicts=conflicts, cut=cut)


__all__ = ["Extraction", "Span", "extract_facts"]
