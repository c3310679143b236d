"""Realistic scale passages (bench/scale_passages.py): deterministic, real corpus sentences, realistic lengths."""

import numpy as np
import pytest

from assistant.corpus import load_corpus
from assistant.retrieval.subset import needs_dense
from bench.scale_passages import MIN_CHARS, MIN_SENTENCES, SentencePools, generate, sentences, tight_share


@pytest.fixture(scope="module")
def corpus():
    return load_corpus()


@pytest.fixture(scope="module")
def pools(corpus):
    # a small sample: the e-commerce law, the cases and the doctrine article (not the 45k national-law passages)
    sample = [p for p in corpus.passages() if p.code == "ECL" or p.kind in ("case", "seed")]
    return SentencePools(sample, [p for p in sample if needs_dense(p)])


def test_sentences_split_after_stops_and_at_lines():
    assert sentences("甲。乙；丙\n丁。 ") == ["甲。", "乙；", "丙", "丁。"]


def test_same_seed_same_passages_prefix_stable_other_seed_differs(pools):
    a = generate(40, seed=5, pools=pools)
    assert a == generate(40, seed=5, pools=pools)
    assert generate(12, seed=5, pools=pools) == a[:12]  # a bigger run keeps the smaller one
    assert [x.passage.text for x in generate(40, seed=6, pools=pools)] != [x.passage.text for x in a]
    held = generate(10, seed=5, pools=pools, held_back=True)
    assert all(x.passage.id.startswith("GENQ-") for x in held)
    assert not {x.passage.text for x in held} & {x.passage.text for x in a}


def test_text_is_real_sentences_of_the_named_sources(pools, corpus):
    by_id = {p.id: p for p in corpus.passages()}
    for item in generate(60, seed=1, pools=pools):
        p = item.passage
        assert p.id.startswith("GEN-") and p.kind == "generated" and p.code == "GEN"
        assert not corpus.resolve(p.id)
        assert len(item.sources) >= MIN_SENTENCES
        rest = p.text
        for src in item.sources:  # the text is the sources' sentences, in order, nothing else
            source = by_id[src]
            assert item.template in by_id
            rest = rest.lstrip("\n")
            match = [s for s in sentences(source.text) if rest.startswith(s)]
            assert match, (src, rest[:40])
            rest = rest[len(max(match, key=len)):]
        assert rest.strip() == ""
        assert p.title == by_id[item.sources[0]].title


def test_never_a_copy_and_lengths_like_the_templates(pools):
    items = generate(200, seed=2, pools=pools)
    texts = [x.passage.text for x in items]
    assert len(set(texts)) == len(texts) and not set(texts) & pools.real_texts
    longest = max(len(t.text) for t in pools.templates)
    assert all(0.9 * MIN_CHARS <= len(t) <= 2 * longest for t in texts)
    gen_median = float(np.median([len(t) for t in texts]))
    real_median = float(np.median([len(t.text) for t in pools.templates]))
    assert 0.5 * real_median <= gen_median <= 2 * real_median


def _ring(degrees, dims=8):
    out = np.zeros((len(degrees), dims))
    out[:, 0], out[:, 1] = np.cos(np.radians(degrees)), np.sin(np.radians(degrees))
    return out


def test_tight_share_counts_clusters_of_near_ties():
    ring = _ring(np.arange(0, 360, 10))  # 36 points 10 degrees apart: 1st neighbour 0.985, 3rd 0.940
    assert tight_share(ring, k=3) == 0.0
    cluster = _ring([5.0] * 4) + 1e-5 * np.random.default_rng(0).standard_normal((4, 8))
    cluster /= np.linalg.norm(cluster, axis=1, keepdims=True)
    # the four near-copies tie with each other; the points at 0 and 10 degrees then have three tied nearest ones
    assert tight_share(np.vstack([ring, cluster]), k=3) == pytest.approx(6 / 40)
