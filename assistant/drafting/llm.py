"""One adapter from ``settings.llm`` (or ``settings.chat_model``) to a langchain chat model, and its boundary.

``template`` needs none; ``openai:MODEL`` any OpenAI-compatible endpoint; ``ollama:MODEL`` Ollama's
OpenAI-compatible endpoint (no extra package); ``llamacpp:PATH`` a local GGUF file through llama-cpp-python
(optional, imported lazily); ``replay:FILE`` recorded replies. A model in ``settings.chat_model`` wins.

Every chat model it returns (but a replay file's, which has no endpoint) is wrapped in ``BoundedChatModel``
(``assistant.drafting.boundary``, issue 11): one total deadline per call, and errors (and replies) redacted of
the key before anyone stores or shows them. Every user of the adapter (the drafting chain, the triage
extractor, the evals) gets that boundary.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.settings import Settings

# One source for Ollama's address: the settings default (a blank LEXMEMO_OLLAMA_URL falls back to it).
OLLAMA_DEFAULT_URL: str = Settings.model_fields["ollama_url"].default
LLM_FORMS = "template, openai:MODEL, ollama:MODEL, llamacpp:PATH, replay:FILE"


class DrafterConfigError(ValueError):
    """``settings.llm`` names no drafter that can run here; the message says how to fix it."""


@dataclass(frozen=True)
class ModelChoice:
    """The drafter chosen: its kind (template, openai, …, injected), the model name, the chat model (or None)."""

    drafter: str
    model: str | None
    chat_model: Any = None
    secrets: tuple[str, ...] = ()


def _secret(value: Any) -> str | None:
    """The plain value of a SecretStr (or a str)."""
    if value is None:
        return None
    return value.get_secret_value() if hasattr(value, "get_secret_value") else str(value)


def _openai(model: str, base_url: str | None, api_key: str | None, settings: Any) -> Any:
    """A ChatOpenAI on an OpenAI-compatible endpoint, deterministic sampling, the settings' timeout."""
    from langchain_openai import ChatOpenAI

    from assistant.drafting.boundary import MAX_RETRIES, deadline_http_client

    # openai's client retries twice by default, each try with the full timeout (a hung endpoint cost ~4x the
    # timeout over draft + repair), and an abandoned call would go on retrying in the background. So the client
    # never retries; call_with_deadline retries a 429 or 5xx once inside the same deadline.
    return ChatOpenAI(model=model, base_url=base_url, api_key=api_key, timeout=settings.llm_timeout_s,
                      temperature=0, max_retries=MAX_RETRIES,
                      http_client=deadline_http_client(float(settings.llm_timeout_s)))


def choose_model(settings: Any) -> ModelChoice:
    """The chat model for ``settings.llm`` (``settings.chat_model`` wins), with the secrets its errors must not
    show; raises DrafterConfigError."""
    choice = _choose(settings)
    model = choice.chat_model
    if model is None or choice.drafter == "replay":  # recorded replies: no endpoint, no key, nothing to wait for
        return choice
    # the boundary imports langchain: only a model drafter pays for it (issue 18, cold start)
    from assistant.drafting.boundary import BoundedChatModel, secrets_of

    if isinstance(model, BoundedChatModel):  # already behind the boundary (evals share one built model)
        return ModelChoice(choice.drafter, type(model.inner).__name__, model, model.secrets)
    secrets = secrets_of(settings, model)
    bounded = BoundedChatModel(inner=model, timeout_s=float(getattr(settings, "llm_timeout_s", 120.0)),
                               secrets=secrets)
    return ModelChoice(choice.drafter, choice.model, bounded, secrets)


def _choose(settings: Any) -> ModelChoice:
    """The chat model for ``settings.llm`` (``settings.chat_model`` wins)."""
    if getattr(settings, "chat_model", None) is not None:
        model = settings.chat_model
        return ModelChoice("injected", type(model).__name__, model)
    spec = (settings.llm or "template").strip()
    kind, _, arg = spec.partition(":")
    if kind == "template" and not arg:
        return ModelChoice("template", None)
    if not arg:
        raise DrafterConfigError(f"--llm {spec!r}: expected one of {LLM_FORMS}")
    if kind == "openai":
        base_url = settings.openai_base_url or os.environ.get("OPENAI_BASE_URL")
        api_key = _secret(settings.openai_api_key) or os.environ.get("OPENAI_API_KEY")
        if not api_key and not base_url:
            raise DrafterConfigError(
                "openai drafter: set LEXMEMO_OPENAI_API_KEY (or OPENAI_API_KEY), and LEXMEMO_OPENAI_BASE_URL for a "
                "non-OpenAI endpoint")
        return ModelChoice("openai", arg, _openai(arg, base_url, api_key or "not-needed", settings))
    if kind == "ollama":
        base_url = settings.ollama_url or OLLAMA_DEFAULT_URL
        return ModelChoice("ollama", arg, _openai(arg, base_url, "ollama", settings))
    if kind == "llamacpp":
        return ModelChoice("llamacpp", Path(arg).name, llamacpp_model(arg, settings))
    if kind == "replay":
        from assistant.drafting.replay import ReplayChatModel

        try:
            return ModelChoice("replay", arg, ReplayChatModel.from_file(arg))
        except (OSError, ValueError) as exc:
            raise DrafterConfigError(str(exc)) from exc
    raise DrafterConfigError(f"--llm {spec!r}: unknown drafter {kind!r}; expected one of {LLM_FORMS}")


def llamacpp_model(path: str, settings: Any) -> Any:
    """A chat model over a local GGUF file (llama-cpp-python is an optional extra, imported only here)."""
    if not Path(path).is_file():
        raise DrafterConfigError(f"llamacpp drafter: GGUF file not found: {path}")
    try:
        import llama_cpp  # noqa: F401
    except ImportError as exc:
        raise DrafterConfigError(
            "llamacpp drafter needs the optional package llama-cpp-python: pip install llama-cpp-python "
            "(it compiles from source, about 6-8 minutes)") from exc
    from assistant.drafting.llamacpp import LlamaCppChatModel

    return LlamaCppChatModel(model_path=str(path), timeout_s=settings.llm_timeout_s)

