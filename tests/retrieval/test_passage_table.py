"""The index's passage table: hits, membership, a cited article's paragraphs and the dense flags, without the corpus."""

from assistant.corpus.records import Passage
from assistant.retrieval.passage_table import PassageTable, write_passages

PASSAGES = [
    Passage("ECL-38-1", "第一款", "《电子商务法》第三十八条第一款", "ECL", "statute"),
    Passage("ECL-38-2", "第二款", "《电子商务法》第三十八条第二款", "ECL", "statute"),
    Passage("ECL-380", "另一条", "《电子商务法》第三百八十条", "ECL", "statute"),
    Passage("CPROC-29", "管辖", "《民事诉讼法》第二十九条", "CPROC", "statute"),
]


def _table(tmp_path):
    write_passages(tmp_path / "p.sqlite3", PASSAGES, lambda p: p.code == "ECL")
    return PassageTable(tmp_path / "p.sqlite3")


def test_lookup_membership_and_order(tmp_path):
    table = _table(tmp_path)
    assert table["ECL-38-2"].text == "第二款" and table["ECL-38-2"].title.endswith("第二款")
    assert "CPROC-29" in table and "CPROC-30" not in table and table.get("X") is None
    assert list(table) == [p.id for p in PASSAGES] and len(table) == 4


def test_family_takes_paragraphs_not_neighbours(tmp_path):
    table = _table(tmp_path)
    assert table.family("ECL-38") == ["ECL-38-1", "ECL-38-2"]  # not ECL-380
    assert table.family("CPROC-29") == ["CPROC-29"]
    assert table.family("CPROC-30") == []


def test_dense_flags_and_overlay(tmp_path):
    table = _table(tmp_path)
    assert table.dense_ids() == {"ECL-38-1", "ECL-38-2", "ECL-380"}
    table.update({"SYN-000001": Passage("SYN-000001", "合成", "合成案例", "SYN", "synthetic")})
    assert "SYN-000001" in table and len(table) == 5 and table["SYN-000001"].kind == "synthetic"


def test_citations_resolve_through_the_table(tmp_path):
    from assistant.corpus import load_corpus
    from assistant.retrieval.citations import cited_passage_ids

    table = _table(tmp_path)
    assert cited_passage_ids("《电子商务法》第三十八条", load_corpus(), table) == ["ECL-38-1", "ECL-38-2"]
