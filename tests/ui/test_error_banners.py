"""Error banners on the matter page (issue 16): invalid facts and engine failures say in Chinese which fact is wrong
and how; the raw engine text is kept in a collapsed 技术细节 expander (nothing hidden)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from assistant.core import ClaimFacts
from ui_helpers import new_app, ok, texts

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "ui"))
from views.errors import facts_error_lines  # noqa: E402

sys.path.insert(0, str(REPO / "tests" / "ui"))
from identifiers import engine_identifiers  # noqa: E402


def _error(facts: dict) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        ClaimFacts.model_validate(facts)
    return info.value


@pytest.mark.parametrize("facts, want", [
    ({"harm": "broken"}, "消费者损害：“broken”不是可选值；可选：人身损害、财产损失、无损害（或未知）"),
    ({"event_date": "2023/05/01"}, "应为日期，格式如 2023-05-01"),
    ({"event_date": "2999-01-01"}, "不得晚于今天"),
    ({"causation": "yes"}, "只能为“是”“否”或“未知”"),
    ({"event_date": "2023-05-01", "decision_date": "2022-01-01"}, "不得早于"),
    ({"price_paid": -3}, "金额不得为负数"),
    ({"platform_rol": "marketplace"}, "不是本工具可识别的事实项"),
])
def test_each_bad_fact_named_in_chinese(facts, want):
    lines = facts_error_lines(_error(facts))
    assert any(want in line for line in lines), lines
    assert not engine_identifiers("\n".join(lines), allowed=("broken", "platform_rol")), lines  # typed by the user


def test_dates_out_of_order_name_both_facts():
    lines = facts_error_lines(_error({"event_date": "2023-05-01", "decision_date": "2022-01-01"}))
    from i18n import field_label

    want = f"{field_label('decision_date')}（2022-01-01）不得早于{field_label('event_date')}（2023-05-01）"
    assert lines == [want], lines


def test_invalid_facts_banner_on_the_page(data_dir):
    """Facts that fail validation (a decision before the event) are not saved; the banner names them in Chinese."""
    at = new_app()
    at.sidebar.text_input(key="new_matter_name").set_value("错误提示")
    ok(at.sidebar.button(key="new_matter").click().run())
    at.session_state["canon_facts"] = {"event_date": "2023-05-01", "decision_date": "2022-01-01"}
    ok(at.run())
    errors = [e.value for e in at.error]
    assert any(e.startswith("事实有误，未保存：") and "裁判日" in e and "不得早于" in e for e in errors), errors
    assert not any("must not be before" in e for e in errors), errors  # the English text is not the banner
    details = [x for x in at.expander if x.label == "技术细节"]
    assert details and "must not be before" in details[0].code[0].value  # the raw text, one click away
    assert not engine_identifiers(" ".join(errors))


def test_engine_failure_banner_on_the_page(data_dir, monkeypatch):
    """An exception inside the engine: a Chinese banner, the exception under 技术细节, the page still drawn."""
    import services

    def broken(facts, doctrine):
        raise RuntimeError("rule ecl_38_2 exploded")

    monkeypatch.setattr(services, "classify", broken)
    at = new_app()
    at.sidebar.text_input(key="new_matter_name").set_value("引擎故障")
    ok(at.sidebar.button(key="new_matter").click().run())
    errors = [e.value for e in at.error]
    assert any(e.startswith("分析失败：责任引擎未能就这些事实得出结论") for e in errors), errors
    assert "ecl_38_2" not in texts(at)
    details = [x for x in at.expander if x.label == "技术细节"]
    assert details and details[0].code[0].value == "RuntimeError: rule ecl_38_2 exploded"
