"""Fixtures for the corpus tests: the project corpus, loaded once."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.corpus import Corpus, load_corpus
from assistant.corpus.loader import DEFAULT_CORPUS_DIR

SPEC = Path(__file__).resolve().parents[3].parent / "shared" / "spec" / "liability.md"


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    """The project's own corpus/ directory."""
    return load_corpus(DEFAULT_CORPUS_DIR)
