"""The guard: every citation, every conclusion and every statement of fact of a memo checked against the corpus,
the verdict and the facts.

It only reports; it never changes the memo, and it reads all of it (normalised first: NFKC, no format characters,
條/項, full-width digits; its own ``**⚠需复核：…**`` marks included)::

    from assistant.guard import check_memo, highlight
    report = check_memo(markdown, verdict, event_date=date(2023, 5, 1), allowed_ids=..., key_table=..., facts=facts)
    report.ok, report.to_json(), report.to_text(), highlight(markdown, report)

``to_json()`` lists unresolved, out_of_force, conclusion_mismatches, unlisted and fact_mismatches (``facts``
None → no facts check, ``report.facts_checked`` False).
"""

from __future__ import annotations

from assistant.guard.check import CATEGORIES, CitationInfo, Finding, GuardReport, check_memo
from assistant.guard.citations import Citation, extract_citations, names_from_corpus
from assistant.guard.highlight import MARK, highlight

__all__ = [
    "CATEGORIES", "Citation", "CitationInfo", "Finding", "GuardReport", "MARK", "check_memo",
    "extract_citations", "highlight", "names_from_corpus",
]
