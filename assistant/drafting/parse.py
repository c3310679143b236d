"""Parsing a chat model's reply into a memo: a pure function, no I/O, nothing in the memo removed.

Only wrapping that is not memo text goes: a reasoning block (``<think>…</think>``) some models emit first and
a Markdown code fence around the whole reply. A reply without a ``# title`` gets the expected title prepended.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from assistant.memo.sections import PREAMBLE, SECTIONS, memo_title, split_sections

_THINK_RE = re.compile(r"^\s*<think>.*?</think>\s*", re.DOTALL)
_FENCE_RE = re.compile(r"^\s*```[a-zA-Z]*[ \t]*\n(?P<body>.*?)\n```\s*$", re.DOTALL)


@dataclass(frozen=True)
class ParsedMemo:
    """A model's memo: its Markdown, title, sections by name, and the expected sections it lacks."""

    markdown: str
    title: str
    sections: dict[str, str]
    missing: tuple[str, ...]
    unexpected: tuple[str, ...]

    @property
    def complete(self) -> bool:
        """True when all eight sections are present."""
        return not self.missing


def reply_text(reply: Any) -> str:
    """The text of a chat reply: a string, an AIMessage's string content, or its text blocks joined."""
    content = getattr(reply, "content", reply)
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        parts = [block if isinstance(block, str) else block.get("text", "")
                 for block in content if isinstance(block, (str, dict))]
        return "".join(parts)
    raise TypeError(f"cannot read a memo from a reply of type {type(reply).__name__}")


def parse_reply(reply: Any, default_title: str) -> ParsedMemo:
    """Turn a model reply into a ParsedMemo; sections via ``split_sections``; missing ones are listed."""
    text = _THINK_RE.sub("", reply_text(reply), count=1).replace("\r\n", "\n")
    fenced = _FENCE_RE.match(text)
    if fenced:
        text = fenced.group("body")
    text = text.strip("\n")
    title = memo_title(text)
    if title is None:
        title = default_title
        text = f"# {default_title}\n\n{text}"
    sections = split_sections(text)
    missing = tuple(name for name in SECTIONS if not sections.get(name, "").strip())
    unexpected = tuple(name for name in sections if name not in SECTIONS and name != PREAMBLE)
    return ParsedMemo(markdown=text + "\n", title=title, sections=sections, missing=missing, unexpected=unexpected)
