"""A chat model that replays recorded replies in order (``--llm replay:FILE``).

Evaluators score memos produced elsewhere with it; tests inject misbehaving models with it. The file is JSONL
(one reply a line: a JSON string or an object with ``content``), JSON (a list of those, or ``{"replies": [...]}``),
or any other text file, which is one reply.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from pydantic import PrivateAttr


class ReplayExhausted(RuntimeError):
    """The replay file has no reply left for this call."""


def _reply(item: Any, where: str) -> str:
    """One recorded reply: a string, or an object's ``content`` (or ``reply``) string."""
    if isinstance(item, str):
        return item
    if isinstance(item, dict):
        for key in ("content", "reply", "text"):
            if isinstance(item.get(key), str):
                return item[key]
    raise ValueError(f"{where}: a reply must be a string or an object with a 'content' string")


def load_replies(path: str | Path) -> list[str]:
    """Read the recorded replies of a replay file, in order (clear errors for a missing or malformed file)."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"replay file not found: {path}")
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".jsonl":
        lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
        replies = []
        for number, line in lines:
            try:
                replies.append(_reply(json.loads(line), f"{path}:{number}"))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{number}: not valid JSON ({exc.msg})") from exc
        return replies
    if path.suffix == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}: not valid JSON ({exc.msg} at line {exc.lineno})") from exc
        items = data.get("replies") if isinstance(data, dict) else data
        if not isinstance(items, list):
            raise ValueError(f"{path}: expected a list of replies or an object with a 'replies' list")
        return [_reply(item, f"{path}[{i}]") for i, item in enumerate(items)]
    return [text]


class ReplayChatModel(BaseChatModel):
    """Returns the recorded replies one per call, in order; raises ReplayExhausted past the last one."""

    replies: list[str]
    source: str = ""
    _calls: int = PrivateAttr(default=0)
    _received: list = PrivateAttr(default_factory=list)

    @classmethod
    def from_file(cls, path: str | Path) -> "ReplayChatModel":
        """A replay model over the replies recorded in ``path``."""
        return cls(replies=load_replies(path), source=str(path))

    @property
    def _llm_type(self) -> str:
        return "replay"

    @property
    def calls(self) -> int:
        """How many replies have been served."""
        return self._calls

    @property
    def received(self) -> list[list[str]]:
        """The message texts of every call, in order (what the drafter asked)."""
        return list(self._received)

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None,
                  run_manager: Any = None, **kwargs: Any) -> ChatResult:
        self._received.append([str(m.content) for m in messages])
        if self._calls >= len(self.replies):
            raise ReplayExhausted(
                f"replay file {self.source or '(inline)'} holds {len(self.replies)} replies; call {self._calls + 1} has none")
        reply = self.replies[self._calls]
        self._calls += 1
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=reply))])
