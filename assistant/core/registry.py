"""The rule registry: small rule functions registered by ``@rule`` with their provision ids and effective dates.

In the style of OpenFisca variables and Catala articles: each rule is a pure function of a ``Context``
returning a ``RuleResult`` (its elements, outcome, citations); the engine decides order and precedence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Callable, Optional

from assistant.core.law_as_of import applies
from assistant.core.models import ClaimFacts, Element, TraceEntry

ELEMENT_STATUS = {True: "satisfied", False: "failed", None: "unknown"}


@dataclass(frozen=True)
class Context:
    """What every rule sees: the facts, the law date, and facts derived without mutating the facts."""

    facts: ClaimFacts
    on: date                      # the date whose law applies (event_date, or today when unknown)
    date_known: bool
    life_health: Optional[bool]   # the fact, or derived from category (spec section 2)
    life_health_derived: bool
    seller_route: bool            # rule 2 applies: self-operated (or misleading, once in force)
    decided: date                 # spec 1.1 rule 1: the decision date (decision_date, or today when unknown)
    decision_known: bool

    def applies(self, provision_id: str) -> bool:
        """Spec rule 1: statutes by the event date, interpretations (SPC-*) by the decision date."""
        return applies(provision_id, self.on, self.decided)

    @property
    def is_food(self) -> bool:
        """"Food" in rules 4–7: category food or catering."""
        return self.facts.category in ("food", "catering")

    @property
    def is_drug(self) -> bool:
        """"Drugs" in rules 4–7: category drug."""
        return self.facts.category == "drug"


@dataclass(slots=True)   # slots: about twenty results per claim are built and read in the hot path
class El:
    """An element being evaluated: ``ok`` True/False/None, and the unknown facts behind it."""

    name: str
    value: object
    ok: Optional[bool]
    facts: tuple[str, ...] = ()
    # the one value of the element's single fact (``name``, or ``facts[0]``) that can satisfy it, as in
    # ``fact_is`` (None: unspecified); rule 12's search skips the other values, which fail the element and so
    # the route
    wanted: object = None

    def unknown_facts(self) -> tuple[str, ...]:
        """The facts to ask for when this element is unknown."""
        return self.facts or (self.name,)


@dataclass(slots=True)
class RuleResult:
    """A rule evaluated: elements, outcome, citations, and for routes the regime id and form."""

    rule: str
    title: str
    elements: list[El] = field(default_factory=list)
    outcome: str = "not_applicable"
    detail: str = ""
    citations: list[str] = field(default_factory=list)
    regime: Optional[str] = None
    form: Optional[str] = None          # met: the form given; blocked: the earliest form it could give
    unknown: list[str] = field(default_factory=list)   # blocking facts, in element order
    notes: list[str] = field(default_factory=list)

    def settle(self, met_form: Optional[str], potential_form: Optional[str] = None) -> "RuleResult":
        """Set outcome from the elements (spec "What blocks"): any failed → failed; any unknown → blocked."""
        for e in self.elements:
            if e.ok is not True:
                break
        else:
            # every element satisfied: no lists built
            self.outcome, self.form = "met", met_form
            self.detail = "要件全部满足"
            return self
        failed = [e.name for e in self.elements if e.ok is False]
        unknown = [e for e in self.elements if e.ok is None]
        if failed:
            self.outcome, self.form = "failed", None
            self.detail = "不满足要件：" + "、".join(failed)
        elif unknown:
            self.outcome, self.form = "blocked", potential_form or met_form
            self.unknown = [f for e in unknown for f in (e.facts or (e.name,))]   # ``unknown_facts``, inlined
            self.detail = "要件事实不明：" + "、".join(self.unknown)
        else:
            self.outcome, self.form = "met", met_form
            self.detail = "要件全部满足"
        return self

    def to_trace(self) -> TraceEntry:
        """The public trace entry of this result."""
        # built unvalidated (speed) from known-valid pieces; tests re-validate every dumped verdict
        return _construct(
            TraceEntry, rule=self.rule, title=self.title,
            elements=[_construct(Element, name=e.name, value=_plain(e.value), status=ELEMENT_STATUS[e.ok])
                      for e in self.elements],
            outcome=self.outcome, detail=self.detail, citations=list(self.citations),
            form=self.form if self.outcome in ("met", "blocked", "rebutted") else None,
        )


def _fast_construct(cls, **values):
    """``cls.model_construct(**values)`` for a model without extras or private attributes, given every field.

    Half the cost of ``model_construct`` (which re-walks the field defaults): the trace is the engine's largest
    allocation (about 40 objects per claim). Used only if it matches ``model_construct`` at import (below).
    """
    obj = cls.__new__(cls)
    object.__setattr__(obj, "__dict__", values)
    object.__setattr__(obj, "__pydantic_fields_set__", set(values))
    object.__setattr__(obj, "__pydantic_extra__", None)
    object.__setattr__(obj, "__pydantic_private__", None)
    return obj


def _pick_construct():
    """The fast constructor when it builds exactly what ``model_construct`` builds, else ``model_construct``."""
    sample = dict(rule="r", title="t", elements=[], outcome="met", detail="", citations=["X-1"], form=None)
    fast, slow = _fast_construct(TraceEntry, **sample), TraceEntry.model_construct(**sample)
    same = (fast == slow and fast.model_dump() == slow.model_dump() and fast.__dict__ == slow.__dict__
            and fast.model_fields_set == slow.model_fields_set)
    return _fast_construct if same else (lambda cls, **values: cls.model_construct(**values))


_construct = _pick_construct()


def _plain(value: object) -> object:
    """Element values as JSON scalars (bool, str or None)."""
    if value is None or isinstance(value, (bool, str)):
        return value
    return str(value)


@dataclass(frozen=True)
class Rule:
    """A registered rule: id, title, every provision it may cite, effective window, the function."""

    id: str
    title: str
    provisions: tuple[str, ...]
    effective: Optional[date]
    until: Optional[date]
    func: Callable[..., RuleResult]

    def applies_on(self, on: date) -> bool:
        """Whether the rule's own instrument is in force on ``on``."""
        return (self.effective is None or on >= self.effective) and (self.until is None or on <= self.until)


REGISTRY: dict[str, Rule] = {}
_HEADS: dict[str, tuple[str, str]] = {}   # rule id → (id, title): ``start`` runs about twenty times per claim


def rule(id: str, title: str, provisions: list[str], effective: Optional[date] = None,
         until: Optional[date] = None) -> Callable[[Callable[..., RuleResult]], Callable[..., RuleResult]]:
    """Register a rule function under ``id`` with the provision ids it implements and its effective dates."""

    def register(func: Callable[..., RuleResult]) -> Callable[..., RuleResult]:
        if id in REGISTRY:
            raise ValueError(f"rule {id!r} registered twice")
        REGISTRY[id] = Rule(id, title, tuple(provisions), effective, until, func)
        _HEADS[id] = (id, title)
        func.rule_id = id  # type: ignore[attr-defined]
        return func

    return register


def _plain_start(rule_id: str) -> RuleResult:
    """A fresh result for the registered rule ``rule_id`` (the dataclass constructor)."""
    return RuleResult(*_HEADS[rule_id])


_new = object.__new__


def _fast_start(rule_id: str) -> RuleResult:
    """``RuleResult(id, title)`` without the dataclass's ``__init__`` call and default-factory tests (about
    fourteen results per claim). Used only if it builds an equal result (checked below)."""
    res = _new(RuleResult)
    res.rule, res.title = _HEADS[rule_id]
    res.elements, res.outcome, res.detail, res.citations = [], "not_applicable", "", []
    res.regime = res.form = None
    res.unknown, res.notes = [], []
    return res


def _pick_start():
    """The fast constructor when it builds what the dataclass builds (every field, fresh lists), else the plain."""
    _HEADS.setdefault("_check", ("_check", "t"))
    fast, plain = _fast_start("_check"), _plain_start("_check")
    del _HEADS["_check"]
    lists = ("elements", "citations", "unknown", "notes")
    same = (fast == plain and all(getattr(fast, n) == [] for n in lists)
            and len({id(getattr(fast, n)) for n in lists}) == len(lists)
            and [f for f in RuleResult.__dataclass_fields__] == ["rule", "title", "elements", "outcome", "detail",
                                                                 "citations", "regime", "form", "unknown", "notes"])
    return _fast_start if same else _plain_start


start = _pick_start()


#: Shorthand for an element: ``el(name, value, ok, facts=())`` is the El constructor itself (no wrapper call:
#: about forty elements are built per claim).
el = El


def fact_is(name: str, value: object, wanted: object) -> El:
    """An element that holds when the fact equals ``wanted``; unknown when the fact is None."""
    return El(name, value, None if value is None else value == wanted, (), wanted)


def harm_element(facts: ClaimFacts) -> El:
    """The element every route shares (spec "What blocks"): there is damage (``harm != none``)."""
    return El("harm", facts.harm, None if facts.harm is None else facts.harm != "none")
