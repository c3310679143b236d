"""The real index over the project corpus (built once per session; embeddings cached per machine)."""

import json

import pytest
from typer.testing import CliRunner

from assistant.retrieval import build_index
from assistant.retrieval.evaluate import evaluate, load_queries

# Measured 2026-12-04 on the 138-query set with python -m bench.retrieval --no-cold:
#   core corpus (4,619 passages): hybrid recall@5 0.719, lay 0.605, doctrinal 0.828; bm25 0.606
#   with the national-law layer (44,987 passages, issue 19): hybrid 0.696, lay 0.585, doctrinal 0.802; bm25 0.588
# 2026-12-05, hybrid.keep_unjudged (national layer): hybrid 0.694, lay 0.587, doctrinal 0.795 (MRR 0.756 -> 0.718)
#   before issue 18 (commit c3c1d74, core corpus): hybrid 0.661, lay 0.534, doctrinal 0.782
# A change that lowers hybrid recall@5 below these floors fails here; raise them when retrieval improves.
HYBRID_RECALL_AT_5_FLOOR = 0.69
LAY_RECALL_AT_5_FLOOR = 0.584  # issue 18: at least 0.05 above the 0.534 of c3c1d74
DOCTRINAL_RECALL_AT_5_FLOOR = 0.782  # issue 18: not lower than at c3c1d74


def test_food_platform_licence_query(real_retriever):
    ids = [h.id for h in real_retriever.search("外卖平台没有审核商家许可证", k=5)]
    assert {"FSL-131-1", "SPC-OC-18"} & set(ids), ids


def test_explicit_citation_first(real_retriever):
    hits = real_retriever.search("《电子商务法》第三十八条第二款 相应的责任", k=5)
    assert hits[0].id == "ECL-38-2"
    assert hits[0].text.startswith("对关系消费者生命健康的商品或者服务")
    assert [h.id for h in real_retriever.search("民法典第1198条", k=2)] == ["CC-1198-1", "CC-1198-2"]


def test_index_reused_not_rebuilt(real_settings, real_retriever):
    manifest = build_index(real_settings, corpus=real_retriever.corpus)
    assert manifest["built"] is False
    assert manifest["corpus_hash"] == real_retriever.corpus.hash
    assert manifest["counts"]["passages"] == len(real_retriever.passages)
    # the dense subset rule leaves procedure out: fewer vectors than passages
    assert 0 < manifest["counts"]["dense_passages"] < manifest["counts"]["passages"]
    assert real_retriever.store.count() == manifest["counts"]["dense_passages"]


def test_eval_set_is_well_formed(real_retriever):
    queries = load_queries()
    assert len(queries) >= 80
    assert {q.type for q in queries} == {"lay", "doctrinal"}
    assert {q.topic for q in queries} == {"liability", "remedies", "limitation", "forum", "live", "breadth",
                                          "uncovered"}
    assert len({q.id for q in queries}) == len(queries)
    unknown = [(q.id, pid) for q in queries for pid in q.relevant if pid not in real_retriever.passages]
    assert unknown == []


def product_queries():
    """The 138 queries the floors above were measured on; queries answered outside the dense subset (the national
    laws of issue 19, topic breadth, and the second set, topic uncovered) are measured apart."""
    return [q for q in load_queries() if q.topic not in ("breadth", "uncovered")]


def test_national_law_queries_found_by_bm25(real_retriever):
    """Issue 19: laws outside the curated set are searchable (7 queries; measured 0.643 recall@5 on 2026-12-04)."""
    queries = [q for q in load_queries() if q.topic == "breadth"]
    assert len(queries) >= 7
    assert evaluate(real_retriever, queries, "bm25")["recall@5"] >= 0.6


@pytest.mark.parametrize("topic", ["breadth", "uncovered"])
def test_hybrid_not_below_bm25_outside_the_dense_subset(real_retriever, topic):
    """Issue 18: fusion never worse than BM25 where the answers have no vectors. Before hybrid.keep_unjudged
    (2026-12-05) hybrid recall@5 was 0.357 against BM25's 0.643 on breadth, 0.159 against 0.462 on uncovered."""
    queries = [q for q in load_queries() if q.topic == topic]
    assert len(queries) >= 7
    hybrid, bm25 = evaluate(real_retriever, queries, "hybrid"), evaluate(real_retriever, queries, "bm25")
    assert hybrid["recall@5"] >= bm25["recall@5"], (hybrid["recall@5"], bm25["recall@5"])


def test_hybrid_recall_floor_and_beats_bm25(real_retriever):
    queries = product_queries()
    hybrid = evaluate(real_retriever, queries, "hybrid")
    bm25 = evaluate(real_retriever, queries, "bm25")
    assert hybrid["recall@5"] >= HYBRID_RECALL_AT_5_FLOOR, hybrid["recall@5"]
    assert hybrid["recall@5"] > bm25["recall@5"]
    assert hybrid["mrr"] > bm25["mrr"]
    assert hybrid["by_type"]["lay"]["recall@5"] >= LAY_RECALL_AT_5_FLOOR
    assert hybrid["by_type"]["doctrinal"]["recall@5"] >= DOCTRINAL_RECALL_AT_5_FLOOR
    # issue 18: fusion never does worse than BM25 alone on a query class
    worse = {t: (hybrid["by_topic"][t]["recall@5"], m["recall@5"]) for t, m in bm25["by_topic"].items()
             if hybrid["by_topic"][t]["recall@5"] < m["recall@5"]}
    assert not worse, worse


@pytest.fixture
def cli(real_settings, monkeypatch):
    """The lexmemo Typer app with settings pointing at the session's index."""
    monkeypatch.setenv("LEXMEMO_PRESET", "test")
    monkeypatch.setenv("LEXMEMO_DATA_DIR", str(real_settings.data_dir))
    monkeypatch.setenv("LEXMEMO_CACHE_DIR", str(real_settings.cache_dir))
    import assistant.cli.retrieval_cmds  # noqa: F401  (registers the verbs)
    from assistant.cli import app

    return lambda *args: CliRunner().invoke(app, list(args))


def test_cli_search_json(cli, real_retriever):
    result = cli("search", "外卖平台没有审核商家许可证", "--json", "-k", "5")
    assert result.exit_code == 0, result.output
    hits = json.loads(result.stdout)
    assert len(hits) == 5
    assert {"id", "score", "text", "title"} <= set(hits[0])
    assert {"FSL-131-1", "SPC-OC-18"} & {h["id"] for h in hits}
    assert "网络" in result.stdout  # ensure_ascii=False: Chinese printed as is


def test_cli_search_modes_and_bad_input(cli, real_retriever):
    result = cli("search", "平台 连带责任", "--mode", "bm25", "-k", "3")
    assert result.exit_code == 0 and result.stdout.startswith("1. [")
    bad = cli("search", "平台", "--mode", "fuzzy")
    assert bad.exit_code == 2 and "unknown mode" in bad.stderr


def test_cli_index_up_to_date(cli, real_retriever):
    result = cli("index")
    assert result.exit_code == 0 and "up to date" in result.stdout
