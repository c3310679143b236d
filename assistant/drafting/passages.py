"""The passages a memo may cite, each with a short citation key ([S1], [S2] …) and the key table.

The allowed set is: the verdict's citations (in the verdict's order), the doctrinal passages the analysis
needs (the seed article's sections on the form dispute and on the burden of proof, and CC-1165-2 when the
burden reversal is only a proposal), similar cases from the corpus, and the passages retrieved or given for
the narrative. Every id must resolve in the corpus; duplicates keep their first key.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Iterable

# The seed article's sections on the three views of 相应的责任 (QIN-3.2) and the concurrence / analogy (QIN-4.1).
FORM_DISPUTE_IDS = ("QIN-3.2.1", "QIN-3.2.2", "QIN-3.2.3", "QIN-4.1.1", "QIN-4.1.2", "QIN-5.1", "QIN-5.2.1",
                    "QIN-5.2.2", "QIN-5.3")
# QIN-5.4: the reversal of the burden and its conditions; CC-1165-2 (TLL-6-2 before 2021): presumed fault
# needs a statute, which is why the reversal is a proposal (spec rule 9).
BURDEN_IDS = ("QIN-5.4.1", "QIN-5.4.2")
ROUTE_38_2 = "ECL-38-2"
PROMPT_TEXT_LIMIT = 600
CASE_OUTCOME_FOR_FORM = {
    "joint_and_several": "joint_and_several",
    "supplementary": "supplementary",
    "proportional": "proportional",
    "advance_compensation": "advance_compensation_then_recourse",
    "none": "no_liability",
}
KIND_LABELS = {"statute": "法律规定", "seed": "学术文章", "case": "裁判案例"}


@dataclass(frozen=True)
class KeyedPassage:
    """One citable passage: its key (``S1``), corpus id, rendered citation, title, text, kind and source."""

    key: str
    id: str
    cite: str
    title: str
    text: str
    kind: str
    source: str  # "verdict" | "doctrine" | "case" | "retrieval" | "given"

    def prompt_view(self) -> dict[str, str]:
        """The variables a prompt template sees for this passage (text shortened for the prompt)."""
        text = " ".join(self.text.split())
        if len(text) > PROMPT_TEXT_LIMIT:
            text = text[:PROMPT_TEXT_LIMIT] + "……"
        return {"key": self.key, "id": self.id, "cite": self.cite, "title": self.title, "text": text,
                "kind": self.kind, "kind_label": KIND_LABELS.get(self.kind, self.kind)}


def kind_of(record: Any) -> str:
    """``statute``, ``seed`` or ``case`` for a corpus record."""
    if getattr(record, "kind", None) == "case":
        return "case"
    return "seed" if getattr(record, "code", "") == "QIN" else "statute"


def _text_of(record: Any) -> str:
    """The readable text of a provision or a case summary."""
    if kind_of(record) == "case":
        parts = [record.case_name, record.court, record.outcome_detail]
        return "；".join(p for p in parts if p)
    return record.text


def _title_of(record: Any, corpus: Any) -> str:
    """A short title: the instrument's short title and label, the seed section heading, or the case name."""
    if kind_of(record) == "case":
        return record.case_name
    if record.code == "QIN":
        return record.title or record.label
    return f"{corpus.instruments[record.code].short_title}{record.label}"


def doctrine_ids(verdict: Any, event_date: date | None, corpus: Any) -> list[str]:
    """The seed-article sections (and CC-1165-2) the analysis of this verdict discusses, if they resolve."""
    ids: list[str] = []
    route_38_2 = ROUTE_38_2 in verdict.citations or ROUTE_38_2 in verdict.regimes or any(
        ROUTE_38_2 in entry.citations for entry in verdict.trace if entry.outcome in ("met", "blocked", "rebutted"))
    if route_38_2:
        ids += FORM_DISPUTE_IDS
    if verdict.expanded_damage:
        ids.append("QIN-5.2.3")  # the platform's after-sale complaint duty (spec rule 10)
    if verdict.burden_basis == "proposal" or (route_38_2 and verdict.burden_of_proof != "not_applicable"):
        ids += BURDEN_IDS
        when = event_date or date.today()
        presumption = "CC-1165-2"
        ids.append(presumption if corpus.resolve(presumption) and corpus.in_force(presumption, when) else "TLL-6-2")
    return [i for i in ids if corpus.resolve(i) and (event_date is None or corpus.in_force(i, event_date))]


def live_route_ids(verdict: Any, event_date: date | None, corpus: Any) -> list[str]:
    """Citations of the routes that are met, blocked by unknown facts or rebutted, in force on the event date.

    A blocked route (e.g. ECL-38-2 while review and causation are unknown) is discussed in the memo, so its
    provisions may be cited even though the verdict, being undetermined, cites none.
    """
    when = event_date or date.today()
    # law_as_of is not a route: its provisions (ECL-89, CC-1260) are cited only when the date matters
    ids = [c for entry in verdict.trace if entry.outcome in ("met", "blocked", "rebutted", "barred") and entry.rule != "law_as_of"
           for c in entry.citations]
    return [c for c in dict.fromkeys(ids) if corpus.resolve(c) and corpus.in_force(c, when)]


def similar_case_ids(verdict: Any, facts: Any, corpus: Any, limit: int = 3) -> list[str]:
    """Up to ``limit`` corpus cases sharing this verdict's route and the claim's category family (see
    ``assistant.drafting.cases``); ``facts`` is the ClaimFacts (a bare life/health flag, the old call, gives none:
    without the category no case can be shown to be similar)."""
    from assistant.drafting.cases import similar_cases

    return similar_cases(verdict, facts, corpus, limit) if hasattr(facts, "category") else []


def keyed_passages(corpus: Any, groups: Iterable[tuple[str, Iterable[Any]]]) -> list[KeyedPassage]:
    """Number the passages of each ``(source, ids or passages)`` group S1, S2 … in order, skipping repeats.

    An item is an id string or an object with an ``id``; ids that do not resolve in the corpus are skipped
    (a retrieval hit or a caller's passage can only be cited if the guard can resolve it).
    """
    out: list[KeyedPassage] = []
    seen: set[str] = set()
    for source, items in groups:
        for item in items:
            pid = item if isinstance(item, str) else getattr(item, "id", None)
            record = corpus.get(pid) if pid else None
            if record is None:
                continue
            canonical = getattr(record, "id", pid)
            if canonical in seen or pid in seen:
                continue
            seen.update({canonical, pid})
            out.append(KeyedPassage(
                key=f"S{len(out) + 1}", id=pid, cite=corpus.cite(pid), title=_title_of(record, corpus),
                text=_text_of(record), kind=kind_of(record), source=source))
    return out


def key_table(passages: Iterable[KeyedPassage]) -> dict[str, str]:
    """``{"S1": "ECL-38-2", …}``: the map the guard uses to resolve citation keys."""
    return {p.key: p.id for p in passages}
