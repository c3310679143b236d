"""The legal lexicon: what was sold (``category``), read from ``goods_classes.yaml`` (GB/T 4754-2017 classes).

The word lists are data, one class of the public classification each, mapped to the category enum (the file's
header names the list and edition each part follows). Reading a narrative:

1. Costs and treatment (医药费, 开了药, 按时吃药) are harm evidence, not goods (issue 14): blanked first
   (``goods_context.py``, with the other readings of a goods word's context: whose thing, who acts, which channel).
2. Every class's cues are found; a hit inside a longer hit of another class says nothing of its own
   (眼镜 in 隐形眼镜, 咖啡 in 咖啡机). Context words (旅游, 司机, 宠物) count only when no class names the goods.
3. One category named: that category. A service and the goods it used or damaged (酒店的热水器, 维修弄坏地板):
   the service. A dish and its ingredient (外卖的海鲜粥): catering. A product named by a regulated list and a
   general class for the same words (隐形眼镜): the regulated list.
4. Two different goods still compete: the one named in the harm's sentence is the harmful one; if that does
   not decide, the category stays unknown and a question is asked (wrong is worse than unknown).
5. A class whose legal category turns on a registration or the deal (its ``law:`` says which: 兽药, 钙片, 护膝, 上门厨师)
   is asked with its own question — unless the text states what decides it (包装上写着保健食品: food; K19).
6. A dish name alone (螺蛳粉) may be a meal cooked to order (H62) or packaged food (F5229): it names a meal only
   beside a word of the service (外卖, 点的, 堂食); otherwise it is asked. 预制菜, 速冻 make it packaged food.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import yaml

from assistant.triage.extract.cue_scan import required_chars
from assistant.triage.extract.goods_context import (NO_DEAL, blank_treatment, generic_only, installed_gave_way, ordered_to_cook,
                                                     spends_after, spent_after)
from assistant.triage.extract.text import Hit, clause_end, clause_start, sentence_start

DATA = Path(__file__).with_name("goods_classes.yaml")
SURE, WEAK = 0.9, 0.75


# Goods named as the place something was kept (放冰箱了, 存在柜子里) are where, not what was sold or did harm.
_KEPT_IN = re.compile(r"(?:放在|放进|放到|存在|存放在|存进|搁在|塞进|装进|冻在|冷藏在|藏在|收在)(?:了)?(?:家里|家|屋里)?(?:的)?$")
# bare 放 only before a place word or the clause's 了 (放冰箱了, not 放烟花炸伤了手)
_PUT = re.compile(r"放$")
_PLACE_AFTER = re.compile(r"(?:里|中|内|上)|了(?=$|[，,。；;！!？?\n ])")

# Goods the narrator clears in the same clause (奶瓶没问题, 阿胶经检测未见异常): not the harmful goods.
_CLEARED = re.compile(r"[^，,。；;！!？?\n]{0,8}?(?:没(?:有)?(?:问题|事)|无问题|没毛病|(?:未见|没有|无)异常|(?:是)?正常的?(?=[，,。；;！!\n]|$)|是好的)")

# A food word that names the appliance or tableware made for it (辅食机, 豆浆机, 煮蛋器, 辅食碗): goods of 5271/5272/5235, not food.
# Likewise a food plant's seedling or seed (葡萄苗, 番茄种子): nursery stock of 5299, not food.
_APPLIANCE = re.compile(r"(?:机(?!构|场|会)|器(?!官|械)|炉|锅(?!底|包)|模具|碗(?![里中内])|勺|筷|苗(?!条)|种子|树苗|秧)")

# A shop's name says what it usually sells, not what was sold here (明眸眼镜店 selling 隐形眼镜): context only.
_SHOP = re.compile(r"(?:用品)?(?:店|铺|行|馆|城|专卖|专营|旗舰店)")

# Goods a person ate or drank (食用后, 喝了, 给宝宝喂): food or a drug, whatever the shop's name says; an animal's
# eating (猫吃了) is not counted here (pet food is other_goods under 5297). Used against a shop-name reading (K13).
_INGESTED = re.compile(r"(?<![猫狗犬鸟鱼兔])(?:食用|饮用|服用|吃了|吃完|吃后|吃下|喝了|喝完|喝后|冲调|冲泡|冲了|泡了|喂(?:了|给)?(?:宝宝|孩子|女儿|儿子|婴儿|小孩))")
_EDIBLE = frozenset({"food", "catering", "drug"})

_PACKAGE_CODE = "7291 (包价旅游)"
# The thing a damage verb acted on (弄脏了我家的实木地板, 打碎了花瓶): the harm's object, not the goods sold (K13).
_DAMAGE_VERBS = "弄坏|弄脏|弄丢|弄断|弄裂|弄湿|打碎|打坏|摔坏|摔碎|砸坏|砸碎|刮花|划花|烧坏|烧毁|泡坏|撞坏|碰坏|损坏"
_DAMAGED_BY = re.compile(rf"(?:{_DAMAGE_VERBS})"
                         r"(?:了)?(?:我|我们|我家|家里|原告|客户|邻居)?(?:家)?(?:的)?(?:[^，,。；;！!？?\n买购订]{0,4})$")
_BA = re.compile(r"把(?:我|我们|我家|家里|原告|客户|邻居)?(?:家)?(?:的)?[^，,。；;！!？?\n把买购订]{0,4}$")
_DAMAGE_AFTER = re.compile(r"[^，,。；;！!？?\n]{0,3}?(?:全|都|给)?" rf"(?:{_DAMAGE_VERBS}|熏黑)")
_COOKED = re.compile(r"(?:做|煮|打|烤|炖|蒸|榨|熬|煎|炸|热)(?:了|的|个|点|些)?$")
_HOME = re.compile(r"装修|新房|新家|乔迁|搬进|搬入|甲醛")
_CARE_ACTS = re.compile(r"(?:的)?(?:医生|大夫|师傅|兽医)?(?:说|讲|诊断|确诊|查出|检查|化验|拆|看了?|住了|治|抢救|给|开|输液|打针|做了|处理)")

# A service and the goods it used or damaged: the service is what was sold (旅馆的热水器, 保洁弄坏的柜子).
SERVICES = frozenset({"lodging", "other_service", "transport", "catering"})


@dataclass(frozen=True)
class GoodsClass:
    """One class of the classification: its code, heading, source, category, description and compiled cues."""

    code: str
    name: str
    source: str
    category: str
    description: str
    cues: re.Pattern[str] | None
    context: re.Pattern[str] | None = None
    contested: bool = False
    requires: re.Pattern[str] | None = None  # the cues name the goods only beside one of these words
    absorbs: frozenset[str] = frozenset()  # categories whose cues name this class's goods too (预制菜 absorbs a dish)
    resolved_by: tuple[tuple[str, re.Pattern[str]], ...] = ()  # a contested class: the registration stated decides
    suffix: bool = False  # a dosage form: after a named product (阿莫西林胶囊) it is part of that name
    care: bool = False  # a place of treatment (宠物医院): named after the harm it is the care sought, not what was sold
    law: str = ""  # a contested class: the provision that makes its category turn on an unstated fact (K19)
    question: str = ""  # a contested class: what to ask when the text does not state it ({goods}: the words named)


@dataclass
class CategoryReading:
    """The category read from a narrative, or why not: the competing hits and the question to ask."""

    hit: Hit | None = None
    confidence: float = 0.0
    goods_class: GoodsClass | None = None
    competing: list[Hit] = field(default_factory=list)
    question: str | None = None
    source: str = ""  # which step decided (single, dominant, cleared, harm_sentence, registration …): for measuring


def _alt(words: list[str] | None) -> re.Pattern[str] | None:
    return re.compile("|".join(f"(?:{w})" for w in words)) if words else None


@lru_cache(maxsize=1)
def load_classes(path: Path = DATA) -> tuple[tuple[GoodsClass, ...], tuple[str, ...]]:
    """The classes of ``goods_classes.yaml`` (cues compiled) and the category tie-break order."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    classes = tuple(GoodsClass(code=str(c["code"]), name=c["name"], source=c["source"], category=c["category"],
                               description=c["description"], cues=_alt(c.get("cues")), context=_alt(c.get("context")),
                               contested=bool(c.get("contested", False)), requires=_alt(c.get("requires")),
                               absorbs=frozenset(c.get("absorbs") or ()), care=bool(c.get("care", False)),
                               suffix=bool(c.get("suffix", False)), law=str(c.get("law") or ""),
                               question=str(c.get("question") or ""),
                               resolved_by=tuple((cat, re.compile(rx)) for cat, rx in (c.get("resolved_by") or {}).items()))
                    for c in data["classes"])
    return classes, tuple(data["category_order"])


@dataclass(frozen=True)
class _ClassHit:
    cls: GoodsClass
    start: int
    end: int
    strong: bool


def _kept_in(text: str, start: int, end: int) -> bool:
    """True when the goods at ``start:end`` are named as where something was kept (放冰箱了, 存在柜子里)."""
    if _KEPT_IN.search(text, max(0, start - 7), start):
        return True
    return bool(_PUT.search(text, max(0, start - 1), start)) and bool(_PLACE_AFTER.match(text, end))


@lru_cache(maxsize=1)
def _plan() -> tuple[tuple[GoodsClass, re.Pattern[str], bool, frozenset[str] | None], ...]:
    """Each class pattern with the characters one of which its every match needs (cue_scan.required_chars)."""
    classes, _ = load_classes()
    return tuple((c, rx, strong, required_chars(rx)) for c in classes
                 for rx, strong in ((c.cues, True), (c.context, False)) if rx is not None)


# A good or service named as a cost (酒店费用, 门票钱, 机票差价): what was paid for, weak evidence of what was sold (K13).
_COST = re.compile(r"(?:的)?(?:费用|费|钱|开销|差价|押金)")


def raw_hits(text: str, gate: bool = True) -> list[_ClassHit]:
    """Every class's cue matches; ``gate`` skips a class none of whose needed characters is in the text (same hits)."""
    chars = set(text)
    return [_ClassHit(c, m.start(), m.end(), strong and not _SHOP.match(text, m.end()) and not _COST.match(text, m.end()))
            for c, rx, strong, needed in _plan() if not gate or needed is None or not chars.isdisjoint(needed)
            for m in rx.finditer(text) if m.end() > m.start() and not _kept_in(text, m.start(), m.end())]


# The consumer's own trade or workplace (我是开饭店的, 我在超市上班, 原告为其经营的民宿购买, 给店里买): where the buyer
# works, not what was sold to them (K9).
_OWN_TRADE = re.compile(r"(?:我|本人|原告|客户|当事人)(?:是|系)(?:开|做|经营|干)[^，,。；;！!？?\n]{1,8}?的"
                        r"|(?:我|本人|原告|客户|当事人|老公|老婆|爱人)(?:平时)?在[^，,。；;！!？?\n]{1,8}?(?:上班|工作|打工|实习|当)"
                        r"|(?:为|给)(?:其|我|我们|自己|自家)?(?:经营|开)的[^，,。；;！!？?\n]{1,8}|给(?:店里|饭店|餐馆|民宿|酒店)"
                        r"|\b(?:for|at|in) (?:her|his|my|their|our) (?:own )?(?:restaurant|shop|store|hotel|homestay|salon|clinic|office|work)\b", re.I)


# A beauty or dental word named as a procedure someone did to the consumer (冷光美白，做完牙齿酸; 祛斑疗程): the
# service of GB/T 4754-2017 8040 (美容服务) or Q84, not cosmetics or a device sold to be used at home (K13).
_DONE_AFTER = re.compile(r"(?:项目|疗程|护理(?!液|霜|品)|[^。；;！!？?\n]{0,3}?[，,\s](?:做完|做好|做了(?:以后|之后)|做的时候|做到一半))")
_PROCEDURE_OF = frozenset({"cosmetics", "medical_device"})


def _as_procedure(h: _ClassHit, text: str) -> _ClassHit:
    """The hit re-read as a service when its words name a procedure done (``_DONE_AFTER``), else the hit."""
    if h.cls.category in _PROCEDURE_OF and _DONE_AFTER.match(text, h.end):
        cls = replace(h.cls, category="other_service", code="8040 (项目)", name="理发及美容服务 (做的项目)",
                      contested=False, absorbs=frozenset())
        return _ClassHit(cls, h.start, h.end, h.strong)
    return h


# A drink or dish word with a packaged form after it (奶茶粉, 螺蛳粉包, 酸辣粉礼盒): packaged food of F5229, not a
# meal cooked to order (H62) (K13).
_PACKAGED_AFTER = re.compile(r"粉(?!丝|条|店|馆)|料包|包(?![装子括间])|冲剂|速溶|礼盒|袋装|罐装|盒装|瓶装|方便装")
# Goods named as rented or borrowed (租的充电宝, 借了一台相机): L71 rental, not a sale — the contested class (K13).
_RENTED_BEFORE = re.compile(r"(?:租|借)(?:的|了|来的|用的?|来)(?:一?[台辆个套件部把顶只])?$")
_RENTAL_CODE = "7111/7121/7129"


# A service's word with a tool after it (理发器, 按摩仪, 美甲灯): the tool, goods of 5279/5239, not the service (K13).
_TOOL = re.compile(r"器(?!官|械|材)|机(?!构|场|会|关)|仪|灯|剪|刀|梳|套装|工具|贴(?!心)")
_GOODS_CODE = "5235/5239"


@lru_cache(maxsize=4)
def _class_of(code: str) -> GoodsClass:
    """The class of ``goods_classes.yaml`` with this code."""
    return next(c for c in load_classes()[0] if c.code == code)


def _as_goods(h: _ClassHit, name: str) -> _ClassHit:
    """The hit re-read as goods of 5235/5239 (an appliance, a tool, tableware or a seedling named after its use)."""
    base = _class_of(_GOODS_CODE)
    cls = replace(base, code=f"{_GOODS_CODE} ({name})", name=f"{base.name.split(' (')[0]} ({name})")
    return _ClassHit(cls, h.start, h.end, h.strong)


def _reread(h: _ClassHit, text: str) -> _ClassHit:
    """The hit re-read by the words around it: a procedure done, a packaged drink or dish, goods rented, a tool (K13)."""
    if h.cls.category in ("food", "catering") and _APPLIANCE.match(text, h.end):
        return _as_goods(h, "器具")  # 辅食机, 豆浆机, 辅食碗, 葡萄苗: the appliance, tableware or seedling
    if h.cls.category == "other_service" and _TOOL.match(text, h.end):
        return _as_goods(h, "工具")  # 理发器, 按摩仪: the tool bought, not the service
    h = _as_procedure(h, text)
    if h.cls.category == "food" and not h.cls.contested and ordered_to_cook(text, h.start, h.end):
        cls = replace(h.cls, category="catering", code="624 (外卖点单)", name="餐饮配送及外卖送餐服务 (外卖点的食品)",
                      requires=None, absorbs=frozenset())
        return _ClassHit(cls, h.start, h.end, h.strong)  # 外卖平台…点了两份冰淇淋: a dish made to order (K17)
    if h.cls.category == "catering" and _PACKAGED_AFTER.match(text, h.end):
        cls = replace(h.cls, category="food", code="5229 (预包装)", name="其他食品零售 (预包装的饮品、菜品)",
                      requires=None, absorbs=frozenset())
        return _ClassHit(cls, h.start, h.end, h.strong)
    if h.cls.category in ("other_goods", "medical_device") and not h.cls.contested \
            and _RENTED_BEFORE.search(text, max(0, h.start - 6), h.start):
        return _ClassHit(_class_of(_RENTAL_CODE), h.start, h.end, h.strong)
    return h


def _class_hits(text: str) -> list[_ClassHit]:
    trade = [(m.start(), m.end()) for m in _OWN_TRADE.finditer(text)]
    hits = [_reread(h, text) for h in raw_hits(text) if not any(s <= h.start < e for s, e in trade)]
    # a hit strictly inside a longer hit of another category says nothing of its own (眼镜 in 隐形眼镜)
    # — unless its class absorbs that category (预制菜 inside 订了预制菜: packaged food, not a meal)
    # 阿莫西林|胶囊: one name. Only after a drug's name (K13): after a food's name (益生菌滴剂, 鱼油胶囊) the dosage
    # form says 保健食品 or drug, which only a stated registration decides — it stays, and competes.
    named_ends = {h.end for h in hits if h.strong and not h.cls.suffix and h.cls.category == "drug"}
    hits = [h for h in hits if not (h.cls.suffix and h.start in named_ends)]
    return [h for h in hits if not any(o.cls.category != h.cls.category and o.start <= h.start and h.end <= o.end
                                       and o.end - o.start > h.end - h.start and o.cls.category not in h.cls.absorbs
                                       and o.strong >= h.strong for o in hits)]  # context never hides a name


# What the consumer bought (购买电热饭盒一个, 在你们店买的净水器, 订了一间民宿): the object of the purchase verb, up to
# the clause's end. It decides between goods and a service both named (K9): goods bought, then installed by a worker
# (安装师傅) or used on food (加热饭菜), are what was sold; a service bought (订了酒店) still absorbs the goods it used.
_BOUGHT = re.compile(r"(?:标的[：:]|商品[：:]|购买|购得|买了|买的|买到|买回|订购|订了|订的|网购|购入|选购|拍下|拍了|租了|租的|团购|预约了?|下单(?:了)?"
                     r"|报了?(?:个|名)?(?=[^，,。；;]{0,6}团)|跟(?=团)|参加了?)(?:了|的)?"
                     r"[^，,。；;！!？?\n：:]{1,24}")


# A service engaged by its own verb (点了外卖, 叫了车, 住的酒店): bought too, so goods bought beside it do not win by
# the purchase verb alone (点了外卖，还买了胃药，吃完外卖胃疼: the harm's sentence decides, or it is asked).
_ENGAGED = re.compile(r"(?:点|订|叫|坐|住|约|报|吃|打)(?:了|的|过)?(?:个|一份|一个|一家|一辆|一间)?$")
_SERVICE_ON_GOODS = re.compile(r"搬运|搬家|运送|托运|货运|寄送|维修|修理|清洗|安装|保养|回收|上门|代买|代购|跑腿")


def _bought(text: str, pool: list[_ClassHit]) -> list[set[str]]:
    """Per purchase verb, the categories of the hits that stand in its object (empty objects left out)."""
    # an object that is a service done to goods (下单搬运家具, 预约维修热水器) names no goods bought
    spans = [(m.start(), m.end()) for m in _BOUGHT.finditer(text) if not _SERVICE_ON_GOODS.search(m.group())]
    found = [{h.cls.category for h in pool if s <= h.start < e} for s, e in spans]
    return [f for f in found if f]


def _key(h: _ClassHit) -> str:
    """The reading a hit stands for: its category, or for a contested class its category and code (K13).

    A contested class (牙膏, 兽药) does not merge with other goods of the same enum value: 电动牙刷 and 牙膏 are two
    goods that compete, and the contested one, if it is the harmful one, is asked — not answered as other_goods.
    """
    return f"{h.cls.category}?{h.cls.code}" if h.cls.contested else h.cls.category


def _base(key: str) -> str:
    return key.split("?", 1)[0]


def _dominant(categories: list[str], pool: list[_ClassHit] = (), objects: list[set[str]] = ()) -> list[str]:
    """Readings left once a service absorbs the goods it used, and catering the ingredients of its dishes.

    A class that absorbs a category (预制菜 absorbs the dish it is made of) wins over it first. Goods named as
    what was bought, beside a service or a dish that was not, are not absorbed: the service came with them.
    ``categories`` are reading keys (``_key``): a contested class is absorbed or kept as its category would be.
    """
    absorbed = {a for h in pool for a in h.cls.absorbs}
    categories = [c for c in categories if _base(c) not in absorbed]
    present = {_base(c) for c in categories}
    bought = set().union(*objects) if objects else set()
    if bought and not (bought & (SERVICES | {"food"})) and bought & present:
        return [c for c in categories if _base(c) in bought]  # 购买电热饭盒 … 加热饭菜: the goods bought, not the food heated
    if any("other_goods" in o and not o & SERVICES for o in objects) and any(o & SERVICES for o in objects):
        # 跟团 … 买的玉镯: a service and goods bought apart compete (预约空调清洗: the service acts on the goods)
        return [c for c in categories if _base(c) in bought]
    left = [c for c in categories if not (_base(c) == "other_goods" and SERVICES & present)]
    return [c for c in left if not (_base(c) == "food" and "catering" in {_base(k) for k in left})]


# Someone's say-so about what a product is (说是保健品, 号称药品) is a claim, not its registration.
_SAY_SO = re.compile(r"(?:说|称|号称|宣称|声称|自称|说是|称是|宣传(?:是|为|成)?)(?:这|它|其)?(?:是|为)?$")


def _registration(pool: list[_ClassHit], text: str) -> str | None:
    """The category a contested class's stated registration gives (包装上写着保健食品 → food), if exactly one."""
    said = {cat for h in pool if h.cls.contested for cat, rx in h.cls.resolved_by
            for m in rx.finditer(text) if not _SAY_SO.search(text, max(0, m.start() - 5), m.start())}
    return said.pop() if len(said) == 1 else None


# A registration number or class stated for the goods decides its category whatever its common name says
# (“械字号”修复面膜: a device, not cosmetics; 包装上有蓝帽子: a health food). Only the marks a product carries —
# 《医疗器械监督管理条例》(2021) 第十三条, 《药品管理法》(2019) 第二十四条, 《食品安全法》(2021) 第七十六条,
# 《化妆品监督管理条例》(2020) 第十七条 — not a licence of the seller (无医疗器械经营许可) (K13).
_STATED = (("medical_device", re.compile(r"械字号|械备|国械注[准进许]|第?[一二三Ⅱ]类医疗器械(?![^，,。；;]{0,2}(?:经营|生产|许可|备案凭证|资质))")),
           ("drug", re.compile(r"国药准字")),
           ("food", re.compile(r"卫食健字|国食健|蓝帽子")),
           ("cosmetics", re.compile(r"妆字号|国妆[特备]字|特殊化妆品")))
_STATED_ANY = re.compile(r"字号|准字|健字|械备|国械|医疗器械|蓝帽子|国食健|国妆")
_GOODS = frozenset({"cosmetics", "medical_device", "drug", "food", "other_goods"})


def _stated_registration(pool: list[_ClassHit], text: str) -> list[_ClassHit]:
    """The pool with each product re-classed by a registration mark stated for it in its sentence (``_STATED``)."""
    if not _STATED_ANY.search(text):
        return pool
    out = list(pool)
    for category, rx in _STATED:
        for m in rx.finditer(text):
            if _SAY_SO.search(text, max(0, m.start() - 5), m.start()):
                continue
            s0 = sentence_start(text, m.start())
            same = [i for i, h in enumerate(out) if h.cls.category in _GOODS and sentence_start(text, h.start) == s0
                    and not (h.start <= m.start() < h.end)]
            before = [i for i in same if out[i].start < m.start()]
            pick = max(before, key=lambda i: out[i].start) if before else (min(same, key=lambda i: out[i].start)
                                                                          if same else None)
            if pick is not None and out[pick].cls.category != category:
                h = out[pick]
                out[pick] = _ClassHit(replace(h.cls, category=category, contested=False), h.start, h.end, h.strong)
    return out


def _unsold(pool: list[_ClassHit], text: str) -> list[_ClassHit]:
    """Hits whose class needs a word of how it was sold (a dish: 外卖, 点的) that the text does not have."""
    return [h for h in pool if h.cls.requires is not None and not h.cls.requires.search(text)]


def _attached(text: str, harm: Hit, pool: list[_ClassHit]) -> str | None:
    """The one reading named in the harm's clause or, if none, in the nearest clause before it in its sentence.

    保温杯用了一次就漏了，烫到了孩子的手: the harm attaches to what the clause before it used (K13); a clause that
    names two readings decides nothing.
    """
    s0, end = sentence_start(text, harm.start), clause_end(text, harm.end)
    start = clause_start(text, harm.start)
    while start >= s0:
        inside = {_key(h) for h in pool if start <= h.start < end}
        if inside:
            return inside.pop() if len(inside) == 1 else None
        if start == 0 or start <= s0:
            return None
        end = start - 1
        start = clause_start(text, end)
    return None


def _label(h: _ClassHit, text: str) -> str:
    return f"「{text[h.start:h.end]}」（{h.cls.name.split(' (')[0]}）"


def _contested_question(h: _ClassHit, text: str) -> str:
    """The class's own question (K19: what the law makes its category turn on), else the general one."""
    if h.cls.question:
        return f"{_label(h, text)}在本法下的类别有争议：" + h.cls.question.replace("{goods}", f"「{text[h.start:h.end]}」")
    return f"{_label(h, text)}在本法下的类别有争议：请确认购买的是什么商品或服务。"


def category_reading(text: str, harm: Hit | None = None) -> CategoryReading:
    """The category of the harmful goods in ``text``, or unknown with the competing hits and a question."""
    text = blank_treatment(text)
    hits = _class_hits(text)
    if harm is not None:  # 猫吐了，送去宠物医院: the care sought after the harm, not the service that did it
        hits = [h for h in hits if not (h.cls.care and h.start >= harm.start)]
        # time order (K9): what was sold is named before the harm; goods or services named only after it, in a
        # later clause, are its remedy or its cost (扭伤，去诊所贴了膏药; 请开锁公司破拆; 诊断为农药中毒)
        before = {h.cls.category for h in hits if h.start < harm.start}
        if before:
            # (a later clause: a word of the harm's own clause is not its remedy — 购买…维修服务 names the service
            # bought even where the harm's cue, 维修, falls inside it (K13))
            harm_clause = clause_end(text, harm.end)
            hits = [h for h in hits if h.start < harm_clause or h.cls.category in before or h.cls.contested]
        # time order (K17): a clause after the harm's that spends money without buying (来回路费和住宿又花了一千多,
        # 打车去医院花了两百) names a cost the harm caused, not what was sold
        if spends_after(text, harm.end):
            hits = [h for h in hits if not spent_after(text, h.start, h.end, harm.end)]
    # … and wherever the harm's cue falls, a place of care that speaks or treats (宠物医院说是肾衰, 修理厂师傅拆下来)
    # after other goods were named is the care sought, not what was sold (K13)
    hits = [h for h in hits if not (h.cls.care and _CARE_ACTS.match(text, h.end)
                                    and any(o.start < h.start and not o.cls.care for o in hits))]
    damaged = [h for h in hits if _DAMAGED_BY.search(text, max(0, h.start - 14), h.start)
               or (_BA.search(text, max(0, h.start - 8), h.start) and _DAMAGE_AFTER.match(text, h.end))]
    if damaged:  # the thing damaged is not what was sold (unless named undamaged too): alone, it says nothing
        named = {_key(h) for h in hits if h not in damaged}
        hits = [h for h in hits if h not in damaged or _key(h) in named]
    if _HOME.search(text):  # 装修后入住: moving into one's own home, not a stay sold (K13)
        hits = [h for h in hits if h.strong or h.cls.category != "lodging"]
    pool = [h for h in hits if h.strong] or hits
    if not pool:
        return CategoryReading()
    if harm is None and (wish := NO_DEAL.search(text)):
        # no harm and no goods delivered (求推荐扫地机器人, 订的咖啡机还没发货): a wish or a pending order, not the
        # goods that did harm — asked, not answered (K17)
        first_hit = min(pool, key=lambda h: h.start)
        return CategoryReading(competing=[Hit(first_hit.cls.category, first_hit.start, first_hit.end)],
                               question=f"叙述说「{wish.group()}」，没有说商品已交付或造成损害："
                                        "是否已购买并受到损害？造成损害的是什么商品或服务？")
    # goods inside a contested name are that name (共享充电宝 holds 充电宝, 酒店早餐 holds 酒店): the contested class speaks for them,
    # before a stated registration or deal re-classes it (K19)
    pool = [h for h in pool if h.cls.contested or not any(
        o.cls.contested and o.start <= h.start and h.end <= o.end and o.end - o.start > h.end - h.start for o in pool)]
    registered = _registration(pool, text)
    if registered is not None:  # the narrative states the registration of a contested product: it decides
        pool = [_ClassHit(replace(h.cls, category=registered, contested=False), h.start, h.end, h.strong)
                if h.cls.contested else h for h in pool]
    pool = _stated_registration(pool, text)
    if any(h.cls.code.endswith("(器具)") for h in pool):  # 冰淇淋机 … 给孩子做冰淇淋: what the appliance made (K13)
        pool = [h for h in pool if not (h.cls.category in ("food", "catering")
                                        and _COOKED.search(text, max(0, h.start - 3), h.start))]
    unsold = _unsold(pool, text)
    first: dict[str, _ClassHit] = {}
    for h in sorted(pool, key=lambda h: h.start):
        first.setdefault(_key(h), h)
    objects = _bought(text, pool)
    engaged = {h.cls.category for h in pool if _ENGAGED.search(text, max(0, h.start - 4), h.start)}
    cats = _dominant(list(first), pool, [] if engaged - set().union(set(), *objects) else objects)
    confidence = SURE if all(h.strong for h in pool) else WEAK
    source = ("registration" if registered else "") + ("weak" if confidence == WEAK else "") + (
        "dominant" if len(first) > 1 else "single")
    if len(cats) > 1:  # goods the narrator clears (奶瓶没问题, 仅钙片有问题 names the other) are not the harmful ones
        kept = [c for c in cats if not any(_CLEARED.match(text, o.end) for o in pool if _key(o) == c)]
        if 0 < len(kept) < len(cats):
            cats, source = kept, "cleared"
    package = any(h.cls.code == _PACKAGE_CODE for h in pool)  # a tour and the bus or hotel it includes: asked
    if len(cats) > 1 and harm is not None and not package and not any("?" in c or any(
            h.cls.contested and h.cls.category == c for h in pool) for c in cats):
        # (a contested class among them — 整租 beside 入住 — may name the same thing: asked, not decided by place)
        # two goods compete: the harmful one is the one named in the sentence of the harm
        s0 = sentence_start(text, harm.start)
        near = [c for c in cats if any(_key(h) == c and sentence_start(text, h.start) == s0 for h in pool)]
        if len(near) == 1:
            cats, confidence, source = near, WEAK, "harm_sentence"
        elif all(_base(c) in _GOODS for c in cats):
            # two goods in the harm's sentence: the clause of the harm, else the nearest clause before it that names
            # goods (not between a service and what it used or cooked: its act, not the clause, says which harmed)
            attached = _attached(text, harm, [h for h in pool if _key(h) in cats])
            if attached is not None:
                cats, confidence, source = [attached], WEAK, "harm_clause"
    if len(cats) > 1:
        competing = [first[c] for c in cats]
        disputed = [h for h in competing if h.cls.contested]
        return CategoryReading(competing=[Hit(h.cls.category, h.start, h.end) for h in competing],
                               question="叙述中提到了" + "、".join(_label(h, text) for h in competing)
                               + "：造成损害的是哪一种商品或服务？"
                               + (f"（其中{'、'.join(_label(h, text) for h in disputed)}在本法下的类别有争议："
                                  + "".join(h.cls.question.replace("{goods}", f"「{text[h.start:h.end]}」")
                                            for h in disputed if h.cls.question) + "）"
                                  if disputed else ""))
    chosen = first[cats[0]]
    same = [h for h in pool if _key(h) == cats[0]]
    contested = next((h for h in same if h.cls.contested and (h is chosen or any(
        h.start <= o.start and o.end <= h.end for o in same if o is not h))), None)
    if contested is not None:  # the contested class names these goods (共享充电宝 holds 充电宝)
        return CategoryReading(competing=[Hit(contested.cls.category, contested.start, contested.end)],
                               question=_contested_question(contested, text))
    if all(not h.strong for h in same) and chosen.cls.category not in _EDIBLE and (eaten := _INGESTED.search(text)):
        # only a shop's name or a context word (母婴店, 宠物店) says what was sold, and the text says it was eaten:
        # the shop sells food too (婴儿米糊 from a 母婴店), so its name does not decide (K13)
        return CategoryReading(competing=[Hit(chosen.cls.category, chosen.start, chosen.end)],
                               question=f"叙述只从{_label(chosen, text)}看出类别，但又说「{eaten.group()}」："
                                        "购买的是食品、药品，还是其他商品？")
    if all(generic_only(text, h.start, h.end) for h in same):  # only 医用, only a package (婚纱照套餐): asked (K17)
        return CategoryReading(competing=[Hit(chosen.cls.category, chosen.start, chosen.end)],
                               question=f"叙述只从泛称{_label(chosen, text)}看出类别：购买的具体是什么商品或服务？")
    if chosen.cls.category == "other_service" and installed_gave_way(text, chosen.start, chosen.end):
        return CategoryReading(competing=[Hit(chosen.cls.category, chosen.start, chosen.end)],  # whose fault (K17)
                               question=f"{_label(chosen, text)}：造成损害的是所安装的商品本身，还是安装服务？"
                                        "（商品由谁提供？）")
    if all(h in unsold for h in same):  # only a dish's name, nothing says it was a meal cooked to order
        return CategoryReading(competing=[Hit(chosen.cls.category, chosen.start, chosen.end)],
                               question=f"{_label(chosen, text)}是餐馆现做的饭菜（外卖、堂食），还是网购的预包装食品？")
    return CategoryReading(Hit(chosen.cls.category, chosen.start, chosen.end), confidence, chosen.cls, source=source)


def category_hit(text: str) -> Hit | None:
    """The category of what was sold, or None when no cue names it or two readings compete."""
    return category_reading(text).hit
