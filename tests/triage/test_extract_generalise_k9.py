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


# --- classes from the n8 dev narratives' wrong values, each with new sentences -----------------------------------

@pytest.mark.parametrize("text", [
    "原告购买的按摩椅夹住手指，经门诊治疗两周，支出医疗费二千元。",        # treatment and its cost state the injury
    "用户：那个卷发棒温度失控，我在医院做了住院治疗，医药费都是我垫的",
    "买的电动牙刷刷头脱落划破牙龈，去做了根管治疗。",
])
def test_injury_told_through_its_treatment_or_cost(text: str) -> None:
    assert _harm(text) == "personal_injury"


@pytest.mark.parametrize("text", [
    "网购的自行车刹车失灵撞了路人，我赔偿路人医疗费八千元，我自己没受伤。",   # the other's cost, paid by the consumer
    "买的除草剂用在果园里，一百多棵果树全死了，损失三万元。",                   # plants, not people
    "施了网上买的叶面肥，大棚里的菜苗一夜之间全部死亡。",
])
def test_harm_to_others_or_to_plants_is_no_personal_injury(text: str) -> None:
    assert _harm(text) != "personal_injury"


def test_a_denial_with_its_cause_between_still_competes_with_an_injury_word() -> None:
    # 未因使用该产品受到人身伤害: the negator governs the injury across its cause
    assert _harm("原告使用该产品后未因使用该产品受到人身伤害，但产品本身烧毁。") == "property_loss"


@pytest.mark.parametrize("text, category", [
    ("在平台买的杀虫剂，按说明喷药后家里的绿萝全枯了。", "other_goods"),          # 喷药: applying it, not a drug
    ("原告在被告二处购买电热水壶一个，原告用该水壶煮饭菜时底座爆裂。", "other_goods"),  # the food is what was heated
    ("用户：我在你们店买的油烟机，你们派的安装工把墙打穿了", "other_goods"),      # the worker came with the goods
    ("在平台订了一家民宿，房间里的电暖器漏电。", "lodging"),                       # a service bought absorbs its goods
])
def test_the_goods_bought_decide_against_a_service_or_food_merely_named(text: str, category: str) -> None:
    assert extract_facts(text, category_fallback=False).facts.category == category


@pytest.mark.parametrize("text", [
    "网上买的豆浆机，打出来的豆浆孩子喝了拉肚子。",
    "拼多多买的酸奶机漏电，我被电了一下。",
    "网上买的宝宝辅食碗，用了几天碗底的漆就掉了。",
])
def test_an_appliance_named_after_its_food_is_not_food(text: str) -> None:
    assert extract_facts(text, category_fallback=False).facts.category != "food"


# --- time order for goods: what was sold comes before the harm, its remedy after it ---------------------------------

@pytest.mark.parametrize("text, category", [
    ("用户：我叫的你们的网约车急刹车，我头撞到前座，额头肿了，去药店买了云南白药喷了", "transport"),
    ("在平台买的电动晾衣架砸下来，砸伤了肩膀，后来买了膏药贴了半个月。", "other_goods"),
    ("客户在平台买的智能插座短路，家里跳闸停电一夜，冰箱里的东西全坏了，叫了电工上门维修花了三百。", "other_goods"),
    ("原告购买的大米煮食后全家呕吐，经医院诊断为农药中毒。", "food"),
])
def test_goods_named_after_the_harm_are_its_remedy_not_what_was_sold(text: str, category: str) -> None:
    assert extract_facts(text, category_fallback=False).facts.category == category


def test_a_seedling_of_a_fruit_is_not_food() -> None:
    assert extract_facts("在平台买的草莓苗三百株，种下去一半都死了。", category_fallback=False).facts.category != "food"


def test_a_tour_and_the_jewellery_bought_on_it_compete() -> None:
    ex = extract_facts("报了个旅游团，导游拉我们去珠宝店，买的玉镯回来鉴定是假的。", category_fallback=False)
    assert ex.facts.category is None and "category" in ex.questions


@pytest.mark.parametrize("text", [
    "住的那家民宿后面的河涨水，停在院里的电动车被冲走了，人倒是都没事。",
    "订的房车营地被山洪淹了，帐篷和行李都泡水了，还好人都没事。",
])
def test_goods_washed_away_are_property_even_when_nobody_was_hurt(text: str) -> None:
    assert _harm(text) == "property_loss"


def test_an_animals_treatment_cost_is_its_owners_property_loss() -> None:
    assert _harm("原告的柯基吃了该狗粮后肝功能异常，原告为此支出治疗费三千元。") == "property_loss"


def test_the_platforms_say_so_with_an_adverbial_between_is_a_claim() -> None:
    f = extract_facts("被告一在原告投诉后的回复中称商家资质均经平台审核，但未提供审核记录。", category_fallback=False).facts
    assert f.qualification_review_done is None


@pytest.mark.parametrize("text", [
    "在平台上找的长租公寓，住了三个月一直头疼，后来测出甲醛超标。",
    "用户：我在你们这租的房子，合租的，卫生间的热水器漏电把我电了一下",
])
def test_a_home_let_by_the_month_is_asked_not_read_as_lodging(text: str) -> None:
    ex = extract_facts(text, category_fallback=False)
    assert ex.facts.category is None and "category" in ex.questions


@pytest.mark.parametrize("text", [
    "有没有人知道 这个外卖平台的会员怎么退啊",
    "请问网上买的药品能不能退",
])
def test_a_question_without_a_question_mark_states_nothing(text: str) -> None:
    f = extract_facts(text, category_fallback=False).facts
    assert f.category is None


def test_who_would_have_thought_still_tells_what_happened() -> None:
    f = extract_facts("在平台买的暖风机，谁知道用了两天就起火了，烧坏了窗帘", category_fallback=False).facts
    assert f.category == "other_goods" and f.harm == "property_loss"


@pytest.mark.parametrize("text", [
    "投诉：平台送的优惠券过期前一点提醒都没有，我今天下单才发现已经过期了。",
    "会员积分到期了平台也不提醒，一下子清零了，希望改进。",
])
def test_a_lapsed_voucher_is_neither_harm_nor_a_safety_failure(text: str) -> None:
    f = extract_facts(text, category_fallback=False).facts
    assert f.harm is None and f.safety_duty_done is None


def test_expired_goods_are_still_property_loss() -> None:
    assert _harm("收到的牛奶发现已经过期了，商家不给退。") == "property_loss"


def test_a_shop_named_self_operated_run_by_another_is_not_self_operation() -> None:
    # SPC-OC-4-2: the 自营 in the shop's name, the operator the pleading names is another company
    f = extract_facts("原告在被告一平台的“某某自营专卖店”购买了一台电暖器，该店铺的实际经营者为被告二。",
                      category_fallback=False).facts
    assert f.platform_role == "misleading_self_operated"


def test_a_seller_word_denied_names_no_seller() -> None:
    f = extract_facts("客服说他们平台只是提供信息服务，并非卖家，让我自己想办法。", category_fallback=False).facts
    assert f.platform_role is None


@pytest.mark.parametrize("text", [
    "用户：买的儿童水杯有股塑料味\n客服：亲，如果宝宝有不舒服，建议及时去医院看一下哦",
    "用户：这个电热毯插上就跳闸\n客服：您好，可能是线路问题，为了安全请先别用，小心触电",
    "User: the power bank is swelling\nAgent: please stop using it, it could cause burns; do you need to see a doctor",
])
def test_the_agents_advice_in_a_transcript_is_not_the_consumers_harm(text: str) -> None:
    assert _harm(text) != "personal_injury"


def test_a_friends_earlier_harm_is_not_this_one_but_a_friend_hurt_now_is() -> None:
    assert _harm("同事以前用这个牌子的电热毯烫伤过，我买的这条用了一周就不发热了，不能用了。") == "property_loss"
    assert _harm("我和朋友在平台订的农家乐吃饭，朋友吃完上吐下泻。") == "personal_injury"


@pytest.mark.parametrize("text, category", [
    ("我是开火锅店的，在平台上给店里买了一台冰箱，压缩机烧了，损失了一天的生意。", "other_goods"),
    ("原告为其经营的酒店在被告一平台购买电热水壶二十个，其中三个通电后起火。", "other_goods"),
    ("The client bought a blender for her own restaurant; it cracked and the refund was refused.", "other_goods"),
])
def test_the_buyers_own_trade_is_not_what_was_sold(text: str, category: str) -> None:
    assert extract_facts(text, category_fallback=False).facts.category == category


def test_a_workplace_named_beside_the_meal_bought_leaves_the_meal() -> None:
    f = extract_facts("我在一家酒店上班，午休时在外卖平台点了一份盖浇饭，吃完就吐了。", category_fallback=False).facts
    assert f.category == "catering"


@pytest.mark.parametrize("text", [
    "原告通过平台下单搬运一架钢琴，工人途中把钢琴摔坏了。",     # a service done to goods: not goods bought
    "在平台预约维修洗衣机，师傅修完第二天洗衣机就漏电了。",
])
def test_a_service_done_to_goods_is_not_the_goods_bought(text: str) -> None:
    assert extract_facts(text, category_fallback=False).facts.category != "other_goods"


@pytest.mark.parametrize("text", [
    "用户：我用你们的跑腿让骑手去药店帮我买退烧药，三个小时才送到，孩子烧到四十度送了急诊",
    "在平台下了个闪送单，让骑手从蛋糕店取蛋糕，结果蛋糕被压烂了。",
])
def test_an_errand_is_the_service_sold_not_the_goods_it_fetched(text: str) -> None:
    assert extract_facts(text, category_fallback=False).facts.category == "other_service"


@pytest.mark.parametrize("text, harm", [
    ("Intake: cat litter bought on the app; the kitten vomited and was hospitalised at the vet for a week.", "property_loss"),
    ("Our puppy got diarrhoea from the treats; the vet bill was 600 yuan.", "property_loss"),
    ("The dog treats were fine, but my son ate one and vomited.", "personal_injury"),   # a person after the animal
])
def test_english_an_animals_illness_is_its_owners_property_loss(text: str, harm: str) -> None:
    assert _harm(text) == harm


def test_goods_bought_beside_a_service_engaged_by_its_own_verb_do_not_win() -> None:
    # 点了外卖 is bought too: the drug bought beside it does not win by the purchase verb alone
    ex = extract_facts("叫了个外卖，顺便在平台上买了盒胃药，吃完外卖就上吐下泻。", category_fallback=False)
    assert ex.facts.category != "drug"
