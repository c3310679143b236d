"""The 诉讼时效 badge of a matter (issue 13): running / expiring within 90 days / expired, from ``Verdict.limitation``.

The engine decides the status per defendant (spec 7.5, L7); this module only reduces the claims to one badge for the
matter and says it in Chinese. A matter is as urgent as its most urgent live claim: one claim expiring within 90 days
makes the badge 「即将届满」 even when another defendant's claim runs longer; the badge says 「已届满」 only when no
claim is still running. Statuses that are none of the three (pending proceedings, suspension, prior law, unknown
start) keep their own Chinese label in a neutral badge: never shown as running.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import streamlit as st

# the statuses, their Chinese and the reduction over defendants are triage's (one reading for both screens)
from assistant.triage.columns import (
    EXPIRED, EXPIRING, OTHER, PARTY_ZH, RUNNING, deciding_claim, status_zh,
)

#: Sort order of the matters list: what needs action first (expiring), then running, then unclear, expired last.
LEVEL_ORDER = {EXPIRING: 0, RUNNING: 1, OTHER: 2, EXPIRED: 3}
LEVEL_ZH = {EXPIRING: "即将届满（90日内）", RUNNING: "未届满", EXPIRED: "已届满", OTHER: "待定"}
_COLOUR = {EXPIRING: "orange", RUNNING: "green", EXPIRED: "red", OTHER: "gray"}


@dataclass(frozen=True)
class Badge:
    """One matter's limitation badge: level, Chinese text, days left of the claim it is about, its expiry date."""

    level: str
    text: str
    days_left: int | None = None
    expiry: str | None = None

    def sort_key(self) -> tuple:
        """Most urgent first: level order, then fewest days left (unknown days last within a level)."""
        return (LEVEL_ORDER[self.level], self.days_left if self.days_left is not None else 10**9)


def badge(limitation: dict[str, Any] | None) -> Badge:
    """The matter's badge from ``Verdict.limitation`` (an empty dict, before the engine computes it: 待定)."""
    claims = list((limitation or {}).get("claims") or [])
    level, claim = deciding_claim(limitation)
    if claim is None:
        return Badge(OTHER, "诉讼时效：" + status_zh((limitation or {}).get("regime") if limitation else None))
    return Badge(level, _text(claim, len(claims)), claim.get("days_left"), claim.get("expiry_date"))


def _text(claim: dict[str, Any], n: int) -> str:
    text = "诉讼时效：" + status_zh(claim.get("status"))
    if claim.get("expiry_date"):
        text += f" · 届满日 {claim['expiry_date']}"
    days = claim.get("days_left")
    if days is not None:
        text += f" · 剩余 {days} 日" if days >= 0 else f" · 已过 {-days} 日"
    if n > 1:  # several defendants: name the one the badge is about
        text += f"（对{PARTY_ZH.get(claim.get('against'), claim.get('against'))}）"
    return text


def render(limitation: dict[str, Any] | None) -> Badge:
    """Draw the badge (a coloured line keyed by level for tests and screenshots); return it."""
    b = badge(limitation)
    st.markdown(f":{_COLOUR[b.level]}-badge[{b.text}]", help=LEVEL_ZH[b.level])
    return b
