"""Lexical search: rank-bm25's BM25Okapi over jieba tokens; the token lists are persisted, the model rebuilt."""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from rank_bm25 import BM25Okapi


class BM25Index:
    """BM25 over pre-tokenised passages; ``search(tokens, k)`` gives ``[(passage id, score)]`` best first."""

    def __init__(self, ids: Sequence[str], token_lists: Sequence[list[str]]) -> None:
        if len(ids) != len(token_lists):
            raise ValueError("ids and token lists differ in length")
        self.ids = list(ids)
        self.token_lists = [list(t) for t in token_lists]
        # BM25Okapi divides by the corpus size; an empty passage gets a placeholder token so it scores 0.
        self._bm25 = BM25Okapi([t or ["\u2205"] for t in self.token_lists]) if self.ids else None

    @classmethod
    def from_texts(cls, ids: Sequence[str], texts: Sequence[str], tokenize: Callable[[str], list[str]]) -> "BM25Index":
        """Tokenise ``texts`` with ``tokenize`` and index them under ``ids``."""
        return cls(ids, [tokenize(t) for t in texts])

    def search(self, query_tokens: list[str], k: int = 10) -> list[tuple[str, float]]:
        """The ``k`` best passages for the query tokens; passages sharing no term with the query are left out."""
        if self._bm25 is None or not query_tokens or k <= 0:
            return []
        scores = self._bm25.get_scores(query_tokens)
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.lexsort((top, -scores[top]))]  # score descending, index ascending on ties
        return [(self.ids[i], float(scores[i])) for i in top if scores[i] > 0]

    def save(self, path: Path) -> None:
        """Write ids and token lists as gzipped JSON (rebuilding BM25Okapi from them takes under a second)."""
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
