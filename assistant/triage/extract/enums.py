"""The two facts read by ranked cues rather than yes/no: ``harm`` and ``platform_role``."""

from __future__ import annotations

import re

from assistant.triage.extract.cues import M, P
from assistant.triage.extract.text import NEGATOR, Hit, clause_start, gap, negated

G = gap

_INJURY = re.compile(
    r"住院|住了院|受伤|中毒|过敏|烫伤|烧伤|骨折|腹泻|拉肚子|上吐下泻|呕吐|送医|就医|急诊|抢救|死亡|身亡|去世|伤残|残疾|感染"
    r"|划伤|摔伤|撞伤|擦伤|红肿|溃烂|昏迷|晕倒|休克|毁容|灼伤|烂脸|肝损伤|肾损伤|出血|流血|进了医院|去了医院|送到医院|去医院"
    r"|身体不适|发高烧|发烧|起疹子|皮疹|红疹|湿疹|头晕|头痛|病情加重|病情恶化|[打咬刺割砸压扭碰撞摔划擦烫烧磕]伤|磕破|头破|溺水|入院|[摔撞打压砸]断|吃坏|肚子疼|肚子痛|胃疼|胃痛|吐了|嗜睡|缝了[\d一二三四五六七八九十几]*针|过敏反应|人身损害|人身伤害|伤害了身体|低血糖|失明|视力下降|心悸|窒息|骨裂|缝针"
)
_PROPERTY = re.compile(
    r"(?P<v>损失(?!没有|未|不)|亏了|亏损|打碎|摔碎|弄坏|砸坏|烧坏|被骗|骗走|假货|假冒|仿冒|货不对板|烧毁|损坏|毁坏|报废|被盗|多扣|扣款|拒绝退款|拒不退款|白花|冤枉钱|财产损失|经济损失)"
)
_NO_HARM = re.compile(
    r"(?:没有|未|没|并未|也没有|并没有|尚未)(?:造成|产生|遭受|受到|发生)?(?:任何|什么)?(?:实际)?(?:的)?(?:损失|损害|伤害|后果)"
    r"|(?:没有|并没有|没|未)(?:受伤|受到伤害)|人(?:也)?(?:都)?没事|没什么事|没出什么事|虚惊一场|毫发无损"
)

_MISLEADING_DIRECT = re.compile(r"(?:误以为|以为是|以为|当成|当作|当做|误认为)" + G(8) + r"(?:自营|官方)")
_SELF_LABEL = re.compile(r"(?:标|标注|标着|标有|标明|显示|写着|挂着|打着|号称|宣传)(?:的是|为|成)?" + G(4) + r"(?:自营|官方自营)")
_CONTRARY = re.compile(r"(?:实际|其实|实则|才知道|才发现|原来|并非|不是|却是|竟然是|真实身份)" + G(10)
                       + r"(?:第三方|入驻|商家|个人|非自营|代购|加盟)")
_SELF = re.compile(r"(?P<v>自营)")
_MARKET_STRONG = re.compile(r"(?:第三方|入驻|平台内)(?:的)?(?:商家|卖家|店铺|经营者|商户|网店)|平台内经营者|非自营|入驻商家|第三方卖家")
_MARKET_WEAK = re.compile(r"(?:商家|卖家|店家|店铺|网店|商户|房东|车主|司机|主播|代购|销售者|服务提供者|入网|小店|店主"
                          r"|第三人|(?:一家|这家|那家|该|此)[^，,。；;！!？?\n]{0,10}店|的店(?!铺)|(?:店|客栈|民宿|餐馆|饭店)老板)")


# For harm, a negator must stand right before the word (没有受伤, 未造成人身伤害), not anywhere in the clause:
# 读数不准让我低血糖 and 不良反应住院 are injuries.
_HARM_NEG = re.compile(NEGATOR + r"(?:有|曾|再|会|要|至于|造成|出现|受到|发生|导致|引起|任何|什么|人身|严重|受|人)*$")


def _harm_negated(text: str, pos: int) -> bool:
    return bool(_HARM_NEG.search(text[max(clause_start(text, pos), pos - 12):pos]))


def harm_hit(text: str) -> Hit | None:
    """Personal injury beats property loss beats an explicit "no damage"; negated mentions say nothing."""
    for m in _INJURY.finditer(text):
        if not _harm_negated(text, m.start()):
            return Hit("personal_injury", m.start(), m.end())
    for m in _PROPERTY.finditer(text):
        if not negated(text, m.start()):
            return Hit("property_loss", m.start(), m.end())
    m = _NO_HARM.search(text)
    if m:
        return Hit("none", m.start(), m.end())
    return None


def platform_role_hit(text: str) -> Hit | None:
    """Misleading self-operation (SPC-OC-4-2) beats self-operation beats a third-party merchant."""
    m = _MISLEADING_DIRECT.search(text)
    if m:
        return Hit("misleading_self_operated", m.start(), m.end())
    label = _SELF_LABEL.search(text)
    if label and _CONTRARY.search(text):
        return Hit("misleading_self_operated", label.start(), label.end())
    for m in _SELF.finditer(text):
        if negated(text, m.start()):
            return Hit("marketplace", max(0, m.start() - 2), m.end())
        return Hit("self_operated", m.start(), m.end())
    m = _MARKET_STRONG.search(text) or _MARKET_WEAK.search(text)
    if m:
        return Hit("marketplace", m.start(), m.end())
    return None


__all__ = ["harm_hit", "platform_role_hit", "M", "P"]
