"""The two facts read by ranked cues rather than yes/no: ``harm`` and ``platform_role`` (its competing readings: role.py)."""

from __future__ import annotations

import re

from assistant.triage.extract.cues import M, P
from assistant.triage.extract.harm_scope import context_injury, said_by_other_side
from assistant.triage.extract.text import NEGATOR, Hit, clause_start, gap, negated, sentence_start

G = gap

_INJURY = re.compile(
    r"住院|住了院|受伤|中毒|过敏|烫伤|烧伤|骨折|腹泻|拉肚子|上吐下泻|呕吐|送医|就医|急诊|抢救|死亡|身亡|去世|伤残|残疾|感染"
    r"|划伤|摔伤|撞伤|擦伤|刮伤|刮破|红肿|溃烂|昏迷|晕倒|休克|毁容|灼伤|烂脸|肝损伤|肾损伤|出血|流血|进了医院|去了医院|送到医院|去医院"
    r"|身体不适|(?<![沙头])发高烧|(?<![沙头])发烧|起疹子|皮疹|红疹|湿疹|头晕|头痛|病情加重|病情恶化|[打咬刺割砸压扭碰撞摔划擦烫烧磕炸]伤|磕破|头破|溺水|入院|[摔撞打压砸]断|吃坏|肚子疼|肚子痛|胃疼|胃痛|吐了|嗜睡|缝了[\d一二两三四五六七八九十几]*针|过敏反应|人身损害|人身伤害|伤害了身体|低血糖|失明|视力下降|心悸|窒息|骨裂|缝针"
    # injury stated through its treatment or diagnosis (issue 14): 看急诊, 输液, 手术, 住了几天院, 留下疤痕
    r"|看急诊|挂急诊|医疗费|医药费|治疗费|(?:门诊|住院|根管|手术|保守|康复|对症|药物|抗感染|激素)治疗"
    r"|挂了?水|输液|输了液|打点滴|打了点滴|吊瓶|手术|住了.{0,4}院|疤|缝合|植皮|高压氧|ICU|重症监护|皮肤科|眼科"
    r"|口腔科|烧伤科|(?:去|到|送|进|跑)了?[^，,。；;\s]{0,6}诊所(?!上班|工作|实习)|看了医生|看医生|开了药|确诊|诊断为|诊断证明|查出|脑震荡|黄疸|溃烂|(?<![漏进积浸渗])水泡(?![坏烂了过着在])|起泡|红肿|化脓|脓包|割伤|夹伤"
    r"|烫红|烫伤|电麻|触电|电击|电伤|电晕|晕过去|昏过去|焦印|便血|抽搐|休克|心律失常|肝衰竭|功能异常|功能不全|功能损害|肝损伤|肾损害|白血病|皮炎|角膜炎|溃疡|椎间盘|突出症|疼得|痛得|站不起来|扭伤|拉伤|韧带|脱臼|晕倒|昏倒|核磁|理疗"
    r"|头疼|胸闷|气短|喘不上气|嗓子疼|喉咙痛|牙疼|崩了牙|崩(?:掉|断|裂|碎|坏)了?[^，,。；;]{0,3}牙|牙[^，,。；;]{0,3}(?:崩|磕|硌)(?:掉|断|裂|碎|坏)|硌坏|扎伤|刺伤|卡(?:住)?喉咙|满脸痘|长痘|脱皮|脱发|红斑|瘙痒|流鼻血|耳鸣|视力模糊"
    r"|眼睛疼|眼睛红|荨麻疹|起了?[^，,。；;]{0,4}(?:疹|红点|风团|水泡|痘)|感冒了|冻感冒|着凉|烫(?:了|出|起)[^，,。]{0,3}泡|烫红|烫到|(?:一直|总是|不停|又)吐|吐个不停|吐得|发炎|心慌|手抖"
    r"|肠胃炎|胃肠炎|痢疾|食物中毒|一氧化碳中毒|抢救|伤残|骨折|撞伤|咬伤|磕到|摔倒|腹痛|绞痛|心慌|失眠|色素沉着"
    r"|氟斑牙|发育迟缓|视网膜|眼底出血|眼球|拉了[^，,。]{0,4}肚子|肿了|肿得|肿胀|营养不良|便秘|淤青|淤血|瘀青|瘀血|青紫|被烫(?:了|到|得|伤)|被电(?:了|到|得)|(?:去|到|送|进|跑)了?[^，,。；;\s]{0,6}医院(?!上班|工作|实习|门口|旁边|附近|对面|楼下|隔壁)|口腔划|划破|溺水|血铅|烧伤|灼伤|受伤|病情加重|送医|就医|生病"
)
# Harm to an animal or to goods is property: 猫吃后呕吐, 鸡大量死亡 (the owner's loss, not a personal injury).
_ANIMAL = re.compile(r"秧苗|禾苗|幼苗|菜苗|树苗|鱼苗|虾苗|庄稼|农作物|作物|果树|花卉|盆栽|绿植|多肉|草坪|蜂群|猫|狗|(?<![警])犬(?!齿)|宠物|养殖|家禽|牲畜|(?<![炸烤吃焖辣烧卤蒸切水保盐花])鸡(?![胸肉蛋翅腿排块汤米饭公煲丝丁爪精粉])|兔子|鹦鹉|仓鼠|金鱼|观赏鱼"
                     r"|金毛|泰迪|柯基|哈士奇|柴犬|比熊|博美|拉布拉多|边牧|布偶|英短|美短|毛孩子|爱犬")
# Animals that are pets or livestock (not 天猫, not 鸡 the dish, not 像兔子 a simile): these make a sentence an animal's.
_PET = re.compile(r"(?<!天)(?<!像)猫(?!粮|砂)|(?<!像)狗(?!粮)|(?<!像)犬(?!齿)|宠物(?!医院)|金毛|泰迪|柯基|哈士奇|柴犬|比熊|博美|拉布拉多|边牧|布偶|英短|美短|毛孩子|爱犬|牲畜|家禽"
                  # plants and crops (秧苗枯黄死亡, 果树死了): the grower's property, as an animal's is (K9)
                  r"|秧苗|禾苗|幼苗|菜苗|树苗|鱼苗|虾苗|庄稼|农作物|作物|果树|花卉|盆栽|绿植|多肉|草坪|蜂群")
# Other buyers reporting their own harm (评论区好多人说…, 之前就有人投诉吃坏肚子): knowledge, not this consumer's harm.
_REPORTED = re.compile(r"(?:评论|评价|差评|好多人|很多人|一堆人|不少人|多人|多名|别人|有人|其他(?:买家|消费者|用户|顾客|住客))"
                       r"[^。！？!?\n]{0,12}(?:说|反映|投诉|举报|表示|称|提到)")
# People the narrator speaks of: an injury word after one of them (not after an animal) is a person's injury.
_PERSON = re.compile(r"我|孩子|儿子|女儿|宝宝|老人|妈|爸|老公|老婆|爱人|家人|本人|原告|当事人|委托人|客户|婆婆|公公|爷爷|奶奶|外婆|姥姥|姥爷|自己")
# An injury done to someone else that the consumer paid for (撞伤行人，赔偿行人医疗费) is the consumer's money loss.
_OTHERS = re.compile(r"^(?:了)?(?:行人|路人|他人|别人|邻居|对方|第三人)")
# ... or paid as the other's cost (赔偿行人医疗费三万元): the consumer's money, not their injury
_PAID_TO_OTHERS = re.compile(r"(?:赔|赔偿|赔付|垫付|承担)(?:了)?(?:给)?(?:行人|路人|他人|别人|邻居|对方|第三人|受害人|伤者|他|她|他们|她们|人家|摊主|车主)(?:的)?$")
_PROPERTY = re.compile(
    r"(?P<v>损失(?!没有|未|不)|烧没|烧光|烧掉|烧化|烧成|偷了|偷走|被偷|盗走|臭了|发臭|压坏|压扁|摔烂|翻了|被坑|坑了|拒退|只退|退一半|全是虫|(?:收到|发现|是|为|系|买到|属于)[^，,。；;]{0,4}过期|亏了|亏损|打碎|摔碎|弄坏|砸坏|烧坏|被骗|骗走|假货|假冒|仿冒|货不对板|烧毁|损坏|毁坏|报废|被盗|多扣|扣款|拒绝退款|拒不退款|白花|冤枉钱|财产损失|经济损失"
    r"|[烧烫熏](?:了|出|穿)?(?:个|一个|几个|好几个|了个|出个|出一个)?(?:洞|窟窿)|[烧烫熏](?:焦|糊|化)|烧了个洞|(?<!发)烧了|烧黑|熏黑|碎了|宠物医院|兽医|烧着|泡坏|摔坏|撞坏|刮了|坏了|白扔|不退|退款一直|多收|多花了|另外花了|又花了|另行购买|多收费|赔了|赔偿了?(?:行人|邻居|车主|对方)"
    r"|维修(?!店|点|厂)|修车(?!厂)|报价|打水漂|臭的|扔了|只退了|(?<!人)不见了|改签|误了(?:航班|火车|高铁|飞机)|卖假|无法退还|不能退还|弄丢|弄断|开不了机|无法开机|不开机|黑屏|死机|坏掉|丢了|丢失|不给退|价款|应予返还|全是霉|不能用|无法使用|用不了|(?:不能|无法|没法)再?(?:穿|戴|骑|坐|睡|开)了|(?:穿|戴|骑|坐)不了|不能正常使用|无法正常使用|修不好|发霉|烂的|馊|翻新|监管机|以次充好|冒充|掺假|合成肉|被毁|融化"
    r"|死亡(?=[^，,。]{0,6}损失)|大量死亡|糖浆兑|糖水|假的|(?:被|让)?(?:水|洪水|山洪)?冲(?:走|毁|垮|坏)|被淹|淹了|泡水)"
)
_NO_HARM = re.compile(
    r"(?:没有|未|没|并未|也没有|并没有|尚未)(?:造成|产生|遭受|受到|发生)?(?:任何|什么)?(?:实际)?(?:的)?(?:损失|损害|伤害|后果)"
    r"|(?:没有|并没有|没|未)(?:受伤|受到伤害)|人(?:也)?(?:都)?没事|没什么事|没出什么事|虚惊一场|毫发无损"
)
# An injury word negated by its own clause (好在没人受伤, 人身无损, 本人未受伤): says nothing about damage to things.
_INJURY_NEGATED = re.compile(r"(?:没有?|无|未)(?:人员?|人身)?(?:受伤|伤亡|伤着人?|损)|人(?:倒是|也|都)?没(?:事|伤)|(?:本人|自己|人身|人)(?:也)?(?:未|没有?)受伤"
                             r"|人身无损|无人员?伤亡|(?:没有|没|未)(?:出现|有)?(?:任何)?(?:身体)?(?:不适|反应)|没啥反应|没(?:有)?大(?:碍|事)")

_MISLEADING_DIRECT = re.compile(r"(?:误以为|以为是|以为|当成|当作|当做|误认为)" + G(8) + r"(?:自营|官方)")
_SELF_LABEL = re.compile(r"(?:标|标注|标着|标有|标明|显示|写着|挂着|打着|号称|宣传)(?:的是|为|成)?" + G(4) + r"(?:自营|官方自营)"
                         r"|自营[\"”」']?(?:字样|标识|标签|标志|标注)")
_CONTRARY = re.compile(r"(?:实际|其实|实则|才知道|才发现|原来|并非|不是|却是|竟然是|真实身份)" + G(10)
                       + r"(?:第三方|入驻|商家|个人|非自营|代购|加盟|另一家|另外一家|别的公司|其他公司|案外人|贸易公司)"
                       r"|(?:发货|开票|开发票|发票|销售方|实际销售|出具发票)[^。；;\n]{0,12}(?:却是|竟是|竟然是|实际是|其实是|实为|者为|方为)(?!平台)")
_SELF = re.compile(r"(?P<v>自营)")
_MARKET_STRONG = re.compile(r"(?:第三方|入驻|平台内)(?:的)?(?:商家|卖家|店铺|经营者|商户|网店|药房|药店|酒店|餐厅|门店|商铺|机构)|平台内经营者|非自营|入驻商家|第三方卖家")
_MARKET_WEAK = re.compile(r"(?:商家|卖家|店家|店铺|网店|商户|房东|车主|司机|主播|代购|销售者|服务提供者|入网|小店|店主"
                          r"|(?:那家|这家|那个|这个)卖|旗舰店|专营店|专卖店|被告[二三]|第二被告|服务商|服务者|服务人员|月嫂|按摩师|美甲师|安装工人|场地方|驾驶员|代驾公司|搬家公司"
                          r"|(?:上的|里的|一家)(?:药房|药店)|店(?:已经|已)?(?:关|注销|倒闭)|(?:酒店|民宿|客栈|宾馆)(?:方|经营者|老板)?(?:说|称|表示|否认|拒绝)"
                          r"|第三人|(?:一家|这家|那家|该|此)[^，,。；;！!？?\n]{0,10}店|的店(?!铺)|(?:店|客栈|民宿|餐馆|饭店)老板|外卖(?:店|商家|商户)"
                          # a provider other than the platform (policy: a shop, host or service provider distinct
                          # from the platform): 一家民宿, 一家医美机构, 平台上的"老王烧烤", 供货商
                          r"|一家[^，,。；;！!？?\n]{0,10}(?:院|所|馆|机构|公司|工作室|旅行社|代理|中心|酒店|民宿|客栈|宾馆|餐厅|饭店|门诊|药房|诊所|健身房)"
                          r"|(?:平台|你们)(?:上|里)?(?:的|订的|买的|上的|点的|约的)?[“\"「][^”\"」]{2,12}[”\"」]"
                          # a supplier only when named (供货商为某冻品公司, 供货商："稻香斋"): a bare 供货商 may be the
                          # platform's own upstream (自营 goods are bought in too) (K18)
                          r"|寄养家庭|票务代理|供货商(?:为|是|系|：|:))")  # not 师傅/育儿嫂/团长: one the platform sends may be its own


# For harm, a negator must stand right before the word (没有受伤, 未造成人身伤害), not anywhere in the clause:
# 读数不准让我低血糖 and 不良反应住院 are injuries.
_HARM_NEG = re.compile(NEGATOR + r"(?:因[^，,。；;]{1,6}?(?=受到|造成|受|出现|发生)|有|曾|再|会|要|至于|造成|出现|受到|发生|导致|引起|任何|什么|人身|严重|受|人员|人|因此|因而|由此"
                       r"|对|给|其|本人|自己|身体|家人|都|也|并|均|任何人)*$")

# Injury said only through a visit (去医院, 就医, 打了针): in a narrative that also says nobody was hurt
# (没出啥事, 没有身体损害) the visit was a check, not an injury (issue 14: 拿去医院比对, 去医院打了针 没出啥事).
_VISIT = re.compile(r"(?:去|到|送|进|跑)了?[^，,。；;\s]{0,6}医院|去医院|去了医院|进了医院|送到医院|送医|就医|就诊|看医生|看了医生|诊所|打了?针|医院看了|去医院看|检查")
_NOBODY_HURT = re.compile(r"没出(?:啥|什么)?事|没(?:啥|什么)事(?!了)|(?:没有|没|未|并未|也没有|并没有|(?<!有)无)(?:因[^，,。；;]{0,8})?(?:造成|受到|出现)?(?:任何)?(?:身体|人身|健康)(?:上的?)?(?:损害|伤害|损伤|问题)"
                          r"|没(?:有)?(?:耽误|影响)(?:治疗|健康)|人(?:倒是|也|都)?没(?:事|伤)|(?:没有|没|未)(?:造成)?(?:人员)?(?:受伤|伤亡)|没人受伤|无人员?伤亡|没(?:有)?(?:什么)?大(?:碍|事)|无大碍")
# A total denial of loss (我没有任何损失) against any word read as a loss: two readings, left unknown.
_NO_LOSS = re.compile(r"(?:没有|没|无|未|并未|并没有)(?:造成|产生|遭受)?(?:任何)?(?:实际|经济|财产)?(?:的)?损失")


def _harm_negated(text: str, pos: int) -> bool:
    return bool(_HARM_NEG.search(text[max(clause_start(text, pos), pos - 12):pos]))


# A harm that did not happen (issue 14, K9): a near miss (差点烫伤, 险些砸伤), a fear (担心会触电), a supposition
# (万一…窒息, 如果不是…肯定会拉肚子): the clause states a risk, not a harm (QIN-5.4.2 asks for the damage itself).
_UNREALISED = re.compile(r"差点|差一点|险些|险乎|几乎|万一|担心|害怕|生怕|恐怕|怕(?:会|是)|以免|避免|防止|预防|可能会|很可能|容易"
                         r"|如果|要是|假如|假设|否则|不然|肯定会|一定会|会不会|说不定|搞不好")
# The harm a product is for (烫伤膏, 抗过敏滴眼液, 祛疤膏, 止泻药, 治疗腹泻的药): its indication names it, not a harm.
_INDICATION_BEFORE = re.compile(r"(?:治|抗|防|祛|去(?=疤|痘|斑)|止|缓解|预防|治疗|专治|主治|针对)$")
_INDICATION_AFTER = re.compile(r"(?:的)?(?:药|膏|贴|喷雾|喷剂|霜|乳膏|软膏|片|胶囊|药水|滴眼液|眼药水|口服液|冲剂|颗粒|凝胶|敷料|修复|专用"
                               # a device named after its use (理疗仪, 手术衣, 输液架, 康复椅): the goods, not a harm (K12)
                               r"|仪|器|架|床|衣|服|椅|袋|灯|枕|垫|刀|钳|剪|机(?!构|场|会|率))")


def _unrealised(text: str, start: int, end: int) -> bool:
    """True when the harm word at ``start:end`` is a risk told (差点烫伤, 担心会触电) or a product's indication (烫伤膏)."""
    if _UNREALISED.search(text, clause_start(text, start), start):
        return True
    return bool(_INDICATION_BEFORE.search(text, max(0, start - 2), start)) or bool(_INDICATION_AFTER.match(text, end))


def _reported(text: str, pos: int) -> bool:
    """True when the injury at ``pos`` is told as other buyers' report, with no person of the narrator's since."""
    before = text[sentence_start(text, pos):pos]
    reports = list(_REPORTED.finditer(before))
    return bool(reports) and not _PERSON.search(before[reports[-1].end():])


# A transcript's agent line (客服：建议您去医院看看, Agent: …): the agent's advice or guess, not the consumer's harm (K9).
_AGENT_LINE = re.compile(r"\s*(?:客服|坐席|商家客服|平台客服|agent|customer service)\s*[：:]", re.I)
# Someone else's earlier experience (我朋友上次用…烫伤过, 邻居以前吃过也拉肚子): told as a reason or a warning, not this
# harm. (A friend hurt in this incident — 我朋友肋骨骨折 on the same ride — is the harm the labels count.)
_ACQUAINTANCE = re.compile(r"朋友|同事|邻居|网友|同学|闺蜜|别人|他人|其他人")
_EARLIER = re.compile(r"上次|以前|之前|去年|曾经|早先|前几年|有一次")


def _agents_line(text: str, pos: int) -> bool:
    """True when the word at ``pos`` stands in a transcript line spoken by the platform's or seller's agent."""
    return bool(_AGENT_LINE.match(text, text.rfind("\n", 0, pos) + 1))


def _someone_elses(text: str, pos: int) -> bool:
    """True when the nearest person before ``pos`` in its clause is an acquaintance, told of at an earlier time."""
    clause = text[clause_start(text, pos):pos]
    others = [m.end() for m in _ACQUAINTANCE.finditer(clause)]
    own = [m.end() for m in _PERSON.finditer(clause)]
    return bool(others) and (not own or others[-1] > own[-1]) and bool(_EARLIER.search(clause, others[-1]))


def _animal(text: str, pos: int) -> bool:
    """True when this injury is an animal's: an animal is named after the last person before it in its sentence."""
    before = text[sentence_start(text, pos):pos]
    animals = [m.end() for m in _PET.finditer(before)]
    people = [m.end() for m in _PERSON.finditer(before)]
    clause = text[clause_start(text, pos):pos]
    in_clause = [m.end() for m in _ANIMAL.finditer(clause)]
    if in_clause and not any(m.end() > in_clause[-1] for m in _PERSON.finditer(clause)):
        return True  # 猫吃后呕吐; but 民宿的狗把我咬伤了: a person after the animal is the one hurt
    return bool(animals) and (not people or animals[-1] > people[-1])


# A third person named as the one hurt (前车车主颈部受伤, 邻居被砸伤): the consumer's loss is what was paid, not an injury (K12).
_THIRD_PARTY = re.compile(r"行人(?!工)|路人|他人|别人|邻居|对方|第三人|前车|后车|车主|受害人|伤者|路过的|对方司机|摊主|小贩|骑手|外卖员|快递员|保安|业主|住户|楼下的")


def _third_party(text: str, pos: int) -> bool:
    """True when the last person named before the injury at ``pos`` in its clause is a third person, not the consumer."""
    clause = text[clause_start(text, pos):pos]
    thirds = [m.end() for m in _THIRD_PARTY.finditer(clause)]
    return bool(thirds) and not any(m.end() > thirds[-1] for m in _PERSON.finditer(clause))


_COST = re.compile(r"医疗费|医药费|治疗费")
_VOUCHER = re.compile(r"券|红包|积分|会员|权益|优惠|额度|套餐余额")


def _animal_cost(text: str, m: re.Match) -> bool:
    """True when a treatment cost stands in a sentence about an animal: the owner paid it (原告支出猫的治疗费)."""
    return bool(_COST.match(m.group())) and bool(_PET.search(text, sentence_start(text, m.start()), m.start()))


def _in_negated_injury(text: str, m: re.Match) -> bool:
    """True when the injury word sits inside a negated-injury phrase (没人受伤, 本人未受伤)."""
    return any(n.start() <= m.start() < n.end() for n in _INJURY_NEGATED.finditer(text))


def harm_reading(text: str) -> tuple[Hit | None, list[Hit]]:
    """The harm, or (None, the competing hits) when the narrative supports two readings (wrong is worse)."""
    hit = harm_hit(text)
    if hit is None:
        return None, []
    if hit.value == "personal_injury":
        denial = next((n for n in _NOBODY_HURT.finditer(text) if not n.start() <= hit.start < n.end()
                       and not said_by_other_side(text, n.start())), None)
        if denial is not None:  # 过敏住院 … 人没事: injured or not? asked, not guessed
            return None, [hit, Hit("none", denial.start(), denial.end())]
    if hit.value == "property_loss":
        # the narrator's own "no loss at all" against a word read as a loss (约的燃气灶维修 … 没有任何损失; 买到假货 …
        # 我没有任何损失): two readings, asked (K12: was only for a quality word)
        denial = next((n for n in _NO_LOSS.finditer(text) if not said_by_other_side(text, n.start())
                       and not n.start() <= hit.start < n.end()), None)
        if denial is not None:  # 买到假货 … 我没有任何损失 (refunded): loss or not? asked
            return None, [hit, Hit("none", denial.start(), denial.end())]
    return hit, []


def harm_hit(text: str) -> Hit | None:
    """Personal injury beats property loss beats an explicit "no damage"; negated mentions say nothing.

    Negation has a scope (issue 14): 好在没人受伤 negates injury only, so 烧坏了书桌 still makes it property
    loss; an injury to an animal is its owner's property loss; a hospital visit in a narrative that says
    nobody was hurt is a check, not an injury.
    """
    animal_hit = None
    nobody_hurt: bool | None = None  # read only when a hospital visit is met (issue 18: triage speed)
    for m in _INJURY.finditer(text):
        if _harm_negated(text, m.start()) or _in_negated_injury(text, m) or _unrealised(text, m.start(), m.end()):
            continue
        if context_injury(text, m.start(), m.end()):
            continue  # 术后买的护理床, 眼科医院旁边的店: a reason for buying or a place, not the harm (K12)
        if _VISIT.fullmatch(m.group()):
            if nobody_hurt is None:
                nobody_hurt = any(not said_by_other_side(text, n.start()) for n in _NOBODY_HURT.finditer(text))
            if nobody_hurt:
                continue
        if _reported(text, m.start()) or _agents_line(text, m.start()) or _someone_elses(text, m.start()):
            continue  # 评论区好多人说吃了拉肚子: other buyers' harm, told as knowledge, not the consumer's
        if _animal(text, m.start()) or _animal_cost(text, m) or _OTHERS.search(text[m.end():m.end() + 4]) or _third_party(text, m.start()) or _PAID_TO_OTHERS.search(
                text, clause_start(text, m.start()), m.start()):
            animal_hit = animal_hit or m
            continue
        return Hit("personal_injury", m.start(), m.end())
    if animal_hit is not None:
        return Hit("property_loss", animal_hit.start(), animal_hit.end())
    for m in _PROPERTY.finditer(text):
        if "过期" in m.group() and _VOUCHER.search(text, sentence_start(text, m.start()), m.start()):
            continue  # 满减券过期了: a voucher lapsed, no goods or money lost
        if not negated(text, m.start()) and not _UNREALISED.search(text, clause_start(text, m.start()), m.start()):
            return Hit("property_loss", m.start(), m.end())
    # the seller's or the platform's say-so (商家称原告没有任何损失) is a claim, not the fact (K12)
    m = next((n for n in _NO_HARM.finditer(text) if not said_by_other_side(text, n.start())), None)
    if m and not _injury_denied_after_mishap(text, m):
        return Hit("none", m.start(), m.end())
    return None


# Something went wrong to a thing (起火, 烧穿, 腐蚀, 泡坏, 撞, 碎): an injury denial after it (还好人没事) says the
# people are unhurt, not that nothing was lost (issue 14: 没人受伤 negates injury, not damage).
_MISHAP = re.compile(r"冲走|冲毁|被淹|被偷|被盗|丢了|起火|着火|冒烟|火星|爆炸|爆燃|炸了|炸开|烧|焦|腐蚀|泡坏|泡了|漏水|漏油|漏液|短路|鼓包|坏|裂|碎|塌|倒了|翻了|洒|淹|撞|刮花|划花|变形|融化|熔化|\bfire\b|burn|flood", re.I)
_LUCKILY = re.compile(r"(?:幸好|还好|好在|所幸|万幸|幸亏|庆幸|索性|幸运的是)[^，,。；;！!？?\n]{0,4}$")


def _injury_denied_after_mishap(text: str, m: re.Match) -> bool:
    """True when the "no harm" at ``m`` denies only an injury, after a mishap to a thing or with 幸好 (still unknown)."""
    if re.search(r"损失|损害|后果", m.group()):
        return False  # 没有任何损失: a loss denied, not only an injury
    return bool(_LUCKILY.search(text, max(0, m.start() - 8), m.start())) or bool(_MISHAP.search(text, 0, m.start()))


# 自营 in a doubt (不知道是不是自营, 是否自营) says nothing about what the page said.
_UNSURE_SELF = re.compile(r"(?:是不是|是否|不知道是|不清楚是|有没有)" + G(4) + r"$")


_HABIT = re.compile(r"以前|之前|平时|平常|一般|通常|向来|过去|往常|每次都|一直都")
_THIS_TIME = re.compile(r"这次|这回|此次|这一次|唯独")


def platform_role_hit(text: str) -> Hit | None:
    """Misleading self-operation (SPC-OC-4-2) beats self-operation beats a third-party merchant.

    自营 in a doubt (不知道是不是自营) says nothing.
    """
    label = _SELF_LABEL.search(text)
    belief = _MISLEADING_DIRECT.search(text)
    if belief:  # 以为是自营: the consumer was led to believe it (SPC-OC-4-2)
        return Hit("misleading_self_operated", belief.start(), belief.end())
    if label and _CONTRARY.search(text):
        return Hit("misleading_self_operated", label.start(), label.end())
    for m in _SELF.finditer(text):
        if (belief and belief.start() <= m.start() < belief.end()) or _UNSURE_SELF.search(text[max(0, m.start() - 10):m.start()]):
            continue
        if _HABIT.search(text, clause_start(text, m.start()), m.start()) and _THIS_TIME.search(text, m.end()):
            continue  # 以前都在自营店买，这次在一家小店买的: 自营 is the usual shop, not this seller (K12)
        if negated(text, m.start()):
            return Hit("marketplace", max(0, m.start() - 2), m.end())
        return Hit("self_operated", m.start(), m.end())
    # a seller word denied (平台说自己不是卖家, 并非入驻商家) names no seller (K9)
    for rx in (_MARKET_STRONG, _MARKET_WEAK):
        for m in rx.finditer(text):
            if not re.search(r"(?:不是|并非|并不是|而非|非)$", text[max(0, m.start() - 4):m.start()]):
                return Hit("marketplace", m.start(), m.end())
    return None


__all__ = ["harm_hit", "harm_reading", "platform_role_hit", "M", "P"]
