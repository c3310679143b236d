"""The legal lexicon: what was sold (``category``), as ordered word lists.

Order matters: the most specific category wins when a narrative names several (在外卖平台买了药 is a drug
case; 酒店 beats 餐饮 only when nothing more specific is named). Each entry is a regex alternative; the
exclusions keep words that merely contain a cue (农药, 火药, 食品经营许可证) from triggering it.
"""

from __future__ import annotations

import re

from assistant.triage.extract.text import Hit

# (category, cue regex). Checked in this order; the first category with a cue wins.
CATEGORY_CUES: tuple[tuple[str, str], ...] = (
    ("medical_device", r"医疗器械|血糖仪|血压计|血氧仪|体温计|额温枪|口罩|呼吸机|制氧机|助听器|隐形眼镜|美瞳|理疗仪"
                       r"|胰岛素笔|雾化器|轮椅|拐杖|试纸|避孕套|注射器|针头|医用"),
    ("drug", r"药品|处方药|非处方药|处方|中成药|西药|中药(?!材店)|药片|药丸|胶囊|冲剂|颗粒剂|口服液|感冒灵|布洛芬"
             r"|阿莫西林|头孢|退烧药|止痛药|减肥药|(?<![农火炸芍弹])药(?![店房材监品妆])|药店|药房|网上药店|买药"),
    ("cosmetics", r"化妆品|面霜|(?<!进)口红|唇膏|粉底|面膜|护肤品|精华液|精华|眼霜|美白霜|防晒霜|染发剂|洗发水|祛斑霜|乳液"
                  r"|爽肤水|香水|彩妆|卸妆"),
    ("transport", r"网约车|顺风车|打车|出租车|快车|专车|拼车|代驾|滴滴|司机|包车"),
    ("lodging", r"酒店|民宿|宾馆|旅馆|客栈|住宿|入住|房间里|酒店房间|公寓式酒店"),
    ("catering", r"外卖|餐饮|点餐|订餐|奶茶|饭店|餐厅|餐馆|饭馆|快餐|麻辣烫|炸鸡|烧烤|火锅|盒饭|便当|小龙虾|寿司|汉堡"
                 r"|披萨|米线|螺蛳粉|凉皮|咖啡|酸菜鱼|烤串|[点订](?:了|的)?.{0,6}(?:饭|餐|菜|粉|面|汤|粥)"),
    ("food", r"零食|保健食品|保健品|奶粉|月饼|蛋糕|饼干|坚果|牛肉干|水果|生鲜|蜂蜜|白酒|红酒|茶叶|食用油|大米|罐头"
             r"|速冻|海鲜|肉松|辣条|酸奶|牛奶|果汁|饮料|矿泉水|腊肉|香肠|粽子|巧克力|糖果|燕窝|阿胶|蛋白粉|营养品|代餐|(?<!奶)茶(?!叶店|几|杯)|辣椒酱|[果肉豆辣]酱|调味品|调料|酒类|酒水|啤酒|葡萄酒|洋酒|食品(?!经营|安全|许可|生产|药品)"),
    ("other_service", r"家政|保洁|维修|上门服务|培训|健身|美容院|美甲|医美|旅游|跟团|旅行团|家教|搬家|开锁|按摩店|游乐"),
    ("other_goods", r"衣服|服装|羽绒服|裤子|鞋|包包|手机|电脑|笔记本电脑|平板|耳机|充电宝|充电器|电动车|自行车|玩具"
                    r"|家电|电器|热水器|电热毯|取暖器|空调|冰箱|洗衣机|手表|首饰|家具|床垫|灯具|插座|电池|滑板车|婴儿车"
                    r"|儿童座椅|电饭煲|高压锅|吹风机|烟花|打火机|煤气罐|燃气灶|狗粮|猫粮|宠物|牙刷|热水袋|暖宝宝|台灯|风扇|加湿器|眼镜|背包|行李箱|化纤|毛毯|被子|枕头"),
)

_COMPILED = tuple((cat, re.compile(rx)) for cat, rx in CATEGORY_CUES)


def category_hit(text: str) -> Hit | None:
    """The category of what was sold, by the first (most specific) category with a cue in ``text``."""
    for cat, rx in _COMPILED:
        m = rx.search(text)
        if m:
            return Hit(cat, m.start(), m.end())
    return None
