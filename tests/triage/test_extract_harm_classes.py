"""Issue 14: harm failure classes from the new dev narratives, each with new sentences (not from the eval files).

Negation scope over fillers (未因此受到人身损害), an animal's illness as its owner's property loss, a hospital visit
that was only a check, and two harm readings that compete (left unknown and asked: wrong is worse than unknown).
"""

from __future__ import annotations

import pytest

from assistant.triage.extract import extract_facts


@pytest.mark.parametrize("text, harm", [
    ("搬运时把鱼缸打碎了，所幸未造成人员受伤。", "property_loss"),                       # 人员 between negator and 受伤
    ("原告未因此受到人身损害，但两千元货款白花了。", "property_loss"),                     # 因此 inside the negation
    ("我家柯基吃了那袋狗粮之后上吐下泻，在宠物医院打了三天针。", "property_loss"),         # a dog's illness
    ("接回来的时候猫已经瘦脱了相，送医抢救也没救回来。", "property_loss"),                 # the cat, named a clause before
    ("在天猫买的面膜，敷完脸上起疹子。", "personal_injury"),                            # 天猫 is a platform, not a cat
    ("外卖点的黄焖鸡吃了一口就吐了。", "personal_injury"),                              # 鸡 the dish, not an animal
    ("买的电子体温计读数不准，我拿去社区医院对比了一下，家里人都没出什么事，就是钱白花了。", "property_loss"),
    ("发来的大闸蟹到手就臭了，一只都不能吃。", "property_loss"),
    ("My mother slipped on the wet floor of the hotel and broke her wrist.", "personal_injury"),
    ("The kettle melted and scorched the counter. Nobody was hurt.", "property_loss"),
])
def test_harm_classes(text: str, harm: str) -> None:
    assert extract_facts(text, category_fallback=False).facts.harm == harm


@pytest.mark.parametrize("text", [
    "买的驱蚊液喷完手臂起了红疹，过两天就消了，人没事。",          # injured, or nothing?
    "买到的耳机是假货，平台已经全额退款，我没有任何损失。",        # fake goods, but no loss at all
])
def test_competing_harm_readings_stay_unknown_and_asked(text: str) -> None:
    ex = extract_facts(text, category_fallback=False)
    assert ex.facts.harm is None and len(ex.conflicts["harm"]) == 2 and "损害" in ex.questions["harm"]


def test_other_buyers_reported_harm_is_not_the_consumers() -> None:
    f = extract_facts("评论区好多人说吃了上吐下泻，我还没敢吃，要求退款商家不退，两百块钱白花了。", category_fallback=False).facts
    assert f.harm == "property_loss"
    f = extract_facts("评论区好多人说吃了拉肚子，我也中招了，上吐下泻两天。", category_fallback=False).facts
    assert f.harm == "personal_injury"  # the narrator says it happened to them too


def test_a_rhetorical_question_asks_only_its_own_clause() -> None:
    f = extract_facts("退款就完了？我吃了你们卖的凉皮拉了两天肚子，医药费谁出？", category_fallback=False).facts
    assert f.harm == "personal_injury"


@pytest.mark.parametrize("text, harm", [
    ("用户：在你们这买的电热毯半夜烧起来了，我腿上烫了个泡，被子也烧了个洞。", "personal_injury"),
    ("订的民宿没有热水，大冬天洗冷水澡，我冻感冒了。", "personal_injury"),
    ("网上药店买的退烧药，孩子吃了一直吐。", "personal_injury"),
    ("在平台上买了一袋面粉，打开全是虫，商家只退一半钱。", "property_loss"),
    ("Client bought a kettle from a store on the app; it burst and she was burned on the arms.", "personal_injury"),
    ("The driver was drunk and crashed; the client broke two ribs.", "personal_injury"),
])
def test_harm_vocabulary_classes(text: str, harm: str) -> None:
    assert extract_facts(text, category_fallback=False).facts.harm == harm


@pytest.mark.parametrize("text, harm", [
    ("网上买了个二手电动车，骑了一周电池起火，车烧没了，人没事。", "property_loss"),   # 人没事 negates injury only
    ("通过平台找的保姆，偷了我家的金手镯，现在人找不到了。", "property_loss"),
    ("I ordered a phone case from a shop on the app; it never came. No injury, just 80 yuan lost.", "property_loss"),
    ("User: the heater you sold me caught fire. Agent: sorry. User: my hand got burned!", "personal_injury"),
])
def test_more_harm_classes(text: str, harm: str) -> None:
    assert extract_facts(text, category_fallback=False).facts.harm == harm
