"""Chinese citation rendering (DEVELOPERS.md, spec section 1).

Statutes: first use ``《中华人民共和国电子商务法》（以下简称《电子商务法》）第三十八条第二款``, then
``《电子商务法》第三十八条第二款``. 条/款/项 in Chinese numerals; an item is ``第X条第Y款第Z项`` (the common form,
without brackets round the item number). The 款 is omitted for an article that has a single paragraph
(``第一千一百八十条``, ``第一条第三项``), as Chinese practice does.
Seed article: first use ``覃玉娟《电商平台安全保障义务“相应责任”规制研究》（2025年）第5.4.2部分``, then without the year.
Cases: the 案号 (several 案号 of one case joined by 、), or the case name when the 案号 is unknown; on first use
the case name is put before the 案号 (``……纠纷案，（2015）三中民(商)终字第05302号``).
"""

from __future__ import annotations

from .cases import normalise_case_number
from .records import Case, Instrument, Provision


def cite_instrument(instrument: Instrument, first: bool = False) -> str:
    """The instrument's name in 书名号: full title with its short name on first use, else the short name."""
    if instrument.short_title and instrument.short_title != instrument.title:
        if first:
            return f"《{instrument.title}》（以下简称《{instrument.short_title}》）"
        return f"《{instrument.short_title}》"
    return f"《{instrument.title}》"


def cite_provision(instrument: Instrument, provision: Provision, first: bool = False) -> str:
    """A statute provision or a seed-article section as a Chinese citation."""
    if provision.kind == "section":
        author = instrument.author or ""
        year = f"（{instrument.year}年）" if first and instrument.year else ""
        return f"{author}《{instrument.title}》{year}{provision.label}"
    return cite_instrument(instrument, first) + provision.label


def cite_case(case: Case, first: bool = False) -> str:
    """A case by its 案号 (or its name when the 案号 is unknown); the name is prefixed on first use."""
    numbers = [normalise_case_number(n) for n in case.case_numbers]
    if not numbers:
        return case.case_name
    joined = "、".join(numbers)
    return f"{case.case_name}，{joined}" if first else joined
