"""Cases suite: consumer claims against a platform decided by a court, classified under every doctrine profile.

Agreement with the court is a figure to report, not a target: the spec decides the rules, and case summaries leave
facts unknown. So the suite reports, per profile, the conservative ``liability_form`` (``undetermined`` counted
apart) and ``on_record`` (spec 1.1 rule 12: unknowns resolved against the party bearing the burden, as a court does),
beside the baselines a skeptic asks for: always ``none``, and always the majority outcome.
"""

from __future__ import annotations

import time
from collections import Counter
from typing import Any

from evals import metrics
from evals.goldens import COURT_OUTCOME_FORM, CaseGolden, load_case_exclusions, load_case_goldens
from evals.suites.verdicts import FORM_ORDER


def determinate_case_ids(corpus) -> list[str]:
    """Ids of the corpus cases with a determinate court outcome (the suite's goldens plus its listed exclusions)."""
    return [c.id for c in corpus.cases if c.outcome in COURT_OUTCOME_FORM]


def _classify(case: CaseGolden, profile: str) -> tuple[str, str | None, list[str]]:
    """(liability_form, on_record or None while the engine lacks it, missing facts) of one case under one profile."""
    from assistant.core import classify

    verdict = classify(case.facts, doctrine=profile)
    # Verdict.on_record arrives with spec 1.1 (core issue); until the engine sets it, it is None and not scored.
    return verdict.liability_form, getattr(verdict, "on_record", None), [m.fact for m in verdict.missing_facts]


def _item(case: CaseGolden, profiles: list[str]) -> dict[str, Any]:
    forms: dict[str, str] = {}
    on_record: dict[str, str | None] = {}
    missing: list[str] = []
    for profile in profiles:
        try:
            forms[profile], on_record[profile], miss = _classify(case, profile)
            missing = miss if profile == "qin2025" else missing
        except Exception as exc:  # report the crash on this case, keep going
            forms[profile], on_record[profile] = f"error: {type(exc).__name__}", None
    return {
        "id": case.id, "court_outcome": case.court_outcome, "expected_form": case.expected_form,
        "forms": forms, "on_record": on_record,
        "agree": {p: f == case.expected_form for p, f in forms.items()},
        "agree_on_record": {p: None if r is None else r == case.expected_form for p, r in on_record.items()},
        "ok": forms.get("qin2025") == case.expected_form, "actual_form": forms.get("qin2025"),
        "missing_facts": missing, "notes": case.notes, "facts": case.facts, "reasons": list(case.reasons),
    }


def _recall(items: list[dict[str, Any]], key: str, profile: str) -> dict[str, float | None]:
    """Per court outcome (as a form): the share of its cases the engine gave that form (``key``: forms/on_record)."""
    outcomes = [f for f in FORM_ORDER if any(it["expected_form"] == f for it in items)]
    return {f: metrics.rate(it[key][profile] == f for it in items if it["expected_form"] == f) for f in outcomes}


def _separating(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The cases on which the profiles disagree (liability_form or on_record): what tells the profiles apart."""
    out = []
    for it in items:
        on = {p: r for p, r in it["on_record"].items() if r is not None}
        if len(set(it["forms"].values())) > 1 or len(set(on.values())) > 1:
            out.append({"id": it["id"], "court": it["expected_form"], "forms": it["forms"], "on_record": it["on_record"]})
    return out


def baselines(items: list[dict[str, Any]]) -> dict[str, Any]:
    """Agreement of the trivial classifiers: always ``none``, and always the most frequent court outcome."""
    counts = Counter(it["expected_form"] for it in items)
    majority = counts.most_common(1)[0][0] if counts else None
    return {"always_none": metrics.rate(it["expected_form"] == "none" for it in items),
            "majority": metrics.rate(it["expected_form"] == majority for it in items), "majority_form": majority}


def caveat(items: list[dict[str, Any]], excluded: int) -> str:
    """One line: what the figure can and cannot show (n and the base rate of ``none``)."""
    n = len(items)
    none = sum(1 for it in items if it["expected_form"] == "none")
    share = f"{100 * none / n:.0f}%" if n else "n/a"
    return (f"n = {n} consumer claims against a platform from reported judgments ({excluded} more corpus cases out of "
            f"scope); the court found no liability in {none} ({share}), so always answering `none` scores {share}. "
            "on_record resolves unknowns against the consumer and so leans to `none`: read it against that baseline. "
            "The figure shows how far the rules, given only what the summaries record, reproduce these courts' forms; "
            "it cannot show that the rules are right (courts split on 38(2), QIN-3.2), nor accuracy on unreported "
            "disputes: reported cases are a selected sample and the base rate of `none` among all platform disputes is unknown.")


def run(settings=None, goldens: list[CaseGolden] | None = None, excluded: dict[str, str] | None = None,
        **_: Any) -> dict[str, Any]:
    """Classify each case golden under every doctrine profile; agreement with the court, baselines, confusion."""
    from assistant.core import DOCTRINES

    start = time.perf_counter()
    goldens = goldens if goldens is not None else load_case_goldens()
    excluded = excluded if excluded is not None else load_case_exclusions()
    profiles = list(DOCTRINES)
    items = [_item(case, profiles) for case in goldens]
    decided = {p: [it for it in items if it["forms"][p] != "undetermined"] for p in profiles}
    on_record = {p: metrics.rate(it["agree_on_record"][p] for it in items if it["agree_on_record"][p] is not None)
                 for p in profiles}
    per_profile = {p: metrics.rate(it["agree"][p] for it in items) for p in profiles}
    base = baselines(items)
    headline: dict[str, Any] = {"cases": len(items), **{f"agreement_{p}": v for p, v in per_profile.items()}}
    # on_record of the default profile in the headline; every profile's is in metrics["agreement_on_record"]
    if on_record.get("qin2025") is not None:
        headline["agreement_on_record_qin2025"] = on_record["qin2025"]
    # baselines stay out of the headline: the baseline comparison would read their change as a regression
    return {
        "suite": "cases",
        "headline": headline,
        "metrics": {
            "agreement": per_profile, "agreement_on_record": on_record, "baselines": base,
            "agreement_when_decided": {p: metrics.rate(it["agree"][p] for it in decided[p]) for p in profiles},
            "decided_share": {p: metrics.rate(it["forms"][p] != "undetermined" for it in items) for p in profiles},
            "undetermined_share": {p: metrics.rate(it["forms"][p] == "undetermined" for it in items) for p in profiles},
            "decided_count": {p: len(v) for p, v in decided.items()},
            "recall": {p: _recall(items, "forms", p) for p in profiles},
            "recall_on_record": {p: _recall(items, "on_record", p) for p in profiles if on_record[p] is not None},
            "confusion": {p: metrics.confusion_matrix(((it["expected_form"], it["forms"][p]) for it in items), FORM_ORDER)
                          for p in profiles},
            "confusion_on_record": {
                p: metrics.confusion_matrix(((it["expected_form"], it["on_record"][p]) for it in items
                                             if it["on_record"][p] is not None), FORM_ORDER)
                for p in profiles if on_record[p] is not None},
            "separating": _separating(items),
            "court_outcomes": {o: sum(1 for it in items if it["court_outcome"] == o) for o in COURT_OUTCOME_FORM},
            "excluded": excluded,
            "golden_changes": sum(len(it["reasons"]) for it in items),
            "caveat": caveat(items, len(excluded)),
        },
        "items": items,
        "seconds": round(time.perf_counter() - start, 3),
    }
