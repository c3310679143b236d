"""The triage priority of a claim: which claims a paralegal should work on first.

1 — personal injury, and a liability route against the platform is established;
2 — another (or unknown) harm, and a route is established;
3 — personal injury, but the verdict is undetermined: ask the missing facts first;
4 — undetermined, no personal injury known;
5 — no liability of the platform on these facts (``none``);
None — the row is under review (``needs_review``: listed after the ranked rows, not ranked) or could not be
triaged (its ``error`` says why; such rows sort last).
"""

from __future__ import annotations

from assistant.core.models import FORM_PRECEDENCE

PRIORITY_LABELS: dict[int, str] = {
    1: "人身损害·责任成立",
    2: "财产损失或损害待定·责任成立",
    3: "人身损害·事实待补",
    4: "事实待补",
    5: "平台不担责",
}


def priority(liability_form: str, harm: str | None) -> int:
    """The priority (1 = first) of a triaged claim from its verdict's form and the harm."""
    injury = harm == "personal_injury"
    if liability_form == "none":
        return 5
    if liability_form == "undetermined":
        return 3 if injury else 4
    return 1 if injury else 2


def sort_key(record: dict) -> tuple:
    """Sort: ranked rows, then rows under review (listed apart, not ranked), then failed rows. Within a block, rows
    whose limitation expires within 90 days come first, fewest days first (issue 13: a lost deadline cannot be
    repaired); then priority; an undetermined row then ranks by its ``on_record`` form (issue 12: how a court would
    decide it on the present record), liable forms before ``none``."""
    p = record.get("priority")
    block = 2 if record.get("error") else (1 if record.get("needs_review") else 0)
    expiring = record.get("limitation_urgency") == "expiring"
    days = record.get("limitation_days_left") if expiring and isinstance(record.get("limitation_days_left"), int) else 0
    record_rank = 0
    if record.get("liability_form") == "undetermined":
        form = record.get("on_record")
        record_rank = FORM_PRECEDENCE.index(form) if form in FORM_PRECEDENCE else len(FORM_PRECEDENCE)
    return (block, 0 if expiring else 1, days, p if isinstance(p, int) else 99, record_rank, record.get("row") or 0)
