"""Issue 14: the goods lexicon is data from GB/T 4754-2017 classes, and competing readings stay unknown.

Every sentence here is new (not copied from the eval files). Wrong is worse than unknown: when two goods
compete and the harm's sentence does not say which one did the harm, the category is left unknown and asked.
"""

from __future__ import annotations

import re
import typing

import pytest

from assistant.core.models import Category
from assistant.triage.extract import extract_facts
from assistant.triage.extract.lexicon import DATA, category_reading, load_classes


def test_goods_classes_cite_a_real_list_and_cover_every_category() -> None:
    classes, order = load_classes()
    header = DATA.read_text(encoding="utf-8").split("classes:")[0]
    assert "GB/T 4754-2017" in header and "食品安全法" in header and "医疗器械监督管理条例" in header
    assert set(order) == set(typing.get_args(Category))
    assert {c.category for c in classes} == set(typing.get_args(Category))
    for c in classes:
        assert re.search(r"\d{3,4}|目录|准字|字号", c.code), c.name  # a class code (or the registration kind) is cited
        assert c.category in order and c.description and c.source


def test_two_goods_with_the_harm_apart_stay_unknown_and_asked() -> None:
    ex = extract_facts("我在平台买了蛋白粉和一把电动牙刷。都是假货，白花了八百块。")
    assert ex.facts.category is None and ex.facts.harm == "property_loss"
    assert [s[2] for s in ex.conflicts["category"]] == ["蛋白粉", "电动牙刷"]
    assert "蛋白粉" in ex.questions["category"] and "电动牙刷" in ex.questions["category"]


def test_the_goods_in_the_harm_sentence_is_the_harmful_one() -> None:
    ex = extract_facts("上周在网上买了一箱橙子，还顺手买了个充电宝。充电宝第二天充电时冒烟，把我手烫伤了。")
    assert ex.facts.category == "other_goods" and ex.confidence["category"] < 0.9  # decided, but not sure


@pytest.mark.parametrize("text, category", [
    ("通过平台订的民宿，卫生间的花洒脱落砸伤了我的脚。", "lodging"),          # the service, not its fittings
    ("平台上约的上门维修，师傅把我家的马桶弄裂了。", "other_service"),
    ("外卖点的馄饨里有一块碎玻璃，我的牙被硌坏了，去口腔科补了牙。", "catering"),  # a dish, not its ingredient
    ("在手机上下单买了一瓶洗发水，用后头皮起红疹。", "cosmetics"),              # the phone is the tool, not the goods
    ("在平台上买了一台投影仪，用了三天就开不了机，卖家不给退。", "other_goods"),
    ("网购的特殊医学用途配方食品，孩子喝了以后腹泻住院。", "food"),              # 食品安全法 第七十四条 特殊食品
    ("在网上药房买的中药饮片发霉了，我煎了喝后胃疼。", "drug"),
])
def test_categories_from_the_classification(text: str, category: str) -> None:
    assert extract_facts(text).facts.category == category


@pytest.mark.parametrize("text", [
    "给狗买的驱虫药，狗吃了以后一直吐，花了一千多看兽医。",   # 兽药: not a drug under 药品管理法, contested here
    "在平台上叫了辆货车搬家，路上把我的衣柜撞坏了。",         # goods transport or household service: contested
])
def test_contested_classes_stay_unknown_with_a_question(text: str) -> None:
    ex = extract_facts(text)
    assert ex.facts.category is None and "有争议" in ex.questions["category"]


def test_a_rider_is_not_the_meal() -> None:
    assert extract_facts("外卖骑手逆行撞伤了我，平台说骑手是外包的。").facts.category is None
    assert category_reading("外卖骑手逆行撞伤了我。").competing == []  # nothing named: unknown, no conflict


@pytest.mark.parametrize("text", [
    "在平台买的儿童降温贴，贴了一晚上额头起了红疹。",     # 械字号, 妆字号 or none: the name does not say
    "买的护肝片吃了两个月，说是保健品，结果肝功能异常。",  # 国药准字 or 卫食健字
])
def test_products_categorised_by_registration_stay_unknown(text: str) -> None:
    ex = extract_facts(text, category_fallback=False)
    assert ex.facts.category is None and "category" in ex.questions


@pytest.mark.parametrize("text, category", [
    ("我在药房App上买的血氧仪，读数一直偏高，耽误了老人就医。", "medical_device"),  # a drug shop's name is where, not what
    ("在平台上订的月子中心，护理人员让孩子呛奶住院。", "other_service"),
    ("在平台买的自热米饭，加热包爆炸把我手烫伤了。", "food"),
])
def test_shop_words_and_more_classes(text: str, category: str) -> None:
    assert extract_facts(text, category_fallback=False).facts.category == category


def test_triage_row_asks_the_competing_readings_question() -> None:
    from assistant.triage.batch import triage_row
    from assistant.triage.rows import InputRow

    text = "我在平台买了蛋白粉和一把电动牙刷。都是假货，白花了八百块。"
    rec = triage_row(InputRow(row=2, id="Q", narrative=text))
    assert rec["category"] is None
    assert any("蛋白粉" in q and "电动牙刷" in q for q in rec["missing_questions"])
    given = triage_row(InputRow(row=3, id="Q2", narrative=text, cells={"category": "food"}))
    assert not any("蛋白粉" in q and "电动牙刷" in q for q in given["missing_questions"])  # a column answered it
