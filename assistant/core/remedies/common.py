"""What every section-7 rule sees (spec 7.0 S2, S4; 7.2 T1–T3): the clock, the seller role, the law in force.

Pure and cheap: built once per ``classify`` call from the facts and the finished liability verdict.
"""

from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Optional

from assistant.core.models import ClaimFacts, Verdict
from assistant.core.registry import REGISTRY, RuleResult

CIVIL_CODE = date(2021, 1, 1)
#: T1: statutes by event date (section 7's list).
STATUTE_START = {"CPL": date(2014, 3, 15), "FSL": date(2015, 10, 1), "ECL": date(2019, 1, 1),
                 "DAL": date(2019, 12, 1), "PQL": date(2018, 12, 29), "CPLR": date(2024, 7, 1), "CC": CIVIL_CODE}
#: T2/T3: each interpretation's own effective date (by decision_date) and the earliest event its rows reach.
INTERP_START = {"SPC-FD": date(2014, 3, 15), "SPC-FS1": date(2021, 1, 1), "SPC-FDP": date(2024, 8, 22),
                "SPC-TI1": date(2024, 9, 27), "SPC-OC": date(2022, 3, 15)}
INTERP_EARLIEST_EVENT = {"SPC-FD": date(2014, 3, 15), "SPC-FS1": date(2015, 10, 1), "SPC-FDP": date(2014, 3, 15),
                         "SPC-TI1": CIVIL_CODE, "SPC-OC": date(2014, 3, 15)}
#: T1: the Tort Law counterparts cited for events before 2021-01-01 (CC-186 has none: left out).
TLL_OF = {"CC-1179": "TLL-16", "CC-1181-1": "TLL-18-1", "CC-1181-2": "TLL-18-2", "CC-1183-1": "TLL-22",
          "CC-1184": "TLL-19", "CC-1207": "TLL-47", "CC-1203-1": "TLL-43-1", "CC-178-1": "TLL-13",
          "CC-1172": "TLL-12", "CC-1198-2": "TLL-37-2", "CC-1195-2": "TLL-36-2", "CC-186": None}

FOOD = ("food", "catering")
#: 7.13 item 2 (PQL-2-2): services, catering included, have no producer and no product rules.
SERVICES = ("lodging", "transport", "other_service", "catering")
NONCONFORMING = ("food_safety_standard", "fake_or_substandard_drug", "defect")

CENT = Decimal("0.01")

#: Section 1's code order (liability.md), used to order object-level citations (7.8).
CODE_ORDER = ("ECL", "CC", "TLL", "CPL", "FSL", "PQL", "DAL", "SPC-OC", "SPC-FD", "SPC-TI1", "SPC-EV", "SPC-FS1",
              "SPC-FDP", "SPC-CPI", "CPROC", "CPLR", "FSLR", "QIN")
_CODES_LONGEST_FIRST = sorted(CODE_ORDER, key=len, reverse=True)


def money(value: Optional[Decimal]) -> Optional[str]:
    """Yuan rounded ROUND_HALF_UP to 0.01 and written with two decimals (S5); None stays None."""
    return None if value is None else str(value.quantize(CENT, rounding=ROUND_HALF_UP))


@lru_cache(maxsize=4096)   # a few hundred distinct ids; sorting them is the hot path of section 7
def citation_key(pid: str) -> tuple:
    """Sort key: the code's place in section 1, then article, paragraph, item numerically."""
    code = next((c for c in _CODES_LONGEST_FIRST if pid.startswith(c + "-")), pid.split("-", 1)[0])
    rest = pid[len(code) + 1:]
    nums = tuple(int(n) if n.isdigit() else 0 for n in re.split(r"[-.]", rest))
    return (CODE_ORDER.index(code) if code in CODE_ORDER else len(CODE_ORDER), nums)


def ordered_citations(ids: list[str]) -> list[str]:
    """Deduplicated and in the code order of 7.8."""
    return sorted(set(ids), key=citation_key)


def dedupe(ids: list[Any]) -> list[Any]:
    """Keep first occurrences, in order."""
    try:
        return list(dict.fromkeys(ids))   # hashable items (ids, party names): one pass, the same first occurrences
    except TypeError:
        out: list[Any] = []
        for item in ids:
            if item not in out:
                out.append(item)
        return out


@dataclass
class Advice:
    """The section-7 context: facts, the liability verdict's outputs, the clock and derived predicates."""

    facts: ClaimFacts
    form: str
    regimes: list[str]
    expanded_damage: bool
    decision: date
    decision_basis: str
    seller_role: Optional[str]            # "self" / "misleading" / None (S4, rule 2's test)
    trace: dict[str, list[RuleResult]] = field(default_factory=dict)
    keep_trace: bool = True               # False: batch paths (classify(trace=False)) keep no section-7 trace

    @property
    def event(self) -> Optional[date]:
        """The event date (None: unknown, current law assumed)."""
        return self.facts.event_date

    @property
    def is_food(self) -> bool:
        """S4: food = category food or catering."""
        return self.facts.category in FOOD

    @property
    def is_drug(self) -> bool:
        """S4: drug = category drug."""
        return self.facts.category == "drug"

    @property
    def is_service(self) -> bool:
        """7.13 item 2: services (catering as a service) take no producer and no product rules."""
        return self.facts.category in SERVICES

    @property
    def nonconforming(self) -> bool:
        """S4: goods_nonconforming is a safety nonconformity (food standard, fake drug, defect)."""
        return self.facts.goods_nonconforming in NONCONFORMING

    @property
    def producer_listed(self) -> bool:
        """D3 with 7.13 item 2: a producer is named when the goods are nonconforming and not a service."""
        return self.nonconforming and not self.is_service

    def statute(self, code: str) -> bool:
        """T1: the statute ``code`` governs the event (unknown event: current law)."""
        return self.event is None or self.event >= STATUTE_START[code]

    def interp(self, instrument: str, statute_from: date) -> bool:
        """T2/T3: ``instrument`` applies by decision_date and the interpreted statute governs the event."""
        return self.decision >= INTERP_START[instrument] and (self.event is None or self.event >= statute_from)

    def interpretations(self) -> dict[str, str]:
        """7.2 ``remedies.interpretations``: per instrument, applies / not_applicable."""
        return {code: "applies" if self.interp(code, INTERP_EARLIEST_EVENT[code]) else "not_applicable"
                for code in ("SPC-FD", "SPC-FS1", "SPC-FDP", "SPC-TI1", "SPC-OC")}

    def cc(self, pid: str) -> Optional[str]:
        """T1: a Civil Code id, or its Tort Law counterpart for events before 2021 (None when it has none)."""
        if self.event is not None and self.event < CIVIL_CODE and pid in TLL_OF:
            return TLL_OF[pid]
        return pid

    def seller_citations(self) -> list[str]:
        """The platform's seller citations (H6, H7, P7): SPC-FS1-2-1/-2-2 for food (T2), SPC-OC-4-1/-4-2 (T3)."""
        self_ = self.seller_role == "self"
        out = []
        if self.is_food and self.interp("SPC-FS1", STATUTE_START["FSL"]):
            out.append("SPC-FS1-2-1" if self_ else "SPC-FS1-2-2")
        if self.interp("SPC-OC", STATUTE_START["CPL"]):
            out.append("SPC-OC-4-1" if self_ else "SPC-OC-4-2")
        return out

    def record(self, obj: str, rule_id: str, outcome: str, detail: str, citations: list[str]) -> None:
        """Keep the result of rule ``rule_id`` for the trace of the section-7 object ``obj`` (see ``result``);
        a batch path keeps no trace, so nothing is built (issue 18)."""
        if self.keep_trace:
            self.trace.setdefault(obj, []).append(result(rule_id, outcome, detail, citations))

    def trace_of(self, obj: str) -> list[dict]:
        """The JSON trace of the object ``obj`` (rule, title, outcome, detail, citations)."""
        return [{"rule": r.rule, "title": r.title, "outcome": r.outcome, "detail": r.detail,
                 "citations": dedupe(r.citations)} for r in self.trace.get(obj, [])]


def result(rule_id: str, outcome: str, detail: str, citations: list[str]) -> RuleResult:
    """A trace result of the registered rule ``rule_id`` (tests check its citations are registered ones)."""
    spec = REGISTRY[rule_id]
    return RuleResult(rule=spec.id, title=spec.title, outcome=outcome, detail=detail, citations=dedupe(citations))


def build(facts: ClaimFacts, verdict: Verdict, seller_role: Optional[str], keep_trace: bool = True) -> Advice:
    """S2: the one clock (decision_date, or the run date) and the verdict parts section 7 reads."""
    decision = facts.decision_date or date.today()
    return Advice(facts=facts, form=verdict.liability_form, regimes=list(verdict.regimes),
                  expanded_damage=verdict.expanded_damage, decision=decision,
                  decision_basis="input" if facts.decision_date else "run_date", seller_role=seller_role,
                  keep_trace=keep_trace)
