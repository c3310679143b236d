"""The dense vector store: a chromadb collection that only ever receives explicit embeddings.

The collection is created with ``embedding_function=None`` and cosine space, so chromadb never falls back to
its default embedding function (which downloads a model at first use and fails offline). Telemetry is off.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlparse

import numpy as np

COLLECTION = "lexmemo_passages"
# HNSW breadth. The retriever asks for 50 candidates per query; with chroma's defaults (ef_search and
# ef_construction 100) two builds of the same vectors (embedded or served alike) disagreed on the top-50 of 28 of
# the 110 labelled queries, and one missed the true nearest passage of 2. With these values every top-10 equals the
# exact cosine ranking, four builds agree on all 110 top-50 lists, and a query costs <0.1 ms more (measured
# 2026-11-25 on the 1,199-vector dense subset; tests/retrieval/test_chroma_server.py relies on the agreement).
HNSW = {"space": "cosine", "ef_construction": 200, "ef_search": 400}


def chroma_client(index_dir: Path, chroma_url: str | None = None):
    """An embedded ``PersistentClient`` under ``index_dir/chroma``, or an ``HttpClient`` when a URL is set."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if chroma_url:
        url = urlparse(chroma_url)
        return chromadb.HttpClient(
            host=url.hostname or "127.0.0.1",
            port=url.port or (443 if url.scheme == "https" else 8000),
            ssl=url.scheme == "https",
            settings=chroma_settings,
        )
    path = Path(index_dir) / "chroma"
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=chroma_settings)


class DenseStore:
    """Add passages with their vectors; query by vector for ``[(id, cosine similarity)]``."""

    def __init__(self, client, name: str = COLLECTION) -> None:
        self.client = client
        self.name = name
        self._collection = None
        self._count: int | None = None  # cached for queries (Chroma's count() cost ~3-7 ms a query); reset on writes

    @property
    def collection(self):
        """The collection, created on first use (cosine space, no embedding function)."""
        if self._collection is None:
            self._collection = self.client.get_or_create_collection(
                self.name, embedding_function=None, configuration={"hnsw": dict(HNSW)}
            )
        return self._collection

    def reset(self) -> None:
        """Drop the collection (if any) so the next add starts from empty."""
        try:
            self.client.delete_collection(self.name)
        except Exception:  # chromadb raises different types per backend when it does not exist
            pass
        self._collection = None
        self._count = None

    def add(
        self,
        ids: Sequence[str],
        embeddings: np.ndarray,
        documents: Sequence[str] | None = None,
        metadatas: Sequence[dict] | None = None,
        batch_size: int = 1000,
    ) -> None:
        """Add (or overwrite) passages in batches; ``embeddings`` must be ``(len(ids), dim)``."""
        if len(ids) != len(embeddings):
            raise ValueError("ids and embeddings differ in length")
        col = self.collection
        self._count = None
        limit = min(batch_size, self.client.get_max_batch_size())
        for start in range(0, len(ids), limit):
            end = start + limit
            col.upsert(
                ids=list(ids[start:end]),
                embeddings=np.asarray(embeddings[start:end], dtype=np.float32),
                documents=list(documents[start:end]) if documents is not None else None,
                metadatas=list(metadatas[start:end]) if metadatas is not None else None,
            )

    def stamp(self) -> dict:
        """What the stored vectors were built from, as recorded by ``set_stamp`` ({} when nothing is recorded)."""
        return dict(self.collection.metadata or {})

    def set_stamp(self, stamp: dict) -> None:
        """Record on the collection what its vectors were built from, once they are all stored."""
        self.collection.modify(metadata=dict(stamp))

    def holds(self, stamp: dict, n: int) -> bool:
        """True when the collection carries ``stamp`` and all ``n`` vectors (a complete build others can reuse)."""
        return self.stamp() == dict(stamp) and self.count() == n

    def count(self) -> int:
        """Number of stored passages."""
        return self.collection.count()

    def query(self, embedding: np.ndarray, k: int = 10) -> list[tuple[str, float]]:
        """The ``k`` nearest passages as ``(id, cosine similarity)``, best first."""
        if self._count is None or self._count < k:  # only a count below k changes n: then it is asked again
            self._count = self.count()
        n = min(k, self._count)
        if n <= 0:
            return []
        res = self.collection.query(
            query_embeddings=[np.asarray(embedding, dtype=np.float32)], n_results=n, include=["distances"]
        )
        return [(pid, 1.0 - float(dist)) for pid, dist in zip(res["ids"][0], res["distances"][0])]
