"""Lexical search: Okapi BM25 over jieba tokens as a sparse term-weight matrix, persisted and memory-mapped.

The scores are rank-bm25's ``BM25Okapi`` scores (k1=1.5, b=0.75, negative idf floored at epsilon=0.25 times the
mean idf), but precomputed per (passage, term) in a ``scipy.sparse`` CSC matrix. A query then touches only the
columns of its own terms. rank-bm25 loops in Python over every passage for every query term instead, which made
a BM25 query at 300k passages take seconds (see ``bench/SCALE.md``). The matrix is saved as it is built
(:meth:`BM25Index.save`) and opened memory-mapped (:meth:`BM25Index.open`), so no process rebuilds it from tokens.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

K1 = 1.5
B = 0.75
EPSILON = 0.25
# BM25Okapi divides by the corpus size; an empty passage gets this placeholder token so it scores 0.
EMPTY = "\u2205"
# On-disk layout version of :meth:`BM25Index.save` (a directory of .npy arrays and meta.json).
FORMAT = 1
META = "meta.json"


class BM25Index:
    """BM25 over pre-tokenised passages; ``search(tokens, k)`` gives ``[(passage id, score)]`` best first."""

    def __init__(self, ids: Sequence[str], token_lists: Sequence[list[str]]) -> None:
        if len(ids) != len(token_lists):
            raise ValueError("ids and token lists differ in length")
        self.ids = list(ids)
        self.vocab: dict[str, int] = {}
        # the (passages × terms) weight matrix in CSC form: column pointers, row indices, weights
        self.indptr = self.indices = self.data = None
        if self.ids:
            self._build([list(t) or [EMPTY] for t in token_lists])

    def _build(self, docs: list[list[str]]) -> None:
        """Fill ``vocab`` and the (passages × terms) matrix of BM25 term weights."""
        from scipy import sparse  # only builds need scipy: an opened index reads plain arrays

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
        self.indptr, self.indices, self.data = tf.indptr, tf.indices, tf.data

    @classmethod
    def from_texts(cls, ids: Sequence[str], texts: Sequence[str], tokenize: Callable[[str], list[str]]) -> "BM25Index":
        """Tokenise ``texts`` with ``tokenize`` and index them under ``ids``."""
        return cls(ids, [tokenize(t) for t in texts])

    def scores(self, query_tokens: list[str]) -> np.ndarray:
        """BM25 score of every passage for the query (a repeated query term counts again, as in rank-bm25)."""
        out = np.zeros(len(self.ids), dtype=np.float64)
        if self.indptr is None:
            return out
        for term in query_tokens:
            col = self.vocab.get(term)
            if col is None:
                continue
            start, end = self.indptr[col], self.indptr[col + 1]
            out[self.indices[start:end]] += self.data[start:end]
        return out

    def search(self, query_tokens: list[str], k: int = 10) -> list[tuple[str, float]]:
        """The ``k`` best passages for the query tokens; passages sharing no term with the query are left out."""
        if self.indptr is None or not query_tokens or k <= 0:
            return []
        scores = self.scores(query_tokens)
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.lexsort((top, -scores[top]))]  # score descending, index ascending on ties
        return [(self.ids[i], float(scores[i])) for i in top if scores[i] > 0]

    def save(self, directory: Path) -> None:
        """Write the matrix, vocabulary and ids as ``.npy`` arrays under ``directory`` (replaced atomically).

        Columns are stored in sorted-term order so an opened index finds a term by binary search in the memory-
        mapped vocabulary: opening reads no array, whatever the corpus size (bench/index.py --open-scale).
        """
        directory = Path(directory)
        directory.parent.mkdir(parents=True, exist_ok=True)
        tmp = directory.with_name(f"{directory.name}.{os.getpid()}.tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir()
        terms = np.array(list(self.vocab), dtype=str) if self.vocab else np.zeros(0, dtype="<U1")
        order = np.argsort(terms, kind="stable")  # dict insertion order is the column order
        if self.indptr is not None:
            starts, ends = self.indptr[order], self.indptr[order + 1]
            lengths = ends - starts
            take = np.repeat(starts - np.concatenate(([0], np.cumsum(lengths)[:-1])), lengths) + np.arange(lengths.sum())
            data, indices = self.data[take], self.indices[take]
            indptr = np.concatenate(([0], np.cumsum(lengths)))
        else:
            data, indices, indptr = np.zeros(0), np.zeros(0), np.zeros(1)
        wide = np.int64 if len(data) >= 2**31 or len(self.ids) >= 2**31 else np.int32
        arrays = {
            "ids": np.array(self.ids, dtype=str) if self.ids else np.zeros(0, dtype="<U1"),
            "vocab": terms[order],
            "data": np.asarray(data, dtype=np.float64),
            "indices": np.asarray(indices, dtype=wide),
            "indptr": np.asarray(indptr, dtype=wide),
        }
        for name, arr in arrays.items():
            np.save(tmp / f"{name}.npy", arr, allow_pickle=False)
        meta = {"format": FORMAT, "passages": len(self.ids), "terms": len(self.vocab), "nnz": len(data)}
        (tmp / META).write_text(json.dumps(meta), encoding="utf-8")
        old = directory.with_name(f"{directory.name}.{os.getpid()}.old")
        if directory.exists():
            directory.replace(old)
        tmp.replace(directory)
        shutil.rmtree(old, ignore_errors=True)

    @classmethod
    def open(cls, directory: Path, mmap: bool = True) -> "BM25Index":
        """An index written by :meth:`save`, its arrays memory-mapped (pages are read as queries touch them)."""
        directory = Path(directory)
        meta = json.loads((directory / META).read_text(encoding="utf-8"))
        if meta.get("format") != FORMAT:
            raise ValueError(f"{directory}: BM25 format {meta.get('format')} (expected {FORMAT}); run `lexmemo index`")
        mode = "r" if mmap and meta.get("nnz") else None  # an empty file cannot be mapped
        arr = {n: np.load(directory / f"{n}.npy", mmap_mode=mode, allow_pickle=False)
               for n in ("ids", "vocab", "data", "indices", "indptr")}
        self = cls.__new__(cls)
        self.ids = _IdList(arr["ids"])
        self.vocab = _SortedVocab(arr["vocab"])
        self.indptr = self.indices = self.data = None
        if len(arr["ids"]):
            self.indptr, self.indices, self.data = arr["indptr"], arr["indices"], arr["data"]
        return self


class _SortedVocab:
    """Term → column over a sorted (memory-mapped) array of terms: ``get`` by binary search, no dict to build."""

    def __init__(self, terms: np.ndarray) -> None:
        self.terms = terms

    def get(self, term: str, default=None):
        """The column of ``term``, or ``default``."""
        n = len(self.terms)
        i = int(np.searchsorted(self.terms, term)) if n else 0
        return i if i < n and self.terms[i] == term else default

    def __len__(self) -> int:
        return len(self.terms)


class _IdList:
    """Passage ids by row over a (memory-mapped) string array, read as ``str`` one at a time."""

    def __init__(self, ids: np.ndarray) -> None:
        self._ids = ids

    def __getitem__(self, i: int) -> str:
        return str(self._ids[i])

    def __len__(self) -> int:
        return len(self._ids)

    def __iter__(self):
        return (str(x) for x in self._ids)
