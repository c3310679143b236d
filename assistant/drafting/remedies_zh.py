"""The memo's Chinese for spec section 7: heads of compensation, punitive damages and the figures of 简要结论.

Reads only the verdict's ``remedies`` object (spec 7.8): amounts are the engine's Decimal strings, formatted as
``3,750.00元``; a head the law gives no formula for is listed without a figure (note H1); every disputed point
is said to be disputed with both readings. Citations go through ``Citer``: an id not in force on the event date
(or outside the allowed set) is never cited, the rule is named in words instead.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from assistant.drafting.citer import Citer
from assistant.drafting.facts_zh import chinese_date, field_label, humanise, value_label

HEADS = {
    "medical_and_recovery": "医疗费、护理费、交通费、营养费、住院伙食补助费等为治疗和康复支出的合理费用",
    "lost_income": "因误工减少的收入（误工费）", "disability": "辅助器具费和残疾赔偿金",
    "death": "丧葬费和死亡赔偿金", "mental_distress": "精神损害赔偿", "property_loss": "财产损失",
    "price_refund": "退还价款", "expanded_damage": "损害扩大部分的赔偿",
}
CONDITIONS = {
    "disability": "以造成残疾为前提", "death": "以造成死亡为前提", "serious_mental_harm": "以造成严重精神损害为前提",
    "goods_or_service_nonconforming": "以商品或服务不符合质量要求为前提",
    "nonconforming_as_produced": "以不符合要求系生产环节造成为前提",
    "knew_of_defect_when_produced": "以生产时明知存在缺陷为前提",
    "not_marked_as_non_seller": "以其未标明自己不是销售者为前提", "pending_missing_facts": "待有关事实查明后确定",
}
PARTIES = {
    "merchant": "平台内经营者", "platform": "电子商务平台", "producer": "生产者", "live_room_operator": "直播间运营者",
    "consumer": "消费者", "close_relatives": "死者的近亲属", "expense_payers": "支付医疗费、丧葬费等合理费用的人",
}
EXTENTS = {
    "full": "对全部损失负赔偿责任", "full_joint": "消费者可请求其赔偿全部损失（与平台内经营者对外连带）",
    "joint_up_to_share": "在其份额范围内与平台内经营者对外连带赔偿", "share": "按其过错和原因力承担相应份额",
    "supplementary_after_enforcement": "仅就对平台内经营者强制执行后仍不能履行的部分，承担与其过错相应的补充赔偿",
    "full_then_recourse": "先行赔付全部损失，其后可向平台内经营者追偿", "none": "不承担赔偿责任",
    "undetermined": "是否赔偿待责任形态确定",
}
BASES = {
    "FSL-148-2": ("食品惩罚性赔偿", "价款十倍或者损失三倍，增加赔偿的金额不足一千元的为一千元"),
    "DAL-144-3": ("药品惩罚性赔偿", "价款十倍或者损失三倍，增加赔偿的金额不足一千元的为一千元"),
    "CPL-55-1": ("欺诈惩罚性赔偿", "价款或者服务费用的三倍，增加赔偿的金额不足五百元的为五百元"),
    "CPL-55-2": ("明知缺陷致死亡或者健康严重损害的惩罚性赔偿", "所受损失二倍以下"),
}
BASIS_STATUS = {"eligible": "可以主张", "disputed": "要件具备，但能否支持存在争议", "blocked": "因事实不明暂无法判断",
                "failed": "不成立", "check_prior_law": "事发时该条尚未施行，须依当时的规定人工核对",
                "not_applicable": "不适用"}
FACTS = {
    "price_paid": "实付价款", "loss_amount": "所受损失", "injury_severity": "伤情",
    "goods_nonconforming": "商品或服务存在的问题", "seller_knowingly_sold": "经营者是否明知仍然销售",
    "fraud": "经营者是否有欺诈行为", "consumer_knew_at_purchase": "购买者购买时是否明知",
    "label_defect_only": "是否仅为标签、说明书瑕疵", "harm_discovered_date": "发现损害的日期",
    "limitation_events": "主张权利等时效中断事由", "forum_clause": "用户协议中的管辖条款",
}
VALUES = {
    "injury_severity": {"minor": "轻微", "serious": "健康严重受损", "disability": "致残", "death": "死亡"},
    "goods_nonconforming": {"food_safety_standard": "不符合食品安全标准", "fake_or_substandard_drug": "属于假药或劣药",
                            "defect": "存在危及人身、财产安全的缺陷", "quality_only": "仅与约定的质量不符",
                            "none": "商品或服务并无不符"},
    "forum_clause": {"none": "无管辖约定", "prominent": "有约定，并以显著方式提示", "not_prominent": "有约定，但未以显著方式提示"},
}
_ID = re.compile(r"[A-Z]{2,6}(?:-[A-Z0-9]+)*-\d+(?:-\d+)*|[a-z]+\d{4}(?:-[a-z0-9]+)+|[a-z]+(?:-[a-z0-9]+){2,}")


def _fact_said(facts: Any, name: str) -> str:
    """``伤情为轻微`` / ``消费者损害为财产损失``: a fact and its value, in words."""
    value = getattr(facts, name, None)
    said = VALUES.get(name, {}).get(value) if isinstance(value, str) else None
    return f"{FACTS.get(name) or field_label(name)}为{said or value_label(name, value)}"


def yuan(amount: Any) -> str:
    """``3750`` / ``"3750.00"`` → ``3,750.00元`` (exact Decimal, two places)."""
    return f"{Decimal(str(amount)).quantize(Decimal('0.01')):,}元"


def party(code: str, verdict: Any = None) -> str:
    """A party's name; the platform as seller where the verdict makes it one."""
    if code == "platform" and verdict is not None and verdict.liability_form == "seller_liability":
        return "电子商务平台（作为销售者）"
    return PARTIES.get(code, code)


def with_ids(text: str, cite: Citer) -> str:
    """An engine note with its bare ids turned into citations (or dropped where they may not be cited)."""
    def one(m: re.Match) -> str:
        pid = m.group(0)
        return cite(pid) if cite.can(pid) else ""
    # the 【H1】 rule code is for tests and the trace; in a memo 【…】 would read as a citation key
    text = _ID.sub(one, humanise(re.sub(r"^【[A-Z]\d+】", "", text)))
    text = re.sub(r"[（(]\s*[）)]", "", text)
    return re.sub(r"（[，、；\s]+", "（", re.sub(r"[，、；\s]+）", "）", text))


def notes(obj: dict, cite: Citer) -> list[str]:
    """The object's 【code】 notes, each as a bullet."""
    return [f"- {with_ids(note, cite)}" for note in obj.get("notes", [])]


def _payer(p: dict, verdict: Any, cite: Citer) -> str:
    """One payer of a head or basis: who, whether, on which condition, with citations."""
    who, status = party(p["party"], verdict), p.get("status")
    refs = cite.paren(p.get("citations", []))
    if status == "liable":
        return f"{who}应当支付{refs}"
    if status == "liable_if":
        return f"{who}{CONDITIONS.get(p.get('condition') or '', '附条件')}支付{refs}"
    if status == "blocked":
        return f"{who}是否支付取决于尚待查明的事实（见下文“建议”）"
    if status == "disputed":
        return (f"{who}是否支付存在争议（一种观点认为相关条文只规定由生产者、经营者支付，平台不负支付义务；另一种观点认为，"
                f"平台依本案责任形态对消费者所负的责任及于此项{refs}）")
    if status == "not_liable":
        return f"{who}不负支付义务"
    return f"{who}是否支付待责任形态确定"


def heads_section(ctx: Any, cite: Citer) -> str:
    """（七）赔偿项目与金额: each head with its status, the refund's figure, and who pays the damages."""
    v, r = ctx.verdict, ctx.verdict.remedies
    if not r:
        return "规则引擎未就赔偿项目作出判断。"
    out = []
    for n, head in enumerate(r.get("heads", []), 1):
        name, refs = HEADS.get(head["head"], head["head"]), cite.paren(head.get("citations", []))
        line = f"{n}. {name}{refs}："
        if head["head"] == "price_refund":
            figure = yuan(head["amount"]) if head.get("amount") else "数额为实付价款，待核实"
            line += (f"{figure}" + ("（可以主张）" if head["status"] == "claimable"
                                     else f"（{CONDITIONS.get(head.get('condition') or '', '附条件')}）"))
            payers = "；".join(_payer(p, v, cite) for p in head.get("payers", []))
            line += f"。退还价款的义务人：{payers}。" if payers else "。"
        elif head["status"] == "claimable":
            line += "可以主张，数额以票据和证据为准，本备忘录不计算。"
        else:
            line += f"{CONDITIONS.get(head.get('condition') or '', '附条件')}方可主张。"
        out.append(line)
    if not out:
        out.append("依现有事实，没有可以列明的赔偿项目。")
    payers = r.get("compensatory_payers", [])
    if payers:
        out.append("\n人身、财产损害赔偿的责任主体：\n")
        out += [f"- {party(p['party'], v)}：{EXTENTS.get(p['extent'], p['extent'])}{cite.paren(p.get('citations', []))}"
                for p in payers]
    out += notes_of(r, ("S3", "H1", "H4"), cite)
    return "\n".join(out)


# Engine notes that name an article in words (《民法典》第二百零三条第一款): in a memo on an earlier event that
# article may not be cited, so these notes are said in the memo's words with citations through ``Citer``.
OWN_NOTES = {
    "P2": ("交易发生于2019年12月1日之前，现行药品管理法的惩罚性赔偿规定不适用；此前的药品惩罚性赔偿依据未入库，请人工核对，"
           "并考虑欺诈惩罚性赔偿的规定{CPL-55-1}。"),
    "P3": "购买者购买时已明知商品存在问题，未因经营者的行为陷入错误认识，通常不构成欺诈，欺诈惩罚性赔偿的规定不适用{CPL-55-1}。",
    "L1": "诉讼时效起算于2017年10月1日至2020年12月31日之间，当时适用民法总则中文字相同的规定（未入库）{CC-188-1}。",
    "L6": "届满日为星期六或星期日，可顺延至法定休假日结束的次日{CC-203-1}；系统未建模法定节假日，按原届满日判断。",
    "F2": ("以被侵权人住所地为侵权结果发生地{SPC-CPI-25}能否适用于平台商品致害纠纷存在争议：一种观点认为网络购物致害属于信息网络"
           "侵权，可以适用；另一种观点认为该规定只适用于在网络上实施的侵权行为。不宜单独依赖该连结点。"),
    # the disputed points below are said with both readings (issue 13), the engine's notes give one
    "F4": ("平台用户协议中的管辖条款是否及于侵权之诉存在争议：一种观点认为协议管辖只适用于合同纠纷，侵权之诉仍依法定管辖；"
           "另一种观点认为条款措辞足以涵盖因该交易产生的全部纠纷。该条款只约束平台与消费者，不约束平台内经营者和生产者。"),
    "L10": ("对补充责任人的诉讼时效何时起算存在争议：一种观点认为与直接侵权人同日起算；另一种观点认为自对直接侵权人强制执行"
            "仍不能履行时起算。本备忘录按前一种（较保守）计算。"),
    "D5": ("补充责任：宜将平台内经营者与平台列为共同被告，平台仅就对经营者强制执行后仍不能履行的部分承担与其过错相应的补充责任"
           "{SPC-TI1-14-1,SPC-TI1-24}。"),
}


def notes_of(obj: dict, codes: tuple[str, ...], cite: Citer) -> list[str]:
    """The object's notes with these 【codes】, as bullets after a blank line."""
    lines = []
    for note in obj.get("notes", []):
        code = note[1:note.find("】")]
        if code not in codes:
            continue
        own = OWN_NOTES.get(code)
        if own:
            text = re.sub(r"\{([^}]*)\}", lambda m: cite.paren(m.group(1).split(",")), own)
        else:
            text = with_ids(note, cite)
        lines.append(f"- {text}")
    return ([""] + lines) if lines else []


def _candidates(basis: dict, facts: Any) -> str:
    """How the figure is computed: each candidate with its input."""
    c = basis.get("candidates") or {}
    price, loss = getattr(facts, "price_paid", None), getattr(facts, "loss_amount", None)
    parts = []
    if c.get("ten_times_price"):
        parts.append(f"价款{yuan(price)}的十倍为{yuan(c['ten_times_price'])}" if price is not None
                     else f"价款十倍为{yuan(c['ten_times_price'])}")
    if c.get("three_times_loss") and Decimal(c["three_times_loss"]) == 0:
        parts.append("价款以外没有损失")  # harm = none: the loss is taken as 0 (spec 7.1), not shown as 0.00元
    elif c.get("three_times_loss"):
        parts.append(f"损失{yuan(loss)}的三倍为{yuan(c['three_times_loss'])}" if loss is not None
                     else f"损失三倍为{yuan(c['three_times_loss'])}")
    if c.get("three_times_price"):
        parts.append(f"价款{yuan(price)}的三倍为{yuan(c['three_times_price'])}" if price is not None
                     else f"价款三倍为{yuan(c['three_times_price'])}")
    if c.get("minimum"):
        parts.append(f"法定最低额为{yuan(c['minimum'])}")
    if c.get("twice_loss"):
        parts.append(f"所受损失的二倍为{yuan(c['twice_loss'])}")
    return "，".join(parts)


def amount_phrase(basis: dict) -> str:
    """The figure with what kind of figure it is (exact, at least, at most, a cap)."""
    kind, amount = basis.get("amount_kind"), basis.get("amount")
    twice = (basis.get("candidates") or {}).get("twice_loss")
    if kind == "cap":
        return f"不超过所受损失的二倍（{yuan(twice)}）" if twice else "不超过所受损失的二倍（损失数额待查明）"
    if amount is None:
        return "数额无法计算"
    return {"exact": f"{yuan(amount)}", "lower_bound": f"至少{yuan(amount)}（损失数额查明后可能更高）",
            "floor_only": f"至少为法定最低额{yuan(amount)}（价款、损失查明后计算）",
            "upper_bound": f"至多{yuan(amount)}（以合理生活消费需要为限）"}.get(kind, yuan(amount))


CAVEATS = {
    "label_proviso": "标签、说明书瑕疵是否属于“不影响食品安全且不会对消费者造成误导”的瑕疵存在争议：一种观点认为属于此类瑕疵的，"
                     "不得主张惩罚性赔偿；另一种观点认为瑕疵足以误导消费者或影响安全的，仍可主张。",
    "reasonable_need_cap": "购买者购买时明知，法院通常在合理生活消费需要范围内支持惩罚性赔偿，超出部分可能不予支持。",
    "knowing_buyer_drug": "购买者明知是假药、劣药仍然购买，能否主张存在争议：一种观点认为须因生活消费需要购买；另一种观点认为"
                          "经营者不得以购买者明知为由抗辩。",
    "platform_promise": "平台曾作出先行赔付等承诺，可依其承诺向平台主张。",
}


def punitive_section(ctx: Any, cite: Citer) -> str:
    """（八）惩罚性赔偿: every basis with its status and figure, who pays, the one recommended (P5)."""
    v, r = ctx.verdict, ctx.verdict.remedies
    punitive = (r or {}).get("punitive") or {}
    bases = [b for b in punitive.get("bases", []) if b["status"] != "not_applicable"]
    if not bases:
        return "本案商品或服务的类别不属于任何惩罚性赔偿规定的适用范围，不能主张惩罚性赔偿。"
    out = []
    for n, b in enumerate(bases, 1):
        title, formula = BASES.get(b["basis"], (b["basis"], ""))
        status = b["status"]
        # a failed basis is named, not cited: its provisions are no ground of this memo (as for liability routes)
        refs = cite.paren(b.get("citations", [])) if status in ("eligible", "disputed", "blocked") else ""
        line = f"{n}. {title}{refs}：{BASIS_STATUS.get(status, status)}"
        if status in ("eligible", "disputed", "blocked"):
            line += f"。计算标准为{formula}"
            how = _candidates(b, ctx.facts)
            line += f"；{how}" if how else ""
            line += f"；数额{amount_phrase(b)}"
            if status == "blocked" and b.get("blocked_on"):
                line += "（尚待查明：" + "、".join(FACTS.get(f) or field_label(f) for f in b["blocked_on"]) + "）"
            payers = "；".join(_payer(p, v, cite) for p in b.get("payers", []))
            line += f"。支付义务人：{payers}。" if payers else "。"
            line += "".join(CAVEATS.get(c, "") for c in b.get("caveats", []))
            if status == "disputed" and not b.get("caveats") and b["basis"] == "CPL-55-1":
                # 7.13 item 4: a knowing buyer of food or drugs; no caveat code exists for it
                line += ("购买者购买时明知，能否主张欺诈惩罚性赔偿存在争议：一种观点认为购买者未陷入错误认识，不构成欺诈；"
                         "另一种观点认为经营者明知不合格仍然销售即构成欺诈，不得以购买者明知为由抗辩。")
        elif status == "failed" and b.get("failed_on"):
            line += "（" + "、".join(_fact_said(ctx.facts, f) for f in b["failed_on"]) + "，不符合要件）。"
        else:
            line += "。"
        out.append(line)
    rec = punitive.get("recommended")
    if rec:
        title = BASES.get(rec["basis"], (rec["basis"],))[0]
        out.append(f"\n上述依据只能择一主张，不得叠加。建议主张{title}，数额{amount_phrase(rec)}。")
    else:
        out.append("\n现有事实下没有可以确定主张的惩罚性赔偿依据" +
                   ("；相关事实查明后应重新评估。" if any(b["status"] == "blocked" for b in bases) else "。"))
    out += notes_of(r, ("P1", "P2", "P3", "P6"), cite)
    return "\n".join(out)


def summary_lines(ctx: Any, cite: Citer | None = None) -> list[str]:
    """The 简要结论 lines on money: the refund's figure, the punitive basis and figure (or that none is open)."""
    r = ctx.verdict.remedies
    if not r:
        return []
    lines = []
    refund = next((h for h in r.get("heads", []) if h["head"] == "price_refund"), None)
    others = [HEADS[h["head"]].split("（")[0] for h in r.get("heads", [])
              if h["head"] != "price_refund" and h["status"] == "claimable"]
    items = []
    if others:
        items.append("、".join(others) + "（数额以证据为准）")
    if refund and refund.get("amount") and refund["status"] == "claimable":
        items.append(f"退还价款{yuan(refund['amount'])}")
    if items:
        lines.append("赔偿项目：" + "；".join(items) + "。")
    punitive = r.get("punitive") or {}
    rec = punitive.get("recommended")
    if rec:
        title = BASES.get(rec["basis"], (rec["basis"],))[0]
        named = cite.some([rec["basis"]]) if cite is not None else ""
        how = f"依{named}主张{title}" if named else f"主张{title}（{rec['basis']}）"  # no Citer: the prompt's id
        lines.append(f"惩罚性赔偿：建议{how}，数额{amount_phrase(rec)}"
                     "（各依据择一主张）。")
    elif any(b["status"] == "blocked" for b in punitive.get("bases", [])):
        lines.append("惩罚性赔偿：能否主张取决于尚待查明的事实（见法律分析）。")
    elif punitive.get("bases"):
        lines.append("惩罚性赔偿：现有事实下无可主张的依据。")
    return lines


def fact_rows(facts: Any) -> list[str]:
    """The section-7 facts on record, one bullet each (unknown facts are not listed)."""
    out = []
    for name in ("price_paid", "loss_amount", "injury_severity", "goods_nonconforming", "seller_knowingly_sold",
                 "fraud", "consumer_knew_at_purchase", "label_defect_only", "harm_discovered_date", "forum_clause"):
        value = getattr(facts, name, None)
        if value is None:
            continue
        if name in ("price_paid", "loss_amount"):
            text = yuan(value)
        elif isinstance(value, bool):
            text = "是" if value else "否"
        elif name == "harm_discovered_date":
            text = chinese_date(value)
        else:
            text = VALUES.get(name, {}).get(value, str(value))
        out.append(f"- {FACTS[name]}：{text}")
    events = getattr(facts, "limitation_events", None)
    if events is not None:
        kinds = {"demand": "主张权利", "obligor_agreed": "义务人同意履行", "suit_or_arbitration": "起诉或申请仲裁",
                 "equivalent": "与起诉具有同等效力的行为"}
        rows = [f"{chinese_date(e.date)}{kinds.get(e.kind, e.kind)}（对象：{'、'.join(PARTIES.get(a, a) for a in e.against)}）"
                for e in events]
        out.append(f"- {FACTS['limitation_events']}：" + ("；".join(rows) if rows else "无"))
    return out
