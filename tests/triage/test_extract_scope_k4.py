"""Issue 14 (batches n5–n7, dev): statements that do not state the fact they seem to, and harm, animals and dates.

Sentences written for these tests (not from the eval files); each class was a wrong value on the dev split.
"""

from __future__ import annotations

from datetime import date

import pytest

from assistant.triage.extract import extract_facts


def _facts(text: str, anchor: date | None = None):
    return extract_facts(text, anchor=anchor, category_fallback=False).facts


def test_an_a_not_a_question_without_a_question_mark_states_nothing() -> None:
    f = _facts("孩子吃了你们平台卖的果冻被噎住，送了急诊。我就想问你们平台管不管")
    assert f.safety_duty_done is None and f.necessary_measures_taken is None
    assert _facts("只是想问一下平台自营的蜂蜜能不能退").platform_role == "self_operated"  # the rest still states
    assert _facts("客户说不知道是不是平台自营的，买的辣条吃坏了肚子。").knew_or_should_have_known is None


def test_the_platforms_say_so_in_an_intake_note_is_a_claim() -> None:
    assert _facts("平台：事后称已核验商家许可证，但拿不出任何记录。客户吃了店里的卤肉后腹泻。").qualification_review_done is None


@pytest.mark.parametrize("text, promised", [
    ("主播在直播间反复承诺假一赔十，我收到的名牌包经鉴定是假货。", None),   # the streamer's guarantee, not CPL-44-1
    ("这家店铺首页写着假一赔三，买到的球鞋是假的。", None),
    ("平台在首页承诺先行赔付，我在平台上一家店买的手表是假的。", True),
])
def test_advance_compensation_is_the_platforms_promise_not_the_sellers(text: str, promised: bool | None) -> None:
    assert _facts(text).advance_compensation_promised is promised


def test_a_link_still_to_be_established_is_not_stated() -> None:
    assert _facts("孩子用了网购的爽身粉后咳嗽不止，因果关系有待鉴定。").causation is None


@pytest.mark.parametrize("text, fault", [
    ("网上买的芝麻油经检测掺假，我们吃了倒没什么事。", None),              # what the goods are, not who knew
    ("店家在芝麻油里掺假，被市场监管部门查处了，我们吃了也拉肚子。", "intentional"),
])
def test_adulteration_is_the_sellers_intent_only_with_the_seller_as_subject(text: str, fault: str | None) -> None:
    assert _facts(text).merchant_fault == fault


def test_the_platforms_business_description_is_not_the_merchants_identity() -> None:
    assert _facts("被告一称其仅提供信息撮合服务，拒绝承担责任。搬家工人摔坏了原告的冰箱。").merchant_identity_provided is None


@pytest.mark.parametrize("text, harm", [
    ("买的电暖器冒火星，把地毯烫了个洞，好在人没事。", "property_loss"),   # 没事 negates injury, not the carpet
    ("外卖的水饺里有颗石子，一口下去崩掉半颗牙。", "personal_injury"),
    ("预约的宠物店给该犬洗澡时用热水烫伤了它的背。", "property_loss"),      # an animal named by its kind
])
def test_harm_to_things_teeth_and_animals(text: str, harm: str) -> None:
    assert _facts(text).harm == harm


@pytest.mark.parametrize("text, anchor", [
    ("2023年5月至7月间我在平台上多次买同一款奶粉，孩子喝了一直腹泻。", None),  # a span of purchases
    ("去年国庆在网上买的保温杯，用了一周杯底漏电。", date(2024, 4, 2)),         # a holiday week, not a day
    ("On 4 May 2024 she complained to the app that the heater sparked. It caught fire a week later and burned her arm.", None),
])
def test_dates_that_name_no_single_event_day_stay_unknown(text: str, anchor: date | None) -> None:
    assert _facts(text, anchor).event_date is None


@pytest.mark.parametrize("text, evidence", [
    ("买的饼干孩子吃了呕吐，订单截图我已经发给客服了。", None),          # the purchase only: no link to the damage
    ("民宿床上有跳蚤，咬得全身是包。证据：仅有一张照片。", None),
    ("充电器烧坏了床头柜，我拍了个视频。", None),
    ("面膜用后脸上红肿，订单截图和门诊病历我都保存着。", True),          # purchase and damage: initial proof
    ("原告已提交购买凭证等初步证据。", True),                             # called initial proof outright
])
def test_initial_proof_needs_more_than_one_item(text: str, evidence: bool | None) -> None:
    assert _facts(text).consumer_prima_facie_evidence is evidence


@pytest.mark.parametrize("text, field, value", [
    ("卖家的电话是空号，店铺也关了。", "merchant_identity_provided", False),
    ("被告二未取得动物诊疗许可证即开展诊疗，被告一未发现。", "qualification_review_done", False),
    ("第三方店铺卖的剃须刀，刀片把我的脸刮破了。", "harm", "personal_injury"),
    ("网上买的猫爬架倒了，砸到女儿的脚，脚趾骨裂。", "category", "other_goods"),
    ("Bought a blender from a seller on the app; the blade flew off and cut my hand.", "category", "other_goods"),
])
def test_more_everyday_wordings(text: str, field: str, value: object) -> None:
    assert getattr(_facts(text), field) == value


def test_a_dead_number_is_never_the_merchants_identity_provided() -> None:
    # CPL-44-1 asks for a real name, address and valid contact: a number that is 空号 is not one
    assert _facts("平台客服给了我卖家的电话，可打过去是空号。").merchant_identity_provided is not True


@pytest.mark.parametrize("text, field, value", [
    ("商家说平台审核过他们的资质，我不太相信。", "qualification_review_done", None),   # the seller's say-so
    ("平台称其事先并不知道这家店卖假药，可之前已经有二十几个人投诉过。", "knew_or_should_have_known", True),
    ("客服回复得很及时，可是卖家一直不处理，充电器烧坏了插座。", "safety_duty_done", None),  # the seller's conduct
    ("我投诉后客服说该商家已被清退，店铺已关闭。", "necessary_measures_taken", True),        # 被清退: acted on
    ("民宿的热水器漏电，我洗澡时被电晕过去。", "harm", "personal_injury"),
    ("Her son went into anaphylactic shock after eating the cake from a bakery on the app.", "harm", "personal_injury"),
])
def test_who_says_and_who_acts(text: str, field: str, value: object) -> None:
    assert getattr(_facts(text), field) == value


@pytest.mark.parametrize("text, field, value", [
    ("Bought baby formula from a store on the app; the baby had a rash. The platform says it checked the store's licence.",
     "qualification_review_done", None),                                   # the platform's say-so, in English
    ("The noodles came cold and late, but nobody got sick; we want the delivery fee back.", "harm", None),
    ("The e-bike battery from a shop on the app exploded while charging and burned down the shed.", "harm", "property_loss"),
    ("The app told us the seller's name and address after a week.", "merchant_identity_provided", True),
])
def test_english_notes_say_so_negated_illness_and_property(text: str, field: str, value: object) -> None:
    assert getattr(_facts(text), field) == value


def test_causation_still_being_assessed_and_online_consultation() -> None:
    assert _facts("孩子玩了网购的积木后出现皮疹，积木检出有害物质，因果关系尚在鉴定中。").causation is None
    assert _facts("在平台上在线问诊，医生给我开的抗生素吃了以后过敏。").category == "other_service"  # the service sold


@pytest.mark.parametrize("text, value", [
    ("我找平台要卖家的真实姓名和电话，客服说涉及隐私不能提供。", False),
    ("原告多次要求被告一提供被告二的名称和地址，被告一均以信息已删除为由拒绝。", False),
    ("客服：卖家的实名信息我们这边不方便提供给您。", False),
    ("被告一在原告投诉后第三天向原告提供了被告二的名称和联系电话。", True),
])
def test_the_merchants_identity_asked_for_then_refused_or_given(text: str, value: bool) -> None:
    assert _facts(text).merchant_identity_provided is value


@pytest.mark.parametrize("text", [
    "用户：上个月我就跟你们说过那个电暖器冒火星\n用户：结果你们一直没回复，我爸以为没事又接着用，昨天把脚烫伤了",
    "I told the app the stroller brake was loose. The app took six days to reply. On the fourth day the stroller tipped over and my son hit his head.",
])
def test_a_complaint_left_unanswered_then_harm_again_is_expanded_damage(text: str) -> None:
    assert _facts(text).complaint_delay_expanded_damage is True


def test_the_sellers_silence_followed_by_use_is_not_the_platforms_delay() -> None:
    assert _facts("商家一直没回复，我又用了一次，手被烫了。").complaint_delay_expanded_damage is None


@pytest.mark.parametrize("text, knew", [
    ("平台知道我孩子住院后，第二天就把那家店封了。", None),            # learnt of the harm itself: after it
    ("平台知道这家店卖过期奶粉后仍然不下架，我买了一罐孩子喝了腹泻。", True),  # learnt of the hazard, before
    ("这家店去年就被市场监督管理部门通报过，平台照样让它卖。", True),
])
def test_knowledge_of_the_hazard_before_not_of_the_harm_after(text: str, knew: bool | None) -> None:
    assert _facts(text).knew_or_should_have_known is knew
