"""Lay-to-legal query expansion: consumers say 外卖, 卖家, 找不到; statutes say 网络餐饮服务, 平台内经营者,
真实名称、地址和有效联系方式. The dense encoder bridges some of this gap; BM25 needs the words.

The thesaurus is data, ``thesaurus.yaml`` beside this module (issue 18). Its statute words are added to the BM25
query (``expansion_terms``: every entry) and to the text the dense encoder embeds (``dense_query``: the entries
under ``terms``, not the general words under ``bm25_only``).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

THESAURUS_FILE = Path(__file__).with_name("thesaurus.yaml")


def load_thesaurus(path: Path = THESAURUS_FILE, section: str = "terms") -> dict[str, tuple[str, ...]]:
    """lay word → statute words of one section (``terms`` or ``bm25_only``), in file order; ValueError when an
    entry is not a non-empty list of words."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    out: dict[str, tuple[str, ...]] = {}
    for lay, words in (data.get(section) or {}).items():
        if not isinstance(words, list) or not words or not all(isinstance(w, str) and w for w in words):
            raise ValueError(f"{path}: {lay!r} must map to a non-empty list of words")
        out[str(lay)] = tuple(words)
    return out


@lru_cache(maxsize=1)
def _dense() -> dict[str, tuple[str, ...]]:
    return load_thesaurus()


@lru_cache(maxsize=1)
def _default() -> dict[str, tuple[str, ...]]:
    general = load_thesaurus(section="bm25_only")
    return {**general, **_dense()} if not set(general) & set(_dense()) else _overlap_error(general)


def _overlap_error(general: dict) -> dict:
    raise ValueError(f"{THESAURUS_FILE}: words in both terms and bm25_only: {sorted(set(general) & set(_dense()))}")


def __getattr__(name: str):
    """``LAY_TO_LEGAL``: the thesaurus as a dict, read on first use."""
    if name == "LAY_TO_LEGAL":
        return _default()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def expansion_terms(query: str, thesaurus: dict[str, tuple[str, ...]] | None = None) -> list[str]:
    """Statute words for the lay words found in ``query`` (matched as substrings: jieba cuts 找不到 into
    找/不到, so matching tokens would miss it), each once, in table order; words already in the query are skipped."""
    out: list[str] = []
    for lay, terms in (thesaurus if thesaurus is not None else _default()).items():
        if lay in query:
            out += [t for t in terms if t not in out and t not in query]
    return out


def dense_query(query: str) -> str:
    """The text the dense encoder embeds: the query, then the statute words of its specific lay words (the
    ``terms`` section) in brackets; the query unchanged when it has none."""
    terms = expansion_terms(query, _dense())
    return f"{query}（{'、'.join(terms)}）" if terms else query
