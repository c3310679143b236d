"""Conclusions everywhere (issue 11, item 10): a liability form asserted anywhere in the memo must be the verdict's.

Read sentence by sentence over the whole memo (title, every section, parentheses, English). A form term asserted
of the platform (平台应…/平台承担…/本案…/结论…, or any English "jointly and severally liable") must match
``verdict.liability_form`` unless it is

- negated (而非连带责任, 不承担连带责任, 连带责任：不成立);
- attributed to a named doctrine whose alternative in ``verdict.doctrine.alternatives`` gives that form
  (依连带责任说，本案平台应承担连带责任), or a general description of a doctrine (补充责任说认为…);
  其他/另有/替代 are no attribution (平台应与其他侵权人承担连带责任 is the memo's own conclusion);
- a conditional scenario (如能证明平台已审核资质，则…) whose condition states facts and whose form is that of a
  scenario in ``verdict.scenarios`` compatible with those facts; a condition stating no fact (如果从实际出发，…)
  is no scenario, and a form inside the condition itself (平台不承担责任时，…) is not asserted;
- a sentence on the present record (根据现有事实…), which must match ``verdict.on_record``;
- a report of a court's decision (法院判令…, a 案号) or of a provision's content (第X条规定，网络食品交易第三方平台…).
"""

from __future__ import annotations

import re
from typing import Any

from assistant.guard import terms
from assistant.guard.fact_phrases import condition_assertions
from assistant.guard.facts import CONDITION, DESCRIPTION, masked_memo

#: Doctrine names → the profile of spec section 5 they name (按份责任说 names no profile: description only).
DOCTRINE_NAMES: dict[str, str | None] = {
    "区分经营者主观状态说": "intent_split", "主观状态说": "intent_split", "区分阶段说": "qin2025",
    "比例连带责任说": "proportional_joint", "部分连带责任说": "proportional_joint", "连带责任说": "joint",
    "共同侵权说": "joint", "补充责任说": "supplementary_only", "按份责任说": None, "单纯补充责任": "supplementary_only",
}
ENGLISH_FORMS: dict[str, str] = {
    "jointly and severally liable": "joint_and_several", "joint and several liability": "joint_and_several",
    "jointly and severally": "joint_and_several", "supplementary liability": "supplementary",
    "supplementarily liable": "supplementary", "proportional liability": "proportional",
    "proportionately liable": "proportional", "proportional joint liability": "proportional_joint",
    "not liable": "none", "no liability": "none", "seller's liability": "seller_liability",
}
_SENTENCE = re.compile(r"[^。；;！!？?\n]+")
# compiled once (issue 18: _hits runs per sentence of every memo)
_ENGLISH_RE = {words: re.compile(re.escape(words)) for words in ENGLISH_FORMS}
_ANY_ENGLISH = re.compile("|".join(re.escape(words) for words in ENGLISH_FORMS))
_NAMED_VIEW = re.compile(r"(?:覃玉娟文?|责任说|主观状态说|区分阶段说|共同侵权说)[^。；;\n]{0,30}?(?:认为|主张|提出|建议)")
_REJECTED = re.compile(r"不采此说|不采该说|不采纳|不予采纳|不采该观点|不采此观点|本备忘录不采|不足采|不宜采纳")
_QUESTION = re.compile(r"是否|能否|可否|有无|是不是|[？?]")
_SUBJECT = re.compile(r"平台(?!内)|被告|被申请人|本案|结论|责任形态|综上|platform", re.IGNORECASE)
_CASE_REPORT = re.compile(r"法院(?:判令|判决|认定|认为|支持|驳回)|判令|判决平台|[（(](?:19|20)\d{2}[)）][^。]{0,30}号|一案|案中")
_STATUTE_REPORT = re.compile(r"(?:条|款|项|法|解释|规定)\s*(?:亦|也|同样|明确|另)?规定[，,：:]\s*(?!本案|平台|该平台|被告|涉案平台)")
_ON_RECORD = re.compile(r"根据现有事实|依现有事实|按现有事实|就现有事实|依现有证据|根据现有证据|现有事实下|在现有记录")
_NEGATED_AFTER = re.compile(r"^[^。；;，,]{0,12}?[：:]\s*(?:不成立|被排除|不适用)")
# A reference to a part of a source (覃玉娟文第4.1.2部分) is no 部分 of a liability (部分连带责任).
_SECTION_REF = re.compile(r"第[\d.．一二三四五六七八九十]+部分")
# 先行赔付 naming the platform's promise (平台曾作出先行赔付等承诺) states the fact advance_compensation_promised,
# not the liability form (CPL-44-1: the promise is the ground of that form, stated in its own words).
_PROMISE_AFTER = re.compile(r"^(?:等|之类的?|的)?(?:承诺|允诺)")
_PROMISE_BEFORE = re.compile(r"(?:作出|做出)(?:过|了)?$")  # not 承诺先行赔付: 平台应依其承诺先行赔付 asserts the form
_EN_NEG = re.compile(r"\b(?:not|never|rather than|instead of|no)\b[^.;]{0,12}$", re.IGNORECASE)


def _unnamed(text: str) -> str:
    """``text`` with the doctrine names blanked (比例连带责任说 must not read as 比例 or as 连带责任)."""
    for name in sorted(DOCTRINE_NAMES, key=len, reverse=True):
        text = text.replace(name, "■" * len(name))
    return text


def _hits(sentence: str) -> list[tuple[int, int, str, str]]:
    """(start, end, words, form) of every explicit form term in a sentence, Chinese and English."""
    lower = sentence.lower()
    if not terms.any_term("liability_form", sentence) and not _ANY_ENGLISH.search(lower):
        return []  # no form term at all (blanking doctrine names only removes terms): most sentences (issue 18)
    masked = _unnamed(sentence)
    out = [(h.start, h.end, h.text, h.value) for h in terms.find_terms("liability_form", masked)
           if ("责任" in h.text or len(h.text) >= 4) and not terms.is_negated(masked, h.start)
           and not _NEGATED_AFTER.match(masked[h.end:])
           and not (h.value == "advance_compensation" and "责任" not in h.text
                    and (_PROMISE_AFTER.match(masked[h.end:]) or _PROMISE_BEFORE.search(masked[:h.start])))]
    lower = sentence.lower()
    if not _ANY_ENGLISH.search(lower):
        return sorted(out)  # no English form phrase in the sentence (the usual case): skip the per-phrase scans
    for words, form in ENGLISH_FORMS.items():
        for m in _ENGLISH_RE[words].finditer(lower):
            if not _EN_NEG.search(lower[:m.start()]) and not any(s <= m.start() < e for s, e, _, _ in out):
                out.append((m.start(), m.end(), sentence[m.start():m.end()], form))
    return sorted(out)


def _doctrine_before(sentence: str, pos: int) -> str | None | bool:
    """The profile of the doctrine named last before ``pos`` in the sentence (比例连带责任说 is not 连带责任说);
    False when none is named."""
    best, where, text = False, -1, sentence[:pos]
    for name in sorted(DOCTRINE_NAMES, key=len, reverse=True):
        i = text.rfind(name)
        while i != -1:
            if i > where:
                best, where = DOCTRINE_NAMES[name], i
            i = text.rfind(name, 0, i)
        text = text.replace(name, "■" * len(name))
    return best


def _scenario_ok(condition: str, form: str, verdict: Any) -> bool | None:
    """True when a scenario of the verdict gives ``form`` under the facts the condition states; None when the
    condition states no fact (it is then no scenario)."""
    stated = condition_assertions(condition)
    if not stated:
        return None
    for scenario in getattr(verdict, "scenarios", None) or []:
        if getattr(scenario, "form", None) != form:
            continue
        requires = getattr(scenario, "requires", {}) or {}
        if all(requires[a.field] in a.values for a in stated if a.field in requires):
            return True
    return False


def _allowed(sentence: str, start: int, form: str, verdict: Any) -> tuple[bool, str]:
    """Whether the asserted form is allowed in this sentence, and what it was compared with."""
    want = verdict.liability_form
    before = sentence[:start]
    if _REJECTED.search(sentence):
        return True, ""  # 另有观点认为…，本备忘录不采此说: a view reported and rejected is not asserted
    if re.search(r"[（(]或[^）)]*$", before):
        return True, ""  # an alternative in parentheses (…（或平台不承担责任）) is not asserted
    profile = _doctrine_before(sentence, start)
    if profile is not False:
        if DESCRIPTION.search(before) and "本案" not in sentence:
            return True, ""
        alternatives = dict(getattr(verdict.doctrine, "alternatives", {}) or {})
        alternatives[verdict.doctrine.profile] = want
        if profile is not None and alternatives.get(profile) == form:
            return True, ""
        if profile is not None:
            expected = alternatives.get(profile)
            return False, f"所称学说的结论为“{terms.form_label(expected)}”" if expected else "判断未列出该学说的结论"
    if _NAMED_VIEW.search(before) and "本案" not in sentence:
        return True, ""  # a named source's general view (覃玉娟文认为…); 有学者认为 names no one and is checked
    if _CASE_REPORT.search(sentence) and "本案" not in sentence:
        return True, ""
    if _STATUTE_REPORT.search(before) and not re.search(r"(?:依|根据|按照|依照|参照)[^，,]{0,30}规定[，,：:]", before):
        return True, ""
    condition = CONDITION.search(before)
    if condition:
        cond_text = before[condition.start():]
        if not re.search(r"[，,：:]", cond_text[1:]) and not re.search(r"则|那么", cond_text):
            return True, ""  # the form is part of the condition itself (平台不承担责任时，…)
        ok = _scenario_ok(cond_text, form, verdict)
        if ok is True:
            return True, ""
        if ok is False:
            return False, "条件所述情形在判断的情形（scenarios）中不产生该责任形态"
    if re.search(r"(?:的|时|后)[，,]", sentence[start:start + 40]) and not _SUBJECT.search(before[-6:] if before else ""):
        return True, ""  # …承担补充责任的，/ …承担责任时， : the form is a condition, not asserted
    if _ON_RECORD.search(sentence):
        on_record = getattr(verdict, "on_record", None) or want
        return form == on_record, f"现有事实下的结论为“{terms.form_label(on_record)}”"
    if form == want:
        return True, ""
    return False, ""


_CLAUSE = re.compile(r"[^，,：:]+")


def recourse_assertions(markdown: str, verdict: Any, facts: Any, skip: list[tuple[int, int]],
                        masked: str | None = None) -> list[dict]:
    """The platform's recourse stated anywhere (平台赔偿后可以向商家追偿) must be ``verdict.recourse``; with an
    undetermined form nothing definite may be said about it. Conditions, questions, views and cases pass."""
    from assistant.guard.summary import _NO_RECOURSE, _RECOURSE

    masked = masked if masked is not None else masked_memo(markdown, verdict, facts, skip)
    undetermined = verdict.liability_form == "undetermined"
    out = []
    for m in _SENTENCE.finditer(masked):
        sentence = m.group(0)
        if "追偿" not in sentence:
            continue  # every recourse phrase names 追偿: a cheap test before the sentence filters (issue 18)
        if (_QUESTION.search(sentence) or _REJECTED.search(sentence) or CONDITION.search(sentence)
                or _NAMED_VIEW.search(sentence) or DESCRIPTION.search(sentence) or _CASE_REPORT.search(sentence)):
            continue
        for clause in _CLAUSE.finditer(sentence):
            text = clause.group(0)
            denied, granted = _NO_RECOURSE.search(text), _RECOURSE.search(text)
            said = False if denied else (True if granted else None)
            if said is None or not _SUBJECT.search(sentence[:clause.end()]):
                continue
            if not undetermined and said == verdict.recourse:
                continue
            hit = denied or granted
            want = "责任形态未定，不能确定能否追偿" if undetermined else ("可以追偿" if verdict.recourse else "不能追偿")
            start = m.start() + clause.start() + hit.start()
            out.append({"start": start, "end": start + len(hit.group(0)), "found": hit.group(0), "expected": want,
                        "reason": f"备忘录称“{hit.group(0)}”，判断结论为：{want}"})
    return out


_BURDEN_SAID = re.compile(r"举证责任倒置|由平台(?:负|承担)?举证|举证责任(?:应|应当)?由(?P<who>平台|消费者)(?:承担|负担)"
                         r"|谁主张谁举证|由消费者(?:负|承担)?举证")


def burden_assertions(markdown: str, verdict: Any, facts: Any, skip: list[tuple[int, int]],
                      masked: str | None = None) -> list[dict]:
    """Who bears the burden of proof, stated anywhere (本案的举证责任应由平台承担), must be the verdict's; a reversal
    named as QIN's proposal (学说建议) or rejected, a question, a condition or a view passes."""
    want = verdict.burden_of_proof
    if want not in ("consumer", "platform"):
        return []
    masked = masked if masked is not None else masked_memo(markdown, verdict, facts, skip)
    out = []
    for m in _SENTENCE.finditer(masked):
        sentence = m.group(0)
        if "举证" not in sentence:
            continue  # every burden phrase names 举证: a cheap test before the sentence filters (issue 18)
        if (_QUESTION.search(sentence) or _REJECTED.search(sentence) or CONDITION.search(sentence)
                or _NAMED_VIEW.search(sentence) or re.search(r"学说建议|建议|并非现行法|非现行法|不予采纳|可能|风险", sentence)):
            continue  # the proposal named as such, or what a court may do: not the memo's own burden
        for hit in _BURDEN_SAID.finditer(sentence):
            if terms.is_negated(sentence, hit.start()):
                continue
            said = "platform" if ("平台" in hit.group(0) or "倒置" in hit.group(0)) else "consumer"
            if said == want:
                continue
            label = terms.burden_label(want)
            out.append({"start": m.start() + hit.start(), "end": m.start() + hit.end(), "found": hit.group(0),
                        "expected": label, "reason": f"备忘录称“{hit.group(0)}”，判断的举证责任为“{label}”"})
    return out


_PRESUMED = re.compile(r"过错推定(?:原则|责任)?|推定(?:平台)?(?:有|存在)?过错")


def presumed_fault_assertions(markdown: str, verdict: Any, facts: Any, skip: list[tuple[int, int]],
                              masked: str | None = None) -> list[dict]:
    """过错推定 applied to this case (本案适用过错推定原则) when the verdict's imputation is plain fault: a
    presumption needs a statute (CC-1165-2) or the proposal the verdict adopted. Views, the proposal named as
    such, what a court may do, conditions, questions and denials pass."""
    if verdict.imputation != "fault":
        return []
    masked = masked if masked is not None else masked_memo(markdown, verdict, facts, skip)
    out = []
    for m in _SENTENCE.finditer(masked):
        sentence = m.group(0)
        if "推定" not in sentence:
            continue  # every presumption phrase names 推定: a cheap test before the sentence filters (issue 18)
        if (_QUESTION.search(sentence) or _REJECTED.search(sentence) or CONDITION.search(sentence)
                or _NAMED_VIEW.search(sentence) or DESCRIPTION.search(sentence)
                or re.search(r"学说|建议|现行法|可能|风险|须以|前提|规定", sentence)):
            continue
        for hit in _PRESUMED.finditer(sentence):
            before = sentence[:hit.start()]
            if re.search(r"(?<!未能)(?<!不能)(?<!无法)(?<!未)推翻$", before):
                continue  # 平台已证明……，推翻过错推定: the presumption overcome decides nothing (未能推翻 is checked)
            if terms.is_negated(sentence, hit.start()) or not re.search(r"本案|平台(?!内)|适用|采", before):
                continue
            out.append({"start": m.start() + hit.start(), "end": m.start() + hit.end(), "found": hit.group(0),
                        "expected": terms.imputation_label("fault"),
                        "reason": f"备忘录称“{hit.group(0)}”，判断的归责原则为“过错责任”（无法律规定的过错推定）"})
    return out


def no_fault_assertions(markdown: str, verdict: Any, facts: Any, skip: list[tuple[int, int]],
                        masked: str | None = None) -> list[dict]:
    """无过错责任 asserted of this platform anywhere (本案平台的责任应适用无过错责任原则): never the verdict's
    imputation (QIN-5.3); negated, described (覃玉娟文认为…) or rejected mentions pass."""
    masked = masked if masked is not None else masked_memo(markdown, verdict, facts, skip)
    out = []
    for m in _SENTENCE.finditer(masked):
        sentence = m.group(0)
        if _QUESTION.search(sentence) or _REJECTED.search(sentence):
            continue
        for hit in terms.find_terms("imputation", sentence):
            before = sentence[:hit.start]
            if hit.value != "no_fault" or terms.is_negated(sentence, hit.start) or not _SUBJECT.search(before):
                continue
            if (_NAMED_VIEW.search(before) or DESCRIPTION.search(before)) and "本案" not in sentence:
                continue
            out.append({"start": m.start() + hit.start, "end": m.start() + hit.end, "found": hit.text,
                        "reason": f"备忘录称“{hit.text}”：平台责任不适用无过错责任（覃玉娟文第5.3部分），"
                                  f"判断的归责原则为“{terms.imputation_label(verdict.imputation)}”"})
    return out


def form_assertions(markdown: str, verdict: Any, facts: Any, skip: list[tuple[int, int]],
                    masked: str | None = None) -> list[dict]:
    """Every liability form asserted anywhere that the verdict does not give: dicts of start, end, found, reason."""
    masked = masked if masked is not None else masked_memo(markdown, verdict, facts, skip)
    expected = terms.form_label(verdict.liability_form)
    out = []
    for m in _SENTENCE.finditer(masked):
        sentence = m.group(0)
        if _QUESTION.search(sentence) or masked[m.end():m.end() + 1] in "？?":
            continue  # a question asserts nothing (平台是否承诺过先行赔付？)
        for start, end, words, form in _hits(sentence):
            if form == "joint_and_several" and re.search(r"份额|比例|部分",
                                                         _SECTION_REF.sub("", _unnamed(sentence[:start]))):
                form = "proportional_joint"  # 在其自身责任份额范围内…承担连带责任 is the proportional joint form
            if form == verdict.liability_form and not _ON_RECORD.search(sentence):
                continue
            asserted = _SUBJECT.search(sentence[:start]) or _doctrine_before(sentence, start) is not False \
                or form in ENGLISH_FORMS.values() and words.isascii()
            if not asserted:
                continue
            ok, why = _allowed(sentence, start, form, verdict)
            if ok:
                continue
            out.append({"start": m.start() + start, "end": m.start() + end, "found": words,
                        "reason": f"备忘录称“{words}”，与判断结论“{expected}”矛盾" + (f"（{why}）" if why else "")})
    return out
