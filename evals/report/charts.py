"""Charts of a run as PNG bytes (matplotlib, Agg backend, no display, no network); English labels only so no
CJK font is needed."""

from __future__ import annotations

import io
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (backend first)


def _png(fig) -> bytes:
    buf = io.BytesIO()
    fig.tight_layout()
    fig.savefig(buf, format="png", dpi=90)
    plt.close(fig)
    return buf.getvalue()


def bars(values: dict[str, float | None], title: str, ylabel: str = "share", limit: float | None = 1.0) -> bytes:
    """A horizontal bar chart of named values (None drawn as 0 and labelled n/a)."""
    names = list(values)
    nums = [values[n] if values[n] is not None else 0.0 for n in names]
    fig, ax = plt.subplots(figsize=(7, 0.35 * len(names) + 1.2))
    ax.barh(names, nums, color="#4c72b0")
    for i, n in enumerate(names):
        ax.text(nums[i], i, " n/a" if values[n] is None else f" {nums[i]:.3g}", va="center", fontsize=8)
    if limit:
        ax.set_xlim(0, limit * 1.12)
    ax.invert_yaxis()
    ax.set_title(title)
    ax.set_xlabel(ylabel)
    return _png(fig)


def grouped_bars(groups: dict[str, dict[str, float]], title: str) -> bytes:
    """Grouped vertical bars: one group per outer key (e.g. metric), one bar per inner key (e.g. mode)."""
    outer = list(groups)
    inner = list(dict.fromkeys(k for g in groups.values() for k in g))
    width = 0.8 / max(len(inner), 1)
    fig, ax = plt.subplots(figsize=(8, 3.6))
    for j, name in enumerate(inner):
        xs = [i + j * width for i in range(len(outer))]
        ax.bar(xs, [groups[o].get(name, 0.0) for o in outer], width, label=name)
    ax.set_xticks([i + width * (len(inner) - 1) / 2 for i in range(len(outer))], outer)
    ax.set_ylim(0, 1.05)
    ax.set_title(title)
    ax.legend(fontsize=8)
    return _png(fig)


def heatmap(confusion: dict[str, Any], title: str) -> bytes:
    """A confusion matrix (rows expected, columns actual) with counts in the cells."""
    labels, matrix = confusion["labels"], confusion["matrix"]
    n = max(len(labels), 1)
    fig, ax = plt.subplots(figsize=(1.0 * n + 2.5, 0.8 * n + 2))
    ax.imshow(matrix or [[0]], cmap="Blues")
    ax.set_xticks(range(len(labels)), labels, rotation=45, ha="right", fontsize=8)
    ax.set_yticks(range(len(labels)), labels, fontsize=8)
    for i, row in enumerate(matrix):
        for j, v in enumerate(row):
            if v:
                ax.text(j, i, str(v), ha="center", va="center", fontsize=8,
                        color="white" if v > max(max(r) for r in matrix) / 2 else "black")
    ax.set_xlabel("actual")
    ax.set_ylabel("expected")
    ax.set_title(title)
    return _png(fig)


def histogram(values: list[float], title: str, xlabel: str) -> bytes:
    """A histogram of values (e.g. seconds per memo)."""
    fig, ax = plt.subplots(figsize=(6, 3))
    ax.hist(values or [0.0], bins=20, color="#55a868")
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("count")
    return _png(fig)


def suite_charts(name: str, suite: dict[str, Any]) -> dict[str, bytes]:
    """The charts for one suite's result, keyed by a file-safe chart name."""
    m = suite.get("metrics") or {}
    out: dict[str, bytes] = {}
    if suite.get("skipped"):
        return out
    if name == "verdicts":
        out["verdicts_fields"] = bars(m["per_field"], "Verdict goldens: agreement per field")
        out["verdicts_form_confusion"] = heatmap(m["form_confusion"], "Liability form: golden vs engine")
    elif name == "retrieval":
        by_mode = m["by_mode"]
        metrics_ = list(next(iter(by_mode.values()))["all"])
        out["retrieval_modes"] = grouped_bars({k: {mode: by_mode[mode]["all"][k] for mode in by_mode} for k in metrics_},
                                              "Retrieval by mode (all queries)")
        for typ in [t for t in next(iter(by_mode.values())) if t != "all"]:
            out[f"retrieval_{typ}"] = grouped_bars(
                {k: {mode: by_mode[mode][typ][k] for mode in by_mode} for k in metrics_}, f"Retrieval by mode ({typ})")
    elif name == "memos":
        fig_vals = {"citations resolving": m.get("citations_resolving"), "citation precision": m.get("citation_precision"),
                    "citation recall": m.get("citation_recall"), "conclusion (3 lines)": m.get("conclusion_all_three"),
                    "sections present": m.get("sections_present"), "guard ok": m.get("guard_ok")}
        out["memos_scores"] = bars(fig_vals, f"Memos ({m.get('drafter')})")
        out["memos_time"] = histogram([it["seconds"] for it in suite["items"]], "Time per memo", "seconds")
        if m.get("form_confusion", {}).get("labels"):
            out["memos_form_confusion"] = heatmap(m["form_confusion"], "Liability form: verdict vs memo conclusion")
    elif name == "guard":
        kinds = {k: int(v.split("/")[0]) / int(v.split("/")[1]) for k, v in m["spec_verdicts"]["by_kind"].items()}
        out["guard_kinds"] = bars(kinds, "Guard: defects caught by kind")
    elif name == "cases":
        out["cases_profiles"] = grouped_bars(
            {p: {"agree with court": m["agreement"][p] or 0.0, "undetermined": m["undetermined_share"][p] or 0.0}
             for p in m["agreement"]}, "Court cases: agreement per doctrine profile")
        out["cases_confusion_qin2025"] = heatmap(m["confusion"]["qin2025"], "Court outcome vs engine (qin2025)")
    return out
