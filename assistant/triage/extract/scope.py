"""Who says a fact and when: filters that keep a cue from counting as the fact it seems to state (issue 14).

- A question (请问您有就医吗？, a rhetorical 不是不让卖了吗？) or a request (请您提供订单截图) states nothing: blanked first.
- Knowledge (ECL-38-2) is what the platform knew BEFORE the harm: the consumer's own complaint — after the harm,
  or simply the narrator's (我向平台投诉, 用户：…没人理我) — is not that knowledge, and the platform ignoring it is
  not a failure of the measures it owed once it knew (it bears on the expanded damage instead, QIN-5.2.3).
- The platform's conduct (measures, safety duty) is read only where a sentence names the platform (or 你们 in a
  transcript): 一直不处理 or 疏于管理 with no actor named may be the seller's.
- Initial proof (QIN-5.4.2) is two items or more (订单和病历), not one alone (订单截图我发给你了, 仅有照片).
- A seller's or streamer's guarantee (主播宣称"假一赔十") is not the platform's advance compensation (CPL-44-1).
- The platform's say-so (客服说审核过了, 被告一称已将司机清退, 客服：属于不可抗力) is a claim, not a fact, for the
  facts it would clear; the seller's say-so (商家说不是故意的) likewise for the fault it would lessen.
"""

from __future__ import annotations

import re

from assistant.triage.extract.cues import LIC, P
from assistant.triage.extract.text import Hit, clause_start, sentence_start

# A question put to the consumer states nothing (客服：请问您有就医吗？); nor does a request (请您提供订单截图).
_ASKED = re.compile(r"(?:请问|是否|有没有|能否|可否|请您|麻烦您)[^。！!？?\n]*[？?]"
                    # the asking clause of any other question, rhetorical ones too (不是不让卖了吗, 误工费谁赔？)
                    r"|[^，,。；;！!？?\n]*(?:[？?]|[吗呢](?=[，,]))"
                    # a doubt (有没有人投诉过我不清楚, 我不知道平台有没有审核过): the clause states nothing either way
                    r"|[^，,。；;！!？?\n]*(?:有没有|是不是|是否|有无|会不会|能不能)[^，,。；;！!？?\n]*(?:不清楚|不知道|不确定|不晓得|不了解)[^，,。；;！!？?\n]*"
                    r"|(?:我|本人|客户|委托人|当事人)(?:也|并|都|实在)?(?:不知道|不清楚|不确定|不晓得|搞不清)[^，,。；;！!？?\n]*(?:有没有|是不是|是否|有无|会不会)[^，,。；;！!？?\n]*"
                    r"|(?:请您|麻烦您|请)(?:先|再)?(?:提供|上传|发送|发一下|补充|出示)[^。！!？?\n]*"
                    # a question with no question mark (有没有人知道…在哪领啊, 请问…): it asks, it states nothing (K9)
                    # (not 谁知道…竟然起火了: "who would have thought" tells what happened)
                    r"|请问[^。！!？?\n]*|(?:有没有人|有谁)(?:知道|晓得|清楚|了解|懂)[^。！!？?\n]*"
                    # an A-not-A question with no question mark (我就想问平台管不管, 你们赔不赔): from the asking
                    # verb on it states nothing (what comes before it, 平台自营的奶粉, still does)
                    r"|(?:不知道|不清楚|不确定|不晓得|想知道|想问|问问|问一下)?([\u4e00-\u9fff])不\1[^，,。；;！!？?\n]*")

_COMPLAINT = re.compile(r"投诉|举报|反映|通知|理|收到|接到|不管|处理|答复|回复")
_LEARNT_AFTER = re.compile(r"[^，,。；;\n]{0,10}(?:受伤|出事|住院|中毒|事故|投诉|死亡|烧伤|烫伤|过敏)(?:了)?(?:后|以后|之后)")
_OTHERS_EARLIER = re.compile(r"多次|多人|很多人|好多|不少人|其他|别人|多名|多位|大量|此前|之前|早就|早已|曾|一直有|以前|事先|购买前|下单前"
                             r"|购买之前|在我购买|半年前|警告|抽检|住客|买家|消费者|用户反映|评价|差评|评论|一堆人|有人|别的")
_IGNORING = re.compile(r"不管|不理|没人理|置之不理|不予理睬|未予理睬|不闻不问|视而不见|石沉大海")
_AFTER = re.compile(r"(?:后|之后|以后|事后|后来|其后|随后|出事|受伤|住院|确诊)")
# The narrator as the one who complained (我向平台投诉, 原告于…向被告一投诉, a transcript's 用户： line).
_OWN = re.compile(r"我|原告|本人|当事人|委托人|(?:^|\n)\s*用户[：:]")
_SAID = re.compile(r"(?:^|\n)\s*客服[：:]|(?:平台|客服|对方|被告(?![二三])一?)(?:方面|一方)?[：:]?(?:事后|事前|随后|后来|当时|一直|也|则|却|先|又|后又|还|再)?(?:说|称|表示|声称|回复|解释|答复|辩称|告诉我)|据平台"
                   # with an adverbial between (被告一在原告事后投诉时称…, 平台在回复中表示…): still its say-so (K9)
                   r"|(?:平台|客服|被告(?![二三])一?)(?:在|于)[^，,。；;！!？?\n]{1,14}?(?:时|中|后)(?:称|表示|声称|回复称?|答复称?|辩称|说)"
                   r"|\b(?:the )?(?:platform|app|customer service)\s+(?:says|said|claims|claimed|insists|insisted|told (?:us|me|her|him))\b", re.I)
_MERCHANT_SAID = re.compile(r"(?:商家|卖家|店家|老板|被告[二三]|厂家|商户|店铺(?:客服)?)(?:也|则|却|还|又|就|反而|倒|一直|先|后又|再)?(?:说|称|表示|声称|辩称|一口咬定|坚称)")
#: Facts the platform's say-so would clear: with value True they need more than its word.
SELF_CLEARING = frozenset({"qualification_review_done", "safety_duty_done", "platform_proved_compliance",
                           "merchant_identity_provided", "force_majeure"})


#: Facts about the platform's own conduct: a cue counts only in a sentence that names the platform as an actor.
PLATFORM_CONDUCT = frozenset({"necessary_measures_taken", "safety_duty_done"})
_PLATFORM = re.compile(P + r"|你们|贵(?:平台|公司)|被告一|the (?:platform|app|site|marketplace)|(?:platform|app)'s", re.I)


def measures_owed(text: str, knowledge: list[Hit]) -> bool:
    """True when something tells that the platform knew or was told (a knowledge cue, a complaint, a report).

    Necessary measures (ECL-38-2) are owed after knowing: 照常在卖 with nothing of the kind told says nothing about
    them (K12).
    """
    return any(h.value is True for h in knowledge) or bool(_NOTICE.search(text))


def mask_questions(text: str) -> str:
    """``text`` with the questions and requests put to the consumer blanked out, offsets unchanged."""
    return _ASKED.sub(lambda m: " " * len(m.group()), text)


def after_harm(text: str, hit: Hit, harm: Hit | None) -> bool:
    """True when a knowledge cue is the consumer's own complaint (after the harm), not knowledge before it."""
    said = text[hit.start:hit.end]
    start = sentence_start(text, hit.start)
    before = text[start:hit.start]
    if not _COMPLAINT.search(said) or _OTHERS_EARLIER.search(said) or _OTHERS_EARLIER.search(before):
        return False
    if harm is not None and harm.value == "personal_injury" and harm.start < hit.start:
        return True
    line = text.rfind("\n", 0, hit.start) + 1
    if _IGNORING.search(said) and not _OTHERS_EARLIER.search(text):
        return True  # 平台也不管 with no one else's complaint told: the consumer's own dispute, after the harm
    return bool(_AFTER.search(before)) or bool(_OWN.search(text[min(line, start):hit.end]))


def said_by_platform(text: str, hit: Hit) -> bool:
    """True when the hit stands in the platform's own statement (客服：…, 平台称…)."""
    line = text.rfind("\n", 0, hit.start) + 1
    # the hit itself may open with the speaker (平台称已向客户提供…)
    return bool(_SAID.search(text[max(line, sentence_start(text, hit.start) - 1):min(hit.end, hit.start + 4)]))


_MERCHANT_ACTOR = re.compile(r"商家|卖家|店家|店主|商户|老板|厂家|被告[二三]|第二被告|房东|司机")


def merchants_conduct(text: str, hit: Hit) -> bool:
    """True when the seller is the actor nearest before the hit in its clause (平台回复了，但是商家一直不处理)."""
    start = max(sentence_start(text, hit.start), text.rfind("，", 0, hit.start) + 1, text.rfind(",", 0, hit.start) + 1)
    before = text[start:hit.start + 2]
    sellers = [m.end() for m in _MERCHANT_ACTOR.finditer(before)]
    platforms = [m.end() for m in _PLATFORM.finditer(before)]
    if not sellers or (platforms and platforms[-1] > sellers[-1]):
        return False
    return "被" not in before[sellers[-1]:]  # 商家已被清退: the seller is what was acted on, not the actor


def said_by_merchant(text: str, hit: Hit) -> bool:
    """True when the hit stands in the seller's own statement (商家说他们也是受害者，不是故意的)."""
    return bool(_MERCHANT_SAID.search(text[sentence_start(text, hit.start):hit.start + 6]))


# The seller or the streamer as the one who promises (主播宣称"假一赔十"): CPL-44-1's advance compensation is the
# platform's promise; a seller's guarantee is the seller's own, not the platform's.
_SELLER = re.compile(r"主播|直播间|商家|卖家|店家|店主|老板|被告[二三]|厂家|商户|店铺")


def promised_by_seller(text: str, hit: Hit) -> bool:
    """True when the promise at ``hit`` is told as the seller's or streamer's, with no platform named after them."""
    before = text[sentence_start(text, hit.start):hit.start]
    sellers = [m.end() for m in _SELLER.finditer(before)]
    platforms = [m.end() for m in _PLATFORM.finditer(before)]
    return bool(sellers) and (not platforms or sellers[-1] > platforms[-1])


# Initial proof (QIN-5.4.2; spec liability.md: "purchase record, proof of damage, communications") links the damage
# to the purchase: one item alone (订单截图我发给你了, 仅有照片, I took a video) shows one side of it, not the link.
_ITEM = re.compile(r"(?:订单|购买记录|交易记录|付款记录|支付记录|聊天记录|沟通记录|行程记录|行程单|就诊记录|购药记录)(?:截图|截屏|照片)?"
                   r"|鉴定报告|检测报告|诊断证明|诊断书|病历|出院小结|医院证明|发票|小票|收据|票据|凭证|快递单|包装|药盒|盒子|剩余|剩下"
                   r"|[\u4e00-\u9fff]{0,2}照片|视频|录音|录像|截图"
                   r"|\b(?:order|receipt|invoice|screenshot|chat|medical record|photo|video|box|packaging|bottle|record)s?\b", re.I)
_ONLY = re.compile(r"仅有|只有|只剩|仅剩|\bonly\b", re.I)
_EXPLICIT = re.compile(r"初步证据|证据(?:齐全|充分|确凿|都在|都留着)|\bevidence\b", re.I)


# Who does the keeping or submitting: the nearest actor before the cue in its sentence (被告一称…，但未提交任何证据 is the
# platform's evidence, its subject carried over from the clause before) — an object (向平台提交) is no actor (K12).
_CONSUMER = re.compile(r"我|原告|本人|客户|委托人|当事人|消费者|用户|买家|\b(?:I|we|client|she|he)\b", re.I)
_OTHER_SIDE = re.compile(r"(?:平台|商家|店铺|店家)客服|" + P + r"|商家|卖家|店家|店主|商户|厂家|被告[二三]|第二被告|\b(?:seller|shop|store|platform|app)\b", re.I)
_OBJECT_MARK = re.compile(r"(?:向|给|跟|对|与|和|被|把|让|找|联系|问|要求|通过|经由|经|在|\bto\b|\bwith\b|\bthrough\b|\bvia\b|\bon\b)\s*(?:the\s+)?$", re.I)


def others_evidence(text: str, hit: Hit) -> bool:
    """True when the nearest actor before the evidence cue in its sentence is the platform or the seller."""
    start = max(sentence_start(text, hit.start), text.rfind(". ", 0, hit.start) + 1)  # an English sentence too
    return last_actor(text, start, hit.start) == "other"


def last_actor(text: str, start: int, pos: int) -> str | None:
    """"consumer" or "other" (the platform or the seller): who acts last before ``pos`` in ``text[start:pos]``."""
    actors = [(m.start(), "consumer") for m in _CONSUMER.finditer(text, start, pos)
              if not _OBJECT_MARK.search(text, max(start, m.start() - 6), m.start())]
    actors += [(m.start(), "other") for m in _OTHER_SIDE.finditer(text, start, pos)
               if not _OBJECT_MARK.search(text, max(start, m.start() - 6), m.start())]
    return max(actors)[1] if actors else None


# Knowledge learnt only through the narrator's own complaint (我投诉以后，平台才知道): after the harm, not before it (K12).
_LEARNT_LATE = re.compile(r"(?:我|原告|本人|客户|委托人|当事人)[^，,。；;！!？?\n]{0,8}(?:投诉|反映|举报|曝光)(?:了)?(?:以后|之后|后)"
                          r"[^。；;！!？?\n]*$")
# A measure taken against the consumer's own things (屏蔽了我的差评, 冻结了我的账号) is no measure against the goods (K12).
_OWN_THING = re.compile(r"(?:我|本人|用户|原告|买家|消费者|客户)(?:的)?(?:差评|评价|评论|账号|帐号|账户|留言|会员)")
# A review of the consumer's identity (平台核实了我的实名信息) is no review of the seller's licence (K12).
_OWN_ID = re.compile(r"(?:我|他|她|本人|用户|原告|买家|消费者|客户|乘客|住客|顾客|旅客|游客|学员|患者|病人)(?:的)?(?:实名|身份)")
_CLAUSE = "，,。；;！!？?\n"
# Anything telling that the platform was told or knew (a complaint, a report, a warning): without it, no measures were owed.
_NOTICE = re.compile(r"投诉|举报|反映|差评|曝光|报道|知道|知情|明知|警告|处罚|通报|抽检|召回|置之不理|不予理睬|没人理|不理"
                     r"|complain|report|warn|knew|aware|notif|told", re.I)


def _clause_start(text: str, pos: int) -> int:
    return max(text.rfind(c, 0, pos) for c in _CLAUSE) + 1


def _consumers_delay(text: str, hit: Hit, name: str) -> bool:
    """True when a Chinese delay cue (拖了, 没及时处理) has the consumer as its actor (我拖了好几天才去医院)."""
    if hit.value is not (True if name == "complaint_delay_expanded_damage" else False):
        return False
    if not re.search(r"[\u4e00-\u9fff]", text[hit.start:hit.end]):
        return False  # English cues name their actor themselves (not heard from the platform)
    return last_actor(text, clause_start(text, hit.start), min(hit.end, hit.start + 4)) == "consumer"


def links_damage(text: str, hit: Hit) -> bool:
    """True when the evidence told beside ``hit`` is initial proof: two items or more, or called 初步证据 outright."""
    start = sentence_start(text, hit.start)
    ends = [i for i in (text.find(c, hit.end) for c in "。！!？?；;") if i >= 0]
    line = text.find("\n", hit.end)
    if line >= 0 and not re.match(r"\s*(?:用户|客服|客户|user|agent)\s*[：:]", text[line + 1:], re.I):
        line = -1  # a wrapped line goes on with the same sentence; a new speaker's turn does not
    end = min([i for i in ends + [line] if i >= 0] or [len(text)])
    sentence = text[start:end]
    if _EXPLICIT.search(sentence):
        return True
    return not _ONLY.search(sentence) and len(_ITEM.findall(sentence)) >= 2


_MONITORING = re.compile(r"监测|监控|巡查|排查")
_DODGE = re.compile(r"推诿|踢皮球|推卸|推脱|推给")
_PAY_DEMAND = re.compile(r"为由|理由|赔偿|赔付|赔钱|理赔|拒赔|担责|承担责任|先行赔付|医药费|医疗费|损失")


def _liability_dodged(text: str, hit: Hit) -> bool:
    """True when the platform's evasion (推诿) answers a claim to be paid (以…为由推诿, 要求赔偿…推诿), after the harm.

    Refusing to pay, on a stated ground (平台仅提供信息撮合服务), is its position on liability (ECL-38-2 is what the
    claim is about), not a failure to handle a safety complaint; the words alone do not tell a hazard left in place (K18).
    """
    if not _DODGE.search(text, hit.start, hit.end):
        return False
    return bool(_PAY_DEMAND.search(text, sentence_start(text, hit.start), hit.start))


_REPORTED = re.compile(r"投诉|举报|反映|反馈|差评|曝光")


def _report_unchecked(text: str, hit: Hit) -> bool:
    """True when a bare review verb (未核查, 没核实) follows a report in its sentence: the report is what went unchecked.

    With no licence named in the cue (未核查 alone), what the platform failed to check is the complaint told before it,
    not the seller's licence at entry (ECL-38-2's review): that bears on the measures owed, not on the review (K18).
    """
    if re.search(LIC, text[hit.start:hit.end]):
        return False
    return bool(_REPORTED.search(text, sentence_start(text, hit.start), hit.start))


def admissible(name: str, found: list[Hit], text: str, harm: Hit | None) -> list[Hit]:
    """The hits of one fact that state it, once questions, own complaints and say-so are set aside."""
    if name == "knew_or_should_have_known":  # 平台知道我受伤后…: learnt of the harm itself, after it
        found = [h for h in found if not (h.value is True and (after_harm(text, h, harm)
                                                                or _LEARNT_AFTER.match(text, h.end)))]
    if name in PLATFORM_CONDUCT:  # 一直不处理, 疏于管理 with no platform in the sentence: whose conduct? not said
        found = [h for h in found if _PLATFORM.search(text[sentence_start(text, h.start):h.end])
                 and not merchants_conduct(text, h)]
    if name in SELF_CLEARING:  # 客服说审核过了, 商家说平台审核过: a claim that would clear the platform, not a fact
        found = [h for h in found if not (h.value is True and (said_by_platform(text, h) or said_by_merchant(text, h)))]
    if name == "knew_or_should_have_known":  # 平台说他们不知道: the platform's own denial is a claim
        found = [h for h in found if not (h.value is False and said_by_platform(text, h))]
    if name == "knew_or_should_have_known":  # 我投诉以后，平台才知道: learnt through the consumer's own complaint
        found = [h for h in found if not (h.value is True and (_LEARNT_LATE.search(text, sentence_start(text, h.start), h.start)
                                                                or "才" in text[h.start:h.end]))]
    if name == "necessary_measures_taken":  # 屏蔽了我的差评: a step against the consumer, not against the goods
        found = [h for h in found if not (h.value is True and _OWN_THING.search(text, _clause_start(text, h.start),
                                                                                min(len(text), h.end + 8)))]
    if name == "necessary_measures_taken":  # 既未进行监测、下架: general monitoring, the safety duty, not steps once told (K18)
        found = [h for h in found if not (h.value is False and _MONITORING.search(text, h.start, h.end))]
    if name == "safety_duty_done":  # 被告一以"平台仅提供信息撮合服务"为由推诿: a defence to paying, not the duty (K18)
        found = [h for h in found if not _liability_dodged(text, h)]
    if name == "qualification_review_done":  # 有用户反映…，被告一既未核查，也未下架: the reports went unchecked (K18)
        found = [h for h in found if not _report_unchecked(text, h)]
    if name == "qualification_review_done":  # 核实了我的实名信息: the consumer's identity, not the seller's licence
        found = [h for h in found if not _OWN_ID.search(text, h.start, h.end)]
    if name in ("complaint_delay_expanded_damage", "safety_duty_done"):  # 我拖了好几天才去医院: the consumer's delay
        found = [h for h in found if not _consumers_delay(text, h, name)]
    if name == "consumer_prima_facie_evidence":
        found = [h for h in found if not (h.value is True and not links_damage(text, h)) and not others_evidence(text, h)]
    if name == "advance_compensation_promised":
        found = [h for h in found if not (h.value is True and promised_by_seller(text, h))]
    if name == "merchant_fault":  # 商家说是我卸妆不干净: the fault the seller lays on the consumer is not its own (K12)
        found = [h for h in found if not _CONSUMER.search(text, h.start + 1, h.end)]
    if name == "merchant_fault":
        found = [h for h in found if not (h.value == "negligent" and said_by_merchant(text, h))]
    return found
