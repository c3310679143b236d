"""Typed facts in, typed verdict out: the data contract of the liability core (spec sections 2 and 3).

Unknown is a value: every fact is optional and ``None`` means "not known", never a silent default.
Booleans are strict (JSON ``true``/``false``/``null`` only); enum fields accept exactly the spec's values.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal, Optional, get_args

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError
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
