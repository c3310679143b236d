"""Issue 12 in the workspace: on_record beside the verdict, the 情景 panel, nothing saved until 采用此情景."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ui_helpers import new_app, ok, texts

from assistant.core import ClaimFacts, classify
from assistant.settings import get_settings
from assistant.store import MatterStore

EXAMPLE = "drug_facts_unknown"  # undetermined today, on_record none, several scenarios


def _stored(store: MatterStore, matter_id: str) -> tuple[str, int]:
    latest = store.latest_facts(matter_id)
    return json.dumps(latest.facts, sort_keys=True, ensure_ascii=False), len(store.facts_history(matter_id))


def _scenario_id(store: MatterStore, matter_id: str, form: str) -> str:
    """The panel's option value of the first scenario giving ``form`` for the stored facts."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "ui"))
    from views.scenarios_panel import scenario_id

    verdict = classify(ClaimFacts(**store.latest_facts(matter_id).facts))
    return scenario_id(next(s for s in verdict.scenarios if s.form == form))


def _form_line(at) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("**责任形态"))


def test_on_record_and_scenarios_are_listed_in_chinese(data_dir):
    at = new_app(example=EXAMPLE)
    page = texts(at)
    assert "现有事实下的结论：不承担责任" in page
    labels = at.radio(key="scenario_pick").options  # AppTest gives the labels as shown
    scenario_labels = [lbl for lbl in labels if lbl.startswith("如能证明")]
    assert labels[0] == "现有事实（不假设）" and len(scenario_labels) == len(labels) - 1 >= 2
    assert any("平台知道或应当知道为「是」" in lbl and "连带责任" in lbl for lbl in scenario_labels), scenario_labels
    assert not any("knew_or_should_have_known" in lbl or "True" in lbl for lbl in scenario_labels)


def test_choosing_a_scenario_shows_its_verdict_and_saves_nothing_until_adopted(data_dir):
    at = new_app(example=EXAMPLE)
    store = MatterStore.open(get_settings())
    (matter,) = store.list_matters()
    before = _stored(store, matter.id)
    line_before = _form_line(at)
    assert "事实不足" in line_before

    joint = _scenario_id(store, matter.id, "joint_and_several")
    ok(at.radio(key="scenario_pick").set_value(joint).run())
    assert "连带责任" in _form_line(at) and _form_line(at) != line_before
    assert "尚未保存" in texts(at)
    ok(at.run())
    assert _stored(store, matter.id) == before  # previewing stores nothing

    # back to the present record: the verdict is the stored one again
    ok(at.radio(key="scenario_pick").set_value("none").run())
    assert _form_line(at) == line_before and _stored(store, matter.id) == before

    ok(at.radio(key="scenario_pick").set_value(joint).run())
    ok(at.button(key="scenario_adopt").click().run())
    facts_json, n_versions = _stored(store, matter.id)
    saved = json.loads(facts_json)
    requires = json.loads(joint)[2]
    assert n_versions == before[1] + 1
    assert {k: saved.get(k) for k in requires} == requires
    assert {k: v for k, v in saved.items() if k not in requires} == {
        k: v for k, v in json.loads(before[0]).items() if k not in requires}
    assert classify(ClaimFacts(**saved)).liability_form == "joint_and_several"
    assert "连带责任" in _form_line(at)
    assert at.radio(key="scenario_pick").value == "none"


def test_a_verdict_without_scenarios_says_so(data_dir):
    at = new_app(example="remedies_ex1")  # every fact known: no scenario, on_record == the form
    page = texts(at)
    assert "无待证事实可改变结论的情景" in page
    assert "现有事实下的结论：连带责任" in page
