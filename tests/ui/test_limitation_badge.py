"""Issue 13 in the workspace: a 诉讼时效 badge on every matter (three states) and a matters list sortable by it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from ui_helpers import new_app, ok, texts

from assistant.settings import get_settings
from assistant.store import MatterStore

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "ui"))
from views.limitation_badge import EXPIRED, EXPIRING, OTHER, RUNNING, badge  # noqa: E402

# spec 7 worked examples (decision_date fixed in each): ex1 running, ex4 45 days left, ex6 expired
CASES = [("remedies_ex1", "诉讼时效：未届满", RUNNING), ("remedies_ex4", "诉讼时效：即将届满（90日内）", EXPIRING),
         ("remedies_ex6", "诉讼时效：已届满", EXPIRED)]


def _badge_text(at) -> str:
    return next(m.value for m in at.markdown if "诉讼时效：" in m.value and "-badge[" in m.value)


@pytest.mark.parametrize(("example", "text", "level"), CASES)
def test_the_badge_shows_the_three_states_in_chinese(data_dir, example, text, level):
    at = new_app(example=example)
    shown = _badge_text(at)
    assert text in shown, shown
    colour = {RUNNING: "green", EXPIRING: "orange", EXPIRED: "red"}[level]
    assert shown.startswith(f":{colour}-badge[")
    assert "expir" not in shown.split("[", 1)[1] and "running" not in shown


def test_expiring_badge_names_days_left_and_expiry(data_dir):
    shown = _badge_text(new_app(example="remedies_ex4"))
    assert "剩余 45 日" in shown and "届满日 " in shown


# remedies_ex4, ex1 and ex6 by their Chinese titles (ui/labels_zh.yaml), most urgent first
URGENCY_ORDER = ["示例：赔偿示例四：2023年住宿致残", "示例：赔偿示例一：2025年食品不符合安全标准致轻伤",
                 "示例：赔偿示例六：2021年缺陷商品欺诈致财产损失"]


def test_the_matters_list_sorts_by_urgency(data_dir):
    at = new_app(example="remedies_ex4")  # loaded in an order unlike the urgency order
    for name in ("remedies_ex1", "remedies_ex6"):
        ok(at.sidebar.selectbox(key="example_select").set_value(name).run())
        ok(at.sidebar.button(key="example_load").click().run())
    ok(at.radio(key="matters_sort").set_value("limitation").run())
    table = next(d.value for d in at.dataframe if "诉讼时效" in d.value.columns)
    assert list(table["事项"]) == URGENCY_ORDER
    assert list(table["诉讼时效"]) == ["即将届满（90日内）", "未届满", "已届满"]
    ok(at.radio(key="matters_sort").set_value("updated").run())
    table = next(d.value for d in at.dataframe if "诉讼时效" in d.value.columns)
    store = MatterStore.open(get_settings())
    assert list(table["事项"]) == [m.name for m in store.list_matters()]  # most recently changed first
    assert list(table["事项"]) != URGENCY_ORDER
    assert "全部事项 · 诉讼时效" in texts(at)


def _claim(against, status, days):
    return {"against": against, "status": status, "days_left": days, "expiry_date": "2027-01-01"}


def test_badge_reduction_over_several_defendants():
    # one defendant expired, the other still running (an interruption against it): the matter is running
    b = badge({"claims": [_claim("merchant", "expired", -3), _claim("platform", "running", 200)]})
    assert b.level == RUNNING and "对平台" in b.text and b.days_left == 200
    # any claim expiring within 90 days makes the matter expiring, whatever the others
    b = badge({"claims": [_claim("merchant", "running", 400), _claim("platform", "expiring_soon", 10)]})
    assert b.level == EXPIRING and b.days_left == 10
    # all expired: expired, the least expired one shown
    b = badge({"claims": [_claim("merchant", "expired_unless_interrupted", -30), _claim("platform", "expired", -5)]})
    assert b.level == EXPIRED and b.days_left == -5 and "已过 5 日" in b.text
    # pending proceedings are not called running
    b = badge({"claims": [_claim("merchant", "interrupted_pending", None)]})
    assert b.level == OTHER and "程序尚未终结" in b.text
    assert badge({}).level == OTHER and badge({"regime": "undetermined", "claims": []}).level == OTHER


def test_the_sidebar_list_names_each_matters_badge(data_dir):
    at = new_app(example="remedies_ex4")
    ok(at.sidebar.selectbox(key="example_select").set_value("remedies_ex6").run())
    ok(at.sidebar.button(key="example_load").click().run())
    options = [o for o in at.sidebar.selectbox(key="matter_select").options if o != "首页（近期事项）"]
    assert sorted(options) == sorted(["示例：赔偿示例四：2023年住宿致残 · 时效即将届满",
                                      "示例：赔偿示例六：2021年缺陷商品欺诈致财产损失 · 时效已届满"])
