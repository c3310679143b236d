"""Whether the memo on screen still fits the matter (stale basis), and the review findings shown and exported.

Issue 11 items 8 and 9: a memo drafted from facts or a doctrine that have since changed is stale until redrafted,
and every export of a stale or failed memo carries the same findings the screen shows, word for word.
"""

from __future__ import annotations

from typing import Any

from assistant.drafting.docx_export import FINDING_GROUPS, finding_text, review_findings
from assistant.store import MatterStore, MemoVersion, facts_hash
from i18n import STRINGS

# The guard's finding lists, in the order a lawyer reads them; fact_mismatches comes from the guard's facts check.
GUARD_LISTS = tuple(FINDING_GROUPS)
__all__ = ["GUARD_LISTS", "finding_text", "review_lines", "stale_reason"]


def _zh(key: str) -> str:
    """The Chinese string (findings are part of the Chinese memo, whatever the interface language)."""
    return STRINGS[key][0]


def stale_reason(store: MatterStore, memo: MemoVersion | None, facts: dict[str, Any], doctrine: str) -> str | None:
    """None when ``memo`` was drafted from exactly these facts and doctrine, else the i18n key of the reason."""
    if memo is None:
        return None
    basis = memo.facts_hash
    if basis is None and memo.facts_version_id is not None:  # a row from before schema v2: hash its facts version
        version = store.facts_version(memo.facts_version_id)
        basis = facts_hash(version.facts) if version else None
    drafted_doctrine = memo.doctrine or (memo.receipt or {}).get("doctrine")
    if basis is None or drafted_doctrine is None:
        return "memo_basis_unknown"  # no green check we cannot justify
    if basis != facts_hash(facts) or drafted_doctrine != doctrine:
        return "memo_stale"
    return None


def review_lines(guard: dict[str, Any] | None, stale: str | None) -> list[str]:
    """The findings of a memo that needs review, one line each (empty when it passed and is not stale): the export's
    own formatter, so the screen and the .md/.docx say the same words."""
    return review_findings(guard, [_zh(stale)] if stale else [])
