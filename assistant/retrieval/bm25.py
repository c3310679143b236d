"""Lexical search: Okapi BM25 over jieba tokens as a sparse term-weight matrix; the token lists are persisted.

The scores are rank-bm25's ``BM25Okapi`` scores (k1=1.5, b=0.75, negative idf floored at epsilon=0.25 times the
mean idf), but precomputed per (passage, term) in a ``scipy.sparse`` CSC matrix. A query then touches only the
columns of its own terms. rank-bm25 loops in Python over every passage for every query term instead, which made
a BM25 query at 300k passages take seconds (see ``bench/SCALE.md``).
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from scipy import sparse

K1 = 1.5
B = 0.75
EPSILON = 0.25
# BM25Okapi divides by the corpus size; an empty passage gets this placeholder token so it scores 0.
EMPTY = "\u2205"


class BM25Index:
    """BM25 over pre-tokenised passages; ``search(tokens, k)`` gives ``[(passage id, score)]`` best first."""

    def __init__(self, ids: Sequence[str], token_lists: Sequence[list[str]]) -> None:
        if len(ids) != len(token_lists):
            raise ValueError("ids and token lists differ in length")
        self.ids = list(ids)
        self.token_lists = [list(t) for t in token_lists]
        self.vocab: dict[str, int] = {}
        self.weights: sparse.csc_matrix | None = None
        if self.ids:
            self._build([t or [EMPTY] for t in self.token_lists])

    def _build(self, docs: list[list[str]]) -> None:
        """Fill ``vocab`` and the (passages × terms) matrix of BM25 term weights."""
        vocab = self.vocab
        lengths = np.fromiter((len(d) for d in docs), dtype=np.int64, count=len(docs))
        term_ids = np.fromiter(
            (vocab.setdefault(t, len(vocab)) for d in docs for t in d), dtype=np.int64, count=int(lengths.sum())
        )
        doc_ids = np.repeat(np.arange(len(docs), dtype=np.int64), lengths)
        # duplicates (a term repeated in a passage) are summed: the matrix holds term frequencies
        tf = sparse.csc_matrix(
            (np.ones(len(term_ids), dtype=np.float64), (doc_ids, term_ids)), shape=(len(docs), len(vocab))
        )
        tf.sum_duplicates()
        n_docs = len(docs)
        doc_freq = np.diff(tf.indptr)  # passages containing each term (one stored entry per passage)
        idf = np.log(n_docs - doc_freq + 0.5) - np.log(doc_freq + 0.5)
        # rank-bm25 floors negative idf (terms in more than half the passages) at epsilon × mean idf
        idf[idf < 0] = EPSILON * float(idf.mean())
        norm = K1 * (1 - B + B * lengths / (lengths.sum() / n_docs))
        f = tf.data
        rows = tf.indices
        tf.data = np.repeat(idf, doc_freq) * f * (K1 + 1) / (f + norm[rows])
        self.weights = tf

    @classmethod
    def from_texts(cls, ids: Sequence[str], texts: Sequence[str], tokenize: Callable[[str], list[str]]) -> "BM25Index":
        """Tokenise ``texts`` with ``tokenize`` and index them under ``ids``."""
        return cls(ids, [tokenize(t) for t in texts])

    def scores(self, query_tokens: list[str]) -> np.ndarray:
        """BM25 score of every passage for the query (a repeated query term counts again, as in rank-bm25)."""
        out = np.zeros(len(self.ids), dtype=np.float64)
        if self.weights is None:
            return out
        w = self.weights
        for term in query_tokens:
            col = self.vocab.get(term)
            if col is None:
                continue
            start, end = w.indptr[col], w.indptr[col + 1]
            out[w.indices[start:end]] += w.data[start:end]
        return out

    def search(self, query_tokens: list[str], k: int = 10) -> list[tuple[str, float]]:
        """The ``k`` best passages for the query tokens; passages sharing no term with the query are left out."""
        if self.weights is None or not query_tokens or k <= 0:
            return []
        scores = self.scores(query_tokens)
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.lexsort((top, -scores[top]))]  # score descending, index ascending on ties
        return [(self.ids[i], float(scores[i])) for i in top if scores[i] > 0]

    def save(self, path: Path) -> None:
        """Write ids and token lists as gzipped JSON (the weight matrix is rebuilt from them on load)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(path.suffix + ".tmp")
        with gzip.open(tmp, "wt", encoding="utf-8") as fh:
            json.dump({"ids": self.ids, "tokens": self.token_lists}, fh, ensure_ascii=False)
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path) -> "BM25Index":
        """Read an index written by :meth:`save`."""
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            data = json.load(fh)
        return cls(data["ids"], data["tokens"])

