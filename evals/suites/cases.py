"""Cases suite: the court cases with a determinate outcome, classified under every doctrine profile.

Agreement with the court is a figure to report, not a target: the spec decides the rules, and most case
summaries leave facts unknown, so ``undetermined`` is counted apart from a wrong form.
"""

from __future__ import annotations

import time
from typing import Any

from evals import metrics
from evals.goldens import COURT_OUTCOME_FORM, CaseGolden, load_case_goldens
from evals.suites.verdicts import FORM_ORDER

#: Records of cases.jsonl that are not consumer claims (their outcome_detail says so); left out of the suite.
NON_CONSUMER = frozenset({"jiujiang-lianxi-meituan-crowdsource-rider", "bj-chaoyang-caocao-driver-fine"})


def determinate_case_ids(corpus) -> list[str]:
    """Ids of the corpus cases the suite must cover: determinate outcome, consumer claims."""
    return [c.id for c in corpus.cases if c.outcome in COURT_OUTCOME_FORM and c.id not in NON_CONSUMER]


def run(settings=None, goldens: list[CaseGolden] | None = None, **_: Any) -> dict[str, Any]:
    """Classify each case golden under every doctrine profile; agreement with the court per profile."""
    from assistant.core import DOCTRINES, classify

    start = time.perf_counter()
    goldens = goldens if goldens is not None else load_case_goldens()
    items = []
    for case in goldens:
        forms: dict[str, str] = {}
        missing: list[str] = []
        for profile in DOCTRINES:
            try:
                verdict = classify(case.facts, doctrine=profile)
                forms[profile] = verdict.liability_form
                if profile == "qin2025":
                    missing = [m.fact for m in verdict.missing_facts]
            except Exception as exc:  # report the crash on this case, keep going
                forms[profile] = f"error: {type(exc).__name__}"
        items.append({
            "id": case.id, "court_outcome": case.court_outcome, "expected_form": case.expected_form,
            "forms": forms, "agree": {p: f == case.expected_form for p, f in forms.items()},
            "ok": forms.get("qin2025") == case.expected_form, "actual_form": forms.get("qin2025"),
            "missing_facts": missing, "notes": case.notes, "facts": case.facts,
        })
    profiles = list(DOCTRINES)
    per_profile = {p: metrics.rate(it["agree"][p] for it in items) for p in profiles}
    decided = {p: [it for it in items if it["forms"][p] != "undetermined"] for p in profiles}
    per_profile_decided = {p: metrics.rate(it["agree"][p] for it in decided[p]) for p in profiles}
    undetermined = {p: metrics.rate(it["forms"][p] == "undetermined" for it in items) for p in profiles}
    confusion = {p: metrics.confusion_matrix(((it["expected_form"], it["forms"][p]) for it in items), FORM_ORDER)
                 for p in profiles}
    return {
        "suite": "cases",
        "headline": {"cases": len(items), **{f"agreement_{p}": v for p, v in per_profile.items()}},
        "metrics": {"agreement": per_profile, "agreement_when_decided": per_profile_decided,
                    "undetermined_share": undetermined, "decided_count": {p: len(v) for p, v in decided.items()},
                    "confusion": confusion,
                    "court_outcomes": {o: sum(1 for it in items if it["court_outcome"] == o)
                                       for o in COURT_OUTCOME_FORM}},
        "items": items,
        "seconds": round(time.perf_counter() - start, 3),
    }
