"""Whose harm, and when: injury words that are context, not the consumer's harm from the goods (issue 14, K12).

An injury word names the harm only when it follows the purchase or use of the goods (QIN-5.4.2 asks for the damage
the goods or service caused). Three kinds of mention are context, found by probing new narratives:

- the reason for buying, told before the purchase (做完手术后买的护理床, 为住院的母亲购买制氧机, 骨折康复期间买的助行器):
  time order — the injury comes before a purchase verb through 后/期间/时, with no use of the goods before it;
- a department named as a place or a trade, not visited (眼科医院旁边的眼镜店, 我是皮肤科的护士, 急诊科医生一枚);
- the platform's or the seller's say-so that nothing was lost (商家称原告并无任何损失, the seller says there was no
  damage): a claim, never the fact (as its say-so about review or knowledge is not, scope.py).
"""

from __future__ import annotations

import re

from assistant.triage.extract.text import clause_start, sentence_start

# Using the goods, or something happening to the person: an injury after these is a result, not a reason.
_USE = re.compile(r"吃|喝|用|服|涂|抹|敷|戴|穿|坐|骑|躺|泡|洗|睡|玩|喂|住(?!院)|搭|乘|开|点燃|充电|摔|撞|砸|烫|烧|爆|炸|触电|漏电|被")
# The injury, then (within a few characters) a time connective, then (within its sentence) a purchase: a reason.
_BEFORE_PURCHASE = re.compile(r"[^。！!？?\n；;]{0,10}?(?:后|之后|以后|期间|的时候|时|前)[，,]?[^。！!？?\n；;]{0,24}?"
                              r"(?:买|购|订|配|下单|预约|预订|租|选了|挑了|点了|点的|叫了|叫的)")
# 为住院的母亲 / 给骨折的老人: the injury qualifies the person the goods were bought for.
_FOR_WHOM_BEFORE = re.compile(r"(?:为|给|替|帮)[^，,。；;！!？?\n]{0,6}$")
_FOR_WHOM_AFTER = re.compile(r"[^，,。；;！!？?\n]{0,3}?的")
# A department as a place or a trade: 眼科医院旁边, 皮肤科的护士, 急诊科医生 (not 去眼科看了, 挂了皮肤科).
_DEPARTMENT = re.compile(r"皮肤科|眼科|口腔科|烧伤科|急诊")
# (眼科医生说…, 皮肤科大夫开了药: the doctor who treated the consumer — an injury, kept)
_TRADE = re.compile(r"科?(?:的)?(?:医生|护士|大夫|主任)?(?:一枚|出身|工作|上班|实习|规培|进修)")
_TRADE_BEFORE = re.compile(r"(?:我|本人|自己|委托人|客户|原告)(?:是|当|做|在|作为)[^，,。；;！!？?\n]{0,6}$")
_PLACE = re.compile(r"科?(?:医院|诊所|门诊部)?(?:旁边|附近|门口|对面|楼下|隔壁|边上|里面的店|里的店|那家店)")
_VISIT = re.compile(r"去|到|看|挂|送|转|跑|进|就诊|复查|检查")


# Goods that treat the condition just named (娃发烧 … 买退烧药): the condition is why they were bought (K12).
_TREATS = re.compile(r"(?:退|治|止|抗|防|去|祛|降)([\u4e00-\u9fff])(?:[\u4e00-\u9fff]{0,3}?)(?:药|贴|膏|片|液|颗粒|胶囊|冲剂|喷雾|栓)")
_PURCHASE = re.compile(r"买|购|订|配|下单|预约|预订|租|点了|点的|叫了|叫的")


def _treated_by_goods(text: str, start: int, end: int) -> bool:
    """True when, later in its sentence, a purchase names goods that treat the condition at ``start:end``."""
    stop = min([i for i in (text.find(c, end) for c in "。！!？?\n；;") if i >= 0] or [len(text)])
    buy = _PURCHASE.search(text, end, stop)
    if buy is None:
        return False
    return any(t.group(1) in text[start:end] for t in _TREATS.finditer(text, buy.start(), stop))


def reason_for_buying(text: str, start: int, end: int) -> bool:
    """True when the injury at ``start:end`` is told before the purchase (术后买的, 为住院的母亲购买): not this harm."""
    before = text[sentence_start(text, start):start]
    if _USE.search(before):
        return False  # 用了以后过敏, 后来又买了一瓶: the injury follows a use
    if _treated_by_goods(text, start, end):
        return True
    if _FOR_WHOM_BEFORE.search(before) and _FOR_WHOM_AFTER.match(text, end):
        return True
    return bool(_BEFORE_PURCHASE.match(text, end))


def department_as_place(text: str, start: int, end: int) -> bool:
    """True when a department word (眼科, 皮肤科) names a place or a trade here, not a visit for treatment."""
    if not _DEPARTMENT.fullmatch(text[start:end]):
        return False
    if _VISIT.search(text, clause_start(text, start), start):
        return False
    if _TRADE_BEFORE.search(text, clause_start(text, start), start):
        return True  # 我是皮肤科的护士: the narrator's trade
    return bool(_TRADE.match(text, end)) or bool(_PLACE.match(text, end))


# Any injury word naming a building or a ward as a place (住院部楼下那家店, 急诊室门口): where, not what happened (K12).
_WARD_PLACE = re.compile(r"(?:部|室|楼|大楼|中心|区|病房)(?:的)?(?:楼下|门口|旁边|附近|对面|隔壁|边上|里面的|里的|那家|一楼)")


def context_injury(text: str, start: int, end: int) -> bool:
    """True when the injury word at ``start:end`` is context (a reason for buying, a place, a trade), not the harm."""
    return (reason_for_buying(text, start, end) or department_as_place(text, start, end)
            or bool(_WARD_PLACE.match(text, end)))


# Whose words: the platform's or the seller's say-so (商家称, 被告二辩称, 客服说, the seller says).
_SAYSO = re.compile(r"(?:平台|客服|商家|卖家|店家|店主|老板|厂家|商户|被告[一二三]?|第二被告|对方)(?:方面|一方)?(?:也|则|却|一直|还)?"
                    r"(?:说|称|辩称|声称|表示|坚称|一口咬定|认为|答复|回复)"
                    r"|\b(?:the )?(?:seller|shop|store|merchant|vendor|platform|app|agent|customer service)\s+"
                    r"(?:says|said|claims|claimed|insists|insisted|argues|argued|maintains|maintained)\b", re.I)


def said_by_other_side(text: str, start: int) -> bool:
    """True when the words at ``start`` stand in the platform's or the seller's statement in the same sentence."""
    begin = max(sentence_start(text, start), start - 30)
    gaps = [m.end() for m in _CJK_GAP.finditer(text, begin, start)]  # WeChat's spaces end a clause: 客服说… 我手被电麻了
    return bool(_SAYSO.search(text, gaps[-1] if gaps else begin, start))


_CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")


__all__ = ["context_injury", "department_as_place", "reason_for_buying", "said_by_other_side"]
