"""The model boundary (issue 11, item 10): one total deadline per model call, and secrets redacted from every
error (and reply) before anyone stores or shows it.

``BoundedChatModel`` wraps whatever chat model the adapter (``assistant.drafting.llm``) chose; its calls run
through ``call_with_deadline`` and its errors through ``redact``. A call abandoned at the deadline keeps running
in a daemon thread until the OpenAI client's deadline transport (``deadline_http_client``) or its timeout ends it
(a local llama.cpp model finishes its tokens first).
"""

from __future__ import annotations

import os
import re
import threading
import time
from functools import lru_cache
from typing import Any, Callable, Iterable

from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult

MAX_RETRIES = 0  # the client's own retries (see _openai)
RETRIES = 1  # call_with_deadline's, for a 429/5xx only, inside the one deadline
_RETRY_STATUS = {429, 500, 502, 503, 504}
REDACTED = "[已隐去]"
# Placeholder keys the adapter itself sends to keyless endpoints: not secrets, and too common to replace.
_PLACEHOLDERS = {"not-needed", "ollama", "none", "null", ""}
# A value already redacted (the exact key goes first) counts as one token, so "Bearer [已隐去]" stays tidy.
_VALUE = r"(?:\[已隐去\]|[^\s,;&'\"}\]]+)"
_SECRET_PATTERNS = (
    re.compile(r"(?i)(authorization\W{0,3}\s*[:=]\s*['\"]?)(?:(?:bearer|basic|token)\s+)?" + _VALUE),
    re.compile(r"(?i)(\bbearer\s+)[A-Za-z0-9._~+/=-]+"),
    re.compile(r"(?i)([?&;](?:api[_-]?key|key|token|access[_-]?token|secret)=)" + _VALUE),
    re.compile(r"(?i)((?:x-)?api[_-]?key\W{0,3}\s*[:=]\s*['\"]?)" + _VALUE),
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


def _secret(value: Any) -> str | None:
    """The plain value of a SecretStr (or a str)."""
    if value is None:
        return None
    return value.get_secret_value() if hasattr(value, "get_secret_value") else str(value)


def secrets_of(settings: Any, model: Any = None) -> tuple[str, ...]:
    """Every secret a model's errors could echo: the configured API key(s) and the model's own key."""
    # Shorter values are placeholders, not keys; replacing them everywhere would corrupt memo text.
    found = [_secret(getattr(settings, "openai_api_key", None)), os.environ.get("OPENAI_API_KEY"),
             _secret(getattr(model, "openai_api_key", None)), _secret(getattr(model, "api_key", None))]
    return tuple(dict.fromkeys(s for s in found if s and s.strip().lower() not in _PLACEHOLDERS and len(s) >= 8))


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
    if isinstance(exc, (UnicodeDecodeError, ValueError)) and ("JSON" in names or "Decode" in names):
        message = f"the endpoint's reply is not an OpenAI-compatible chat completion (not valid JSON): {message}"
    if "Timeout" in names:
        return ModelTimeoutError(message)
    if "Connect" in names or isinstance(exc, OSError):
        return ModelConnectError(message)
    return ModelCallError(message)


def _retryable(exc: BaseException) -> bool:
    """A transient server answer worth one more try inside the deadline: 429 or a 5xx. A refused connection or
    a timeout is not retried (a dead endpoint must not cost more per call; the triage extractor counts calls)."""
    return getattr(exc, "status_code", None) in _RETRY_STATUS


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
        late = (f"the model call did not finish within the total deadline of {timeout_s:g} s (connect + read"
                f"{', retry' if attempt else ''}; LEXMEMO_LLM_TIMEOUT_S)")
        if not finished:
            error: ModelCallError = ModelTimeoutError(f"{late}; abandoned")
        elif attempt >= retries or not _retryable(outcome) or deadline - time.monotonic() <= backoff:
            error = describe_error(outcome, secrets)
            if isinstance(error, ModelTimeoutError):  # the client's own timeout struck first: same message
                error = ModelTimeoutError(f"{late}: {error}")
        else:
            attempt += 1
            time.sleep(backoff)
            continue
        error.elapsed_s = round(time.monotonic() - start, 3)
        raise error


class BoundedChatModel(BaseChatModel):
    """A chat model behind the boundary: each call under one total deadline, errors redacted (ModelCallError and
    its Timeout/Connect kinds), and the key redacted from the reply text too (a reply is stored and shown)."""

    inner: Any
    timeout_s: float = 120.0
    secrets: tuple[str, ...] = ()

    @property
    def _llm_type(self) -> str:
        return f"bounded-{getattr(self.inner, '_llm_type', type(self.inner).__name__)}"

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None,
                  run_manager: Any = None, **kwargs: Any) -> ChatResult:
        reply = call_with_deadline(lambda: self.inner.invoke(messages, stop=stop, **kwargs), self.timeout_s,
                                   secrets=self.secrets)
        content = getattr(reply, "content", reply)
        if isinstance(content, str):
            content = redact(content, self.secrets)
        elif isinstance(content, list):
            content = [redact(b, self.secrets) if isinstance(b, str)
                       else {**b, "text": redact(b["text"], self.secrets)} if isinstance(b, dict) and
                       isinstance(b.get("text"), str) else b for b in content]
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=content))])


def deadline_http_client(total_s: float) -> Any:
    """An httpx client whose every response body must arrive by ``total_s`` after the request was sent: the
    read raises httpx.ReadTimeout at the first chunk past it. The worker thread call_with_deadline abandoned
    then ends by itself instead of reading a trickle for hours in a long-lived process (the workspace)."""
    import httpx

    class _DeadlineStream(httpx.SyncByteStream):
        def __init__(self, stream: Any, deadline: float) -> None:
            self._stream, self._deadline = stream, deadline

        def __iter__(self):  # noqa: ANN204 - httpx's protocol
            for chunk in self._stream:
                if time.monotonic() > self._deadline:
                    raise httpx.ReadTimeout(f"response still arriving after the total deadline of {total_s:g} s")
                yield chunk

        def close(self) -> None:
            self._stream.close()

    class _DeadlineTransport(httpx.HTTPTransport):
        def handle_request(self, request: httpx.Request) -> httpx.Response:
            deadline = time.monotonic() + total_s
            response = super().handle_request(request)
            response.stream = _DeadlineStream(response.stream, deadline)
            return response

    return httpx.Client(transport=_DeadlineTransport(verify=_ssl_context()), timeout=total_s)


@lru_cache(maxsize=1)
def _ssl_context() -> Any:
    """httpx's default verifying SSL context, built once (loading the CA bundle takes ~60 ms a client)."""
    import httpx

    return httpx.create_ssl_context()
