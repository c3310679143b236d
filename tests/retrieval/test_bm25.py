"""BM25 over jieba tokens."""

from assistant.retrieval.bm25 import BM25Index
from assistant.retrieval.tokenize import LegalTokenizer

from .fakes import TINY_PASSAGES


def _index(tmp_path):
    tk = LegalTokenizer(tmp_path)
    return BM25Index.from_texts([p.id for p in TINY_PASSAGES], [p.text for p in TINY_PASSAGES], tk.tokens), tk


def test_doctrinal_query_finds_its_paragraph(tmp_path):
    index, tk = _index(tmp_path)
    assert index.search(tk.tokens("网络食品交易第三方平台 许可证 审查"), 3)[0][0] == "FSL-131-1"
    assert index.search(tk.tokens("补充责任 追偿"), 3)[0][0] == "CC-1198-2"


def test_scores_descend_and_non_matching_left_out(tmp_path):
    index, tk = _index(tmp_path)
    hits = index.search(tk.tokens("证据"), 10)
    assert [pid for pid, _ in hits] == ["CPROC-67-1"]
    hits = index.search(tk.tokens("平台 责任"), 10)
    assert [s for _, s in hits] == sorted((s for _, s in hits), reverse=True)


def test_empty_query_and_empty_index():
    assert BM25Index([], []).search(["平台"], 5) == []
    assert BM25Index(["a"], [["平台"]]).search([], 5) == []


def test_save_load_round_trip(tmp_path):
    index, tk = _index(tmp_path)
    path = tmp_path / "bm25.json.gz"
    index.save(path)
    again = BM25Index.load(path)
    q = tk.tokens("真实名称 地址 有效联系方式")
    assert again.search(q, 3) == index.search(q, 3)
    assert again.search(q, 1)[0][0] == "CPL-44-1"
