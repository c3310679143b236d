"""The template drafter's 法律分析: norms, the ECL-38-2 elements, the form and its doctrinal dispute, imputation
and burden of proof, recourse, similar cases, and the verdict's notes. Deterministic Chinese prose.

Every authority goes through ``Citer``, which refuses ids outside the allowed set or not in force on the event
date; where a provision may not be cited the prose names the rule in words instead.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from assistant.drafting.citer import Citer, court_zh
from assistant.drafting.context import OUTCOME_LABELS, PROFILE_LABELS, DraftContext
from assistant.drafting.facts_zh import chinese_date, element_value, field_label, humanise
from assistant.drafting.reasons import burden_reason, position
from assistant.guard.terms import form_label

ELEMENT_STATUS = {"satisfied": "满足", "failed": "不满足", "unknown": "尚不明确"}
CASE_OUTCOMES = {
    "joint_and_several": "判令平台承担连带责任", "supplementary": "判令平台承担补充责任",
    "proportional": "判令平台按其过错和原因力承担相应份额的责任", "no_liability": "认定平台不承担责任",
    "advance_compensation_then_recourse": "判令平台先行赔付，其后可向经营者追偿",
    "other": "作出其他处理（详见案例摘要）",
}
QUOTE_LIMIT = 300
LIVE = ("met", "blocked", "rebutted", "barred")
ECL_EFFECTIVE = date(2019, 1, 1)
_INNER_REFERENCE = re.compile(r"第[零〇一二两三四五六七八九十百千\d]+条")


def _quote(text: str) -> str:
    """A provision's text for quotation, shortened."""
    flat = "".join(text.split())
    return flat if len(flat) <= QUOTE_LIMIT else flat[:QUOTE_LIMIT] + "……"


def liability_phrase(form: str) -> str:
    """``平台承担补充责任`` / ``平台承担销售者责任`` / ``不承担责任`` …: the form as the platform's liability."""
    label = form_label(form)
    if form in ("none", "undetermined"):
        return label
    return f"平台{label}" if label.startswith("承担") else f"平台承担{label}"


def relevant_38_2(verdict: Any) -> bool:
    """True when the ECL-38-2 route is met, blocked by unknown facts or rebutted: its form dispute then matters."""
    entry = route_38_2(verdict)
    return entry is not None and entry.outcome in ("met", "blocked", "rebutted")


def route_38_2(verdict: Any) -> Any | None:
    """The trace entry of the ECL-38-2 route (rule 8), or None when the engine did not evaluate it."""
    for entry in verdict.trace:
        if "ECL-38-2" in entry.citations or "38_2" in entry.rule or "38-2" in entry.rule:
            return entry
    return None


def _note_concerns_memo(ctx: DraftContext, note: str) -> bool:
    """False for a time note about a judicial interpretation this memo does not rely on (the food interpretation's
    effective date in a lodging memo): the note would name law that is no ground of the memo."""
    used = {getattr(ctx.corpus.get(pid), "code", "") for pid in ctx.verdict.citations if ctx.corpus.resolve(pid)}
    for code, instrument in ctx.corpus.instruments.items():
        if code.startswith("SPC") and f"《{instrument.short_title}》" in note and code not in used:
            return False
    return True


def norms(ctx: DraftContext, cite: Citer) -> str:
    """（一）适用的法律: the law as of the event date and the text of each statute the verdict relies on."""
    v = ctx.verdict
    if ctx.event_date:
        # spec rule 1: statutes by the event date, judicial interpretations by the decision date
        decided = getattr(ctx.facts, "decision_date", None)
        spc = f"裁判日（{chinese_date(decided)}）" if decided else "裁判时（本备忘录按现行文本）"
        lines = [f"本案事发于{chinese_date(ctx.event_date)}，法律适用该日有效的文本；司法解释适用于{spc}有效、"
                 "且其所解释的法律条文于事发日适用的文本。"]
    else:
        lines = ["事发日期尚不明确，本备忘录暂按现行有效的法律分析；事发日期查明后，应核对届时有效的规范。"]
    lines += [humanise(note) for note in v.as_of.version_notes if _note_concerns_memo(ctx, note)]
    statutes = [pid for pid in v.citations if cite.can(pid) and pid.split("-")[0] != "QIN"
                and getattr(ctx.corpus.get(pid), "kind", "") != "case"]
    if statutes:
        lines.append("\n本备忘录依据的主要规范如下：\n")
        for pid in statutes:
            text = ctx.corpus.get(pid).text
            # a provision that itself refers to other articles is cited, not quoted: the quoted reference
            # would read as a citation of an article outside this memo's authorities
            quote = "" if _INNER_REFERENCE.search(text) else f"：“{_quote(text)}”"
            later = cite.later_text_note(pid)
            lines.append(f"- {cite(pid)}{quote}" + (f"（{later.lstrip('。')}）" if later else ""))
    return "\n".join(lines)


def _why_not_38_2(ctx: DraftContext) -> str:
    """Why the ECL-38-2 route is not examined (our words, so no inapplicable article is named)."""
    if ctx.event_date is not None and ctx.event_date < ECL_EFFECTIVE:
        return "事发时《电子商务法》尚未施行（自2019年1月1日起施行），应依事发时有效的其他法律确定平台责任。"
    if ctx.verdict.liability_form == "seller_liability":
        return "平台以销售者（服务者）身份直接承担责任，平台内经营者责任规则不是本案的请求权基础。"
    return "规则引擎未就该规则作出检验。"


def elements(ctx: DraftContext, cite: Citer) -> str:
    """（二）请求路径与构成要件: the ECL-38-2 elements one by one with their values, then every other route."""
    v = ctx.verdict
    entry = route_38_2(v)
    out = []
    name_38_2 = cite("ECL-38-2") if cite.can("ECL-38-2") else "平台未尽资质审核或安全保障义务的责任规则"
    if entry is None or entry.outcome == "not_applicable":
        out.append(f"{name_38_2}在本案中不适用：{_why_not_38_2(ctx)}")
    else:
        out.append(f"就{name_38_2}规定的平台“相应的责任”，逐项检验其构成要件如下：\n")
        for number, element in enumerate(entry.elements, 1):
            status = ELEMENT_STATUS.get(element.status, element.status)
            out.append(f"{number}. {field_label(element.name)}：{element_value(element.name, element.value)}"
                       f"（要件{status}）")
        if entry.outcome == "blocked":
            conclusion = f"该请求路径{rule_outcome(entry)}。"
        else:
            conclusion = f"该请求路径{OUTCOME_LABELS.get(entry.outcome, entry.outcome)}" + (
                f"：{humanise(entry.detail)}" if entry.detail else "。")
        out.append(f"\n检验结论：{conclusion}")
    others = [e for e in v.trace if e is not entry and e.outcome != "not_applicable"]
    if others:
        out.append("\n其他规则的检验结果：\n")
        # a failed route is named, not cited: its provisions are no ground of this memo (issue 11 item 4)
        out += [f"- {_other_title(v, e)}{cite.paren(e.citations) if e.outcome in LIVE else ''}：{_other_outcome(v, e)}。"
                for e in others]
    return "\n".join(out)


def _other_title(verdict: Any, entry: Any) -> str:
    """A rule's title in the list of other rules; the burden rule's own title names the reversal, which would read
    as the memo's burden when the verdict keeps it with the consumer."""
    if entry.rule == "burden" and verdict.burden_of_proof != "platform":
        return "举证责任分配（覃玉娟文的学说建议）"
    return entry.title


def _other_outcome(verdict: Any, entry: Any) -> str:
    """A rule's outcome in the list of other rules; the burden shift (rule 9) said to be confined to the 38(2)
    route when the verdict's form came from another route, so the list agrees with 举证责任 in the summary."""
    if entry.rule == "burden" and entry.outcome == "met" and verdict.burden_of_proof != "platform":
        return ("条件具备，但举证责任倒置仅适用于平台未尽资质审核或安全保障义务的请求路径；本案结论依其他请求路径作出，"
                "该路径按现行法由消费者举证")
    return rule_outcome(entry)


def rule_outcome(entry: Any) -> str:
    """A rule's outcome in a lawyer's words: the elements that failed with their values, the facts still unknown,
    or the engine's own reason; the time-law rule states the law applied (no 成立/不成立)."""
    detail = humanise(entry.detail or "")
    if entry.rule == "law_as_of" and detail:
        return detail
    outcome = OUTCOME_LABELS.get(entry.outcome, entry.outcome)
    elements = list(getattr(entry, "elements", None) or [])
    if entry.outcome == "failed" and detail.startswith("不满足要件"):
        failed = [f"{field_label(e.name)}：{element_value(e.name, e.value)}" for e in elements if e.status == "failed"]
        if failed:
            return f"{outcome}（{'；'.join(failed)}）"
    if entry.outcome == "blocked" and detail.startswith("要件事实不明"):
        unknown = [field_label(e.name) for e in elements if e.status == "unknown"]
        if unknown:
            return f"{outcome}（尚不明确的事实：{'、'.join(unknown)}）"
    return f"{outcome}（{detail}）" if detail else outcome


def form(ctx: DraftContext, cite: Citer) -> str:
    """（三）责任形态: the doctrinal dispute (QIN-3.2, QIN-4.1), the position adopted, the alternatives."""
    v = ctx.verdict
    out = []
    if all(cite.can(q) for q in ("QIN-3.2.1", "QIN-3.2.2", "QIN-3.2.3")):
        name = cite("ECL-38-2") if cite.can("ECL-38-2") else "平台“相应的责任”条款"
        out.append(
            f"{name}仅规定平台“依法承担相应的责任”，未明确责任形态，理论与实务分歧明显。主要观点有三："
            "其一，连带责任说，以共同侵权理论为基础，认为平台未尽审核义务的不作为与经营者的侵权行为客观上关联共同，"
            f"应承担连带责任{cite.paren(['QIN-3.2.1'])}；其二，补充责任说，以过错推定和安全保障义务理论为基础，"
            f"认为平台仅在直接侵权人不能赔偿时承担补充赔偿责任，并可向直接侵权人追偿{cite.paren(['QIN-3.2.2'])}；"
            f"其三，按份责任说，依平台违反义务对损害的原因力大小确定其责任份额{cite.paren(['QIN-3.2.3'])}。")
        if cite.can("QIN-4.1.1"):
            out.append(
                "\n覃玉娟文认为，草案三审稿曾使用的“连带责任”表述在审议中被删除，立法者有意避免一律课以连带责任，"
                f"连带责任说不符合立法原意；但该款与其他连带责任条款竞合时，应适用后者{cite.paren(['QIN-4.1.1'])}。"
                "在不构成竞合的情形下，可类推民法典关于安全保障义务的规定成立补充责任，其内部又有"
                f"“按经营者主观状态区分”与“单纯补充责任”两种见解{cite.paren(['QIN-4.1.2'])}。")
    conclusion = liability_phrase(v.liability_form)
    if not relevant_38_2(v):
        out.append(f"本案的结论为：{conclusion}。")
        out.append(position(ctx, cite))
        return "\n".join(out)
    profile = PROFILE_LABELS.get(v.doctrine.profile, v.doctrine.profile)
    out.append(f"\n本备忘录采{profile}。据此，本案的结论为：{conclusion}。")
    out.append(position(ctx, cite))
    if v.doctrine.alternatives:
        same = all(alt == v.liability_form for alt in v.doctrine.alternatives.values())
        if same and v.liability_form == "undetermined":
            out.append("\n在现有事实下，其他学说同样无法确定责任形态：\n")
        else:
            out.append("\n各学说在本案中结论一致，学说分歧不影响本案结论：\n" if same else "\n如采其他学说，结论分别为：\n")
        for name, alt in v.doctrine.alternatives.items():
            out.append(f"- {PROFILE_LABELS.get(name, name)}：{form_label(alt)}")
    return "\n".join(out).lstrip("\n")


def burden(ctx: DraftContext, cite: Citer) -> str:
    """（四）归责原则与举证责任, saying plainly when the reversal is QIN's proposal and not current law."""
    v = ctx.verdict
    if v.liability_form == "undetermined":
        # the 38(2) discussion only where that route is the one left open (issue 11 item 1: no fixed paragraph)
        if not relevant_38_2(v):
            return ("责任形态确定之前，归责原则与举证责任暂无从确定；待尚不明确的事实查明后，按成立的请求路径确定，"
                    "现行法下一般由消费者就其主张的事实承担举证责任。")
        return ("责任形态确定之前，归责原则与举证责任暂无从确定。如查明后平台未尽资质审核或安全保障义务的请求路径成立，"
                f"应适用过错责任原则{cite.paren(['QIN-5.3'])}，原则上由消费者证明平台的过错；消费者完成初步举证的，"
                f"覃玉娟文建议由平台证明其无过错{cite.paren(['QIN-5.4.2'])}，但该建议是学说建议，并非现行法。")
    if v.imputation == "not_applicable":
        return ("本案的责任形态不以平台过错为要件（或平台不承担责任），过错归责与举证责任倒置的讨论不影响结论；"
                "消费者仍应就其主张的损害事实、交易事实承担举证责任。")
    if cite.can("QIN-5.3"):
        out = [f"平台违反安全保障义务的“相应的责任”性质上属于侵权责任{cite.paren(['QIN-5.1'])}，适用过错责任原则，"
               f"而不应适用无过错责任{cite.paren(['QIN-5.3'])}。"]
    else:
        out = ["平台在本案中承担的是侵权责任，以其过错为要件，适用过错责任原则。"]
    if v.burden_of_proof == "platform" and v.burden_basis == "proposal":
        presume = cite.some(["CC-1165-2", "TLL-6-2"])
        law = f"依{presume}，" if presume else "依现行侵权法，"
        out.append(
            "\n关于举证责任，本备忘录采举证责任倒置（过错推定），即由平台证明其已尽到资质审核和安全保障义务。"
            f"但必须明确：这是覃玉娟文提出的学说建议{cite.paren(['QIN-5.4.1', 'QIN-5.4.2'])}，并非现行法的规定。"
            f"{law}过错推定须以法律明文规定为前提，而现行法并未就电商平台的“相应的责任”规定过错推定；"
            "法院仍可能按“谁主张谁举证”的一般规则，要求消费者证明平台的过错。"
            "该建议的启动条件是消费者已初步举证（购买记录、损害后果、与平台的沟通记录等），且倒置仅限于平台自身的审核与安全保障义务。")
    elif v.burden_of_proof == "platform":
        out.append("\n关于举证责任，依现行法由平台证明其已尽到相关义务（举证责任倒置）。")
    else:
        out.append("\n关于举证责任，按“谁主张谁举证”的一般规则，由消费者证明平台的过错。")
        out.append(burden_reason(ctx, cite))
    return "\n".join(out)


def recourse(ctx: DraftContext, cite: Citer) -> str:
    """（五）追偿与损害扩大: whether the platform may claim against the merchant, and expanded damage."""
    v = ctx.verdict
    if v.liability_form == "undetermined":  # nothing definite on recourse before the form is known (item 5)
        out = ["责任形态尚未确定，平台能否追偿取决于查明事实后的责任形态，现阶段不作结论。"]
    elif v.recourse and v.liability_form == "seller_liability":
        out = [f"平台作为销售者赔偿后，产品缺陷由生产者造成的，有权向生产者追偿{cite.paren(['CC-1203-2', 'CPL-40'])}。"]
    elif v.recourse:
        # the recourse provision of the form itself (spec section 3, recourse), plus a concurrent CPL-44-1 route
        ids = {"supplementary": ["CC-1198-2"], "joint_and_several": ["CC-178-2"], "proportional_joint": ["CC-178-2"],
               "advance_compensation": ["CPL-44-1", "SPC-FD-9", "FSL-131-2"]}.get(v.liability_form, [])
        ids += [c for c in ("CPL-44-1", "SPC-FD-9", "FSL-131-2") if "CPL-44-1" in v.regimes]
        basis = cite.paren([c for c in ids if c in v.citations or c in ctx.verdict.regimes])
        out = [f"平台承担责任后，有权向平台内经营者追偿{basis}。"]
    elif v.liability_form == "supplementary":
        out = [f"事发时适用的{cite.some(['TLL-37-2']) or '侵权责任法安全保障义务条款'}未规定补充责任人的追偿权，"
               "追偿规定系2021年1月1日起施行的民法典所增设；因此，平台承担补充责任后，不能依该条向平台内经营者追偿。"]
    elif v.liability_form == "undetermined":
        out = ["责任形态尚未确定，平台能否追偿取决于查明事实后的责任形态，现阶段不作结论。"]
    elif v.liability_form == "none":
        out = ["平台不承担责任，不发生追偿问题。"]
    else:
        out = ["按份责任下平台只承担自己的份额，不发生向平台内经营者追偿的问题。"]
    if v.expanded_damage:
        out.append(f"此外，平台未及时处理消费者投诉，导致损害扩大，应就扩大的损害承担责任{cite.paren(['QIN-5.2.3'])}。")
    return "\n".join(out)


def similar_cases(ctx: DraftContext, cite: Citer) -> str:
    """（六）类案参考: the deterministic similar cases (same route, same category family), with court, 案号, date,
    tier and the court's holding; retrieval hits are not listed (a template memo cites the fixed set only)."""
    lines = []
    for passage in ctx.passages:
        if passage.kind != "case" or passage.source != "case" or not cite.can(passage.id):
            continue
        case = ctx.corpus.get(passage.id)
        outcome = CASE_OUTCOMES.get(case.outcome, "作出其他处理")
        when = f"{case.year}年" if getattr(case, "year", None) else "裁判日期未载明"
        lines.append(f"- {cite(passage.id)}（{court_zh(case.court)}；{when}；案例层级：{case.tier}）：法院{outcome}。")
    if not lines:
        return "语料库中没有与本案请求路径和商品或服务类别相同的裁判案例，故不列类案。"
    return "\n".join(["以下案例与本案的请求路径和商品或服务类别相同，可供参考（均为公开报道的摘要，引用前应核对裁判文书原文）：\n",
                      *lines])


_QIN_ID = re.compile(r"QIN-(\d+(?:\.\d+)*)")


def notes(ctx: DraftContext, cite: Citer) -> str:
    """（七）特别说明: every note the verdict says the memo must carry; the seed article's ids (QIN-5.4) are
    written as its sections (覃玉娟文第5.4部分), as everywhere else in the memo."""
    def section(m: re.Match) -> str:
        pid = m.group(0)
        if cite.can(pid):
            return cite(pid)
        return ctx.corpus.cite(pid, first=not cite.introduced("QIN")) if ctx.corpus.resolve(pid) else pid

    return "\n".join(f"- {humanise(_QIN_ID.sub(section, note))}" for note in ctx.verdict.notes) or "无。"


def legal_analysis(ctx: DraftContext, cite: Citer) -> str:
    """The whole 法律分析 section."""
    from assistant.drafting import limitation_zh, remedies_zh  # spec section 7 (issue 13)

    parts = [("（一）适用的法律", norms), ("（二）请求路径与构成要件", elements), ("（三）责任形态", form),
             ("（四）归责原则与举证责任", burden), ("（五）追偿与损害扩大", recourse), ("（六）类案参考", similar_cases),
             ("（七）赔偿项目与金额", remedies_zh.heads_section), ("（八）惩罚性赔偿", remedies_zh.punitive_section),
             ("（九）诉讼时效", limitation_zh.limitation_section), ("（十）管辖与当事人", limitation_zh.forum_section)]
    out = [f"### {heading}\n\n{render(ctx, cite)}" for heading, render in parts]
    out.append(f"### （十一）特别说明\n\n{notes(ctx, cite)}")
    return "\n\n".join(out)
