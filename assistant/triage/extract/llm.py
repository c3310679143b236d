"""An optional LLM extractor (``settings.llm``, through the drafting adapter) returning the same ``Extraction``.

The model must quote, for each fact, the words of the narrative it relied on; a fact whose quote is not found
verbatim in the narrative is dropped and reported in ``Extraction.dropped``, so every fact still rests on a real
span. ``event_date`` always comes from the deterministic date parser (models resolve 去年 without an anchor).
Any failure of the model or of its reply falls back to the deterministic extractor, recorded in ``method``.
The prompt is a versioned file (``prompts/extract.v1.txt``); ``parse_reply`` is a pure function.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from string import Template
from typing import Any, Callable

from pydantic import ValidationError

from assistant.core import ClaimFacts
from assistant.drafting.facts_zh import FIELD_LABELS, VALUE_LABELS
from assistant.triage.coerce import BOOL_FIELDS, ENUMS, EXTRACTED_FIELDS, coerce_cell
from assistant.triage.extract import EXTRACT_LIMIT, Extraction, Span, extract_facts

PROMPT_VERSION = "extract.v1"
# Beside the memo prompts: every prompt of the product is a versioned file in the repo's prompts/.
PROMPT = Path(__file__).resolve().parents[3] / "prompts" / f"{PROMPT_VERSION}.txt"
LLM_FIELDS: tuple[str, ...] = tuple(f for f in EXTRACTED_FIELDS if f != "event_date")
MAX_MODEL_FAILURES = 3  # consecutive failed calls before a batch stops asking an unreachable model
Extractor = Callable[..., Extraction]
_FENCE = re.compile(r"```(?:json)?\s*(\{.*?\})\s*```", re.S)


class ReplyError(ValueError):
    """The model's reply is not the JSON object the prompt asks for."""


@dataclass
class ParsedReply:
    """A parsed reply: facts with a verbatim quote, the quote's span in the narrative, facts dropped with why."""

    facts: dict[str, Any] = field(default_factory=dict)
    spans: dict[str, Span] = field(default_factory=dict)
    dropped: dict[str, str] = field(default_factory=dict)


def field_lines() -> str:
    """One prompt line per fact the model may set: name, Chinese label, accepted values."""
    lines = []
    for name in LLM_FIELDS:
        if name in ENUMS:
            labels = VALUE_LABELS.get(name, {})
            values = " / ".join(f"{v}={labels[v]}" if v in labels else v for v in ENUMS[name])
        elif name in BOOL_FIELDS:
            values = "true / false"
        else:
            continue
        lines.append(f"- {name}（{FIELD_LABELS.get(name, name)}）: {values}")
    return "\n".join(lines)


def render_prompt(narrative: str) -> str:
    """The extraction prompt for one narrative: the versioned prompt file with the fields and narrative filled in."""
    return Template(PROMPT.read_text(encoding="utf-8")).substitute(fields=field_lines(), narrative=narrative)


def _json_object(reply: str) -> dict[str, Any]:
    """The JSON object of a reply (bare, or in a ```json fence); raise ReplyError otherwise."""
    fenced = _FENCE.search(reply)
    if fenced:
        raw = fenced.group(1)
    else:
        start, end = reply.find("{"), reply.rfind("}")
        if start < 0 or end < start:
            raise ReplyError("no JSON object in the reply")
        raw = reply[start:end + 1]
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ReplyError(f"invalid JSON: {exc.msg}") from None
    if not isinstance(data, dict) or not isinstance(data.get("facts"), dict):
        raise ReplyError("the reply has no 'facts' object")
    return data


def parse_reply(reply: str, narrative: str) -> ParsedReply:
    """Parse a model reply against its narrative; raise ReplyError when the reply is not the asked-for JSON."""
    data = _json_object(reply)
    evidence = data.get("evidence") if isinstance(data.get("evidence"), dict) else {}
    out = ParsedReply()
    for name, value in data["facts"].items():
        if value is None:
            continue  # the model says unknown: nothing to drop
        if name == "event_date":
            out.dropped[name] = "ignored: the date comes from the deterministic date parser"
            continue
        if name not in LLM_FIELDS:
            out.dropped[name] = "unknown field"
            continue
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        try:
            coerced = coerce_cell(name, value)
        except ValueError:
            out.dropped[name] = f"invalid value {value!r}"
            continue
        if coerced is None or not isinstance(coerced, (bool, str)):
            continue  # 'unknown' or an empty cell: unknown stays unknown
        quote = evidence.get(name)
        quote = quote.strip() if isinstance(quote, str) else ""
        start = narrative.find(quote) if quote else -1
        if start < 0:
            out.dropped[name] = "no quote given" if not quote else f"quote not in the narrative: 「{quote[:40]}」"
            continue
        out.facts[name] = coerced
        out.spans[name] = (start, start + len(quote), quote)
    try:
        ClaimFacts(**out.facts)
    except ValidationError as exc:  # coerce_cell speaks the spec's values; this guards the contract
        raise ReplyError(f"facts rejected: {exc.errors()[0].get('msg')}") from None
    return out


def from_reply(parsed: ParsedReply, rules: Extraction, narrative: str) -> Extraction:
    """The LLM's extraction: its quoted facts, plus ``event_date`` from the deterministic parser."""
    facts, spans = dict(parsed.facts), dict(parsed.spans)
    if rules.facts.event_date is not None:
        facts["event_date"] = rules.facts.event_date
        spans["event_date"] = rules.spans["event_date"]
    order = list(ClaimFacts.model_fields)
    confidence = {k: 0.9 for k in spans}  # each fact rests on a verbatim quote the parser found in the text
    if "event_date" in spans:
        confidence["event_date"] = rules.confidence.get("event_date", 0.9)
    return Extraction(facts=ClaimFacts(**facts, narrative=narrative),
                      spans=dict(sorted(spans.items(), key=lambda kv: order.index(kv[0]))),
                      method="llm", dropped=dict(parsed.dropped), confidence=confidence,
                      date_precision=rules.date_precision, date_question=rules.date_question,
                      not_claim=rules.not_claim if not facts else None, cut=rules.cut)


class LLMExtractor:
    """Extracts with a chat model, falling back to the rules; stops calling a model that failed several times in a row."""

    def __init__(self, chat_model: Any, name: str) -> None:
        self.chat_model = chat_model
        self.name = name
        self.failures = 0  # consecutive failed model calls
        self.last_error = ""

    def __call__(self, narrative: str, anchor: date | None = None) -> Extraction:
        """Extract facts from one narrative (same signature as ``extract_facts``)."""
        rules = extract_facts(narrative, anchor=anchor)
        narrative = narrative[:EXTRACT_LIMIT]  # the model reads what the rules read (the cut is in rules.cut)
        if self.failures >= MAX_MODEL_FAILURES:
            rules.method = f"rules (llm skipped after {self.failures} failed calls: {self.last_error})"[:200]
            return rules
        try:
            reply = self.chat_model.invoke([("human", render_prompt(narrative))])
        except Exception as exc:  # noqa: BLE001 — the model is optional; the rules always answer
            self.failures += 1
            self.last_error = f"{type(exc).__name__}: {exc}"
            rules.method = f"rules (llm failed: {self.last_error})"[:200]
            return rules
        self.failures = 0
        try:
            return from_reply(parse_reply(str(getattr(reply, "content", reply)), narrative), rules, narrative)
        except ReplyError as exc:
            rules.method = f"rules (llm failed: {exc})"[:200]
            return rules


def make_extractor(settings: Any) -> tuple[str, Extractor]:
    """The extractor ``settings`` asks for: ("rules", extract_facts) for ``template``, else an LLMExtractor.

    Raises the drafting adapter's DrafterConfigError (with a fix-it message) for an unusable ``--llm``.
    """
    from assistant.drafting.llm import choose_model

    choice = choose_model(settings)
    if choice.chat_model is None:
        return "rules", extract_facts
    name = f"llm:{choice.drafter}:{choice.model}"
    return name, LLMExtractor(choice.chat_model, name)
