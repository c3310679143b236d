"""``Retriever``: BM25, dense (Chroma) and hybrid (RRF) search over the corpus, explicit citations first."""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from contextlib import nullcontext
from pathlib import Path

from assistant.retrieval.bm25 import BM25Index
from assistant.retrieval.citations import cited_passage_ids, corpus_aliases
from assistant.retrieval.embedder import Embedder, make_embedder
from assistant.retrieval.expand import dense_query, expansion_terms
from assistant.retrieval.hit import Hit
from assistant.retrieval.hybrid import dense_weight, fuse, rrf
from assistant.retrieval.index import BM25_DIR, _load_corpus, build_index, read_manifest
from assistant.retrieval.passage_table import PASSAGES_FILE, PassageTable
from assistant.retrieval.store import DenseStore, chroma_client
from assistant.retrieval.tokenize import get_tokenizer

MODES = ("hybrid", "bm25", "dense")
# How deep each ranker's list goes before fusion: RRF needs more than k candidates from each side.
CANDIDATES = 50


class RetrievalError(ValueError):
    """Bad search input (unknown mode, k < 1)."""


# One open index per process (issue 18): CLI batches, the eval runner and the app's draft button reuse it.
_shared_lock = threading.Lock()
_shared: dict[tuple, "Retriever"] = {}


_controller: list = []  # one ThreadpoolController per process: building one scans the loaded libraries (~2 ms)


def _one_blas_thread():
    """Limit BLAS to one thread during a query (latency on shared 2-core machines), when threadpoolctl exists."""
    if not _controller:
        try:
            from threadpoolctl import ThreadpoolController
        except ImportError:  # pragma: no cover - optional
            return nullcontext()
        _controller.append(ThreadpoolController())
    return _controller[0].limit(limits=1)


#: Query vectors kept per open index, by exact query text (the workspace redrafts the same matter; issue 18).
QUERY_CACHE_SIZE = 256


class Retriever:
    """Search the corpus: ``Retriever.open(settings).search(query, k=5, mode="hybrid")`` → ``list[Hit]``."""

    def __init__(self, settings, corpus, bm25: BM25Index, store: DenseStore | None = None,
                 embedder: Embedder | None = None, passages=None) -> None:
        self.settings = settings
        self.corpus = corpus
        self.bm25 = bm25
        self._store = store
        self._store_lock = threading.Lock()
        self._embedder = embedder
        # id → Passage: the index's passage table (PassageTable), or the corpus's passages when none is given
        self.passages = passages if passages is not None else {p.id: p for p in corpus.passages()}
        self._aliases = corpus_aliases(corpus)
        self._tokenizer = get_tokenizer(settings.cache_dir)
        # Lay-to-statute expansion of BM25 queries (assistant.retrieval.expand); off only to measure its effect.
        self.expand_queries = True
        # The same thesaurus applied to the text the dense encoder embeds (issue 18); off only to measure it.
        self.expand_dense = True
        # Gate the dense list by the subset's coverage of BM25's best passages and keep BM25's best passages the
        # dense side cannot judge at their BM25 rank (hybrid.dense_weight, hybrid.keep_unjudged); off: plain RRF.
        self.gate_dense = True
        self._dense_ids: frozenset[str] | None = None
        # query text → vector, most recent last; ``cache_queries = False`` (or clear_query_cache) measures a miss
        self.cache_queries = True
        self._query_vectors: OrderedDict[str, object] = OrderedDict()
        self._query_lock = threading.Lock()

    @classmethod
    def open(cls, settings, *, corpus=None, embedder: Embedder | None = None, build: bool = True) -> "Retriever":
        """Open the index for ``settings``, building it first when missing or stale (unless ``build`` is False)."""
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
        corpus = corpus if corpus is not None else _load_corpus(settings)
        if build:
            build_index(settings, corpus=corpus, embedder=embedder)
        index_dir = Path(settings.index_dir)
        bm25 = BM25Index.open(index_dir / BM25_DIR)
        passages = PassageTable(index_dir / PASSAGES_FILE)
        return cls(settings, corpus, bm25, None, embedder, passages)  # Chroma is opened by the first dense query

    @classmethod
    def shared(cls, settings, *, corpus=None, build: bool = False) -> "Retriever":
        """The process's open index for ``settings`` (opened on first call, reopened when the index is rebuilt).

        Keyed by index location, store, embedder and the manifest's build stamp, so a ``lexmemo index`` run in
        another process is picked up by the next call and a stale index is never searched.
        """
        corpus = corpus if corpus is not None else _load_corpus(settings)
        if build:
            build_index(settings, corpus=corpus)
        manifest = read_manifest(settings) or {}
        key = (str(Path(settings.index_dir).resolve()), settings.chroma_url, settings.embedder,
               getattr(settings, "retrieval_mode", "hybrid"), corpus.hash, manifest.get("built_at"))
        with _shared_lock:
            found = _shared.get(key)
            if found is None:
                found = cls.open(settings, corpus=corpus, build=False)
                _shared.clear()  # one index per process: an older build's arrays are released
                _shared[key] = found
            return found

    @property
    def store(self) -> DenseStore:
        """The Chroma store, opened on first use (importing chromadb costs 0.5–4 s: BM25-only work never pays it)."""
        if self._store is None:
            with self._store_lock:
                if self._store is None:
                    self._store = DenseStore(chroma_client(Path(self.settings.index_dir), self.settings.chroma_url))
        return self._store

    @store.setter
    def store(self, value: DenseStore | None) -> None:
        self._store = value

    @property
    def embedder(self) -> Embedder:
        """The query encoder, loaded on first dense query."""
        if self._embedder is None:
            self._embedder = make_embedder(self.settings.embedder)
        return self._embedder

    def query_tokens(self, query: str) -> list[str]:
        """The BM25 terms of ``query``: its jieba tokens plus the statute words of its lay words."""
        tokens = self._tokenizer.tokens(query)
        if not self.expand_queries:
            return tokens
        out = list(tokens)
        for term in expansion_terms(query):
            # a user-dictionary term is one document token; anything else is cut like a document
            out += [term] if term in self._tokenizer.tokens(term) else self._tokenizer.tokens(term)
        return out

    def bm25_ranking(self, query: str, depth: int = CANDIDATES) -> list[tuple[str, float]]:
        """BM25 ``(id, score)`` over every passage."""
        return self.bm25.search(self.query_tokens(query), depth)

    def dense_ranking(self, query: str, depth: int = CANDIDATES) -> list[tuple[str, float]]:
        """Dense ``(id, cosine)`` over the embedded subset (see ``assistant.retrieval.subset``)."""
        text = dense_query(query) if self.expand_dense else query
        return self.store.query(self.query_vector(text), depth)

    def query_vector(self, text: str):
        """The encoder's vector for ``text``, from the cache when the same text was encoded before."""
        if self.cache_queries:
            with self._query_lock:
                vec = self._query_vectors.get(text)
                if vec is not None:
                    self._query_vectors.move_to_end(text)
                    return vec
        embedder = self.embedder  # loaded (with its OpenMP/BLAS libraries) before the thread limits are read
        with _one_blas_thread():
            vec = embedder.embed_query(text)
        if self.cache_queries:
            with self._query_lock:
                self._query_vectors[text] = vec
                while len(self._query_vectors) > QUERY_CACHE_SIZE:
                    self._query_vectors.popitem(last=False)
        return vec

    def clear_query_cache(self) -> None:
        """Forget the cached query vectors (the bench's uncached figure)."""
        with self._query_lock:
            self._query_vectors.clear()

    @property
    def dense_ids(self) -> frozenset[str]:
        """Ids of the passages that have vectors (the dense-subset rule the index was built with)."""
        if self._dense_ids is None:
            if hasattr(self.passages, "dense_ids"):
                self._dense_ids = self.passages.dense_ids()
            else:
                from assistant.retrieval.subset import needs_dense

                self._dense_ids = frozenset(p.id for p in self.corpus.passages() if needs_dense(p))
        return self._dense_ids

    def cited(self, query: str) -> list[str]:
        """Passage ids the query cites explicitly (《电子商务法》第三十八条第二款, 电商法38条, 民法典第1198条)."""
        return cited_passage_ids(query, self.corpus, self.passages, self._aliases)

    def search(self, query: str, k: int = 5, mode: str | None = None) -> list[Hit]:
        """The ``k`` best passages for ``query``; explicitly cited provisions come first in every mode.

        Scores: BM25 score, cosine similarity, or RRF score by mode; cited passages score 1 above the best
        searched passage, in citation order.
        """
        mode = mode or getattr(self.settings, "retrieval_mode", "hybrid")
        if mode not in MODES:
            raise RetrievalError(f"unknown mode {mode!r}: use one of {', '.join(MODES)}")
        if k < 1:
            raise RetrievalError("k must be at least 1")
        query = query.strip()
        if not query:
            return []
        depth = max(CANDIDATES, k)
        if mode == "bm25":
            ranked = self.bm25_ranking(query, depth)
        elif mode == "dense":
            ranked = self.dense_ranking(query, depth)
        else:
            lexical = [pid for pid, _ in self.bm25_ranking(query, depth)]
            weight = dense_weight(lexical, self.dense_ids.__contains__) if self.gate_dense else 1.0
            # weight 0: the dense side covers none of BM25's best answers; skip it (and Chroma's import)
            dense = [pid for pid, _ in self.dense_ranking(query, depth)] if weight > 0 else []
            ranked = (fuse(lexical, dense, self.dense_ids.__contains__, weight) if self.gate_dense
                      else rrf([lexical, dense], weights=[1.0, weight]))
        cited = self.cited(query)
        top = max((s for _, s in ranked), default=0.0)
        results = [(pid, top + 1.0 - i * 1e-6) for i, pid in enumerate(cited)]
        cited_set = set(cited)
        results += [(pid, s) for pid, s in ranked if pid not in cited_set]
        return [self._hit(pid, score) for pid, score in results[:k] if pid in self.passages]

    def _hit(self, pid: str, score: float) -> Hit:
        p = self.passages[pid]
        return Hit(id=p.id, score=float(score), text=p.text, title=p.title, kind=p.kind, code=p.code)
