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

EXPIRING, RUNNING, OTHER, EXPIRED = "expiring", "running", "other", "expired"
#: Sort order of the matters list: what needs action first (expiring), then running, then unclear, expired last.
LEVEL_ORDER = {EXPIRING: 0, RUNNING: 1, OTHER: 2, EXPIRED: 3}
LEVEL_ZH = {EXPIRING: "即将届满（90日内）", RUNNING: "未届满", EXPIRED: "已届满", OTHER: "待定"}
#: Every claim status of spec 7.5 L7, in Chinese, with the badge level it falls in.
STATUS_ZH: dict[str, tuple[str, str]] = {
    "running": ("未届满", RUNNING),
    "expiring_soon": ("即将届满（90日内）", EXPIRING),
    "expired": ("已届满", EXPIRED),
    "expired_unless_interrupted": ("已届满（除非曾中断）", EXPIRED),
    "barred_20_years": ("超过二十年最长保护期", EXPIRED),
    "defence_waived": ("已届满，但义务人已同意履行（不得以时效抗辩）", OTHER),
    "interrupted_pending": ("已中断，程序尚未终结", OTHER),
    "suspended": ("时效中止", OTHER),
    "check_prior_law": ("起算早于2017年10月1日，需核对旧法", OTHER),
    "undetermined": ("无法确定（缺少日期）", OTHER),
}
PARTY_ZH = {"merchant": "平台内经营者", "platform": "平台", "producer": "生产者", "live_room_operator": "直播间运营者"}
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


def status_zh(status: str | None) -> str:
    """A claim status of spec 7.5 in Chinese (the code itself when it is not one of the spec's)."""
    return STATUS_ZH.get(status or "undetermined", (str(status), OTHER))[0]


def level_of(status: str | None) -> str:
    """The badge level a claim status falls in."""
    return STATUS_ZH.get(status or "undetermined", ("", OTHER))[1]


def badge(limitation: dict[str, Any] | None) -> Badge:
    """The matter's badge from ``Verdict.limitation`` (an empty dict, before the engine computes it: 待定)."""
    claims = list((limitation or {}).get("claims") or [])
    if not claims:
        return Badge(OTHER, "诉讼时效：" + status_zh((limitation or {}).get("regime") if limitation else None))
    for level in (EXPIRING, RUNNING):  # the most urgent live claim decides
        live = [c for c in claims if level_of(c.get("status")) == level]
        if live:
            c = min(live, key=lambda c: c.get("days_left") if c.get("days_left") is not None else 10**9)
            return Badge(level, _text(c, len(claims)), c.get("days_left"), c.get("expiry_date"))
    other = [c for c in claims if level_of(c.get("status")) == OTHER]
    if other:  # not clearly running and not all expired: say the unclear status, never "running"
        return Badge(OTHER, _text(other[0], len(claims)), other[0].get("days_left"), other[0].get("expiry_date"))
    c = max(claims, key=lambda c: c.get("days_left") if c.get("days_left") is not None else -10**9)
    return Badge(EXPIRED, _text(c, len(claims)), c.get("days_left"), c.get("expiry_date"))


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
