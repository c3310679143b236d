"""Issue 14 (K18): classes of WRONG values in batch n9's dev part outside category, each fixed by a mechanism.

Classes: a date of another party's act (被告二于2023年11月注册…) taken as the purchase's; a relative day (上个月15号)
left unresolved so an earlier date of others' complaints won; an English month in a law-change month (In March 2022)
resolved where the Chinese one is not; a measure demanded under a heading (诉求：…平台下架该商家) read as taken.
Every sentence here is new, written for these tests, in other registers and other goods than the dev cases; each
class has near misses the mechanism must leave alone.
"""

from __future__ import annotations

from datetime import date

import pytest

from assistant.triage.extract import extract_facts


def _date(text: str, anchor: date | None = None) -> date | None:
    return extract_facts(text, anchor=anchor, category_fallback=False).facts.event_date


# --- a date of another party's act (registration, shipment, listing) is not the purchase's ----------------------

@pytest.mark.parametrize("text, expected", [
    ("事实与理由：被告二于2022年6月入驻被告一平台开设网店。2023年2月8日，原告在该店购买电暖器一台，使用中起火。", date(2023, 2, 8)),
    ("商家于2024年1月上架了这款儿童滑板车，我是2024年3月9日下单的，刹车失灵摔伤了孩子。", date(2024, 3, 9)),
    ("客户陈述：司机2021年5月就在平台注册了，2023年7月2日客户打车时司机酒驾撞上护栏，客户肋骨骨折。", date(2023, 7, 2)),
    ("被告一于2020年8月上线代驾服务。2022年12月30日，原告通过该平台预约代驾，代驾员将车撞坏。", date(2022, 12, 30)),
    # only the other party's act is dated: no purchase date at all (unknown, not the registration's date)
    ("被告二于2023年5月注册成为平台骑手，原告点的外卖由其配送，途中洒落，原告被烫伤。", None),
])
def test_date_of_another_partys_act_is_not_the_purchase(text: str, expected: date | None) -> None:
    assert _date(text) == expected


@pytest.mark.parametrize("text, expected", [
    # near misses: the consumer is the subject, or the date opens the clause with no one before it
    ("原告于2023年4月5日在被告一平台购买电热毯一条，当晚起火烧伤腿部。", date(2023, 4, 5)),
    ("2024年2月17日，我在平台上的一家店买了羽绒服，穿了两天就掉毛，商家不退。", date(2024, 2, 17)),
    ("本人2023年10月3日在平台下单了空气炸锅，卖家发货后锅体开裂。", date(2023, 10, 3)),
    ("原告在被告一平台内被告二经营的“暖居”店铺于2024年1月9日购买取暖器一台，次日起火。", date(2024, 1, 9)),
    ("客户通过被告二的网店2023年6月18日下单了一台加湿器，漏电致手部灼伤。", date(2023, 6, 18)),
])
def test_the_consumers_own_dated_purchase_is_kept(text: str, expected: date) -> None:
    assert _date(text) == expected


# --- a relative day (上个月15号) resolved against the anchor, so others' earlier dates do not win -----------------

def test_a_call_after_the_harm_is_not_the_purchase() -> None:
    # near miss for the purchase words: 呼叫救护车 and 报了警 come after the harm, the order's day is the event date
    text = ("上个月3号我在平台下单了一个取暖器。2024年5月20日晚上取暖器起火，我呼叫了救护车，还报了警。")
    assert _date(text, date(2024, 6, 10)) == date(2024, 5, 3)


@pytest.mark.parametrize("text, anchor, expected", [
    ("用户：我上个月15号团购了一家烤肉店的套餐，吃完上吐下泻。今年一月就有人在评价里说吃坏肚子了。", date(2024, 6, 20), date(2024, 5, 15)),
    ("上月3号在平台上报名了游泳班，孩子在泳池呛水送了医院。", date(2023, 9, 10), date(2023, 8, 3)),
    ("这个月2号我在你们平台租的电动车，刹车坏了摔了一跤，膝盖缝了三针。", date(2024, 4, 18), date(2024, 4, 2)),
    # January: the month before is December of the year before
    ("上个月二十号在网上买的暖手宝，充电时炸了，手被烫伤。", date(2024, 1, 12), date(2023, 12, 20)),
])
def test_relative_day_resolves_against_the_anchor(text: str, anchor: date, expected: date) -> None:
    assert _date(text, anchor) == expected


@pytest.mark.parametrize("text", [
    # near misses: no anchor, nothing to resolve against (unknown, not guessed)
    "上个月15号在平台团购了美甲，指甲感染化脓了。",
    "我这个月3号在网上买的充电宝，充着充着鼓包了。",
])
def test_relative_day_without_anchor_stays_unknown(text: str) -> None:
    assert _date(text) is None


# --- an English month alone in a law-change month stays unknown, as in Chinese -----------------------------------

@pytest.mark.parametrize("text", [
    "In March 2022 my father ordered a heating pad from a seller on the app; it scorched his back.",
    "The client booked a homestay through the platform in September 2024 and slipped in the shower.",
    "She bought the face cream from a third-party shop in March 2014 and her face swelled up.",
    "In September 2024 we rented an e-bike through the app; the brake failed and my son broke his wrist.",
])
def test_english_month_in_law_change_month_is_unknown(text: str) -> None:
    assert _date(text) is None


@pytest.mark.parametrize("text, expected", [
    # near misses: another month, or the day given, resolves as before
    ("In April 2022 my father ordered a heating pad from a seller on the app; it scorched his back.", date(2022, 4, 1)),
    ("On 5 March 2022 she bought a kettle from a shop on the platform and it leaked current.", date(2022, 3, 5)),
])
def test_english_other_months_and_full_days_resolve(text: str, expected: date) -> None:
    assert _date(text) == expected


# --- a measure asked for under a demand heading is not a measure taken -------------------------------------------

@pytest.mark.parametrize("text", [
    "投诉经过：在平台买的儿童口罩有异味，孩子戴后起疹子。诉求：退款赔偿，平台下架该商品。",
    "我的要求：商家赔偿医药费，平台封禁这家店铺，公开道歉。",
    "诉讼请求：一、判令二被告赔偿损失；二、判令被告一删除涉案商品链接。",
    "Requests: refund the order, the platform removes the listing and bans the seller.",
])
def test_measure_under_a_demand_heading_is_not_taken(text: str) -> None:
    assert extract_facts(text, category_fallback=False).facts.necessary_measures_taken is not True


@pytest.mark.parametrize("text", [
    # near misses: the measure told as done, in a sentence of its own after the demand, or with no heading
    "诉求：退款。平台已经把这个商品下架了。",
    "我投诉以后，平台第二天就把这家店封禁了。",
])
def test_measure_taken_outside_a_demand_is_kept(text: str) -> None:
    assert extract_facts(text, category_fallback=False).facts.necessary_measures_taken is True


def _f(text: str):
    return extract_facts(text, category_fallback=False).facts


# --- 无人身损害 negates the injury an event word suggests: injured or not is asked, not guessed -------------------

@pytest.mark.parametrize("text", [
    "接待记录：客户之子在平台预约的蹦床馆摔倒，当场被送医检查，经确认无人身损害，也无财产损失。",
    "咨询要点：委托人在平台订的按摩店里晕倒，醒来后去医院检查，并无人身损害。",
    "事实与理由：原告乘坐被告一平台派单的车辆时发生碰撞，原告被送医，经检查无人身伤害。",
    "客户确认：孩子呛水后送医，医生说无身体损伤。",
])
def test_injury_denied_with_wu_is_not_injury(text: str) -> None:
    assert _f(text).harm != "personal_injury"


@pytest.mark.parametrize("text", [
    # near misses: 无 inside another word, or the injury not denied
    "在平台买的无人机坠落砸中我的头，缝了三针。",
    "无意中碰到了充电器，手被电击灼伤，去医院包扎。",
    "客户手被刀片割伤缝了四针，有无人身损害保险待核实。",  # 有无: asked, not denied
])
def test_wu_in_other_words_does_not_deny_injury(text: str) -> None:
    assert _f(text).harm == "personal_injury"


# --- a bare 未核查 after a report: the report went unchecked, not the licence -------------------------------------

@pytest.mark.parametrize("text", [
    "事实与理由：此前已有多名买家向被告一举报该店销售假药，被告一未核查，仍允许其销售。",
    "评论区早有人反映这家月子中心的护理员打孩子，平台也没核实，照样推荐。",
    "已有住客投诉民宿热水器漏电，平台既不核查也不下架。",
    "投诉人称：早有消费者反映该机构收费后跑路，平台从未核实。",
])
def test_report_left_unchecked_is_not_a_failed_review(text: str) -> None:
    assert _f(text).qualification_review_done is None


@pytest.mark.parametrize("text", [
    # near misses: a licence named, or no report before the bare verb
    "此前已有买家举报该店，平台也未核查其药品经营许可证。",
    "平台对入驻商户从未核查过，这家店就这样上线了。",
])
def test_review_failure_with_licence_or_without_report_is_kept(text: str) -> None:
    assert _f(text).qualification_review_done is False


# --- the platform's evasion of a claim to be paid (以…为由推诿) is its position on liability, not the safety duty ----

@pytest.mark.parametrize("text", [
    "原告要求被告一赔偿医疗费，被告一以“系第三方商家责任”为由推诿。",
    "我找平台赔钱，客服一直推诿，说让我找商家。",
    "The client asked the app for compensation; 平台以用户协议为由推脱。",
    "事后客户多次要求平台先行赔付，平台均推给商家处理。",
])
def test_dodging_payment_is_not_safety_duty(text: str) -> None:
    assert _f(text).safety_duty_done is None


@pytest.mark.parametrize("text", [
    # near misses: the evasion answers a hazard complaint, not a claim to be paid
    "我向平台反映这款暖宝宝会烫伤人，平台客服一直踢皮球，商品照卖。",
    "酒店的阳台栏杆松了，我告诉平台，平台也一直推诿不管。",
])
def test_dodging_a_hazard_complaint_is_kept(text: str) -> None:
    assert _f(text).safety_duty_done is False


# --- a bare 供货商 may be the platform's own upstream: a seller distinct from it only when the text names one --------

@pytest.mark.parametrize("text", [
    "用户：你们小程序卖的鸡蛋一半是臭的。客服：我们会反馈给供货商。",
    "我在平台的生鲜频道买的虾不新鲜，平台说要去问供货商。",
    "客户在某社区团购小程序订的大米生虫，平台称将追责供货商。",
    "The app sold me spoiled yogurt; 客服说已经通知供货商停止供货。",
])
def test_unnamed_supplier_is_not_a_marketplace_seller(text: str) -> None:
    assert _f(text).platform_role is None


@pytest.mark.parametrize("text", [
    # near misses: the supplier named, a seller distinct from the platform
    "客户在社区团购小程序订的冻饺子，供货商为某食品厂，吃后腹泻。",
    "用户：你们团购的粽子发霉了，供货商是“五芳园”，我要退款。",
])
def test_named_supplier_is_a_marketplace_seller(text: str) -> None:
    assert _f(text).platform_role == "marketplace"


# --- a takedown left undone beside monitoring (未进行监测、下架) is the general duty, not steps once told -----------

@pytest.mark.parametrize("text", [
    "原告受伤后投诉。被告一对平台上同类产品未进行监测、下架，亦无任何提示。",
    "我投诉之后才发现，平台对同款电热毯既未进行巡查、下架，也没有任何提醒，我买的那条烧穿了床垫。",
    "被告一收到原告投诉后，对直播间售卖的同款美容仪未进行监控、下架。",
    "平台没有排查、下架同款有毒玩具，我孩子舔了以后呕吐就医，我事后投诉。",
])
def test_monitoring_left_undone_is_not_measures(text: str) -> None:
    assert _f(text).necessary_measures_taken is not False


@pytest.mark.parametrize("text", [
    # near misses: knowledge told, the takedown left undone with no monitoring word
    "此前已有多名买家投诉该取暖器漏电，平台未采取任何措施，仍在销售。",
    "早有人举报这家店卖假药，平台一直不下架。",
])
def test_measures_not_taken_after_reports_are_kept(text: str) -> None:
    assert _f(text).necessary_measures_taken is False
