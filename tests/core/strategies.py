"""Hypothesis strategies for ClaimFacts: every field drawn from its spec domain or unknown (None)."""

from __future__ import annotations

from datetime import date
from typing import get_args

from hypothesis import strategies as st

from assistant.core.models import Category, Harm, MerchantFault, PlatformContribution, PlatformRole

BOOL_FIELDS = (
    "life_health", "causation", "knew_or_should_have_known", "necessary_measures_taken",
    "qualification_review_done", "safety_duty_done", "merchant_identity_provided", "advance_compensation_promised",
    "consumer_prima_facie_evidence", "platform_proved_compliance", "force_majeure",
    "complaint_delay_expanded_damage", "live_streaming",
)
ENUM_FIELDS = {
    "platform_role": get_args(PlatformRole), "category": get_args(Category), "harm": get_args(Harm),
    "merchant_fault": get_args(MerchantFault), "platform_contribution": get_args(PlatformContribution),
}
#: Dates around every boundary of spec rule 1, plus anything from 2013 to today.
BOUNDARY_DATES = [date(2014, 3, 14), date(2014, 3, 15), date(2015, 9, 30), date(2015, 10, 1), date(2018, 12, 31),
                  date(2019, 1, 1), date(2020, 12, 31), date(2021, 1, 1), date(2022, 3, 14), date(2022, 3, 15),
                  date(2024, 9, 26), date(2024, 9, 27)]
event_dates = st.one_of(st.none(), st.sampled_from(BOUNDARY_DATES),
                        st.dates(min_value=date(2013, 1, 1), max_value=date.today()))


def _maybe(values) -> st.SearchStrategy:
    return st.one_of(st.none(), st.sampled_from(list(values)))


#: Decision dates around every interpretation's effective date (spec 1.1 rule 1), and a pending case's future date.
DECISION_DATES = [date(2020, 12, 31), date(2021, 1, 1), date(2022, 3, 14), date(2022, 3, 15), date(2024, 9, 26),
                  date(2024, 9, 27), date(2030, 1, 1)]


def _with_decision_date(data: dict) -> st.SearchStrategy:
    """Add a decision date never before the event date (ClaimFacts rejects that), or unknown."""
    event = data["event_date"]
    choices = [d for d in DECISION_DATES if event is None or d >= event] + ([event] if event else [])
    strategy = st.one_of(st.none(), st.sampled_from(choices)) if choices else st.none()
    return strategy.map(lambda decided: {**data, "decision_date": decided})


facts_dicts = st.fixed_dictionaries(
    {"event_date": event_dates,
     **{name: _maybe(values) for name, values in ENUM_FIELDS.items()},
     **{name: _maybe((True, False)) for name in BOOL_FIELDS}},
).flatmap(_with_decision_date)
