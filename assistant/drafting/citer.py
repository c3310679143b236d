"""Citing authorities in a memo: full title on first use of an instrument, only allowed ids in force."""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Iterable

from assistant.guard.citations import normalise_case_number

_PLAIN_QUOTES = str.maketrans({"《": "“", "》": "”", "〈": "‘", "〉": "’"})
_ASCII_PAREN = re.compile(r"\s*[(（][^)）]*[A-Za-z][^)）]*(?:[)）]|$)")
_ASCII_TAIL = re.compile(r"\s*[(（]?[A-Za-z].*$")


def court_zh(court: str) -> str:
    """The Chinese part of a case's court field (the corpus adds English notes), or 审理法院未载明."""
    text = _ASCII_PAREN.sub("", court or "")
    text = _ASCII_TAIL.sub("", text).strip(" ;；,，")
    return re.sub(r"\s*;\s*", "；", text) or "审理法院未载明"


class Citer:
    """Renders citations in Chinese style and remembers what the memo cited, in order of first use."""

    def __init__(self, corpus: Any, allowed: Iterable[str], event_date: date | None,
                 applied: Iterable[str] = (), decision_date: date | None = None) -> None:
        self.corpus = corpus
        self.allowed = list(dict.fromkeys(allowed))
        self.when = event_date or date.today()
        # judicial interpretations apply by the decision date (spec rule 1; unknown: the run date)
        self.decided = decision_date or date.today()
        # interpretations the engine applied by decision date to an earlier event (spec rule 1): citable although
        # they took effect after the event date
        self.applied = {pid for pid in applied if pid.startswith("SPC-")}
        self.used: list[str] = []
        self._introduced: set[str] = set()

    def introduced(self, code: str) -> bool:
        """True when the memo has already cited instrument ``code`` with its full title."""
        return code in self._introduced

    def can(self, pid: str) -> bool:
        """True when ``pid`` is allowed, resolves and is in force on the event date."""
        return pid in self.allowed and self.corpus.resolve(pid) and (
            pid in self.applied or self.corpus.in_force(pid, self.when))

    def _code(self, pid: str) -> str:
        record = self.corpus.get(pid)
        return pid if getattr(record, "kind", "") == "case" else record.code

    def __call__(self, pid: str) -> str:
        """The citation of ``pid`` (full title on the instrument's first use); raises if it may not be cited."""
        if not self.can(pid):
            raise ValueError(f"{pid} may not be cited in this memo (not allowed or not in force)")
        code = self._code(pid)
        first = code not in self._introduced
        self._introduced.add(code)
        if pid not in self.used:
            self.used.append(pid)
        record = self.corpus.get(pid)
        if code == "QIN" and not first:  # after the full reference: 覃玉娟文第3.2.2部分
            return f"{self.corpus.instruments['QIN'].short_title}第{record.section or record.article_label}部分"
        return self.corpus.cite(pid, first=first)

    def some(self, ids: Iterable[str], sep: str = "、") -> str:
        """The citations of those ``ids`` that may be cited, joined; empty when none may."""
        return sep.join(self(pid) for pid in dict.fromkeys(ids) if self.can(pid))

    def paren(self, ids: Iterable[str]) -> str:
        """``（citation、citation）`` for the citable ids, or an empty string."""
        text = self.some(ids)
        return f"（{text}）" if text else ""

    def basis_entry(self, pid: str) -> str:
        """One line of the 依据 list: full title, label, version/effective date; cases with 案号 and tier."""
        record = self.corpus.get(pid)
        if getattr(record, "kind", "") == "case":
            number = "；".join(normalise_case_number(n) for n in record.case_numbers) or "案号未载明"
            return f"{record.case_name}，{number}，{court_zh(record.court)}（案例层级：{record.tier}）"
        instrument = self.corpus.instruments[record.code]
        if record.code == "QIN":
            return f"{self.corpus.cite(pid, first=True)}（学术观点，非法律渊源）"
        return f"《{instrument.title}》{record.label}（{version_text(instrument.version)}）{self.later_text_note(pid)}"

    def later_text_note(self, pid: str) -> str:
        """A warning when the corpus text of ``pid``'s instrument took effect after the event date (the corpus holds
        the current text; the numbering was in force on the event date, the wording may have differed)."""
        record = self.corpus.get(pid)
        instrument = self.corpus.instruments.get(getattr(record, "code", ""))
        later = getattr(instrument, "version_effective", None)
        # an interpretation's text is the one in force on the decision date, not on the event date (rule 1)
        applies_on = self.decided if getattr(record, "code", "").startswith("SPC") else self.when
        if later is None or later <= applies_on or getattr(record, "kind", "") == "case":
            return ""
        return (f"。注意：该文本自{later.year}年{later.month}月{later.day}日起施行，晚于事发日；事发时适用此前的文本"
                "（条号相同），条文内容须核对当时文本")

    def basis_entries(self, only: set[str] | None = None) -> list[str]:
        """The 依据 list: one line per authority cited (those in ``only`` when given), in order of first use; the
        seed article's sections are listed together on one line (第3.2.1、3.2.2…部分) where its first section stood."""
        used = [pid for pid in self.used if only is None or pid in only]
        qin = [pid for pid in used if pid.startswith("QIN-")]
        out = []
        for pid in used:
            if pid.startswith("QIN-"):
                if pid == qin[0]:
                    out.append(self._qin_entry(qin))
                continue
            out.append(self.basis_entry(pid))
        return out

    def _qin_entry(self, ids: list[str]) -> str:
        """One 依据 line for the seed article's sections, in section order."""
        if len(ids) == 1:
            return self.basis_entry(ids[0])
        sections = sorted((pid[len("QIN-"):] for pid in ids),
                          key=lambda s: [int(n) for n in s.split(".") if n.isdigit()])
        head = self.corpus.cite(ids[0], first=True)
        head = head[: head.rindex("第")]
        return f"{head}第{'、'.join(sections)}部分（学术观点，非法律渊源）"


def version_text(version: str) -> str:
    """An instrument's version note for the 依据 list, without nested brackets: ``…通过的文本（自…起施行）`` →
    ``…通过的文本，自…起施行``; an amending act's 书名号 become quote marks (it is not a citation)."""
    text = version.translate(_PLAIN_QUOTES)
    head, sep, rest = text.partition("（")
    if sep and rest.endswith("）") and "（" not in rest:
        return f"{head}，{rest[:-1]}"
    return text
