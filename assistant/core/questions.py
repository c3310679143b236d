"""Plain Chinese questions to ask the client for each unknown fact, specific to the category where useful."""

from __future__ import annotations

from assistant.core.models import ClaimFacts

_QUESTIONS: dict[str, str] = {
    "event_date": "交易（购买或接受服务）是在哪一天发生的？",
    # spec 1.1 rule 1: decides which judicial interpretations apply; never asked by the engine (unknown = today)
    "decision_date": "纠纷是否已由法院裁判？如已裁判，裁判日期是哪一天（再审案件填原判决生效之日）；尚未裁判的可留空（按今日适用司法解释）。",
    "platform_role": "该商品或服务是平台自营的，还是由平台内的第三方商家销售的？页面上是否标有“自营”字样？",
    "category": "购买的是什么商品或服务（例如食品、外卖餐饮、药品、医疗器械、化妆品、交通出行、住宿）？",
    "life_health": "该商品或服务是否关系消费者的生命健康（例如会被食用、服用、用于身体或涉及人身安全）？",
    "harm": "消费者实际受到了什么损害：人身伤害、财产损失，还是没有损害？",
    "causation": "消费者的损害是否与平台未尽审核或安全保障义务有因果关系（例如平台若尽到义务，损害能否避免）？",
    "knew_or_should_have_known": "平台在损害发生前是否知道或应当知道该商家的商品或服务存在安全问题或侵权行为（例如曾收到投诉、举报或通知）？",
    "necessary_measures_taken": "平台知道后是否采取了删除、屏蔽、断开链接、终止交易或服务等必要措施？",
    "qualification_review_done": "平台是否审核过该商家的资质（营业执照、相关许可证）？",
    "safety_duty_done": "平台是否履行了对消费者的安全保障义务（监控商品信息、风险提示、处理投诉、应急处置）？",
    "merchant_identity_provided": "平台能否提供该商家的真实名称、地址和有效联系方式？",
    "advance_compensation_promised": "平台是否向消费者承诺过先行赔付或其他更有利于消费者的保障？",
    "merchant_fault": "商家是故意（明知商品有问题仍销售）还是过失？",
    "platform_contribution": "平台的过失对损害发生所起的作用是主要的还是次要的（原因力大小）？",
    "consumer_prima_facie_evidence": "消费者能否提供初步证据（购买记录、损害证明、与平台或商家的沟通记录）？",
    "platform_proved_compliance": "平台能否证明自己已履行资质审核和安全保障义务？",
    "force_majeure": "损害是否由不可抗力（如自然灾害）造成？",
    "complaint_delay_expanded_damage": "消费者投诉后，平台是否未及时处理，导致损害进一步扩大？",
    "live_streaming": "该交易是否发生在网络直播间？",
}

#: Category-specific wording for the facts whose meaning depends on what was sold.
_BY_CATEGORY: dict[tuple[str, str], str] = {
    ("qualification_review_done", "food"): "平台是否对该商家进行了实名登记，并审核过其食品经营许可证？",
    ("qualification_review_done", "catering"): "外卖平台是否对该餐饮商家进行了实名登记，并审核过其食品经营许可证？",
    ("qualification_review_done", "drug"): "平台是否审核过该商家的药品经营许可证等药品经营资质？",
    ("qualification_review_done", "medical_device"): "平台是否审核过该商家的医疗器械经营许可或备案凭证？",
    ("qualification_review_done", "cosmetics"): "平台是否审核过该商家的营业执照及化妆品相关注册或备案资料？",
    ("qualification_review_done", "transport"): "平台是否审核过承运人或司机的营运资质（道路运输许可、驾驶资格）？",
    ("qualification_review_done", "lodging"): "平台是否审核过该住宿经营者的营业执照、特种行业许可证和消防安全资质？",
    ("safety_duty_done", "food"): "平台是否监控过该食品的信息、及时提示风险并处理相关投诉？",
    ("safety_duty_done", "catering"): "外卖平台是否对该餐饮商家的食品安全状况进行了监控，并及时处理投诉？",
    ("safety_duty_done", "drug"): "平台是否监控过该药品的信息（如处方药管理、违规宣传），并及时处理投诉？",
    ("safety_duty_done", "transport"): "平台是否履行了行程安全保障（安全提示、行程监控、紧急求助处置）？",
    ("safety_duty_done", "lodging"): "平台是否对该房源的安全状况进行了核查、风险提示并及时处理投诉？",
    ("life_health", "cosmetics"): "该化妆品是否可能危及人身健康（例如特殊化妆品、曾致过敏或灼伤）？",
    ("life_health", "other_service"): "该服务是否关系消费者的生命健康（例如医疗美容、健身、游乐、出行）？",
}

_OUT_OF_SCOPE = "交易日期早于2014年3月15日，本引擎不适用；请核实交易日期（如确属该日之前，需依当时法律人工分析）。"


def question_for(fact: str, facts: ClaimFacts | None = None, out_of_scope: bool = False) -> str:
    """The Chinese question to ask the client about ``fact``, worded for the facts' category when useful."""
    if fact == "event_date" and out_of_scope:
        return _OUT_OF_SCOPE
    category = facts.category if facts is not None else None
    if category is not None and (fact, category) in _BY_CATEGORY:
        return _BY_CATEGORY[(fact, category)]
    return _QUESTIONS.get(fact, f"请补充事实：{fact}")
