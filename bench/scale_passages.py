"""Realistic scale passages as text: real corpus sentences recombined into new passages of real passages' lengths.

Unlike ``bench/synthetic.py`` (52 case summaries recombined, vectors derived from theirs), these passages are meant
to be *embedded* (``bench/scale_text.py``), so their vectors spread like real ones. Recipe for passage ``i`` of seed
``s`` (deterministic, independent of how many are generated: a smaller run is a prefix of a bigger one):

1. a template: one passage of the product's dense subset (``needs_dense``: 1,165 statutes, 56 cases, 26 doctrine
   sections), drawn uniformly, so kinds and lengths follow what the product embeds;
2. a target length: the template's text length × U(0.8, 1.25), at least ``MIN_CHARS``;
3. sentences (split at 。；and line breaks) from *other* passages of the template's pool, one source passage per
   sentence, until the target is reached, at least two: a statute-like passage takes its sentences from the
   template's instrument (all its passages in the corpus, not only the embedded ones: topical like a real 款),
   a case-like one from every case summary, a doctrine-like one from every doctrine section;
4. the title (embedded with the text, ``dense_text``) of the first sentence's source.

Ids ``GEN-000123`` (held-back query passages: ``GENQ-000123``, another random stream), kind ``generated``, code
``GEN``: they never resolve in the corpus. A text equal to a real passage's or an earlier one's of the same stream
is drawn again; the two streams can meet (short templates, small instruments), so the benchmark drops a held-back
passage equal to an indexed one. Nothing is written anywhere.
"""

from __future__ import annotations

import random
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from assistant.corpus.records import Passage

GENERATOR_VERSION = 1  # bump when the recipe changes (cached vectors are keyed by text, so old ones stay valid)
MIN_CHARS = 40  # a generated passage is never a lone short clause
MIN_SENTENCES = 2
_SPLIT = re.compile(r"(?<=[。；])|\n")


@dataclass(frozen=True)
class GeneratedPassage:
    """A generated passage, its template's id, and the id of the real passage each sentence came from."""

    passage: Passage
    template: str
    sources: tuple[str, ...]


def sentences(text: str) -> list[str]:
    """``text`` split after each 。 or ； and at line breaks; blank pieces dropped, punctuation kept."""
    return [s.strip() for s in _SPLIT.split(text) if s and s.strip()]


def _pool_key(p: Passage) -> str:
    return p.code if p.kind == "statute" else p.kind


class SentencePools:
    """The material: templates (dense subset) and, per pool, every real passage's sentences."""

    def __init__(self, passages: Sequence[Passage], templates: Sequence[Passage]) -> None:
        self.templates = list(templates)
        self.pools: dict[str, list[tuple[str, str, list[str]]]] = {}  # key -> [(passage id, title, sentences)]
        for p in passages:
            parts = [s for s in sentences(p.text) if len(s) >= 4]  # bare headings ("4", "3.1") are no sentences
            if parts:
                self.pools.setdefault(_pool_key(p), []).append((p.id, p.title, parts))
        self.real_texts = {p.text for p in passages}
        missing = {_pool_key(t) for t in self.templates} - self.pools.keys()
        if missing or not self.templates:
            raise ValueError(f"no sentences for template pools {sorted(missing)}" if missing else "no templates")

    @classmethod
    def from_corpus(cls, corpus=None) -> "SentencePools":
        """Pools over every corpus passage, templates from the product's dense subset."""
        from assistant.retrieval.subset import needs_dense

        if corpus is None:
            from assistant.corpus import load_corpus

            corpus = load_corpus()
        passages = corpus.passages()
        return cls(passages, [p for p in passages if needs_dense(p)])


def _one(rng: random.Random, pools: SentencePools, pid: str) -> GeneratedPassage:
    template = rng.choice(pools.templates)
    pool = pools.pools[_pool_key(template)]
    target = max(MIN_CHARS, round(len(template.text) * rng.uniform(0.8, 1.25)))
    candidates = [e for e in pool if e[0] != template.id] or pool
    order = rng.sample(range(len(candidates)), min(len(candidates), 64))
    picked: list[tuple[str, str, str]] = []  # (source id, source title, sentence)
    length = 0
    for idx in order:
        src, title, parts = candidates[idx]
        # prefer a sentence that fits what is left of the target, so short templates give short passages
        fitting = [s for s in parts if len(s) <= max(target - length, MIN_CHARS // 2)]
        if not fitting:
            continue
        sentence = rng.choice(fitting)
        picked.append((src, title, sentence))
        length += len(sentence)
        if length >= 0.9 * target and len(picked) >= MIN_SENTENCES:
            break
    while len(picked) < MIN_SENTENCES:  # nothing fitted: any sentences of the pool (longer than the target)
        src, title, parts = rng.choice(candidates)
        picked.append((src, title, rng.choice(parts)))
    joiner = "\n" if template.kind == "case" else ""  # case summaries are line-based; statutes and doctrine run on
    text = joiner.join(s for _, _, s in picked)
    passage = Passage(pid, text, picked[0][1], "GEN", "generated")  # type: ignore[arg-type]
    return GeneratedPassage(passage, template.id, tuple(src for src, _, _ in picked))


def generate(
    n: int, seed: int = 0, pools: SentencePools | None = None, held_back: bool = False
) -> list[GeneratedPassage]:
    """Passages 0 .. n-1 of ``seed`` (``held_back``: the query stream ``GENQ-``); deterministic, nothing written."""
    pools = pools or SentencePools.from_corpus()
    prefix, stream = ("GENQ", "q") if held_back else ("GEN", "p")
    seen = set(pools.real_texts)
    out: list[GeneratedPassage] = []
    for i in range(n):
        for attempt in range(100):
            rng = random.Random(f"lexmemo-scale-text:{seed}:{stream}:{i}:{attempt}")
            item = _one(rng, pools, f"{prefix}-{i:06d}")
            if item.passage.text not in seen:
                break
        else:  # pragma: no cover - the pools hold tens of thousands of sentences
            raise ValueError(f"could not draw a new text for passage {i}")
        seen.add(item.passage.text)
        out.append(item)
    return out


def length_profile(texts: Sequence[str]) -> dict:
    """Median, 10th and 90th percentile of text lengths in characters."""
    lengths = sorted(len(t) for t in texts)
    if not lengths:
        return {"n": 0}
    at = lambda q: lengths[min(len(lengths) - 1, int(q * len(lengths)))]  # noqa: E731
    return {"n": len(lengths), "median": statistics.median(lengths), "p10": at(0.1), "p90": at(0.9)}


def tight_share(vectors: np.ndarray, within: float = 0.01, k: int = 10, block: int = 2048) -> float:
    """Share of vectors whose k-th nearest other vector is within ``within`` cosine of their nearest one.

    The statistic issue 18 quotes (synthetic vectors 87%, real 10%): a high share means tight clusters of near-ties,
    where HNSW recall says little. Exact, blockwise (vectors are unit length).
    """
    vectors = np.asarray(vectors, dtype=np.float32)
    hits = 0
    for start in range(0, len(vectors), block):
        sims = vectors[start:start + block] @ vectors.T
        sims[np.arange(sims.shape[0]), np.arange(start, start + sims.shape[0])] = -2.0  # not oneself
        top = -np.partition(-sims, k - 1, axis=1)[:, :k]
        top.sort(axis=1)
        hits += int(np.sum(top[:, -1] - top[:, 0] < within))
    return hits / max(1, len(vectors))
