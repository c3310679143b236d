"""UI test set-up: every test gets its own data dir (matters database, index) through LEXMEMO_* variables."""

from __future__ import annotations

from pathlib import Path

import pytest

@pytest.fixture()
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh data dir for the app; the drafter is the template unless a test says otherwise."""
    d = tmp_path / "data"
    monkeypatch.setenv("LEXMEMO_DATA_DIR", str(d))
    monkeypatch.setenv("LEXMEMO_CACHE_DIR", str(tmp_path / "cache"))
    for var in ("LEXMEMO_LLM", "LEXMEMO_PRESET", "LEXMEMO_OPENAI_BASE_URL", "LEXMEMO_OPENAI_API_KEY",
                "LEXMEMO_CORPUS_DIR", "LEXMEMO_DOCTRINE"):
        monkeypatch.delenv(var, raising=False)
    return d
