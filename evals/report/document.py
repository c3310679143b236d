"""The report as a list of neutral blocks (headings, paragraphs, tables, images, anchored details), built once
from a run's results and rendered to Markdown and HTML by the sibling modules."""

from __future__ import annotations

import json
import re
from typing import Any

from evals.report import cases_tables

WORST = 15  # worst items listed per suite


def fmt(value: Any) -> str:
    """A figure for a table: rates as percentages, floats to 3 significant digits, None as n/a."""
    if value is None:
        return "n/a"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.3g}"
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def pct(value: float | None) -> str:
    """A share as a percentage with one decimal (None as n/a)."""
    return "n/a" if value is None else f"{100 * value:.1f}%"


def anchor(suite: str, item_id: str) -> str:
    """A stable HTML/Markdown anchor for an item's details."""
    return f"{suite}-" + re.sub(r"[^a-z0-9]+", "-", str(item_id).lower()).strip("-")


def headline_value(key: str, value: Any) -> str:
    """A headline figure as shown in reports: shares (floats in 0..1, not timings) as percentages, else ``fmt``."""
    return pct(value) if isinstance(value, float) and 0 <= value <= 1 and "seconds" not in key else fmt(value)


def _headline_table(results: dict[str, Any]) -> list[tuple]:
    rows = []
    for name, suite in results["suites"].items():
        if suite.get("skipped"):
            rows.append((name, "skipped", suite["skipped"]))
            continue
        for key, value in suite["headline"].items():
            rows.append((name, key, headline_value(key, value)))
        rows.append((name, "run time (s)", fmt(suite.get("seconds"))))
    return [("table", ["suite", "figure", "value"], rows)]


def worst(name: str, suite: dict[str, Any]) -> list[dict[str, Any]]:
    """The suite's worst items (failures first; retrieval: lowest hybrid nDCG@10), at most ``WORST``."""
    items = suite.get("items") or []
    if name == "retrieval":
        return sorted(items, key=lambda it: it["score"])[:WORST]
    if name == "cases":
        return [it for it in items if not it["ok"] and it["actual_form"] != "undetermined"][:WORST] or \
            [it for it in items if not it["ok"]][:WORST]
    return [it for it in items if not it.get("ok")][:WORST]


def _say(lang: str, en: str, zh: str) -> str:
    """``zh`` for the app's eval page (evaluators read Chinese), ``en`` for the written report (engineers)."""
    return zh if lang == "zh" else en


def worst_row(name: str, it: dict[str, Any], lang: str = "en") -> tuple:
    """One row of the worst-cases table; its first cell links the item's id to its details (notes in ``lang``)."""
    link = f"[{it['id']}](#{anchor(name, it['id'])})"
    sep = _say(lang, ", ", "、")
    if name == "verdicts":
        why = it.get("error") or sep.join(sorted(it.get("diffs", {})))
        known = _say(lang, " (known discrepancy)", "（已知分歧）") if it.get("known_discrepancy") else ""
        return (link, it.get("expected_form"), it.get("actual_form"), why + known)
    if name == "retrieval":
        best = max(it["modes"], key=lambda m: it["modes"][m]["ndcg@10"])
        score = fmt(it["modes"][best]["ndcg@10"])
        return (link, it.get("type"), fmt(it["score"]), _say(lang, f"best mode {best}: {score}", f"最佳检索方式 {best}：{score}"))
    if name == "memos":
        problems = it.get("error") or _say(lang, "; ", "；").join(filter(None, [
            _say(lang, "unresolved: ", "无法核实的引用：") + sep.join(it["unresolved"]) if it.get("unresolved") else "",
            (_say(lang, "guard: ", "核查器发现：") + sep.join(sorted(it.get("guard_findings") or {}))
             if it.get("guard_findings") else _say(lang, "guard not ok", "未通过核查"))
            if not it.get("guard_ok") else "",
            _say(lang, "conclusion differs", "结论与判断不一致") if not all(it.get("conclusion_vs_verdict", {}).values()) else "",
            _say(lang, "missing sections: ", "缺少部分：") + sep.join(it["missing_sections"])
            if it.get("missing_sections") else ""]))
        return (link, it.get("expected_form"), it.get("actual_form"), problems)
    if name == "guard":
        failure = _say(lang, "missed", "漏检") if it.get("expect") else _say(lang, "false alarm", "误报")
        return (link, it.get("kind"), it.get("expect") or _say(lang, "clean", "无误备忘录"), failure)
    if name == "cases":
        return (link, it["expected_form"], it["actual_form"], sep.join(it.get("missing_facts", [])[:6]))
    return (link, "", "", "")


WORST_HEADERS = {
    "verdicts": ["golden", "expected form", "engine form", "fields that differ"],
    "retrieval": ["query", "type", "hybrid nDCG@10", "note"],
    "memos": ["golden", "verdict form", "memo states", "problems"],
    "guard": ["memo", "kind", "expected category", "failure"],
    "cases": ["case", "court (as form)", "engine qin2025", "missing facts (first 6)"],
}


def _details(name: str, it: dict[str, Any]) -> dict[str, Any]:
    keep = {k: v for k, v in it.items() if k not in ("ok", "id")}
    return keep


def suite_tables(name: str, suite: dict[str, Any], lang: str = "en") -> list[tuple]:
    """The suite's detail blocks (tables and paragraphs) below the headline; paragraphs in ``lang`` ("en" | "zh")."""
    m = suite["metrics"]
    blocks: list[tuple] = []
    if name == "verdicts":
        blocks.append(("table", ["field", "agreement"], [(f, pct(v)) for f, v in m["per_field"].items()]))
        recall, precision, resolving = pct(m["citation_recall"]), pct(m["citation_precision"]), pct(m.get("citations_resolving"))
        blocks.append(("p", _say(
            lang,
            f"Citations against the goldens' required sets: recall {recall}, precision {precision} (the engine may "
            f"cite more than the spec's minimum); every verdict citation resolving in the corpus: {resolving}. "
            f"Agreement by origin: " + ", ".join(f"{k} {pct(v)}" for k, v in m["by_origin"].items()) + ".",
            f"引用条文与金标准要求的条文相比：召回率 {recall}，精确率 {precision}（本工具可引用多于规范最低要求的条文）；"
            f"结论所引条文能在语料库中找到的比例：{resolving}。按来源的一致率："
            + "，".join(f"{k} {pct(v)}" for k, v in m["by_origin"].items()) + "。")))
        blocks.append(("table", ["form", "precision", "recall", "support"],
                       [(f, pct(v["precision"]), pct(v["recall"]), v["support"]) for f, v in m["form_per_label"].items()]))
    elif name == "retrieval":
        rows = []
        for mode, groups in m["by_mode"].items():
            for group, vals in groups.items():
                rows.append((mode, group, *(fmt(v) for v in vals.values())))
        first = next(iter(m["by_mode"].values()))["all"]
        blocks.append(("table", ["mode", "queries", *first.keys()], rows))
        per_query = [f"{k} {v}" for k, v in m["ms_per_query"].items()]
        blocks.append(("p", _say(lang, "Milliseconds per query: " + ", ".join(per_query),
                                 "每次查询耗时（毫秒）：" + "，".join(per_query))))
    elif name == "memos":
        if m.get("replay_warning"):
            blocks.append(("p", _say(lang, "WARNING: " + m["replay_warning"],
                                     "警告：" + m.get("replay_warning_zh", m["replay_warning"]))))
        flat: list[tuple[str, Any]] = []
        for k, v in m.items():
            if k in ("form_confusion", "replay_warning", "replay_warning_zh"):
                continue
            flat += [(f"{k}.{sub}", sv) for sub, sv in v.items()] if isinstance(v, dict) else [(k, v)]
        blocks.append(("table", ["figure", "value"],
                       [(k, pct(v) if isinstance(v, float) and v <= 1 and "seconds" not in k else fmt(v)) for k, v in flat]))
    elif name == "guard":
        for label, label_zh, key in (("spec verdicts", "按规范写出的判断结论", "spec_verdicts"),
                                     ("engine verdicts", "按本工具的判断结论", "engine_verdicts")):
            s = m[key]
            caught, alarms = f"{s['caught']}/{s['defective']}", f"{s['false_alarms']}/{s['clean']}"
            blocks.append(("p", _say(
                lang, f"Under the {label}: caught {caught} ({pct(s['catch_rate'])}), "
                      f"false alarms {alarms} ({pct(s['false_alarm_rate'])}).",
                f"{label_zh}：检出 {caught}（{pct(s['catch_rate'])}），误报 {alarms}（{pct(s['false_alarm_rate'])}）。")))
        blocks.append(("table", ["kind", "caught"], sorted(m["spec_verdicts"]["by_kind"].items())))
    elif name == "cases":
        blocks += cases_tables.blocks(m, suite.get("items") or [], lambda i: f"[{i}](#{anchor(name, i)})", lang)
    return blocks


def build(results: dict[str, Any], charts: dict[str, list[str]], comparison: list[dict[str, Any]] | None) -> list[tuple]:
    """The report's blocks; ``charts`` maps a suite to its chart names (rendered images are looked up by name)."""
    meta = results["meta"]
    blocks: list[tuple] = [("h1", "lexmemo evaluation report"),
                           ("p", f"Run {meta['started_at']} · {meta['seconds']} s · commit {meta.get('git_commit') or 'n/a'} · "
                                 f"corpus {str(meta.get('corpus_hash'))[:12]} · drafter {meta.get('llm')} · "
                                 f"suites {', '.join(results['suites'])}"),
                           ("h2", "Headline figures")]
    blocks += _headline_table(results)
    if comparison is not None:
        regress = [r for r in comparison if r["regression"]]
        blocks.append(("h2", "Comparison with the baseline"))
        blocks.append(("p", f"{len(regress)} regression(s) flagged." if regress else "No regression against the baseline."))
        blocks.append(("table", ["figure", "baseline", "current", "delta", "flag"],
                       [(r["figure"], fmt(r["baseline"]), fmt(r["current"]), fmt(r["delta"]),
                         "REGRESSION" if r["regression"] else r["note"]) for r in comparison]))
    for name, suite in results["suites"].items():
        blocks.append(("h2", f"Suite: {name}"))
        if suite.get("skipped"):
            blocks.append(("p", f"Skipped: {suite['skipped']}"))
            continue
        blocks += suite_tables(name, suite)
        blocks += [("img", chart) for chart in charts.get(name, [])]
        items = worst(name, suite)
        blocks.append(("h3", f"Worst cases ({len(items)})"))
        if items:
            blocks.append(("table", WORST_HEADERS[name], [worst_row(name, it) for it in items]))
        else:
            blocks.append(("p", "None: every item passed."))
        # cases: every case gets its details, since the separating and golden-change tables link to any of them
        detailed = (suite.get("items") or []) if name == "cases" else items
        if detailed:
            blocks.append(("h3", "Details"))
            blocks += [("details", anchor(name, it["id"]), it["id"], _details(name, it)) for it in detailed]
    return blocks
