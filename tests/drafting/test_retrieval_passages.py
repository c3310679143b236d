"""Narrative passages from a built index: BM25 top-5 join the key table; hits not in force are left out.

The index is built over the real corpus with a small hash-based stand-in embedder (the dense half is not
queried in ``bm25`` mode), so this test needs no model and runs in seconds.
"""

from __future__ import annotations

import hashlib

import numpy as np
import pytest

from assistant.drafting import draft_memo
from assistant.drafting.retrieve import narrative_query


class HashEmbedder:
    """Deterministic 16-dim vectors from a text hash: enough to build the Chroma half of the index."""

    name = "test:hash16"
    spec = "test:hash16"
    dim = 16

    def _vec(self, text: str) -> np.ndarray:
        raw = np.frombuffer(hashlib.sha256(text.encode("utf-8")).digest()[: self.dim], dtype=np.uint8)
        vec = raw.astype(np.float32) + 1.0
        return vec / np.linalg.norm(vec)

    def embed_passages(self, texts):
        return np.stack([self._vec(t) for t in texts])

    def embed_query(self, text):
        return self._vec(text)


@pytest.fixture(scope="module")
def indexed_settings(tmp_path_factory):
    """Settings whose index is built (BM25 + hash vectors) and queried in bm25 mode."""
    from assistant.retrieval import build_index
    from assistant.settings import Settings

    root = tmp_path_factory.mktemp("drafting-index")
    settings = Settings(data_dir=root / "data", cache_dir=root / "cache", embedder=HashEmbedder.spec,
                        retrieval_mode="bm25", llm="template", progress=False)
    build_index(settings, embedder=HashEmbedder())
    return settings


def test_bm25_top_passages_join_the_memo_inputs(indexed_settings, examples, corpus):
    """With the index built, up to five narrative hits in force on the event date get citation keys."""
    facts = examples("catering_licence_not_reviewed")
    result = draft_memo(facts, settings=indexed_settings)
    assert result.receipt["passages_source"] == "retrieval:bm25 top-5"
    retrieved = [p for p in result.context.passages if p.source == "retrieval"]
    assert 1 <= len(retrieved) <= 5
    from datetime import date

    assert all(corpus.in_force(p.id, date(2023, 5, 1)) for p in retrieved)
    assert set(p.id for p in retrieved) <= set(result.context.key_table.values())
    assert result.report.ok, result.report.to_text()


def test_query_is_the_narrative_or_built_from_facts(examples):
    """The narrative is the query; without one, the known facts are described in Chinese."""
    from assistant.core import ClaimFacts

    with_story = ClaimFacts.model_validate(examples("catering_licence_not_reviewed"))
    assert narrative_query(with_story) == with_story.narrative
    bare = ClaimFacts.model_validate({"category": "drug", "qualification_review_done": False, "harm": "personal_injury"})
    query = narrative_query(bare)
    assert "药品" in query and "未审核" in query and "人身损害" in query
