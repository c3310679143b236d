"""Read cases.jsonl: one court case summary a line, each with its precedent tier."""

from __future__ import annotations

import json
import re

from .records import Case, CorpusError

# 人民法院案例库 参考案例: a case entered in the SPC's case library (opened 2024) as a reference case.
TIERS = ("指导性案例", "人民法院案例库 参考案例", "最高法典型案例", "其他")
_REQUIRED = ("id", "case_name", "court", "outcome", "sources", "tier")


def normalise_case_number(s: str) -> str:
    """A 案号 in canonical form for lookup: full-width brackets, no spaces ((2020)京… → （2020）京…)."""
    return re.sub(r"\s+", "", s).replace("(", "（").replace(")", "）")


def parse_cases_text(text: str, file: str) -> list[Case]:
    """Every case in the file; CorpusError naming the line on bad JSON, a missing field, a bad tier or duplicate id."""
    cases: list[Case] = []
    seen: dict[str, int] = {}
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CorpusError(f"bad JSON: {exc.msg}", file, lineno) from None
        missing = [k for k in _REQUIRED if k not in rec]
        if missing:
            raise CorpusError(f"case record lacks {', '.join(missing)}", file, lineno)
        if rec["tier"] not in TIERS:
            raise CorpusError(f"unknown tier {rec['tier']!r} (one of {', '.join(TIERS)})", file, lineno)
        if rec["id"] in seen:
            raise CorpusError(f"duplicate id {rec['id']} (first at line {seen[rec['id']]})", file, lineno)
        seen[rec["id"]] = lineno
        cases.append(
            Case(
                id=rec["id"], case_name=rec["case_name"], case_number=rec.get("case_number"), court=rec["court"],
                year=rec.get("year"), outcome=rec["outcome"], outcome_detail=rec.get("outcome_detail") or "",
                sources=tuple(rec["sources"]), tier=rec["tier"], line=lineno, record=rec,
            )
        )
    return cases


def case_passage_text(case: Case) -> str:
    """The retrieval text of a case: name, court, goods or service, key facts, holding."""
    rec = case.record
    facts = rec.get("key_facts") or {}
    fact_text = "；".join(f"{k}: {v}" for k, v in facts.items()) if isinstance(facts, dict) else str(facts)
    parts = [case.case_name, case.court, str(rec.get("goods_service") or ""), fact_text, case.outcome_detail]
    return "\n".join(p for p in parts if p)
