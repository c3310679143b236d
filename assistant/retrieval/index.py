"""Build the retrieval index once and reuse it: BM25 token lists, Chroma vectors, and a manifest.

Layout under ``settings.index_dir``: ``manifest.json`` (corpus hash, embedder, dense rule, counts, timings),
``bm25/`` (the BM25 weight matrix, vocabulary and passage ids as ``.npy`` arrays, opened memory-mapped),
``passages.sqlite3`` (each passage's title, text, kind, code and whether it has a vector, read per hit),
``chroma/`` (the embedded Chroma database, unless ``settings.chroma_url`` names a server). The build also writes
jieba's on-demand words file into ``settings.cache_dir`` (``assistant.retrieval.jieba_words``). Embeddings are cached in ``settings.cache_dir/embeddings.sqlite3`` by
sha256(model name + text), so a rebuild after a corpus change re-embeds only the changed passages.
"""

from __future__ import annotations

import fcntl
import json
import time
from contextlib import contextmanager
from pathlib import Path

from assistant.retrieval.bm25 import BM25Index
from assistant.retrieval.embedder import Embedder, EmbeddingCache, embed_cached, make_embedder
from assistant.retrieval.passage_table import PASSAGES_FILE, write_passages
from assistant.retrieval.store import DenseStore, chroma_client
from assistant.retrieval.subset import dense_rule_version, needs_dense
from assistant.retrieval.tokenize import LegalTokenizer

# 2: the collection is created with explicit HNSW settings (store.HNSW); older indexes are rebuilt from the cache.
# 3: BM25 saved as its weight matrix (bm25/), not as token lists rebuilt on every open (issue 18).
# 4: passages.sqlite3, the index's copy of its passages: a search never builds the corpus's 45k passages.
INDEX_FORMAT = 4
MANIFEST = "manifest.json"
BM25_DIR = "bm25"


def manifest_path(settings) -> Path:
    """Where the manifest of the index for ``settings`` lives."""
    return Path(settings.index_dir) / MANIFEST


def read_manifest(settings) -> dict | None:
    """The stored manifest, or None when there is none (or it is unreadable)."""
    try:
        return json.loads(manifest_path(settings).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def embedding_cache_path(settings) -> Path:
    """The shared embedding cache file under ``settings.cache_dir``."""
    return Path(settings.cache_dir) / "embeddings.sqlite3"


def _load_corpus(settings):
    from assistant.corpus import load_corpus

    return load_corpus(settings.corpus_dir) if settings.corpus_dir else load_corpus()


def stale_reason(settings, corpus, embedder_spec: str) -> str | None:
    """Why the index must be (re)built, or None when the stored one matches corpus, embedder and format."""
    manifest = read_manifest(settings)
    if manifest is None:
        return "no index yet"
    if manifest.get("format") != INDEX_FORMAT:
        return "index format changed"
    if manifest.get("corpus_hash") != corpus.hash:
        return "corpus changed"
    if manifest.get("embedder") != embedder_spec:
        return f"embedder changed ({manifest.get('embedder')} → {embedder_spec})"
    if manifest.get("dense_rule") != dense_rule_version():
        return "dense subset rule changed"
    if manifest.get("chroma_url") != settings.chroma_url:
        return "vector store location changed"
    if not (Path(settings.index_dir) / BM25_DIR / "meta.json").exists():
        return "BM25 data missing"
    if not (Path(settings.index_dir) / PASSAGES_FILE).exists():
        return "passage table missing"
    return None


@contextmanager
def _build_lock(index_dir: Path):
    """One builder at a time per index directory (two CLI runs, or parallel test sessions)."""
    index_dir.mkdir(parents=True, exist_ok=True)
    with open(index_dir / ".build.lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def build_index(settings, rebuild: bool = False, *, corpus=None, embedder: Embedder | None = None) -> dict:
    """Build the index when missing or stale (corpus hash, embedder, rule) or when ``rebuild``; return the manifest.

    ``corpus`` and ``embedder`` default to ``load_corpus()`` and ``settings.embedder``; tests pass their own.
    The manifest's ``built`` is False when the stored index was reused.
    """
    corpus = corpus if corpus is not None else _load_corpus(settings)
    spec = getattr(embedder, "spec", None) or (embedder.name if embedder is not None else settings.embedder)
    index_dir = Path(settings.index_dir)
    with _build_lock(index_dir):
        reason = "rebuild requested" if rebuild else stale_reason(settings, corpus, spec)
        if reason is None:
            return {**read_manifest(settings), "built": False}
        return _build(settings, corpus, embedder, spec, reason)


def _build(settings, corpus, embedder: Embedder | None, spec: str, reason: str) -> dict:
    from tqdm import tqdm

    t0 = time.perf_counter()
    index_dir = Path(settings.index_dir)
    timings: dict[str, float] = {}
    passages = corpus.passages()
    ids = [p.id for p in passages]

    tokenizer = LegalTokenizer(settings.cache_dir, on_demand=False)  # the whole dictionary: every passage is cut
    t = time.perf_counter()
    texts = [f"{p.title}\n{p.text}" for p in passages]  # the title carries the instrument name and article
    bar = tqdm(texts, desc="BM25 tokens", unit="passage", disable=not settings.progress, leave=False)
    bm25 = BM25Index(ids, [tokenizer.tokens(text) for text in bar])
    bm25.save(index_dir / BM25_DIR)
    tokenizer.write_words()  # queries then read jieba's dictionary on demand (same tokens, no load)
    write_passages(index_dir / PASSAGES_FILE, passages, needs_dense)
    timings["bm25_s"] = round(time.perf_counter() - t, 3)

    t = time.perf_counter()
    embedder = embedder if embedder is not None else make_embedder(settings.embedder)
    timings["embedder_load_s"] = round(time.perf_counter() - t, 3)
    dense = [p for p in passages if needs_dense(p)]
    store = DenseStore(chroma_client(index_dir, settings.chroma_url))
    stamp = {"format": INDEX_FORMAT, "corpus_hash": corpus.hash, "embedder": spec, "dense_rule": dense_rule_version()}
    # A team's server already holding this corpus's complete vectors is reused, not reset: a second lawyer's
    # `lexmemo index` builds only the local BM25, and never empties the collection others are querying.
    reused = bool(settings.chroma_url) and reason != "rebuild requested" and store.holds(stamp, len(dense))
    encoded = 0
    if not reused:
        t = time.perf_counter()
        cache = EmbeddingCache(embedding_cache_path(settings))
        try:
            with tqdm(total=len(dense), desc="Embedding", unit="passage", disable=not settings.progress) as bar:
                vectors, encoded = embed_cached(embedder, [dense_text(p) for p in dense], cache, progress=bar)
        finally:
            cache.close()
        timings["embed_s"] = round(time.perf_counter() - t, 3)

        t = time.perf_counter()
        store.reset()
        store.add(
            [p.id for p in dense],
            vectors,
            metadatas=[{"code": p.code, "kind": p.kind} for p in dense],
        )
        store.set_stamp(stamp)  # last: a build cut short leaves no stamp, so the next one starts over
        timings["store_s"] = round(time.perf_counter() - t, 3)
    timings["total_s"] = round(time.perf_counter() - t0, 3)

    manifest = {
        "format": INDEX_FORMAT,
        "corpus_hash": corpus.hash,
        "embedder": spec,
        "embedder_name": embedder.name,
        "dim": int(embedder.dim),
        "dense_rule": dense_rule_version(),
        "chroma_url": settings.chroma_url,
        "reason": reason,
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "counts": {
            "passages": len(passages),
            "dense_passages": len(dense),
            "embedded": encoded,
            "from_cache": 0 if reused else len(dense) - encoded,
            "from_server": len(dense) if reused else 0,
        },
        "timings": timings,
    }
    tmp = manifest_path(settings).with_suffix(".json.tmp")
    tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    tmp.replace(manifest_path(settings))
    return {**manifest, "built": True}


def dense_text(passage) -> str:
    """The text embedded for a passage: its title line (instrument and article) then its text."""
    return f"{passage.title}\n{passage.text}"
