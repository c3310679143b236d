"""The liability engine: applies spec section 4 in order — time, self-operation, bars, routes, precedence.

``classify`` is pure and fast: no corpus, no I/O. Every route is evaluated (all stay in the trace); the
verdict's form is the first established in the precedence order, unless an earlier form is still possible
behind unknown facts (then ``undetermined``). ``doctrine.alternatives`` re-decides with each other profile.
"""

from __future__ import annotations

from typing import Any, Optional

from assistant.core.batch import batch_verdict, checked_constructor, full_verdict
from assistant.core.conditional import on_record as _on_record, scenarios as _scenarios
from assistant.core.doctrine import PROFILES
from assistant.core.law_as_of import (
    CIVIL_CODE_START, ECL_START, SCOPE_START, TRANSITIONAL, code_of, instruments_in_force, law_id, retroactive,
    transitional_note, version_notes,
)
from assistant.core.models import DOCTRINES, AsOf, ClaimFacts, DoctrineInfo, MissingFact, Verdict
from assistant.core.questions import question_for
from assistant.core.remedies import attach_advice
from assistant.core.registry import Context, RuleResult
from assistant.core.routes import RANK as _RANK, alternatives as _alternatives, build_context, decide, evaluate
from assistant.core.rules.expanded_damage import expanded_damage
from assistant.core.rules.time_as_of import law_as_of

_SHIFTED = ("presumed_fault", "platform", "proposal")
_LEX_LATA = ("fault", "consumer", "lex_lata")
_NA = ("not_applicable", "not_applicable", "lex_lata")

NOTE_NO_RECOURSE_TLL = ("交易发生于2021年1月1日之前，补充责任依《侵权责任法》第三十七条第二款类推，该款没有追偿规定"
                        "（《民法典》第一千一百九十八条第二款始增设），故平台承担补充责任后不能据此向商家追偿。")
NOTE_PROPOSAL = ("举证责任倒置是覃玉娟（2025）提出的立法建议（QIN-5.4），并非现行法：{law}"
                 "仅在法律规定时推定过错，故该结论依赖这一学说，而非现行法的明文规定。")
#: Spec rule 1 (TLL-6 for CC-1165): the presumption-of-fault provision as named on the event date.
PRESUMPTION_ZH = {"CC-1165-2": "《民法典》第一千一百六十五条第二款", "TLL-6-2": "《侵权责任法》第六条第二款"}
NOTE_FOOD_PREVAILS = ("食品平台未审核许可证：《食品安全法》第一百三十一条第一款的连带责任优先于《电子商务法》第三十八条"
                      "第二款适用（QIN-4.1.1、QIN-4.1.2）。")


#: Unvalidated constructors for the engine's own (valid) values, each checked against validation at import.
_MissingFact = checked_constructor(MissingFact, {"fact": "harm", "question": "问"})
_DoctrineInfo = checked_constructor(DoctrineInfo, {"profile": "qin2025", "alternatives": {"joint": "none"}})
_AsOf = checked_constructor(AsOf, {"date": None, "assumed_current_law": True, "instruments": ["CC"],
                                   "version_notes": ["注"]})


def _coerce(facts: ClaimFacts | dict[str, Any]) -> ClaimFacts:
    """Accept a ClaimFacts or a dict of the spec's field names (validated; errors name the field)."""
    if isinstance(facts, ClaimFacts):
        return facts
    return ClaimFacts.model_validate(facts)


def _missing(ctx: Context, ordered: list[RuleResult], route_38_2: RuleResult, profile: str,
             bar: Optional[RuleResult]) -> list[MissingFact]:
    """Spec "Missing facts": blocked routes' unknowns by rank of the form they could unlock, then the rest."""
    facts = ctx.facts
    ranked: list[tuple[int, int, str]] = []
    for seq, r in enumerate(ordered):
        if r.outcome in ("met", "blocked"):
            # unknown elements, and (literal reading) the unknown facts behind a met element (38(2): review false,
            # safety unknown): each is an unknown element of a route that has neither failed nor been barred,
            # asked whether the route is met or blocked on something else
            unknown = [fact for e in r.elements if e.ok is not False
                       for fact in ((e.facts or (e.name,)) if e.ok is None else e.facts)]   # unknown_facts
            if unknown:
                ranked += [(_RANK[r.form], seq * 100 + i, fact) for i, fact in enumerate(unknown)]
    names = [fact for _, _, fact in sorted(ranked)] if ranked else []
    if route_38_2.outcome == "met" and profile == "qin2025" and facts.consumer_prima_facie_evidence is None:
        names.append("consumer_prima_facie_evidence")
    if bar is None:
        if facts.platform_role is None:
            names.append("platform_role")
        if facts.advance_compensation_promised is None and not ctx.seller_route:
            names.append("advance_compensation_promised")
    if not ctx.date_known:
        names.append("event_date")
    if not names:
        return []
    # first occurrences in order (a dict, not a list scanned per name)
    return [_MissingFact(fact=name, question=question_for(name, facts)) for name in dict.fromkeys(names)]


def _imputation(form: str, winner: Optional[RuleResult], shifted: bool) -> tuple[str, str, str]:
    """Spec rule 9, "Imputation and burden by form": (imputation, burden_of_proof, burden_basis)."""
    if form in ("joint_and_several", "proportional", "proportional_joint", "supplementary"):
        return _SHIFTED if (shifted and winner is not None and winner.rule == "ecl_38_2") else _LEX_LATA
    if form == "none" and winner is not None and winner.outcome == "rebutted":
        return _SHIFTED
    return _NA


def _recourse(form: str, ctx: Context, regimes: list[str]) -> bool:
    """Spec section 3 ``recourse``: by form and date; a concurrent CPL-44-1 route also gives recourse."""
    if "CPL-44-1" in regimes:
        return True
    if form == "supplementary":
        return ctx.on >= CIVIL_CODE_START
    return form in ("advance_compensation", "joint_and_several", "proportional_joint", "seller_liability")


def _dedupe(ids: list[str]) -> list[str]:
    if len(ids) < 2:
        return list(ids)   # nothing to drop (most regimes and notes lists): no dict built
    return list(dict.fromkeys(ids))   # first occurrences, in order


def _out_of_scope(ctx: Context, time_res: Optional[RuleResult], doctrine: str, trace: bool) -> dict[str, Any]:
    """Events before 2014-03-15: undetermined with a note, the date asked to be confirmed (on_record too)."""
    note = "事件早于2014年3月15日，超出本引擎范围（2013年修正的《消费者权益保护法》自该日施行），需人工分析。"
    return dict(
        liability_form="undetermined",
        doctrine=DoctrineInfo(profile=doctrine, alternatives={p: "undetermined" for p in DOCTRINES if p != doctrine}),
        trace=[time_res.to_trace()] if trace else [],
        missing_facts=[MissingFact(fact="event_date", question=question_for("event_date", ctx.facts, True))],
        as_of=AsOf(date=ctx.on.isoformat(), instruments=instruments_in_force(ctx.on, ctx.decided),
                   version_notes=version_notes(ctx.on, True, ctx.decided, ctx.decision_known)),
        notes=[note],
        on_record="undetermined",
    )


def _transitional(ctx: Context, citations: list[str]) -> tuple[list[str], list[str]]:
    """Spec rule 1: for each interpretation cited for an event before its effective date, the note quoting its
    transitional article (SPC-OC: the general rule), and the transitional article ids to cite."""
    notes, cites = [], []
    # only an interpretation (an SPC-* id) can reach back (rule 1): the prefix test skips the statutes cheaply
    for code in _dedupe([code_of(pid) for pid in citations
                         if pid.startswith("SPC-") and retroactive(pid, ctx.on, ctx.decided)]):
        notes.append(transitional_note(code))
        if code in TRANSITIONAL:
            cites.append(TRANSITIONAL[code][0])
    return notes, cites


def _finish(fields: dict[str, Any], facts: ClaimFacts, ctx: Context, trace: bool) -> Verdict:
    """The Verdict of the engine's fields, then spec section 7 (remedies, forum, limitation: S1).

    The fields are built from validated parts only, so ``model_construct`` skips a second validation (tests
    check every generated verdict equals its re-validated dump). ``trace=False``: section 7 runs on first use.
    """
    if not trace:
        return batch_verdict(fields, facts, ctx.seller_route)
    return attach_advice(full_verdict(fields), facts, ctx.seller_route)


def classify(facts: ClaimFacts | dict[str, Any], doctrine: str = "qin2025", scenarios: bool = True,
             trace: bool = True) -> Verdict:
    """Classify one claim's facts into a Verdict under the given doctrine profile (spec section 4).

    ``scenarios=False`` skips rule 12's scenario search (batch paths that do not show them); ``on_record`` is
    always computed. ``trace=False`` (batch paths): ``trace`` and the section-7 objects' traces stay empty and
    section 7 runs on first use (``BatchVerdict``); every other field is the same as with the trace.
    """
    if doctrine not in PROFILES:
        raise ValueError(f"unknown doctrine {doctrine!r}; accepted: {', '.join(DOCTRINES)}")
    facts = _coerce(facts)
    ctx = build_context(facts)
    # rule 1's entry only explains the law applied, in the trace: a batch verdict (no trace) does not build it
    time_res = law_as_of(ctx) if trace else None
    if ctx.on < SCOPE_START:
        return _finish(_out_of_scope(ctx, time_res, doctrine, trace), facts, ctx, trace)

    ev = evaluate(ctx, doctrine)
    ordered = ev.ordered                                      # rule order 2, 4, 5, 6, 7, 8
    seller, ident, prom, know, food, route = ordered
    bar, shifted, burden_res = ev.bar, ev.shifted, ev.burden
    form, winner = decide(ordered, bar)
    if bar is not None:
        # rule 3 bars every route whatever the profile: no need to re-run the other profiles
        alternatives = {other: "none" for other in DOCTRINES if other != doctrine}
    elif route.outcome not in ("met", "blocked", "rebutted"):
        # 38(2) not applicable, failed on its statutory elements or barred by causation: no profile is reached
        # (ecl_38_2 returns before the profile's form counts, the burden is not_applicable), so each profile
        # decides the same routes as this one
        alternatives = {other: form for other in DOCTRINES if other != doctrine}
    else:
        # each other profile decides only its own 38(2) route: decided from the elements already evaluated
        alternatives = _alternatives(ctx, ev, doctrine)

    # the winning route first (as the spec's example ["ECL-38-2", "CPL-44-1"]), then the rest in rule order
    met = [r for r in ordered if r.outcome == "met" and r.regime]
    if len(met) > 1:
        met.sort(key=lambda r: r is not winner)   # stable: the rest keep rule order
    regimes = _dedupe([r.regime for r in met])
    imputation, burden_of_proof, basis = _imputation(form, winner, shifted)
    expanded = expanded_damage(ctx)
    if bar is not None and expanded.outcome == "met":
        expanded.outcome, expanded.detail = "barred", f"被{bar.title}阻却"
        expanded.citations = []

    citations: list[str] = list(winner.citations) if winner is not None else []
    for r in ordered:
        if r.outcome == "met" and r is not winner:
            citations += r.citations
    notes: list[str] = []
    if bar is not None:
        citations += bar.citations
        notes.append(f"{bar.title}：{bar.detail}（{'、'.join(bar.citations)}）。")
    if food.outcome == "met" and route.outcome in ("met", "blocked"):
        citations.append("QIN-4.1.1")
        notes.append(NOTE_FOOD_PREVAILS)
    if expanded.outcome == "met":
        citations += expanded.citations
        notes.append("平台未及时处理投诉致损害扩大，对扩大部分另行承担责任（QIN-5.2.3）。")
    recourse = _recourse(form, ctx, regimes)
    if form == "supplementary" and not recourse and ctx.on < CIVIL_CODE_START:
        notes.append(NOTE_NO_RECOURSE_TLL)
    if basis == "proposal":
        notes.append(NOTE_PROPOSAL.format(law=PRESUMPTION_ZH[law_id("CC-1165-2", ctx.on)]))
    if route.outcome == "barred" and bar is None:
        notes.append("因果关系不成立，阻却《电子商务法》第三十八条第二款的请求（其他路径不以因果关系为要件）。")
    if route.outcome == "rebutted":
        notes.append("平台已证明履行审核与安全保障义务，推翻过错推定，不承担第三十八条第二款的责任。")
    notes += seller.notes
    if know.outcome in ("met", "blocked"):
        notes += know.notes
    if ctx.on < ECL_START:
        notes.append("交易发生于2019年1月1日之前，《电子商务法》尚未施行，不适用其第三十八条。")
    retro_notes, retro_cites = _transitional(ctx, citations)
    notes += retro_notes
    citations += retro_cites
    if time_res is not None:
        time_res.citations += retro_cites
    if form == "undetermined":
        notes.append("事实不足，暂无法确定责任形态：请先补充待补事实所列问题。")

    entries = (time_res, seller, ev.no_harm, ev.force, ident, prom, know, food, route, burden_res, expanded)
    fields = {   # a literal in the Verdict's field order (no keyword call)
        "liability_form": form,
        "regimes": regimes,
        "liability_nature": "contract_seller" if form == "seller_liability" else "tort",
        "imputation": imputation,
        "burden_of_proof": burden_of_proof,
        "burden_basis": basis,
        "recourse": recourse,
        "expanded_damage": expanded.outcome == "met",
        "doctrine": _DoctrineInfo(profile=doctrine, alternatives=alternatives),
        "citations": _dedupe(citations),
        "trace": [r.to_trace() for r in entries] if trace else [],
        "missing_facts": _missing(ctx, ordered, route, doctrine, bar),
        "as_of": _AsOf(date=facts.event_date.isoformat() if facts.event_date else None,
                       assumed_current_law=not ctx.date_known,
                       instruments=instruments_in_force(ctx.on, ctx.decided),
                       version_notes=version_notes(ctx.on, ctx.date_known, ctx.decided, ctx.decision_known)),
        "notes": _dedupe(notes),
        # rule 12: an established form stands on the record too (a blocked route can only add a later form, and
        # every route's elements are known once met); only an undetermined verdict needs the re-evaluation
        "on_record": form if form != "undetermined" else _on_record(facts, ctx, doctrine),
        "scenarios": _scenarios(facts, ctx, ev, doctrine) if scenarios else [],
    }
    return _finish(fields, facts, ctx, trace)
