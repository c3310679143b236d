"""The platform's role read with its competing readings: who the documents say sold the goods (issue 14).

``platform_role_hit`` (enums.py) ranks the cues: a misleading 自营 label, then 自营, then a third-party seller.
This module adds what a careful reader checks before settling it:

- The seller the documents name (发货单、发票、面单、销售方 …): a 自营 label with another company on the invoice is
  misleading self-operation (SPC-OC-4-2; 《电子商务法》第三十七条); the platform itself there confirms 自营.
- Wrong is worse than unknown: when the readings compete — the platform and another company both named as the
  seller, a consumer's belief (以为是自营) with no 自营 label and a third-party seller stated, or 自营 beside a
  third-party seller with nothing saying which sold — the role stays unknown and a question is asked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.triage.extract.enums import _MARKET_STRONG, _MISLEADING_DIRECT, _SELF_LABEL, platform_role_hit
from assistant.triage.extract.text import Hit

# Documents that name the seller: the shipping note, the invoice, the waybill's sender, the stated 销售方.
_DOC = r"(?:发货(?:单|方|主体|人|的|者)|快递单|快递面单|面单|寄件人|发票(?:抬头)?|开票方|开具方|销售方|实际销售者|销售者|实际经营者|实际经营人|实际运营方|海关清单|出库单)"
_PLATFORM = r"被告(?![二三])一?|平台|你们|贵平台|贵公司"
_OTHER = (r"被告[二三]|第三方|另一家|另外一家|别的公司|其他公司|案外人|一家|某|合作商家|境外|香港|海外|[“\"「][^”\"」]{1,12}[”\"」]"
          r"|[\u4e00-\u9fff]{2,10}(?:有限)?公司")
# 发票上写的是某贸易公司 / 销售方为被告本身: the document, a copula, the entity it names.
_NAMED = re.compile(_DOC + r"[^。；;！!？?\n]{0,16}?(?:载明|显示|写的|写着|写明|标明|注明|为|是|系)(?:的)?(?:都|均|也|全)?(?:是|为)?(?:由)?"
                    r"(?:(?P<plat>" + _PLATFORM + r")|(?P<other>" + _OTHER + r"))")
# 由被告发货并开具发票 / 发票也是你们开的 / 由合作商家发货: the entity, then the act of shipping or invoicing.
_ACTED = re.compile(r"(?:由|是)(?:(?P<plat>" + _PLATFORM + r")|(?P<other>被告[二三]|第三方|合作商家|商家|另一家|一家[^，,。；;]{0,12}))"
                    r"(?:自己|本身|自营仓)?(?:负责)?(?:发货|发的货|发出|开具|开的发票|开票|开的)")


@dataclass
class RoleReading:
    """The platform's role, or (None, the competing hits, the question) when two readings compete."""

    hit: Hit | None = None
    competing: list[Hit] = field(default_factory=list)
    question: str | None = None


def sellers_named(text: str) -> tuple[list[Hit], list[Hit]]:
    """The spans where the documents name the platform, and those where they name another company, as the seller."""
    plat: list[Hit] = []
    other: list[Hit] = []
    for rx in (_NAMED, _ACTED):
        for m in rx.finditer(text):
            (plat if m.group("plat") else other).append(Hit("self_operated" if m.group("plat") else "marketplace",
                                                            m.start(), m.end()))
    return plat, other


def _ask(first: Hit, second: Hit, text: str) -> RoleReading:
    return RoleReading(competing=[first, second],
                       question=f"叙述既说「{text[first.start:first.end]}」，又说「{text[second.start:second.end]}」："
                                "商品页面是否标注“自营”？实际销售者（发货、开票的一方）是平台还是另一家商家？")


def platform_role_reading(text: str) -> RoleReading:
    """The platform's role from the ranked cues, checked against the seller the documents name."""
    hit = platform_role_hit(text)
    plat, other = sellers_named(text)
    if plat and other:  # 销售方为平台 … 发货的却是另一家: which one sold it? asked
        return _ask(plat[0], other[0], text)
    label = _SELF_LABEL.search(text)
    if hit is None or hit.value == "marketplace":
        return RoleReading(hit)
    if other and (label or hit.value == "self_operated"):  # labelled 自营, another company on the invoice (SPC-OC-4-2)
        start, end = (label.start(), label.end()) if label else (hit.start, hit.end)
        return RoleReading(Hit("misleading_self_operated", start, end))
    if plat and hit.value == "misleading_self_operated" and not _MISLEADING_DIRECT.search(text):
        return RoleReading(Hit("self_operated", hit.start, hit.end))  # the documents name the platform itself
    third = _MARKET_STRONG.search(text)
    if hit.value == "misleading_self_operated" and not label and third:
        # 以为是自营 with no 自营 label, and a third-party seller stated: misled by what? asked
        return _ask(hit, Hit("marketplace", third.start(), third.end()), text)
    if hit.value == "self_operated" and third and not plat:  # 自营 beside 第三方商家, nothing says which sold
        return _ask(hit, Hit("marketplace", third.start(), third.end()), text)
    return RoleReading(hit)


__all__ = ["RoleReading", "platform_role_reading", "sellers_named"]
