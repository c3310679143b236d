"""The 情景 panel (issue 12, spec rule 12): the verdict on the present record, and what proof would change it.

``Verdict.on_record`` is the form when every unknown fact goes against the party with the burden of proving it;
``Verdict.scenarios`` list, per blocked route, the facts that would meet it and the form it would give. The lawyer
picks a scenario to see the whole verdict with those facts set; nothing is saved until 采用此情景, which sets the
facts (through the canonical state, so autosave stores them as a new facts version).
"""

from __future__ import annotations

import json
from typing import Any

import streamlit as st

import services
from i18n import field_label, label, t
from views.state import current_doctrine, current_facts, set_fact

PICK_KEY = "scenario_pick"
NONE = "none"


def _value(fact: str, value: Any) -> str:
    if isinstance(value, bool):
        return t("yes") if value else t("no")
    return label(fact, value)


def scenario_id(scenario: Any) -> str:
    """A stable id of a scenario (route, form and required facts), so a choice survives reruns but not new facts."""
    return json.dumps([scenario.route, scenario.form, scenario.requires], ensure_ascii=False, sort_keys=True)


def _route(route: str) -> str:
    """The scenario's route (a provision id) as its Chinese citation: 《电子商务法》第三十八条第一款."""
    try:
        corpus = services.corpus(services.settings())
        return corpus.cite(route) if corpus.resolve(route) else route
    except Exception:  # no corpus: the id, never hidden
        return route


def sentence(scenario: Any) -> str:
    """「如能证明：A为「是」，且B为「否」，则：连带责任（依《电子商务法》第三十八条第一款）」, all in Chinese."""
    facts = "，且".join(f"{field_label(f)}为「{_value(f, v)}」" for f, v in scenario.requires.items())
    return f"如能证明：{facts}，则：{label('liability_form', scenario.form)}（依{_route(scenario.route)}）"


def on_record_line(verdict: Any) -> str | None:
    """「现有事实下的结论：…」 (None when the engine gives no on_record)."""
    record = getattr(verdict, "on_record", None)
    if record is None:
        return None
    return f"**现有事实下的结论：{label('liability_form', record)}**（未查明的事实按举证责任分配由负举证责任的一方承担不利后果）"


def _adopt(requires: dict[str, Any]) -> None:
    """Callback of 采用此情景: set the scenario's facts canonically (autosave then saves a new facts version)."""
    for fact, value in requires.items():
        set_fact(fact, value)
    st.session_state[PICK_KEY] = NONE
    st.session_state["flash"] = [*st.session_state.get("flash", []), ("success", "已采用该情景：事实已更新并保存为新版本。")]


def preview(verdict: Any) -> tuple[Any, Any | None]:
    """The verdict to show and the chosen scenario: the scenario's verdict when one is picked, else ``verdict``.

    Call before drawing the verdict (the pick is read from the session); a pick that is no longer among the
    verdict's scenarios (the facts changed) falls back to the present record.
    """
    scenarios = {scenario_id(s): s for s in getattr(verdict, "scenarios", None) or []}
    picked = st.session_state.get(PICK_KEY, NONE)
    if picked not in scenarios:
        if picked != NONE:
            st.session_state[PICK_KEY] = NONE
        return verdict, None
    chosen = scenarios[picked]
    try:
        facts = services.facts_model({**current_facts(), **chosen.requires})
        return services.classify(facts, current_doctrine()), chosen
    except Exception as exc:  # the scenario's facts are refused (should not happen): say so, show the record
        st.error(t("engine_error", error=f"{type(exc).__name__}: {exc}"))
        return verdict, None


def shown_facts(facts: Any, chosen: Any | None) -> Any:
    """The facts of the verdict on screen: the record's, or with the previewed scenario's facts set."""
    if chosen is None:
        return facts
    try:
        return services.facts_model({**current_facts(), **chosen.requires})
    except Exception:  # preview() already said the scenario's facts were refused
        return facts


def render(verdict: Any, chosen: Any | None) -> None:
    """Draw on_record and the 情景 list (a choice per scenario, 采用此情景 for the chosen one)."""
    line = on_record_line(verdict)
    if line:
        st.markdown(line)
    scenarios = list(getattr(verdict, "scenarios", None) or [])
    with st.container(border=True):
        st.markdown("**情景**（如能证明……则……；选择一项查看该情景下的结论，未采用前不保存）")
        if not scenarios:
            st.caption("无待证事实可改变结论的情景。")
            return
        options = [NONE, *(scenario_id(s) for s in scenarios)]
        texts = {scenario_id(s): sentence(s) for s in scenarios}
        st.radio("情景", options, key=PICK_KEY, label_visibility="collapsed",
                 format_func=lambda o: "现有事实（不假设）" if o == NONE else texts.get(o, o))
        if chosen is not None:
            st.warning("正在预览情景下的结论（尚未保存）：" + sentence(chosen))
            st.button("采用此情景", key="scenario_adopt", type="primary", on_click=_adopt, args=(dict(chosen.requires),))
