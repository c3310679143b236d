"""bench/scale_hnsw.py's comparison of a real Chroma collection (product HNSW settings) with exact cosine search."""

import numpy as np

from bench.scale_hnsw import _build, compare


def _unit(rows):
    return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


def test_small_collection_matches_exact_search(tmp_path):
    rng = np.random.default_rng(0)
    vecs = _unit(rng.standard_normal((300, 32)))
    ids = [f"v{i}" for i in range(len(vecs))]
    store, build_s, hnsw = _build(ids, vecs, str(tmp_path))
    queries = _unit(vecs[:20] + 0.3 * rng.standard_normal((20, 32)))
    res = compare(store, ids, vecs, queries, relevant=[{f"v{i}"} for i in range(20)])
    assert build_s >= 0 and hnsw["space"] == "cosine"
    # ef_search (400) exceeds the 300 vectors: HNSW visits them all, so it must agree with exact search
    assert res["recall@10"] == 1.0 and res["recall@50"] == 1.0
    assert res["labelled_recall@5"]["exact"] == res["labelled_recall@5"]["hnsw"] > 0.5
    assert res["near_tie_at_10"] < 0.5 and res["float_tie_at_10"] == 0.0


def test_triplicated_vectors_tie_at_every_cut(tmp_path):
    rng = np.random.default_rng(1)
    base = _unit(rng.standard_normal((40, 16)))
    vecs = np.repeat(base, 3, axis=0)  # ranks 10/11 and 50/51 fall inside a triple: an exact tie
    ids = [f"t{i}" for i in range(len(vecs))]
    store, _, _ = _build(ids, vecs, str(tmp_path))
    res = compare(store, ids, vecs, _unit(base[:8] + 0.2 * rng.standard_normal((8, 16))))
    assert res["near_tie_at_10"] == res["near_tie_at_50"] == 1.0
    assert res["float_tie_at_10"] == 1.0
    assert res["recall@10_ties_forgiven"] == 1.0 and res["recall@50_ties_forgiven"] == 1.0
