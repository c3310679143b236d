"""One adapter from ``settings.llm`` (or ``settings.chat_model``) to a langchain chat model, and its boundary.

``template`` needs none; ``openai:MODEL`` any OpenAI-compatible endpoint; ``ollama:MODEL`` Ollama's
OpenAI-compatible endpoint (no extra package); ``llamacpp:PATH`` a local GGUF file through llama-cpp-python
(optional, imported lazily); ``replay:FILE`` recorded replies. A model in ``settings.chat_model`` wins.

The boundary (issue 11, item 10): every model call runs under one total deadline (connect + read + retries:
``call_with_deadline``), and every error that leaves it is redacted (``redact``) before anyone stores or shows it.
"""

from __future__ import annotations

import os
import re
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable

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

    # openai's client retries twice by default, each try with the full timeout (a hung endpoint cost ~4x the
    # timeout over draft + repair), and an abandoned call would go on retrying in the background. So the client
    # never retries; call_with_deadline retries a quick failure (refused, 5xx, 429) once inside the same deadline.
    return ChatOpenAI(model=model, base_url=base_url, api_key=api_key, timeout=settings.llm_timeout_s,
                      temperature=0, max_retries=MAX_RETRIES)


def choose_model(settings: Any) -> ModelChoice:
    """The chat model for ``settings.llm`` (``settings.chat_model`` wins), with the secrets its errors must not
    show; raises DrafterConfigError."""
    choice = _choose(settings)
    if choice.chat_model is None:
        return choice
    return ModelChoice(choice.drafter, choice.model, choice.chat_model, secrets_of(settings, choice.chat_model))


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


# --- the boundary: one total deadline per call, redacted errors ---------------------------------------------------
MAX_RETRIES = 0  # the client's own retries (see _openai)
RETRIES = 1  # call_with_deadline's, inside the one deadline
_RETRY_STATUS = {429, 500, 502, 503, 504}
REDACTED = "[已隐去]"
# Placeholder keys the adapter itself sends to keyless endpoints: not secrets, and too common to replace.
_PLACEHOLDERS = {"not-needed", "ollama", "none", "null", ""}
_SECRET_PATTERNS = (
    re.compile(r"(?i)(authorization\W{0,3}\s*[:=]\s*['\"]?)(?:(?:bearer|basic|token)\s+)?[^\s,;'\"}\]]+"),
    re.compile(r"(?i)(\bbearer\s+)[A-Za-z0-9._~+/=-]+"),
    re.compile(r"(?i)([?&;](?:api[_-]?key|key|token|access[_-]?token|secret)=)[^&\s'\"#]+"),
    re.compile(r"(?i)((?:x-)?api[_-]?key\W{0,3}\s*[:=]\s*['\"]?)[^\s,;&'\"}\]]+"),
    re.compile(r"(://[^/\s:@]+:)[^@\s/]+(@)"),  # user:password@host
    re.compile(r"()\bsk-[A-Za-z0-9_*.-]{6,}"),  # OpenAI-style keys, also the masked sk-ab***yz echo
)


class ModelCallError(RuntimeError):
    """A model call failed; the message is already redacted (no key, no Authorization value)."""

    elapsed_s: float | None = None  # the seconds the call took, retries included (set by call_with_deadline)


class ModelTimeoutError(ModelCallError, TimeoutError):
    """The model call did not finish within its total deadline (connect + read + retries)."""


class ModelConnectError(ModelCallError, ConnectionError):
    """The endpoint could not be reached (refused, reset, DNS)."""


def secrets_of(settings: Any, model: Any = None) -> tuple[str, ...]:
    """Every secret a model's errors could echo: the configured API key(s) and the model's own key."""
    found = [_secret(getattr(settings, "openai_api_key", None)), os.environ.get("OPENAI_API_KEY"),
             _secret(getattr(model, "openai_api_key", None)), _secret(getattr(model, "api_key", None))]
    return tuple(dict.fromkeys(s for s in found if s and s.strip().lower() not in _PLACEHOLDERS and len(s) >= 4))


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """``text`` with the given secrets, Authorization/Bearer values, ``api_key=`` URL parameters, URL passwords
    and ``sk-…`` keys replaced by [已隐去]; the one redactor every error passes before it is stored or shown."""
    out = str(text)
    for secret in sorted({s for s in secrets if s}, key=len, reverse=True):
        out = out.replace(secret, REDACTED)
    for pattern in _SECRET_PATTERNS:
        out = pattern.sub(lambda m: m.group(1) + REDACTED + (m.group(2) if m.re.groups > 1 else ""), out)
    return out


def describe_error(exc: BaseException, secrets: Iterable[str] = ()) -> ModelCallError:
    """A redacted ModelCallError (timeout / connect / other, by the exception's kind) for any model failure."""
    if isinstance(exc, ModelCallError):
        return type(exc)(redact(str(exc), secrets))
    names = " ".join(c.__name__ for c in type(exc).__mro__)
    message = redact(f"{type(exc).__name__}: {exc}", secrets)
    if "Timeout" in names:
        return ModelTimeoutError(message)
    if "Connect" in names or isinstance(exc, OSError):
        return ModelConnectError(message)
    return ModelCallError(message)


def _retryable(exc: BaseException) -> bool:
    """A quick, transient failure worth one more try: refused/reset connection, 429 or a 5xx."""
    if "Timeout" in " ".join(c.__name__ for c in type(exc).__mro__):
        return False  # a timeout already used its time; the deadline decides
    return getattr(exc, "status_code", None) in _RETRY_STATUS or isinstance(describe_error(exc), ModelConnectError)


def _run_in_worker(fn: Callable[[], Any], timeout_s: float) -> tuple[bool, Any]:
    """``fn()`` in a daemon thread; (finished, value or exception); not finished when ``timeout_s`` passes."""
    box: dict[str, Any] = {}
    done = threading.Event()

    def run() -> None:
        try:
            box["value"] = fn()
        except BaseException as exc:  # noqa: BLE001 - handed to the caller, redacted there
            box["error"] = exc
        finally:
            done.set()

    threading.Thread(target=run, name="lexmemo-model-call", daemon=True).start()
    if not done.wait(max(timeout_s, 0.0)):
        return False, None
    return True, box.get("error", box.get("value"))


def call_with_deadline(fn: Callable[[], Any], timeout_s: float, *, secrets: Iterable[str] = (),
                       retries: int = RETRIES) -> Any:
    """``fn()`` under one total deadline of ``timeout_s`` seconds (retries included); a redacted ModelCallError
    on failure.

    The call runs in a daemon worker thread that is abandoned at the deadline: httpx's own timeouts restart
    with every byte received, so an endpoint trickling one byte a second would otherwise never time out. A quick
    transient failure is retried while time remains. The raised error carries no traceback context (the
    original exception may quote the key).
    """
    start = time.monotonic()
    deadline = start + timeout_s
    attempt = 0
    while True:
        finished, outcome = _run_in_worker(fn, deadline - time.monotonic())
        if finished and not isinstance(outcome, BaseException):
            return outcome
        backoff = min(0.25 * (attempt + 1), timeout_s / 10)
        if not finished:
            error: ModelCallError = ModelTimeoutError(
                f"the model call did not finish within the total deadline of {timeout_s:g} s (connect + read"
                f"{', retry' if attempt else ''}; LEXMEMO_LLM_TIMEOUT_S); abandoned")
        elif attempt >= retries or not _retryable(outcome) or deadline - time.monotonic() <= backoff:
            error = describe_error(outcome, secrets)
        else:
            attempt += 1
            time.sleep(backoff)
            continue
        error.elapsed_s = round(time.monotonic() - start, 3)
        raise error
