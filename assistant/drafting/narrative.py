"""How much of the client's narrative a memo quotes and a model reads (issue 14: a 5 MB paste must not stall drafting).

The memo quotes the narrative verbatim under （二）当事人陈述, and a model drafter gets it in its prompt. Both take
its first ``QUOTE_LIMIT`` characters, what the triage extractor reads too; a longer narrative is cut, the memo says
so under the quote, and the receipt records the cut (``narrative_cut``). The facts keep the whole narrative: the
cut is only what is quoted, never what is known. The retrieval query is cut further (``retrieve.QUERY_LIMIT``).
"""

from __future__ import annotations

from typing import Any

#: Characters of the narrative a memo quotes and a prompt carries (= assistant.triage.extract.EXTRACT_LIMIT).
QUOTE_LIMIT = 20_000


def quoted(narrative: str | None) -> tuple[str, str | None]:
    """The part of ``narrative`` a memo quotes, and the note saying it was cut (None when it is whole)."""
    text = narrative or ""
    if len(text) <= QUOTE_LIMIT:
        return text, None
    return text[:QUOTE_LIMIT], (f"当事人陈述共 {len(text):,} 字，超出部分已截断：本备忘录仅引述其前 {QUOTE_LIMIT:,} 字，"
                                "其余部分未经分析，全文见委托材料。")


def cut_record(narrative: str | None) -> dict[str, Any] | None:
    """The receipt's record of a cut narrative (its length and what was quoted), or None when nothing was cut."""
    text = narrative or ""
    if len(text) <= QUOTE_LIMIT:
        return None
    return {"narrative_chars": len(text), "quoted_chars": QUOTE_LIMIT}
