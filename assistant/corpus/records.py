"""Typed, immutable records of the corpus: instruments, provisions, cases, retrieval passages."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

ProvisionKind = Literal["article", "paragraph", "item", "section"]
PassageKind = Literal["statute", "seed", "case"]


class CorpusError(Exception):
    """The corpus data is malformed; the message names the file and line."""

    def __init__(self, message: str, file: str | None = None, line: int | None = None) -> None:
        where = f"{file}:{line}: " if file and line else (f"{file}: " if file else "")
        super().__init__(where + message)
        self.file = file
        self.line = line


class UnknownIdError(KeyError):
    """An id that names nothing in the corpus (raised by ``cite`` and ``in_force``)."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else "unknown id"


@dataclass(frozen=True, slots=True)
class Instrument:
    """One statute, judicial interpretation, the seed article (QIN) or the case collection (CASE)."""

    code: str
    title: str
    short_title: str
    instrument_type: str
    effective: date  # the date from which this article numbering applies
    repealed: date | None
    version: str
    source: dict[str, Any]
    file: str
    version_effective: date | None = None
    articles: int | None = None
    author: str | None = None
    year: int | None = None
    note: str | None = None
    aliases: tuple[str, ...] = ()  # abbreviations lawyers write (个保法), from the national-law list

    def in_force(self, on: date) -> bool:
        """effective <= on < repealed."""
        return self.effective <= on and (self.repealed is None or on < self.repealed)


@dataclass(frozen=True, slots=True)
class Provision:
    """An article, a 款 (paragraph), a 项 (item) of a statute, or a section of the seed article.

    ``text`` excludes the printed article number: an article's text is its 款 lines joined by newlines (items
    included), a paragraph's text is its 款 line plus its item lines, an item's text is its own line.
    """

    id: str
    code: str
    article: int
    paragraph: int | None
    item: int | None
    article_label: str  # "第三十八条" as printed; "5.4.2" for a seed section
    label: str  # "第三十八条第二款"; "第5.4.2部分" for a seed section
    text: str
    line: int  # 1-based line in the source file where this provision starts
    kind: ProvisionKind
    title: str | None = None  # the seed section heading
    file: str = ""
    heading: str = ""  # the enclosing 编/章/节 headings, " / "-joined
    paragraphs: int = 0  # for an article: how many 款 it has
    section: str | None = None  # "5.4.2" for a seed section


@dataclass(frozen=True, slots=True)
class Case:
    """One court case summary from cases.jsonl, with its precedent tier."""

    id: str
    case_name: str
    case_number: str | None
    court: str
    year: int | None
    outcome: str
    outcome_detail: str
    sources: tuple[str, ...]
    tier: str
    line: int
    record: dict[str, Any] = field(repr=False, compare=False)

    @property
    def case_numbers(self) -> list[str]:
        """Every 案号 in ``case_number`` (a record may list first and second instance, ``;``-separated)."""
        if not self.case_number:
            return []
        return [part.strip() for part in self.case_number.replace("；", ";").split(";") if part.strip()]

    @property
    def kind(self) -> str:
        """Always ``"case"`` (so callers can tell records apart)."""
        return "case"


@dataclass(frozen=True, slots=True)
class Passage:
    """A unit of retrieval: a 款 of a statute, a section of the seed article, or a case."""

    id: str
    text: str
    title: str
    code: str
    kind: PassageKind
    heading: str = ""
