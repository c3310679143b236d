"""Hypothesis strategies for section-7 facts: liability facts plus amounts, dates and interruptions, all consistent."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import get_args

from hypothesis import strategies as st

from assistant.core.models import Category, EventKind, GoodsNonconforming, InjurySeverity, Obligor, PlatformRole

TODAY = date.today()
#: the lines of 7.2 and 7.5 and their neighbours
LINES = [date(2015, 9, 30), date(2015, 10, 1), date(2017, 9, 30), date(2017, 10, 1), date(2018, 12, 28),
         date(2018, 12, 29), date(2019, 11, 30), date(2019, 12, 1), date(2020, 12, 31), date(2021, 1, 1),
         date(2024, 8, 21), date(2024, 8, 22)]
tri = st.sampled_from([None, True, False])
money = st.one_of(st.none(), st.decimals(min_value=0, max_value=Decimal("100000"), places=2),
                  st.sampled_from([Decimal("99.99"), Decimal("100"), Decimal("100.01"), Decimal("166.66"),
                                   Decimal("0")]))
maybe = lambda values: st.one_of(st.none(), st.sampled_from(values))  # noqa: E731


@st.composite
def advice_facts(draw) -> dict:
    """A valid ClaimFacts dict with section-7 facts (dates ordered as 7.1 requires)."""
    event = draw(st.one_of(st.none(), st.sampled_from(LINES), st.dates(date(2014, 3, 15), TODAY)))
    found = draw(st.one_of(st.none(), st.dates(event or date(2014, 3, 15), TODAY)))
    floor = max(d for d in (event, found, date(2014, 3, 15)) if d is not None)
    decision = draw(st.dates(floor, TODAY + timedelta(days=2000)))
    harm = draw(maybe(["personal_injury", "property_loss", "none"]))
    facts = {
        "event_date": event, "harm_discovered_date": found, "decision_date": decision, "harm": harm,
        "platform_role": draw(maybe(get_args(PlatformRole))), "category": draw(maybe(get_args(Category))),
        "qualification_review_done": draw(tri), "safety_duty_done": draw(tri), "knew_or_should_have_known": draw(tri),
        "necessary_measures_taken": draw(tri), "merchant_identity_provided": draw(tri),
        "advance_compensation_promised": draw(tri), "causation": draw(tri), "live_streaming": draw(tri),
        "price_paid": draw(money), "loss_amount": draw(money),
        "injury_severity": draw(maybe(get_args(InjurySeverity))) if harm == "personal_injury" else None,
        "goods_nonconforming": draw(maybe(get_args(GoodsNonconforming))),
        "label_defect_only": draw(tri), "seller_knowingly_sold": draw(tri), "fraud": draw(tri),
        "consumer_knew_at_purchase": draw(tri), "forum_clause": draw(maybe(["none", "prominent", "not_prominent"])),
        "limitation_events": draw(st.one_of(st.none(), st.lists(event_entries(event or date(2014, 3, 15)),
                                                                 max_size=3))),
        "limitation_obstacles": draw(st.one_of(st.none(), st.lists(obstacles(event or date(2014, 3, 15)),
                                                                    max_size=2))),
    }
    return facts


def obstacles(earliest: date) -> st.SearchStrategy:
    """One CC-194-1 obstacle: from, to (None: continuing) and ground 1–5."""
    return st.builds(lambda start, length, ground: {"from": start, "ground": ground,
                                                    **({"to": start + timedelta(days=length)} if length is not None
                                                       else {})},
                     st.dates(earliest, TODAY + timedelta(days=1500)), st.one_of(st.none(), st.integers(0, 400)),
                     st.integers(1, 5))


def event_entries(earliest: date) -> st.SearchStrategy:
    """One interruption: date, kind, obligors, and for proceedings sometimes an end date."""
    return st.builds(
        lambda d, kind, against, end: {"date": d, "kind": kind, "against": against,
                                       **({"end_date": d + timedelta(days=end)}
                                          if end is not None and kind in ("suit_or_arbitration", "equivalent") else {})},
        st.dates(earliest, TODAY + timedelta(days=1500)), st.sampled_from(get_args(EventKind)),
        st.lists(st.sampled_from(get_args(Obligor)), min_size=1, max_size=4, unique=True),
        st.one_of(st.none(), st.integers(0, 900)))
