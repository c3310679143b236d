"""The triage priority of a claim: which claims a paralegal should work on first.

1 — personal injury, and a liability route against the platform is established;
2 — another (or unknown) harm, and a route is established;
3 — personal injury, but the verdict is undetermined: ask the missing facts first;
4 — undetermined, no personal injury known;
5 — no liability of the platform on these facts (``none``);
None — the row could not be triaged (its ``error`` says why); such rows sort last.
"""

from __future__ import annotations

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
    """Sort triaged records by priority (errors last), then by their place in the input."""
    p = record.get("priority")
    return (p if isinstance(p, int) else 99, record.get("row") or 0)
