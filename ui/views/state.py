"""Session state of the matter page: the canonical facts, the widgets that show them, loading a matter, autosave.

Streamlit deletes the state of every widget not drawn in a run, so a visit to another page would bring the form
back with widget defaults (today's date, 是 everywhere, an empty narrative) and autosave would store them over the
lawyer's file. So the facts, the doctrine and the memo text live in keys no widget owns (``CANON_*``); the widgets
are re-seeded from them on every run before they are drawn, and a value flows back only through a widget's
``on_change`` callback, i.e. when the user changed it. Autosave compares the canonical facts with the last save.

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
from views import fact_codecs

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
# the section 7.1 facts (issue 13) have their own widget values: views/fact_codecs.py
FACT_FIELDS: tuple[str, ...] = ("event_date", *ENUM_FIELDS, *BOOL_FIELDS, *fact_codecs.SCALAR_FIELDS, "narrative")
DOCTRINE_KEY = "doctrine"  # the doctrine selectbox's widget key
MEMO_KEY = "memo_text"  # the memo text area's widget key
CANON_FACTS = "canon_facts"  # field → fact value (unknown fields absent): what the lawyer last saved or changed
CANON_DOCTRINE = "canon_doctrine"
CANON_MEMO = "canon_memo"
EXTRACT_CUT = "extract_cut"  # the last extraction's cut: {"read", "total", "note"} or None (issue 14)
CUT_MARK = "_cut"  # where that cut is kept in a version's extracted marks (not a fact field, so no widget reads it)
DEFAULT_DOCTRINE = "qin2025"


def key(field: str) -> str:
    """The stable widget key of a facts field."""
    return f"fact_{field}"


def to_widget(field: str, value: Any) -> Any:
    """A stored fact value as its widget value."""
    if field in fact_codecs.SCALAR_FIELDS:
        return fact_codecs.to_widget(field, value)
    if field == "event_date":
        return date.fromisoformat(value) if isinstance(value, str) else value
    if field == "narrative":
        return value or ""
    if field in BOOL_FIELDS:
        return UNKNOWN if value is None else ("yes" if value else "no")
    return UNKNOWN if value is None else value


def from_widget(field: str, value: Any) -> Any:
    """A widget value as the fact value (``None`` = unknown)."""
    if field in fact_codecs.SCALAR_FIELDS:
        return fact_codecs.from_widget(field, value)
    if field == "event_date":
        return value.isoformat() if isinstance(value, date) else None
    if field == "narrative":
        return value.strip() or None if isinstance(value, str) else None
    if field in BOOL_FIELDS:
        return {"yes": True, "no": False}.get(value)
    return None if value in (None, UNKNOWN) else value


def current_facts() -> dict[str, Any]:
    """The matter's facts as they stand in this session (the canonical copy), unknown fields left out."""
    return dict(st.session_state.get(CANON_FACTS) or {})


def current_doctrine() -> str:
    """The matter's doctrine profile in this session."""
    return st.session_state.get(CANON_DOCTRINE) or DEFAULT_DOCTRINE


def current_memo() -> str:
    """The memo text in this session (what the editor shows)."""
    return st.session_state.get(CANON_MEMO) or ""


def set_fact(field: str, value: Any) -> None:
    """Change one canonical fact (``None`` = unknown) and its widget's value."""
    facts = current_facts()
    if value is None:
        facts.pop(field, None)
    else:
        facts[field] = value
    st.session_state[CANON_FACTS] = facts
    st.session_state[key(field)] = to_widget(field, value)


def set_memo(text: str) -> None:
    """Change the canonical memo text (the editor is re-seeded from it before it is drawn)."""
    st.session_state[CANON_MEMO] = text
    st.session_state[MEMO_KEY] = text


def on_fact_change(field: str) -> None:
    """Widget callback: the user changed ``field`` on screen; take the new value into the canonical facts."""
    if key(field) not in st.session_state:
        return  # no widget value to take (it was not drawn): never turn an absent widget into an unknown fact
    if st.session_state.get(key(field)) == to_widget(field, current_facts().get(field)):
        # the widget shows exactly the stored value: no user change (a remounted text box fires on_change in the
        # browser), and re-reading it could rewrite the stored form (368.0 → "368.0")
        return
    value = from_widget(field, st.session_state.get(key(field)))
    facts = current_facts()
    if value is None:
        facts.pop(field, None)
    else:
        facts[field] = value
    st.session_state[CANON_FACTS] = facts


def on_doctrine_change() -> None:
    """Widget callback: the user chose another doctrine profile."""
    st.session_state[CANON_DOCTRINE] = st.session_state.get(DOCTRINE_KEY) or DEFAULT_DOCTRINE


def on_memo_change() -> None:
    """Widget callback: the user edited the memo text."""
    st.session_state[CANON_MEMO] = st.session_state.get(MEMO_KEY) or ""


def seed_form_widgets() -> None:
    """Put the canonical facts and doctrine into the form's widgets (every run, before they are drawn)."""
    facts = current_facts()
    for f in FACT_FIELDS:
        st.session_state[key(f)] = to_widget(f, facts.get(f))
    st.session_state[DOCTRINE_KEY] = current_doctrine()


def seed_memo_widget() -> None:
    """Put the canonical memo text into the editor (every run, before it is drawn)."""
    st.session_state[MEMO_KEY] = current_memo()


def _snapshot(facts: dict[str, Any], extracted: dict[str, Any], doctrine: str) -> str:
    return json.dumps([facts, extracted, doctrine], ensure_ascii=False, sort_keys=True, default=str)


def set_facts(facts: dict[str, Any]) -> None:
    """Make ``facts`` the canonical facts and put them into the form's widgets (before the widgets are drawn)."""
    st.session_state[CANON_FACTS] = {f: v for f, v in facts.items() if v is not None}  # stored fields kept as-is
    for f in FACT_FIELDS:
        st.session_state[key(f)] = to_widget(f, facts.get(f))


def load_matter(store: MatterStore, matter_id: str) -> None:
    """Load a saved matter (latest facts, marks, doctrine, latest memo) into the session."""
    matter = store.get_matter(matter_id)
    version = store.latest_facts(matter_id)
    facts = version.facts if version else {}
    saved = dict(version.extracted) if version else {}
    extracted = {f: mark for f, mark in saved.items() if f != CUT_MARK}
    set_facts(facts)
    st.session_state[CANON_DOCTRINE] = matter.doctrine
    st.session_state[DOCTRINE_KEY] = matter.doctrine
    st.session_state["matter_id"] = matter.id
    st.session_state["matter_rev"] = matter.revision
    st.session_state["extracted"] = extracted
    st.session_state[EXTRACT_CUT] = saved.get(CUT_MARK)
    st.session_state["saved_snapshot"] = _snapshot(facts, saved, matter.doctrine)
    st.session_state.pop("conflict", None)
    memo = store.latest_memo(matter_id)
    set_memo(memo.markdown if memo and memo.markdown else "")
    st.session_state["memo_saved_text"] = current_memo()
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
    facts = current_facts()
    extracted = {f: span for f, span in st.session_state.get("extracted", {}).items()}
    if st.session_state.get(EXTRACT_CUT):  # the extraction's cut is saved with the version it produced
        extracted[CUT_MARK] = st.session_state[EXTRACT_CUT]
    doctrine = current_doctrine()
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
