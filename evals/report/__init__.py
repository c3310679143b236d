"""Reports of an eval run: ``results.json`` (machines), ``report.md`` with ``charts/*.png``, and a self-contained
``index.html`` (charts embedded as base64), plus a comparison with a baseline run's JSON that flags regressions."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from evals.report import charts as _charts
from evals.report import compare as _compare
from evals.report import document, html, markdown

RESULTS_FILE = "results.json"


def load_results(path: str | Path) -> dict[str, Any]:
    """A run's results from its JSON file, or from a report directory holding ``results.json``."""
    path = Path(path)
    if path.is_dir():
        path = path / RESULTS_FILE
    return json.loads(path.read_text(encoding="utf-8"))


def write_report(results: dict[str, Any], out_dir: str | Path, baseline: dict[str, Any] | None = None) -> dict[str, Path]:
    """Write JSON, Markdown (+ PNGs) and HTML for ``results`` into ``out_dir``; returns the paths written."""
    out = Path(out_dir)
    (out / "charts").mkdir(parents=True, exist_ok=True)
    comparison = _compare.compare(results, baseline) if baseline is not None else None
    if comparison is not None:
        results = {**results, "comparison": {"rows": comparison, "regressions": _compare.regressions(comparison)}}
    images: dict[str, bytes] = {}
    by_suite: dict[str, list[str]] = {}
    for name, suite in results["suites"].items():
        made = _charts.suite_charts(name, suite)
        images.update(made)
        by_suite[name] = list(made)
    for name, png in images.items():
        (out / "charts" / f"{name}.png").write_bytes(png)
    blocks = document.build(results, by_suite, comparison)
    paths = {"json": out / RESULTS_FILE, "markdown": out / "report.md", "html": out / "index.html"}
    paths["json"].write_text(json.dumps(results, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    paths["markdown"].write_text(markdown.render(blocks), encoding="utf-8")
    paths["html"].write_text(html.render(blocks, images), encoding="utf-8")
    return paths
