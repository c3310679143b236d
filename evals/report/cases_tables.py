"""The cases suite's report blocks: agreement per profile (form and on_record), baselines, the caveat, per-outcome
recall, the confusion matrix, the cases that separate the profiles, each golden change and each exclusion."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

NOTES_ZH = Path(__file__).with_name("case_notes_zh.yaml")


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.1f}%"


def _recall_text(recall: dict[str, float | None]) -> str:
    return ", ".join(f"{form} {_pct(v)}" for form, v in recall.items())


def profile_rows(m: dict[str, Any]) -> list[tuple]:
    """One row per doctrine profile: agreement of liability_form and of on_record, decided share, recall."""
    rows = []
    for p in m["agreement"]:
        rows.append((p, _pct(m["agreement"][p]), _pct((m.get("agreement_on_record") or {}).get(p)),
                     _pct((m.get("decided_share") or {}).get(p)), _pct(m["agreement_when_decided"][p]),
                     _recall_text((m.get("recall") or {}).get(p, {})),
                     _recall_text((m.get("recall_on_record") or {}).get(p, {})) or "n/a"))
    return rows


PROFILE_HEADERS = ["profile", "agreement (liability_form)", "agreement (on_record)", "decided", "agreement when decided",
                   "recall per court outcome (form)", "recall per court outcome (on_record)"]


def confusion_rows(matrix: dict[str, Any]) -> tuple[list[str], list[tuple]]:
    """The confusion matrix as a table: rows the court's form, columns the engine's; empty rows and columns left out."""
    labels, cells = matrix["labels"], matrix["matrix"]
    used_cols = [j for j in range(len(labels)) if any(row[j] for row in cells)]
    rows = [(labels[i], *(cells[i][j] for j in used_cols)) for i in range(len(labels)) if any(cells[i])]
    return ["court \\ engine", *(labels[j] for j in used_cols)], rows


@lru_cache(maxsize=1)
def notes_zh() -> dict[str, str]:
    """The goldens' change and exclusion reasons in Chinese, keyed by their English text (``case_notes_zh.yaml``)."""
    return yaml.safe_load(NOTES_ZH.read_text(encoding="utf-8")) or {}


def note(text: str, lang: str = "en") -> str:
    """A golden's reason in ``lang``; an untranslated one stays in English (shown, never dropped)."""
    return notes_zh().get(text, text) if lang == "zh" else text


def caveat_zh(m: dict[str, Any], items: list[dict[str, Any]]) -> str:
    """The suite's caveat (``evals.suites.cases.caveat``) in Chinese, from the same figures, for the app's eval page."""
    n, excluded = len(items), len(m.get("excluded") or {})
    none = sum(1 for it in items if it.get("expected_form") == "none")
    share = f"{100 * none / n:.0f}%" if n else "—"
    return (f"样本为已报道判决中消费者起诉平台的 {n} 件纠纷（另有 {excluded} 件语料库案例不在范围内）；其中法院认定平台不承担责任的"
            f" {none} 件（{share}），因此一律回答“不承担责任”即可得到 {share}。“依现有记录”按举证责任分配处理不明事实，"
            "因而偏向“不承担责任”，应与该基线对照阅读。该数字显示的是：仅依据判决摘要所记载的事实，规则能在多大程度上重现这些法院的"
            "结论；它不能证明规则正确（各地法院对第三十八条第二款本有分歧，见覃玉娟文第3.2部分），也不能代表未报道纠纷中的准确率："
            "已报道案例是经过选择的样本，全部平台纠纷中“不承担责任”的比例并不清楚。")


def blocks(m: dict[str, Any], items: list[dict[str, Any]], link: Any, lang: str = "en") -> list[tuple]:
    """The report blocks of the cases suite; ``link(item_id)`` gives the Markdown link to an item's details;
    paragraphs in ``lang`` ("en" for the written report, "zh" for the app's eval page)."""
    zh = lang == "zh"
    out: list[tuple] = [("table", PROFILE_HEADERS, profile_rows(m))]
    base = m.get("baselines") or {}
    if base:
        always, majority = _pct(base.get("always_none")), _pct(base.get("majority"))
        out.append(("p", f"基线：一律判“none”{always}；一律判多数结论“{base.get('majority_form')}”{majority}。" if zh else
                         f"Baselines: always `none` {always}; always the majority outcome "
                         f"(`{base.get('majority_form')}`) {majority}."))
    if m.get("caveat"):
        out.append(("p", caveat_zh(m, items) if zh else m["caveat"]))
    outcomes = [f"{k} {v}" for k, v in m["court_outcomes"].items()]
    out.append(("p", "法院结论分布：" + "，".join(outcomes) + "。此数字用于报告，而非追求的目标：规则由规范决定，不明的事实保持不明。"
                if zh else "Court outcomes: " + ", ".join(outcomes)
                + ". A figure to report, not a target: the spec decides the rules, and unknown facts stay unknown."))
    for key, label in (("confusion", "liability_form"), ("confusion_on_record", "on_record")):
        matrix = (m.get(key) or {}).get("qin2025")
        if matrix:
            headers, rows = confusion_rows(matrix)
            headers[0] = f"court \\ engine qin2025 ({label})"  # the page drops headings: the table names itself
            out += [("h3", f"Confusion matrix, qin2025 ({label})"), ("table", headers, rows)]
    separating = m.get("separating") or []
    out.append(("h3", f"Cases that separate the profiles ({len(separating)})"))
    if separating:
        profiles = list(m["agreement"])
        out.append(("table", ["case", "court", *profiles],
                    [(link(s["id"]), s["court"], *(f"{s['forms'][p]} / {s['on_record'].get(p) or 'n/a'}" for p in profiles))
                     for s in separating]))
        out.append(("p", "每格：保守结论 / 依现有记录的结论。" if zh else "Each cell: liability_form / on_record."))
    else:
        out.append(("p", "无：各学说方案对每个案例给出相同的责任形态。" if zh else
                    "None: every profile gives every case the same form."))
    changes = [(link(it["id"]), note(reason, lang)) for it in items for reason in it.get("reasons") or []]
    out.append(("h3", f"Golden changes with their reasons ({len(changes)})"))
    if changes:
        out.append(("table", ["case", "change and reason"], changes))
    excluded = m.get("excluded") or {}
    out.append(("h3", f"Corpus cases outside the suite ({len(excluded)})"))
    if excluded:
        out.append(("table", ["case", "reason"], sorted((cid, note(why, lang)) for cid, why in excluded.items())))
    return out


def court_rows(items: list[dict[str, Any]], corpus: Any, profile: str = "qin2025") -> list[dict[str, Any]]:
    """One row per case of the run, joined with its corpus record (court, 案号, tier, first source) for display."""
    rows = []
    for it in items:
        case = corpus.get(it["id"]) if corpus is not None else None
        rows.append({
            "id": it["id"], "case_name": getattr(case, "case_name", "") or it["id"],
            "court": getattr(case, "court", "") or "", "case_number": getattr(case, "case_number", None) or "",
            "tier": getattr(case, "tier", "") or "", "court_form": it["expected_form"],
            "form": it["forms"].get(profile), "on_record": (it.get("on_record") or {}).get(profile),
            "agree": it["agree"].get(profile), "source": (getattr(case, "sources", None) or ("",))[0],
        })
    return rows
