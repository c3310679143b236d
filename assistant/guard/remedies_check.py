"""The guard's section-7 checks (issue 13): the money, the punitive multiples and the limitation a memo states
must be the verdict's (``remedies`` and ``limitation``, spec 7.8), as the liability form must be.

- every yuan figure is one the verdict computed (an amount, a candidate, a floor) or one the facts give
  (price, loss, or a figure of the client's own narrative): 37,500元 where the verdict says 3,750.00 is caught;
- the 简要结论 line ``惩罚性赔偿：`` states the recommended amount (or no figure when nothing is recommended);
- 十倍 (ten times the price) is asserted only when a ten-times basis (FSL-148-2, DAL-144-3) is eligible or
  disputed; with it blocked by unknown facts only in a conditional sentence; a denial is always fine;
- 时效未届满 / 已届满 agree with the status of the obligors the clause names (all of them when it names none; the
  two-year PQL-45-1 claims when it speaks of 二年); an expiry date or a days-left count must be the verdict's.
Nothing is removed from the memo: each disagreement is a ``remedies_mismatches`` finding.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, Iterator

from assistant.guard.report import Finding

CATEGORY = "remedies_mismatches"
TEN_TIMES_BASES = ("FSL-148-2", "DAL-144-3")
# the statutory floors (FSL-148-2, DAL-144-3: 一千元; CPL-55-1: 五百元) may always be named
FLOORS = (Decimal("1000"), Decimal("500"))
RUNNING = ("running", "expiring_soon", "interrupted_pending", "suspended")
EXPIRED = ("expired", "expired_unless_interrupted", "defence_waived", "barred_20_years")
CONDITIONAL = ("若", "如果", "如能", "如无", "如有", "如查明", "如下列", "假如", "倘若", "一旦", "取决于", "待", "除非", "可能",
               "一种观点", "另一种观点")
DENIAL = ("不适用", "不成立", "不能主张", "不能", "不得", "无法", "不可", "不予", "没有", "无权", "不符合", "不应")

_CLAUSE = re.compile(r"[^。；;！!？?\n]+")
# 元购 (零元购, a case's nickname) is no amount
_MONEY = re.compile(r"(?<![\d.])(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?P<dec>\.\d+)?\s*(?P<wan>万)?\s*元(?!购)")
_YEN = re.compile(r"[¥￥]\s*(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?P<dec>\.\d+)?")
_ENTITLED = re.compile(r"可以?主张|有权|应当?支付|应当?赔偿|可获|可以?获得|可得")
_TEN = re.compile(r"十倍|10\s*倍")
_RUN_WORDS = re.compile(r"尚未届满|未届满|即将届满|未(?:超过|超出|经过|过)(?:诉讼)?时效|(?:仍|尚)在(?:诉讼)?时效(?:期间)?(?:之)?内")
_EXP_WORDS = re.compile(r"已经?届满|已(?:经)?(?:超过|超出|过)(?:了)?(?:诉讼)?时效|时效(?:期间)?已(?:经)?(?:过|经过|届满)")
_DATE_THEN_EXPIRY = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日(?:前|之前)?(?:诉讼时效|时效)?(?:期间)?"
                               r"(?:即将|已|将|已经)?届满")
_EXPIRY_IS = re.compile(r"届满日(?:期)?(?:为|是|：|:)\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_DAYS_LEFT = re.compile(r"(?:尚余|剩余|还剩|仅剩|尚有)\s*(\d+)\s*(?:日|天)")
_PARTIES = (("merchant", re.compile(r"平台内经营者|商家|卖家|销售者|经营者")), ("producer", re.compile(r"生产者|厂家|制造者")),
            ("platform", re.compile(r"平台")))


_LAST_CLAUSES: list = [None, None, None]  # text, skip, clauses: the four checks of one memo split it once


def _clauses(text: str, skip: list[tuple[int, int]]) -> Iterator[tuple[int, str]]:
    """``(start, clause)`` for every clause outside the ``skip`` spans."""
    if _LAST_CLAUSES[0] is not text or _LAST_CLAUSES[1] != skip:
        found = [(m.start(), m.group(0)) for m in _CLAUSE.finditer(text)
                 if not any(a <= m.start() < b for a, b in skip)]
        _LAST_CLAUSES[:] = [text, list(skip), found]
    return iter(_LAST_CLAUSES[2])


def _decimal(m: re.Match) -> Decimal | None:
    """The figure of a money match in yuan (万 multiplies by ten thousand)."""
    try:
        value = Decimal(m.group("num").replace(",", "") + (m.group("dec") or ""))
    except InvalidOperation:
        return None
    return value * 10000 if m.groupdict().get("wan") else value


def _amounts(node: Any, out: set[Decimal]) -> None:
    """Every money string under the verdict's ``remedies`` (amounts, candidates, recommended)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("amount", "ten_times_price", "three_times_loss", "three_times_price", "minimum", "twice_loss",
                       "max_amount") and isinstance(value, str):
                try:
                    out.add(Decimal(value))
                except InvalidOperation:
                    pass
            else:
                _amounts(value, out)
    elif isinstance(node, list):
        for item in node:
            _amounts(item, out)


def known_amounts(verdict: Any, facts: Any) -> set[Decimal]:
    """The figures a memo may state: the verdict's, the floors, the price and loss, the narrative's own figures."""
    out: set[Decimal] = set(FLOORS)
    _amounts(getattr(verdict, "remedies", None) or {}, out)
    # the price and the loss the candidates were computed from (so a memo checked without its facts knows them)
    for basis in ((getattr(verdict, "remedies", None) or {}).get("punitive") or {}).get("bases") or []:
        for key, times in (("ten_times_price", 10), ("three_times_loss", 3), ("three_times_price", 3),
                           ("twice_loss", 2)):
            value = (basis.get("candidates") or {}).get(key)
            if value:
                out.add((Decimal(value) / times).quantize(Decimal("0.01")))
    for name in ("price_paid", "loss_amount"):
        value = getattr(facts, name, None)
        if value is not None:
            out.add(Decimal(str(value)))
    narrative = getattr(facts, "narrative", None) or ""
    # each distinct figure converted once (a pasted 5 MB narrative repeats its figures; issue 14/18)
    seen: dict[tuple, re.Match] = {}
    for m in _MONEY.finditer(narrative):
        seen.setdefault(m.group("num", "dec", "wan"), m)
    out.update(d for d in (_decimal(m) for m in seen.values()) if d is not None)
    return out


def _finding(field: str, m_start: int, m_end: int, text: str, expected: str, reason: str) -> Finding:
    return Finding(category=CATEGORY, field=field, expected=expected, found=text, text=text, start=m_start,
                   end=m_end, reason=reason)


def _money_findings(text: str, verdict: Any, facts: Any, skip: list[tuple[int, int]]) -> list[Finding]:
    """Yuan figures the verdict does not hold, and a 惩罚性赔偿 summary line with another amount."""
    known = known_amounts(verdict, facts)
    shown = "、".join(f"{k:,.2f}" for k in sorted(known))
    out = []
    for start, clause in _clauses(text, skip):
        if "元" not in clause and "¥" not in clause and "￥" not in clause:
            continue  # no figure in yuan can be there (issue 18: most clauses)
        for m in list(_MONEY.finditer(clause)) + list(_YEN.finditer(clause)):
            value = _decimal(m)
            if value is None or value in known:
                continue
            out.append(_finding("amount", start + m.start(), start + m.end(), m.group(0), shown,
                                f"金额{m.group(0)}不是判断结论计算的数额，也不是事实中的价款或损失（可用数额：{shown}）"))
    # the refund is the price (H4): a figure in a clause about it must be that amount (368.00 × 10 is a
    # legitimate punitive candidate elsewhere, never the refund)
    refund = next((h.get("amount") for h in (getattr(verdict, "remedies", None) or {}).get("heads", [])
                   if h.get("head") == "price_refund" and h.get("amount")), None)
    if refund is not None:
        for start, clause in _clauses(text, skip):
            if "退还价款" not in clause and "退款" not in clause:
                continue
            for m in _MONEY.finditer(clause):
                value = _decimal(m)
                if value is not None and value != Decimal(refund) and value in known:
                    out.append(_finding("refund_amount", start + m.start(), start + m.end(), m.group(0),
                                        f"{Decimal(refund):,.2f}元",
                                        f"退还价款应为实付价款{Decimal(refund):,.2f}元，备忘录写为{m.group(0)}"))
    rec = ((getattr(verdict, "remedies", None) or {}).get("punitive") or {}).get("recommended")
    for m in re.finditer(r"^惩罚性赔偿[：:](?P<line>.*)$", text, re.MULTILINE):
        if any(a <= m.start() < b for a, b in skip):
            continue
        figures = [_decimal(x) for x in _MONEY.finditer(m.group("line"))]
        want = Decimal(rec["amount"]) if rec and rec.get("amount") else None
        if want is not None and figures and want not in figures:
            out.append(_finding("punitive_amount", m.start("line"), m.end("line"), m.group("line"), f"{want:,.2f}元",
                                f"简要结论所述惩罚性赔偿数额与判断结论推荐的{want:,.2f}元不符"))
    return out


def _ten_times_findings(text: str, verdict: Any, skip: list[tuple[int, int]]) -> list[Finding]:
    """十倍 asserted when no ten-times basis is eligible or disputed (blocked: only conditionally)."""
    bases = {b["basis"]: b["status"] for b in
             (((getattr(verdict, "remedies", None) or {}).get("punitive") or {}).get("bases") or [])}
    statuses = {bases.get(b) for b in TEN_TIMES_BASES}
    if statuses & {"eligible", "disputed"}:
        return []
    out = []
    for start, clause in _clauses(text, skip):
        if "倍" not in clause:
            continue  # 十倍 / 10倍 both need 倍
        for m in _TEN.finditer(clause):
            before = clause[:m.start()]
            if before.count("“") > before.count("”"):
                continue  # inside a quotation of the statute's text
            if any(w in clause for w in DENIAL):
                continue
            # blocked by unknown facts: stating the formula is fine, claiming it flatly is not
            if "blocked" in statuses and (any(w in clause for w in CONDITIONAL) or not _ENTITLED.search(clause)):
                continue
            out.append(_finding("punitive_multiple", start + m.start(), start + m.end(), m.group(0),
                                "无可主张的十倍赔偿依据",
                                "判断结论中没有成立的价款十倍惩罚性赔偿依据（食品、药品惩罚性赔偿均不成立或不适用），"
                                "不能断言消费者可主张十倍赔偿"))
    return out


def _parties(clause: str) -> set[str]:
    """The obligors a clause names (平台内经营者 is the merchant, not the platform)."""
    found, rest = set(), clause
    for name, pattern in _PARTIES:
        if pattern.search(rest):
            found.add(name)
            rest = pattern.sub("", rest)
    return found


def _claims(verdict: Any, clause: str) -> list[dict]:
    """The limitation claims a clause speaks of: the two-year ones for 二年, those of the parties it names."""
    lim = getattr(verdict, "limitation", None) or {}
    two_year = re.search(r"二年|两年|2\s*年(?!\d)", clause) and lim.get("product_defect_period")
    claims = list((lim.get("product_defect_period") or {}).get("claims", []) if two_year else lim.get("claims", []))
    named = _parties(clause)
    scoped = [c for c in claims if c["against"] in named]
    return scoped or claims


def _iso(y: str, m: str, d: str) -> str | None:
    try:
        return date(int(y), int(m), int(d)).isoformat()
    except ValueError:
        return None


def _limitation_findings(text: str, verdict: Any, skip: list[tuple[int, int]]) -> list[Finding]:
    """时效未届满/已届满 against the named obligors' status; stated expiry dates and days left against the verdict."""
    lim = getattr(verdict, "limitation", None) or {}
    if not lim:
        return []
    every = list(lim.get("claims", [])) + list((lim.get("product_defect_period") or {}).get("claims", []))
    dates = {c.get("expiry_date") for c in every} | {lim.get(k) for k in ("cap_date", "safe_bound_date")}
    dates |= {(lim.get("product_defect_period") or {}).get("long_stop_date")}
    days = {c.get("days_left") for c in every if c.get("days_left") is not None}
    out = []
    for start, clause in _clauses(text, skip):
        if "保质期" in clause or "有效期" in clause:
            continue
        if "届满" not in clause and "时效" not in clause:
            continue  # every pattern below needs one of the two words (issue 18: no obligor lookup per clause)
        claims = _claims(verdict, clause)
        statuses = {c["status"] for c in claims}
        conditional = any(w in clause for w in CONDITIONAL)
        for pattern, allowed, said in ((_RUN_WORDS, RUNNING, "未届满"), (_EXP_WORDS, EXPIRED, "已届满")):
            for m in pattern.finditer(clause):
                if statuses & set(allowed) or not claims or "是否" in clause[:m.start()]:
                    continue  # a question (判断……是否已经届满) asserts nothing
                if conditional and statuses & {"expired_unless_interrupted", "check_prior_law", "undetermined"}:
                    continue
                want = "、".join(sorted(statuses))
                out.append(_finding("limitation_status", start + m.start(), start + m.end(), m.group(0), want,
                                    f"备忘录称诉讼时效{said}，判断结论的时效状态为：{want}"))
        for pattern in (_DATE_THEN_EXPIRY, _EXPIRY_IS):
            for m in pattern.finditer(clause):
                iso = _iso(*m.groups())
                if iso is not None and iso not in dates:
                    known = "、".join(sorted(d for d in dates if d))
                    out.append(_finding("expiry_date", start + m.start(), start + m.end(), m.group(0), known,
                                        f"所述届满日{iso}不是判断结论计算的日期（{known or '无'}）"))
        for m in _DAYS_LEFT.finditer(clause):
            if int(m.group(1)) not in days and ("时效" in clause or "届满" in clause):
                out.append(_finding("days_left", start + m.start(), start + m.end(), m.group(0),
                                    "、".join(str(d) for d in sorted(days)), "所述剩余天数与判断结论不符"))
    return out


def check_remedies(text: str, verdict: Any, facts: Any = None,
                   skip: list[tuple[int, int]] | None = None) -> list[Finding]:
    """Every section-7 disagreement between the (normalised) memo and the verdict; none when the verdict has no
    section-7 objects (a verdict from before issue 13)."""
    if not getattr(verdict, "remedies", None) and not getattr(verdict, "limitation", None):
        return []
    skip = skip or []
    return (_money_findings(text, verdict, facts, skip) + _ten_times_findings(text, verdict, skip)
            + _limitation_findings(text, verdict, skip))
