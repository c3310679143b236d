"""Whether the memo on screen still fits the matter (stale basis), and the review findings shown and exported.

Issue 11 items 8 and 9: a memo drafted from facts or a doctrine that have since changed is stale until redrafted,
and every export of a stale or failed memo carries the same findings the screen shows, word for word.
"""

from __future__ import annotations

from typing import Any

from assistant.store import MatterStore, MemoVersion, facts_hash
from i18n import STRINGS

# The guard's finding lists, in the order a lawyer reads them; fact_mismatches comes from the guard's facts check.
GUARD_LISTS = ("conclusion_mismatches", "fact_mismatches", "unresolved", "out_of_force", "unlisted")


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


def finding_text(finding: Any) -> str:
    """One finding as a line of text: the quoted memo text, then the guard's reason."""
    if not isinstance(finding, dict):
        return str(finding)
    text = finding.get("text") or ""
    reason = finding.get("reason") or finding.get("message") or ""
    if not reason:
        reason = "；".join(f"{k}={v}" for k, v in finding.items() if k != "text")
    return f"{('「' + text + '」：') if text else ''}{reason}"


def review_lines(guard: dict[str, Any] | None, stale: str | None) -> list[str]:
    """The findings of a memo that needs review, one line each (empty when it passed and is not stale)."""
    lines = [_zh(stale)] if stale else []
    for name in GUARD_LISTS:
        for item in (guard or {}).get(name) or []:
            lines.append(f"{_zh('g_' + name)}：{finding_text(item)}")
    if guard is not None and not guard.get("ok") and len(lines) == (1 if stale else 0):
        lines.append(_zh("guard_failed"))  # failed with no listed finding: still never a clean memo
    return lines
