"""Cue tables: for each fact, the patterns a careful reader relies on, and what each one says.

A ``Cue`` is a regex, the value it supports, and what a negation in front of it does: ``neg`` is the value
when negated (平台审核了许可证 → True; 平台没有审核许可证 → False), ``DROP`` ignores the hit (a negated
"injury" says nothing about harm by itself), ``KEEP`` means the pattern carries its own negation (无证经营).
The named group ``v`` marks the word a negator must govern; without it the match start is used.
Hits that are only asked for (要求平台下架) or doubted (是否存在因果关系) are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from assistant.triage.extract.text import NEGATOR, gap

DROP = object()
KEEP = object()

# The platform as a subject: the word 平台, its service desk, or a platform's name.
P = r"(?:平台|被告(?![二三])(?:一|平台)?|客服|APP|app|美团|饿了么|淘宝|天猫|京东|拼多多|抖音|快手|携程|飞猪|滴滴|小红书|闲鱼|唯品会|途家|哈啰|去哪儿|网站)"
# The merchant (or driver, host) as a subject.
M = r"(?:商家|卖家|店家|店主|商户|老板|厂家|房东|司机|车主|店铺|网店|主播|厨房|厨师|经营者|被告[二三]|第二被告)"
LIC = r"(?:背景|资质|资格|许可证|营业执照|执照|证照|证件|经营许可|健康证|实名|身份信息|备案|从业资格|行医资格|驾驶证|驾照|行驶证|注册证|运输证|3C认证|CCC认证|认证证书|检验报告|合格证)"
REV = r"(?:审核|审查|核验|核实|查验|核查|把关|验证|审验)"
EVID = (r"(?:鉴定报告|行程记录|诊断证明|订单|购买记录|交易记录|付款记录|支付记录|聊天记录|沟通记录|发票|小票|收据|病历|诊断|医院证明|检测报告|鉴定"
        r"|照片|截图|录音|视频|证据|凭证|票据|医疗费|就诊记录|快递单|包装)")
G = gap
# The platform ignoring a complaint: knowledge, no measures, and the complaint-handling part of the safety duty.
IGNORED = r"置之不理|不予理睬|未予理睬|未作处理|未予处理|未作任何处理|不理不睬|视而不见|不闻不问|装聋作哑|不予处理|敷衍了事|没人理|没有理会|石沉大海"
# "Doesn't answer me": the platform's silence only when the merchant is not the one meant (商家不理我).
NOT_HEEDED = r"(?:根本|压根|都|也)?不理(?:我|人|会)"
# A cue inside a statement about proof or doubt (未能证明其已尽到…, 是否存在因果关系) is not a fact.
PROOF = r"证明|举证|是否|有无|能否|有没有"


@dataclass(frozen=True)
class Cue:
    """A pattern supporting ``value`` for one field; ``neg`` says what a negation in front of it means."""

    field: str
    pattern: str
    value: Any
    neg: Any = DROP
    unless: str | None = None  # a regex; the hit is dropped when it matches the sentence before the cue


def _cues() -> list[Cue]:
    c: list[Cue] = []
    add = lambda field, pattern, value, neg=DROP, unless=None: c.append(Cue(field, pattern, value, neg, unless))  # noqa: E731

    # --- knowledge (ECL-38-1): the platform knew or should have known -----------------------------------
    k = "knew_or_should_have_known"
    add(k, P + G(8) + r"(?:早就|其实|明明|一直|早已|应当|应该|本应|完全)?(?P<v>知道(?!是不是|是否|是谁|怎么|什么|哪)|知情|明知|清楚这|了解这)", True, False)
    add(k, r"(?P<v>应当知道|应知)", True, False, unless=M)
    add(k, P + G(3) + r"(?P<v>收到|接到)(?:了|过)?" + G(20) + r"(?:投诉|举报|通知)", True, False)
    add(k, r"(?P<v>收到|接到)(?:了|过)?(?:消费者|用户|我的|顾客)?" + G(16) + r"(?:投诉|举报)(?:后|之后|以后)", True, False, unless=M + G(8) + "$")
    add(k, r"(?:向|给|跟)" + P + G(2) + r"(?:反映|投诉|举报|报告)|(?:投诉|举报)(?:到|给)(?:了)?" + P, True)
    add(k, r"(?:购买之前|购买前|下单前|此前|之前|事先|早在)" + G(12) + r"(?P<v>收到|接到)" + G(20) + r"(?:投诉|举报|反映)", True, False)
    add(k, r"(?:多次|反复|屡次|好几次|几次|很多人|多人|多名|多位|多起|好多人|一堆人|其他(?:买家|消费者|用户|顾客)|不少人|大量|早有人?|之前就有人?|此前就有人?|曾有人?|早就有人?|一直有人?"
           r"|[数\d一二三四五六七八九十几]+(?:个|名|位)(?:人|买家|消费者|用户|顾客|家长))"
           + G(6) + r"(?:投诉|举报|反映|差评)", True)
    add(k, r"(?:投诉|举报|反映)(?:了|过)?" + G(4) + r"(?:多次|好几次|几次|很多次|无数次|N次|[\d一二两三四五六七八九十几]+次)", True)
    add(k, IGNORED, True, KEEP)
    add(k, NOT_HEEDED, True, KEEP, unless=M + G(8) + "$")
    add(k, P + G(8) + r"(?:并|完全|事先|事前|根本|也|称|表示|说)?(?:毫不知情|无从知晓|无法知道|不可能知道)", False, KEEP)
    add(k, r"(?:此前|之前|事先|以前|从来)" + G(4) + r"(?:没有|没|未|从未|无)人?(?:投诉|举报)", False, KEEP)
    add(k, P + G(4) + r"(?:从未|没有|未曾|没)(?:收到|接到)(?:过)?(?:任何)?(?:投诉|举报)", False, KEEP)
    add(k, P + G(10) + r"(?:从来|从)?(?:没有|没|未|未曾)(?:收到|接到)(?:过)?" + G(10) + r"(?:投诉|举报)", False, KEEP)
    add(k, r"被(?:平台|监管部门|市场监管局|市场监管部门|市场监督管理部门|药监局|药品监督管理部门|卫健委)?(?:多次|屡次)?(?:警告|处罚|约谈|通报)|(?:多次|屡次)被(?:抽检不合格|处罚|通报)", True, KEEP)
    # a public warning or a regulator's letter the platform received: it should have known (ECL-38-2 应当知道)
    add(k, r"(?:发布|公布|通报|发出)(?:了)?" + G(8) + r"(?:消费提示|消费警示|风险提示|风险警示|召回公告|召回通知|抽检不合格)", True, KEEP)
    add(k, r"(?P<v>收到|接到)(?:了|过)?" + G(10) + r"(?:协查函|通报|责令|处罚决定|警示函|整改通知)", True, False)
    # 根本不管 with the platform as the implied subject (not 商家根本不管): knowledge shown by ignoring reports
    add(k, r"(?:根本|压根|一直|也|都)不管(?!用)", True, KEEP, unless=M + G(8) + "$")

    # --- necessary measures after knowing ----------------------------------------------------------
    n = "necessary_measures_taken"
    add(n, IGNORED, False, KEEP)
    add(n, r"(?:根本|压根|一直|也|都)不管(?!用)|(?:一直|始终|就是|却|还是)(?:不|没有?)(?:处理|下架|管)", False, KEEP,
        unless=M + G(8) + "$")
    add(n, NOT_HEEDED, False, KEEP, unless=M + G(8) + "$")
    add(n, r"(?P<v>下架|删除(?:了)?(?:涉案)?(?:商品|链接)|屏蔽|断开链接|封店|封禁|关闭(?:了)?(?:店铺|链接)|终止(?:了)?(?:交易|服务)"
           r"|停止(?:了)?(?:销售|服务)|冻结|清退|关店|采取(?:了)?" + G(4) + r"措施)", True, False)
    add(n, r"(?:仍然|仍|依然|依旧|照样|照常|继续|还在|一直在|至今还|至今仍)(?:在)?(?:销售|售卖|卖|上架|营业|经营|接单|挂着|在售)", False, KEEP)

    # --- safety-assurance duty --------------------------------------------------------------------
    s = "safety_duty_done"
    add(s, r"(?P<v>尽到|履行|尽了|尽)(?:了)?" + G(4) + r"(?:安全保障|安全保护|安保|安全管理)(?:义务|责任)?", True, False,
        unless=PROOF)
    # no warning — the platform's (页面无任何提示), not the product's or the venue's own (取暖器没有安全提示, 酒店泳池没有提示)
    add(s, NEGATOR + r"(?:任何|作|做|进行|给出|给|及时)?(?:安全|风险)?(?:提示|警示|提醒|预警)", False, KEEP,
        unless=r"(?:" + M + r"|酒店|宾馆|民宿|泳池|说明书|包装|(?:商品|产品)(?!页面|页|详情|链接)|[器机])" + G(3) + r"$"
               # a reminder about a voucher or an account (满减券到期前没有提醒) is no safety warning (K9)
               r"|券|红包|积分|会员|续费|扣费|到期")
    add(s, r"(?:未予|未|没有|没)(?:进行|作|做)?(?:任何)?(?:监测|监控|巡查)", False, KEEP)
    add(s, r"(?:监管|管理|巡查|监控|监测|管控)(?:不力|不善|缺位|失职|松懈|漏洞|不到位|形同虚设)|疏于(?:管理|监管|监控|巡查)|放任", False, KEEP)
    add(s, r"(?:没有|未|没|未能|没能|不)(?:及时)?(?:处理|回应|回复|跟进|介入|处置)" + G(6) + r"(?:投诉|举报|反映|反馈)?", False, KEEP)
    add(s, NOT_HEEDED + r"|" + P + G(4) + r"(?:一直|从来|根本|压根|也|都)?(?:没|不|没有|从不)(?:管|过问)(?!理)", False, KEEP,
        unless=M + G(8) + "$")
    add(s, IGNORED + r"|踢皮球|推诿|一拖再拖|迟迟(?:没有|不|未)(?:处理|回复|解决)", False, KEEP)
    add(s, r"(?:拖了|拖延|过了)" + G(8) + r"才(?:下架|处理|回复|介入|解决)", False, KEEP)

    # --- qualification review (ECL-38-2, FSL-62) --------------------------------------------------------
    q = "qualification_review_done"
    add(q, r"(?P<v>" + REV + r")(?:了|过)?" + G(10) + LIC, True, False)
    add(q, LIC + G(8) + r"(?P<v>" + REV + r")", True, False, unless=r"(?:未|没有?|从未|未曾)(?:对|就)")
    add(q, r"(?P<v>履行|尽到|尽)(?:了)?" + G(4) + r"(?:审核|审查|核验)(?:义务|责任)", True, False, unless=PROOF)
    add(q, P + G(3) + r"(?P<v>" + REV + r")(?:过|了)(?=[，,。；;！!？?\n ]|$)", True, False)
    add(q, r"(?:未|没有?|从未|未曾)(?:对|就)" + G(14) + LIC + G(4) + r"(?:进行|作|做)?(?:任何)?" + REV
           + r"|(?:未|没有?|未曾)(?:设|作|做|进行)(?:任何)?" + REV + r"|(?:没审|没有审)(?!核过|过)|(?:连|就连)" + G(6) + LIC + r"(?:都|也)(?:没有|没|无)", False, KEEP)
    add(q, REV + r"(?:不严|不力|流于形式|形同虚设|走过场|有漏洞|存在漏洞|不到位|松懈)", False, KEEP)
    add(q, r"(?:未|没有?|从未|未曾|并未|不)(?:认真|严格|实际|再|予)?" + REV + r"(?:过|了)?" + G(6) + LIC, False, KEEP)
    # the platform, with no licence named: 平台未审核, 平台对这种代购根本不审核
    add(q, P + r"(?:对|就)?" + G(12) + r"(?:根本|从来|从|压根|都|也|并)?(?:不|没有?|未|从未|未曾)(?:进行|作|做)?(?:任何)?" + REV + r"(?!过的|通过|" + G(6) + LIC + ")", False, KEEP)
    add(q, r"(?:没有|没|无|未取得|未办理|没办|没有办理|缺少|缺乏|不具备|没有取得|未持有|没拿到)(?:任何)?(?:相关)?(?:的)?(?:特种行业|进口药品|卫生)?"
           r"(?:食品|药品|医疗器械|饲料|化妆品|网约车|道路运输|道路)?(?:经营|生产|运输)?(?:营业执照|许可证|经营许可|生产许可|执照|资质|证照|健康证|行医资格|从业资格|备案|运输证)", False, KEEP)
    # a licence named by its trade (未取得高危险性体育项目经营许可, 未取得动物诊疗许可证): the merchant had none
    add(q, r"(?:未取得|没有取得|未办理|没有办理|不具备|未持有|未依法取得)" + G(12) + r"(?:经营许可|许可证|执业许可|资质证书|资格证书)", False, KEEP)
    add(q, r"无证(?:经营|餐饮|小作坊)?|无照经营|证照不全|黑作坊|黑车|黑诊所|(?:许可证|执照|资质)(?:早就|已经|早已|已)?(?:过期|失效|被吊销)"
           r"|(?:许可证|执照|资质)(?:是)?(?:假的|伪造的?)|(?:伪造|假冒|虚假)的?(?:许可证|营业执照|执照|资质)", False, KEEP)

    # --- the merchant's identity (CPL-44-1) ---------------------------------------------------------------
    i = "merchant_identity_provided"
    add(i, r"(?:联系不上|联系不到|找不到|找不着|查不到|无法联系|失联)" + G(3) + M + r"|不知道" + M + r"是谁|说不出" + M + r"是谁", False, KEEP)
    add(i, M + G(6) + r"(?P<v>联系不上|联系不到|找不到|找不着|失联|跑路|人间蒸发|电话打不通|电话是空号|是空号|注销|关店跑路|不见了)",
        False, DROP)
    add(i, r"(?:找不到|联系不上|联系不到)人|人(?:也)?找不到", False, KEEP)
    # details given but false or dead (打过去是空号, 地址是假的): not the real name, address and contact CPL-44-1 asks
    add(i, r"(?:打过去|拨过去|一打)(?:是|为|竟是|竟然是)?(?:空号|停机)|(?:电话|号码|手机号)(?:是|为)?(?:空号|假的|错的|停机)"
           r"|地址(?:是|为)?(?:假的|虚假的|不存在)", False, KEEP)
    add(i, M + r"(?:的)?(?:真实)?(?:信息|地址|名称|联系方式|电话|身份)" + G(4) + r"(?:不能|无法|不肯|拒绝|不愿|不予|不方便|不便|不)(?:提供|透露|告知|给)",
        False, KEEP)
    add(i, M + r"(?:的)?(?:信息|地址|联系方式|身份)(?:已|已经)?(?P<v>提供|告知|披露)", True, False)
    add(i, P + G(8) + r"(?P<v>提供|告知|给出|给了|透露|披露|说出)(?:了)?(?:我)?" + G(12)
           + r"(?:信息|地址|名称|姓名|联系方式|电话|身份|是谁)(?!撮合|服务|发布|中介|技术)", True, False)
    add(i, M + r"(?:的)?(?:信息|身份|名称和地址|地址和电话)(?:都)?(?:很)?(?:明确|清楚|齐全|清清楚楚)", True)
    add(i, P + G(4) + r"把" + M + r"(?:的)?" + G(8) + r"(?:名字|名称|姓名|电话|地址|联系方式)" + G(4) + r"(?:都)?(?:给|告诉|提供给)(?:了)?(?:我|原告|客户)", True)
    add(i, r"(?:拒绝|不肯|不愿|不予|无法|未能|不能|没法)(?:向" + G(4) + r")?(?:提供|告知|透露|披露|查到|查询到|找到)" + G(4) + M
           + r"(?:的)?(?:真实)?(?:信息|地址|名称|联系方式|电话|身份)", False, KEEP)
    add(i, r"(?:销售者|经营者|卖家|商家)[^。；;\n]{0,12}(?:身份)?信息(?:都)?(?:齐全|完整|明确|真实有效)", True)
    # asked for the seller's details, then refused (要求平台提供卖家的联系方式，平台说无法提供): CPL-44-1 not met
    add(i, r"(?:要求|找|向|要)[^。；;\n]{0,24}(?:姓名|名称|信息|电话|联系方式|地址|身份)[^。；;\n]{0,30}?"
           r"(?:无法|未能|不能|不肯|拒绝|未予|不予|没能|予以拒绝)(?:提供|告知|透露|查询)?", False, KEEP)
    add(i, M + r"(?:的)?(?:实名|身份|真实)*(?:信息|地址|名称|联系方式|电话|姓名)" + G(8) + r"(?:无法|不能|不便|不方便|未能|不予)(?:提供|告知|透露)", False, KEEP)
    add(i, r"(?:无法|不能|不予|拒绝)(?:提供|告知|透露)" + M + r"(?:的)?(?:实名|身份|真实)+(?:信息|地址|名称|联系方式|电话|姓名)", False, KEEP)
    # the platform gave them (被告一向原告提供了被告二的名称和地址)
    add(i, r"向(?:原告|我|客户|消费者|用户|当事人)(?P<v>提供|告知|披露)(?:了)?" + M + r"(?:的)?(?:真实)?(?:姓名|名称|信息|地址|联系方式|电话|身份)", True, False)

    # --- advance compensation promised (CPL-44-1, second sentence) ------------------------------------
    a = "advance_compensation_promised"
    add(a, r"(?P<v>承诺|保证|宣称|声称|写明|写着|标明|标着|标注|公示|宣传|承诺了)" + G(10)
           + r"(?:先行赔付|先赔|假一赔|全额赔付|包赔|赔付|兜底)", True, False)
    add(a, r"(?P<v>先行赔付)(?:的)?(?:承诺|保障|服务|计划|规则|条款|政策)", True, False)
    add(a, r"(?P<v>消费者保障计划|消保计划|消费者保障服务|假一赔[三十四]|先行赔付承诺)", True, False)

    # --- live streaming (SPC-OC) ---------------------------------------------------------------------
    add("live_streaming", r"(?P<v>直播间|直播带货|直播购物|看直播|主播|直播中|直播时|直播里|网络直播|直播)", True, False)

    # --- force majeure (CC-180) ----------------------------------------------------------------------
    f = "force_majeure"
    add(f, r"(?P<v>不可抗力)", True, False, unless=r"(?:不管|不认|不接受|别拿|别说|少拿)[^，,。；;]{0,4}$")
    add(f, r"(?:遇|遭遇|遇到|突遇|突发)(?:了)?(?:强)?(?:地震|台风|洪水|山洪|海啸|泥石流|龙卷风)", True)
    add(f, r"(?:地震|台风|洪水|山洪|海啸|泥石流|龙卷风)" + G(8) + r"(?:导致|造成|引发|冲毁|倒塌|损毁)", True)

    # --- causation --------------------------------------------------------------------------------
    ca = "causation"
    said = P + r"(?:说|称|表示|认为|回复|辩称|声称)"  # the platform's own say-so is a claim, not a fact
    # a link still to be established (因果关系尚需鉴定, 有待查明) is not stated either way
    add(ca, r"(?P<v>因果关系|因果联系)(?![^，,。；;]{0,4}(?:尚|有待|待|仍需|还需|需要|需经|不明|不清|存疑|存在争议|正在|仍在|鉴定中|调查中|是[^，,。；;]{0,4}(?:难点|争点|焦点|疑点|关键)))", True, False,
        unless=PROOF)
    add(ca, r"(?:与|跟|和)" + P + r"(?:的审核|的管理)?(?:无关|没有关系|没关系)|不是" + P + r"的(?:原因|问题|责任)", False, KEEP,
        unless=said)
    add(ca, r"要不是" + P + r"|(?:如果|要是|假如)" + P + G(16) + r"(?:就不会|也不会|不会)|正是(?:因为|由于)" + P, True)
    add(ca, P + r"的?(?:过错|失职|疏忽|放任|审核漏洞|不作为|监管漏洞)" + G(8) + r"(?:导致|造成|致使|引起)", True)

    # --- the merchant's fault ------------------------------------------------------------------------
    mf = "merchant_fault"
    add(mf, M + G(6) + r"(?<!不是)(?<!并非)(?<!不)(?:故意|明知|蓄意|恶意|有意)|欺诈|诈骗|(?:故意|蓄意|恶意)(?:销售|售卖|隐瞒|欺骗|造假|掺|使用)"
            r"|" + M + G(6) + r"(?:以次充好|掺假|掺杂使假|非法添加|冒充|偷工减料)|主观上(?:系|是|为|存在)故意|明知" + G(4) + r"(?:过期|变质|假|有毒|不合格|有问题)",
        "intentional", KEEP)
    add(mf, M + G(8) + r"(?:疏忽|过失|不小心|粗心|失误|没注意|大意|操作不当|保存不当|没有冷藏|未冷藏|卫生条件差|不干净|忘了)"
            r"|一时疏忽|主观上(?:系|是|为|存在)(?:重大)?过失|冷链断|储存不当|保存不当|(?:疏忽|过失)(?:所致|导致|造成)|(?:质检|管理|操作|检测)(?:环节)?(?:的)?疏忽", "negligent", KEEP)

    # --- the platform's causal weight ------------------------------------------------------------------
    pc = "platform_contribution"
    add(pc, P + G(8) + r"(?:主要原因|主要责任|主要作用|起主要|原因力较大|原因力大|决定性作用)|主要(?:是|在于)?(?:因为)?" + P, "major", KEEP)
    add(pc, r"过错(?:是|系|为|构成)" + G(10) + r"主要原因", "major", KEEP, unless=M + G(8) + "$")
    add(pc, P + G(8) + r"(?:次要原因|次要责任|次要作用|起次要|原因力较小|原因力小|作用较小|作用有限)"
            r"|主要(?:是|在于|还是)?" + M + r"的?(?:责任|原因|问题|过错)", "minor", KEEP)

    # --- the consumer's prima facie evidence (QIN-5.4.2) ----------------------------------------------
    e = "consumer_prima_facie_evidence"
    add(e, r"(?P<v>保留|留存|留着|保存|存有|截图|截了图|截屏|拍照|拍了|录音|录像|提交|出具|开具|有)(?:了|过|着)?" + G(8) + EVID, True, False,
        unless=r"(?:" + P + "|" + M + r")" + G(12) + r"$")  # the platform's or the seller's evidence is not the consumer's
    add(e, EVID + G(8) + r"(?P<v>截图|截屏|保存|留着|保留|拍照|拍了|录下)(?:了|着)?", True, False)
    add(e, r"(?P<v>初步证据)|证据(?:齐全|充分|确凿|都在|都留着)|(?:订单|聊天记录|病历|发票|小票|照片|截图)(?:都|也)?(?:还)?(?:在|保存着|留着)", True, False)
    add(e, r"(?:订单|记录|聊天记录|截图|小票|证据)(?:已经|早就|都)?(?:被)?(?:删|删除|删了|丢|丢失|找不到|没了|没留)", False, KEEP)

    # --- the platform proved it complied -----------------------------------------------------------------
    add("platform_proved_compliance", P + G(6) + r"(?P<v>证明|举证证明|拿出证据证明|提交证据证明|举证)(?:了)?" + G(12)
        + r"(?:尽到|履行|审核|合规|没有过错|无过错|已尽)", True, False)

    # --- life and health (only when said; otherwise the core derives it from the category) -------------
    add("life_health", r"(?:涉及|关系到?|关乎|危及|危害|事关)(?:到)?(?:消费者|人的|人身)?(?:的)?(?P<v>生命健康|生命安全|人身安全|身体健康)", True, False)

    # --- complaint delay expanded the damage (QIN-5.2.3) ----------------------------------------------
    d = "complaint_delay_expanded_damage"
    add(d, r"(?:拖延|拖了|迟迟|一拖再拖|几天后才|好几天才|[一两三四五六七八九十\d]+天(?:后)?才|没有及时|未及时|不及时|推诿|置之不理|未予理睬|不予理睬|未作处理|没人理|久拖)"
           r"[^。！？!?\n]{0,40}(?:扩大|加重|恶化|更严重|越来越|又有|又吃|继续吃|继续使用|继续用|更多人|其他人也|又一次|又中毒|又买|又购买|再次)", True, KEEP)
    add(d, r"(?:损害|损失|病情|伤情|后果)(?:进一步)?(?P<v>扩大)" , True, DROP)
    # told the platform, it did nothing, and then the goods were used again and hurt (QIN-5.2.3), across sentences
    # or a transcript's turns: 你们一直没答复 … 我老公又用了一次 … 手烫伤了
    add(d, r"(?:你们|平台|客服|被告一)[^。！？!?]{0,16}?(?:没人理|没(?:有)?(?:答复|回复|回|处理|下文)|什么都没做|啥也没(?:做|改|管)"
           r"|未作任何处理|未予处理|置之不理|没人联系|不闻不问)[\s\S]{0,80}?(?:又|再次|又一次|继续|接着)[^。！？!?\n]{0,8}?"
           r"(?:用|吃|喝|使用|食用|喂|被|让|摔|住|开)", True, KEEP)
    add(d, r"(?:及时|立即|马上|当天|第一时间)(?:处理|下架|介入|回复|处置)[^。！？!?\n]{0,20}(?:没有|未|没)(?:造成)?(?:损害|损失)?(?:进一步)?(?:扩大|加重)", False, KEEP)

    return c


CUES: tuple[Cue, ...] = tuple(_cues())
COMPILED: tuple[tuple[Cue, re.Pattern[str]], ...] = tuple((cue, re.compile(cue.pattern)) for cue in CUES)
