"""Broken endpoints: a trickle of one byte a second, a hang, a 500 whose body echoes the API key, connection
refused, garbage. Each fails within twice LEXMEMO_LLM_TIMEOUT_S with a clear message, and no artefact (the error,
the receipt, the memo, the CLI output, the SQLite store) holds the key (issue 11)."""

from __future__ import annotations

import json
import threading
import time

import pytest
from pydantic import SecretStr

from assistant.drafting import DraftingError, draft_memo
from assistant.drafting.boundary import REDACTED, ModelCallError, ModelConnectError, ModelTimeoutError

from .conftest import KEY, TIMEOUT_S, example_facts
from .fake_openai import refused_url
from .memos import apply_edits

BOUND_S = 2 * TIMEOUT_S
# The bound is on the time spent calling the model (what the endpoint costs). The whole draft also classifies,
# builds the context and runs the guard: CPU work that a loaded 2-core machine can stretch, allowed on top.
CPU_SLACK_S = 3.0
DEFECT = [{"append": {"section": "法律分析", "text": "依《电子商务法》第九十九条，平台应当承担相应的责任。"}}]


def _draft_failure(settings) -> tuple[DraftingError, float]:
    """Draft through the fake endpoint expecting a DraftingError; the error and the model-call seconds (checked
    against twice the timeout; the whole draft's wall time against that plus the CPU allowance)."""
    start = time.monotonic()
    with pytest.raises(DraftingError) as info:
        draft_memo(example_facts(), settings=settings)
    wall = time.monotonic() - start
    took = info.value.__cause__.elapsed_s
    assert took is not None and took < BOUND_S and wall < BOUND_S + CPU_SLACK_S, (took, wall)
    return info.value, took


def _assert_clean(exc: BaseException) -> None:
    """No exception in the chain quotes the key, and the chain is short: DraftingError ← ModelCallError only."""
    seen = []
    cur: BaseException | None = exc
    while cur is not None:
        seen.append(cur)
        assert KEY not in str(cur) and KEY not in repr(cur)
        cur = cur.__cause__ or cur.__context__
    assert isinstance(seen[1], ModelCallError) and len(seen) == 2, [type(e).__name__ for e in seen]


def test_trickling_endpoint_fails_at_the_deadline(fake, hostile_settings):
    """One byte a second never trips httpx's per-read timeout; the total deadline stops it at the timeout."""
    fake.queue({"trickle": 0.5})
    exc, took = _draft_failure(hostile_settings)
    assert TIMEOUT_S * 0.9 <= took < BOUND_S, took
    assert isinstance(exc.__cause__, ModelTimeoutError) and f"total deadline of {TIMEOUT_S:g} s" in str(exc)
    assert len(fake.requests) == 1  # the deadline covers retries too: no second request started
    _assert_clean(exc)
    # the abandoned call ends by itself (the client's transport enforces the same deadline on the body)
    end = time.monotonic() + 3 * TIMEOUT_S
    while any(t.name == "lexmemo-model-call" and t.is_alive() for t in threading.enumerate()):
        assert time.monotonic() < end, "the abandoned model call is still reading the trickle"
        time.sleep(0.1)


def test_trickling_stream_fails_at_the_deadline(fake, hostile_settings):
    """The same for a streaming client (server-sent events trickled byte by byte)."""
    from langchain_openai import ChatOpenAI

    model = ChatOpenAI(model="hostile-model", base_url=fake.url, api_key=KEY, timeout=TIMEOUT_S, max_retries=1,
                       streaming=True)
    fake.queue({"trickle": 0.5})
    exc, took = _draft_failure(hostile_settings.model_copy(update={"chat_model": model}))
    assert took < BOUND_S and isinstance(exc.__cause__, ModelTimeoutError)
    assert fake.requests[0]["body"].get("stream") is True
    _assert_clean(exc)


def test_streamed_reply_is_read_whole(fake, hostile_settings, template_memo):
    """The fake endpoint's streaming path: a streamed sound memo arrives whole and passes."""
    from langchain_openai import ChatOpenAI

    model = ChatOpenAI(model="hostile-model", base_url=fake.url, api_key=KEY, timeout=TIMEOUT_S, streaming=True)
    fake.queue(template_memo())
    result = draft_memo(example_facts(), settings=hostile_settings.model_copy(update={"chat_model": model}))
    assert result.report.ok and result.markdown == template_memo()


def test_hung_endpoint_fails_at_the_deadline(fake, hostile_settings):
    """No byte at all: the first call is abandoned at the deadline; there is no second call."""
    fake.queue({"hang": True}, {"hang": True})
    exc, took = _draft_failure(hostile_settings)
    assert took < BOUND_S and isinstance(exc.__cause__, ModelTimeoutError)
    assert "LEXMEMO_LLM_TIMEOUT_S" in str(exc)
    _assert_clean(exc)


def test_repair_that_hangs_keeps_the_first_draft_within_twice_the_timeout(fake, hostile_settings, template_memo):
    """A defective first draft, then a hung repair call: the first draft is kept, marked, within 2x the timeout."""
    fake.queue(apply_edits(template_memo(), DEFECT), {"hang": True})
    start = time.monotonic()
    result = draft_memo(example_facts(), settings=hostile_settings)
    wall = time.monotonic() - start
    took = sum(a["seconds"] for a in result.attempts)
    assert TIMEOUT_S <= took < BOUND_S and wall < BOUND_S + CPU_SLACK_S, (took, wall)
    assert result.needs_review and "第九十九条" in result.markdown
    assert "total deadline" in result.attempts[1]["error"] and result.receipt["attempts"][1]["error"]


def test_error_body_echoing_the_key_is_redacted(fake, hostile_settings):
    """A 500 whose body quotes the Authorization header: the message keeps the status, not the key."""
    fake.queue({"status": 500}, {"status": 500})
    exc, took = _draft_failure(hostile_settings)
    assert took < BOUND_S
    assert fake.requests[0]["headers"]["authorization"] == f"Bearer {KEY}"  # the key was really sent and echoed
    assert "500" in str(exc) and f"Authorization: {REDACTED} " in str(exc) and KEY not in str(exc)
    assert len(fake.requests) == 2  # one retry for a server error, no more
    _assert_clean(exc)


def test_connection_refused_is_a_clear_connect_error(hostile_settings):
    """Nothing listening: a connection error at once (not retried), named as such."""
    exc, took = _draft_failure(hostile_settings.model_copy(update={"openai_base_url": refused_url()}))
    assert took < BOUND_S and isinstance(exc.__cause__, ModelConnectError)
    assert "Connection" in str(exc)
    _assert_clean(exc)


def test_garbage_reply_is_a_clear_error(fake, hostile_settings):
    """A 200 that is not JSON: a drafting error that says what came back, not a crash or an empty memo."""
    fake.queue({"garbage": True}, {"garbage": True})
    exc, took = _draft_failure(hostile_settings)
    assert took < BOUND_S and "the drafter failed before producing a memo" in str(exc)
    assert "not an OpenAI-compatible chat completion (not valid JSON)" in str(exc)
    _assert_clean(exc)


def _cli(monkeypatch, tmp_path, fake, *args: str):
    """``lexmemo draft`` in-process with the fake endpoint and the key in the environment."""
    from typer.testing import CliRunner

    import assistant.cli.draft_cmds  # noqa: F401  (registers the verb)
    import assistant.cli.verify_cmds  # noqa: F401  (a second verb: with one command Typer drops the verb name)
    from assistant.cli import app

    facts = tmp_path / "facts.json"
    facts.write_text(json.dumps(example_facts(), ensure_ascii=False), encoding="utf-8")
    for name, value in {"LEXMEMO_LLM": "openai:hostile-model", "LEXMEMO_OPENAI_BASE_URL": fake.url,
                        "LEXMEMO_OPENAI_API_KEY": KEY, "LEXMEMO_LLM_TIMEOUT_S": str(TIMEOUT_S),
                        "LEXMEMO_DATA_DIR": str(tmp_path / "data"), "LEXMEMO_PROGRESS": "false"}.items():
        monkeypatch.setenv(name, value)
    result = CliRunner().invoke(app, ["draft", str(facts), *args])
    output = result.output + (getattr(result, "stderr", "") if getattr(result, "stderr_bytes", None) else "")
    return result, output


def test_cli_output_never_shows_the_key(fake, tmp_path, monkeypatch):
    """`lexmemo draft` against a 500 that echoes the key: exit 1, a clear message, no key on screen."""
    fake.queue({"status": 500}, {"status": 500})
    result, output = _cli(monkeypatch, tmp_path, fake, "-o", str(tmp_path / "m.md"))
    assert result.exit_code == 1, output
    assert "drafter failed" in output and "500" in output and KEY not in output


def test_receipt_and_memo_never_hold_the_key(fake, tmp_path, monkeypatch, template_memo):
    """A repair call that fails with the key in its error body, and a reply that itself echoes the key: the
    receipt's attempt error and the memo are redacted; the key is in no file written."""
    echo = apply_edits(template_memo(), DEFECT + [{"append": {"section": "声明", "text": f"5. 调用密钥：{KEY}"}}])
    fake.queue(echo, {"status": 500}, {"status": 500})
    memo, receipt = tmp_path / "m.md", tmp_path / "r.json"
    result, output = _cli(monkeypatch, tmp_path, fake, "-o", str(memo), "-o", str(tmp_path / "m.docx"),
                          "--receipt", str(receipt))
    assert result.exit_code == 1 and KEY not in output
    data = json.loads(receipt.read_text(encoding="utf-8"))
    assert "500" in data["attempts"][1]["error"] and REDACTED in data["attempts"][1]["error"]
    assert f"调用密钥：{REDACTED}" in memo.read_text(encoding="utf-8")
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert KEY.encode() not in path.read_bytes(), path
    import zipfile

    with zipfile.ZipFile(tmp_path / "m.docx") as docx:
        assert all(KEY.encode() not in docx.read(name) for name in docx.namelist())


def test_sqlite_store_never_holds_the_key(fake, hostile_settings, template_memo):
    """The workspace's path (ui/views/memo_panel.py): a failed draft's error and a completed draft's receipt go
    into the SQLite store as the chain hands them over; neither holds the key."""
    from assistant.store import MatterStore

    store = MatterStore.open(hostile_settings)
    matter = store.create_matter("密钥泄露测试", facts=example_facts())
    fake.queue({"status": 500}, {"status": 500})
    failed = store.begin_draft(matter.id, "openai:hostile-model")
    with pytest.raises(DraftingError) as info:
        draft_memo(example_facts(), settings=hostile_settings)
    store.fail_draft(failed, f"{type(info.value).__name__}: {info.value}")  # exactly what the memo panel stores
    fake.queue(apply_edits(template_memo(), DEFECT), {"status": 500}, {"status": 500})
    done = store.begin_draft(matter.id, "openai:hostile-model")
    result = draft_memo(example_facts(), settings=hostile_settings)
    store.complete_draft(done, result.markdown, result.receipt, result.report.ok, result.report.to_json())
    history = store.memo_history(matter.id)
    assert {m.status for m in history} == {"failed", "done"}
    for path in hostile_settings.data_dir.rglob("*"):
        if path.is_file():
            assert KEY.encode() not in path.read_bytes(), path


def test_settings_key_is_redacted_even_without_the_sk_shape(fake, hostile_settings):
    """A key with no recognisable shape is still removed: the adapter redacts the configured key itself."""
    plain = "plainsecretvalue42"
    fake.queue({"status": 500}, {"status": 500})
    exc, _ = _draft_failure(hostile_settings.model_copy(update={"openai_api_key": SecretStr(plain)}))
    assert plain not in str(exc) and REDACTED in str(exc)


def test_triage_extractor_behind_the_same_boundary(fake, hostile_settings):
    """The LLM fact extractor uses the same adapter: a 500 echoing the key falls back to the rules, and the
    method text it records (a triage output column) names the failure without the key."""
    from assistant.triage.extract.llm import make_extractor

    fake.queue({"status": 500}, {"status": 500})
    name, extractor = make_extractor(hostile_settings)
    result = extractor("2023年5月1日在外卖平台点餐后食物中毒住院，平台没有审核商家的许可证。")
    assert name == "llm:openai:hostile-model" and result.method.startswith("rules (llm failed:")
    assert "500" in result.method and "[已隐去]" in result.method and KEY not in result.method


@pytest.mark.parametrize("behaviour, kind", [({"hang": True}, "大模型响应超时"), ({"status": 500}, "起草失败"),
                                             (None, "无法连接大模型服务")])
def test_workspace_message_names_the_failure_without_the_key(behaviour, kind, fake, hostile_settings):
    """The workspace's error message (ui/views/memo_panel.py) still tells a timeout from a dead endpoint through
    the redacted errors, and shows no key."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "ui"))
    from views.memo_panel import _error_message

    settings = hostile_settings
    if behaviour is None:
        settings = settings.model_copy(update={"openai_base_url": refused_url()})
    else:
        fake.queue(behaviour, behaviour)
    exc, _ = _draft_failure(settings)
    message = _error_message(exc, "openai:hostile-model", TIMEOUT_S)
    assert message.startswith(kind) and KEY not in message, message
