"""Lay-to-statute BM25 query expansion."""

from assistant.retrieval.bm25 import BM25Index
from assistant.retrieval.expand import LAY_TO_LEGAL, expansion_terms
from assistant.retrieval.tokenize import LegalTokenizer

from .fakes import TINY_PASSAGES


def test_lay_words_found_as_substrings():
    terms = expansion_terms("平台说找不到卖家")  # jieba cuts 找不到 into 找 / 不到
    assert {"真实名称", "有效联系方式", "平台内经营者", "电子商务平台经营者"} <= set(terms)
    assert len(terms) == len(set(terms))


def test_doctrinal_words_unchanged():
    assert expansion_terms("相应的责任是不是补充责任") == []


def test_expansion_bridges_a_lay_query_to_the_statute(tmp_path):
    tk = LegalTokenizer(tmp_path)
    index = BM25Index.from_texts([p.id for p in TINY_PASSAGES], [p.text for p in TINY_PASSAGES], tk.tokens)
    query = "平台说找不到卖家"
    plain = index.search(tk.tokens(query), 3)
    expanded = index.search(tk.tokens(query) + expansion_terms(query), 3)
    # without expansion the platform's own-knowledge rule edges out the identity rule; with it CPL-44-1 leads
    assert plain[0][0] == "ECL-38-1"
    assert expanded[0][0] == "CPL-44-1"


def test_every_expansion_is_non_empty():
    assert all(v and all(v) for v in LAY_TO_LEGAL.values())
