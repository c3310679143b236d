"""The guard: every citation and every conclusion of a memo checked against the corpus and the verdict.

It only reports; it never changes the memo::

    from assistant.guard import check_memo, highlight
    report = check_memo(markdown, verdict, event_date=date(2023, 5, 1), allowed_ids=..., key_table=...)
    report.ok, report.to_json(), report.to_text(), highlight(markdown, report)
"""

from __future__ import annotations

from assistant.guard.check import CATEGORIES, CitationInfo, Finding, GuardReport, check_memo
from assistant.guard.citations import Citation, extract_citations, names_from_corpus
from assistant.guard.highlight import MARK, highlight

__all__ = [
    "CATEGORIES", "Citation", "CitationInfo", "Finding", "GuardReport", "MARK", "check_memo",
    "extract_citations", "highlight", "names_from_corpus",
]
