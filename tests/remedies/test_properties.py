"""Properties of section 7 (issue 13): statutory floors, days_left, interruptions never shorten a period."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.core import classify
from assistant.core.registry import REGISTRY
from tests.remedies.strategies import advice_facts

PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FLOORS = {"FSL-148-2": Decimal("1000.00"), "DAL-144-3": Decimal("1000.00"), "CPL-55-1": Decimal("500.00")}


@PROPERTY
@given(advice_facts())
def test_amounts_never_below_the_statutory_floor_when_a_basis_is_eligible(data):
    """Every eligible basis with a floor has an amount at or above it, with two decimals (S5)."""
    remedies = classify(data).model_dump(mode="json")["remedies"]
    for basis in remedies["punitive"]["bases"]:
        if basis["status"] == "eligible" and basis["basis"] in FLOORS:
            assert basis["amount"] is not None and Decimal(basis["amount"]) >= FLOORS[basis["basis"]], basis
            assert len(basis["amount"].split(".")[1]) == 2
            known = [Decimal(v) for v in basis["candidates"].values() if v is not None]
            assert Decimal(basis["amount"]) == max(known), basis
    rec = remedies["punitive"]["recommended"]
    if rec is not None and rec["basis"] in FLOORS:
        assert Decimal(rec["amount"]) >= FLOORS[rec["basis"]]


@PROPERTY
@given(advice_facts())
def test_days_left_is_expiry_minus_decision_date(data):
    """For every claim with an expiry date (three- and two-year periods), days_left = expiry − decision_date."""
    verdict = classify(data).model_dump(mode="json")
    lim, decision = verdict["limitation"], data["decision_date"]
    claims = lim["claims"] + ((lim["product_defect_period"] or {}).get("claims") or [])
    for claim in claims:
        if claim["expiry_date"] is not None:
            assert claim["days_left"] == (date.fromisoformat(claim["expiry_date"]) - decision).days, claim
        if claim["status"] == "expiring_soon":
            assert 0 <= claim["days_left"] <= 90
        if claim["status"] == "running":
            assert claim["days_left"] > 90


@PROPERTY
@given(advice_facts(), st.sampled_from(["demand", "obligor_agreed", "suit_or_arbitration", "equivalent"]),
       st.integers(0, 2500), st.sampled_from(["merchant", "platform", "producer"]))
def test_an_interruption_never_shortens_a_period(data, kind, offset, party):
    """Adding one interruption against an obligor never gives that obligor an earlier expiry."""
    base_events = list(data["limitation_events"] or [])
    before = {c["against"]: c for c in classify(data).limitation["claims"]}
    start = data["harm_discovered_date"] or data["event_date"] or date(2018, 1, 1)
    extra = {"date": start + timedelta(days=offset), "kind": kind, "against": [party]}
    if kind in ("suit_or_arbitration", "equivalent"):
        extra["end_date"] = extra["date"] + timedelta(days=30)
    after = {c["against"]: c for c in classify({**data, "limitation_events": base_events + [extra]})
             .limitation["claims"]}
    old, new = before.get(party), after.get(party)
    if old and new and old["expiry_date"] and new["expiry_date"]:
        assert new["expiry_date"] >= old["expiry_date"], (old, new)


@PROPERTY
@given(advice_facts())
def test_section_7_objects_are_complete_and_their_citations_registered(corpus, data):
    """All three objects present; every id resolves; each trace entry cites only its rule's provisions."""
    verdict = classify(data)
    for name in ("remedies", "limitation", "forum"):
        obj = getattr(verdict, name)
        assert {"citations", "notes", "missing_facts", "trace"} <= set(obj), name
        for pid in obj["citations"]:
            assert corpus.resolve(pid), (name, pid)
        for entry in obj["trace"]:
            assert set(entry["citations"]) <= set(REGISTRY[entry["rule"]].provisions), (name, entry)
        assert all(note.startswith("【") for note in obj["notes"])
        assert len(obj["citations"]) == len(set(obj["citations"]))


SECTION_7_FACTS = ("price_paid", "loss_amount", "injury_severity", "goods_nonconforming", "label_defect_only",
                   "seller_knowingly_sold", "fraud", "consumer_knew_at_purchase", "harm_discovered_date",
                   "limitation_events", "limitation_obstacles", "forum_clause")


@PROPERTY
@given(advice_facts())
def test_section_7_facts_never_change_the_liability_part(data):
    """S1: liability_form, regimes, citations, trace, missing_facts and notes ignore the section-7 facts."""
    with_new = classify(data).model_dump(mode="json")
    without = classify({k: v for k, v in data.items() if k not in SECTION_7_FACTS}).model_dump(mode="json")
    for key in ("liability_form", "regimes", "citations", "trace", "missing_facts", "notes"):
        assert with_new[key] == without[key], key
