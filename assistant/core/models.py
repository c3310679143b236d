"""Typed facts in, typed verdict out: the data contract of the liability core (spec sections 2 and 3).

Unknown is a value: every fact is optional and ``None`` means "not known", never a silent default.
Booleans are strict (JSON ``true``/``false``/``null`` only); enum fields accept exactly the spec's values.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal, Optional, get_args

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, model_validator
from pydantic_core import PydanticCustomError


PlatformRole = Literal["marketplace", "self_operated", "misleading_self_operated"]
Category = Literal[
    "food", "catering", "drug", "medical_device", "cosmetics", "transport", "lodging", "other_goods", "other_service"
]
Harm = Literal["personal_injury", "property_loss", "none"]
MerchantFault = Literal["intentional", "negligent"]
PlatformContribution = Literal["major", "minor"]

LiabilityForm = Literal[
    "joint_and_several", "supplementary", "proportional", "proportional_joint",
    "seller_liability", "advance_compensation", "none", "undetermined",
]
LiabilityNature = Literal["tort", "contract_seller"]
Imputation = Literal["fault", "presumed_fault", "not_applicable"]
Burden = Literal["consumer", "platform", "not_applicable"]
BurdenBasis = Literal["lex_lata", "proposal"]
ElementStatus = Literal["satisfied", "failed", "unknown"]
Outcome = Literal["met", "failed", "blocked", "barred", "rebutted", "not_applicable"]
DoctrineName = Literal["qin2025", "intent_split", "supplementary_only", "joint", "proportional_joint"]

#: The precedence order of spec section 4 (earlier wins); ``undetermined`` is not in it.
FORM_PRECEDENCE: tuple[str, ...] = (
    "seller_liability", "joint_and_several", "proportional_joint", "proportional",
    "supplementary", "advance_compensation", "none",
)
DOCTRINES: tuple[str, ...] = get_args(DoctrineName)


def _strict_bool(value: Any) -> Any:
    """Accept only true, false or null (no "yes", no 0/1): a wrong type is an error naming the accepted values."""
    if value is None or isinstance(value, bool):
        return value
    raise PydanticCustomError(
        "tri_bool", "must be true, false or null (unknown); got {got}", {"got": repr(value)}
    )


def _choice(*values: str):
    """A before-validator accepting exactly ``values`` (or null), with an error listing them."""
    accepted = ", ".join(values)

    def check(value: Any) -> Any:
        if value is None or (isinstance(value, str) and value in values):
            return value
        raise PydanticCustomError(
            "choice", "must be one of: {accepted} (or null for unknown); got {got}",
            {"accepted": accepted, "got": repr(value)},
        )

    return BeforeValidator(check)


def _parse_date(value: Any) -> Any:
    """Accept a date or an ISO ``YYYY-MM-DD`` string (a real calendar date); anything else is a clear error."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            parsed = date.fromisoformat(value.strip()) if len(value.strip()) == 10 else None
        except ValueError:
            parsed = None
        if parsed is not None:
            return parsed
    raise PydanticCustomError("date_format", "must be a date written YYYY-MM-DD (or null for unknown)")


def _event_date(value: Any) -> Any:
    """Accept a date or an ISO ``YYYY-MM-DD`` string, not in the future."""
    value = _parse_date(value)
    if value is not None and value > date.today():
        raise PydanticCustomError(
            "future_date", "must not be in the future (today is {today}); got {got}",
            {"today": date.today().isoformat(), "got": value.isoformat()},
        )
    return value


def _decision_date(value: Any) -> Any:
    """Accept a real ``YYYY-MM-DD`` date; a future one is allowed (a pending case's expected hearing date)."""
    return _parse_date(value)


TriBool = Annotated[Optional[bool], BeforeValidator(_strict_bool)]


# --- Spec section 7.1 (remedies, limitation, forum): the new facts and their types -------------------------

def _money(value: Any) -> Any:
    """Yuan as an exact ``Decimal`` ≥ 0 from a JSON number or a decimal string (7.1, S5); bools and NaN refused."""
    if value is None or isinstance(value, Decimal) and value.is_finite() and value >= 0:
        return value
    parsed: Optional[Decimal] = None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        parsed = Decimal(str(value))        # str(): the JSON literal 59.9 stays 59.9, not its binary expansion
    elif isinstance(value, str):
        try:
            parsed = Decimal(value.strip())
        except InvalidOperation:
            parsed = None
    if parsed is None or not parsed.is_finite():
        raise PydanticCustomError("money", "must be an amount in yuan, a number such as 368 or 368.00 (or null); "
                                  "got {got}", {"got": repr(value)})
    if parsed < 0:
        raise PydanticCustomError("money_negative", "must not be negative; got {got}", {"got": str(parsed)})
    return parsed


Money = Annotated[Optional[Decimal], BeforeValidator(_money)]
InjurySeverity = Literal["minor", "serious", "disability", "death"]
GoodsNonconforming = Literal["food_safety_standard", "fake_or_substandard_drug", "defect", "quality_only", "none"]
ForumClause = Literal["none", "prominent", "not_prominent"]
EventKind = Literal["demand", "obligor_agreed", "suit_or_arbitration", "equivalent"]
Obligor = Literal["merchant", "platform", "producer", "live_room_operator"]
_FactDate = Annotated[date, BeforeValidator(_parse_date)]
_OptDate = Annotated[Optional[date], BeforeValidator(_parse_date)]


class LimitationEvent(BaseModel):
    """A CC-195 interruption: date, kind, the obligors it was made against, and (suit, equivalent) its end."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    date: _FactDate
    kind: Annotated[EventKind, _choice(*get_args(EventKind))]
    against: Annotated[tuple[Annotated[Obligor, _choice(*get_args(Obligor))], ...], Field(min_length=1)]
    end_date: _OptDate = None

    @model_validator(mode="after")
    def _consistent(self) -> "LimitationEvent":
        if len(set(self.against)) != len(self.against):
            raise PydanticCustomError("event", "against: each obligor at most once; got {got}",
                                      {"got": ", ".join(self.against)})
        if self.end_date is not None:
            if self.kind not in ("suit_or_arbitration", "equivalent"):
                raise PydanticCustomError("event", "end_date is only for suit_or_arbitration or equivalent "
                                          "(the end of the proceedings, CC-195); got kind {kind}", {"kind": self.kind})
            if self.end_date < self.date:
                raise PydanticCustomError("event", "end_date {end} is before the event date {start}",
                                          {"end": self.end_date.isoformat(), "start": self.date.isoformat()})
        return self


class LimitationObstacle(BaseModel):
    """A CC-194-1 obstacle: from, to (null: continuing) and ground (item 1–5 of CC-194-1)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, serialize_by_alias=True)

    start: _FactDate = Field(alias="from")
    to: _OptDate = None
    ground: Annotated[int, Field(ge=1, le=5, strict=True)]

    @model_validator(mode="after")
    def _ordered(self) -> "LimitationObstacle":
        if self.to is not None and self.to < self.start:
            raise PydanticCustomError("obstacle", "to {to} is before from {start}",
                                      {"to": self.to.isoformat(), "start": self.start.isoformat()})
        return self


class ClaimFacts(BaseModel):
    """The facts of one claim (spec section 2); every field optional, ``None`` = unknown."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    event_date: Annotated[Optional[date], BeforeValidator(_event_date)] = None
    # Spec 1.1 rule 1: decides which judicial interpretations apply; None = the run date. A future date is
    # allowed on purpose: an open dispute may be argued as of its expected decision date.
    decision_date: Annotated[Optional[date], BeforeValidator(_decision_date)] = None
    platform_role: Annotated[Optional[PlatformRole], _choice(*get_args(PlatformRole))] = None
    category: Annotated[Optional[Category], _choice(*get_args(Category))] = None
    life_health: TriBool = None
    harm: Annotated[Optional[Harm], _choice(*get_args(Harm))] = None
    causation: TriBool = None
    knew_or_should_have_known: TriBool = None
    necessary_measures_taken: TriBool = None
    qualification_review_done: TriBool = None
    safety_duty_done: TriBool = None
    merchant_identity_provided: TriBool = None
    advance_compensation_promised: TriBool = None
    merchant_fault: Annotated[Optional[MerchantFault], _choice(*get_args(MerchantFault))] = None
    platform_contribution: Annotated[
        Optional[PlatformContribution], _choice(*get_args(PlatformContribution))
    ] = None
    consumer_prima_facie_evidence: TriBool = None
    platform_proved_compliance: TriBool = None
    force_majeure: TriBool = None
    complaint_delay_expanded_damage: TriBool = None
    live_streaming: TriBool = None
    narrative: Optional[str] = None
    # spec section 7.1: remedies, limitation and forum facts (unknown = null; validated together below)
    price_paid: Money = None
    loss_amount: Money = None
    injury_severity: Annotated[Optional[InjurySeverity], _choice(*get_args(InjurySeverity))] = None
    goods_nonconforming: Annotated[Optional[GoodsNonconforming], _choice(*get_args(GoodsNonconforming))] = None
    label_defect_only: TriBool = None
    seller_knowingly_sold: TriBool = None
    fraud: TriBool = None
    consumer_knew_at_purchase: TriBool = None
    harm_discovered_date: Annotated[Optional[date], BeforeValidator(_event_date)] = None
    limitation_events: Optional[tuple[LimitationEvent, ...]] = None
    limitation_obstacles: Optional[tuple[LimitationObstacle, ...]] = None
    forum_clause: Annotated[Optional[ForumClause], _choice(*get_args(ForumClause))] = None

    @model_validator(mode="after")
    def _section_7_consistent(self) -> "ClaimFacts":
        """Spec 7.1: impossible combinations are errors naming the facts (never a traceback downstream)."""
        if self.injury_severity is not None and self.harm != "personal_injury":
            raise PydanticCustomError("facts", "injury_severity is only for harm = personal_injury; got harm = {h}",
                                      {"h": str(self.harm) if self.harm else "null (unknown)"})
        ev, found, dec = self.event_date, self.harm_discovered_date, self.decision_date
        pairs = [("harm_discovered_date", found, "event_date", ev), ("decision_date", dec, "event_date", ev),
                 ("decision_date", dec, "harm_discovered_date", found)]
        for late, late_d, early, early_d in pairs:
            if late_d is not None and early_d is not None and late_d < early_d:
                raise PydanticCustomError("facts", "{late} ({ld}) must not be before {early} ({ed})",
                                          {"late": late, "ld": late_d.isoformat(), "early": early,
                                           "ed": early_d.isoformat()})
        return self


FACT_FIELDS: tuple[str, ...] = tuple(ClaimFacts.model_fields)


class Element(BaseModel):
    """One element of a rule as evaluated: its name, the value seen and whether it holds."""

    name: str
    value: Optional[bool | str] = None
    status: ElementStatus


class TraceEntry(BaseModel):
    """One rule evaluated: its elements, outcome, a detail naming what failed/blocked/barred, its citations."""

    rule: str
    title: str
    elements: list[Element] = Field(default_factory=list)
    outcome: Outcome
    detail: str = ""
    citations: list[str] = Field(default_factory=list)
    # rule 12 (scenarios name a route's own form): met → the form it gives; blocked → the earliest it could give
    form: Optional[LiabilityForm] = None


class MissingFact(BaseModel):
    """An unknown fact that blocks a conclusion or could change it, with the question to ask the client."""

    fact: str
    question: str


class DoctrineInfo(BaseModel):
    """The doctrine profile used and the liability form each other profile would give."""

    profile: DoctrineName
    alternatives: dict[str, LiabilityForm] = Field(default_factory=dict)


class AsOf(BaseModel):
    """The law applied: the date used (None when unknown and current law was assumed), instruments, notes."""

    date: Optional[str] = None
    assumed_current_law: bool = False
    instruments: list[str] = Field(default_factory=list)
    version_notes: list[str] = Field(default_factory=list)


class Scenario(BaseModel):
    """What proving some unknown facts would give (rule 12): the route, its form and the facts it requires."""

    route: str
    form: LiabilityForm
    requires: dict[str, bool | str] = Field(default_factory=dict)


class Verdict(BaseModel):
    """The engine's conclusion (spec section 3); ``model_dump(mode="json")`` is the spec's JSON shape."""

    liability_form: LiabilityForm
    regimes: list[str] = Field(default_factory=list)
    liability_nature: LiabilityNature = "tort"
    imputation: Imputation = "not_applicable"
    burden_of_proof: Burden = "not_applicable"
    burden_basis: BurdenBasis = "lex_lata"
    recourse: bool = False
    expanded_damage: bool = False
    doctrine: DoctrineInfo
    citations: list[str] = Field(default_factory=list)
    trace: list[TraceEntry] = Field(default_factory=list)
    missing_facts: list[MissingFact] = Field(default_factory=list)
    as_of: AsOf = Field(default_factory=AsOf)
    notes: list[str] = Field(default_factory=list)
    # Spec 1.1 rule 12: the form on the present record (unknowns resolved against the party bearing the burden);
    # None only when a Verdict is built outside the engine, which always sets it.
    on_record: Optional[LiabilityForm] = None
    scenarios: list[Scenario] = Field(default_factory=list)
    # Spec section 7 (7.8): JSON-ready objects (money as "0.00" strings, dates ISO) filled by the engine's last step
    remedies: dict[str, Any] = Field(default_factory=dict)
    limitation: dict[str, Any] = Field(default_factory=dict)
    forum: dict[str, Any] = Field(default_factory=dict)


def facts_error_messages(exc: ValidationError) -> list[str]:
    """Turn a ClaimFacts ValidationError into one plain line per bad field, naming the field and accepted values."""
    lines = []
    for err in exc.errors():
        field = ".".join(str(part) for part in err.get("loc", ())) or "<facts>"
        if err.get("type") == "extra_forbidden":
            lines.append(f"{field}: unknown field; accepted fields: {', '.join(FACT_FIELDS)}")
        elif err.get("type") == "model_type":
            lines.append(f"{field}: the facts must be a JSON object with the fields {', '.join(FACT_FIELDS)}")
        else:
            lines.append(f"{field}: {err.get('msg')}")
    return lines
