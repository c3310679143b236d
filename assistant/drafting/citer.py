"""Citing authorities in a memo: full title on first use of an instrument, only allowed ids in force."""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Iterable

_PLAIN_QUOTES = str.maketrans({"《": "“", "》": "”", "〈": "‘", "〉": "’"})
_ASCII_PAREN = re.compile(r"\s*[(（][^)）]*[A-Za-z][^)）]*(?:[)）]|$)")
_ASCII_TAIL = re.compile(r"\s*[(（]?[A-Za-z].*$")


def court_zh(court: str) -> str:
    """The Chinese part of a case's court field (the corpus adds English notes), or 审理法院未载明."""
    text = _ASCII_PAREN.sub("", court or "")
    text = _ASCII_TAIL.sub("", text).strip(" ;；,，")
    return text or "审理法院未载明"


class Citer:
    """Renders citations in Chinese style and remembers what the memo cited, in order of first use."""

    def __init__(self, corpus: Any, allowed: Iterable[str], event_date: date | None) -> None:
        self.corpus = corpus
        self.allowed = list(dict.fromkeys(allowed))
        self.when = event_date or date.today()
        self.used: list[str] = []
        self._introduced: set[str] = set()

    def can(self, pid: str) -> bool:
        """True when ``pid`` is allowed, resolves and is in force on the event date."""
        return pid in self.allowed and self.corpus.resolve(pid) and self.corpus.in_force(pid, self.when)

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
            number = "；".join(record.case_numbers) or "案号未载明"
            return f"{record.case_name}，{number}，{court_zh(record.court)}（案例层级：{record.tier}）"
        instrument = self.corpus.instruments[record.code]
        # the version text may name an amending act in 书名号; quote marks keep it from reading as a citation
        version = instrument.version.translate(_PLAIN_QUOTES)
        if record.code == "QIN":
            year = f"{instrument.year}年" if getattr(instrument, "year", None) else version
            return f"{self.corpus.cite(pid, first=True)}（学术观点，非法律渊源；{year}发表）"
        return f"《{instrument.title}》{record.label}（{version}）"
