"""Issue 14 (second generalisation round): classes found by probing new sentences in other registers.

Each class is a reading that produced a WRONG value (not a miss): a harm that did not happen (差点烫伤, 担心会触电,
almost burned), a product named by the harm it treats (烫伤膏, 抗过敏滴眼液), an injury denial after damage to things
read as "no damage at all" (还好人没事), a clinic as a workplace or as the service sold, a word straddling two words
(漏水泡坏 is not a 水泡). The sentences are written for these tests, not copied from the eval files.
"""

from __future__ import annotations

import pytest

from assistant.triage.extract import extract_facts


def _harm(text: str):
    return extract_facts(text, category_fallback=False).facts.harm


@pytest.mark.parametrize("text", [
    "网上买的电饭煲盖子突然弹开，差点烫到我女儿的脸。",
    "用户：你们卖的折叠椅一坐就塌了，险些摔伤我家老人！\n客服：非常抱歉。",
    "原告所购取暖器倾倒后冒烟，几乎引发火灾，险些造成人身伤害。",
    "姐妹们，这个加热眼罩温度太高了，差一点就把眼皮烫伤，已经扔了",
    "The stroller's brake failed on a slope and the baby was nearly injured; my husband caught it.",
    "She was worried the charger would burn the house down, so she never plugged it in again.",
    "这个充电宝没有任何认证，我怕会爆炸烧伤人，一直不敢用。",
    "万一孩子把这个小磁铁吞下去就危险了，我要求商家召回。",
])
def test_a_harm_that_did_not_happen_is_no_injury(text: str) -> None:
    assert _harm(text) != "personal_injury"


@pytest.mark.parametrize("text", [
    "在平台买的烧伤膏收到时包装破损，膏体都漏了，卖家只肯退一半。",
    "网购的防过敏洗发水是假的，和专柜的味道完全不一样。",
    "下单的祛疤凝胶迟迟不发货，客服一直推脱。",
    "药店网店买的止咳药和治腹泻的药都发错了货。",
])
def test_a_products_indication_is_not_the_consumers_harm(text: str) -> None:
    assert _harm(text) != "personal_injury"


@pytest.mark.parametrize("text", [
    "网购的电热水袋半夜爆了，床垫湿透了，还好人没事。",
    "用户：空气净化器冒烟了，墙上留下一大块黑印。人没有受伤。\n客服：请您提供照片。",
    "充电时手机壳起火，书桌上留了一块印子，好在没人受伤。",
])
def test_an_injury_denied_after_damage_to_things_is_not_no_damage(text: str) -> None:
    assert _harm(text) != "none"


def test_an_injury_denied_with_nothing_else_wrong_is_still_no_damage() -> None:
    assert _harm("在平台买的零食吃完没什么事，就是觉得和图片上不一样。") == "none"


@pytest.mark.parametrize("text", [
    "我在一家诊所当护士，平台上买的护士鞋穿了三天就开胶了，卖家不退。",
    "在平台预约了一家牙科诊所做美白，对方多扣了我三百元。",
    "买的鱼缸用了一周就裂了，漏水泡坏了实木柜子。",
])
def test_a_clinic_or_a_straddling_word_is_no_injury(text: str) -> None:
    assert _harm(text) != "personal_injury"


@pytest.mark.parametrize("text", [
    "网购的电暖器倒了，烫伤了孩子的小腿，去诊所包扎了。",       # the injury itself still reads
    "吃了外卖的凉皮以后上吐下泻，送到社区诊所输液。",
    "买的热水袋漏了，手上烫起了一串水泡。",
])
def test_real_injuries_still_read(text: str) -> None:
    assert _harm(text) == "personal_injury"
