"""Item 7 of issue 11: leaving the matter page and coming back never writes defaults over the stored facts."""

from __future__ import annotations

from ui_helpers import memo_editor, new_app, ok

from assistant.settings import get_settings
from assistant.store import MatterStore

NARRATIVE = "2023年5月1日在医药平台购买处方药，服用后出现严重不良反应住院。"


def _store() -> MatterStore:
    return MatterStore.open(get_settings())


def _stored(store: MatterStore, matter_id: str) -> tuple[str, str, int]:
    """The stored facts JSON (byte-for-byte as saved), the doctrine and the number of facts versions."""
    import json

    latest = store.latest_facts(matter_id)
    return (json.dumps(latest.facts, ensure_ascii=False, sort_keys=True), store.get_matter(matter_id).doctrine,
            len(store.facts_history(matter_id)))


def _verdict_lines(at) -> list[str]:
    """What the page says about the verdict (its form line, or the engine's error)."""
    return [m.value for m in at.markdown if "责任形态" in m.value] + [e.value for e in at.error if "分析" in e.value]


def test_leaving_for_every_page_and_coming_back_keeps_facts_narrative_and_doctrine(data_dir):
    at = new_app(example="drug_minor_contribution")
    store = _store()
    (matter,) = store.list_matters()
    ok(at.text_area(key="fact_narrative").set_value(NARRATIVE).run())
    ok(at.radio(key="fact_force_majeure").set_value("no").run())
    ok(at.selectbox(key="doctrine").set_value("joint").run())
    before = _stored(store, matter.id)
    assert '"force_majeure": false' in before[0] and NARRATIVE in before[0] and before[1] == "joint"
    verdict_before = _verdict_lines(at)
    for page in ("triage", "eval", "matter", "eval", "triage", "matter"):
        ok(at.sidebar.radio(key="page").set_value(page).run())
        ok(at.run())  # a second run on the same page (Streamlit drops state of widgets not drawn in a run)
        assert _stored(store, matter.id) == before, page
    # The form shows the stored values again, not widget defaults (today's date, 是 everywhere, an empty narrative).
    assert at.text_area(key="fact_narrative").value == NARRATIVE
    assert at.radio(key="fact_force_majeure").value == "no"
    assert at.radio(key="fact_live_streaming").value == "unknown"
    assert str(at.date_input(key="fact_event_date").value) == "2023-05-01"
    assert at.selectbox(key="doctrine").value == "joint"
    assert _verdict_lines(at) == verdict_before


def test_a_memo_survives_a_visit_to_another_page(data_dir):
    at = new_app(example="drug_minor_contribution")
    ok(at.button(key="draft").click().run())
    memo = memo_editor(at).value
    assert memo.startswith("# ")
    ok(at.sidebar.radio(key="page").set_value("triage").run())
    ok(at.sidebar.radio(key="page").set_value("matter").run())
    assert memo_editor(at).value == memo
    store = _store()
    (matter,) = store.list_matters()
    assert [v.status for v in store.memo_history(matter.id)] == ["done"]  # coming back saved no empty edit


def test_a_user_change_after_coming_back_is_saved_and_nothing_else_changes(data_dir):
    at = new_app(example="drug_minor_contribution")
    store = _store()
    (matter,) = store.list_matters()
    original = store.latest_facts(matter.id).facts
    ok(at.sidebar.radio(key="page").set_value("eval").run())
    ok(at.sidebar.radio(key="page").set_value("matter").run())
    ok(at.radio(key="fact_live_streaming").set_value("yes").run())
    saved = store.latest_facts(matter.id).facts
    assert saved == {**original, "live_streaming": True}


def test_switching_the_language_and_back_changes_no_stored_fact(data_dir):
    at = new_app(example="lodging_2020_minor_contribution")
    store = _store()
    (matter,) = store.list_matters()
    before = _stored(store, matter.id)
    for english in (True, False, True, False):  # every label changes: widgets get new identities
        ok(at.sidebar.toggle(key="lang_en").set_value(english).run())
        assert _stored(store, matter.id) == before
    assert at.selectbox(key="fact_category").value == "lodging"


def test_a_stored_date_outside_the_pickers_range_is_shown_and_kept(data_dir):
    store = _store()
    matter = store.create_matter("旧案", facts={"event_date": "1999-03-01", "category": "food"})
    at = new_app(matter=matter.id)
    assert str(at.date_input(key="fact_event_date").value) == "1999-03-01"
    ok(at.radio(key="fact_causation").set_value("yes").run())
    assert store.latest_facts(matter.id).facts == {"event_date": "1999-03-01", "category": "food", "causation": True}
