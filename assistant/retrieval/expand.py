"""Lay-to-statute query expansion for BM25: consumers say 外卖, 卖家, 找不到; statutes say 网络餐饮服务,
平台内经营者, 真实名称、地址和有效联系方式. The dense encoder bridges some of this gap; BM25 needs the words.

Only the BM25 query is expanded (the dense query stays as typed). The table is deliberately small and
general — everyday words for the parties, goods and harms of platform-liability disputes — so it does not
memorise the eval set.
"""

from __future__ import annotations

# lay word (found anywhere in the query) → statute words appended to the BM25 query
LAY_TO_LEGAL: dict[str, tuple[str, ...]] = {
    "外卖": ("网络餐饮服务", "入网餐饮服务提供者", "食品"),
    "点餐": ("网络餐饮服务", "餐饮服务"),
    "卖家": ("平台内经营者", "销售者"),
    "商家": ("平台内经营者", "经营者"),
    "店家": ("平台内经营者", "经营者"),
    "网店": ("平台内经营者", "销售者"),
    "店铺": ("平台内经营者",),
    "老板": ("经营者",),
    "厂家": ("生产者",),
    "平台": ("电子商务平台经营者", "网络交易平台"),
    "网购": ("网络交易平台", "购买商品"),
    "网上": ("网络",),
    "赔": ("赔偿",),
    "索赔": ("赔偿",),
    "药": ("药品",),
    "找不到": ("真实名称", "地址", "有效联系方式"),
    "联系不上": ("真实名称", "地址", "有效联系方式"),
    "摔伤": ("人身损害", "安全保障义务"),
    "受伤": ("人身损害",),
    "伤": ("人身损害",),
    "电伤": ("人身损害", "缺陷"),
    "死": ("死亡",),
    "中毒": ("食品安全", "人身损害"),
    "吃坏": ("食用", "损害"),
    "拉肚子": ("食用", "损害"),
    "假货": ("欺诈", "以假充真"),
    "骗": ("欺诈",),
    "十倍": ("价款十倍", "惩罚性赔偿"),
    "退一赔三": ("欺诈", "增加赔偿", "三倍"),
    "直播": ("网络直播", "直播间运营者", "直播营销平台"),
    "主播": ("直播间运营者", "直播营销人员"),
    "差评": ("评价",),
    "酒店": ("宾馆", "经营场所"),
    "过期": ("保质期",),
    "厂": ("生产者",),
    "保姆": ("家政",),
    "不认账": ("承诺",),
    "资质": ("资质资格", "许可证"),
}


def expansion_terms(query: str) -> list[str]:
    """Statute words for the lay words found in ``query`` (matched as substrings: jieba cuts 找不到 into
    找/不到, so matching tokens would miss it), each once, in table order."""
    out: list[str] = []
    for lay, terms in LAY_TO_LEGAL.items():
        if lay in query:
            out += [t for t in terms if t not in out]
    return out
