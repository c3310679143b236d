"""The scale benchmark's synthetic passages: deterministic, labelled SYN-, derived vectors, never in corpus/."""

import numpy as np
import pytest

from assistant.corpus import load_corpus
from bench.synthetic import REPO, case_passages, derived_vectors, ensure_outside_corpus, generate, write_jsonl


@pytest.fixture(scope="module")
def cases():
    return case_passages()


def _corpus_snapshot():
    root = REPO / "corpus"
    return {p: p.stat().st_mtime_ns for p in root.rglob("*")}


def test_same_seed_same_passages_and_prefix_stable(cases):
    a, b = generate(50, seed=7, cases=cases), generate(50, seed=7, cases=cases)
    assert a == b
    assert generate(10, seed=7, cases=cases, start=40) == a[40:]  # a bigger size keeps the smaller one
    assert [x.passage.text for x in generate(50, seed=8, cases=cases)] != [x.passage.text for x in a]


def test_ids_labelled_synthetic_and_never_resolve(cases):
    items = generate(30, seed=0, cases=cases, start=995)
    corpus = load_corpus()
    assert [x.passage.id for x in items][:6] == ["SYN-000995", "SYN-000996", "SYN-000997", "SYN-000998",
                                                 "SYN-000999", "SYN-001000"]
    for x in items:
        assert x.passage.kind == "synthetic" and x.passage.code == "SYN"
        assert not corpus.resolve(x.passage.id)
        assert 2 <= len(x.sources) <= 3 and all(corpus.get(s) is not None for s in x.sources)
        assert "\n" in x.passage.text and x.passage.title in x.passage.text
    assert len({x.passage.text for x in items}) == len(items)


def test_text_recombines_real_fact_clauses(cases):
    by_id = {c.id: c for c in cases}
    item = generate(1, seed=3, cases=cases)[0]
    facts = item.passage.text.split("\n")[3 if item.passage.text.count("\n") >= 4 else 2]
    source_clauses = {c.strip() for s in item.sources for c in by_id[s].text.split("\n")[-2].split("；")}
    clauses = [c for c in facts.split("；") if not c.startswith("event_date")]
    assert clauses and sum(c in source_clauses for c in clauses) >= len(clauses) - 1  # platform names may differ


def test_derived_vectors_unit_deterministic_and_near_sources(cases):
    rng = np.random.default_rng(0)
    vecs = {c.id: (v := rng.standard_normal(16)) / np.linalg.norm(v) for c in cases}
    items = generate(20, seed=1, cases=cases)
    a, b = derived_vectors(items, vecs, seed=1), derived_vectors(items, vecs, seed=1)
    assert np.array_equal(a, b) and np.allclose(np.linalg.norm(a, axis=1), 1, atol=1e-5)
    assert np.array_equal(derived_vectors(items[5:], vecs, seed=1), a[5:])
    own = [np.mean([a[i] @ vecs[s] for s in x.sources]) for i, x in enumerate(items)]
    other = [np.mean([a[i] @ v for k, v in vecs.items() if k not in x.sources]) for i, x in enumerate(items)]
    assert np.mean(own) > np.mean(other) + 0.3


def test_never_written_under_corpus(tmp_path, cases):
    before = _corpus_snapshot()
    items = generate(5, seed=0, cases=cases)
    with pytest.raises(ValueError, match="never written under the corpus"):
        write_jsonl(items, REPO / "corpus" / "synthetic.jsonl")
    with pytest.raises(ValueError):
        ensure_outside_corpus(tmp_path / "mycorpus" / "x.jsonl", corpus_dir=tmp_path / "mycorpus")
    out = write_jsonl(items, tmp_path / "syn.jsonl")
    assert len(out.read_text(encoding="utf-8").splitlines()) == 5
    assert _corpus_snapshot() == before
