"""A langchain chat model over a local GGUF file through llama-cpp-python (optional; imported lazily).

langchain-community's ChatLlamaCpp would do the same but the package is unmaintained and not a dependency;
this wrapper uses llama.cpp's own chat formatting (``create_chat_completion``) and nothing else.

A GGUF without a chat template (a base model such as the PyPI gemma-3-270m) would get llama-cpp-python's
fallback, the Llama-2 ``[INST] <<SYS>>`` format, which a Gemma model has never seen: for Gemma architectures the
adapter uses Gemma's turn format instead. That format has no system role (llama-cpp-python drops system
messages), so the system prompt is folded into the first user turn, as Gemma's own template does.
"""

from __future__ import annotations

from typing import Any

from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from pydantic import PrivateAttr

_ROLES = {"system": "system", "human": "user", "ai": "assistant"}
# GGUF ``general.architecture`` prefix → llama-cpp-python chat format, used only when the file has no template
_FORMAT_BY_ARCHITECTURE = {"gemma": "gemma"}
_NO_SYSTEM_ROLE = {"gemma"}


def chat_format_for(metadata: dict[str, str]) -> str | None:
    """The chat format for a GGUF without ``tokenizer.chat_template`` (by architecture), else None (the file's
    own template or llama-cpp-python's choice)."""
    if metadata.get("tokenizer.chat_template"):
        return None
    architecture = metadata.get("general.architecture", "")
    return next((fmt for prefix, fmt in _FORMAT_BY_ARCHITECTURE.items() if architecture.startswith(prefix)), None)


def fold_system(chat: list[dict[str, str]]) -> list[dict[str, str]]:
    """System messages joined onto the start of the first user message (for formats without a system role)."""
    system = "\n\n".join(m["content"] for m in chat if m["role"] == "system")
    rest = [dict(m) for m in chat if m["role"] != "system"]
    if not system:
        return rest
    for message in rest:
        if message["role"] == "user":
            message["content"] = f"{system}\n\n{message['content']}"
            return rest
    return [{"role": "user", "content": system}, *rest]


class LlamaCppChatModel(BaseChatModel):
    """Chat completions from a GGUF model on the CPU; greedy decoding, fixed seed."""

    model_path: str
    n_ctx: int = 8192
    max_tokens: int = 1536
    temperature: float = 0.0
    seed: int = 0
    n_threads: int = 2
    timeout_s: float = 120.0  # enforced around each call by the adapter's boundary (BoundedChatModel)
    chat_format: str | None = None  # None: the file's template, or by architecture when it has none
    _llm: Any = PrivateAttr(default=None)
    _format: str | None = PrivateAttr(default=None)

    @property
    def _llm_type(self) -> str:
        return "llamacpp"

    def _load(self) -> Any:
        """Load the GGUF model once, on first use, and settle its chat format."""
        if self._llm is None:
            from llama_cpp import Llama

            llm = Llama(model_path=self.model_path, n_ctx=self.n_ctx, seed=self.seed, n_threads=self.n_threads,
                        chat_format=self.chat_format, verbose=False)
            chosen = self.chat_format or chat_format_for(dict(llm.metadata or {}))
            if chosen and chosen != llm.chat_format:
                llm.chat_format = chosen
            self._format = llm.chat_format
            self._llm = llm
        return self._llm

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None,
                  run_manager: Any = None, **kwargs: Any) -> ChatResult:
        llm = self._load()
        chat = [{"role": _ROLES.get(m.type, "user"), "content": str(m.content)} for m in messages]
        if self._format in _NO_SYSTEM_ROLE:
            chat = fold_system(chat)
        out = llm.create_chat_completion(
            messages=chat, max_tokens=self.max_tokens, temperature=self.temperature, stop=stop, seed=self.seed)
        text = out["choices"][0]["message"].get("content") or ""
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])
