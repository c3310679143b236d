"""Issue 14 (K12): classes of WRONG values found by probing narratives written for the probe (tests/triage/probe_k12.yaml).

Each class: an injury word that is context (the reason for buying, a department as a place or a trade), the other
side's say-so that nothing was lost, English negation scope (nobody hurt), a burn on a thing, a third person hurt,
and evidence that is the platform's, not the consumer's. The sentences here are new, written for these tests.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from assistant.core import ClaimFacts
from assistant.triage.coerce import EXTRACTED_FIELDS
from assistant.triage.extract import extract_facts


def _facts(text: str) -> ClaimFacts:
    return extract_facts(text, category_fallback=False).facts


# --- an injury told as the reason for buying, before the purchase -----------------------------------------------

@pytest.mark.parametrize("text", [
    "奶奶中风住院以后，我在平台上给她买了一台轮椅，刚用一周坐垫就裂了，卖家不肯换。",
    "为刚做完手术的爸爸在网上一家店订了一台理疗仪，开机就报错，根本用不了，店家拖着不退。",
    "老公骨折后在平台租的拐杖，把手断了，商家要扣押金。",
])
def test_an_injury_before_the_purchase_is_the_reason_not_the_harm(text: str) -> None:
    assert _facts(text).harm != "personal_injury"


@pytest.mark.parametrize("text", [
    "用了网上买的护膝以后膝盖过敏起红疹，后来又在同一家店买了一副，还是一样。",   # the injury follows a use
    "吃了平台买的腊肠以后住院了三天，出院后我又买了药。",
    "孩子喝了网购的果汁后腹泻，去医院输液两天。",
])
def test_an_injury_after_use_still_reads(text: str) -> None:
    assert _facts(text).harm == "personal_injury"


# --- a department as a place or a trade, not a visit ------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "我在口腔科上班，平台上买的电动冲牙器用了两周就充不进电了，卖家说过了退货期。",
    "在皮肤科医院对面那家药店的网店买的消毒棉签，整包都是发霉的。",
    "本人是眼科护士，网购的护目镜镜片一碰就掉，商家不理。",
])
def test_a_department_as_a_place_or_a_trade_is_no_injury(text: str) -> None:
    assert _facts(text).harm != "personal_injury"


@pytest.mark.parametrize("text", [
    "网购的睫毛胶水用完眼皮肿了，去眼科看了，医生开了药膏。",
    "眼科医生说我的角膜被那瓶护理液灼伤了。",
])
def test_a_department_visited_is_still_an_injury(text: str) -> None:
    assert _facts(text).harm == "personal_injury"


# --- the other side's say-so that nothing was lost ----------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "卖家称我没有任何损失，可是那台网购的洗碗机漏水，把橱柜底板全泡坏了。",
    "The shop claims there was no loss, yet the shelf it sold collapsed and smashed six plates and a vase.",
])
def test_the_other_sides_say_so_of_no_loss_is_not_none(text: str) -> None:
    assert _facts(text).harm != "none"


def test_the_consumers_own_no_loss_still_reads_none() -> None:
    assert _facts("商家当天就退了全款，我没有任何损失，只是想提醒平台注意这家店。").harm == "none"


# --- English negation scope, and a burn on a thing ---------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The fan heater sparked and charred the carpet, nobody hurt.",
    "Its battery swelled and cracked the phone screen; no one in the family got hurt.",
    "The shelf fell off the wall and broke the TV, without anyone getting hurt.",
    "The lamp overheated and left a burn mark on the bedside table.",
    "There is a burn on the sofa where the heated cushion was lying.",
])
def test_english_damage_to_things_is_not_an_injury(text: str) -> None:
    assert _facts(text).harm == "property_loss"


@pytest.mark.parametrize("text", [
    "The heating pad gave her a burn on the back of her hand.",
    "The iron burned my fingers when the handle came off.",
    "No one told us the jelly cups were a choking risk; my son choked on one and was taken to hospital.",
])
def test_english_injuries_still_read(text: str) -> None:
    assert _facts(text).harm == "personal_injury"


@pytest.mark.parametrize("text", [
    "My client's electric scooter lost its brakes and knocked down a cyclist, who fractured his ankle; my client paid his medical bills.",
    "The e-bike he bought on the app veered into a passer-by, who was badly injured.",
])
def test_english_a_third_persons_injury_is_not_the_consumers(text: str) -> None:
    assert _facts(text).harm != "personal_injury"


# --- evidence the platform did not submit is not the consumer's -------------------------------------------------

@pytest.mark.parametrize("text", [
    "被告一辩称已核实被告二的资质，但未提供任何证据。",
    "平台说它审核过卖家，却拿不出任何凭证，也没有提交聊天记录。",
])
def test_evidence_the_platform_lacks_is_not_the_consumers(text: str) -> None:
    assert _facts(text).consumer_prima_facie_evidence is None


def test_evidence_the_consumer_kept_still_reads() -> None:
    assert _facts("原告保留了订单截图和病历，已向被告一提交。").consumer_prima_facie_evidence is True


# --- the probe itself: narratives written for it, with their facts -----------------------------------------------

PROBE = Path(__file__).with_name("probe_k12.yaml")


def _wrong_values() -> list[str]:
    """Every value the extractor sets that the probe's labels say is wrong (unsure fields not scored)."""
    wrong = []
    for case in yaml.safe_load(PROBE.read_text(encoding="utf-8"))["cases"]:
        anchor = case.get("anchor")
        anchor = date.fromisoformat(anchor) if isinstance(anchor, str) else anchor
        got = extract_facts(case["text"], anchor=anchor, category_fallback=False).facts.model_dump()
        want = ClaimFacts(**case["expected"]).model_dump()
        never, unsure = case.get("never", {}), set(case.get("unsure", []))
        for f in EXTRACTED_FIELDS:
            if (f in never and got[f] == never[f]) or (
                    f not in unsure and got[f] is not None and got[f] != want[f]):
                wrong.append(f"{case['id']}.{f}: want {want[f]!r}, got {got[f]!r}")
    return wrong


def test_the_probe_has_no_wrong_value_in_the_fields_of_this_round() -> None:
    """The probe's wrong values outside category (K13's field, measured apart): none after this round."""
    assert [w for w in _wrong_values() if ".category:" not in w] == []


# --- third round: time order, whose act, whose thing ------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "直到我把病历发到网上，平台才知道这家店卖的是三无产品。",
    "原告向被告一投诉之后，被告一方知悉被告二无证经营。",
])
def test_knowledge_learnt_through_the_consumers_own_complaint_is_not_knowledge_before(text: str) -> None:
    assert _facts(text).knew_or_should_have_known is not True


@pytest.mark.parametrize("text", [
    "我在评论区说了实话，结果平台把我的评价删除了，那家店的电煮锅还在卖。",
    "平台封禁了我的账号，理由是我恶意差评。",
])
def test_a_step_against_the_consumers_own_things_is_no_measure(text: str) -> None:
    assert _facts(text).necessary_measures_taken is not True


def test_a_step_against_the_goods_is_still_a_measure() -> None:
    assert _facts("我投诉当天，平台就把那款暖风机下架了。").necessary_measures_taken is True


@pytest.mark.parametrize("text", [
    "注册时平台审核了我的身份证，后来在一家店买的烫发棒把头皮烫伤了。",
    "网约车平台核验了乘客的实名信息，却没说司机是谁。",
])
def test_a_review_of_the_consumers_identity_is_no_review_of_the_seller(text: str) -> None:
    assert _facts(text).qualification_review_done is not True


@pytest.mark.parametrize("text", [
    "我自己拖了一个星期才去看医生，伤口越来越严重。",
    "本人没有及时处理，一拖再拖，结果炎症加重了。",
])
def test_the_consumers_own_delay_is_not_the_platforms(text: str) -> None:
    facts = _facts(text)
    assert facts.complaint_delay_expanded_damage is not True and facts.safety_duty_done is not False


def test_the_platforms_delay_still_reads() -> None:
    facts = _facts("我投诉后平台拖了五天才处理，这期间我爸又用了一次，烫伤更严重了。")
    assert facts.complaint_delay_expanded_damage is True


@pytest.mark.parametrize("text, bought", [
    ("这批面粉生产日期为2023年2月3日，我2023年10月5日在平台下单。", date(2023, 10, 5)),
    ("保质期至2022年12月，2023年4月8日买到时已经过期。", date(2023, 4, 8)),
    ("Best before June 2023; my client bought the tins on 2 August 2023 from a shop on the app.", date(2023, 8, 2)),
])
def test_a_date_of_the_goods_is_not_the_event_date(text: str, bought: date) -> None:
    assert _facts(text).event_date == bought


def test_a_delivery_date_with_the_order_told_apart_is_not_guessed() -> None:
    assert _facts("2023年7月3日签收，是6月29日下的单，买的儿童泳圈。").event_date is None


def test_the_usual_self_operated_shop_is_not_this_seller() -> None:
    assert _facts("我平时都在自营店买奶粉，这次在一家代购小店买的，结果是假货。").platform_role == "marketplace"


@pytest.mark.parametrize("text", [
    "孩子术后在家休养期间，我在外卖平台给他点了一份粥，粥里有一块碎玻璃，幸好发现了没吃。",
    "为了照顾住院的外公，在网上订的陪护床一躺就塌了，床是坏的。",
])
def test_an_injury_before_the_order_is_not_this_harm(text: str) -> None:
    assert _facts(text).harm != "personal_injury"


@pytest.mark.parametrize("text", [
    "小孩没受伤，但那辆网购的平衡车摔得不能骑了，卖家不管。",
    "人没事，可买的护腰戴了一天扣子就崩了，现在戴不了。",
])
def test_goods_made_unusable_are_a_loss_not_none(text: str) -> None:
    assert _facts(text).harm == "property_loss"


def test_a_clinic_where_the_consumer_was_treated_is_no_seller() -> None:
    text = "Ordered a bike helmet on the app; the strap snapped and my client cut her chin. Stitched at a local clinic."
    assert _facts(text).platform_role is None


def test_a_clinic_that_sold_the_service_is_still_a_seller() -> None:
    text = "Booked a laser treatment at a beauty clinic through the app; the clinic burned her cheek."
    assert _facts(text).platform_role == "marketplace"


# --- fifth round: a ward as a place, a tool named after its use, loss of earnings, "no great harm" ---------------

@pytest.mark.parametrize("text", [
    "在急诊楼对面那家便利店的网店买的矿泉水，整箱都是漏的，店家不给换。",
    "住院部门口那家花店线上卖的花篮，送到时全蔫了，花了三百多。",
])
def test_a_ward_named_as_a_place_is_no_injury(text: str) -> None:
    assert _facts(text).harm != "personal_injury"


def test_a_tool_named_after_its_use_is_no_injury() -> None:
    assert _facts("平台上买的手术剪刃口是钝的，没法用，店家说是正常现象。").harm != "personal_injury"


def test_loss_of_earnings_after_damage_to_goods_is_not_an_injury() -> None:
    text = "网购的电动车控制器烧了，车没法骑，耽误了三天工，我要求商家赔误工费。"
    assert _facts(text).harm != "personal_injury"


def test_a_hospital_visit_with_its_place_named_is_an_injury() -> None:
    assert _facts("网购的暖风机漏电，我儿子被电得直哭，送到县医院观察了一晚。").harm == "personal_injury"


def test_an_injury_word_beside_no_great_harm_is_asked_not_guessed() -> None:
    ex = extract_facts("用了网上买的足浴盆，脚被电了一下，应该没什么大碍，盆底烧穿了。", category_fallback=False)
    assert ex.facts.harm is None and "harm" in ex.questions


# --- sixth round: blame laid on the consumer, damage negated in English, a third person named before the injury --

@pytest.mark.parametrize("text", [
    "卖家还说是我自己保存不当，冰淇淋化了才变质的。",
    "店家反而说是顾客使用不当，电饭煲内胆才会脱层。",
    "Mixed: 商家 says the buyer handled the glass kettle carelessly.",
    "The shop blames my client, who it says used the heater carelessly.",
])
def test_fault_the_seller_lays_on_the_consumer_is_not_the_sellers(text: str) -> None:
    assert _facts(text).merchant_fault is None


def test_the_sellers_own_carelessness_still_reads() -> None:
    assert _facts("商家保存不当，冷链断了，送来的雪糕全化了。").merchant_fault == "negligent"


@pytest.mark.parametrize("text", [
    "The parcel was refunded and nothing else was damaged, so there is no loss at all.",
    "The cooker tipped over but the worktop was not damaged; no loss.",
])
def test_english_damage_negated_leaves_no_loss(text: str) -> None:
    assert _facts(text).harm == "none"


@pytest.mark.parametrize("text", [
    "网购的电动三轮刹车失灵，撞到路边摊，摊主腿被撞伤，我赔了摊主八千元，我没受伤。",
    "租来的车刹不住，追尾后车主颈部受伤，我赔偿了他的医疗费。",
])
def test_a_third_person_named_as_the_one_hurt_is_not_the_consumers_injury(text: str) -> None:
    assert _facts(text).harm != "personal_injury"


# --- seventh round (classes from batch n10's dev part, with new sentences) --------------------------------------

def test_a_condition_the_goods_bought_treat_is_the_reason_for_buying() -> None:
    text = "老人咳嗽好几天 在网上药房买了止咳糖浆 送来的是拆过封的 没敢给他喝"
    assert _facts(text).harm != "personal_injury"


@pytest.mark.parametrize("text", [
    "The groomer booked on the app left a cut on my dog's ear. No person was hurt, just the dog; vet bill 400 yuan.",
    "The cat got a burn on her paw from the heated bed. No person was injured.",
])
def test_english_an_injury_beside_no_person_hurt_is_the_animals(text: str) -> None:
    assert _facts(text).harm == "property_loss"


def test_english_no_burns_to_the_skin_is_no_injury() -> None:
    assert _facts("The curling wand singed her fringe; no burns to the skin.").harm != "personal_injury"


def test_english_burned_two_fingers_is_an_injury() -> None:
    assert _facts("The kettle lid flew off and he burned three fingers.").harm == "personal_injury"


def test_english_an_official_self_operated_label_with_another_invoice_is_misleading() -> None:
    text = "The listing said \"Flagship Self-Operated\", but the invoice came from a trading firm in Yiwu."
    assert _facts(text).platform_role == "misleading_self_operated"


def test_an_injury_word_beside_nothing_wrong_in_wechat_is_asked() -> None:
    ex = extract_facts("网上买的电热杯 插上就漏电 我手指被电麻了 没啥事 就是吓着了", category_fallback=False)
    assert ex.facts.harm is None and "harm" in ex.questions


def test_a_wechat_say_so_does_not_reach_past_its_clause() -> None:
    text = "客服说会处理 我孩子吃完那包辣条 肚子疼了一晚上 人没啥事了 钱也不退"
    assert _facts(text).harm != "none"


def test_a_loss_word_against_the_narrators_no_loss_at_all_is_asked() -> None:
    ex = extract_facts("约的上门维修把热水器修好了，只是师傅迟到两小时，我没有任何损失，只想投诉服务态度。",
                       category_fallback=False)
    assert ex.facts.harm != "property_loss"


def test_still_selling_with_nothing_told_to_the_platform_says_nothing_about_measures() -> None:
    text = "平台上买的演唱会门票，到了现场说演出取消，平台页面照常在卖票，主办方说票款三十天后退。"
    assert _facts(text).necessary_measures_taken is None


def test_still_selling_after_complaints_is_measures_not_taken() -> None:
    text = "好多买家投诉这款暖宝宝烫伤人，平台照常在卖，我买的也把肚子烫出泡了。"
    assert _facts(text).necessary_measures_taken is False


def test_a_causal_link_called_the_crux_of_the_case_is_not_stated() -> None:
    text = "门锁缺陷与失窃之间的因果关系是本案争点，需要鉴定。"
    assert _facts(text).causation is None


def test_force_majeure_in_the_shops_say_so_is_a_claim() -> None:
    text = "店铺客服先称产品没问题，后又称断电属于不可抗力，拒绝赔偿冰箱里坏掉的食物。"
    assert _facts(text).force_majeure is None


def test_evidence_submitted_through_the_platform_is_the_consumers() -> None:
    text = "事发后原告通过平台客服渠道投诉，并提交了订单截图、病历及照片。"
    assert _facts(text).consumer_prima_facie_evidence is True


# --- eighth round (batch 7 of the probe) -----------------------------------------------------------------------

def test_a_pipe_that_flooded_the_flat_is_no_force_majeure() -> None:
    assert _facts("The installer drilled through a pipe and flooded the kitchen downstairs.").force_majeure is None


def test_a_flood_as_a_natural_event_is_still_force_majeure() -> None:
    assert _facts("A flash flood hit the town and the courier's van was washed away.").force_majeure is True


@pytest.mark.parametrize("text", [
    "网购的儿童餐椅夹到了宝宝的手，手背淤青了一大片。",
    "The earbuds gave him headaches for a week.",
    "泡脚桶温控失灵，我被烫得直跳，脚背起了一片红。",
])
def test_injuries_told_by_a_bruise_a_headache_or_a_scald(text: str) -> None:
    assert _facts(text).harm == "personal_injury"


def test_english_a_repair_estimate_is_a_loss() -> None:
    assert _facts("The movers scratched the dining table; repair estimate 900 yuan.").harm == "property_loss"


# --- ninth round (batch 8 of the probe: misses in English notes) ------------------------------------------------

@pytest.mark.parametrize("text", [
    "The bike's fork snapped, breaking his wrist.",
    "The swallowed magnet needed surgery to remove.",
    "After the face mask she had red patches for days.",
])
def test_english_injuries_told_by_a_break_surgery_or_patches(text: str) -> None:
    assert _facts(text).harm == "personal_injury"


def test_english_a_deposit_kept_is_a_loss() -> None:
    assert _facts("The landlord on the rental app refuses to return the 2,000 yuan deposit.").harm == "property_loss"
