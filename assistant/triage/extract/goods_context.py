"""The reading of a goods word's context: words that name a thing but not the goods sold (issue 14).

Treatment and costs (医药费, 开了药), a visit to a place of care (去诊所拿了点药), a purpose (用于泡制药酒), a
likeness (跟糖果罐一样), goods the seller failed to provide (没有配备救生衣) and someone's say-so about the class
(主播说是保健品) are blanked before the classes of ``goods_classes.yaml`` are looked for (split out of
``lexicon.py``, K17; the rules are K9's and K13's).
"""

from __future__ import annotations

import re

from assistant.triage.extract.text import clause_end, clause_start, sentence_start

# Treatment and cost words that contain a drug cue: 医药费, 药费, 开(了)(点)药, 配药, 拿药, 上药, 换药, 敷药,
# and taking medicine as a habit (按时吃药, 不用吃药): the consumer's treatment, not what was sold.
_TREATMENT = re.compile(r"(?:换|上|敷|涂|擦|抹|输|挂)了?(?:好|很)?(?:几|一|两|三|四|五|多|些|点|半|十|\d)*(?:个)?(?:次|回|天|周|遍|星期|礼拜|月)?(?:的)?药(?![品膏水])|(?:给|贴|拿|用|包)了?(?:一|几|两)?(?:片|个|张|块|卷)?(?:创可贴|纱布|绷带|碘伏|酒精棉)|用药(?:过量|错误|不当|失误)|用错了?药|给错了?药|麻醉药?|打了?麻药|药物性|药源性|药疹|药物过敏|(?:自行|自己)(?:服|吃|买|涂|擦|抹)了?(?:点|些)?药|(?:上|戴|用|插)了?呼吸机|医药费|医疗费|药费|(?:开|配|拿|抓)了?(?:些|点|一些|一点|一堆|几盒|一盒|两盒|几副|几服|好多|很多|几天的?)?药|上药|换药|敷药|药物治疗|打针吃药|停了?药|断了?药|按时吃药|停服[^，,。]{0,4}药|药停了|把药停|(?:替代|代替|取代)[^，,。]{0,4}药|停用[^，,。]{0,4}药|"
                        r"(?:不用|不必|不再|不需要|需要|每天|一直|长期|天天)吃药|[加减]了?药量|药量|(?:要|得|需要|还要|又)(?:吃|滴|涂|抹|用|打|擦)[^，,。\s]{0,4}药|药品经营|药品许可|药店许可|药品监督|药监|不良反应")

# Going to a place of care and getting medicine there (去诊所拿了点药, 到医院开了药膏, 去药店买了点药): the remedy for
# the harm, bought offline, not the goods the platform's seller sold (a platform purchase says 在…买, not 去…买) (K13).
_CARE_VISIT = re.compile(r"(?:去|到|跑)了?(?:附近|楼下|小区|村里|镇上)?的?(?:医院|诊所|卫生院|卫生室|社区医院|社区|急诊|门诊|药店|药房|"
                         r"皮肤科|眼科|口腔科|儿科|医生那里?)[^，,。；;！!？?\n]{0,8}?(?:拿|开|配|买|取|抓)了?"
                         r"(?:些|点|一些|一点|几盒|一盒|两盒|几副|几服|几天的?)?[^，,。；;！!？?\n药]{0,3}?药(?:膏|水|片|物)?")

# What the goods were for, running to the clause's end (用于泡制药酒，…; 用来打奶泡的时候): a purpose, not a thing
# sold. A purpose that ends in 的 names the goods after it (用于治疗高血压的降压药): not blanked (K13).
_PURPOSE = re.compile(r"(?:用于|用来|拿来|专门用来|准备用来|打算用来)[^，,。；;！!？?\n的]{1,10}(?=[，,。；;！!？?\n]|$|的时候)")

# A thing the goods looked like or were taken for (包装跟糖果罐一样, 当糖吃了, 以为是饮料): not the goods (K13).
_LIKENED = re.compile(r"(?:跟|和|像|好像|如同|仿佛|类似)[^，,。；;！!？?\n]{1,8}?(?:一样|似的|一般|差不多)"
                      r"|(?:以为是|误以为是|当成了?|当作|当做|错当成?|误当成?)[^，,。；;！!？?\n]{1,6}?(?=吃|喝|用|给|了|[，,。；;！!？?\n]|$)"
                      r"|(?<![应相适])当(?=[^，,。；;！!？?\n]{1,3}(?:吃|喝)了)[^，,。；;！!？?\n]{1,3}(?=吃|喝)")

# Goods the text says were missing (没有配备救生衣, 未提供头盔): what the seller failed to give, not what it sold (K13).
_ABSENT = re.compile(r"(?:没有|没|未|不)(?:给|为)?(?:我们|客人|游客|学员|乘客|顾客|孩子|原告)?(?:配备|配置|配|提供|发放|准备|放置|安装|装)(?:了|过)?(?:任何)?[^，,。；;！!？?\n]{0,6}")

# Someone's say-so about the product's class (店铺称产品为普通食品, 主播说是保健品): a claim, not its class (K13).
_CLASS_SAY_SO = re.compile(r"(?:称|说|声称|宣称|号称|自称|标榜)(?:产品|商品|这|它|其|该产品|该商品|这个|这款)?(?:是|为|属于|系)"
                           r"(?:普通|正规|合格|纯天然的?)?(?:食品|保健品|保健食品|药品|中药|化妆品|医疗器械|器械|药)")

_LIKENED_ANY = re.compile(r"一样|似的|一般|差不多|以为|当")

# Whose medicine (K17): a drug the person was already taking as a habit (当事人之父长期服用抗凝药, 平时一直吃降压药)
# is their own treatment, the background of the harm, not the goods sold — unless the same clause says it was bought
# here (长期吃的降压药是在这家店买的: kept). Its absence leaves the other goods, or the category asked.
_OWN_MEDICATION = re.compile(r"(?:长期|一直|常年|多年|平时|平常|日常|每天|每日|本来就?|原本就?|之前就?)(?:都|也)?(?:在)?"
                             r"(?:服用|口服|吃|用|打|注射)(?:着)?[^，,。；;！!？?\n的买购店家]{0,6}?药(?:物)?(?![品店房材])"
                             r"(?![^，,。；;！!？?\n]{0,12}(?:买|购|下单|订))")

# Who acts (K17): a substance a worker applied in doing a service (师傅喷了药, 他用的是什么药, 撒了药) is the
# service's material; what was sold is the service (灭蟑、除虫、园林养护). The consumer's own purchase of it is named
# elsewhere (买了蟑螂药) and stays: only the act of applying it is blanked.
_APPLIED = re.compile(r"(?:喷|洒|撒|熏|投放|打)(?:了|过|的|完)?(?:一遍|一次|一些|点|些)?药(?![品店房膏片丸水])"
                      r"|(?:他|她|师傅|工人|对方|他们|工作人员|服务人员)[^，,。；;！!？?\n]{0,3}用的(?:是)?(?:什么|啥|哪种)?药(?![品店房])"
                      r"|(?:他|她|师傅|工人|对方|工作人员|服务人员)(?:说|称)(?:是|这是|用的是)?[“\"「]?(?:专业|进口|环保|普通|正规)?药(?:剂|水|物)")


def blank_treatment(text: str) -> str:
    """The text with treatment and cost words (医药费, 开了药) blanked out, offsets unchanged."""
    if "药" in text:
        text = _CARE_VISIT.sub(lambda m: "\u3000" * len(m.group()), text)
        text = _OWN_MEDICATION.sub(lambda m: "\u3000" * len(m.group()), text)
        text = _APPLIED.sub(lambda m: "\u3000" * len(m.group()), text)
    if "用" in text or "拿来" in text:
        text = _PURPOSE.sub(lambda m: "\u3000" * len(m.group()), text)
    if "没" in text or "未" in text or "不" in text:
        text = _ABSENT.sub(lambda m: "\u3000" * len(m.group()), text)
    if "称" in text or "说" in text or "号" in text or "标榜" in text:
        text = _CLASS_SAY_SO.sub(lambda m: "\u3000" * len(m.group()), text)
    if _LIKENED_ANY.search(text):  # a cheap test first: most narratives liken nothing (issue 18's budget)
        text = _LIKENED.sub(lambda m: "\u3000" * len(m.group()), text)
    return _TREATMENT.sub(lambda m: "\u3000" * len(m.group()), text)


# A narrative that only asks for advice or chases a delivery (求推荐, 有没有人用过, 还没发货): nothing sold has done
# harm yet; with no harm cue the goods it names are a wish or a pending order (K17).
NO_DEAL = re.compile(r"求推荐|求安利|推荐(?:一下|一款|一个|个)|有没有人(?:用过|买过|知道)|大家都(?:用|买)的?(?:啥|什么|哪)"
                      r"|哪(?:款|个|家|种)(?:好|比较好|靠谱)|值得买吗|值不值得买|(?:还|一直)?(?:没|未)(?:有)?(?:发货|到货|寄出|揽收)"
                      r"|(?:还|尚)(?:没|未)(?:有)?下单|帮我催|催(?:一下|促)?(?:发货|物流)|\b(?:any recommendations|which one should i buy|hasn't shipped|not shipped yet)\b", re.I)
_SPENT = re.compile(r"(?:又|也|还|另外|另|多|总共|一共|共|额外)?(?:花了|花掉|花费|支出|搭进去|垫付|自掏|自费|损失了)")
_SPEND_BUY = re.compile(r"买|购|订|下单|点了|报了|团购|租|预约")


def spends_after(text: str, harm_end: int) -> bool:
    """True when a spending word (花了, 支出, 自费) stands after the harm's cue: only then are clauses looked at."""
    return bool(_SPENT.search(text, harm_end))


def spent_after(text: str, start: int, end: int, harm_end: int) -> bool:
    """True when ``start:end`` stands in a clause after the harm's that spends and buys nothing (a cost of the harm)."""
    first = clause_start(text, start)
    if first <= harm_end:
        return False
    clause = text[first:clause_end(text, end)]
    return bool(_SPENT.search(clause)) and not _SPEND_BUY.search(clause)



# Which channel (K17): food ordered through a takeaway service (在外卖平台“某某冰室”点了两份冰淇淋, 通过外卖平台向
# 某店订购生腌蟹) is a dish made or served to order, catering of GB/T 4754-2017 H62/624 — not packaged food of F5229.
# Only when an order verb (点, 订, 叫) governs the food in its clause and no packaging or grocery word stands there
# (在外卖平台的超市买了一箱牛奶, 外卖送来的月饼礼盒: food).
_TAKEAWAY = re.compile(r"外卖|饿了么|送餐|\b(?:takeaway|take-out|food delivery)\b", re.I)
_ORDERED = re.compile(r"(?:点了|点的|订了|订的|订购|叫了|叫的|下单了?|\bordered\b)[^，,。；;！!？?\n]{0,20}$", re.I)
_GROCERY = re.compile(r"买|超市|便利店|买菜|生鲜|礼盒|包装|袋装|罐装|盒装|瓶装|整箱|一箱|箱|零食|预包装|速冻|冷冻")


def ordered_to_cook(text: str, start: int, end: int) -> bool:
    """True when the food at ``start:end`` was ordered through a takeaway service (a dish, not packaged food)."""
    if "外卖" not in text and "饿了么" not in text and "送餐" not in text and "ordered" not in text:
        return False  # a cheap test first: most narratives name no takeaway (issue 18's budget)
    s0 = sentence_start(text, start)
    if not _TAKEAWAY.search(text, s0, clause_end(text, end)):
        return False
    c0 = clause_start(text, start)
    if not _ORDERED.search(text[c0:start]):
        return False
    return not _GROCERY.search(text, c0, clause_end(text, end))


# A generic word names no class on its own (K17): a modifier whose head noun is not a word of the class (“医用”酒精:
# 医用 says what use it claims, not that a device was sold) and a package whose qualifier is not a meal (团购的婚纱照
# 套餐: 套餐 is a bundle of anything; 双人套餐, 午市套餐 stay a meal). A reading reached only through such a word is
# asked, not answered. The head named by a cue of its own (医用口罩: 口罩) decides as before.
_GENERIC = re.compile(r"医用|团购.{0,6}套餐|套餐")
_MEAL_BUNDLE = re.compile(r"(?:团购|团)?(?:了|的)?(?:一个|一份|个|份)?(?:[单双两三四五六七八九十\d]+人|家庭|情侣|亲子|午市|晚市|早|午|晚|工作日|周末|特价|超值|招牌|经典|豪华)?(?:餐)?套餐")


def generic_only(text: str, start: int, end: int) -> bool:
    """True when the cue at ``start:end`` is a generic word that names no class here (医用 before 酒精, 婚纱照套餐)."""
    word = text[start:end]
    if not _GENERIC.fullmatch(word):
        return False
    return "套餐" not in word or not _MEAL_BUNDLE.fullmatch(word)


# Whose fault (K17): a service that installed goods, named with them (上门装的电视挂架), and a harm where the thing
# installed gave way (整个电视掉下来了, 支架断了): the goods (if the fitter supplied them) or the fitting may have done
# it, and the text does not say which — asked. A harm by the fitter's own act (师傅打孔把水管打破了) stays the service;
# a repair (上门修的热水器又漏了) is the service whatever failed.
_INSTALLED = re.compile(r"(?:装|安装)(?:的|了|好的)?[^，,。；;！!？?\n\s]{2,}")
_GAVE_WAY = re.compile(r"掉下来|掉了下来|掉下去|脱落|断了|断裂|松了|松动|塌了|塌下来|倒了|砸下来|坠落|\b(?:fell|came off|collapsed)\b")
_FITTER_ACT = re.compile(r"(?:师傅|工人|安装工|他|对方)[^，,。；;！!？?\n]{0,6}(?:把|弄|打穿|打破|打坏|钻|划|碰)")


def installed_gave_way(text: str, start: int, end: int) -> bool:
    """True when a service cue at ``start:end`` names goods it installed and the harm is that thing giving way."""
    seg = text[start:clause_end(text, end)][:end - start + 8]  # the cue and the goods named right after it
    m = _INSTALLED.search(seg)
    if m is None or m.start() >= end - start:
        return False
    rest = text[end:]
    return bool(_GAVE_WAY.search(rest)) and not _FITTER_ACT.search(rest)
