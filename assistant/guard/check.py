"""The guard: check a memo's citations against the corpus, its conclusions against the verdict, its facts.

Rules (issue 4): every citation resolves in the corpus; every resolved statute citation was in force on the
event date; every case number is one the corpus holds; the 简要结论's 责任形态/归责原则/举证责任 lines match the
verdict; every resolved citation lies in the allowed set. Issue 11: the memo is normalised first and read whole
(nothing blanked); a repealed law is out of force whatever marker surrounds it; a liability form asserted anywhere
must be the verdict's; duplicated sections are errors; statements of fact must agree with the facts. The guard
only reports: nothing is ever removed from the memo (DEVELOPERS.md, "Never hide a defect").
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from assistant.core import Verdict
from assistant.guard import applied, conclusions, terms
from assistant.guard.citations import (
    Citation,
    extract_citations,
    names_from_corpus,
    normalise_case_number,
    provision_id,
)
from assistant.guard.facts import fact_statements, masked_memo, mismatch
from assistant.guard.naming import name_zh, names_zh  # findings name provisions in Chinese (issue 16)
from assistant.guard.normalise import normalise
from assistant.guard.remedies_check import check_remedies
from assistant.guard.report import CATEGORIES, Category, CitationInfo, Finding, GuardReport  # noqa: F401 (API)
from assistant.guard.summary import CONCLUSION_SECTION, check_conclusion  # noqa: F401 (API)
from assistant.memo.sections import SECTIONS
from assistant.guard.terms import section_spans  # one split per memo text (issue 18)


def _add(report_lists: dict[str, list[Finding]], finding: Finding) -> None:
    report_lists[finding.category].append(finding)


def _resolve(citation: Citation, corpus) -> bool:
    """True when the citation's id names something in the corpus (the whole seed article counts)."""
    if citation.id is None:
        return False
    if citation.id == "QIN" or citation.kind == "instrument":
        return citation.id in corpus.instruments
    return bool(corpus.resolve(citation.id))


def _in_allowed(cid: str, allowed: set[str]) -> bool:
    """Article-level ids are allowed when any allowed id lies inside; finer ids when they or an ancestor are."""
    if cid in allowed:
        return True
    if cid == "QIN":
        return True  # the seed article as a whole is the doctrinal basis of every verdict
    if any(a.startswith(cid + "-") or (cid.startswith("QIN-") and a.startswith(cid + ".")) for a in allowed):
        return True
    parts = cid.split("-")
    if cid.startswith("QIN-"):
        sec = cid[len("QIN-"):].split(".")
        return any(f"QIN-{'.'.join(sec[:n])}" in allowed for n in range(1, len(sec)))
    # walk up: CODE-A-P-I → CODE-A-P → CODE-A (hyphenated codes like SPC-OC keep their code part)
    while len(parts) > 2:
        parts = parts[:-1]
        candidate = "-".join(parts)
        if candidate in allowed and any(ch.isdigit() for ch in parts[-1]):
            return True
    return False


def _case_allowed(citation: Citation, corpus, allowed: set[str]) -> bool:
    """A case (cited by 案号 or through a key) is allowed by its 案号 in either bracket width or by its case id."""
    found = corpus.get(citation.id) if citation.id else None
    if found is None or not hasattr(found, "case_numbers"):
        return False
    numbers = {normalise_case_number(n) for n in found.case_numbers}
    return found.id in allowed or any(normalise_case_number(a) in numbers for a in allowed)


def _allowed_from_verdict(verdict: Verdict) -> set[str]:
    """The verdict's citations and regimes, plus the provisions of routes blocked only by unknown facts (an
    undetermined memo must be able to name what may apply); a failed or barred route's provisions are not."""
    allowed = set(verdict.citations) | set(verdict.regimes)
    for entry in verdict.trace:
        if entry.outcome == "blocked":
            allowed.update(entry.citations)
    return allowed


def _version_on(citation: Citation, corpus, on: date) -> Citation:
    """A national law named without its version is read as the version in force on the event date (issue 19)."""
    if citation.kind != "statute" or not citation.id or not hasattr(corpus, "national_codes"):
        return citation
    if "年文本" in (citation.law or ""):
        return citation  # the memo named the version itself (《商标法（2026年文本）》)
    from assistant.corpus.lookup import version_on

    moved = version_on(corpus, citation.id, on)
    return citation if moved == citation.id else replace(citation, id=moved, code=moved.split("-")[0])


def _attribute_bare_article(citation: Citation, corpus, allowed: set[str]) -> Citation:
    """A 第X条 written with no law anywhere before it in its paragraph is attributed to a law only when exactly
    one instrument gives an id that resolves and lies in the allowed set (不承担第三十八条第二款的责任 in an
    ECL-38-2 memo); otherwise it stays unresolved. The reason says the law was inferred."""
    if citation.kind != "statute" or citation.code or citation.law or citation.article is None:
        return citation
    matches = []
    for code in corpus.instruments:
        candidate = provision_id(code, citation.article, citation.paragraph, citation.item)
        if _in_allowed(candidate, allowed) and corpus.resolve(candidate):
            matches.append((code, candidate))
    if len(matches) != 1:
        return citation
    (code, pid), = matches
    return replace(citation, id=pid, code=code, reason=f"未写明法律名称，按允许引用的依据推定为{name_zh(corpus, pid)}")


def _out_of_force(cit: Citation, corpus, on: date, when: str, base: dict,
                  by_decision: frozenset[str] = frozenset()) -> Finding | None:
    """An ``out_of_force`` finding when the cited provision (or named instrument) is not in force on ``on``;
    ``by_decision`` are the judicial interpretations the engine applies by the decision date (law_as_of)."""
    if cit.id and cit.id.split("-")[0] in by_decision or "-".join((cit.id or "").split("-")[:2]) in by_decision:
        return None
    if cit.kind == "instrument":
        inst = corpus.instruments.get(cit.id)
        if inst is None or cit.id in ("QIN", "CASE") or inst.in_force(on):
            return None
    elif cit.kind not in ("statute", "key", "id") or cit.id == "QIN" or corpus.in_force(cit.id, on):
        return None
    inst = corpus.instrument_of(cit.id) if cit.kind != "instrument" else corpus.instruments[cit.id]
    span = f"{inst.effective.isoformat()} 起施行" + (f"，{inst.repealed.isoformat()} 起失效" if inst.repealed else "")
    named = f"《{inst.short_title or inst.title}》" if cit.kind == "instrument" else name_zh(corpus, cit.id)
    return Finding(category="out_of_force", reason=f"{named}（{span}）在事件日期 {when} 不适用",
                   **base)


def check_citations(
    citations: list[Citation], *, corpus, on: date, allowed: set[str], check_cases_allowed: bool,
    assumed_date: bool = False, text: str | None = None, by_decision: frozenset[str] = frozenset(),
) -> tuple[dict[str, list[Finding]], list[CitationInfo]]:
    """Resolution, time and allowed-set checks for extracted citations.

    With ``text`` (the normalised memo) a law not in force is judged by ``applied.only_denied``: whatever marker
    surrounds it (原…, （已废止）, 不适用……但…依该条), only a bare denial passes; a law named without an article
    is out of force when the sentence applies it (依原《侵权责任法》的规定). Without ``text`` the extractor's
    ``not_applied`` mark is trusted (the behaviour before issue 11)."""
    lists: dict[str, list[Finding]] = {c: [] for c in CATEGORIES}
    infos: list[CitationInfo] = []
    when = f"{on.isoformat()}" + ("（事件日期不明，按现行法核对）" if assumed_date else "")
    for cit in citations:
        cit = _attribute_bare_article(cit, corpus, allowed)
        cit = _version_on(cit, corpus, on)  # issue 19: 《商标法》 for a 2027 event is the 2026 text
        resolved = _resolve(cit, corpus)
        infos.append(CitationInfo(kind=cit.kind, text=cit.text, start=cit.start, end=cit.end, id=cit.id,
                                  resolved=resolved, reason=cit.reason))
        base = dict(text=cit.text, start=cit.start, end=cit.end, id=cit.id)
        if not resolved:
            if cit.kind == "case":
                reason = f"案号 {cit.id} 不在语料库中"
            elif cit.id is None:
                reason = cit.reason
            else:
                hint = ""
                try:
                    near = corpus.closest(cit.id, n=3)
                    hint = f"；相近条文：{names_zh(corpus, near)}" if near else ""
                except Exception:  # noqa: BLE001 - a hint must never break the guard
                    hint = ""
                inst = corpus.instruments.get(cit.code or "")
                size = ""
                if inst is not None and inst.articles:  # issue 19: the law exists, this article does not
                    size = f"（《{inst.short_title}》共{inst.articles}条）"
                reason = f"{name_zh(corpus, cit.id)}在语料库中不存在{size}{hint}"
            _add(lists, Finding(category="unresolved", reason=reason, **base))
            continue
        if text is None and (cit.kind == "instrument" or cit.not_applied):
            continue  # a law named without an article, or one named only as not applying: not an authority relied on
        if text is not None:
            if cit.kind == "instrument" and not applied.applied_mention(text, cit.start, cit.end):
                continue
            if applied.only_denied(text, cit.start, cit.end):
                continue
        stale = _out_of_force(cit, corpus, on, when, base, by_decision)
        if stale is not None:
            _add(lists, stale)
        if cit.kind == "instrument":
            continue
        if cit.kind == "case" and not check_cases_allowed:
            continue
        if not _in_allowed(cit.id, allowed) and not _case_allowed(cit, corpus, allowed):
            _add(lists, Finding(category="unlisted", reason=f"{name_zh(corpus, cit.id)}不在本备忘录允许引用的依据之内",
                                **base))
    return lists, infos


_MARK_RE = re.compile(r"\*\*⚠需复核：.*?\*\*", re.DOTALL)


def mask_marks(markdown: str) -> str:
    """Blank out the guard's own ``**⚠需复核：…**`` notes (same length). Kept for callers that display a memo
    without its notes; the guard itself never blanks anything before checking it (issue 11: a citation or a
    conclusion wrapped in the mark pattern would otherwise escape the check)."""
    return _MARK_RE.sub(lambda m: " " * len(m.group(0)), markdown)


def duplicate_sections(markdown: str) -> list[Finding]:
    """A known section written twice (a second ``## 二、简要结论``) is an error: which one would a reader trust?"""
    out = []
    for name, spans in section_spans(markdown)[1].items():
        if name in SECTIONS and len(spans) > 1:
            for start, end in spans[1:]:
                out.append(Finding(category="conclusion_mismatches", field="section", found=name, start=start,
                                   end=max(start, min(end, start + 1)), text=markdown[start:start + 1] or None,
                                   reason=f"“{name}”部分重复出现（共 {len(spans)} 处）；每一部分只能出现一次"))
    return out


def _facts_findings(text: str, verdict: Verdict, facts, skip: list[tuple[int, int]],
                    masked: str | None = None) -> list[Finding]:
    """Statements of fact values that contradict the facts (conditions are checked as scenarios instead)."""
    out = []
    for kind, a in fact_statements(text, verdict, facts, skip, masked):
        if kind != "fact":
            continue
        why = mismatch(a, facts, verdict)
        if why:
            out.append(Finding(category="fact_mismatches", field=a.field, found=a.phrase, text=a.phrase,
                               start=a.start, end=a.end, reason=why))
    return out


def _basis_spans(text: str) -> list[tuple[int, int]]:
    """The 依据 section: a list of authorities, read for citations but not for fact statements."""
    return list(section_spans(text)[1].get("依据", []))


def _by_decision(verdict: Verdict, corpus, facts) -> frozenset[str]:
    """Judicial interpretations the engine applies (``verdict.as_of.instruments``) that are in force on the
    decision date (the facts' ``decision_date``, else today, as law_as_of does): they apply by the date of the
    judgment, not of the event (spec 1.1, law as of)."""
    decided = getattr(facts, "decision_date", None) or date.today()
    out = set()
    for code in getattr(getattr(verdict, "as_of", None), "instruments", None) or []:
        inst = corpus.instruments.get(code)
        if inst is not None and code.startswith("SPC-") and inst.in_force(decided):
            out.add(code)
    return frozenset(out)


def _remap(finding: Finding, norm, markdown: str) -> Finding:
    """A finding's span (found in the normalised text) moved back to the original memo."""
    if finding.start is None or finding.end is None:
        return finding
    start, end = norm.span(finding.start, finding.end)
    text = markdown[start:end] if finding.text is not None else None
    return finding.model_copy(update={"start": start, "end": end, "text": text})


def check_memo(
    markdown: str,
    verdict: Verdict,
    *,
    event_date: date | None,
    allowed_ids: set[str] | None = None,
    key_table: dict[str, str] | None = None,
    corpus=None,
    facts=None,
) -> GuardReport:
    """Check every citation, every conclusion and (given ``facts``) every fact statement of a Markdown memo.

    The memo is normalised first (``normalise.py``: NFKC, format characters, 條/項, full-width digits) and read
    whole, the guard's own marks included; spans in the report are those of the original text, which is never
    changed. ``event_date`` None → current law (today) is assumed; ``allowed_ids`` None → the verdict's
    citations and regimes plus those of routes blocked by unknown facts (cases only checked against the corpus);
    ``facts`` (ClaimFacts) None → no facts check.
    """
    if corpus is None:
        from assistant.corpus import load_corpus

        corpus = load_corpus()
    on = event_date or date.today()
    norm = normalise(markdown)
    text = norm.text
    citations = extract_citations(text, names_from_corpus(corpus), key_table)
    allowed = set(allowed_ids) if allowed_ids is not None else _allowed_from_verdict(verdict)
    lists, infos = check_citations(citations, corpus=corpus, on=on, allowed=allowed,
                                   check_cases_allowed=allowed_ids is not None, assumed_date=event_date is None,
                                   text=text, by_decision=_by_decision(verdict, corpus, facts))
    lists["conclusion_mismatches"].extend(check_conclusion(text, verdict))
    lists["conclusion_mismatches"].extend(duplicate_sections(text))
    skip = _basis_spans(text)
    # one masked memo for every check that reads it (it was built six times per memo: issue 18)
    masked = masked_memo(text, verdict, facts, skip)
    seen = {(f.start, f.end) for f in lists["conclusion_mismatches"]}
    for hit in conclusions.form_assertions(text, verdict, facts, skip, masked):
        if any(a is not None and a <= hit["start"] < (b or a) for a, b in seen):
            continue
        lists["conclusion_mismatches"].append(Finding(
            category="conclusion_mismatches", field="liability_form", expected=terms.form_label(verdict.liability_form),
            found=hit["found"], text=hit["found"], start=hit["start"], end=hit["end"], reason=hit["reason"]))
    for hit in conclusions.no_fault_assertions(text, verdict, facts, skip, masked):
        if not any(a is not None and a <= hit["start"] < (b or a) for a, b in seen):
            lists["conclusion_mismatches"].append(Finding(
                category="conclusion_mismatches", field="imputation", expected=terms.imputation_label(verdict.imputation),
                found=hit["found"], text=hit["found"], start=hit["start"], end=hit["end"], reason=hit["reason"]))
    for field, found in (("recourse", conclusions.recourse_assertions(text, verdict, facts, skip, masked)),
                         ("burden_of_proof", conclusions.burden_assertions(text, verdict, facts, skip, masked)),
                         ("imputation", conclusions.presumed_fault_assertions(text, verdict, facts, skip, masked))):
        for hit in found:
            if not any(a is not None and a <= hit["start"] < (b or a) for a, b in seen):
                lists["conclusion_mismatches"].append(Finding(
                    category="conclusion_mismatches", field=field, expected=hit["expected"], found=hit["found"],
                    text=hit["found"], start=hit["start"], end=hit["end"], reason=hit["reason"]))
    if facts is not None:
        lists["fact_mismatches"].extend(_facts_findings(text, verdict, facts, skip, masked))
    # issue 13: amounts, punitive multiples and limitation status against the verdict's section-7 objects
    lists["remedies_mismatches"].extend(check_remedies(text, verdict, facts, skip))
    lists = {c: [_remap(f, norm, markdown) for f in items] for c, items in lists.items()}
    infos = [info.model_copy(update=dict(zip(("start", "end"), norm.span(info.start, info.end)),
                                         text=markdown[slice(*norm.span(info.start, info.end))]))
             for info in infos]
    findings = sorted((f for c in CATEGORIES for f in lists[c]),
                      key=lambda f: (f.start if f.start is not None else -1, f.end or -1))
    ok = not findings
    return GuardReport(ok=ok, findings=findings, citations=infos, event_date=event_date,
                       facts_checked=facts is not None, **lists)
