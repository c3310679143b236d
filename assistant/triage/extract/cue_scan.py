"""The cue matches of a narrative, skipping cues that cannot match (issue 18: the cue loop was 18% of triage).

``cues.COMPILED`` holds about 76 patterns; a narrative of 80 characters can match only a few. For each cue the
pattern is read once (``re``'s own parser) for a set of characters one of which every match must contain (a
literal it cannot do without: 知 in 知道|知情, or 投 and 举 of 投诉|举报). A cue whose set shares no character with
the narrative cannot match there and is not run; every other cue runs as before. So the matches are the same,
in the same order (cue order, then text order), as ``for cue, rx in COMPILED: rx.finditer(text)``;
``tests/triage/test_cue_scan.py`` compares both on every labelled narrative and on generated ones.
"""

from __future__ import annotations

import re
from re import _constants as C, _parser as sre  # the stdlib's own pattern parser (stable since 3.11)
from typing import Any, Iterator

from assistant.triage.extract.cues import COMPILED, Cue

# Characters in nearly every narrative: a required set made of them filters nothing, so another one is chosen.
_COMMON = frozenset("的了不是我有在人一上个来到时大为中说就那和要也得里后以会家可下过去能对多没都好起当把还用着已被让给，。")
_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", C.MAX_REPEAT))


def _cost(chars: frozenset[str]) -> int:
    """How often a set of characters is likely met (smaller filters better)."""
    return len(chars) + 20 * len(chars & _COMMON)


def _required(items: Any) -> frozenset[str] | None:
    """Characters one of which every match of the parsed sequence ``items`` contains, or None when unknown."""
    best: frozenset[str] | None = None
    for op, av in items:
        found = _required_one(op, av)
        if found is not None and (best is None or _cost(found) < _cost(best)):
            best = found
    return best


def _required_one(op: Any, av: Any) -> frozenset[str] | None:
    """``_required`` of one parsed element; lookarounds and optional parts require nothing."""
    if op is C.LITERAL:
        return frozenset(chr(av))
    if op is C.IN:
        if all(kind is C.LITERAL for kind, _ in av):
            return frozenset(chr(code) for _, code in av)
        return None  # a negated set, a range or a category
    if op is C.SUBPATTERN:
        _, add_flags, _, sub = av
        return None if add_flags & re.IGNORECASE else _required(sub)
    if op is C.BRANCH:
        alternatives = [_required(alt) for alt in av[1]]
        return None if any(a is None for a in alternatives) else frozenset().union(*alternatives)
    if op in _REPEATS:
        low, _, sub = av
        return _required(sub) if low >= 1 else None
    if op is getattr(C, "ATOMIC_GROUP", None):
        return _required(av)
    return None


def required_chars(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """A set of characters one of which every match of ``pattern`` contains; None when none could be read."""
    if pattern.flags & re.IGNORECASE:
        return None
    return _required(sre.parse(pattern.pattern, pattern.flags).data)


_PLAN: tuple[tuple[Cue, re.Pattern[str], frozenset[str] | None], ...] = tuple(
    (cue, rx, required_chars(rx)) for cue, rx in COMPILED)


def candidate_cues(text: str) -> list[tuple[Cue, re.Pattern[str]]]:
    """``COMPILED`` in its order, less the cues that cannot match ``text`` (none of their needed characters)."""
    chars = set(text)
    return [(cue, rx) for cue, rx, needed in _PLAN if needed is None or not chars.isdisjoint(needed)]


def cue_matches(text: str) -> Iterator[tuple[Cue, re.Pattern[str], re.Match[str]]]:
    """``(cue, pattern, match)`` for every cue match in ``text``, in cue order then text order."""
    chars = set(text)
    for cue, rx, needed in _PLAN:
        if needed is not None and chars.isdisjoint(needed):
            continue  # no character the cue needs is in the text: it cannot match
        for m in rx.finditer(text):
            yield cue, rx, m
