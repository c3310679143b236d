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
    path = tmp_path / "bm25"
    index.save(path)
    again = BM25Index.open(path)
    q = tk.tokens("真实名称 地址 有效联系方式")
    assert again.search(q, 3) == index.search(q, 3)
    assert again.search(q, 1)[0][0] == "CPL-44-1"


def test_saved_index_is_memory_mapped_and_replaced_whole(tmp_path):
    import numpy as np

    index, tk = _index(tmp_path)
    index.save(tmp_path / "bm25")
    again = BM25Index.open(tmp_path / "bm25")
    assert isinstance(again.data, np.memmap) and isinstance(again.indices, np.memmap)
    assert len(again.ids) == len(TINY_PASSAGES) and list(again.ids) == index.ids
    # a second save over the first leaves one complete index and no temporary directories behind
    small = BM25Index(["a", "b", "c"], [["平台"], ["责任"], ["赔偿"]])
    small.save(tmp_path / "bm25")
    assert BM25Index.open(tmp_path / "bm25").search(["平台"], 5) == small.search(["平台"], 5)
    assert [pid for pid, _ in small.search(["平台"], 5)] == ["a"]
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("bm25")) == ["bm25"]


def test_empty_index_round_trip(tmp_path):
    BM25Index([], []).save(tmp_path / "bm25")
    assert BM25Index.open(tmp_path / "bm25").search(["平台"], 5) == []


def test_unknown_format_is_refused(tmp_path):
    import json

    import pytest

    index, _ = _index(tmp_path)
    index.save(tmp_path / "bm25")
    meta = tmp_path / "bm25" / "meta.json"
    meta.write_text(json.dumps({**json.loads(meta.read_text()), "format": 999}))
    with pytest.raises(ValueError, match="lexmemo index"):
        BM25Index.open(tmp_path / "bm25")
