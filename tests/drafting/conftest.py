"""Fixtures for the drafting tests: settings on temporary dirs, the corpus, the worked examples, replay files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.corpus import load_corpus
from assistant.settings import Settings

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((REPO / "examples" / "claims").glob("*.json"))
GOLDEN = Path(__file__).resolve().parent / "golden"


def example_facts(name: str) -> dict:
    """The facts of one worked example (spec section 6) by file stem."""
    return json.loads((REPO / "examples" / "claims" / f"{name}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def golden_dir() -> Path:
    """Where the golden files live."""
    return GOLDEN


@pytest.fixture(scope="session")
def examples():
    """``examples(name)`` → the facts dict of a worked example."""
    return example_facts


@pytest.fixture(scope="session")
def corpus():
    """The project corpus (loaded once)."""
    return load_corpus()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Template-drafter settings on a temporary data dir (no retrieval index: verdict citations only)."""
    return Settings(data_dir=tmp_path / "data", cache_dir=tmp_path / "cache", llm="template", progress=False)


@pytest.fixture
def replay_file(tmp_path: Path):
    """Write replies to a JSONL replay file and return its path."""
    def write(*replies: str, name: str = "replies.jsonl") -> Path:
        path = tmp_path / name
        path.write_text("".join(json.dumps({"content": r}, ensure_ascii=False) + "\n" for r in replies),
                        encoding="utf-8")
        return path
    return write
