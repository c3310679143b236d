"""Find engine identifiers in text a user sees (issue 16: Chinese everywhere a user looks).

``engine_identifiers(text, allowed)`` returns the ASCII identifier-like tokens of ``text``: snake_case names
(``ecl_38_2``, ``joint_and_several``), Python/pandas values (``None``, ``True``, ``nan``), dotted engine names
(``assistant.core.classify``), metric names (``recall@5``), camelCase / PascalCase names (``ClaimFacts``), provision
ids (``ECL-38-2``: the product should cite in Chinese), profile ids (``qin2025``), and the engine's one-word enum values
and rule ids (``supplementary``, ``food``, ``burden``) when they stand alone among Chinese text.

Not flagged: fenced code blocks (```` ``` ````), numbers, dates, units, paths, URLs and web domains, file names with an
extension, English prose (an enum word inside a run of English words, e.g. the English-mode sentence "The platform is
liable"), a provision id right after its own Chinese citation (《电子商务法》第三十八条第二款（ECL-38-2）: shown on purpose, as the
memo's 依据 does), and every token in ``allowed`` (ids and file names the user typed).
Used by the AppTest page walk (tests/ui/test_no_engine_identifiers.py) and by the browser walk.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, get_args, get_origin

_FENCED = re.compile(r"```.*?(?:```|\Z)", re.S)
# A "word": a maximal run of ASCII characters that identifiers, ids, paths and metric names are made of.
_WORD = re.compile(r"[A-Za-z0-9_@./\\+\-]+")
_FILE_EXT = re.compile(
    r"\.(?:csv|jsonl?|xlsx?|docx?|md|txt|pdf|yaml|yml|sqlite3?|db|html?|png|jpe?g|zip|gz)$", re.I)
_DOMAIN = re.compile(r"^(?:[a-z0-9-]+\.)+(?:com|cn|net|org|gov|edu|io|info|xyz|hk|tw)$")
_PY_VALUES = {"None", "True", "False", "nan", "NaN", "NaT", "null", "<NA>", "undefined", "inf"}
_SNAKE = re.compile(r"^_*[A-Za-z][A-Za-z0-9]*(?:_+[A-Za-z0-9]+)+_*$")
_METRIC = re.compile(r"^[A-Za-z][A-Za-z_]*@\d+$")
_DOTTED = re.compile(r"^[A-Za-z_][A-Za-z0-9_]+(?:\.[A-Za-z_][A-Za-z0-9_]+)+$")
_CAMEL = re.compile(r"^(?:[a-z]+(?:[A-Z][a-z0-9]+)+|[A-Z][a-z]+(?:[A-Z][a-z0-9]+)+)$")
_PROVISION = re.compile(r"^[A-Z]{2,5}\d*(?:-[A-Z]+\d*)*-\d+(?:[-.]\d+)*$")  # ECL-38-2, QIN-5.4.1, SPC-CPI-90-2
# A provision id the product shows on purpose right after its Chinese citation, as the memo's 依据 and the verdict's
# 依据 line do: 《电子商务法》第三十八条第二款（ECL-38-2）, 覃玉娟《…》第5.4.1部分（QIN-5.4.1）, （2020）京…号（case id）.
_CITED_ID = re.compile(r"(?:[》条款项号分]|[一二三四五六七八九十][)）])（([A-Z][A-Za-z0-9.\-]*)）")
_PROFILE = re.compile(r"^[a-z]{2,}\d{2,}$")
# English prose around an enum word: another ASCII word joined by spaces or hyphens (after a comma or colon).
_PROSE_LEFT = re.compile(r"(?<![A-Za-z0-9_])[A-Za-z][A-Za-z'\-]*[,:]?[ \-]+$")  # a word, not an identifier's tail
_PROSE_RIGHT = re.compile(r"^[,:]?[ \-]+[A-Za-z][A-Za-z'\-]*(?![A-Za-z0-9_])")
# English metric names an eval report uses (the report's own keys are snake_case and caught by _SNAKE).
_METRIC_WORDS = {"recall", "precision", "accuracy", "mrr", "ndcg", "f1", "hit_rate", "latency", "p50", "p95", "p99"}


@lru_cache(maxsize=1)
def engine_vocabulary() -> frozenset[str]:
    """The engine's one-word names: enum values of the core models, rule ids, ClaimFacts fields, metric words."""
    words: set[str] = set(_METRIC_WORDS)
    try:
        from assistant.core import models
        from assistant.core.registry import REGISTRY
        import assistant.core.engine  # noqa: F401  (registers every rule)
    except Exception:  # the checker must still work on a tree whose core does not import
        return frozenset(words)
    for value in vars(models).values():
        if get_origin(value) is not None and str(get_origin(value)) == "typing.Literal":
            words.update(str(v) for v in get_args(value))
    words.update(REGISTRY)
    words.update(models.ClaimFacts.model_fields)
    return frozenset(w for w in words if re.fullmatch(r"[A-Za-z0-9_]+", w))


def _strip_code(text: str) -> str:
    """Blank out fenced code blocks (kept the same length so offsets stay usable)."""
    return _FENCED.sub(lambda m: " " * len(m.group(0)), text)


def _exempt(word: str) -> bool:
    """Numbers, dates, paths, URLs, web domains and file names: ASCII a user reads without it being an engine name."""
    if "/" in word or "\\" in word or "://" in word:
        return True
    if _FILE_EXT.search(word) or _DOMAIN.match(word):
        return True
    return not re.search(r"[A-Za-z]", word)


def _is_identifier(word: str) -> bool:
    """Whether ``word`` has an identifier's shape whatever surrounds it."""
    return bool(word in _PY_VALUES or _SNAKE.match(word) or _METRIC.match(word) or _DOTTED.match(word)
                or _CAMEL.match(word) or _PROVISION.match(word) or _PROFILE.match(word))


def _in_prose(text: str, start: int, end: int) -> bool:
    """Whether the word at ``text[start:end]`` sits in a run of English words (English mode, not an engine value)."""
    return bool(_PROSE_LEFT.search(text[max(0, start - 40):start]) or _PROSE_RIGHT.match(text[end:end + 40]))


def engine_identifiers(text: str, allowed: Iterable[str] = ()) -> list[str]:
    """The engine identifiers in ``text`` a user should not see, in order of appearance (duplicates kept)."""
    text = _strip_code(text or "")
    allow = set(allowed) | set(_CITED_ID.findall(text))
    vocabulary = engine_vocabulary()
    found: list[str] = []
    for m in _WORD.finditer(text):
        word = m.group(0).strip(".:-+")  # sentence punctuation and list dashes are not part of the token
        if not word or word in allow or _exempt(word):
            continue
        if word == "NA" and text[m.start() - 1:m.start()] == "<":
            word = "<NA>"
        start = m.start() + m.group(0).find(word)
        if _is_identifier(word):
            found.append(word)
        elif word in vocabulary and not _in_prose(text, start, start + len(word)):
            found.append(word)
    return found


def identifier_shaped(text: str, allowed: Iterable[str] = ()) -> list[str]:
    """Only the tokens shaped like identifiers (snake_case, None, dotted, recall@5, provision ids, qin2025): the check
    for the English interface, where a one-word enum value (``food``) is also the English word a user reads."""
    text = _strip_code(text or "")
    allow = set(allowed) | set(_CITED_ID.findall(text))
    words = (m.group(0).strip(".:-+") for m in _WORD.finditer(text))
    return [w for w in words if w and w not in allow and not _exempt(w) and _is_identifier(w)]
