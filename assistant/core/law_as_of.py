"""The law as of the event date (spec rule 1): instrument effective dates and the Tort Law counterparts.

Before 2021-01-01 the Civil Code was not in force: its tort provisions are cited through their
《侵权责任法》 counterparts (spec rule 1). Every instrument applies only from its own effective date.
"""

from __future__ import annotations

from datetime import date

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
}


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


def law_id(provision_id: str, on: date) -> str:
    """The provision to cite on ``on``: a Civil Code id becomes its Tort Law counterpart before 2021-01-01."""
    if on < CIVIL_CODE_START:
        return TLL_COUNTERPART.get(provision_id, provision_id)
    return provision_id


def instruments_in_force(on: date) -> list[str]:
    """Codes of the instruments this engine uses that apply on ``on``, in a stable order."""
    return [code for code in EFFECTIVE if in_force(code, on)]


def version_notes(on: date, date_known: bool) -> list[str]:
    """Chinese notes on which law versions apply on ``on``."""
    notes = []
    if not date_known:
        notes.append(f"交易日期未知：按现行法（{on.isoformat()}）分析，请核实日期。")
    if on < SCOPE_START:
        notes.append("事件早于2014年3月15日（2013年修正的《消费者权益保护法》施行日），超出本引擎范围。")
        return notes
    if on < ECL_START:
        notes.append("事件早于2019年1月1日：《电子商务法》尚未施行，不适用第三十八条。")
    if on < CIVIL_CODE_START:
        notes.append("事件早于2021年1月1日：适用《侵权责任法》，民法典相应条文以其对应条文替代。")
    for code in ("FSL", "SPC-FS1", "SPC-OC"):  # the later instruments the rules would otherwise cite
        if not in_force(code, on):
            notes.append(f"{_NAMES_ZH[code]}自{EFFECTIVE[code].isoformat()}起施行，本案不适用。")
    return notes
