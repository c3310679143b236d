"""Engine text made readable at display time (issue 16): the core's trace details, element values and notes, and the
eval report's figures and notes, name facts, enum values, rule ids and provisions by their engine identifiers
(``harm=none``, ``qualification_review_done、safety_duty_done``, ``joint_and_several 3``, ``CPL-44-2``). Every name is
looked up in the one translation table of ``i18n`` (``VALUE_LABELS`` / ``FIELD_LABELS``, with ``labels_zh.yaml``);
provision ids become Chinese citations through the corpus. Nothing here decides anything; an unknown identifier is
left as it is, so the page test (tests/ui/test_no_engine_identifiers.py) shows it instead of hiding it.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Optional

from i18n import FIELD_LABELS, VALUE_LABELS, field_label, label, lang

# Kinds whose values may stand alone in engine text (a lone ``supplementary`` is a liability form, a lone ``food``
# a category); kinds of common English words (outcome ``met``, burden ``platform``) are only read in ``name=value``.
_LONE_KINDS = ("liability_form", "doctrine", "court_outcome", "golden_origin", "defect_kind", "breach_stage", "rule",
               "category", "harm", "platform_role", "goods_nonconforming", "injury_severity", "retrieval_mode")
_PAIR = re.compile(r"(?<![A-Za-z0-9_@.\-])([A-Za-z][A-Za-z0-9_]*)=([A-Za-z0-9_.\-]+)")
_WORD = re.compile(r"(?<![A-Za-z0-9_@.\-/])([A-Za-z][A-Za-z0-9_]*(?:@\d+)?)(?![A-Za-z0-9_@/])")
_PROVISION = re.compile(r"(?<![A-Za-z0-9\-])([A-Z]{2,5}\d*(?:-[A-Z]+\d*)*-\d+(?:[-.]\d+)*)(?![A-Za-z0-9])")
_BOOL_NEAR_ARROW = re.compile(r"(?<=→ )(true|false|null)\b|\b(true|false|null)(?= →)")
# English prose around a word: another English word joined by spaces or hyphens (after a comma or colon)
_PROSE_LEFT = re.compile(r"(?<![A-Za-z0-9_])[A-Za-z][A-Za-z'\-]*[,:]?[ \-]+$")  # a word, not an identifier's tail
_PROSE_RIGHT = re.compile(r"^[,:]?[ \-]+[A-Za-z][A-Za-z'\-]*(?![A-Za-z0-9_])")
_PROSE_METRICS = {"recall", "precision", "mrr"}  # metric words translated inside English sentences too
_METRIC_MODE = re.compile(r"^(bm25|dense|hybrid)_(recall@\d+|mrr|ndcg@\d+)$")
_METRIC_AGREE = re.compile(r"^agreement_(on_record_)?(\w+)$")


def _pick(pair: tuple[str, str]) -> str:
    return pair[1 if lang() == "en" else 0]


def metric_label(name: str) -> str:
    """A headline figure's name in the interface language (``agreement_qin2025`` → 结论一致率（覃玉娟2025…）)."""
    pair = VALUE_LABELS["metric"].get(name)
    if pair:
        return _pick(pair)
    mode = _METRIC_MODE.match(name)
    if mode:
        return f"{label('retrieval_mode', mode.group(1))}：{metric_label(mode.group(2))}"
    agree = _METRIC_AGREE.match(name)
    if agree and agree.group(2) in VALUE_LABELS["doctrine"]:
        basis = "（依现有记录）" if agree.group(1) else ""
        if lang() == "en":
            basis = " (on the record)" if agree.group(1) else ""
        return f"{metric_label('agreement')}{basis}：{label('doctrine', agree.group(2))}"
    return humanize(name)


def word_label(word: str, whole: bool = True) -> Optional[str]:
    """The label of one engine word (a fact, rule, metric, or a value of a kind that may stand alone), else None.

    ``whole=False`` (a word inside a sentence): plain English metric words (``goldens``, ``memos``) stay English;
    only metric names shaped as identifiers (``catch_rate``, ``recall@5``) and recall/precision are translated.
    """
    if word in FIELD_LABELS:
        return field_label(word)
    for kind in _LONE_KINDS:
        pair = VALUE_LABELS.get(kind, {}).get(word)
        if pair:
            return _pick(pair)
    named = word in VALUE_LABELS["metric"] and (whole or "_" in word or "@" in word or word in _PROSE_METRICS)
    if named or _METRIC_MODE.match(word) or _METRIC_AGREE.match(word):
        return metric_label(word)
    if word in VALUE_LABELS["verdict_field"]:
        return _pick(VALUE_LABELS["verdict_field"][word])
    if word in ("null", "None", "nan"):
        return _pick(VALUE_LABELS["literal"][word])
    return None


def value_label(field: str, value: Any) -> str:
    """A fact value in the interface language: booleans 是/否, None 未知, enum values by the field's labels."""
    if value is None:
        return _pick(VALUE_LABELS["literal"]["null"])
    if isinstance(value, bool) or str(value) in ("true", "false", "null"):
        return _pick(VALUE_LABELS["literal"][str(value).lower() if not isinstance(value, bool) else str(value)])
    shown = label(field, value)
    if shown != str(value):
        return shown
    return word_label(str(value)) or humanize(str(value))


def _pair(match: re.Match[str]) -> str:
    name, value = match.group(1), match.group(2)
    if name not in FIELD_LABELS and word_label(name) is None:
        return match.group(0)
    if lang() == "en":
        return f"{word_label(name)}: {value_label(name, value)}"
    return f"{word_label(name)}为「{value_label(name, value)}」"


def _cited(text: str, match: re.Match[str], cite: Callable[[str], str]) -> str:
    """The citation of the id at ``match``; an id already shown after its own citation (《…》第X条（ID）) stays."""
    shown = cite(match.group(1))
    if text[:match.start()].endswith(shown + "（") or text[:match.start()].endswith(shown + "("):
        return match.group(1)
    return shown


def humanize(text: str, cite: Optional[Callable[[str], str]] = None) -> str:
    """``text`` with engine identifiers replaced by their labels (and provision ids by ``cite(id)`` when given)."""
    if not text:
        return text
    if cite is not None:
        text = _PROVISION.sub(lambda m: _cited(text, m, cite), text)
    text = _PAIR.sub(_pair, text)
    text = _BOOL_NEAR_ARROW.sub(lambda m: _pick(VALUE_LABELS["literal"][m.group(1) or m.group(2)]), text)
    return _WORD.sub(lambda m: _word(text, m), text)


def _word(text: str, match: re.Match[str]) -> str:
    """One word of ``text`` translated, unless it is a plain English word inside an English sentence (the report's
    "caused the harm" stays; "(food)" or "supplementary 2," among figures do not)."""
    word = match.group(1)
    plain = "_" not in word and "@" not in word and word not in _PROSE_METRICS
    if plain and (_PROSE_LEFT.search(text[max(0, match.start() - 40):match.start()])
                  or _PROSE_RIGHT.match(text[match.end():match.end() + 40])):
        return word
    return word_label(word, whole=match.group(0) == text) or word


def corpus_cite(corpus: Any) -> Optional[Callable[[str], str]]:
    """A ``cite`` for ``humanize``: the Chinese citation of a provision id (the id itself when it does not resolve)."""
    if corpus is None:
        return None

    def cite(pid: str) -> str:
        try:
            return corpus.cite(pid) if corpus.resolve(pid) else pid
        except Exception:  # a malformed id: shown as it is, never hidden
            return pid

    return cite
