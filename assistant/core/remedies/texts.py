"""The Chinese notes (spec 7.8, as corrected by 7.13 item 9) and the client questions (7.7) of section 7."""

from __future__ import annotations

from assistant.core.models import ClaimFacts
from assistant.core.questions import question_for

NOTES: dict[str, str] = {
    # 7.13 item 9: SPC-FS1-10 is cited for punitive damages only, not for the refund
    "S3": "【S3】平台对损害不承担赔偿责任（规则3），但退还价款不以损害为要件（CPL-24-1），惩罚性赔偿亦不以造成人身损害为要件"
          "（SPC-FS1-10），平台作为销售者仍可能承担。",
    "H1": "【H1】残疾赔偿金、死亡赔偿金、营养费等的计算标准见最高人民法院人身损害赔偿司法解释（未入库），本备忘录只列赔偿项目，不计算金额。",
    "H4": "【H4】退还价款与缺陷产品本身的损失不得重复主张。",
    "P1": "【P1】交易发生于2015年10月1日之前，应适用2009年《食品安全法》的惩罚性赔偿规定（未入库），请人工核对。",
    "P2": "【P2】交易发生于2019年12月1日之前，现行《药品管理法》第一百四十四条第三款不适用；此前的药品惩罚性赔偿依据未入库，请人工核对，"
          "并考虑《消费者权益保护法》第五十五条。",
    "P3": "【P3】购买者购买时已明知商品存在问题，未因经营者的行为陷入错误认识，通常不构成欺诈，不适用《消费者权益保护法》第五十五条第一款。",
    "P5": "【P5】上述惩罚性赔偿请求权基础只能择一主张，不得叠加；系统按金额最高者推荐。",
    # 7.13 item 9: the SPC typical case is not quoted as "连带赔偿责任"; the court also relied on the platform's promise
    "P6": "【P6】平台承担连带责任或先行赔付时，是否及于惩罚性赔偿和退还价款存在争议：相关条文只规定由生产者、经营者支付，主张及于平台者援引"
          "连带责任条文\"使消费者的合法权益受到损害\"的文义（参见案例 spc2023-08-waimai-malatang，该案法院同时依据了平台自身的承诺；"
          "harbin-nangang-taobao-baiai，判决依据不详）。",
    "L1": "【L1】诉讼时效起算于2017年10月1日至2020年12月31日之间，当时适用《民法总则》第一百八十八条（与《民法典》第一百八十八条文字相同，"
          "未入库）。",
    "L2": "【L2】损害发现日未知，暂以交易日作为起算日（最早可能的日期），结论偏保守，请核实。",
    # 7.13 item 10: L3 also states the safe bound (start + 3 years, absent interruption)
    "L3": "【L3】诉讼时效起算于2017年10月1日之前，应依当时的《民法通则》及《民法总则》施行时的过渡规则判断时效至2017年10月1日是否已经届满；"
          "相关法律、司法解释未入库，请人工核对。如无中断事由，任何一种旧法解读下的届满日均不晚于{bound}。",
    "L4": "【L4】对其他连带责任人发生的时效中断事由，依最高人民法院关于诉讼时效的司法解释可能对本义务人同样发生效力（未入库），系统未自动适用。",
    "L6": "【L6】届满日为星期六或星期日，依《民法典》第二百零三条第一款可顺延至法定休假日结束的次日；系统未建模法定节假日，按原届满日判断。",
    "L8": "【L8】时效届满的，义务人可以拒绝履行，但须由其提出抗辩，法院不主动适用；起诉仍应受理，抗辩成立的判决驳回诉讼请求。"
          "届满后义务人同意履行的，不得再以时效届满抗辩。",
    "L9": "【L9】《产品质量法》第四十五条第一款规定缺陷产品致害的诉讼时效为二年，与《民法典》三年时效的关系存在争议，系统一并列出二年期间，"
          "请按不利情形准备；自交付最初消费者满十年请求权丧失。",
    "L10": "【L10】对补充责任人的诉讼时效是否自直接侵权人不能履行时起算尚无定论，系统与直接侵权人同日起算。",
    "F2": "【F2】以被侵权人住所地为信息网络侵权结果发生地（《民诉法解释》第二十五条）能否适用于平台商品致害纠纷存在争议，不宜单独依赖。",
    "F4": "【F4】平台用户协议中的管辖条款是否及于侵权之诉存在争议；该条款只约束平台与消费者，不约束平台内经营者和生产者。",
    "F6": "【F6】裁判日期早于现行《民事诉讼法》或《民诉法解释》文本施行之日，条文序号可能不同，请核对当时文本。",
    "D5": "【D5】补充责任：宜将平台内经营者与平台列为共同被告，平台仅就对经营者强制执行后仍不能履行的部分承担与其过错相应的补充责任"
          "（参照侵权责任编解释（一）第十四条、第二十四条）。",
    "D6": "【D6】平台内经营者身份不明：起诉须有明确的被告，可先起诉平台，查明经营者真实名称、地址后申请追加。",
}

#: Per-object note order (7.8: by rule order).
NOTE_ORDER = {
    "remedies": ("S3", "H1", "H4", "P1", "P2", "P3", "P5", "P6"),
    "limitation": ("L1", "L2", "L3", "L4", "L6", "L8", "L9", "L10"),
    "forum": ("F2", "F4", "F6", "D5", "D6"),
}

QUESTIONS: dict[str, str] = {
    "price_paid": "您为涉案商品或服务实际支付了多少钱（扣除优惠券、红包后的实付金额）？",
    "loss_amount": "除价款外，您因此遭受的损失（医疗费、误工费、财产损失等）合计约多少元？",
    "goods_nonconforming": "涉案商品或服务存在什么问题：不符合食品安全标准、属于假药或劣药、存在危及人身财产安全的缺陷，还是仅与约定的质量不符？",
    "seller_knowingly_sold": "是否有证据表明卖家明知商品有问题仍然销售（例如已过保质期仍在销售、不能提供合法进货来源、进货价格明显偏低、"
                             "未履行进货查验义务）？",
    "fraud": "卖家是否故意作虚假宣传或隐瞒真实情况，使您误以为商品或服务合格而购买？",
    "injury_severity": "伤情如何：轻微、健康严重受损、致残，还是死亡？",
    "harm_discovered_date": "您是哪一天发现（或应当发现）受到损害并知道应由谁负责的？",
    "limitation_events": "此后是否向平台、卖家或生产者提出过赔偿要求，对方是否同意赔偿，是否起诉、申请仲裁，或向消费者协会、市场监管部门投诉？"
                         "请分别说明对象和日期。",
    "forum_clause": "平台用户协议中是否有约定管辖法院的条款？平台是否以加粗、弹窗等显著方式提示过该条款？",
}


def notes_in_order(obj: str, codes: set[str], **fmt: str) -> list[str]:
    """The note texts of ``codes`` in the rule order of the object ``obj``."""
    return [NOTES[code].format(**fmt) if fmt and "{" in NOTES[code] else NOTES[code]
            for code in NOTE_ORDER[obj] if code in codes]


def missing(facts: ClaimFacts, names: list[str]) -> list[dict]:
    """``{fact, question}`` entries for the unknown facts in ``names``, each once, in order (7.7)."""
    out: list[dict] = []
    seen: set[str] = set()
    for name in names:
        if name in seen or getattr(facts, name, None) is not None:
            continue
        seen.add(name)
        question = QUESTIONS.get(name) or question_for(name, facts)
        out.append({"fact": name, "question": question})
    return out
