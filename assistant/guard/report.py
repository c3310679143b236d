"""The guard's report: one ``Finding`` per failure, the citations seen, and ``GuardReport`` (JSON and Chinese text)."""

from __future__ import annotations

from datetime import date
from typing import Literal, Optional

from pydantic import BaseModel, Field

Category = Literal["unresolved", "out_of_force", "conclusion_mismatches", "unlisted", "fact_mismatches",
                   "remedies_mismatches"]
# remedies_mismatches (issue 13): amounts, punitive multiples and limitation status against the verdict's section 7
CATEGORIES: tuple[str, ...] = ("unresolved", "out_of_force", "conclusion_mismatches", "unlisted", "fact_mismatches",
                               "remedies_mismatches")


class Finding(BaseModel):
    """One failure: its category, the span in the memo (None for a missing statement), the id and the reason."""

    category: Category
    text: Optional[str] = None
    start: Optional[int] = None
    end: Optional[int] = None
    id: Optional[str] = None
    field: Optional[str] = None
    expected: Optional[str] = None
    found: Optional[str] = None
    reason: str

    def public(self) -> dict:
        """The finding as it appears in ``GuardReport.to_json()`` (no ``None`` fields)."""
        return {k: v for k, v in self.model_dump(mode="json").items() if v is not None and k != "category"}


class CitationInfo(BaseModel):
    """A citation the guard saw, resolved or not (for display and receipts)."""

    kind: str
    text: str
    start: int
    end: int
    id: Optional[str] = None
    resolved: bool
    reason: str


class GuardReport(BaseModel):
    """The guard's verdict on one memo; ``ok`` is true only when every list is empty."""

    ok: bool
    unresolved: list[Finding] = Field(default_factory=list)
    out_of_force: list[Finding] = Field(default_factory=list)
    conclusion_mismatches: list[Finding] = Field(default_factory=list)
    unlisted: list[Finding] = Field(default_factory=list)
    fact_mismatches: list[Finding] = Field(default_factory=list)
    remedies_mismatches: list[Finding] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
    citations: list[CitationInfo] = Field(default_factory=list)
    event_date: Optional[date] = None
    facts_checked: bool = False  # True when the facts were given and every statement of fact was checked

    def to_json(self) -> dict:
        """``{"ok", "unresolved", "out_of_force", "conclusion_mismatches", "unlisted", "fact_mismatches",
        "remedies_mismatches"}`` as JSON."""
        out: dict = {"ok": self.ok}
        for category in CATEGORIES:
            out[category] = [f.public() for f in getattr(self, category)]
        return out

    def to_text(self) -> str:
        """A readable Chinese report, one line per failure (also the repair instructions for an LLM)."""
        if self.ok:
            facts = "，事实陈述与事实一致" if self.facts_checked else "（未提供事实，未核对事实陈述）"
            return f"核验通过：共核对 {len(self.citations)} 处引用，结论与判断一致{facts}。"
        titles = {"unresolved": "无法核实的引用", "out_of_force": "事件发生时未生效或已失效的法律",
                  "conclusion_mismatches": "结论与判断不一致", "unlisted": "超出允许范围的依据",
                  "fact_mismatches": "与事实不符的陈述", "remedies_mismatches": "赔偿数额或诉讼时效与判断不一致"}
        lines = ["需复核：本备忘录未通过核验。"]
        for category in CATEGORIES:
            items = getattr(self, category)
            if items:
                lines.append(f"【{titles[category]}】{len(items)} 处")
                lines.extend(f"  - {f.text + '：' if f.text else ''}{f.reason}" for f in items)
        return "\n".join(lines)
