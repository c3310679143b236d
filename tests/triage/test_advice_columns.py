"""Issues 12 and 13 in triage: 现有事实下结论, 关键待证事实, limitation days, the recommended punitive amount, and the
sort (rows expiring within 90 days first; an undetermined row ranked by its on_record form)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from assistant.core import ClaimFacts, classify
from assistant.triage import triage_rows
from assistant.triage.columns import key_facts, verdict_columns, yuan
from assistant.triage.display import zh_table
from assistant.triage.priority import sort_key
from assistant.triage.rows import InputRow

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "claims"
NARRATIVE = "消费者在平台购买商品后受到损害。"
UNDETERMINED = {"event_date": "2024-03-01", "decision_date": "2025-06-01", "platform_role": "marketplace",
                "category": "food", "harm": "personal_injury", "knew_or_should_have_known": True,
                "qualification_review_done": True, "causation": True, "platform_proved_compliance": False}


def _example(name: str) -> dict:
    data = json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))
    facts = data.get("facts", data)
    return {k: v for k, v in facts.items() if v is not None and not k.startswith("_") and k != "narrative"}


def _row(n: int, rid: str, cells: dict) -> InputRow:
    return InputRow(row=n, id=rid, narrative=NARRATIVE, cells=cells)


def _triage(rows: list[InputRow]) -> list[dict]:
    return triage_rows(rows, "qin2025", on_row=lambda done, rec: None)


def test_columns_carry_on_record_key_facts_limitation_and_punitive_amount():
    (rec,) = _triage([_row(2, "ex1", _example("remedies_ex1"))])
    verdict = classify(ClaimFacts(**_example("remedies_ex1")))
    assert rec["on_record"] == verdict.on_record == "joint_and_several"
    assert rec["punitive_amount"] == "3750.00" and rec["punitive_basis"] == "FSL-148-2"  # spec 7 ex1
    platform = next(c for c in verdict.limitation["claims"] if c["against"] == "platform")
    assert rec["limitation_days_left"] == platform["days_left"] and rec["limitation_urgency"] == "running"
    assert rec["key_facts"] == []  # no scenario changes a settled form: nothing is key


def test_key_facts_are_the_scenarios_facts_in_chinese():
    facts = ClaimFacts(**_example("drug_facts_unknown"))
    verdict = classify(facts)
    wanted = {f for s in verdict.scenarios for f in s.requires}
    got = key_facts(verdict)
    assert got and len(got) == len(wanted)
    assert not any(re.search(r"[a-z_]{4,}|True|False|None", k) for k in got), got
    assert classify(facts, scenarios=False).scenarios == [] and key_facts(classify(facts, scenarios=False))


def test_screen_values_are_chinese():
    recs = _triage([_row(2, "ex1", _example("remedies_ex1")), _row(3, "und", {**UNDETERMINED, "merchant_identity_provided": False})])
    columns, cells = zh_table(recs)
    by_id = {row[columns.index("编号")]: dict(zip(columns, row)) for row in cells}
    assert by_id["ex1"]["现有事实下结论"] == "连带责任"
    assert by_id["ex1"]["建议惩罚性赔偿"] == "3,750.00 元（食品安全法第一百四十八条第二款）"
    assert by_id["und"]["现有事实下结论"] == "先行赔付（可追偿）"
    assert by_id["und"]["关键待证事实"] not in ("", "无")
    for row in by_id.values():
        text = " ".join(str(row[c]) for c in ("现有事实下结论", "关键待证事实", "建议惩罚性赔偿"))
        assert not re.search(r"joint_and_several|advance_compensation|undetermined|None|null", text), text
    assert yuan("12990") == "12,990.00 元"


def test_rows_expiring_within_90_days_sort_first_then_priority_then_on_record():
    ex4, ex1 = _example("remedies_ex4"), _example("remedies_ex1")
    rows = [
        _row(2, "und_none", {**UNDETERMINED, "merchant_identity_provided": True}),   # undetermined, on_record none
        _row(3, "ex1", ex1),                                                          # priority 1, running
        _row(4, "und_adv", {**UNDETERMINED, "merchant_identity_provided": False}),  # undetermined, on_record liable
        _row(5, "ex4", ex4),                                                          # expiring within 90 days
    ]
    recs = _triage(rows)
    assert [r["id"] for r in recs] == ["ex4", "ex1", "und_adv", "und_none"], [(r["id"], r["priority"]) for r in recs]
    assert recs[0]["limitation_urgency"] == "expiring" and 0 <= recs[0]["limitation_days_left"] <= 90
    assert recs[2]["priority"] == recs[3]["priority"] == 3
    assert recs[2]["on_record"] == "advance_compensation" and recs[3]["on_record"] == "none"


def test_sort_key_puts_fewer_days_first_and_keeps_blocks():
    base = {"priority": 4, "liability_form": "undetermined", "on_record": "none", "row": 1}
    soon = {**base, "limitation_urgency": "expiring", "limitation_days_left": 5, "row": 9}
    later = {**base, "limitation_urgency": "expiring", "limitation_days_left": 80, "row": 2}
    top = {**base, "priority": 1, "liability_form": "joint_and_several", "limitation_urgency": "running", "row": 3}
    review = {**soon, "needs_review": True, "priority": None}
    assert sorted([review, top, later, soon], key=sort_key) == [soon, later, top, review]


def test_verdict_columns_without_limitation_or_remedies():
    verdict = classify(ClaimFacts(**_example("remedies_ex1"))).model_copy(update={"limitation": {}, "remedies": {}})
    cols = verdict_columns(verdict)
    assert cols["limitation_urgency"] == "other" and cols["limitation_days_left"] is None
    assert cols["punitive_amount"] is None
