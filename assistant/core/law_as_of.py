"""The law as of the event date (spec rule 1): instrument effective dates and the Tort Law counterparts.

Before 2021-01-01 the Civil Code was not in force: its tort provisions are cited through their
《侵权责任法》 counterparts (spec rule 1). Statutes apply by the event date; judicial interpretations (``SPC-*``)
by the decision date, each article only where the statute it interprets governs the event (spec 1.1 rule 1).
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

#: Events before this date are outside the engine (spec rule 1: the 2013 CPL text and SPC-FD start here).
SCOPE_START = date(2014, 3, 15)
CIVIL_CODE_START = date(2021, 1, 1)
ECL_START = date(2019, 1, 1)

#: Effective date of each instrument (spec rule 1 and section 1); QIN (the seed article) always applies.
EFFECTIVE: dict[str, date] = {
    "CPL": date(2014, 3, 15),
    "SPC-FD": date(2014, 3, 15),
    "FSL": date(2015, 10, 1),
    "ECL": ECL_START,
    "SPC-EV": date(2020, 5, 1),
    "CC": CIVIL_CODE_START,
    "SPC-FS1": date(2021, 1, 1),
    "SPC-OC": date(2022, 3, 15),
    "SPC-TI1": date(2024, 9, 27),
    "TLL": date(2010, 7, 1),
    "SPC-FDP": date(2024, 8, 22),
    "SPC-CPI": date(2015, 2, 4),
}
#: Procedural interpretations: the decision date alone decides (spec rule 1).
PROCEDURAL = ("SPC-CPI", "SPC-EV")
#: Spec rule 1: the first event date on which the statute an interpretation (or one of its articles) interprets
#: governs. Longest prefix wins; an interpretation not listed interprets the CPL (2014-03-15, the engine's scope).
INTERPRETS_FROM: dict[str, date] = {
    "SPC-TI1": CIVIL_CODE_START,                                   # the Civil Code's tort book
    "SPC-OC-16": ECL_START,                                        # ECL-38
    "SPC-OC-15": date(2015, 10, 1), "SPC-OC-18": date(2015, 10, 1),  # FSL-131
    "SPC-FS1-2": date(2015, 10, 1), "SPC-FS1-3": date(2015, 10, 1),
    "SPC-FS1": date(2015, 10, 1),                                  # FSL 2015 text throughout
    "SPC-FDP": date(2015, 10, 1),                                  # food articles: FSL-148, FSL-131
    "SPC-FDP-11": date(2019, 12, 1),                               # DAL-144-3 (2019 text)
    "SPC-OC": SCOPE_START, "SPC-FD": SCOPE_START,                  # SPC-OC-4, SPC-OC-14: the CPL
}
#: Spec rule 1: each interpretation's transitional article, quoted in the note when it reaches an earlier event.
TRANSITIONAL: dict[str, tuple[str, str]] = {
    "SPC-FD": ("SPC-FD-19", "本规定施行后人民法院正在审理的一审、二审案件适用本规定。本规定施行前已经终审，本规定施行后当事人"
                            "申请再审或者按照审判监督程序决定再审的案件，不适用本规定。"),
    "SPC-FS1": ("SPC-FS1-14", "本解释施行后人民法院正在审理的一审、二审案件适用本解释。本解释施行前已经终审，本解释施行后当事人"
                              "申请再审或者按照审判监督程序决定再审的案件，不适用本解释。"),
    "SPC-TI1": ("SPC-TI1-26", "本解释施行后，人民法院尚未审结的一审、二审案件适用本解释。本解释施行前已经终审，当事人申请再审"
                              "或者按照审判监督程序决定再审的，适用当时的法律、司法解释规定。"),
    "SPC-FDP": ("SPC-FDP-19", "本解释施行后尚未终审的民事案件，适用本解释；本解释施行前已经终审，当事人申请再审或者按照审判"
                              "监督程序决定再审的民事案件，不适用本解释。"),
}
#: Last day in force, for repealed instruments (TLL repealed by CC-1260 from 2021-01-01).
UNTIL: dict[str, date] = {"TLL": date(2020, 12, 31)}

#: Civil Code provision → its Tort Law counterpart before 2021-01-01 (spec rule 1; CC-178-2 → TLL-14-2 is ours).
TLL_COUNTERPART: dict[str, str] = {
    "CC-1168": "TLL-8",
    "CC-1172": "TLL-12",
    "CC-180": "TLL-29",
    "CC-1165": "TLL-6",
    "CC-1165-1": "TLL-6-1",
    "CC-1165-2": "TLL-6-2",
    "CC-1195-2": "TLL-36-2",
    "CC-1198-2": "TLL-37-2",
    "CC-1202": "TLL-41",
    "CC-1203": "TLL-43",
    "CC-1203-2": "TLL-43-2",
    "CC-178-2": "TLL-14-2",
}

_NAMES_ZH = {
    "CPL": "《消费者权益保护法》（2013年修正）", "SPC-FD": "《食品药品纠纷规定》", "FSL": "《食品安全法》",
    "ECL": "《电子商务法》", "SPC-EV": "《民事诉讼证据规定》", "CC": "《民法典》", "SPC-FS1": "《食品安全民事纠纷解释（一）》",
    "SPC-OC": "《网络消费纠纷规定（一）》", "SPC-TI1": "《民法典侵权责任编解释（一）》", "TLL": "《侵权责任法》",
    "SPC-FDP": "《食品药品惩罚性赔偿解释》", "SPC-CPI": "《民事诉讼法解释》",
}


@lru_cache(maxsize=1024)
def code_of(provision_id: str) -> str:
    """The instrument code of a provision id, longest known code first (``SPC-OC-4-2`` → ``SPC-OC``)."""
    best = ""
    for code in EFFECTIVE:
        if provision_id.startswith(code + "-") and len(code) > len(best):
            best = code
    return best or provision_id.split("-", 1)[0]


def in_force(code: str, on: date) -> bool:
    """Whether the instrument ``code`` applies to an event on ``on`` (unknown codes: always)."""
    start = EFFECTIVE.get(code)
    end = UNTIL.get(code)
    return (start is None or on >= start) and (end is None or on <= end)


def is_interpretation(code: str) -> bool:
    """Whether ``code`` is a judicial interpretation (every ``SPC-*`` code), applied by the decision date."""
    return code.startswith("SPC-")


@lru_cache(maxsize=1024)
def interprets_from(provision_id: str) -> date:
    """The first event date on which the statute that ``provision_id`` interprets governs (longest prefix)."""
    best, found = "", SCOPE_START
    for prefix, start in INTERPRETS_FROM.items():
        if (provision_id == prefix or provision_id.startswith(prefix + "-")) and len(prefix) > len(best):
            best, found = prefix, start
    return found


@lru_cache(maxsize=65536)   # pure in its three arguments; rules ask it a dozen times per claim
def applies(provision_id: str, on: date, decided: date) -> bool:
    """Spec rule 1: a statute applies by the event date ``on``; an interpretation when ``decided`` is on or after
    its effective date and the statute it interprets governs the event (procedural ones: ``decided`` alone)."""
    code = code_of(provision_id)
    if not is_interpretation(code):
        return in_force(code, on)
    if not in_force(code, decided):
        return False
    return code in PROCEDURAL or on >= interprets_from(provision_id)


def retroactive(provision_id: str, on: date, decided: date) -> bool:
    """An interpretation applied (rule 1) to an event before its own effective date: the note must say so."""
    code = code_of(provision_id)
    return (is_interpretation(code) and code in EFFECTIVE and on < EFFECTIVE[code]
            and applies(provision_id, on, decided))


@lru_cache(maxsize=None)   # one note per interpretation code
def transitional_note(code: str) -> str:
    """The Chinese note for an interpretation reaching an earlier event: its transitional article, quoted (rule 1)."""
    name, start = _NAMES_ZH.get(code, code), EFFECTIVE[code].isoformat()
    if code in TRANSITIONAL:
        pid, text = TRANSITIONAL[code]
        article = pid.rsplit("-", 1)[1]
        return (f"交易发生于{name}施行（{start}）之前，但本案裁判时该解释已施行，依其第{_zh_number(int(article))}条"
                f"（{pid}）“{text}”，适用于本案（司法解释是对法律的解释，适用于施行时尚未终审的案件）。")
    return (f"交易发生于{name}施行（{start}）之前，但本案裁判时该规定已施行。该规定未设溯及适用条款，依司法解释适用的"
            f"一般规则（司法解释是对所解释法律的说明，适用于施行时尚未终审的案件）适用于本案；该规定施行前，法院对此问题"
            f"的裁判并不一致。")


def _zh_number(n: int) -> str:
    """1–99 in Chinese numerals (article numbers of the transitional articles)."""
    digits = "零一二三四五六七八九"
    tens, ones = divmod(n, 10)
    if tens == 0:
        return digits[ones]
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


def law_id(provision_id: str, on: date) -> str:
    """The provision to cite on ``on``: a Civil Code id becomes its Tort Law counterpart before 2021-01-01."""
    if on < CIVIL_CODE_START:
        return TLL_COUNTERPART.get(provision_id, provision_id)
    return provision_id


#: The instruments the liability rules cite, in a stable order (SPC-FDP and SPC-CPI belong to remedies).
_ENGINE_CODES = ("CPL", "SPC-FD", "FSL", "ECL", "SPC-EV", "CC", "SPC-FS1", "SPC-OC", "SPC-TI1", "TLL")


def instrument_applies(code: str, on: date, decided: date) -> bool:
    """An instrument as a whole: statutes by ``on``; interpretations by ``decided`` and the statute they interpret."""
    if not is_interpretation(code):
        return in_force(code, on)
    return in_force(code, decided) and (code in PROCEDURAL or on >= INTERPRETS_FROM.get(code, SCOPE_START))


def instruments_in_force(on: date, decided: date | None = None) -> list[str]:
    """Codes of the instruments this engine uses that apply to an event on ``on`` decided on ``decided``."""
    return list(_instruments(on, decided or date.today()))


@lru_cache(maxsize=4096)   # a few thousand (event, decision) date pairs in a batch: computed once each
def _instruments(on: date, decided: date) -> tuple[str, ...]:
    return tuple(code for code in _ENGINE_CODES if instrument_applies(code, on, decided))


def version_notes(on: date, date_known: bool, decided: date | None = None, decision_known: bool = False) -> list[str]:
    """Chinese notes on which law versions apply on ``on`` (interpretations: as of ``decided``, rule 1)."""
    return list(_version_notes(on, date_known, decided or date.today(), decision_known))


@lru_cache(maxsize=4096)
def _version_notes(on: date, date_known: bool, decided: date, decision_known: bool) -> tuple[str, ...]:
    notes = []
    if not date_known:
        notes.append(f"交易日期未知：按现行法（{on.isoformat()}）分析，请核实日期。")
    if on < SCOPE_START:
        notes.append("事件早于2014年3月15日（2013年修正的《消费者权益保护法》施行日），超出本引擎范围。")
        return tuple(notes)
    if on < ECL_START:
        notes.append("事件早于2019年1月1日：《电子商务法》尚未施行，不适用第三十八条。")
    if on < CIVIL_CODE_START:
        notes.append("事件早于2021年1月1日：适用《侵权责任法》，民法典相应条文以其对应条文替代。")
    if not in_force("FSL", on):
        notes.append(f"{_NAMES_ZH['FSL']}自{EFFECTIVE['FSL'].isoformat()}起施行，本案不适用。")
    when = f"裁判日期{decided.isoformat()}" if decision_known else f"裁判日期未知，按运行日{decided.isoformat()}"
    for code in ("SPC-FS1", "SPC-OC"):  # the later interpretations the rules would otherwise cite
        if not in_force(code, decided):
            notes.append(f"{_NAMES_ZH[code]}自{EFFECTIVE[code].isoformat()}起施行，{when}时尚未施行，本案不适用。")
        elif on < EFFECTIVE[code]:
            notes.append(f"{_NAMES_ZH[code]}自{EFFECTIVE[code].isoformat()}起施行；司法解释按裁判日期适用（{when}），"
                         f"其条文仅在所解释的法律适用于本案交易时适用。")
    if not decision_known and any(on < EFFECTIVE[c] for c in ("SPC-FS1", "SPC-OC")):
        notes.append("裁判日期（decision_date）未知：司法解释按运行日适用；如为再审案件，以原判决生效之日为准。")
    return tuple(notes)
