"""Fixtures of the hostile-endpoint suite: the fake OpenAI-compatible server, settings that point the real
``openai:`` drafter (langchain-openai's ChatOpenAI through the adapter) at it, and the template memo to mutate."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import SecretStr

from assistant.settings import Settings
from .fake_openai import FakeOpenAI

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "claims" / "medical_device_not_reviewed.json"
# A key shaped like a real one, so the pattern-based redaction is exercised as well as the exact one.
KEY = "sk-hostile-0123456789abcdefXYZ"
TIMEOUT_S = 1.0  # LEXMEMO_LLM_TIMEOUT_S in this suite: broken endpoints must fail within 2 x this


def example_facts(narrative: str | None = None) -> dict:
    """The fixed claim of the suite, optionally with another narrative."""
    facts = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    if narrative is not None:
        facts["narrative"] = narrative
    return facts


@pytest.fixture(scope="session")
def fake(template_memo):
    """One fake endpoint for the session (each test queues its own behaviours). The client library is imported
    and one memo drafted and guarded first, so the timings measure the endpoint, not a cold start."""
    import langchain_openai  # noqa: F401

    template_memo()
    server = FakeOpenAI().start()
    yield server
    server.stop()


@pytest.fixture
def hostile_settings(tmp_path, fake, monkeypatch) -> Settings:
    """The openai drafter on the fake endpoint, with the suite's key and short timeout."""
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    return Settings(data_dir=tmp_path / "data", cache_dir=tmp_path / "cache", llm="openai:hostile-model",
                    openai_base_url=fake.url, openai_api_key=SecretStr(KEY), llm_timeout_s=TIMEOUT_S,
                    progress=False)


@pytest.fixture(scope="session")
def template_memo(tmp_path_factory):
    """``template_memo(narrative=None)`` → the template drafter's memo for the fixed claim (drafted once each)."""
    from assistant.drafting import draft_memo

    root = tmp_path_factory.mktemp("template")
    cache: dict = {}

    def memo(narrative: str | None = None) -> str:
        if narrative not in cache:
            settings = Settings(data_dir=root / "data", cache_dir=root / "cache", llm="template", progress=False)
            result = draft_memo(example_facts(narrative), settings=settings)
            if narrative is None:  # the suite's base memo must be sound; others are judged by their own case
                assert result.report.ok, result.report.to_text()
            cache[narrative] = result.markdown
        return cache[narrative]

    return memo
