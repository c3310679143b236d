"""The memo's Chinese for spec 7.5–7.7: limitation (诉讼时效) per defendant, forum (管辖) and parties, and the
next steps and client questions the three section-7 objects raise.

Reads only the verdict's ``limitation`` and ``forum`` objects (spec 7.8). Status words are the ones the guard
reads back (``assistant.guard.remedies_check``): 未届满 / 即将届满 / 已届满; an expiry that holds only if no
interruption happened is said to be conditional, never flatly expired.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from assistant.drafting.citer import Citer
from assistant.drafting.facts_zh import chinese_date
from assistant.drafting.remedies_zh import notes_of, party

STATUS = {
    "running": "未届满", "expiring_soon": "即将届满（不足九十日）", "expired": "已届满",
    "expired_unless_interrupted": "如无中断、中止事由，已届满", "defence_waived": "已届满，但义务人届满后同意履行，不得再以时效抗辩",
    "check_prior_law": "须依事发时的旧法人工核对", "undetermined": "因起算日不明无法确定",
    "interrupted_pending": "因起诉或申请仲裁而中断，程序尚在进行", "suspended": "中止，中止事由尚未消除",
    "barred_20_years": "已超过自权利受到损害之日起二十年的最长期间",
}
START = {"harm_discovered_date": "自发现损害之日起算", "event_date_fallback": "发现损害的日期不明，暂自事发日起算（最早可能的日期）",
         "start": "自起算日起算"}
FACTORS = {
    "defendant_domicile": "被告住所地", "contract_performance_place": "合同履行地（网络购物的收货地或买受人住所地）",
    "tort_act_place": "侵权行为实施地", "tort_result_place": "侵权结果发生地", "product_manufacture_place": "产品制造地",
    "product_sale_place": "产品销售地", "service_place": "服务提供地", "victim_domicile": "被侵权人住所地",
    "agreed_court": "用户协议约定的法院",
}
FACTOR_STATUS = {"available": "", "arguable": "（存在争议，不宜单独依赖）", "agreed": "（协议约定）",
                 "displaced_by_agreement": "（因协议管辖而不再适用）"}
CLAUSE = {
    None: "尚不清楚平台用户协议是否约定了管辖法院。",
    "unknown": "尚不清楚平台用户协议是否约定了管辖法院。", "none": "平台用户协议未约定管辖法院。",
    "agreed_court_for_contract_claims": "用户协议的管辖条款已以显著方式提示，对消费者与作为销售者的平台之间的合同之诉从其约定"
                                        "（约定的法院须与争议有实际联系）。",
    "invalid_on_consumer_request": "用户协议的管辖条款未以合理方式提请消费者注意，消费者主张该条款无效的，法院应予支持。",
}
DEFENDANT = {"name": "列为被告", "name_when_identified": "查明其真实名称、地址后追加为被告",
             "name_if_identifiable": "可以查明时列为被告", "conditional": "待有关事实查明后决定是否列为被告"}
NATURE = {"tort": "侵权之诉", "contract": "合同之诉", "contract+tort": "合同之诉与侵权之诉（违约与侵权竞合，消费者可择一）"}


def _claim_line(c: dict, decided: date | None) -> str:
    """One obligor's period: start, expiry, days left and status."""
    who = party(c["against"])
    if not c.get("expiry_date"):
        return f"- 对{who}：{STATUS.get(c['status'], c['status'])}。"
    restart = f"自{chinese_date(date.fromisoformat(c['restart_date']))}起重新计算，" if c.get(
        "restart_basis") not in (None, "start") else ""
    days = c.get("days_left")
    left = ""
    if days is not None and decided is not None:
        left = (f"，截至裁判日{chinese_date(decided)}尚余{days}日" if days >= 0
                else f"，截至裁判日{chinese_date(decided)}已过{-days}日")
    weekend = "（届满日为周末，可顺延至休假日结束的次日）" if c.get("holiday_rollover_possible") else ""
    return (f"- 对{who}：{restart}于{chinese_date(date.fromisoformat(c['expiry_date']))}届满{weekend}{left}，"
            f"{STATUS.get(c['status'], c['status'])}。")


def _decided(ctx: Any) -> date | None:
    """The decision date the limitation status was computed on."""
    raw = (ctx.verdict.remedies or {}).get("decision_date")
    return date.fromisoformat(raw) if raw else getattr(ctx.facts, "decision_date", None)


def limitation_section(ctx: Any, cite: Citer) -> str:
    """（九）诉讼时效: the regime, the start, each obligor's expiry and status, the disputed two-year period."""
    lim = ctx.verdict.limitation
    if not lim:
        return "规则引擎未就诉讼时效作出判断。"
    decided = _decided(ctx)
    out = []
    if lim.get("regime") == "CC-188":
        start = chinese_date(date.fromisoformat(lim["start_date"]))
        out.append(f"诉讼时效期间为三年{cite.paren(['CC-188-1'])}，自权利人知道或者应当知道权利受到损害以及义务人之日起计算"
                   f"{cite.paren(['CC-188-2'])}。本案{START.get(lim.get('start_basis'), '')}：{start}。各义务人分别计算如下：\n")
        out += [_claim_line(c, decided) for c in lim.get("claims", [])]
    elif lim.get("regime") == "check_prior_law":
        bound = lim.get("safe_bound_date")
        late = bound and decided and date.fromisoformat(bound) < decided
        out.append("本案诉讼时效起算于2017年10月1日之前，须依当时的《民法通则》及《民法总则》施行时的过渡规则判断"
                   "（相关法律、司法解释未入库，请人工核对），本备忘录不作结论"
                   + (f"；如无中断事由，任何一种解读下的届满日均不晚于{chinese_date(date.fromisoformat(bound))}" if bound else "")
                   + ("，该日早于裁判日，即如无中断事由，时效已届满" if late else "") + "。")
    else:
        out.append("发现损害的日期和事发日期均不明，诉讼时效的起算日和届满日暂无法确定。")
    pdp = lim.get("product_defect_period")
    if pdp:
        out.append(f"\n存在争议：缺陷产品致害的诉讼时效是否适用二年期间{cite.paren(['PQL-45-1'])}。一种观点认为，《民法典》施行后"
                   "统一适用三年期间（即上述计算）；另一种观点认为，产品质量法的二年期间作为特别规定继续适用，据此：\n")
        # 按二年期间 in every line: the reader (and the guard) must not take them for the three-year status
        out += [_claim_line(c, decided).replace("- 对", "- 按二年期间，对", 1) for c in pdp.get("claims", [])]
        if pdp.get("long_stop_date"):
            out.append(f"- 请求权自缺陷产品交付最初消费者满十年丧失（约{chinese_date(date.fromisoformat(pdp['long_stop_date']))}）"
                       f"{cite.paren(['PQL-45-2'])}。")
        out.append("稳妥起见，应按二年期间准备。")
    if any(c["status"] in ("expired", "expired_unless_interrupted", "defence_waived")
           for c in lim.get("claims", []) + ((pdp or {}).get("claims") or [])):
        out.append("\n时效届满的效果：义务人可以提出不履行义务的抗辩，但法院不主动适用诉讼时效；起诉仍应受理，"
                   f"抗辩成立的，判决驳回诉讼请求{cite.paren(['CC-192-1', 'CC-193'])}。")
    out += notes_of(lim, ("L1", "L2", "L4", "L6", "L10"), cite)  # L3 is said above, with its safe bound
    return "\n".join(out)


def forum_section(ctx: Any, cite: Citer) -> str:
    """（十）管辖与当事人: claim routes and connecting factors, the jurisdiction clause, plaintiffs, defendants."""
    v, fo = ctx.verdict, ctx.verdict.forum
    if not fo:
        return "规则引擎未就管辖与当事人作出判断。"
    out = [f"本案可以提起{NATURE.get(fo.get('claim_nature'), fo.get('claim_nature'))}。有管辖权的法院：\n"]
    for route in fo.get("routes", []):
        name = "合同之诉" if route["claim"] == "contract" else "侵权之诉"
        factors = "、".join(FACTORS.get(f["factor"], f["factor"]) + FACTOR_STATUS.get(f["status"], "")
                            for f in route.get("factors", []))
        ids = [c for f in route.get("factors", []) if f["status"] != "arguable" for c in f.get("citations", [])]
        out.append(f"- {name}：{factors}的人民法院{cite.paren(ids)}。")
    clause = fo.get("jurisdiction_clause") or {}
    out.append(f"\n管辖条款：{CLAUSE.get(clause.get('effect'), '').rstrip('。')}{cite.paren(clause.get('citations', []))}。")
    if fo.get("court_level") == "basic":
        out.append(f"第一审由基层人民法院管辖{cite.paren(['CPROC-18'])}；原告可以向其中一个有管辖权的法院起诉，"
                   f"向两个以上法院起诉的，由最先立案的法院管辖{cite.paren(['CPROC-36'])}。")
    plaintiffs = "、".join(party(p["party"]) for p in fo.get("plaintiffs", []))
    if plaintiffs:
        out.append(f"\n原告：{plaintiffs}。")
    defendants = fo.get("defendants", [])
    if defendants:
        out.append("被告（按列明顺序）：\n")
        out += [f"{d['order']}. {party(d['party'], v)}：{DEFENDANT.get(d['status'], d['status'])}"
                f"{cite.paren(d.get('citations', []))}" for d in defendants]
        if len(defendants) > 1:
            out.append(f"\n数名被告可以作为共同被告一并起诉{cite.paren(['CPROC-55-1'])}。")
    out += notes_of(fo, ("F2", "F4", "F6", "D5", "D6"), cite)
    return "\n".join(out)


def summary_lines(ctx: Any) -> list[str]:
    """The 简要结论 lines on time and parties: the status with each expiry date, the defendants."""
    lim, fo = ctx.verdict.limitation, ctx.verdict.forum
    lines = []
    claims = (lim or {}).get("claims", [])
    if claims:
        statuses = {c["status"] for c in claims}
        if len(statuses) == 1:
            head = STATUS.get(next(iter(statuses)), "")
        else:
            head = "各义务人不同"
        dated = [f"对{party(c['against'])}于{chinese_date(date.fromisoformat(c['expiry_date']))}届满"
                 + ("" if len(statuses) == 1 else f"（{STATUS.get(c['status'], c['status'])}）")
                 for c in claims if c.get("expiry_date")]
        lines.append(f"诉讼时效：{head}" + (f"（{'；'.join(dated)}）" if dated else "") + "。")
    defendants = (fo or {}).get("defendants", [])
    if defendants:
        lines.append("被告：" + "、".join(party(d["party"], ctx.verdict) + ("" if d["status"] == "name" else "（"
                                          + DEFENDANT.get(d["status"], "") + "）") for d in defendants) + "。")
    asked = {m.fact for m in ctx.verdict.missing_facts}
    more = {m["fact"] for obj in (ctx.verdict.remedies, lim, fo) for m in (obj or {}).get("missing_facts", [])} - asked
    if more:
        lines.append(f"赔偿、时效与管辖方面另有{len(more)}项事实有待核实（见“建议”）。")
    return lines


def next_steps(ctx: Any) -> list[str]:
    """建议 steps: the section-7 questions not already asked, then what the limitation status requires."""
    v = ctx.verdict
    asked = {m.fact for m in v.missing_facts}
    steps = []
    for obj in (v.remedies, v.limitation, v.forum):
        for m in (obj or {}).get("missing_facts", []):
            if m["fact"] not in asked:
                asked.add(m["fact"])
                steps.append(f"向委托人核实：{m['question']}")
    claims = (v.limitation or {}).get("claims", [])
    soon = sorted(c["expiry_date"] for c in claims if c["status"] == "expiring_soon")
    if soon:
        steps.append(f"诉讼时效即将届满：应于{chinese_date(date.fromisoformat(soon[0]))}之前起诉，或向各义务人书面主张权利以中断时效。")
    if any(c["status"] == "expired_unless_interrupted" for c in claims):
        steps.append("核实是否存在主张权利、对方同意履行、起诉或投诉等中断事由；如无，应评估对方提出时效抗辩的风险（起诉仍可受理）。")
    if any(c["status"] == "expired" for c in claims):
        steps.append("诉讼时效已届满：起诉仍可受理，但对方可提出时效抗辩；核实对方届满后是否同意履行。")
    if any(c["status"] == "check_prior_law" for c in claims):
        steps.append("依事发时的法律及过渡规则人工核对诉讼时效是否已经届满。")
    return steps
