"""The legal lexicon: what was sold (``category``), as ordered word lists.

Order matters: the most specific category wins when a narrative names several (在外卖平台买了药 is a drug
case; 酒店 beats 餐饮 only when nothing more specific is named). Each entry is a regex alternative; the
exclusions keep words that merely contain a cue (农药, 火药, 食品经营许可证) from triggering it.

Costs are harm evidence, not goods (issue 14): 医药费, 开了药, 药费 say the consumer was treated, not that a
drug was sold, so they are blanked out before the category is read. The everyday-goods list follows the
headings of the 《商品名称及编码协调制度》/ GB/T 4754 groups a consumer meets (household appliances, kitchen
ware, baby and children's goods, phones and electronics, clothing and shoes, furniture and bedding, personal
care, vehicles and parts, pet and farm supplies), not the example texts.
"""

from __future__ import annotations

import re

from assistant.triage.extract.text import Hit

# Treatment and cost words that contain a drug cue: 医药费, 药费, 开(了)(点)药, 配药, 拿药, 上药, 换药, 敷药.
_TREATMENT = re.compile(r"医药费|医疗费|药费|开了?(?:些|点|一些)?药|配了?药|拿了?药|上药|换药|敷药|药物治疗|打针吃药|停了?药|断了?药|按时吃药|停服[^，,。]{0,4}药|药停了|把药停|(?:替代|代替|取代)[^，,。]{0,4}药|停用[^，,。]{0,4}药|"
                        r"药品经营|药品许可|药店许可|药品监督|药监|不良反应")

_APPLIANCES = (r"家电|电器|热水器|电热毯|取暖器|电暖器|暖风机|空调|冰箱|洗衣机|烘干机|洗碗机|电饭煲|电饭锅|高压锅|压力锅|电压力锅"
               r"|电水壶|热水壶|烧水壶|电热水壶|空气炸锅|微波炉|烤箱|电磁炉|破壁机|榨汁机|料理机|豆浆机|咖啡机|吹风机|电吹风"
               r"|卷发棒|直板夹|剃须刀|电动牙刷|牙刷头|冲牙器|扫地机器人|吸尘器|空气净化器|加湿器|除湿机|净水器|饮水机|电风扇|风扇"
               r"|台灯|灯具|吊灯|插座|插线板|排插|充电宝|充电器|数据线|电池|电热饭盒|暖手宝|暖宝宝|热水袋|电热水袋|晾衣架|按摩椅"
               r"|按摩仪|跑步机|健身器材|电子烟|蓝牙耳机|耳机|音箱|电话手表|智能手表|手表|燃气灶|煤气罐|热水壶|保温杯|铁锅|炒锅|锅具")
_BABY = (r"奶瓶|奶嘴|婴儿床|婴儿车|婴儿推车|推车|学步车|安全座椅|儿童座椅|背带|纸尿裤|尿不湿|玩具|积木|游泳圈|滑板车"
         r"|儿童自行车|摇椅|餐椅|口水巾|母婴|湿巾|纸巾|洗衣液|卫生巾")
_ELECTRONICS = r"手机|iPhone|苹果手机|翻新机|监管机|电脑|笔记本|平板|相机|路由器|显示器|键盘|鼠标"
_WEAR = (r"衣服|服装|羽绒服|大衣|外套|裤子|裙子|鞋|靴|袜|包包|背包|行李箱|首饰|项链|戒指|眼镜|头盔|护膝|帽子|围巾|内衣")
_HOME = (r"家具|床垫|沙发|柜子|橱柜|桌子|椅子|被子|枕头|毛毯|床单|四件套|窗帘|地毯|瑜伽垫|涂料|油漆|地板|瓷砖"
         r"|烟花|鞭炮|打火机|化纤|鲜花|花束|绿植|猫砂|狗粮|猫粮|宠物|饲料|种子|化肥|农具|自行车|电动车|电瓶车|电动自行车|轮胎|汽车")

# (category, cue regex). Checked in this order; the first category with a cue wins.
CATEGORY_CUES: tuple[tuple[str, str], ...] = (
    ("medical_device", r"医疗器械|血糖仪|血压计|血氧仪|体温计|额温枪|口罩|呼吸机|制氧机|助听器|隐形眼镜|美瞳|护理液|理疗仪"
                       r"|胰岛素笔|雾化器|降压仪|降糖仪|治疗仪|轮椅|拐杖|试纸|避孕套|注射器|针头|医用"),
    ("drug", r"药品|处方药|非处方药|处方|中成药|西药|中药(?!材店)|药片|药丸|胶囊|冲剂|颗粒剂|口服液|感冒灵|布洛芬|眼药水|降压药"
             r"|阿莫西林|头孢|退烧药|止痛药|减肥药|止咳糖浆|感冒药|(?<![农火炸芍弹虫兽物])药(?![店房材监品妆])|药店|药房|网上药店|买药"),
    ("cosmetics", r"化妆品|面霜|(?<!进)口红|唇膏|粉底|面膜|护肤品|精华液|精华|眼霜|美白霜|防晒霜|染发剂|染发膏|洗发水|祛斑霜|祛痘膏|乳液"
                  r"|爽肤水|香水|彩妆|卸妆|甲油胶|指甲油"),
    ("transport", r"网约车|顺风车|打车|出租车|快车|专车|拼车|代驾|滴滴|司机|包车|驾驶员|出行平台"),
    ("lodging", r"酒店|民宿|宾馆|旅馆|客栈|住宿|入住|房间里|酒店房间|公寓式酒店|短租|租住"),
    ("catering", r"外卖|餐饮|点餐|订餐|奶茶|饭店|餐厅|餐馆|饭馆|快餐|麻辣烫|麻辣香锅|炸鸡|烧烤|火锅|盒饭|便当|小龙虾|寿司|汉堡"
                 r"|披萨|米线|螺蛳粉|酸辣粉|凉皮|咖啡|酸菜鱼|烤鱼|烤串|炒饭|炒面|饺子|沙拉|凉拌菜|团购.{0,6}套餐"
                 r"|[点订](?:了|的)?.{0,6}(?:饭|餐|菜|粉|面|汤|粥)"),
    ("food", r"零食|保健食品|保健品|奶粉|配方奶|月饼|蛋糕|饼干|坚果|牛肉干|水果|车厘子|生鲜|蜂蜜|白酒|红酒|茶叶|食用油|大米|罐头"
             r"|速冻|海鲜|海参|虾仁|牛排|牛肉|羊肉|猪肉|腊肠|腊肉|肉松|辣条|酸奶|牛奶|果汁|饮料|矿泉水|香肠|粽子|巧克力|糖果|燕窝"
             r"|阿胶|蛋白粉|螃蟹|大闸蟹|鸡蛋|韭菜|蔬菜|榴莲|芒果|草莓|荔枝|西瓜|橙子|葡萄(?!酒)|营养品|代餐|辅食|米粉|鱼油|糕点|年货|(?<!奶)茶(?!叶店|几|杯)|辣椒酱|[果肉豆辣]酱|调味品|调料|酒类"
             r"|酒水|啤酒|葡萄酒|洋酒|保健酒|茅台|五粮液|食品(?!经营|安全|许可|生产|药品|级)"),
    ("other_service", r"家政|保洁|维修|上门服务|培训|健身|美容院|美甲|医美|旅游|跟团|旅行团|导游|家教|搬家|开锁|按摩店|按摩服务"
                      r"|游乐|卡丁车|月嫂|育儿嫂|护工|养老院|托管|滑雪场|教练|跑腿|寄养|清洗|保养"
                      r"|上门(?:清洗|维修|保洁|按摩|美甲|做饭|服务)|年卡|会员卡|健身卡|游泳馆|健身房"),
    ("other_goods", "|".join((_APPLIANCES, _BABY, _ELECTRONICS, _WEAR, _HOME))),
)

_COMPILED = tuple((cat, re.compile(rx)) for cat, rx in CATEGORY_CUES)


def _blank_treatment(text: str) -> str:
    """The text with treatment and cost words (医药费, 开了药) blanked out, offsets unchanged."""
    return _TREATMENT.sub(lambda m: "\u3000" * len(m.group()), text)


def category_hit(text: str) -> Hit | None:
    """The category of what was sold, by the first (most specific) category with a cue in ``text``."""
    text = _blank_treatment(text)
    for cat, rx in _COMPILED:
        m = rx.search(text)
        if m:
            return Hit(cat, m.start(), m.end())
    return None
