"""Issue 14: each failure class of the issue becomes tests — the issue's own sentences plus neighbours written here
(negation scope, time order, costs, misleading labels, English and mixed notes, injury through treatment, everyday
goods, identity, earlier complaints, dates at their real precision). Wrong is worse than unknown."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.triage.extract import extract_facts


def facts(text: str, anchor: date | None = None):
    return extract_facts(text, anchor=anchor).facts


# --- negation scope: 没人受伤 negates injury, not damage --------------------------------------------------------
@pytest.mark.parametrize("text", [
    "充电器半夜起火，烧坏了书桌，好在没人受伤",                       # the issue's sentence
    "充电宝半夜自己炸了，把床单烧了个洞，还好人没事",
    "扇叶飞出来打到桌上的鱼缸，鱼缸碎了，好在没人受伤。",
    "电动车充电时起火，烧毁了楼道里的两辆车，没有人员受伤。",
    "The phone charger caught fire and burned the desk. Luckily nobody was hurt.",
])
def test_negated_injury_is_not_no_damage(text: str) -> None:
    assert facts(text).harm == "property_loss"


def test_injury_denied_and_nothing_else_is_none_but_low_confidence() -> None:
    ex = extract_facts("我买的零食吃了以后人没事，就是觉得味道不对。")
    assert ex.facts.harm == "none" and ex.confidence["harm"] < 0.6  # a person checks it


def test_injury_to_someone_else_paid_by_the_consumer_is_not_his_injury() -> None:
    f = facts("电动滑板车刹车失灵，撞伤行人，当事人赔偿行人医疗费三万元。当事人本人未受伤。")
    assert f.harm != "personal_injury"


def test_a_pets_illness_is_property_loss() -> None:
    assert facts("在平台上一家宠物店买了猫粮，猫吃后呕吐不止，兽医说是霉变，治疗花了八百元。").harm == "property_loss"


# --- time order: a complaint after the harm is not knowledge before it -----------------------------------------
def test_complaint_after_harm_is_delay_not_prior_knowledge() -> None:
    f = facts("孩子吃完住院后我向平台投诉，平台拖了五天才回复，病情又加重了")  # the issue's sentence
    assert f.complaint_delay_expanded_damage is True
    assert f.knew_or_should_have_known is None
    assert f.harm == "personal_injury"


@pytest.mark.parametrize("text", [
    "我戴了两天眼睛红肿，去眼科医院确诊角膜炎。我向平台投诉后，平台拖了一周才回复，期间我眼睛越来越严重。",
    "客户面部出现色素沉着。客户投诉后平台未予理睬，商品仍在销售，其后客户的母亲又购买使用，同样出现症状。",
])
def test_neighbours_of_complaint_after_harm(text: str) -> None:
    f = facts(text)
    assert f.knew_or_should_have_known is None and f.complaint_delay_expanded_damage is True


@pytest.mark.parametrize("text", [
    "这家店评论区一堆人说吃了拉肚子，平台早就知道了还不下架，我也中招了，上吐下泻两天",
    "此前商品评价区已有多名买家反映漏电问题，平台仍让该商品继续销售。我被电得手臂抽搐，去医院看了急诊。",
    "被告平台在原告购买之前已经收到多起关于涉案保健品致人损害的举报，但被告平台未采取任何措施。原告服用后出现急性肝衰竭。",
    "Many buyers had already complained about this seller before my purchase, but the platform kept the listing online.",
])
def test_earlier_complaints_by_others_are_knowledge(text: str) -> None:
    f = facts(text)
    assert f.knew_or_should_have_known is True and f.necessary_measures_taken is False


# --- costs are harm evidence, not goods ---------------------------------------------------------------------
@pytest.mark.parametrize("text, category", [
    ("外卖点的烤鱼，吃坏肚子花了两千元医药费", "catering"),  # the issue's sentence
    ("家人们，外卖点的烤鱼，吃完半夜肚子疼得打滚，去医院挂了水，花了两千多医药费", "catering"),
    ("在平台买的电热水袋爆裂，烫伤了小腿，去医院开了药，药费三百元。", "other_goods"),
])
def test_costs_are_not_goods(text: str, category: str) -> None:
    f = facts(text)
    assert f.category == category and f.harm == "personal_injury"


# --- a misleading 自营 label ---------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "商品页标着“自营”，发货和开票的却是另一家公司",  # the issue's sentence
    "商品页面标着“官方自营”，发货和开发票的却是一家贸易公司。",
    'Client says the listing was labelled "self-operated" but the invoice and the parcel came from another company.',
])
def test_misleading_self_operated(text: str) -> None:
    assert facts(text).platform_role == "misleading_self_operated"


def test_plain_self_operated_stays_self_operated() -> None:
    assert facts("在平台自营旗舰店买的电动牙刷，充电座冒烟。").platform_role == "self_operated"


# --- English and mixed notes ---------------------------------------------------------------------------------
def test_english_intake_note_from_the_issue() -> None:
    f = facts("bought protein powder from a seller on the app in 2023; the app never checked the seller's food "
              "licence; she was hospitalised")
    assert (f.platform_role, f.category, f.harm, f.qualification_review_done) == (
        "marketplace", "food", "personal_injury", False)
    assert f.event_date is None  # a year alone


def test_english_dates_and_ride_hailing() -> None:
    f = facts("Intake note - ride-hailing trip on 3 March 2023, driver ran a red light, client suffered a broken "
              "wrist. Platform did not verify the driver's licence.")
    assert f.event_date == date(2023, 3, 3) and f.category == "transport" and f.harm == "personal_injury"
    assert f.qualification_review_done is False


def test_mixed_note() -> None:
    f = facts("客户在平台 third-party store 买了 baby formula，宝宝喝了以后 diarrhea，住院三天。Seller cannot be reached.")
    assert f.platform_role == "marketplace" and f.category == "food" and f.harm == "personal_injury"
    assert f.merchant_identity_provided is False


# --- injury stated through its treatment -------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["吃完以后去看急诊", "喝了以后在医院输液三天", "被碎片划到，做了手术", "在医院住了几天院",
                                  "烫伤的地方留下疤痕", "孩子吃了以后去医院挂了水"])
def test_injury_through_treatment(text: str) -> None:
    assert facts("在平台买的东西有问题，" + text + "。").harm == "personal_injury"


# --- everyday goods, dishes, ingredients, ride-hailing by app type -------------------------------------------------
@pytest.mark.parametrize("text, category", [
    ("买的空气炸锅用了一次就短路", "other_goods"), ("买的电水壶漏电", "other_goods"),
    ("买的婴儿奶瓶开裂", "other_goods"), ("给孩子买的学步车轮子脱落", "other_goods"),
    ("闲鱼上买的二手iPhone是翻新机", "other_goods"), ("买了一台二手手机", "other_goods"),
    ("点的酸辣粉是馊的", "catering"), ("外卖点的麻辣香锅", "catering"),
    ("买的冻虾仁有氨水味", "food"), ("买的羊肉卷检出猪肉成分", "food"),
    ("打车软件叫了一辆快车", "transport"), ("通过出行平台叫车", "transport"),
])
def test_broader_goods_lexicon(text: str, category: str) -> None:
    assert facts(text).category == category


def test_food_grade_is_not_food() -> None:
    assert facts("在平台上买的保温杯，店家说密封圈是食品级的。").category == "other_goods"


# --- identity ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["平台也说不出卖家是谁", "卖家已经联系不上了，平台也说不出卖家是谁。",
                                  "被告一在原告投诉后拒绝提供被告二的真实名称和地址。"])
def test_identity_not_provided(text: str) -> None:
    assert facts(text).merchant_identity_provided is False


def test_not_knowing_the_shop_had_problems_is_not_identity() -> None:
    assert facts("当事人称：购买前并不知道该店铺有问题。").merchant_identity_provided is None


# --- dates at their real precision -------------------------------------------------------------------------------
def test_month_only_date_is_kept_with_its_precision_and_asked() -> None:
    ex = extract_facts("2022年8月在平台买的奶粉，孩子喝了腹泻住院。")
    assert ex.facts.event_date == date(2022, 8, 1) and ex.date_precision == "month"
    assert ex.date_question and "2022年8月" in ex.date_question


@pytest.mark.parametrize("text", ["去年双十一在平台上买的羽绒服", "今年春节前在平台上买的年货礼盒", "上个月买的空气净化器"])
def test_relative_dates_without_anchor_stay_unknown_and_are_asked(text: str) -> None:
    ex = extract_facts(text)
    assert ex.facts.event_date is None and ex.date_precision == "vague" and ex.date_question


def test_relative_festival_with_anchor() -> None:
    ex = extract_facts("去年双十一在平台上买的羽绒服", anchor=date(2024, 2, 20))
    assert ex.facts.event_date == date(2023, 11, 11) and ex.date_precision == "day"
    assert extract_facts("今年春节前买的", anchor=date(2024, 3, 1)).facts.event_date is None  # lunar: never guessed


# --- the platform's own say-so, hedges, competing readings ------------------------------------------------------------
def test_platform_saying_it_reviewed_is_not_a_review() -> None:
    assert facts("平台说卖家资质是审核过的。我买的奶粉是假的。").qualification_review_done is None
    assert facts("客服：该商家的经营许可我们都有核验的。").qualification_review_done is None


def test_says_reviewed_but_shop_had_no_licence_is_false() -> None:
    assert facts("平台说卖家资质都审核过了，可这家店连食品经营许可证都没有，明明就是没审").qualification_review_done is False


def test_hedged_fact_has_low_confidence() -> None:
    ex = extract_facts("听说平台好像没有审核商家的营业执照。我吃了以后住院了。")
    assert ex.confidence.get("qualification_review_done", 1) < 0.6


def test_merchant_not_intentional() -> None:
    assert facts("商家不是故意的，是冷链断了导致海鲜变质。").merchant_fault == "negligent"


# --- not a claim narrative ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["#@!$%^&*()_+=-~`|}{[]:;?><,./", "Ceci n'est pas une réclamation. Lorem ipsum.", "   a "])
def test_text_that_is_not_a_claim_is_said_so(text: str) -> None:
    assert extract_facts(text).not_claim


def test_a_claim_is_not_flagged_as_not_a_claim() -> None:
    assert extract_facts("外卖点的烤鱼，吃坏肚子住院。").not_claim is None


def test_a_question_put_to_the_consumer_states_nothing() -> None:
    f = facts("客服：请问您有就医吗？是否已经住院？\n用户：没有，我没吃，就是要退款。")
    assert f.harm != "personal_injury"
