"""Fixtures for the corpus tests: the project corpus, loaded once."""

from __future__ import annotations

import pytest

from assistant.corpus import Corpus, load_corpus
from assistant.corpus.loader import DEFAULT_CORPUS_DIR


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    """The project's own corpus/ directory."""
    return load_corpus(DEFAULT_CORPUS_DIR)
