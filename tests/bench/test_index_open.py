"""bench.index_open: both layouts open in a fresh process and answer the same first query."""

import gzip
import json

from assistant.retrieval.bm25 import BM25Index
from bench.index_open import _measure


def test_matrix_and_token_layouts_answer_alike(tmp_path):
    ids = ["a", "b", "c", "d"]
    tokens = [["平台", "责任"], ["外卖", "许可证"], ["平台", "审核", "许可证"], ["时效"]]
    BM25Index(ids, tokens).save(tmp_path / "m")
    (tmp_path / "t").mkdir()
    with gzip.open(tmp_path / "t" / "bm25.json.gz", "wt", encoding="utf-8") as fh:
        json.dump({"ids": ids, "tokens": tokens}, fh, ensure_ascii=False)
    queries = tmp_path / "q.json"
    queries.write_text(json.dumps([["外卖", "许可证"], ["时效"]], ensure_ascii=False), encoding="utf-8")
    new, old = _measure(tmp_path / "m", "matrix", queries), _measure(tmp_path / "t", "tokens", queries)
    for res in (new, old):
        assert res["open_s"] >= 0 and res["first_query_s"] >= 0 and res["peak_rss_mb"] > 0
        assert res["open_to_first_answer_s"] >= res["open_s"]
    assert new["first_top5"] == old["first_top5"] == ["b"]  # 许可证 is in half the passages: idf 0
