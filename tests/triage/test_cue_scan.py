"""Issue 18: the cue matcher that skips cues which cannot match finds exactly what the plain cue loop finds."""

from __future__ import annotations

import random
import re

import pytest

from assistant.triage.evaluate import load_split
from assistant.triage.extract import _cue_hits, extract_facts
from assistant.triage.extract.cue_scan import candidate_cues, cue_matches, required_chars
from assistant.triage.extract.cues import COMPILED
from assistant.triage.extract.text import normalise
from bench.triage import narrative as synthetic_narrative


def _plain(text: str) -> list[tuple[int, tuple[int, int], str]]:
    return [(i, m.span(), m.group(0)) for i, (_, rx) in enumerate(COMPILED) for m in rx.finditer(text)]


def _fast(text: str) -> list[tuple[int, tuple[int, int], str]]:
    index = {id(cue): i for i, (cue, _) in enumerate(COMPILED)}
    return [(index[id(cue)], m.span(), m.group(0)) for cue, _, m in cue_matches(text)]


@pytest.fixture(scope="module")
def narratives() -> list[str]:
    """Every labelled narrative (dev and held-out), 1,000 recombined from their sentences, 1,000 from the bench's
    synthetic generator."""
    labelled = [c["text"] for split in ("dev", "heldout") for c in load_split(split)]
    sentences = [s for text in labelled for s in re.split(r"(?<=[。！？；\n])", text) if s.strip()]
    rnd = random.Random(18)
    mixed = ["".join(rnd.sample(sentences, rnd.randint(2, 6))) for _ in range(1000)]
    synthetic = [synthetic_narrative(rnd)[0] for _ in range(1000)]
    return labelled + mixed + synthetic


def test_skipping_cues_finds_the_same_matches_in_the_same_order(narratives):
    """Every narrative: the same cue matches (cue, span, words) as running every cue; and some cues are skipped."""
    assert len(narratives) > 2300
    matched = skipped = 0
    for text in narratives:
        text = normalise(text)
        plain = _plain(text)
        assert _fast(text) == plain
        matched += len(plain)
        skipped += len(COMPILED) - sum(1 for _ in candidate_cues(text))
    assert matched > 5000 and skipped > len(narratives) * 10  # the shortcut is used, and there is much to find


def test_extraction_is_unchanged(narratives, monkeypatch):
    """The extractor's cue hits and its facts are the same with the plain loop over every cue."""
    import assistant.triage.extract as extract_module

    texts = [normalise(t) for t in narratives]
    fast_hits = [_cue_hits(t) for t in texts]
    fast_facts = [extract_facts(t).facts for t in narratives[:600]]
    monkeypatch.setattr(extract_module, "candidate_cues", lambda text: iter(COMPILED))
    assert [_cue_hits(t) for t in texts] == fast_hits
    assert [extract_facts(t).facts for t in narratives[:600]] == fast_facts
    assert sum(len(h) for hits in fast_hits for h in hits.values()) > 5000


def test_required_characters_are_read_from_the_pattern():
    """知道|知情 needs 知; an optional prefix needs nothing; a negated class or a lookahead is no requirement."""
    assert required_chars(re.compile("(?:平台)?(?:知道|知情)")) == frozenset("知")
    assert required_chars(re.compile("(?:平台)?")) is None
    assert required_chars(re.compile("[^，]{0,3}(?=投诉)")) is None
    assert required_chars(re.compile("投诉|举报")) == frozenset("投举")
    assert required_chars(re.compile("abc", re.IGNORECASE)) is None
