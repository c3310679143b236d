"""Liability-core benchmark: ``classify`` throughput (claims/s), single process, over a fixed varied set of facts.

    python -m bench.classify            # 3000 claims, 3 rounds, with and without rule 12's scenarios
    python -m bench.classify --n 500    # a quicker run

The facts are drawn with a fixed seed from every field's spec domain (unknown included) and every date
boundary of spec rule 1, so the set is the same on every run. Prints claims/s (wall and per CPU-second: the
machine is shared) and writes ``bench/results/classify.json``. Each claim includes the four alternative profiles
(``doctrine.alternatives``) and ``on_record``. Modes, each with rule 12's scenarios and with ``scenarios=False``:
``batch_discarded`` (``trace=False``, each verdict dropped after its form is read: section 7 never runs),
``batch_kept`` (the same, all verdicts held in a list) and ``full_kept`` (trace and section 7, all held).
The garbage collector: ``--gc default`` (the default: as Python starts, which is what ``lexmemo classify`` and
``lexmemo triage`` run with; neither freezes nor disables it), ``freeze`` (setup objects moved to the permanent
generation, collector on) or ``disable`` (collector off while timing). The setting is printed and written.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import random
import statistics
import time
from collections import Counter
from datetime import date, datetime, timezone
from pathlib import Path
from typing import get_args

RESULTS = Path(__file__).resolve().parent / "results"
DATES = [None, date(2014, 3, 15), date(2016, 5, 1), date(2018, 12, 31), date(2019, 1, 1), date(2020, 12, 31),
         date(2021, 1, 1), date(2022, 3, 14), date(2022, 3, 15), date(2023, 5, 1), date(2024, 9, 27)]
#: The liability core's tri-state facts (spec section 2); the remedies facts do not enter ``classify``.
BOOLS = ("life_health", "causation", "knew_or_should_have_known", "necessary_measures_taken",
         "qualification_review_done", "safety_duty_done", "merchant_identity_provided", "advance_compensation_promised",
         "consumer_prima_facie_evidence", "platform_proved_compliance", "force_majeure",
         "complaint_delay_expanded_damage", "live_streaming")


def fixed_facts(n: int, seed: int = 20250101) -> list:
    """``n`` ClaimFacts drawn with a fixed seed: each field a spec value or unknown."""
    from assistant.core.models import ClaimFacts, Category, Harm, MerchantFault, PlatformContribution, PlatformRole

    rng = random.Random(seed)
    enums = {"platform_role": get_args(PlatformRole), "category": get_args(Category), "harm": get_args(Harm),
             "merchant_fault": get_args(MerchantFault), "platform_contribution": get_args(PlatformContribution)}
    out = []
    for _ in range(n):
        data = {"event_date": rng.choice(DATES)}
        data.update({name: rng.choice((None,) + tuple(values)) for name, values in enums.items()})
        data.update({name: rng.choice((None, True, False)) for name in BOOLS})
        # spec 1.1 rule 1: a decision date (never before the event) or unknown, half the time
        later = [d for d in DATES[1:] if data["event_date"] is None or d >= data["event_date"]]
        data["decision_date"] = rng.choice(later) if later and rng.random() < 0.5 else None
        out.append(ClaimFacts(**data))
    return out


#: The measured modes: (name, classify keyword arguments, whether the verdicts are kept in a list).
MODES = [
    ("batch_discarded", {"trace": False}, False),          # triage-like batch: each verdict dropped once read
    ("batch_kept", {"trace": False}, True),                # the same verdicts all held in a list
    ("full_kept", {}, True),                               # trace + section 7 computed, all held (the old figure)
]


def _rounds(classify, facts: list, rounds: int, keep: bool, **kwargs) -> tuple[list[float], list[float], list]:
    """Classify ``facts`` ``rounds`` times: wall and CPU claims/s per round, and the last round's verdicts
    (``keep``: all held in a list, as a caller collecting results; else each dropped after its form is read)."""
    n, rates, cpu_rates, verdicts = len(facts), [], [], []
    for _ in range(rounds):
        verdicts = []
        start, cpu = time.perf_counter(), time.process_time()
        if keep:
            verdicts = [classify(f, **kwargs) for f in facts]
        else:
            for f in facts:
                classify(f, **kwargs).liability_form
        rates.append(n / (time.perf_counter() - start))
        cpu_rates.append(n / max(time.process_time() - cpu, 1e-9))
        if keep:
            del verdicts[:-1]     # free before the next round (outside the timing)
            gc.collect()
    return rates, cpu_rates, verdicts


def _gc_setup(setting: str) -> None:
    """The garbage-collector setting of the timed runs: ``default`` (as Python starts), ``freeze`` (setup objects
    moved to the permanent generation, collector on), ``disable`` (collector off while timing)."""
    gc.collect()
    if setting in ("freeze", "disable"):
        gc.freeze()
    if setting == "disable":
        gc.disable()


def run(n: int, rounds: int, gc_setting: str = "default") -> dict:
    """Classify the fixed set ``rounds`` times in each mode, with and without scenarios; claims/s and the forms."""
    from assistant.core import classify

    facts = fixed_facts(n)
    classify(facts[0])  # warm imports
    classify(facts[0], trace=False).model_dump()
    _gc_setup(gc_setting)
    modes: dict[str, dict] = {}
    try:
        for scenarios in (True, False):
            for name, kwargs, keep in MODES:
                rates, cpu_rates, kept = _rounds(classify, facts, rounds, keep, scenarios=scenarios, **kwargs)
                del kept              # kept verdicts must not stay alive (and be scanned) during the next mode
                gc.collect()
                key = name if scenarios else f"{name}_no_scenarios"
                modes[key] = {"claims_per_s_median": round(statistics.median(rates), 1),
                              "claims_per_s_best": round(max(rates), 1),
                              "claims_per_cpu_s_median": round(statistics.median(cpu_rates), 1)}
    finally:
        gc.enable()
        gc.unfreeze()
    verdicts = [classify(f) for f in facts]
    forms: Counter = Counter(v.liability_form for v in verdicts)
    on_record: Counter = Counter(v.on_record for v in verdicts)
    scenario_counts = [len(v.scenarios) for v in verdicts]
    start = time.perf_counter()
    for f in facts:
        classify(f.model_dump())
    dict_rate = n / (time.perf_counter() - start)
    full = modes["full_kept"]
    return {
        "benchmark": "classify", "claims": n, "rounds": rounds, "gc": gc_setting,
        "modes": modes,
        "claims_per_s_median": full["claims_per_s_median"], "claims_per_s_best": full["claims_per_s_best"],
        "claims_per_cpu_s_median": full["claims_per_cpu_s_median"],
        "claims_per_s_from_dict": round(dict_rate, 1),
        "without_scenarios_claims_per_s_median": modes["full_kept_no_scenarios"]["claims_per_s_median"],
        "without_scenarios_claims_per_cpu_s_median": modes["full_kept_no_scenarios"]["claims_per_cpu_s_median"],
        "scenarios_per_claim_mean": round(statistics.mean(scenario_counts), 2),
        "load_average": list(os.getloadavg()), "forms": dict(sorted(forms.items())),
        "on_record": dict(sorted(on_record.items())),
        "python": platform.python_version(), "machine": platform.machine(),
        "measured_at": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }


def main() -> None:
    """Run the benchmark, print the figures, write bench/results/classify.json."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=3000, help="number of claims in the fixed set")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--gc", choices=("default", "freeze", "disable"), default="default",
                        help="garbage collector while timing (default: as Python starts, as the product's batch "
                             "paths run; freeze: setup frozen, collector on; disable: off while timing)")
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    result = run(args.n, args.rounds, args.gc)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "classify.json").write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"gc: {args.gc}; load average before/after {load_before:.1f}/{result['load_average'][0]:.1f}; "
          f"{args.n} fixed claims, median of {args.rounds} rounds (claims/s wall | per CPU-second)")
    for key, m in result["modes"].items():
        print(f"  {key:<32} {m['claims_per_s_median']:>9,.0f} | {m['claims_per_cpu_s_median']:>9,.0f}")
    print(f"classify: {result['claims_per_s_median']} claims/s wall, {result['claims_per_cpu_s_median']} per CPU-second "
          f"(median of {args.rounds}; best wall {result['claims_per_s_best']}; from dicts "
          f"{result['claims_per_s_from_dict']}) over {args.n} fixed claims; load average {result['load_average'][0]:.1f}")
    print(f"without scenarios: {result['without_scenarios_claims_per_s_median']} claims/s wall, "
          f"{result['without_scenarios_claims_per_cpu_s_median']} per CPU-second; "
          f"{result['scenarios_per_claim_mean']} scenarios per claim")
    print("forms:", result["forms"])
    print("on_record:", result["on_record"])
    print(f"wrote {RESULTS / 'classify.json'}")


if __name__ == "__main__":
    main()
