"""Hybrid retrieval over the corpus: BM25 on jieba tokens + dense (Chroma) fused by RRF; citations first.

``build_index(settings, rebuild=False)`` builds or reuses the index; ``Retriever.open(settings).search(...)``.
"""

from assistant.retrieval.hit import Hit
from assistant.retrieval.index import build_index
from assistant.retrieval.retriever import MODES, RetrievalError, Retriever

__all__ = ["Hit", "MODES", "RetrievalError", "Retriever", "build_index"]
