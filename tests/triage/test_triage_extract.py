"""The extractor: negation, dates, lexicon, spans, unknown stays unknown."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings, strategies as st

from assistant.triage.extract import extract_facts
from assistant.triage.extract.dates import date_hits, parse_date_cell


def facts(text: str, **kw) -> dict:
    return extract_facts(text, **kw).facts.model_dump(exclude={"narrative"}, exclude_none=True)


@pytest.mark.parametrize("text, expected", [
    ("平台审核了许可证。", True),
    ("平台没有审核许可证。", False),
    ("平台未审核商家资质。", False),
    ("平台从未核验商家的营业执照。", False),
    ("平台没有对商家的营业执照进行审核。", False),
    ("商家资质未经审核就上线了。", False),
    ("商家没有营业执照。", False),
    ("这是一家无证经营的小店。", False),
    ("平台对商家资质审核不严。", False),
    ("商家的许可证已经过期。", False),
])
def test_review_negation(text: str, expected: bool) -> None:
    assert facts(text)["qualification_review_done"] is expected


@pytest.mark.parametrize("text, key, expected", [
    ("平台早就知道这家店卖假货。", "knew_or_should_have_known", True),
    ("平台并不知情。", "knew_or_should_have_known", False),
    ("平台不是不知道这个问题。", "knew_or_should_have_known", True),
    ("我多次投诉，平台置之不理。", "necessary_measures_taken", False),
    ("平台收到投诉后立即下架了商品。", "necessary_measures_taken", True),
    ("联系不上商家。", "merchant_identity_provided", False),
    ("平台不提供商家的联系方式。", "merchant_identity_provided", False),
    ("平台提供了商家的真实名称和地址。", "merchant_identity_provided", True),
    ("商家没有跑路，电话也打得通。", "merchant_identity_provided", None),
    ("平台承诺先行赔付。", "advance_compensation_promised", True),
    ("平台没有承诺先行赔付。", "advance_compensation_promised", False),
    ("我要求平台先行赔付。", "advance_compensation_promised", None),
    ("在直播间买的。", "live_streaming", True),
    ("不是在直播间买的。", "live_streaming", False),
    ("属于不可抗力。", "force_majeure", True),
    ("不属于不可抗力。", "force_majeure", False),
    ("我要求平台下架这个商品。", "necessary_measures_taken", None),
    ("是否存在因果关系尚不清楚。", "causation", None),
    ("商家不理我。", "knew_or_should_have_known", None),
])
def test_cues(text: str, key: str, expected) -> None:
    assert facts(text).get(key) is expected


@pytest.mark.parametrize("text, expected", [
    ("吃完外卖食物中毒住院。", "personal_injury"),
    ("没有受伤，但是损失了300元。", "property_loss"),
    ("没有造成任何损失。", "none"),
    ("读数不准让我低血糖晕倒。", "personal_injury"),
    ("充电宝起火，烧坏了床单，无人受伤。", "property_loss"),
    ("买了一件衣服。", None),
])
def test_harm(text: str, expected) -> None:
    assert facts(text).get("harm") == expected


@pytest.mark.parametrize("text, expected", [
    ("在外卖平台点的奶茶", "catering"), ("网上药店买的处方药", "drug"), ("买的血糖仪", "medical_device"),
    ("买的口罩", "medical_device"), ("用了面霜", "cosmetics"), ("坐网约车", "transport"), ("住的民宿", "lodging"),
    ("买的零食", "food"), ("保健食品", "food"), ("买的衣服", "other_goods"), ("买了手机", "other_goods"),
    ("在外卖平台买了药", "drug"), ("进口红酒", "food"), ("商家没有食品经营许可证", None),
])
def test_category_lexicon(text: str, expected) -> None:
    assert facts(text).get("category") == expected


@pytest.mark.parametrize("text, expected", [
    ("京东自营买的", "self_operated"),
    ("标着自营，后来才知道其实是第三方商家", "misleading_self_operated"),
    ("我误以为是平台自营的", "misleading_self_operated"),
    ("这家店不是自营", "marketplace"),
    ("在平台上一家网店买的", "marketplace"),
    ("在平台上买的", None),
])
def test_platform_role(text: str, expected) -> None:
    assert facts(text).get("platform_role") == expected


@pytest.mark.parametrize("text, anchor, expected", [
    ("2023年5月3日买的", None, date(2023, 5, 3)),
    ("2023.5.3买的", None, date(2023, 5, 3)),
    ("2023-05-03买的", None, date(2023, 5, 3)),
    ("2023/5/3买的", None, date(2023, 5, 3)),
    ("二〇二一年五月十二日买的", None, date(2021, 5, 12)),
    ("2023年5月买的", None, date(2023, 5, 1)),
    ("2022年3月买的", None, None),           # SPC-OC took effect 2022-03-15: the day decides
    ("2023年买的", None, None),              # a year alone is too vague
    ("去年5月3日买的", None, None),          # no anchor: unknown
    ("去年5月3日买的", date(2024, 2, 1), date(2023, 5, 3)),
    ("今年3月买的", date(2024, 5, 20), date(2024, 3, 1)),
    ("2023年5月3日买的，2023年6月1日投诉", None, date(2023, 5, 3)),
    ("价格是2023.5元", None, None),
    ("2099年1月1日买的", None, None),        # a future date is not an event date
])
def test_event_date(text: str, anchor, expected) -> None:
    assert extract_facts(text, anchor=anchor).facts.event_date == expected


def test_spans_point_at_the_text() -> None:
    text = "2023年5月3日，我在外卖平台点的麻辣烫，平台没有审核许可证，商家联系不上，我食物中毒住院。"
    ex = extract_facts(text)
    assert ex.spans["event_date"] == (0, 9, "2023年5月3日")
    assert ex.spans["qualification_review_done"][2] == "没有审核许可证"
    for start, end, span_text in ex.spans.values():
        assert text[start:end] == span_text
    assert set(ex.spans) == {k for k, v in ex.facts.model_dump(exclude={"narrative"}).items() if v is not None}


def test_conflicting_cues_stay_unknown() -> None:
    ex = extract_facts("商家故意掺假，又说是一时疏忽。")
    assert ex.facts.merchant_fault is None
    # 掺假 alone says what the goods are, not the seller's intent (issue 14, K4): the intent cue is 商家故意
    assert [s[2] for s in ex.conflicts["merchant_fault"]] == ["商家故意", "一时疏忽"]


def test_full_width_digits_keep_offsets() -> None:
    text = "２０２３年５月３日买的"
    ex = extract_facts(text)
    assert ex.facts.event_date == date(2023, 5, 3)
    assert ex.spans["event_date"][2] == "２０２３年５月３日"


def test_parse_date_cell() -> None:
    assert parse_date_cell("2023年5月3日") == date(2023, 5, 3)
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        parse_date_cell("2023-13-45")
    assert date_hits("no dates here") == []


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("平台没有审核许可证商家外卖中毒住院不是自营2023年5月3日，。损失元直播间投诉置之不理 ")), max_size=60))
def test_any_text_gives_valid_facts_and_true_spans(text: str) -> None:
    ex = extract_facts(text)
    for start, end, span_text in ex.spans.values():
        assert text[start:end] == span_text
