"""Issue 14: who says a fact, and when (scope.py), plus the cue classes found in the new dev narratives.

New sentences (not from the eval files): the consumer's own complaint is not knowledge before the harm; the
platform's say-so (客服：属于不可抗力) and the seller's (商家说不是故意的) are claims; a request for evidence is not
evidence; a regulator's letter or a public warning is knowledge; a partial review is a failed review.
"""

from __future__ import annotations

import pytest

from assistant.triage.extract import extract_facts


def facts(text: str):
    return extract_facts(text, category_fallback=False).facts


def test_own_complaint_is_not_knowledge_before_the_harm() -> None:
    f = facts("用户：我上个月投诉过这款电暖器会冒火花，你们一直没人理我\n用户：昨天它真的烧起来了，把窗帘烧了。")
    assert f.knew_or_should_have_known is None


def test_other_buyers_complaints_are_knowledge() -> None:
    f = facts("我买完吃坏了肚子，后来看评论才知道，一堆人早就说吃完拉肚子，还投诉给平台了，平台一直让它开着。")
    assert f.knew_or_should_have_known is True


@pytest.mark.parametrize("text", [
    "被告一早在2023年5月即收到市场监管部门的协查函，仍未下架该商品。",
    "国家市场监督管理总局此前已发布消费提示，指出该款电热毯存在漏电风险，平台未采取任何措施。",
])
def test_regulator_letters_and_public_warnings_are_knowledge(text: str) -> None:
    assert facts(text).knew_or_should_have_known is True


def test_platform_say_so_about_force_majeure_is_a_claim() -> None:
    f = facts("用户：买的冻肉晚到了一周，全化了\n客服：因为大雪封路，属于不可抗力哦\n用户：我不管什么不可抗力，肉全坏了。")
    assert f.force_majeure is None


def test_seller_say_so_about_fault_is_a_claim() -> None:
    assert facts("吃了那家店的凉皮全家都拉肚子，老板说他们也不知道，不是故意的。").merchant_fault is None


def test_a_request_for_evidence_is_not_evidence() -> None:
    f = facts("用户：孩子戴了那个手环手腕起了一圈红疹\n客服：亲，请您提供一下就诊记录和订单截图，我们为您核实")
    assert f.consumer_prima_facie_evidence is None


@pytest.mark.parametrize("text", [
    "网约车平台在司机注册时只核验了身份证，未核验驾驶证是否有效。",   # partial review = failed review
    "民宿房东没有特种行业许可证，平台未审核。",
    "平台对这种个人代购卖药的从来不审核。",
])
def test_failed_reviews(text: str) -> None:
    assert facts(text).qualification_review_done is False


def test_not_knowing_whether_self_operated_is_not_ignorance_of_the_defect() -> None:
    f = facts("客户称不知道是不是平台自营，买的冻虾吃完全家过敏。")
    assert f.knew_or_should_have_known is None


@pytest.mark.parametrize("text, field, value", [
    ("The shop had been reported to the app twice before for fire risks; the app did nothing.",
     "knew_or_should_have_known", True),
    ("The shop had been reported to the app twice before for fire risks; the app did nothing.",
     "necessary_measures_taken", False),
    ("The page said \"self-operated\" in red, but the parcel and the receipt came from another company.",
     "platform_role", "misleading_self_operated"),
    ("The tour agency's licence had been revoked a year earlier, yet the platform still listed it.",
     "qualification_review_done", False),
    ("The app says it cannot disclose the seller's details.", "merchant_identity_provided", False),
    ("She kept the pill bottles, the order record and the medical records.", "consumer_prima_facie_evidence", True),
])
def test_english_classes(text: str, field: str, value) -> None:
    assert getattr(facts(text), field) == value


def test_conduct_with_no_platform_named_is_not_the_platforms() -> None:
    f = facts("店家收了定金以后一直不处理，电话也不接。")
    assert f.necessary_measures_taken is None and f.safety_duty_done is None
    f = facts("我投诉以后，平台一直不处理，商品还在卖。")
    assert f.necessary_measures_taken is False


@pytest.mark.parametrize("text, field", [
    ("我不知道平台有没有审核过这个卖家，反正吃坏了肚子。", "qualification_review_done"),   # a doubt, not a denial
    ("之前有没有人投诉过我不清楚，反正我吃坏了肚子。", "knew_or_should_have_known"),
    ("平台在收到我的投诉后第二天就把商品下架了。", "knew_or_should_have_known"),            # my own complaint
    ("卖家不是故意的，是快递路上压坏的。", "merchant_fault"),                               # not intended ≠ negligent
    ("商家说是我自己保存不当导致变质的，不是他们的问题。", "merchant_fault"),                 # the seller's say-so
])
def test_doubts_own_complaints_and_say_so_set_nothing(text: str, field: str) -> None:
    assert getattr(facts(text), field) is None


def test_identity_given_with_the_object_first() -> None:
    assert facts("平台把商家的名字和电话都给我了，但是打不通。").merchant_identity_provided is True


def test_a_refund_dispute_ignored_is_not_knowledge_before_the_harm() -> None:
    f = facts("家人们谁懂 某团买的榴莲开出来是坏的 商家说运输问题不给退 平台也不管")
    assert f.knew_or_should_have_known is None
