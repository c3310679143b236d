"""Pure scoring functions shared by the suites: field agreement, set precision/recall/F1, confusion matrices.

Retrieval metrics (recall@k, MRR, nDCG) live with the retrieval engineer's labelled queries in
``evals/retrieval``; this module does not duplicate them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any


def alternatives(item: str) -> tuple[str, ...]:
    """The ids an expected item accepts: ``"TLL-36-3|CPL-44-2"`` accepts either (spec leaves the lead id open)."""
    return tuple(part.strip() for part in str(item).split("|") if part.strip())


def match_expected(expected: Iterable[str], actual: Iterable[str]) -> tuple[int, int, int]:
    """Count (true positives, expected size, actual size), an expected ``A|B`` item matching either id once."""
    pool = list(dict.fromkeys(actual))
    unused = set(pool)
    hits = 0
    exp = list(dict.fromkeys(expected))
    for item in exp:
        found = next((alt for alt in alternatives(item) if alt in unused), None)
        if found is not None:
            unused.discard(found)
            hits += 1
    return hits, len(exp), len(pool)


def set_prf(expected: Iterable[str], actual: Iterable[str]) -> dict[str, float]:
    """Precision, recall and F1 of ``actual`` against ``expected`` as sets; both empty scores 1.0 everywhere."""
    tp, n_exp, n_act = match_expected(expected, actual)
    precision = tp / n_act if n_act else (1.0 if n_exp == 0 else 0.0)
    recall = tp / n_exp if n_exp else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def same_set(expected: Iterable[str], actual: Iterable[str]) -> bool:
    """True when ``actual`` is exactly the expected set (``A|B`` items matching either)."""
    tp, n_exp, n_act = match_expected(expected, actual)
    return tp == n_exp == n_act


def field_agreement(expected: Mapping[str, Any], actual: Mapping[str, Any], fields: Sequence[str]) -> dict[str, bool]:
    """Per-field equality for the fields present in ``expected`` (scalars compared as is)."""
    return {f: actual.get(f) == expected[f] for f in fields if f in expected}


def rate(flags: Iterable[bool]) -> float | None:
    """Share of true values; None for an empty sequence (nothing to score is not a perfect score)."""
    values = list(flags)
    return sum(1 for v in values if v) / len(values) if values else None


def mean(values: Iterable[float | None]) -> float | None:
    """Arithmetic mean ignoring None; None when nothing is left."""
    nums = [v for v in values if v is not None]
    return sum(nums) / len(nums) if nums else None


def confusion_matrix(pairs: Iterable[tuple[str, str]], labels: Sequence[str] | None = None) -> dict[str, Any]:
    """Confusion of (expected, actual) label pairs: ``{"labels": [...], "matrix": rows=expected, cols=actual}``."""
    pairs = list(pairs)
    counts = Counter(pairs)
    seen = [lab for p in pairs for lab in p]
    labs = list(labels or [])
    labs += [lab for lab in dict.fromkeys(seen) if lab not in labs]
    matrix = [[counts.get((e, a), 0) for a in labs] for e in labs]
    return {"labels": labs, "matrix": matrix}


def per_label_prf(pairs: Iterable[tuple[str, str]]) -> dict[str, dict[str, float]]:
    """Per-label precision/recall/F1/support over (expected, actual) pairs of a single-label classification."""
    pairs = list(pairs)
    out: dict[str, dict[str, float]] = {}
    for label in dict.fromkeys(lab for p in pairs for lab in p):
        tp = sum(1 for e, a in pairs if e == label and a == label)
        pred = sum(1 for _, a in pairs if a == label)
        support = sum(1 for e, _ in pairs if e == label)
        p = tp / pred if pred else 0.0
        r = tp / support if support else 0.0
        out[label] = {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "support": support}
    return out


def catch_rate(outcomes: Iterable[tuple[bool, bool]]) -> dict[str, float | int | None]:
    """Detection figures over (is_defective, flagged) pairs: catch rate, false-alarm rate and the counts."""
    outcomes = list(outcomes)
    defective = [flag for bad, flag in outcomes if bad]
    clean = [flag for bad, flag in outcomes if not bad]
    return {
        "catch_rate": rate(defective),
        "false_alarm_rate": rate(clean),
        "defective": len(defective),
        "clean": len(clean),
        "caught": sum(defective),
        "false_alarms": sum(clean),
    }
