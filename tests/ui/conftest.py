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


@pytest.fixture()
def served_files(monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    """The bytes each download button served, by its file name (recorded from Streamlit's media storage)."""
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

    served: dict[str, bytes] = {}
    original = MemoryMediaFileStorage.load_and_get_id

    def recording(self, path_or_data, mimetype, kind, filename=None):
        if filename and isinstance(path_or_data, (bytes, bytearray)):
            served[filename] = bytes(path_or_data)
        return original(self, path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", recording)
    return served
