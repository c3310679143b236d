"""The 简要结论 checks (issue 4): its three labelled lines, the burden basis, recourse statements and contradicting
forms inside the section. Forms asserted anywhere else in the memo are ``conclusions.py``'s (issue 11)."""

from __future__ import annotations

import re

from assistant.core import Verdict
from assistant.guard import terms
from assistant.guard.report import Finding
from assistant.memo.sections import CONCLUSION_LABELS, find_conclusion_lines, iter_conclusion_lines
from assistant.guard.terms import section_spans  # one split per memo text (issue 18)

CONCLUSION_SECTION = "简要结论"
# A sentence in 简要结论 that reports another view or a condition is not the memo's own conclusion.
# 其他 is no attribution (平台应与其他侵权人承担连带责任 is the memo's own conclusion: issue 11).
_ATTRIBUTION = ("观点", "学说", "说认为", "有学者", "有法院", "另有", "若", "如果", "假如", "倘若", "一旦", "替代")
_SENTENCE = re.compile(r"[^。；;！!？?\n]+")


def _span_of(markdown: str, name: str) -> tuple[int, int] | None:
    spans = section_spans(markdown)[1].get(name)
    return spans[0] if spans else None


def check_conclusion(markdown: str, verdict: Verdict) -> list[Finding]:
    """The 简要结论's three labelled lines against the verdict, the burden basis, and contradicting form terms."""
    span = _span_of(markdown, CONCLUSION_SECTION)
    if span is None:
        return [Finding(category="conclusion_mismatches", field=None,
                        reason="缺少“简要结论”部分")]
    offset, body = span[0], markdown[span[0]:span[1]]
    found = find_conclusion_lines(body)
    detectors = {"liability_form": terms.detect_form, "imputation": terms.detect_imputation,
                 "burden_of_proof": terms.detect_burden}
    out: list[Finding] = []
    for field, label in CONCLUSION_LABELS.items():
        want = getattr(verdict, field)
        expected = terms.label(field, want)
        if field not in found:
            out.append(Finding(category="conclusion_mismatches", field=field, expected=expected,
                               reason=f"简要结论缺少“{label}：{expected}”一行"))
            continue
        start, end, value = found[field]
        got = detectors[field](value)
        if got != want:
            said = f"“{value}”" if value else "（空）"
            out.append(Finding(category="conclusion_mismatches", field=field, expected=expected, found=value,
                               text=value, start=offset + start, end=offset + end,
                               reason=f"{label}写为{said}，判断结论为“{expected}”"))
    for field, start, end, value in iter_conclusion_lines(body):
        if (start, end) in _first_line_spans(found) or detectors[field](value) == getattr(verdict, field):
            continue
        expected, label = terms.label(field, getattr(verdict, field)), CONCLUSION_LABELS[field]
        out.append(Finding(category="conclusion_mismatches", field=field, expected=expected, found=value,
                           text=value, start=offset + start, end=offset + end,
                           reason=f"简要结论另有一行“{label}：{value}”，判断结论为“{expected}”"))
    out.extend(_check_basis(body, offset, found, verdict))
    out.extend(_contradicting_forms(body, offset, found, verdict))
    out.extend(_recourse_statements(body, offset, found, verdict))
    return out


_NO_RECOURSE = re.compile(r"(?:不能|不可以|不可|不得|无权|无法|不享有|不再享有)[^。；;，,\n]{0,24}?追偿|无追偿权|没有追偿权")
_RECOURSE = re.compile(r"(?:可以|可|有权|得以|能够|能)[^。；;，,\n]{0,24}?追偿|享有追偿权")
_CLAUSE = re.compile(r"[^。；;，,\n]+")


def _recourse_statements(body: str, offset: int, found: dict, verdict: Verdict) -> list[Finding]:
    """A statement in 简要结论 that the platform may (or may not) claim against the merchant must match
    ``verdict.recourse`` (spec §3: e.g. no recourse for a supplementary liability before 2021-01-01)."""
    skip = [(start, end) for _, start, end, _ in iter_conclusion_lines(body)]
    out: list[Finding] = []
    for sentence in _SENTENCE.finditer(body):
        if any(marker in sentence.group(0) for marker in _ATTRIBUTION):
            continue
        for clause in _CLAUSE.finditer(sentence.group(0)):
            text, start = clause.group(0), sentence.start() + clause.start()
            if any(a <= start < b for a, b in skip) or any(q in text for q in ("能否", "是否", "可否")):
                continue
            denied, granted = _NO_RECOURSE.search(text), _RECOURSE.search(text)
            said = False if denied else (True if granted else None)
            if said is None or said == verdict.recourse:
                continue
            hit = denied or granted
            expected = "可以追偿" if verdict.recourse else "不能追偿"
            out.append(Finding(category="conclusion_mismatches", field="recourse", expected=expected,
                               found=hit.group(0), text=hit.group(0), start=offset + start + hit.start(),
                               end=offset + start + hit.end(),
                               reason=f"简要结论称“{hit.group(0)}”，判断结论为平台{expected}"))
    return out


def _first_line_spans(found: dict) -> set[tuple[int, int]]:
    """The (start, end) spans of the first labelled lines, relative to the 简要结论 body."""
    return {(start, end) for start, end, _ in found.values()}


def _check_basis(body: str, offset: int, found: dict, verdict: Verdict) -> list[Finding]:
    """A reversed burden that is QIN's proposal must say so (spec rule 9); lex lata must not be called a proposal."""
    proposal_terms = terms.BURDEN_BASIS_TERMS["proposal"]
    says_proposal = any(t in body for t in proposal_terms)
    expected = terms.basis_label(verdict.burden_basis)
    if verdict.burden_basis == "proposal" and not says_proposal:
        return [Finding(category="conclusion_mismatches", field="burden_basis", expected=expected,
                        reason="简要结论未说明举证责任倒置系学说建议（覃玉娟2025），非现行法")]
    if verdict.burden_basis == "lex_lata" and "burden_of_proof" in found:
        start, end, value = found["burden_of_proof"]
        if terms.detect_basis(value) == "proposal":
            return [Finding(category="conclusion_mismatches", field="burden_basis", expected=expected, found=value,
                            text=value, start=offset + start, end=offset + end,
                            reason="举证责任依现行法确定，不应表述为学说建议")]
    return []


def _contradicting_forms(body: str, offset: int, found: dict, verdict: Verdict) -> list[Finding]:
    """A liability-form term elsewhere in 简要结论 that differs from the verdict, unless negated or attributed."""
    out: list[Finding] = []
    skip = {(start, end) for _, start, end, _ in iter_conclusion_lines(body)}
    for sentence in _SENTENCE.finditer(body):
        text = sentence.group(0)
        if any(marker in text for marker in _ATTRIBUTION):
            continue
        for hit in terms.find_terms("liability_form", text):
            s, e = sentence.start() + hit.start, sentence.start() + hit.end
            if any(a <= s and e <= b for a, b in skip):
                continue
            explicit = "责任" in hit.text or len(hit.text) >= 4
            if not explicit or hit.value == verdict.liability_form or terms.is_negated(text, hit.start):
                continue
            if (hit.value == "undetermined" and "责任" not in text[:hit.end]
                    and re.search(r"诉讼时效|起算日|届满日|数额|金额", text[:hit.start])):
                continue  # 诉讼时效：因起算日不明无法确定 says the limitation is open, not the liability form
            expected = terms.form_label(verdict.liability_form)
            out.append(Finding(category="conclusion_mismatches", field="liability_form", expected=expected,
                               found=hit.text, text=hit.text, start=offset + s, end=offset + e,
                               reason=f"简要结论另称“{hit.text}”，与判断结论“{expected}”矛盾"))
        for hit in terms.find_terms("imputation", text):
            s, e = sentence.start() + hit.start, sentence.start() + hit.end
            if hit.value == "no_fault" and not terms.is_negated(text, hit.start):
                out.append(Finding(category="conclusion_mismatches", field="imputation",
                                   expected=terms.imputation_label(verdict.imputation), found=hit.text,
                                   text=hit.text, start=offset + s, end=offset + e,
                                   reason="平台责任不适用无过错责任，见覃玉娟文第5.3部分（QIN-5.3）"))
    return out
