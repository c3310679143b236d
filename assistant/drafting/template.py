"""The template drafter: the eight memo sections rendered from the verdict, its trace and the passages.

Offline and deterministic: the same facts, corpus and rules give the same bytes (no clock, no randomness;
the as-of date in 声明 is the event date). Only allowed authorities in force on the event date are cited.
"""

from __future__ import annotations

from assistant.drafting.analysis import legal_analysis, liability_phrase, relevant_38_2, route_38_2
from assistant.drafting import limitation_zh, remedies_zh
from assistant.drafting.authorities import ground_ids, remedy_ids
from assistant.drafting.citer import Citer
from assistant.drafting.context import PROFILE_LABELS, DraftContext
from assistant.drafting.facts_zh import chinese_date, field_label, known_facts
from assistant.drafting.provenance import rules_version
from assistant.drafting.scenarios import evidence_steps, form_is_settled, record_lines
from assistant.drafting.narrative import quoted
from assistant.guard.terms import basis_label, form_label
from assistant.memo.sections import join_sections

DRAFTER_NAME = "template"


def question(ctx: DraftContext) -> str:
    """问题: the question presented."""
    f = ctx.facts
    rows = {row["field"]: row["value"] for row in known_facts(f)}
    when = f"于{chinese_date(f.event_date)}" if f.event_date else "（事发日期不明）"
    goods = rows.get("category", "商品或服务")
    harm = rows.get("harm", "损害")
    role = rows.get("platform_role", "角色尚不明确")
    return (f"消费者{when}通过电子商务平台购买{goods}，遭受{harm}；平台为{role}。"
            "本备忘录需回答：平台是否应对消费者的损害承担民事责任；如应承担，其责任形态、归责原则和举证责任如何确定，"
            "平台承担责任后能否向平台内经营者追偿；消费者可以主张哪些赔偿项目和惩罚性赔偿、数额多少，诉讼时效是否届满，"
            "应以谁为被告、向哪个法院起诉；以及仍需查明哪些事实。")


def short_answer(ctx: DraftContext, cite: Citer) -> str:
    """简要结论: the three labelled lines, then burden basis, recourse, main authority and open facts."""
    v = ctx.verdict
    lines = list(ctx.conclusion_lines()) + [""]
    record = record_lines(ctx, cite, platform_phrase)
    if record:
        lines += record + [""]
    if v.burden_of_proof == "platform":
        lines.append(f"举证责任的性质：{basis_label(v.burden_basis)}。")
    if v.liability_form not in ("none", "undetermined"):
        if v.liability_form == "seller_liability":
            lines.append("追偿：平台作为销售者赔偿后，可以向生产者追偿。" if v.recourse
                         else "追偿：平台作为销售者赔偿后，不能向他人追偿（理由见法律分析）。")
        else:
            lines.append("追偿：平台承担责任后可以向平台内经营者追偿。" if v.recourse
                         else "追偿：平台承担责任后不能向平台内经营者追偿（理由见法律分析）。")
    main = [pid for pid in ground_ids(v, ctx.event_date) if cite.can(pid) and not pid.startswith("QIN-")][:2]
    if main:
        lines.append(f"主要依据：{cite.some(main)}。")
    if relevant_38_2(v):
        lines.append(f"所采学说：{PROFILE_LABELS.get(v.doctrine.profile, v.doctrine.profile)}。")
    # spec section 7: the figures, the limitation status and the defendants, when the verdict carries them
    lines += remedies_zh.summary_lines(ctx, cite) + limitation_zh.summary_lines(ctx)
    if v.missing_facts:
        # with scenarios known, say whether proof could change the form (the record lines above say which)
        settled = form_is_settled(v)
        lines.append(f"尚有{len(v.missing_facts)}项事实有待核实（见“建议”）"
                     + ("；其查明不改变责任形态。" if settled else "，查明后结论可能变化。"))
    return "\n".join(lines)


def platform_phrase(form: str) -> str:
    """The form as a sentence about the platform: 平台承担连带责任 / 平台不承担责任 / 责任形态尚无法确定."""
    if form == "none":
        return "平台不承担责任"
    if form == "undetermined":
        return "平台的责任形态尚无法确定"
    return liability_phrase(form)


def facts_section(ctx: DraftContext) -> str:
    """事实与假设: facts relied on, the client's narrative, unknown facts stated as assumptions."""
    f, v = ctx.facts, ctx.verdict
    out = ["### （一）据以分析的事实\n"]
    rows = known_facts(f)
    # spec 7.1: the amounts, dates and the like the remedies part rests on, beside the liability facts
    extra = remedies_zh.fact_rows(f)
    out += [f"- {row['label']}：{row['value']}" for row in rows] + extra or ["- 委托人尚未提供可确认的事实。"]
    if f.narrative:
        text, cut = quoted(f.narrative)  # issue 14: a long paste is quoted up to QUOTE_LIMIT, and the memo says so
        out += ["\n### （二）当事人陈述\n", "\n".join(f"> {line}" for line in text.splitlines() if line.strip())]
        if cut:
            out.append(f"\n（{cut}）")
    out.append(f"\n### （{'三' if f.narrative else '二'}）未明事实与假设\n")
    if not f.event_date:
        out.append("- 事发日期不明：本备忘录暂按现行法分析。")
    if v.missing_facts:
        out.append("下列事实尚不明确，本备忘录对其不作任何推定，结论以其现状为前提：\n")
        out += [f"- {field_label(m.fact)}：{m.question}" for m in v.missing_facts]
    elif f.event_date:
        out.append("- 对结论有影响的事实均已明确；如上述事实与证据不符，结论应重新评估。")
    return "\n".join(out)


def risks(ctx: DraftContext, cite: Citer) -> str:
    """风险提示: contrary doctrinal positions, the burden-of-proof risk, evidence gaps."""
    v = ctx.verdict
    out = []
    contrary = [(name, alt) for name, alt in v.doctrine.alternatives.items() if alt != v.liability_form]
    if contrary:
        dispute = cite.paren(["QIN-4.1.1"]) if route_38_2(v) is not None else ""
        out.append(f"1. 学说与裁判分歧：法院对“相应的责任”享有较大裁量空间，同案不同判的风险较高{dispute}。"
                   "若法院采其他学说，结论可能为：" + "；".join(
                       f"{PROFILE_LABELS.get(name, name)}——{form_label(alt)}" for name, alt in contrary) + "。")
    if v.burden_of_proof == "platform" and v.burden_basis == "proposal":
        out.append(f"{len(out) + 1}. 举证责任风险：举证责任倒置系学说建议而非现行法，法院不予采纳时，"
                   "消费者须自行证明平台未尽审核或安全保障义务，应提前准备相应证据并申请法院责令平台提交其掌握的审核、监控记录。")
    if v.missing_facts:
        # labels contain 、 themselves (名称、地址和有效联系方式): 「」 keep each fact apart
        names = "".join(f"「{field_label(m.fact)}」" for m in v.missing_facts)
        out.append(f"{len(out) + 1}. 证据缺口：{names}{'等事实' if len(v.missing_facts) > 1 else ''}尚不明确，"
                   + ("查明后举证责任等可能改变，但不改变责任形态。" if form_is_settled(v)
                      else "查明后责任形态或举证责任可能改变。"))
    if ctx.facts.consumer_prima_facie_evidence is not True and v.burden_of_proof != "not_applicable":
        out.append(f"{len(out) + 1}. 初步证据：消费者的购买记录、损害后果证明及与平台的沟通记录应完整保存，"
                   "否则难以证明损害与平台的关联。")
    if not ctx.facts.event_date:
        out.append(f"{len(out) + 1}. 法律适用：事发日期不明，若事发于相关法律施行之前，适用的规范及结论可能不同。")
    if any(p.kind == "case" for p in ctx.passages):
        out.append(f"{len(out) + 1}. 类案局限：所引案例为公开报道的摘要，事实与本案不尽相同，其裁判规则不具有当然的拘束力。")
    return "\n".join(out) or "暂未发现结论之外的重大风险；如事实与证据有变化，应重新评估。"


def next_steps(ctx: DraftContext) -> str:
    """建议: the missing-fact questions, then evidence and procedure steps."""
    v = ctx.verdict
    steps = [f"向委托人核实：{m.question}" for m in v.missing_facts]
    steps += limitation_zh.next_steps(ctx)
    steps += evidence_steps(v)
    steps.append("固定交易与损害证据：订单与支付记录、商品或服务页面截图、就医记录与费用票据、与平台客服的沟通记录。")
    if relevant_38_2(v):  # the review and monitoring records matter only where the 38(2) route is live
        steps.append("申请法院责令平台提交其对平台内经营者的资质审核记录、商品信息监控记录和投诉处理记录。")
    if v.recourse:
        target = "生产者" if v.liability_form == "seller_liability" else "平台内经营者"
        steps.append(f"如代理平台：保存向{target}追偿所需的证据，并在赔付后及时主张追偿。")
    steps.append("起诉或发函前，核对所引条文的现行文本与最新司法解释；引用案例前调取裁判文书原文。")
    return "\n".join(f"{n}. {step}" for n, step in enumerate(steps, 1))


def basis(ctx: DraftContext, cite: Citer) -> str:
    """依据: what the conclusion rests on (winning and concurrent routes, bars, burden rule, doctrine sources, the
    time-law provisions when the date matters), numbered, with version / effective date; never a failed route."""
    grounds = [pid for pid in ground_ids(ctx.verdict, ctx.event_date) if cite.can(pid)]
    # spec section 7: the remedies, limitation and forum provisions the analysis cited are grounds too
    remedial = set(remedy_ids(ctx.verdict, ctx.event_date, ctx.corpus))
    # (the cases note P6 names illustrate a dispute: they are no ground, as similar cases are not)
    grounds += [pid for pid in cite.used if pid in remedial and pid not in grounds
                and getattr(ctx.corpus.get(pid), "kind", "") != "case"]
    for pid in grounds:
        if pid not in cite.used:  # a ground named only in this list is still cited here: remember its instrument
            cite(pid)
    entries = cite.basis_entries(only=set(grounds) | {p for p in cite.used if p.startswith("QIN-")})
    return "\n".join(f"{n}. {entry}" for n, entry in enumerate(entries, 1)) or "（无）"


def disclaimer(ctx: DraftContext, cite: Citer) -> str:
    """声明: as-of date (event-date law), how the memo was made, scope; what it says of the cited texts' force
    matches the analysis (a later text is said to be later). No clock: the same inputs, the same text."""
    decided = getattr(ctx.facts, "decision_date", None)
    spc = f"司法解释以裁判日{chinese_date(decided)}有效者为准" if decided else "司法解释以现行有效者为准（适用于尚未审结的纠纷）"
    when = (f"本备忘录法律以事发日{chinese_date(ctx.event_date)}有效的文本为准，{spc}"
            if ctx.event_date else "事发日期不明，本备忘录以语料库所载现行有效的法律、司法解释为准")
    later = [pid for pid in cite.used if cite.later_text_note(pid)]
    applied = [pid for pid in cite.used if pid in cite.applied and not ctx.corpus.in_force(pid, cite.when)]
    force = "所有引证均已经自动核查可在语料库中找到" + ("且其条号于事发日有效" if ctx.event_date else "且现行有效")
    if later:
        force += "；其中部分条文（见法律分析中的注明）所引文本晚于事发日施行，条文内容须核对事发时的文本"
    if applied:
        force += "；部分司法解释依其时间效力规定适用于事发在先、尚未审结的纠纷（见法律分析）"
    return "\n".join([
        f"1. 法律截至日：{when}（语料版本 {ctx.corpus.hash[:12]}，规则版本 {rules_version()}）。",
        "2. 生成方式：本备忘录由 lexmemo 模板起草器根据确定性规则引擎的结论自动生成（人工智能辅助），"
        f"{force}" + ("；学说观点主要取自覃玉娟文。" if cite.introduced("QIN") else "。"),
        "3. 适用范围：仅分析电子商务平台及相关经营者对消费者的民事责任（含赔偿项目、惩罚性赔偿、诉讼时效与管辖），"
        "不涉及行政责任、刑事责任；人身损害各项赔偿的具体数额未予计算，亦不对证据真实性作出判断。",
        "4. 本备忘录不构成正式法律意见，须经执业律师审阅、修改后方可使用。",
    ])


def draft_template(ctx: DraftContext) -> str:
    """Render the whole memo as Markdown (``# title`` and the eight ``##`` sections)."""
    # the template cites only the deterministic authorities (not retrieval hits): `lexmemo verify` without a
    # receipt computes the same set from the same facts and doctrine
    cite = Citer(ctx.corpus, ctx.template_ids, ctx.event_date, applied=ctx.verdict.citations,
                 decision_date=getattr(ctx.facts, "decision_date", None))
    sections = {"问题": question(ctx), "简要结论": short_answer(ctx, cite), "事实与假设": facts_section(ctx),
                "法律分析": legal_analysis(ctx, cite), "风险提示": risks(ctx, cite), "建议": next_steps(ctx)}
    sections["依据"] = basis(ctx, cite)
    sections["声明"] = disclaimer(ctx, cite)
    return join_sections(ctx.title, sections)
