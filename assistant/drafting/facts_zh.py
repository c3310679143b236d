"""Chinese wording of the claim facts (spec section 2) for memos: field labels and value phrases."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

FIELD_LABELS: dict[str, str] = {
    "event_date": "事发日期",
    "decision_date": "裁判日期",
    "platform_role": "平台角色",
    "category": "商品或服务类别",
    "life_health": "是否关系消费者生命健康",
    "harm": "消费者损害",
    "causation": "平台违反义务与损害之间的因果关系",
    "knew_or_should_have_known": "平台是否知道或者应当知道商品或服务不符合安全要求",
    "necessary_measures_taken": "平台知道后是否采取必要措施",
    "qualification_review_done": "平台是否审核平台内经营者的资质资格",
    "safety_duty_done": "平台是否履行对消费者的安全保障义务",
    "merchant_identity_provided": "平台能否提供平台内经营者的真实名称、地址和有效联系方式",
    "advance_compensation_promised": "平台是否作出先行赔付等承诺",
    "merchant_fault": "平台内经营者的主观状态",
    "platform_contribution": "平台违反义务的原因力",
    "consumer_prima_facie_evidence": "消费者是否已初步举证",
    "platform_proved_compliance": "平台是否已证明其尽到审核与安全保障义务",
    "force_majeure": "损害是否由不可抗力造成",
    "complaint_delay_expanded_damage": "平台未及时处理投诉是否导致损害扩大",
    "live_streaming": "是否在网络直播间销售",
    "narrative": "当事人陈述",
    # composite elements of the engine's trace
    "review_or_safety_failed": "平台未尽资质审核义务或安全保障义务",
    "review_or_safety": "平台未尽资质审核义务或安全保障义务",
    "doctrine": "学说所需事实",
    "breach_stage": "义务违反所处阶段",
}

VALUE_LABELS: dict[str, dict[str, str]] = {
    "platform_role": {
        "marketplace": "第三方平台（商品由平台内经营者销售）",
        "self_operated": "平台自营",
        "misleading_self_operated": "非自营，但平台标识使消费者误以为是自营",
    },
    "category": {
        "food": "食品", "catering": "餐饮服务", "drug": "药品", "medical_device": "医疗器械",
        "cosmetics": "化妆品", "transport": "交通运输服务", "lodging": "住宿服务",
        "other_goods": "其他商品", "other_service": "其他服务",
    },
    "harm": {"personal_injury": "人身损害", "property_loss": "财产损失", "none": "无损害"},
    "merchant_fault": {"intentional": "故意", "negligent": "过失"},
    "platform_contribution": {"major": "较大（主要原因）", "minor": "较小（次要原因）"},
    "breach_stage": {"pre_entry_review": "事前准入审核阶段", "in_process": "事中监控阶段",
                     "in_process_safety": "事中监控阶段", "post_event": "事后投诉处理阶段"},
}

#: Fields in the order a memo states them.
FACT_ORDER: tuple[str, ...] = tuple(name for name in FIELD_LABELS if name != "narrative")


def chinese_date(value: date | str | None) -> str:
    """``2023-05-01`` → ``2023年5月1日``; None → ``未知``."""
    if value is None:
        return "未知"
    if isinstance(value, str):
        value = date.fromisoformat(value)
    return f"{value.year}年{value.month}月{value.day}日"


def field_label(name: str) -> str:
    """The Chinese label of a fact field (the field name itself when it is not a known fact)."""
    return FIELD_LABELS.get(name, name)


def value_label(name: str, value: Any) -> str:
    """The Chinese wording of a fact value: 是/否/未知 for booleans, the enum's label, or the value."""
    if value is None:
        return "未知"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, date):
        return chinese_date(value)
    return VALUE_LABELS.get(name, {}).get(str(value), str(value))


def known_facts(facts: Any) -> list[dict[str, str]]:
    """The facts that are known, in memo order, as ``{"field", "label", "value"}`` rows."""
    rows = []
    for name in FACT_ORDER:
        value = getattr(facts, name, None)
        if value is not None:
            rows.append({"field": name, "label": field_label(name), "value": value_label(name, value)})
    return rows


def unknown_facts(facts: Any) -> list[str]:
    """The fact fields that are unknown, in memo order."""
    return [name for name in FACT_ORDER if getattr(facts, name, None) is None]


_PAIR_RE = re.compile(r"\b(?P<name>[a-z][a-z_]+)=(?P<value>[a-z_]+|true|false|null|None)\b")
_NAME_RE = re.compile(r"\b(?P<name>[a-z][a-z_0-9]*[a-z0-9])\b")
PROFILE_SHORT = {"qin2025": "区分阶段说", "intent_split": "区分经营者主观状态说", "supplementary_only": "补充责任说",
                 "joint": "连带责任说", "proportional_joint": "比例连带责任说"}
_WORDS = {"true": True, "false": False, "null": None, "None": None}


_ISO_DATE_RE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
# the engine's "（life_health 由 category=drug 推定）": the fact presumed, in words a memo can carry
_INFERRED_RE = re.compile(r"[(（](?P<name>[a-z_]+) 由 (?P<src>[a-z_]+)=(?P<value>[a-z_]+) 推定[)）]")
PRESUMED = {"life_health": "关系消费者生命健康"}


def humanise(text: str) -> str:
    """Replace fact field names and ``field=value`` pairs in engine text with their Chinese wording; ISO dates
    become ``2023年5月1日``."""
    def inferred(m: re.Match) -> str:
        name, src = m.group("name"), m.group("src")
        what = PRESUMED.get(name, field_label(name))
        return f"（{field_label(src)}为{value_label(src, m.group('value'))}，据此推定{what}）"

    text = _INFERRED_RE.sub(inferred, text)
    text = _ISO_DATE_RE.sub(lambda m: f"{int(m.group(1))}年{int(m.group(2))}月{int(m.group(3))}日", text)

    def pair(m: re.Match) -> str:
        name, raw = m.group("name"), m.group("value")
        if name not in FIELD_LABELS:
            return m.group(0)
        return f"{field_label(name)}：{value_label(name, _WORDS.get(raw, raw))}"

    text = _PAIR_RE.sub(pair, text)
    # 「裁判日期（decision_date）」: the field name glossing its own label is dropped, not doubled
    text = re.sub(r"[(（](?P<name>[a-z][a-z_]+)[)）]",
                  lambda m: "" if m.group("name") in FIELD_LABELS else m.group(0), text)
    names = {**FIELD_LABELS, **PROFILE_SHORT}
    return _NAME_RE.sub(lambda m: names.get(m.group("name"), m.group("name")), text)


def element_value(name: str, value: Any) -> str:
    """An element's value in Chinese; composite values written ``a=true, b=false`` are spelt out."""
    if isinstance(value, str) and "=" in value:
        return "，".join(humanise(part.strip()) for part in value.split(","))
    return value_label(name, value)
