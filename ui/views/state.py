"""Session state of the matter page: widget keys of the facts form, loading a matter into them, and autosave.

Widget values are plain strings ("yes"/"no"/"unknown" for booleans, "unknown" for an unset select) so that an
unknown fact is an explicit choice on screen; they are mapped back to ``None`` before the facts are validated.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any, get_args

import streamlit as st

from assistant.core.models import Category, Harm, MerchantFault, PlatformContribution, PlatformRole
from assistant.store import ConflictError, MatterStore

UNKNOWN = "unknown"
ENUM_FIELDS: dict[str, tuple[str, ...]] = {
    "platform_role": get_args(PlatformRole),
    "category": get_args(Category),
    "harm": get_args(Harm),
    "merchant_fault": get_args(MerchantFault),
    "platform_contribution": get_args(PlatformContribution),
}
BOOL_FIELDS: tuple[str, ...] = (
    "life_health", "causation", "knew_or_should_have_known", "necessary_measures_taken", "qualification_review_done",
    "safety_duty_done", "merchant_identity_provided", "advance_compensation_promised",
    "consumer_prima_facie_evidence", "platform_proved_compliance", "force_majeure",
    "complaint_delay_expanded_damage", "live_streaming",
)
FACT_FIELDS: tuple[str, ...] = ("event_date", *ENUM_FIELDS, *BOOL_FIELDS, "narrative")
DOCTRINE_KEY = "doctrine"
MEMO_KEY = "memo_text"


def key(field: str) -> str:
    """The stable widget key of a facts field."""
    return f"fact_{field}"


def to_widget(field: str, value: Any) -> Any:
    """A stored fact value as its widget value."""
    if field == "event_date":
        return date.fromisoformat(value) if isinstance(value, str) else value
    if field == "narrative":
        return value or ""
    if field in BOOL_FIELDS:
        return UNKNOWN if value is None else ("yes" if value else "no")
    return UNKNOWN if value is None else value


def from_widget(field: str, value: Any) -> Any:
    """A widget value as the fact value (``None`` = unknown)."""
    if field == "event_date":
        return value.isoformat() if isinstance(value, date) else None
    if field == "narrative":
        return value.strip() or None if isinstance(value, str) else None
    if field in BOOL_FIELDS:
        return {"yes": True, "no": False}.get(value)
    return None if value in (None, UNKNOWN) else value


def facts_from_widgets() -> dict[str, Any]:
    """The facts as the form shows them now, unknown fields left out."""
    facts = {f: from_widget(f, st.session_state.get(key(f))) for f in FACT_FIELDS}
    return {f: v for f, v in facts.items() if v is not None}


def _snapshot(facts: dict[str, Any], extracted: dict[str, Any], doctrine: str) -> str:
    return json.dumps([facts, extracted, doctrine], ensure_ascii=False, sort_keys=True, default=str)


def set_widgets(facts: dict[str, Any]) -> None:
    """Put ``facts`` into the form's widgets (call before the widgets are drawn in this run)."""
    for f in FACT_FIELDS:
        st.session_state[key(f)] = to_widget(f, facts.get(f))


def load_matter(store: MatterStore, matter_id: str) -> None:
    """Load a saved matter (latest facts, marks, doctrine, latest memo) into the session."""
    matter = store.get_matter(matter_id)
    version = store.latest_facts(matter_id)
    facts = version.facts if version else {}
    extracted = dict(version.extracted) if version else {}
    set_widgets(facts)
    st.session_state[DOCTRINE_KEY] = matter.doctrine
    st.session_state["matter_id"] = matter.id
    st.session_state["matter_rev"] = matter.revision
    st.session_state["extracted"] = extracted
    st.session_state["saved_snapshot"] = _snapshot(facts, extracted, matter.doctrine)
    st.session_state.pop("conflict", None)
    memo = store.latest_memo(matter_id)
    st.session_state[MEMO_KEY] = memo.markdown if memo and memo.markdown else ""
    st.session_state["memo_saved_text"] = st.session_state[MEMO_KEY]
    st.session_state["memo_version"] = memo
    st.session_state.pop("guard_checked", None)


def autosave(store: MatterStore) -> str | None:
    """Save the form when it changed since the last save; returns a status message key or None.

    A conflict (another session saved first) keeps this session's facts as a conflict version in the store and
    records the details in ``st.session_state["conflict"]`` for the page to show.
    """
    matter_id = st.session_state.get("matter_id")
    if not matter_id:
        return None
    facts = facts_from_widgets()
    extracted = {f: span for f, span in st.session_state.get("extracted", {}).items()}
    doctrine = st.session_state.get(DOCTRINE_KEY, "qin2025")
    snap = _snapshot(facts, extracted, doctrine)
    if snap == st.session_state.get("saved_snapshot"):
        return None
    rev = st.session_state["matter_rev"]
    try:
        if doctrine != store.get_matter(matter_id).doctrine:
            try:
                rev = store.set_doctrine(matter_id, doctrine, expected_revision=rev).revision
            except ConflictError:
                pass  # save_facts below keeps this session's facts as a conflict version and raises
        version = store.save_facts(matter_id, facts, expected_revision=rev, extracted=extracted,
                                   source="extracted" if extracted else "user")
    except ConflictError as exc:
        st.session_state["conflict"] = {"expected": exc.expected, "actual": exc.actual,
                                        "kept": exc.kept_version_id, "facts": facts, "extracted": extracted}
        st.session_state["saved_snapshot"] = snap  # kept in the store; do not save it again on every rerun
        return "conflict"
    st.session_state["matter_rev"] = version.revision
    st.session_state["saved_snapshot"] = snap
    return "saved"


def keep_mine(store: MatterStore) -> None:
    """Conflict resolution: save this session's kept facts on top of the latest revision."""
    conflict = st.session_state.pop("conflict", None)
    matter_id = st.session_state.get("matter_id")
    if not conflict or not matter_id:
        return
    actual = store.get_matter(matter_id).revision
    version = store.save_facts(matter_id, conflict["facts"], expected_revision=actual,
                               extracted=conflict["extracted"], source="user")
    st.session_state["matter_rev"] = version.revision


def reload_latest(store: MatterStore) -> None:
    """Conflict resolution: drop this session's form state and load the matter as saved."""
    if st.session_state.get("matter_id"):
        load_matter(store, st.session_state["matter_id"])
