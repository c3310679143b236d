"""Explicit citations in a query resolve by direct lookup."""

import pytest

from assistant.retrieval.citations import Citation, cited_passage_ids, parse_citations

from .fakes import TinyCorpus


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("《电子商务法》第三十八条第二款怎么理解", [Citation("ECL", 38, 2)]),
        ("电商法38条", [Citation("ECL", 38)]),
        ("民法典第1198条", [Citation("CC", 1198)]),
        ("民法典第1165条、第1198条第二款", [Citation("CC", 1165), Citation("CC", 1198, 2)]),
        ("《中华人民共和国食品安全法》第一百三十一条第一款", [Citation("FSL", 131, 1)]),
        ("消费者权益保护法实施条例第十条", [Citation("CPLR", 10)]),
        ("消法第44条第1款", [Citation("CPL", 44, 1)]),
        ("最高人民法院关于适用《中华人民共和国民法典》侵权责任编的解释（一）第五条", [Citation("SPC-TI1", 5)]),
        ("电子商务法第三十八条第二款第（一）项", [Citation("ECL", 38, 2, 1)]),
    ],
)
def test_parse(query, expected):
    assert parse_citations(query) == expected


@pytest.mark.parametrize("query", ["第五条规定了什么", "外卖吃出问题平台要赔吗", "三条建议", "平台有38个商家"])
def test_no_citation_without_an_instrument(query):
    assert parse_citations(query) == []


def test_lookup_paragraph_article_and_fallback():
    corpus = TinyCorpus()
    ids = [p.id for p in corpus.passages()]
    assert cited_passage_ids("电商法第三十八条第二款", corpus, ids) == ["ECL-38-2"]
    # an article expands to its paragraphs, in corpus order
    assert cited_passage_ids("《电子商务法》第三十八条", corpus, ids) == ["ECL-38-1", "ECL-38-2"]
    # an item has no passage of its own: its paragraph is returned
    assert cited_passage_ids("电子商务法第三十八条第二款第一项", corpus, ids) == ["ECL-38-2"]
    # a citation that names nothing in the corpus yields nothing
    assert cited_passage_ids("电子商务法第九十九条", corpus, ids) == []
    assert cited_passage_ids("民法典第1198条和食品安全法第131条", corpus, ids) == ["CC-1198-2", "FSL-131-1"]
