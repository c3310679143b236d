"""The memo as a document: its sections, split from and joined into Markdown (pure functions)."""

from __future__ import annotations

from assistant.memo.sections import (
    CONCLUSION_LABELS,
    SECTIONS,
    conclusion_lines,
    find_conclusion_lines,
    heading_name,
    iter_conclusion_lines,
    join_sections,
    memo_title,
    section_spans,
    split_memo,
    split_sections,
)

__all__ = [
    "CONCLUSION_LABELS", "SECTIONS", "conclusion_lines", "find_conclusion_lines", "heading_name", "iter_conclusion_lines",
    "join_sections", "memo_title", "section_spans", "split_memo", "split_sections",
]
