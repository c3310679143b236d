"""The one allowed set: what a memo on these facts may cite, and what its 依据 list rests on.

``memo_authority_groups`` is the single source of the authorities a memo may cite from (the verdict, the live
routes, the time-law provisions when the date matters, the doctrine, similar cases, then any passages given or
retrieved). ``lexmemo draft`` keys its passages from it and ``lexmemo verify`` without a receipt calls it with
no passages: the template drafter cites only the deterministic part, so both compute the same set.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Iterable

from assistant.drafting.passages import doctrine_ids, live_route_ids, similar_case_ids

# ECL-89: the E-Commerce Law took effect on 2019-01-01; CC-1260: the Civil Code replaced the Tort Law etc. on
# 2021-01-01. They decide the applicable law only for an event before those dates (spec rule 1).
ECL_EFFECTIVE = date(2019, 1, 1)
CC_EFFECTIVE = date(2021, 1, 1)
ROUTE_OUTCOMES = ("met", "blocked", "rebutted", "barred")
# the cases note P6 (spec 7.8) refers to on whether the platform's liability reaches punitive damages
P6_CASES = ("spc2023-08-waimai-malatang", "harbin-nangang-taobao-baiai")


def time_law_ids(verdict: Any, event_date: date | None) -> list[str]:
    """The law_as_of provisions that decide the applicable law: ECL-89 before 2019, CC-1260 before 2021."""
    if event_date is None:
        return []
    wanted = set()
    if event_date < ECL_EFFECTIVE:
        wanted.add("ECL-89")
    if event_date < CC_EFFECTIVE:
        wanted.add("CC-1260")
    return [c for e in verdict.trace if e.rule == "law_as_of" for c in e.citations if c in wanted]


def memo_authority_groups(facts: Any, verdict: Any, corpus: Any,
                          passages: Iterable[Any] = (), passages_source: str = "given") -> list[tuple[str, list]]:
    """The ``(source, ids or passages)`` groups a memo's keyed passages are numbered from, in citing order."""
    groups: list[tuple[str, list]] = [
        ("verdict", list(verdict.citations)),
        ("trace", live_route_ids(verdict, facts.event_date, corpus)),
        ("time", time_law_ids(verdict, facts.event_date)),
        ("doctrine", doctrine_ids(verdict, facts.event_date, corpus)),
        ("case", similar_case_ids(verdict, facts, corpus)),
        ("remedies", remedy_ids(verdict, facts.event_date, corpus)),
    ]
    extra = list(passages)
    if extra:
        groups.append((passages_source, extra))
    return groups


def remedy_ids(verdict: Any, event_date: date | None, corpus: Any) -> list[str]:
    """The provisions of spec section 7 (remedies, limitation, forum) the memo may cite: every id in those objects
    except a failed or inapplicable punitive basis's, in force on the event date; plus the cases note P6 names."""
    ids: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("status") in ("failed", "not_applicable", "check_prior_law") and "basis" in node:
                return
            for key, value in node.items():
                if key == "citations":
                    ids.extend(value)
                elif key != "trace":
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    # remedies: its top-level list also holds the failed bases' ids, so only the live parts are walked
    walk({k: v for k, v in (getattr(verdict, "remedies", None) or {}).items() if k != "citations"})
    walk(getattr(verdict, "limitation", None) or {})
    walk(getattr(verdict, "forum", None) or {})
    notes = " ".join((getattr(verdict, "remedies", None) or {}).get("notes", []))
    ids += [c for c in P6_CASES if c in notes]
    when = event_date or date.today()
    return [c for c in dict.fromkeys(ids) if corpus.resolve(c) and corpus.in_force(c, when)]


def allowed_ids(facts: Any, verdict: Any, corpus: Any, passages: Iterable[Any] = ()) -> list[str]:
    """The ids a memo on these facts (its verdict already computed under the doctrine and decision date) may cite:
    the deterministic authorities, then the ids of any passages given or retrieved; each resolves in the corpus."""
    out: list[str] = []
    for _, items in memo_authority_groups(facts, verdict, corpus, passages):
        for item in items:
            pid = item if isinstance(item, str) else getattr(item, "id", None)
            if pid and pid not in out and corpus.resolve(pid):
                out.append(pid)
    return out


def route_entries(verdict: Any, outcomes: tuple[str, ...] = ("met",)) -> list[Any]:
    """The trace entries of the liability routes (not the time, bar, burden or damage rules) with these outcomes."""
    skip = ("law_as_of", "burden", "expanded_damage")
    return [e for e in verdict.trace if e.outcome in outcomes and e.rule not in skip and not e.rule.startswith("bar_")]


def ground_ids(verdict: Any, event_date: date | None) -> list[str]:
    """What the conclusion rests on, in order: the winning and concurrent routes (their own citations), the bars
    applied, the burden rule used, the time-law provisions when the date matters; for an undetermined verdict
    the leading provision of each route left open. A failed route is never a ground."""
    ids: list[str] = list(verdict.citations)
    for entry in verdict.trace:
        if entry.rule.startswith("bar_") and entry.outcome == "met":
            ids += entry.citations
        if entry.rule in ("burden", "expanded_damage") and entry.outcome == "met":
            ids += entry.citations
    if verdict.liability_form == "undetermined":
        ids += [e.citations[0] for e in route_entries(verdict, ("blocked",)) if e.citations]
    ids += time_law_ids(verdict, event_date)
    return list(dict.fromkeys(ids))
