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


def test_issue_18_lay_words_reach_their_legal_terms():
    for lay, legal in (("外卖", "网络餐饮服务"), ("吃坏肚子", "食物中毒"), ("自营", "自营业务"), ("打车", "网约车"),
                       ("退一赔三", "惩罚性赔偿"), ("时效", "诉讼时效")):
        assert legal in expansion_terms(f"我的问题：{lay}"), lay


def test_dense_query_carries_specific_words_not_general_ones():
    from assistant.retrieval.expand import dense_query

    text = dense_query("外卖平台的商家让我吃坏肚子")
    assert text.startswith("外卖平台的商家让我吃坏肚子（") and "网络餐饮服务" in text and "食物中毒" in text
    # 平台 and 商家 are in the bm25_only section: BM25 gets their words, the dense query does not
    assert "电子商务平台经营者" in expansion_terms("外卖平台的商家让我吃坏肚子")
    assert "电子商务平台经营者" not in text and "平台内经营者" not in text
    assert dense_query("相应的责任是不是补充责任") == "相应的责任是不是补充责任"


def test_thesaurus_file_is_checked(tmp_path):
    import pytest

    from assistant.retrieval.expand import load_thesaurus

    bad = tmp_path / "t.yaml"
    bad.write_text("terms:\n  外卖: []\n", encoding="utf-8")
    with pytest.raises(ValueError, match="外卖"):
        load_thesaurus(bad)
