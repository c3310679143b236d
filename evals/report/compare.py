"""Baseline comparison: the headline figures of two runs side by side, regressions flagged."""

from __future__ import annotations

from typing import Any

#: Figures where a smaller value is better.
LOWER_IS_BETTER = ("false_alarm_rate", "errors")
#: Timing figures: compared with a relative tolerance (machines differ), never a hard regression below it.
TIME_MARKERS = ("seconds", "ms_")
ABS_TOLERANCE = 0.005  # a drop of half a percentage point or more in a rate is a regression
TIME_TOLERANCE = 1.5   # a timing more than 1.5x the baseline's is flagged


def headline_figures(results: dict[str, Any]) -> dict[str, float]:
    """Every numeric headline figure of a run as ``{"suite.figure": value}`` (booleans and text left out)."""
    out: dict[str, float] = {}
    for name, suite in (results.get("suites") or {}).items():
        for key, value in (suite.get("headline") or {}).items():
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                out[f"{name}.{key}"] = float(value)
    return out


def _direction(key: str) -> str:
    figure = key.split(".", 1)[-1]
    if any(m in figure for m in TIME_MARKERS):
        return "time"
    if any(figure.startswith(m) or figure.endswith(m) for m in LOWER_IS_BETTER):
        return "lower"
    return "higher"


def compare(current: dict[str, Any], baseline: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per headline figure present in either run: before, after, delta, direction, regression flag."""
    now, before = headline_figures(current), headline_figures(baseline)
    rows = []
    for key in sorted(set(now) | set(before)):
        a, b = before.get(key), now.get(key)
        direction = _direction(key)
        regression = False
        if a is not None and b is not None:
            if direction == "higher":
                regression = b < a - ABS_TOLERANCE
            elif direction == "lower":
                regression = b > a + ABS_TOLERANCE
            else:
                regression = a > 0 and b > a * TIME_TOLERANCE
        rows.append({"figure": key, "baseline": a, "current": b,
                     "delta": (b - a) if a is not None and b is not None else None,
                     "direction": direction, "regression": regression,
                     "note": "new" if a is None else ("dropped" if b is None else "")})
    return rows


def regressions(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows flagged as regressions."""
    return [r for r in rows if r["regression"]]
