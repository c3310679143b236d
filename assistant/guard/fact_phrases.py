"""How a memo states a ClaimFacts value: the drafter's ``label：value`` lines and the common ways a lawyer or an
LLM says it (平台已审核资质, 平台不知情, 消费者尚未完成初步举证, 原因力较小, 未采取必要措施, 系不可抗力所致 …).

``assertions(text)`` finds every such statement with the set of values it is compatible with; it does not
judge whether a sentence is a fact statement at all (questions, conditions, duties, doctrine): ``facts.py`` does.
Negation-aware: 未/没有/不/尚未/并未/未能/无 before the verb turns the statement round.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Callable

NEG = r"(?P<neg>未能|未曾|尚未|并未|并没有|没有|从未|不曾|疏于|怠于|未|没|既不|并不|不)"
POS = r"(?P<pos>已经|业已|确已|已|曾)"
_GAP = r"[^，。；,;！？?\n]"
_BOOL_T, _BOOL_F = frozenset({True}), frozenset({False})


@dataclass(frozen=True)
class Assertion:
    """A statement of one fact: the field, the values it is compatible with (None = unknown), its span."""

    field: str
    values: frozenset
    start: int
    end: int
    phrase: str


def _polar(m: re.Match, need_marker: bool = True) -> frozenset | None:
    """True/False from the negation group; None (no assertion) when no marker says it either way."""
    if m.groupdict().get("neg"):
        return _BOOL_F
    if need_marker and not (m.groupdict().get("pos") or m.groupdict().get("done")):
        return None
    return _BOOL_T


# (field, pattern, value function). A value function returns the compatible values or None (not a statement).
_Rule = tuple[str, re.Pattern, Callable[[re.Match], Any]]
_RULES: list[_Rule] = [
    # 平台已审核资质 / 平台未审核商家的医疗器械经营资质 / 未对入网经营者审查许可证
    ("qualification_review_done", re.compile(
        rf"{NEG}?{POS}?(?:对{_GAP}{{0,20}}?)?(?:进行|依法|认真|严格)?(?:资质|资格)?(?:审核|审查|核验|查验)(?P<done>了|过)?"
        rf"(?!记录|义务|职责|标准|流程|责任|的义务){_GAP}{{0,14}}?(?:资质|资格|许可证|证照|执照)"), _polar),
    # 未对平台内经营者的资质进行审核 / 已对商家资质予以审查
    ("qualification_review_done", re.compile(
        rf"{NEG}?{POS}?对{_GAP}{{0,20}}?(?:资质|资格|许可证|证照|执照)(?:进行|予以|作|加以)?(?P<done>了)?(?:审核|审查|核验|查验)"),
     _polar),
    # 已尽到审核义务 / 未尽资质审核义务
    ("qualification_review_done", re.compile(
        rf"{NEG}?{POS}?尽(?:到|了)?(?:对{_GAP}{{0,20}}?的)?(?:资质|资格)?(?:审核|审查)义务"), _polar),
    # 仅未尽事中的监控、警示等安全保障义务 / 已履行安全保障义务
    ("safety_duty_done", re.compile(rf"{NEG}?{POS}?(?:尽|履行)(?:到|了)?{_GAP}{{0,16}}?安全保障义务"), _polar),
    # 平台不知情 / 平台明知 / 平台知道或者应当知道 / 平台对此并不知情
    ("knew_or_should_have_known", re.compile(
        rf"平台(?!内|经营者)(?:{_GAP}{{0,10}}?)(?:{NEG}|(?P<pos>已经|已|确已|早已))?(?:明知|知道|知情|知悉|应知|应当知道|察觉)(?!后)"),
     lambda m: _polar(m, need_marker=False)),
    # 已/未采取必要措施
    ("necessary_measures_taken", re.compile(
        rf"{NEG}?{POS}?(?:及时)?采取(?P<done>了)?(?:必要|相应|有效|合理)?(?:的)?{_GAP}{{0,6}}?措施"), _polar),
    # 消费者已初步举证 / 尚未完成初步举证
    ("consumer_prima_facie_evidence", re.compile(
        rf"{NEG}?{POS}?(?P<done>完成|提供|提交|作出|进行)?(?:了)?初步(?:举证|证据)(?!责任)"), _polar),
    # 原因力较大 / 原因力较小
    ("platform_contribution", re.compile(r"原因力(?:较|更|明显|显著|相对|很|甚)?(?P<v>大|小)(?!小)"),
     lambda m: frozenset({"major" if m.group("v") == "大" else "minor"})),
    # 系不可抗力所致 / 并非不可抗力
    ("force_majeure", re.compile(
        r"(?P<neg>并非|不是|非|不属于|不构成|并不构成|没有|并无|无)(?:由|因)?不可抗力"
        r"|(?:系|由|属于|构成|因|出于)不可抗力(?:所致|造成|导致|引起)?"), lambda m: _polar(m, need_marker=False)),
    # 自营 / 非自营 / 误以为自营 / 第三方平台
    ("platform_role", re.compile(r"(?:非|并非|不是|不属于)(?:平台)?自营|(?:系|为|属于|是)第三方平台"),
     lambda m: frozenset({"marketplace", "misleading_self_operated"})),
    ("platform_role", re.compile(rf"误(?:以为|认为|认|导{_GAP}{{0,10}}?(?:相信|以为|认为))(?:是|为|系)?(?:平台|其)?自营"),
     lambda m: frozenset({"misleading_self_operated"})),
    ("platform_role", re.compile(r"(?<![非误信为])(?:平台|其)(?:系|为|属于|是|以)?(?:自营方式|自营商品|自营)(?!或|标识)"),
     lambda m: frozenset({"self_operated"})),
    # (不)能提供平台内经营者的真实名称、地址和有效联系方式
    ("merchant_identity_provided", re.compile(
        rf"(?P<neg>不能|无法|未能|未|没有|拒绝|拒不)?(?P<pos>能够|可以|已经|已|能)?(?:向{_GAP}{{0,8}}?)?提供(?P<done>了)?{_GAP}{{0,16}}?"
        r"(?:真实名称|有效联系方式|身份信息)"), _polar),
    # 曾作出先行赔付承诺 / 未承诺先行赔付
    ("advance_compensation_promised", re.compile(
        rf"{NEG}?{POS}?(?:作出|做出|承诺)(?P<done>过|了)?(?:{_GAP}{{0,4}}?)先行(?:赔付|赔偿)"), _polar),
    # 因果关系
    ("causation", re.compile(r"(?P<neg>不存在|没有|并无|缺乏|欠缺|无)(?:直接|法律上的?|相当)?因果关系|因果关系(?P<neg2>不成立)"),
     lambda m: _BOOL_F),
    ("causation", re.compile(r"(?<![不没无])(?:存在|具有|具备)(?:直接|相当)?因果关系|因果关系(?:成立|明确)"), lambda m: _BOOL_T),
    # 未造成损害 / 遭受人身损害
    ("harm", re.compile(r"(?:未|没有|并未)(?:造成|遭受|发生)(?:任何)?(?:实际)?(?:损害|损失)"), lambda m: frozenset({"none"})),
    ("harm", re.compile(r"遭受(?:了)?(?P<v>人身损害|财产损失)"),
     lambda m: frozenset({"personal_injury" if m.group("v") == "人身损害" else "property_loss"})),
    # 不关系消费者生命健康
    ("life_health", re.compile(r"(?:不|并不|不属于)(?:关系|涉及)(?:到)?消费者(?:的)?生命健康"), lambda m: _BOOL_F),
    # 经营者系故意 / 商家存在过失
    ("merchant_fault", re.compile(
        r"(?:平台内经营者|经营者|商家|商户|卖家)(?:主观上)?(?:系|存在|具有|出于|为|是|属于|仅有|仅为)?(?:重大)?(?P<v>故意|过失)"),
     lambda m: frozenset({"intentional" if m.group("v") == "故意" else "negligent"})),
    # 平台已证明/未能证明其尽到义务
    ("platform_proved_compliance", re.compile(
        rf"平台(?!内)(?P<neg>未能|不能|无法|未|没有)?(?P<pos>已经|业已|已)?(?:举证)?证明(?:了)?(?:其)?(?:已)?尽到"), _polar),
    # 未及时处理投诉导致损害扩大 / 损害未扩大
    ("complaint_delay_expanded_damage", re.compile(
        rf"未(?:能)?及时处理{_GAP}{{0,12}}投诉[^。；;\n]{{0,14}}?(?:导致|致使|造成){_GAP}{{0,6}}?损害(?:进一步)?扩大"), lambda m: _BOOL_T),
    ("complaint_delay_expanded_damage", re.compile(
        rf"(?:未|没有|并未)(?:导致|致使|造成){_GAP}{{0,6}}?损害(?:进一步)?扩大|损害(?:并)?(?:未|没有)(?:进一步)?扩大"), lambda m: _BOOL_F),
    # 在直播间销售
    ("live_streaming", re.compile(r"(?P<neg>并非|不是|非|未|没有)?(?:在|通过)(?:网络)?直播间?(?:中|内)?(?:销售|售卖|推销|带货|下单)"),
     lambda m: _polar(m, need_marker=False)),
    # 事发于2023年5月1日
    ("event_date", re.compile(r"(?:事发(?:于|日期为?[：:]?|日为?|时间为?[：:]?)|于(?=\d{4}年\d{1,2}月\d{1,2}日通过))\s*"
                              r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日"),
     lambda m: frozenset({date(int(m.group("y")), int(m.group("m")), int(m.group("d")))})),
]

# An LLM's own short labels in a facts list: 资质审核：未审核 / 平台是否知情：否 / 原因力：较小 / 不可抗力：无.
_SHORT_KEYS: tuple[tuple[str, str], ...] = (
    ("qualification_review_done", r"审核|审查"), ("safety_duty_done", r"安全保障"),
    ("knew_or_should_have_known", r"知道|知情|明知|应知"), ("necessary_measures_taken", r"必要措施|采取措施"),
    ("consumer_prima_facie_evidence", r"初步举证|初步证据"), ("force_majeure", r"不可抗力"),
    ("merchant_identity_provided", r"真实名称|联系方式|商家身份"), ("advance_compensation_promised", r"先行赔付"),
    ("causation", r"因果关系"), ("live_streaming", r"直播"), ("complaint_delay_expanded_damage", r"损害扩大"),
)
_SHORT_LABEL = re.compile(r"(?m)^[ \t>*\-·•\d.、（）()]*(?P<label>[^\n：:。；，,]{0,16}?)[：:]\s*\**\s*"
                          r"(?P<value>是|否|有|无|已[^\n，。；,;（(]{0,5}|未[^\n，。；,;（(]{0,5}|不[^\n，。；,;（(]{0,4}|没有|较大|较小)"
                          r"\s*\**\s*(?=$|[（(，,。；;])")


def short_label_assertions(text: str) -> list["Assertion"]:
    """Facts listed under an LLM's own short labels, one per line (资质审核：未审核, 原因力：较小)."""
    out = []
    for m in _SHORT_LABEL.finditer(text):
        label, value = m.group("label"), m.group("value")
        if "原因力" in label and value in ("较大", "较小"):
            out.append(Assertion("platform_contribution", frozenset({"major" if value == "较大" else "minor"}),
                                 m.start("label"), m.end("value"), m.group(0).strip()))
            continue
        if value in ("较大", "较小") or "或" in label:
            continue
        truth = not (value[0] in "否无未不" or value == "没有")
        other = re.search(r"经营者|商家|商户|卖家|购买者|消费者|生产者|法院", label) and "平台" not in label
        for field, keys in _SHORT_KEYS:
            if re.search(keys, label):
                if (other and field != "consumer_prima_facie_evidence") or (
                        field == "knew_or_should_have_known" and "平台" not in label):
                    break  # 经营者是否明知仍然销售 / 购买者是否明知: another person's state, not the platform's
                out.append(Assertion(field, _BOOL_T if truth else _BOOL_F, m.start("label"), m.end("value"),
                                     m.group(0).strip()))
                break
    return out


_BOOL_WORDS = {"是": _BOOL_T, "否": _BOOL_F, "未知": frozenset({None}), "不明": frozenset({None})}
_DATE_RE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")


def _tables() -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """The drafter's field and value labels (imported late: drafting imports the guard)."""
    from assistant.drafting.facts_zh import FIELD_LABELS, VALUE_LABELS

    return FIELD_LABELS, VALUE_LABELS


def label_texts() -> list[str]:
    """Every field label the drafter writes, longest first (the guard blanks them before reading phrasing)."""
    labels, _ = _tables()
    return sorted(set(labels.values()), key=len, reverse=True)


def _label_value(field: str, raw: str) -> frozenset | None:
    """The values a ``label：value`` line gives (是/否/未知, an enum label, a Chinese date), or None."""
    _, values = _tables()
    raw = raw.strip()
    for word, vals in _BOOL_WORDS.items():
        if raw.startswith(word) and field not in values and field != "event_date":
            return vals
    if raw.startswith("未知"):
        return frozenset({None})
    if field == "event_date":
        m = _DATE_RE.match(raw)
        return frozenset({date(int(m.group(1)), int(m.group(2)), int(m.group(3)))}) if m else None
    for value, text in sorted(values.get(field, {}).items(), key=lambda kv: -len(kv[1])):
        if raw.startswith(text) or raw.startswith(text.split("（")[0]):
            return frozenset({value})
    return None


def label_assertions(text: str) -> list[Assertion]:
    """The drafter's phrasing: ``<field label>：<value>`` or ``<field label>为<value>`` (humanised engine text)."""
    labels, _ = _tables()
    by_label = {}
    for field, label in labels.items():
        by_label.setdefault(label, field)
    alternatives = "|".join(re.escape(lab) for lab in sorted(by_label, key=len, reverse=True))
    out = []
    for m in re.finditer(rf"(?P<label>{alternatives})\s*(?:[：:]|为)\s*(?P<value>[^，。；,;\n（(]{{1,24}}(?:[（(][^）)]{{0,12}}[)）])?)",
                         text):
        field = by_label[m.group("label")]
        vals = _label_value(field, m.group("value"))
        if vals is not None and field in _FIELDS:
            out.append(Assertion(field, vals, m.start(), m.end(), m.group(0)))
    return out


_FIELDS = {
    "event_date", "platform_role", "category", "life_health", "harm", "causation", "knew_or_should_have_known",
    "necessary_measures_taken", "qualification_review_done", "safety_duty_done", "merchant_identity_provided",
    "advance_compensation_promised", "merchant_fault", "platform_contribution", "consumer_prima_facie_evidence",
    "platform_proved_compliance", "force_majeure", "complaint_delay_expanded_damage", "live_streaming",
}


# Facts a 若能证明/如能证明 condition names that the fact check does not read as statements (spec rule 12's
# scenarios require them): 该商品或服务关系消费者生命健康, 商品或服务属于食品. Negation is read by _RULES.
_CONDITION_RULES: list[_Rule] = [
    ("life_health", re.compile(r"(?<![不非])(?:关系|涉及)(?:到)?消费者(?:的)?生命健康"), lambda m: _BOOL_T),
    ("category", re.compile(r"(?<![不非])(?:属于|系|为|是)(?P<v>食品|餐饮服务|药品|医疗器械|化妆品|交通运输服务|住宿服务)"),
     lambda m: frozenset({_category_value(m.group("v"))})),
]


def _category_value(label: str) -> str:
    """The category value of its Chinese label (食品 → food)."""
    _, values = _tables()
    return next(v for v, text in values["category"].items() if text == label)


def condition_assertions(text: str) -> list[Assertion]:
    """The facts a condition states: free phrasing, the drafter's ``label为value``, and the scenario facts only a
    condition names (life_health true, a category)."""
    out = phrase_assertions(text) + label_assertions(text)
    for field, pattern, value in _CONDITION_RULES:
        out += [Assertion(field, value(m), m.start(), m.end(), m.group(0)) for m in pattern.finditer(text)
                if not any(a.field == field for a in out)]
    return out


# Issue 18: most rules open with optional groups (NEG?POS?…), so the regex engine tries them at every character
# of a 9,000-character memo (8 ms a memo). Each rule below needs one of its anchor words and cannot match across
# a line break (its gaps exclude \n), so it is run only on the lines that hold an anchor: the same matches, in
# the same order (tests/guard/test_guard_speed_equivalence.py compares both on every worked-example memo).
_ANCHORS: list[str | None] = [
    "审核|审查|核验|查验", "审核|审查|核验|查验", "审核义务|审查义务", "安全保障义务", None, "措施", "初步", "原因力",
    "不可抗力", "自营|第三方平台", "自营", "自营", "真实名称|有效联系方式|身份信息", "先行", "因果关系", "因果关系",
    "损害|损失", "遭受", "生命健康", "故意|过失", "证明", "扩大", "扩大", "直播", None,
]
assert len(_ANCHORS) == len(_RULES)
_ANCHOR_RES = [re.compile(a) if a else None for a in _ANCHORS]


def _finditer(pattern: re.Pattern, anchor: re.Pattern | None, text: str):
    """``pattern.finditer(text)``, run only on the lines holding an ``anchor`` match (see ``_ANCHORS``)."""
    if anchor is None:
        yield from pattern.finditer(text)
        return
    line_end = -1
    for a in anchor.finditer(text):
        if a.start() < line_end:
            continue  # that line was scanned already
        line_start = text.rfind("\n", 0, a.start()) + 1
        line_end = text.find("\n", a.end())
        line_end = len(text) if line_end == -1 else line_end
        yield from pattern.finditer(text, line_start, line_end)


def phrase_assertions(text: str) -> list[Assertion]:
    """Statements in free phrasing (see ``_RULES``); a statement joining two duties with 或 is not one fact."""
    out = []
    for (field, pattern, value), anchor in zip(_RULES, _ANCHOR_RES):
        for m in _finditer(pattern, anchor, text):
            vals = value(m)
            if vals is None or "或" in m.group(0):
                continue
            out.append(Assertion(field, vals, m.start(), m.end(), m.group(0)))
    return out
