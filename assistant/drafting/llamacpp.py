"""A langchain chat model over a local GGUF file through llama-cpp-python (optional; imported lazily).

langchain-community's ChatLlamaCpp would do the same but the package is unmaintained and not a dependency;
this wrapper uses llama.cpp's own chat template (``create_chat_completion``) and nothing else.
"""

from __future__ import annotations

from typing import Any

from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from pydantic import PrivateAttr

_ROLES = {"system": "system", "human": "user", "ai": "assistant"}


class LlamaCppChatModel(BaseChatModel):
    """Chat completions from a GGUF model on the CPU; greedy decoding, fixed seed."""

    model_path: str
    n_ctx: int = 8192
    max_tokens: int = 1536
    temperature: float = 0.0
    seed: int = 0
    n_threads: int = 2
    timeout_s: float = 120.0
    _llm: Any = PrivateAttr(default=None)

    @property
    def _llm_type(self) -> str:
        return "llamacpp"

    def _load(self) -> Any:
        """Load the GGUF model once, on first use."""
        if self._llm is None:
            from llama_cpp import Llama

            self._llm = Llama(model_path=self.model_path, n_ctx=self.n_ctx, seed=self.seed,
                              n_threads=self.n_threads, verbose=False)
        return self._llm

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None,
                  run_manager: Any = None, **kwargs: Any) -> ChatResult:
        chat = [{"role": _ROLES.get(m.type, "user"), "content": str(m.content)} for m in messages]
        out = self._load().create_chat_completion(
            messages=chat, max_tokens=self.max_tokens, temperature=self.temperature, stop=stop, seed=self.seed)
        text = out["choices"][0]["message"].get("content") or ""
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])
