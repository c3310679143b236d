"""Memos suite: draft a memo for each verdict golden with the chosen drafter and score it.

Scores per memo: citations that resolve in the corpus (must be 100%), citation precision and recall against
the verdict's citations (provision-level: statutes, QIN sections, ids and keys; cases and bare instrument
names are counted apart), conclusion agreement of the 简要结论 lines (form, imputation, burden) with the verdict
and with the golden, the eight sections present, guard ok, and time per memo.

``--llm replay:FILE`` scores memos produced elsewhere. When every reply is an object with an ``id`` (a golden's
name), each golden gets its own replies (its draft, then an optional repair; a golden with no reply is an error
item). Otherwise one replay model is shared by every golden and the replies are consumed in golden order, a guard
failure asking for one repair that takes the next reply; when the replies consumed do not match the file, the
metrics carry a ``replay_warning`` (the memos after it were scored against the wrong matter), in English, and
``replay_warning_zh``, the same in Chinese for the app's eval page.
"""

from __future__ import annotations

import time
from typing import Any

from evals import metrics
from evals.goldens import VerdictGolden, load_verdict_goldens
from evals.suites.verdicts import FORM_ORDER

PROVISION_KINDS = frozenset({"statute", "qin", "id", "key"})
CONCLUSION_FIELDS = ("liability_form", "imputation", "burden_of_proof")


def same_provision(a: str, b: str) -> bool:
    """True when two ids name the same provision or one contains the other (ECL-38 and ECL-38-2)."""
    return a == b or a.startswith(b + "-") or b.startswith(a + "-")


def provision_prf(memo_ids: list[str], verdict_ids: list[str]) -> dict[str, float]:
    """Precision (memo ids the verdict relies on) and recall (verdict ids the memo cites), hierarchy-aware."""
    memo, ref = list(dict.fromkeys(memo_ids)), list(dict.fromkeys(verdict_ids))
    precision = (sum(any(same_provision(m, v) for v in ref) for m in memo) / len(memo)) if memo else (1.0 if not ref else 0.0)
    recall = (sum(any(same_provision(v, m) for m in memo) for v in ref) / len(ref)) if ref else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def read_conclusion(markdown: str) -> dict[str, str | None]:
    """The form, imputation and burden a memo's 简要结论 states, as verdict values (None when absent)."""
    from assistant.guard.terms import detect
    from assistant.memo import conclusion_lines, split_sections

    lines = conclusion_lines(split_sections(markdown).get("简要结论", ""))
    return {f: (detect(f, lines[f]) if f in lines else None) for f in CONCLUSION_FIELDS}


def score_memo(result: Any, golden: VerdictGolden, seconds: float) -> dict[str, Any]:
    """Score one DraftResult against its own verdict and the golden's expectations."""
    from assistant.memo import SECTIONS

    verdict = result.verdict.model_dump(mode="json")
    cites = result.report.citations
    resolved = [c.resolved for c in cites]
    memo_ids = [c.id for c in cites if c.id and c.kind in PROVISION_KINDS]
    prf = provision_prf(memo_ids, verdict["citations"])
    stated = read_conclusion(result.markdown)
    vs_verdict = {f: stated[f] == verdict[f] for f in CONCLUSION_FIELDS}
    expect_key = {"liability_form": "liability_form", "imputation": "imputation", "burden_of_proof": "burden_of_proof"}
    vs_golden = {f: stated[f] == golden.expect[k] for f, k in expect_key.items() if k in golden.expect}
    present = [s for s in SECTIONS if s in result.sections]
    return {
        "id": golden.name, "doctrine": golden.doctrine, "drafter": result.drafter,
        "citations_total": len(cites), "citations_resolved": sum(resolved),
        "resolve_rate": metrics.rate(resolved) if resolved else 1.0,
        "unresolved": [c.text for c in cites if not c.resolved],
        "provision_ids": sorted(set(memo_ids)), "case_citations": sum(1 for c in cites if c.kind == "case"),
        "citation_precision": prf["precision"], "citation_recall": prf["recall"], "citation_f1": prf["f1"],
        "stated": stated, "conclusion_vs_verdict": vs_verdict, "conclusion_vs_golden": vs_golden,
        "sections_present": len(present) / len(SECTIONS), "missing_sections": [s for s in SECTIONS if s not in present],
        "guard_ok": result.report.ok, "guard_findings": guard_findings(result.report),
        "needs_review": result.needs_review, "seconds": round(seconds, 3),
        "expected_form": verdict["liability_form"], "actual_form": stated["liability_form"] or "(none stated)",
        "ok": bool(result.report.ok and all(vs_verdict.values()) and (not resolved or all(resolved))
                   and len(present) == len(SECTIONS)),
    }


def guard_findings(report: Any) -> dict[str, list[str]]:
    """The guard's findings by category (unresolved, out_of_force, …), each as its reason, so a report says why."""
    found = report.to_json()
    return {kind: [str(f.get("reason") or f.get("text") or f) if isinstance(f, dict) else str(f) for f in values]
            for kind, values in found.items() if kind != "ok" and isinstance(values, list) and values}


def settings_for(settings: Any, llm: str | None) -> Any:
    """Settings with ``llm`` applied; a model-backed drafter is built once and shared by every golden, so a
    replay file's replies run in golden order and a local model loads once. Raises DrafterConfigError."""
    from assistant.drafting.llm import choose_model

    llm = llm or settings.llm
    settings = settings.model_copy(update={"llm": llm})
    if settings.chat_model is None:
        choice = choose_model(settings)
        if choice.chat_model is not None:
            settings = settings.model_copy(update={"chat_model": choice.chat_model})
    return settings


def keyed_replies(path: str) -> dict[str, list[str]] | None:
    """A replay file's replies by golden name when every reply is an object with an ``id``, else None."""
    import json
    from pathlib import Path

    from assistant.drafting.replay import load_replies

    replies = load_replies(path)  # validates the file and gives each reply's text, in order
    text = Path(path).read_text(encoding="utf-8")
    try:
        if Path(path).suffix == ".jsonl":
            raw = [json.loads(line) for line in text.splitlines() if line.strip()]
        else:
            data = json.loads(text)
            raw = data.get("replies") if isinstance(data, dict) else data
    except ValueError:
        return None
    if not raw or not all(isinstance(r, dict) and isinstance(r.get("id"), str) for r in raw):
        return None
    keyed: dict[str, list[str]] = {}
    for item, reply in zip(raw, replies):
        keyed.setdefault(item["id"], []).append(reply)
    return keyed


def _replay_models(settings: Any, llm: str | None) -> tuple[dict[str, Any] | None, Any]:
    """Per-golden replay models for a keyed replay file (else None), and the shared model (if any)."""
    from assistant.drafting.replay import ReplayChatModel

    shared = settings.chat_model
    if not (llm or "").startswith("replay:"):
        return None, shared
    path = llm.split(":", 1)[1]
    keyed = keyed_replies(path)
    if keyed is None:
        return None, shared
    return {name: ReplayChatModel(replies=replies, source=f"{path}#{name}") for name, replies in keyed.items()}, None


def _replay_warning(model: Any, asked: int, failed: int) -> tuple[str, str] | None:
    """A warning (English for the written report, Chinese for the eval page) when an unkeyed replay file's replies
    did not line up with the goldens (left over, or run out)."""
    if model is None or getattr(model, "_llm_type", "") != "replay":
        return None
    served, held = model.calls, len(model.replies)
    if served == held and not failed:
        return None
    en = (f"replay file holds {held} replies; {asked} goldens were drafted, {served} replies taken and {failed} "
          f"memos failed: guard failures ask for a repair, which takes the next reply, so memos after the first "
          f"repair were scored against other goldens' replies. Give each reply the \"id\" of its golden to score "
          f"them one to one.")
    zh = (f"回放文件共有 {held} 条回复；本次为 {asked} 个标准样例起草备忘录，取用了 {served} 条回复，{failed} 份备忘录"
          f"失败：核查未通过时会请求修改一次，修改取用的是下一条回复，因此第一次修改之后的备忘录是按其他样例的回复"
          f"评分的，分数不可信。请在每条回复中注明其标准样例的 \"id\"，以便一一对应评分。")
    return en, zh


def run(settings=None, llm: str | None = None, goldens: list[VerdictGolden] | None = None,
        limit: int | None = None, **_: Any) -> dict[str, Any]:
    """Draft and score a memo per verdict golden (all of them, or the first ``limit``)."""
    from assistant.drafting import draft_memo
    from assistant.settings import get_settings

    start = time.perf_counter()
    llm = llm or (settings.llm if settings is not None else None)
    settings = settings_for(settings or get_settings(), llm)
    goldens = goldens if goldens is not None else load_verdict_goldens()
    goldens = goldens[:limit] if limit else goldens
    per_golden, shared = _replay_models(settings, llm)
    items = []
    for golden in goldens:
        t = time.perf_counter()
        try:
            golden_settings = settings
            if per_golden is not None:
                model = per_golden.get(golden.name)
                if model is None:
                    raise LookupError(f"the replay file has no reply with id {golden.name!r}")
                golden_settings = settings.model_copy(update={"chat_model": model})
            result = draft_memo(golden.facts, settings=golden_settings, doctrine=golden.doctrine)
        except Exception as exc:  # a drafter failure is this memo's finding; the suite goes on
            items.append({"id": golden.name, "ok": False, "error": f"{type(exc).__name__}: {exc}",
                          "seconds": round(time.perf_counter() - t, 3), "resolve_rate": None,
                          "expected_form": golden.expect.get("liability_form"), "actual_form": "error"})
            continue
        items.append(score_memo(result, golden, time.perf_counter() - t))
    scored = [it for it in items if "error" not in it]
    total = sum(it["citations_total"] for it in scored)
    resolved = sum(it["citations_resolved"] for it in scored)
    conc = {f: metrics.rate(it["conclusion_vs_verdict"][f] for it in scored) for f in CONCLUSION_FIELDS}
    conc_golden = {f: metrics.rate(it["conclusion_vs_golden"][f] for it in scored if f in it["conclusion_vs_golden"])
                   for f in CONCLUSION_FIELDS}
    times = sorted(it["seconds"] for it in items)
    summary = {
        "memos": len(items), "errors": len(items) - len(scored), "drafter": settings.llm,
        "citations": total, "citations_resolving": (resolved / total) if total else None,
        "citation_precision": metrics.mean(it["citation_precision"] for it in scored),
        "citation_recall": metrics.mean(it["citation_recall"] for it in scored),
        "citation_f1": metrics.mean(it["citation_f1"] for it in scored),
        "conclusion_agreement_verdict": conc, "conclusion_agreement_golden": conc_golden,
        "conclusion_all_three": metrics.rate(all(it["conclusion_vs_verdict"].values()) for it in scored),
        "sections_present": metrics.mean(it["sections_present"] for it in scored),
        "guard_ok": metrics.rate(it["guard_ok"] for it in scored),
        "needs_review": metrics.rate(it["needs_review"] for it in scored),
        "seconds_per_memo_mean": metrics.mean(times),
        "seconds_per_memo_p95": times[int(0.95 * (len(times) - 1))] if times else None,
        "form_confusion": metrics.confusion_matrix(((it["expected_form"], it["actual_form"]) for it in items), FORM_ORDER),
    }
    warning = _replay_warning(shared, len(items), len(items) - len(scored)) if per_golden is None else None
    if warning:
        # English for report.md and the CLI (engineers), Chinese for the app's eval page (evaluators)
        summary["replay_warning"], summary["replay_warning_zh"] = warning
    return {
        "suite": "memos",
        "headline": {"memos": len(items), "drafter": settings.llm, "citations_resolving": summary["citations_resolving"],
                     "citation_precision": summary["citation_precision"], "citation_recall": summary["citation_recall"],
                     "conclusion_all_three": summary["conclusion_all_three"], "guard_ok": summary["guard_ok"],
                     "seconds_per_memo": summary["seconds_per_memo_mean"]},
        "metrics": summary,
        "items": items,
        "seconds": round(time.perf_counter() - start, 3),
    }
