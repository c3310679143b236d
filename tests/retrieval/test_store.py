"""The Chroma store takes explicit embeddings and answers by cosine similarity."""

import numpy as np
import pytest

from assistant.retrieval.store import DenseStore, chroma_client


def test_round_trip_with_explicit_embeddings(tmp_path):
    store = DenseStore(chroma_client(tmp_path))
    vecs = np.eye(3, 8, dtype=np.float32)
    store.add(["a", "b", "c"], vecs, metadatas=[{"code": "X"}] * 3)
    assert store.count() == 3
    hits = store.query(vecs[1], k=2)
    assert hits[0][0] == "b"
    assert hits[0][1] == pytest.approx(1.0, abs=1e-5)
    assert hits[1][1] == pytest.approx(0.0, abs=1e-5)
    # the collection never got an embedding function, so nothing can be downloaded
    assert store.collection.configuration.get("embedding_function") is None
    assert store.collection.configuration["hnsw"]["space"] == "cosine"


def test_persists_and_resets(tmp_path):
    DenseStore(chroma_client(tmp_path)).add(["a"], np.ones((1, 4), dtype=np.float32))
    store = DenseStore(chroma_client(tmp_path))
    assert store.count() == 1
    store.reset()
    assert store.count() == 0
    assert store.query(np.ones(4, dtype=np.float32), k=3) == []


def test_batches_larger_than_batch_size(tmp_path):
    store = DenseStore(chroma_client(tmp_path))
    rng = np.random.default_rng(0)
    vecs = rng.normal(size=(25, 8)).astype(np.float32)
    store.add([f"p{i}" for i in range(25)], vecs, batch_size=10)
    assert store.count() == 25


def test_length_mismatch_rejected(tmp_path):
    with pytest.raises(ValueError):
        DenseStore(chroma_client(tmp_path)).add(["a", "b"], np.ones((1, 4), dtype=np.float32))
