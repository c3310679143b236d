"""Verdict suite: classify every verdict golden and score the verdict field by field against the golden."""

from __future__ import annotations

import time
from typing import Any

from evals import metrics
from evals.goldens import VerdictGolden, load_verdict_goldens

#: Liability forms in the spec's precedence order, then undetermined (row/column order of the confusion matrix).
FORM_ORDER = ("seller_liability", "joint_and_several", "proportional_joint", "proportional", "supplementary",
              "advance_compensation", "none", "undetermined")

#: Fields compared for exact equality (scalars).
SCALAR_FIELDS = ("liability_form", "liability_nature", "imputation", "burden_of_proof", "burden_basis",
                 "recourse", "expanded_damage")


def score_verdict(expect: dict[str, Any], verdict: dict[str, Any]) -> dict[str, Any]:
    """Score one verdict (``model_dump(mode="json")``) against a golden's expected fields.

    Returns ``fields`` (field → agrees), ``citations`` (P/R/F1 of the cited ids against the required ones),
    ``ok`` (every scored field agrees, every required citation is cited, no forbidden one is) and ``diffs``.
    """
    fields = metrics.field_agreement(expect, verdict, SCALAR_FIELDS)
    diffs: dict[str, Any] = {f: {"expected": expect[f], "actual": verdict.get(f)} for f, ok in fields.items() if not ok}
    if "regimes" in expect:
        fields["regimes"] = metrics.same_set(expect["regimes"], verdict.get("regimes", []))
    missing = [m["fact"] for m in verdict.get("missing_facts", [])]
    if "missing_facts" in expect:
        fields["missing_facts"] = set(expect["missing_facts"]) == set(missing)
    if "missing_facts_include" in expect:
        fields["missing_facts_include"] = set(expect["missing_facts_include"]) <= set(missing)
    if "alternatives" in expect:
        alts = (verdict.get("doctrine") or {}).get("alternatives") or {}
        fields["alternatives"] = all(alts.get(k) == v for k, v in expect["alternatives"].items())
    cited = verdict.get("citations", [])
    cit = metrics.set_prf(expect.get("citations", []), cited)
    if "citations" in expect:
        fields["citations"] = cit["recall"] == 1.0
    if "citations_absent" in expect:
        fields["citations_absent"] = not set(expect["citations_absent"]) & set(cited)
    for name, actual in (("regimes", verdict.get("regimes")), ("missing_facts", missing),
                         ("missing_facts_include", missing), ("citations", cited), ("citations_absent", cited),
                         ("alternatives", (verdict.get("doctrine") or {}).get("alternatives"))):
        if name in fields and not fields[name]:
            diffs[name] = {"expected": expect[name], "actual": actual}
    return {"fields": fields, "citations": cit, "ok": all(fields.values()), "diffs": diffs}


def score_golden(golden: VerdictGolden) -> dict[str, Any]:
    """Classify one golden's facts under its doctrine and score the verdict; an engine error is a failed item."""
    from assistant.core import classify

    start = time.perf_counter()
    try:
        verdict = classify(golden.facts, doctrine=golden.doctrine).model_dump(mode="json")
    except Exception as exc:  # a crash on a golden is a finding to report, not a reason to stop the suite
        return {"id": golden.name, "ok": False, "error": f"{type(exc).__name__}: {exc}", "origin": golden.origin,
                "why": golden.why, "fields": {}, "diffs": {}, "expected_form": golden.expect.get("liability_form"),
                "actual_form": "error", "known_discrepancy": golden.known_discrepancy}
    scored = score_verdict(golden.expect, verdict)
    return {
        "id": golden.name, "origin": golden.origin, "doctrine": golden.doctrine, "file": golden.file,
        "why": golden.why, "facts": golden.facts, "expected": golden.expect,
        "actual": {k: verdict.get(k) for k in (*SCALAR_FIELDS, "regimes", "citations")}
        | {"missing_facts": [m["fact"] for m in verdict.get("missing_facts", [])],
           "alternatives": (verdict.get("doctrine") or {}).get("alternatives", {})},
        "expected_form": golden.expect.get("liability_form"), "actual_form": verdict.get("liability_form"),
        "known_discrepancy": golden.known_discrepancy,
        "ms": round((time.perf_counter() - start) * 1000, 2), **scored,
    }


def resolving_share(items: list[dict[str, Any]], corpus) -> tuple[float | None, list[str]]:
    """Share of every verdict citation that resolves in the corpus, and the ids that do not."""
    cited = [c for it in items for c in (it.get("actual") or {}).get("citations") or []]
    bad = sorted({c for c in cited if not corpus.resolve(c)})
    return (metrics.rate(c not in bad for c in cited) if cited else None), bad


def summarise(items: list[dict[str, Any]]) -> dict[str, Any]:
    """Suite-level figures: agreement overall and per field, citation P/R/F1, form confusion matrix."""
    field_names = sorted({f for it in items for f in it["fields"]})
    per_field = {f: metrics.rate(it["fields"][f] for it in items if f in it["fields"]) for f in field_names}
    with_cites = [it for it in items if "citations" in it.get("expected", {})]
    pairs = [(it["expected_form"], it["actual_form"]) for it in items if it.get("expected_form")]
    return {
        "agreement": metrics.rate(it["ok"] for it in items),
        "agreement_excluding_known_discrepancies": metrics.rate(
            it["ok"] for it in items if not it.get("known_discrepancy")),
        "per_field": per_field,
        "citation_precision": metrics.mean(it["citations"]["precision"] for it in with_cites),
        "citation_recall": metrics.mean(it["citations"]["recall"] for it in with_cites),
        "citation_f1": metrics.mean(it["citations"]["f1"] for it in with_cites),
        "form_confusion": metrics.confusion_matrix(pairs, FORM_ORDER),
        "form_per_label": metrics.per_label_prf(pairs),
        "by_origin": {o: metrics.rate(it["ok"] for it in items if it.get("origin") == o)
                      for o in sorted({it.get("origin", "") for it in items})},
        "count": len(items),
        "errors": sum(1 for it in items if "error" in it),
    }


def run(settings=None, goldens: list[VerdictGolden] | None = None, **_: Any) -> dict[str, Any]:
    """Run the verdict suite over ``goldens`` (default: every file under ``evals/goldens/verdicts``)."""
    start = time.perf_counter()
    goldens = goldens if goldens is not None else load_verdict_goldens()
    items = [score_golden(g) for g in goldens]
    summary = summarise(items)
    from assistant.corpus import load_corpus

    corpus = load_corpus(settings.corpus_dir) if settings is not None and settings.corpus_dir else load_corpus()
    summary["citations_resolving"], summary["unresolved_citations"] = resolving_share(items, corpus)
    return {
        "suite": "verdicts",
        "headline": {"goldens": summary["count"], "agreement": summary["agreement"],
                     "form_accuracy": summary["per_field"].get("liability_form"),
                     "citation_recall": summary["citation_recall"], "citation_precision": summary["citation_precision"],
                     "citations_resolving": summary["citations_resolving"]},
        "metrics": summary,
        "items": items,
        "seconds": round(time.perf_counter() - start, 3),
    }
