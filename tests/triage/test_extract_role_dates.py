"""Issue 14: role, warning and date classes from the new dev narratives (new sentences, not from the eval files).

a doubt about 自营 says nothing (a label seen as 自营 is misleading, SPC-OC-4-2); a warning missing from the product or the hotel is not the platform's; the event date is the purchase's,
not the date of an earlier penalty or complaint.
"""

from __future__ import annotations

from datetime import date

import pytest

from assistant.triage.extract import extract_facts


def facts(text: str, anchor: date | None = None):
    return extract_facts(text, anchor=anchor, category_fallback=False).facts


@pytest.mark.parametrize("text, role", [
    ("在平台上一家第三方药房买的眼药水，滴了以后眼睛红肿。", "marketplace"),
    ("商品详情页用“自营”字样标注，使我误以为是平台自营，实际是入驻商家发的货。", "misleading_self_operated"),
    ("昨晚那家外卖店送的炒饭里有一根铁丝，划破了嘴。", "marketplace"),
    ("客户称不知道是不是平台自营，买的冻虾吃完全家过敏。", None),
])
def test_platform_role_classes(text: str, role) -> None:
    assert facts(text).platform_role == role


def test_a_missing_warning_is_the_platforms_only_on_its_page() -> None:
    assert facts("我在平台上买的电暖器没有任何安全提示，晚上开着把被子烤焦了。").safety_duty_done is None
    assert facts("平台商品页面上没有任何安全提示，电暖器晚上开着把被子烤焦了。").safety_duty_done is False


def test_the_event_date_is_the_purchase_date() -> None:
    text = "该店2022年11月曾因售假被市场监管部门处罚。2023年3月6日，我在该店购买了减肥胶囊。"
    assert facts(text).event_date == date(2023, 3, 6)


def test_another_events_date_is_not_taken_when_the_purchase_date_is_unreadable() -> None:
    text = "今年三月就有好几个人在平台举报这家店卖假货。我六月份在这家店买了两支口红。"
    assert facts(text, anchor=date(2024, 9, 1)).event_date is None
