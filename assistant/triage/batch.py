"""Triage one claim row: explicit columns over extracted facts, classify, render citations, set the priority.

``triage_row`` never raises: whatever goes wrong with a row goes into its ``error`` field and the batch goes on.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Any, Callable

from pydantic import ValidationError

from assistant.core import ClaimFacts, classify, facts_error_messages
from assistant.triage.coerce import FACT_COLUMNS, coerce_cell, explicit_facts
from assistant.triage.columns import COLUMNS as ADVICE_COLUMNS, verdict_columns
from assistant.triage.extract import extract_facts
from assistant.triage.priority import PRIORITY_LABELS, priority
from assistant.triage.rows import InputRow

FORM_ZH: dict[str, str] = {
    "joint_and_several": "连带责任", "supplementary": "补充责任", "proportional": "按份责任",
    "proportional_joint": "比例连带责任", "seller_liability": "销售者/服务者责任", "advance_compensation": "先行赔付（可追偿）",
    "none": "不承担责任", "undetermined": "事实不足",
}
VERDICT_COLUMNS = ("liability_form", "liability_form_zh", "limitation_status", "regimes", "burden_of_proof", "burden_basis", "imputation",
                   "recourse", "expanded_damage", "citations", "missing_questions", "missing_facts", "notes")
OUTPUT_COLUMNS: tuple[str, ...] = ("priority", "priority_label", "needs_review", "review_reasons", "id", "row", "error",
                                   *VERDICT_COLUMNS, *ADVICE_COLUMNS, *FACT_COLUMNS, "event_date_precision", "fact_confidence",
                                   "fact_sources", "evidence", "narrative")
#: A fact the extractor gives less confidence than this puts its row under review (not ranked).
LOW_CONFIDENCE = 0.6
REVIEW_LABEL = "待人工复核（未排序）"


@lru_cache(maxsize=1)
def _corpus():
    from assistant.corpus import load_corpus

    return load_corpus()


@lru_cache(maxsize=4096)
def render_citation(pid: str) -> str:
    """A provision id in Chinese citation form (《电子商务法》第三十八条第二款); an unresolved id is flagged, not hidden."""
    try:
        return _corpus().cite(pid)
    except Exception:  # noqa: BLE001 — any failure to render is shown in the table, never dropped
        return f"【未能解析：{pid}】"


def _blank(row: InputRow, error: str) -> dict[str, Any]:
    rec: dict[str, Any] = {c: None for c in OUTPUT_COLUMNS}
    rec.update(id=row.id, row=row.row, error=error, narrative=row.narrative, needs_review=False,
               review_reasons=list(row.flags))
    return rec


def merge_facts(row: InputRow, extractor: Callable[..., Any] = extract_facts,
                review: list[str] | None = None, extra: dict[str, Any] | None = None) -> tuple[ClaimFacts, dict[str, str], str]:
    """The row's facts: explicit columns win over extraction. Returns facts, source per fact, evidence text.

    ``review`` collects reasons to put the row under review; ``extra`` receives the date precision and confidences.

    Raises ValueError with a plain message for a bad cell, an empty narrative or facts the core rejects.
    """
    if not row.narrative or not row.narrative.strip():
        raise ValueError("empty narrative: nothing to extract from")
    given, errors = explicit_facts(row.cells)
    anchor: date | None = None
    if row.received not in (None, ""):
        try:
            anchor = coerce_cell("event_date", row.received)  # same date forms as event_date
        except ValueError as exc:
            errors.append(str(exc).replace("event_date:", "received_date:", 1))
    if errors:
        raise ValueError("; ".join(errors))
    ex = extractor(row.narrative, anchor=anchor if isinstance(anchor, date) else None)
    values = ex.facts.model_dump(exclude={"narrative"})
    source = "text" if ex.method == "rules" else ("text(llm)" if ex.method == "llm" else "text(rules, llm failed)")
    sources = {k: source for k, v in values.items() if v is not None}
    if ex.method == "llm" and "event_date" in sources:
        sources["event_date"] = "text"  # the LLM extractor takes dates from the deterministic parser
    if ex.method.startswith("rules ("):
        sources["extractor"] = ex.method  # why the LLM was not used for this row
    if ex.dropped:
        sources["llm_dropped"] = ", ".join(f"{k} ({why})" for k, why in ex.dropped.items())
    for k, v in given.items():
        values[k] = v
        sources[k] = "column" if v is not None else "column(unknown)"
    try:
        # nothing given and nothing cut: the extractor's facts are these facts, already validated (issue 18)
        reuse = not given and ex.facts.narrative == row.narrative and isinstance(ex.facts, ClaimFacts)
        facts = ex.facts if reuse else ClaimFacts(**values, narrative=row.narrative)
    except ValidationError as exc:
        raise ValueError("; ".join(facts_error_messages(exc))) from None
    evidence = "；".join(f"{k}:「{s[2]}」" for k, s in ex.spans.items() if sources.get(k, "").startswith("text"))
    if review is not None:
        review.extend(review_reasons(ex, given, sources))
    if extra is not None:
        conf = getattr(ex, "confidence", {}) or {}
        extra["event_date_precision"] = getattr(ex, "date_precision", None) if sources.get("event_date") != "column" else None
        extra["fact_confidence"] = "; ".join(f"{k}={v:.2f}" for k, v in conf.items() if sources.get(k, "").startswith("text"))
        extra["date_question"] = getattr(ex, "date_question", None) if "event_date" not in given else None
        # facts left unknown because two readings compete (issue 14: wrong is worse than unknown): their questions
        extra["reading_questions"] = [q for k, q in (getattr(ex, "questions", None) or {}).items() if k not in given and q]
        if getattr(ex, "cut", None):  # as numbers, so a row opened as a matter keeps the warning (issue 14)
            extra["extract_cut"] = {"read": len(ex.facts.narrative or ""), "total": len(row.narrative), "note": ex.cut}
    return facts, sources, evidence


def review_reasons(ex: Any, given: dict[str, Any], sources: dict[str, str]) -> list[str]:
    """Why a row's extraction needs a person: facts read with low confidence, text that is not a claim, a cut."""
    out = []
    low = [k for k, v in (getattr(ex, "confidence", {}) or {}).items()
           if v < LOW_CONFIDENCE and sources.get(k, "").startswith("text")]
    if low:
        out.append("低置信度事实：" + "、".join(low))
    not_claim = getattr(ex, "not_claim", None)
    if not_claim and not any(v is not None for v in given.values()):
        out.append(not_claim)
    if getattr(ex, "cut", None):
        out.append(ex.cut)
    return out


def limitation_status(limitation: dict[str, Any] | None) -> str | None:
    """The limitation status of the claim against the platform (spec 7.5 L7), else of the first claim, or None."""
    claims = (limitation or {}).get("claims") or []
    claim = next((c for c in claims if c.get("against") == "platform"), claims[0] if claims else None)
    return claim.get("status") if claim else None


def triage_row(row: InputRow, doctrine: str = "qin2025", extractor: Callable[..., Any] = extract_facts) -> dict[str, Any]:
    """Triage one row into an output record (see ``OUTPUT_COLUMNS``); errors go into its ``error`` field."""
    if row.error:
        return _blank(row, row.error)
    review: list[str] = list(row.flags)
    extra: dict[str, Any] = {}
    try:
        facts, sources, evidence = merge_facts(row, extractor, review, extra)
    except ValueError as exc:
        return _blank(row, str(exc))
    try:
        verdict = classify(facts, doctrine=doctrine, trace=False)  # batch: no trace
        # of section 7 a row shows only the limitation and the punitive recommendation: built alone (issue 18)
        limitation, recommended = verdict.limitation_and_punitive()
    except Exception as exc:  # noqa: BLE001 — one row's failure must not stop the batch
        return _blank(row, f"classification failed: {type(exc).__name__}: {exc}")
    rec = _blank(row, None)
    rec.update(facts.model_dump(mode="json", exclude={"narrative"}))
    prio = priority(verdict.liability_form, facts.harm)
    questions = [m.question for m in verdict.missing_facts]
    if extra.get("date_question"):
        questions.append(extra["date_question"])
    questions.extend(extra.get("reading_questions") or ())
    rec.update(
        priority=None if review else prio, priority_label=REVIEW_LABEL if review else PRIORITY_LABELS[prio],
        needs_review=bool(review), review_reasons=review,
        event_date_precision=extra.get("event_date_precision"), fact_confidence=extra.get("fact_confidence"),
        liability_form=verdict.liability_form, liability_form_zh=FORM_ZH.get(verdict.liability_form),
        limitation_status=limitation_status(limitation),
        regimes=list(verdict.regimes), burden_of_proof=verdict.burden_of_proof, burden_basis=verdict.burden_basis,
        imputation=verdict.imputation, recourse=verdict.recourse, expanded_damage=verdict.expanded_damage,
        citations=[render_citation(c) for c in verdict.citations],
        missing_questions=questions,
        missing_facts=[m.fact for m in verdict.missing_facts], notes=list(verdict.notes),
        fact_sources="; ".join(f"{k}={v}" for k, v in sources.items()), evidence=evidence,
        **verdict_columns(verdict, limitation, recommended),  # issues 12/13: on_record, key facts, limitation, punitive
    )
    if extra.get("extract_cut"):  # not an output column: kept in a saved batch for open_as_matter (batches.py)
        rec["extract_cut"] = extra["extract_cut"]
    return rec
