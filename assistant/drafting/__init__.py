"""Memo drafting: verdict + passages → Chinese legal memo (Markdown / Word), guarded, with an audit receipt.

Public API::

    from assistant.drafting import draft_memo
    result = draft_memo(facts, settings=settings)        # DraftResult
    result.markdown, result.sections, result.report, result.needs_review, result.receipt, result.drafter
"""

from __future__ import annotations

from assistant.drafting.chain import DraftingError, DraftResult, draft_memo
from assistant.drafting.llm import DrafterConfigError, choose_model
from assistant.drafting.parse import ParsedMemo, parse_reply
from assistant.drafting.prompts import PROMPT_VERSION, render_prompt


__all__ = [
    "DraftResult", "DrafterConfigError", "DraftingError", "PROMPT_VERSION", "ParsedMemo", "ReplayChatModel",
    "choose_model", "draft_memo", "parse_reply", "render_prompt",
]


def __getattr__(name: str):
    """``ReplayChatModel`` on first use: it imports langchain, which the template drafter never needs (issue 18)."""
    if name == "ReplayChatModel":
        from assistant.drafting.replay import ReplayChatModel

        return ReplayChatModel
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
