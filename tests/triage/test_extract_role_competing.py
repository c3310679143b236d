"""Issue 14: the platform's role checked against the seller the documents name; competing readings are asked.

Sentences written for these tests (not from the eval files). A 自营 label with another company on the invoice or
waybill is misleading self-operation (SPC-OC-4-2); the platform itself there confirms 自营; two sellers named,
a belief with no label against a third-party seller, or 自营 beside a third-party seller leave the role unknown
with a question (wrong is worse than unknown).
"""

from __future__ import annotations

import pytest

from assistant.triage.extract import extract_facts
from assistant.triage.extract.role import sellers_named


@pytest.mark.parametrize("text", [
    "商品页写着自营，可收到的发票抬头是一家叫惠达的电器公司，热水壶用了一次就漏电。",
    "原告所购加湿器页面标注“官方自营”，快递面单寄件人为被告二某某科技有限公司，加湿器使用中起火。",
    "页面上标着自营我才下单的，结果发票是由合作商家开具的，面霜用了脸上起红疹。",
])
def test_a_self_label_with_another_company_as_seller_is_misleading(text: str) -> None:
    assert extract_facts(text).facts.platform_role == "misleading_self_operated"


@pytest.mark.parametrize("text", [
    "页面显示平台自营，订单和发票载明销售方为平台本身，婴儿车刹车失灵孩子摔伤了。",
    "被告在其自营频道销售的电饭煲由被告发货并开具发票，电饭煲爆裂烫伤原告手臂。",
])
def test_the_platform_named_as_seller_confirms_self_operation(text: str) -> None:
    assert extract_facts(text).facts.platform_role == "self_operated"


@pytest.mark.parametrize("text", [
    "我一直以为是平台自营的，客服说其实是入驻商家卖的，吹风机把插座烧黑了。",   # a belief, no 自营 label
    "发票是平台开的，可发货的却是一家叫优品的公司，买的电暖器半夜起火。",          # two sellers named
    "在平台自营频道下的单，详情页底下又写着由第三方商家销售，奶粉冲开有股怪味。",  # 自营 and a third party
])
def test_competing_role_readings_stay_unknown_and_are_asked(text: str) -> None:
    ex = extract_facts(text)
    assert ex.facts.platform_role is None
    assert "实际销售者" in ex.questions["platform_role"] and len(ex.conflicts["platform_role"]) == 2


def test_sellers_named_reads_both_forms() -> None:
    plat, other = sellers_named("发货单上写的是一家外省贸易公司，发票也是你们开的。")
    assert plat and other
    assert sellers_named("我在网上买了一台电风扇，叶片飞出来划伤了手。") == ([], [])


@pytest.mark.parametrize("text, role", [
    ("通过平台预订了一家海边客栈，阳台栏杆松了，我爸摔下去骨折。", "marketplace"),  # a provider other than the platform
    ("在你们平台上的\"小李私房菜\"点的外卖，吃完全家拉肚子。", "marketplace"),     # a named shop on the platform
    ("你们平台派来的维修师傅把我家的洗衣机修坏了。", None),                        # sent by the platform: its own?
])
def test_a_provider_distinct_from_the_platform_is_a_marketplace_seller(text: str, role: str | None) -> None:
    assert extract_facts(text).facts.platform_role == role
