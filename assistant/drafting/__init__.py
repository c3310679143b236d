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
from assistant.drafting.replay import ReplayChatModel

__all__ = [
    "DraftResult", "DrafterConfigError", "DraftingError", "PROMPT_VERSION", "ParsedMemo", "ReplayChatModel",
    "choose_model", "draft_memo", "parse_reply", "render_prompt",
]
