"""The sparse BM25 index scores and ranks exactly as rank-bm25's BM25Okapi, which it replaced for speed."""

import numpy as np
import pytest
from rank_bm25 import BM25Okapi

from assistant.corpus import load_corpus
from assistant.retrieval.bm25 import EMPTY, BM25Index
from assistant.retrieval.tokenize import LegalTokenizer

QUERIES = [
    "外卖平台没有审核商家许可证",
    "电子商务平台经营者 相应的责任 安全保障义务",
    "平台 平台 责任",  # a repeated term counts twice in both implementations
    "补充责任 追偿 第三人",
    "消费者 网络交易平台 真实名称 地址",
    "完全没有出现过的词语組合xyz",
]


@pytest.fixture(scope="module")
def corpus_tokens(tmp_path_factory):
    """Ids and jieba tokens of 400 real passages (statutes and cases), plus an empty one."""
    tk = LegalTokenizer(tmp_path_factory.mktemp("jieba"))
    passages = load_corpus().passages()
    sample = passages[:300] + [p for p in passages if p.kind == "case"] + passages[-48:]
    ids = [p.id for p in sample] + ["EMPTY"]
    tokens = [tk.tokens(f"{p.title}\n{p.text}") for p in sample] + [[]]
    return ids, tokens, tk


def _reference(tokens):
    return BM25Okapi([t or [EMPTY] for t in tokens])


def test_scores_equal_rank_bm25_on_real_passages(corpus_tokens):
    ids, tokens, tk = corpus_tokens
    index, ref = BM25Index(ids, tokens), _reference(tokens)
    for q in QUERIES:
        qt = tk.tokens(q)
        assert np.allclose(index.scores(qt), ref.get_scores(qt), rtol=1e-9, atol=1e-12), q
    assert index.scores(tk.tokens("平台 责任")).max() > 0  # the comparison is not between two zero vectors


def test_search_ranking_equals_rank_bm25(corpus_tokens):
    ids, tokens, tk = corpus_tokens
    index, ref = BM25Index(ids, tokens), _reference(tokens)
    for q in QUERIES:
        qt = tk.tokens(q)
        scores = ref.get_scores(qt)
        order = sorted(range(len(ids)), key=lambda i: (-scores[i], i))
        expected = [ids[i] for i in order[:50] if scores[i] > 0]
        assert [pid for pid, _ in index.search(qt, 50)] == expected, q


def test_negative_idf_floor_and_empty_passage_match_rank_bm25():
    # "a" is in 3 of 4 passages: its raw idf is negative and rank-bm25 floors it at epsilon × mean idf
    tokens = [["a", "b"], ["a", "a", "c"], ["a", "d", "d", "d"], []]
    index, ref = BM25Index(["1", "2", "3", "4"], tokens), _reference(tokens)
    for q in (["a"], ["a", "d"], ["d", "d"], ["b", "zzz"], [EMPTY]):
        assert np.allclose(index.scores(q), ref.get_scores(q)), q
    assert index.scores(["a"])[0] > 0


def test_save_load_keeps_scores(tmp_path, corpus_tokens):
    ids, tokens, tk = corpus_tokens
    index = BM25Index(ids, tokens)
    index.save(tmp_path / "bm25")
    again = BM25Index.open(tmp_path / "bm25")
    qt = tk.tokens(QUERIES[1])
    assert np.array_equal(again.scores(qt), index.scores(qt))
    assert again.search(qt, 5) == index.search(qt, 5)
    for q in QUERIES:  # every query term is found by binary search in the sorted vocabulary
        qt = tk.tokens(q)
        assert np.array_equal(again.scores(qt), index.scores(qt)), q
