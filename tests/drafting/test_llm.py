"""The drafter adapter (``settings.llm``) and the replay file formats. Nothing here reaches a network."""

from __future__ import annotations

import importlib.util
import json

import pytest

from assistant.drafting.llm import OLLAMA_DEFAULT_URL, DrafterConfigError, choose_model
from assistant.drafting.replay import ReplayChatModel, ReplayExhausted, load_replies


def _with(settings, **update):
    return settings.model_copy(update=update)


def test_template_needs_no_model(settings):
    """The default drafter is the template: no chat model at all."""
    choice = choose_model(settings)
    assert choice.drafter == "template" and choice.chat_model is None


def test_openai_uses_settings_endpoint_and_timeout(settings, monkeypatch):
    """openai:MODEL → ChatOpenAI on the configured base URL with the settings' timeout (no call made)."""
    from pydantic import SecretStr

    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    s = _with(settings, llm="openai:qwen2.5-7b-instruct", openai_base_url="http://127.0.0.1:8001/v1",
              openai_api_key=SecretStr("sk-test"), llm_timeout_s=7.0)
    choice = choose_model(s)
    assert choice.drafter == "openai" and choice.model == "qwen2.5-7b-instruct"
    assert str(choice.chat_model.inner.openai_api_base) == "http://127.0.0.1:8001/v1"
    assert choice.chat_model.inner.request_timeout == 7.0 and choice.chat_model.inner.temperature == 0


def test_openai_reads_environment_when_settings_are_empty(settings, monkeypatch):
    """OPENAI_BASE_URL / OPENAI_API_KEY from the environment are used when settings leave them unset."""
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9999/v1")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-env")
    choice = choose_model(_with(settings, llm="openai:deepseek-chat"))
    assert str(choice.chat_model.inner.openai_api_base) == "http://127.0.0.1:9999/v1"
    assert choice.chat_model.inner.openai_api_key.get_secret_value() == "sk-env"


def test_openai_without_key_or_endpoint_is_a_clear_error(settings, monkeypatch):
    """No key and no endpoint: say which setting to set."""
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    with pytest.raises(DrafterConfigError, match="LEXMEMO_OPENAI_API_KEY"):
        choose_model(_with(settings, llm="openai:gpt-4o-mini"))


def test_ollama_goes_through_its_openai_endpoint(settings, monkeypatch):
    """ollama:MODEL → ChatOpenAI on Ollama's local OpenAI-compatible endpoint (no extra package)."""
    choice = choose_model(_with(settings, llm="ollama:qwen2.5:7b"))
    assert choice.drafter == "ollama" and choice.model == "qwen2.5:7b"
    assert str(choice.chat_model.inner.openai_api_base) == OLLAMA_DEFAULT_URL


def test_ollama_on_another_machine_through_the_setting(settings):
    """settings.ollama_url (LEXMEMO_OLLAMA_URL) points ollama:MODEL at a remote Ollama."""
    choice = choose_model(_with(settings, llm="ollama:qwen2.5", ollama_url="http://gpu-box:11434/v1"))
    assert str(choice.chat_model.inner.openai_api_base) == "http://gpu-box:11434/v1"


def test_llamacpp_missing_file_is_a_clear_error(settings, tmp_path):
    """llamacpp:PATH with no such file names the path."""
    with pytest.raises(DrafterConfigError, match="not found"):
        choose_model(_with(settings, llm=f"llamacpp:{tmp_path / 'none.gguf'}"))


@pytest.mark.skipif(importlib.util.find_spec("llama_cpp") is not None, reason="llama-cpp-python is installed here")
def test_llamacpp_without_the_package_says_how_to_install(settings, tmp_path):
    """llamacpp:PATH without llama-cpp-python: tell the user to install the optional package."""
    gguf = tmp_path / "model.gguf"
    gguf.write_bytes(b"GGUF")
    with pytest.raises(DrafterConfigError, match="pip install llama-cpp-python"):
        choose_model(_with(settings, llm=f"llamacpp:{gguf}"))


@pytest.mark.parametrize("spec", ["gpt-4", "openai", "openai:", "template:x", "hf:some/model"])
def test_unknown_drafter_specs_are_rejected(settings, spec):
    """Anything but the five forms is an error listing them."""
    with pytest.raises(DrafterConfigError, match="template, openai:MODEL"):
        choose_model(_with(settings, llm=spec))


def test_replay_formats(tmp_path):
    """JSONL of strings/objects, a JSON list, {"replies": [...]}, or any text file (one reply)."""
    (tmp_path / "a.jsonl").write_text('"一"\n\n{"content": "二"}\n', encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps(["一", {"reply": "二"}], ensure_ascii=False), encoding="utf-8")
    (tmp_path / "c.json").write_text(json.dumps({"replies": ["一"]}, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "d.md").write_text("# 备忘录\n", encoding="utf-8")
    assert load_replies(tmp_path / "a.jsonl") == ["一", "二"]
    assert load_replies(tmp_path / "b.json") == ["一", "二"]
    assert load_replies(tmp_path / "c.json") == ["一"]
    assert load_replies(tmp_path / "d.md") == ["# 备忘录\n"]


def test_replay_errors_name_the_file_and_line(tmp_path, settings):
    """Malformed replay files: the error names file and line; a missing file is a config error."""
    (tmp_path / "bad.jsonl").write_text('"ok"\n{broken\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad.jsonl:2"):
        load_replies(tmp_path / "bad.jsonl")
    (tmp_path / "bad.json").write_text('{"replies": 3}', encoding="utf-8")
    with pytest.raises(ValueError, match="replies"):
        load_replies(tmp_path / "bad.json")
    with pytest.raises(DrafterConfigError, match="not found"):
        choose_model(_with(settings, llm=f"replay:{tmp_path / 'none.jsonl'}"))


def test_replay_model_serves_in_order_then_stops():
    """Replies come in order; one call too many raises ReplayExhausted."""
    model = ReplayChatModel(replies=["甲", "乙"])
    assert model.invoke("q").content == "甲" and model.invoke("q").content == "乙"
    with pytest.raises(ReplayExhausted):
        model.invoke("q")
    assert model.calls == 2 and model.received == [["q"], ["q"], ["q"]]  # the third was asked, not served


def test_gguf_without_template_gets_its_architectures_format():
    """A Gemma GGUF with no chat template (a base model) gets Gemma's turn format, not the Llama-2 fallback."""
    from assistant.drafting.llamacpp import chat_format_for

    assert chat_format_for({"general.architecture": "gemma3"}) == "gemma"
    assert chat_format_for({"general.architecture": "gemma3", "tokenizer.chat_template": "{{ x }}"}) is None
    assert chat_format_for({"general.architecture": "qwen2"}) is None


def test_system_prompt_is_folded_into_the_first_user_turn():
    """Gemma's format has no system role (llama-cpp-python would drop it): the rules go in front of the user turn."""
    from assistant.drafting.llamacpp import fold_system

    chat = [{"role": "system", "content": "规则"}, {"role": "user", "content": "材料"},
            {"role": "assistant", "content": "初稿"}, {"role": "user", "content": "修改"}]
    assert fold_system(chat) == [{"role": "user", "content": "规则\n\n材料"}, {"role": "assistant", "content": "初稿"},
                                 {"role": "user", "content": "修改"}]
    assert chat[1]["content"] == "材料"  # the input is not changed
    assert fold_system([{"role": "user", "content": "材料"}]) == [{"role": "user", "content": "材料"}]


# --- the boundary: redaction and the one total deadline (issue 11) ------------------------------------------------
KEY = "sk-proj-AbCdEf0123456789"


@pytest.mark.parametrize("text, gone", [
    (f"Error code: 401 - Incorrect API key provided: {KEY}", KEY),
    ("request had Authorization: Bearer tok_live_998877 and failed", "tok_live_998877"),
    ("{'authorization': 'Basic dXNlcjpwYXNz'}", "dXNlcjpwYXNz"),
    ("GET https://llm.example/v1/chat?api_key=abc123secret&model=x", "abc123secret"),
    ("GET https://llm.example/v1/chat?key=abc123secret", "abc123secret"),
    ("x-api-key: qwerty-9876-secret", "qwerty-9876-secret"),
    ("proxy http://bob:hunter2pass@proxy.local:3128 refused", "hunter2pass"),
    ("Incorrect API key provided: sk-ab***********wxyz.", "sk-ab***********wxyz"),
])
def test_redact_removes_secrets(text, gone):
    """The key, Authorization/Bearer values, api_key= parameters, URL passwords and sk- keys are replaced."""
    from assistant.drafting.boundary import REDACTED, redact

    out = redact(text, [KEY])
    assert gone not in out and REDACTED in out


def test_redact_removes_a_configured_key_of_any_shape_and_keeps_ordinary_text():
    """A configured key without a recognisable shape still goes; memo-like text and error words stay."""
    from assistant.drafting.boundary import redact

    assert redact("echo: plainsecretvalue42!", ["plainsecretvalue42"]) == "echo: [已隐去]!"
    text = "Error code: 500 - 平台应承担按份责任（《电子商务法》第三十八条第二款）；Connection error."
    assert redact(text, [KEY]) == text


def test_secrets_of_ignores_placeholder_keys(settings, monkeypatch):
    """The placeholder keys sent to keyless endpoints (ollama, not-needed) are not treated as secrets."""
    from pydantic import SecretStr

    from assistant.drafting.boundary import secrets_of

    monkeypatch.setenv("OPENAI_API_KEY", "sk-env-key-0001")
    assert secrets_of(_with(settings, openai_api_key=SecretStr(KEY))) == (KEY, "sk-env-key-0001")
    monkeypatch.delenv("OPENAI_API_KEY")
    choice = choose_model(_with(settings, llm="ollama:qwen2.5"))
    assert choice.secrets == ()


def test_openai_client_does_not_retry_on_its_own(settings):
    """The client's retries are off (each would take a full timeout, and go on after the call is abandoned)."""
    choice = choose_model(_with(settings, llm="ollama:qwen2.5"))
    assert choice.chat_model.inner.max_retries == 0


def test_deadline_abandons_a_slow_call():
    """A call that would take 5 s is abandoned at its 0.3 s deadline with a ModelTimeoutError."""
    import time

    from assistant.drafting.boundary import ModelTimeoutError, call_with_deadline

    start = time.monotonic()
    with pytest.raises(ModelTimeoutError, match="total deadline of 0.3 s") as info:
        call_with_deadline(lambda: time.sleep(5), 0.3)
    assert time.monotonic() - start < 1.0 and info.value.elapsed_s < 1.0
    assert info.value.__context__ is None and info.value.__cause__ is None


def test_deadline_redacts_and_classifies_errors():
    """Errors come back redacted, without the original as context, typed by kind (connect, other)."""
    from assistant.drafting.boundary import ModelCallError, ModelConnectError, call_with_deadline

    def refused():
        raise ConnectionRefusedError(f"refused (Authorization: Bearer {KEY})")

    with pytest.raises(ModelConnectError) as info:
        call_with_deadline(refused, 2.0, secrets=[KEY])
    assert KEY not in str(info.value) and info.value.__context__ is None

    def bad():
        raise ValueError(f"bad reply for key {KEY}")

    with pytest.raises(ModelCallError) as info:
        call_with_deadline(bad, 2.0, secrets=[KEY])
    assert type(info.value) is ModelCallError and KEY not in str(info.value)


class _Status(RuntimeError):
    def __init__(self, status_code: int) -> None:
        super().__init__(f"Error code: {status_code}")
        self.status_code = status_code


def test_deadline_retries_a_server_error_once():
    """A 503 is retried once inside the deadline (a second success is returned); a refused connection is not."""
    from assistant.drafting.boundary import ModelConnectError, call_with_deadline

    calls = []

    def flaky():
        calls.append(1)
        if len(calls) == 1:
            raise _Status(503)
        return "ok"

    assert call_with_deadline(flaky, 2.0) == "ok" and len(calls) == 2
    calls.clear()

    def always_bad():
        calls.append(1)
        raise ValueError("not retryable")

    with pytest.raises(Exception):
        call_with_deadline(always_bad, 2.0)
    assert len(calls) == 1
    calls.clear()

    def refused():
        calls.append(1)
        raise ConnectionRefusedError("refused")

    with pytest.raises(ModelConnectError):
        call_with_deadline(refused, 2.0)
    assert len(calls) == 1
