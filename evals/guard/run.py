"""Run the guard's defect set (defects.yaml): catch rate on defective memos, false alarms on clean ones.

    python evals/guard/run.py [--json] [--spec-verdicts]

Each case's memo is built from its example's base memo (see the header of defects.yaml). The verdict is the one
``assistant.core.classify`` gives for the example's facts, or with ``--spec-verdicts`` the verdict written in the
file (the spec's expected fields, for running the guard without the core).
Exit status 1 when a defect is missed or a clean memo is flagged.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from assistant.core import ClaimFacts, DoctrineInfo, Verdict
from assistant.guard import GuardReport, check_memo
from assistant.memo import section_spans

DEFECTS_FILE = Path(__file__).with_name("defects.yaml")


def load_set(path: Path = DEFECTS_FILE) -> dict:
    """The parsed defect set: ``examples``, ``clean`` and ``defects``."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def example_verdict(example: dict, use_classify: bool = True) -> Verdict:
    """The example's verdict: the spec's expected fields, or ``classify(facts)`` when asked."""
    if use_classify:
        from assistant.core import classify

        return classify(example["facts"])
    fields = dict(example["verdict"])
    return Verdict(doctrine=DoctrineInfo(profile="qin2025"), **fields)


def build_memo(example: dict, case: dict) -> str:
    """The base memo of the case's example with the case's single change applied (insert/conclusion/replace/memo)."""
    if "memo" in case:
        return case["memo"]
    memo = example["memo"]
    for old, new in case.get("replace", []):
        if old not in memo:
            raise ValueError(f"{case['name']}: text to replace not found: {old!r}")
        memo = memo.replace(old, new, 1)
    if "conclusion" in case:
        (start, end), = section_spans(memo)[1]["简要结论"]
        memo = memo[:start] + "\n" + case["conclusion"].rstrip("\n") + "\n\n" + memo[end:].lstrip("\n")
    if "insert" in case:
        (start, end), = section_spans(memo)[1]["法律分析"]
        body = memo[start:end].rstrip("\n")
        memo = memo[:start] + body + "\n\n" + case["insert"] + "\n\n" + memo[end:].lstrip("\n")
    return memo


@dataclass
class Outcome:
    """One case run: its report and whether the guard behaved as expected."""

    name: str
    kind: str
    expect: str | None
    report: GuardReport
    passed: bool
    detail: str = ""
    memo: str = field(default="", repr=False)


def run_case(data: dict, case: dict, clean: bool, use_classify: bool = True, corpus=None) -> Outcome:
    """Build one memo, guard it, and judge the result (clean: ok; defect: the expected category, and id if named)."""
    example = data["examples"][case["example"]]
    if case.get("facts_update"):
        example = {**example, "facts": {**example["facts"], **case["facts_update"]}}
    verdict = example_verdict(example, use_classify)
    memo = build_memo(example, case)
    when = case.get("event_date") or example["facts"].get("event_date")
    event_date = date.fromisoformat(str(when)) if when else None
    allowed = set(case["allowed_ids"]) if "allowed_ids" in case else None
    facts = ClaimFacts.model_validate(example["facts"])  # the facts check (issue 11) runs on every case
    report = check_memo(memo, verdict, event_date=event_date, allowed_ids=allowed,
                        key_table=case.get("key_table"), corpus=corpus, facts=facts)
    if clean:
        detail = "" if report.ok else report.to_text()
        return Outcome(case["name"], "clean", None, report, report.ok, detail, memo)
    expect = case["expect"]
    hits = getattr(report, expect)
    passed = bool(hits) and not report.ok
    if passed and case.get("expect_id"):
        passed = any(f.id == case["expect_id"] for f in hits)
    detail = "" if passed else f"expected {expect} {case.get('expect_id', '')}; got:\n{report.to_text()}"
    return Outcome(case["name"], case["kind"], expect, report, passed, detail, memo)


def run_all(data: dict | None = None, use_classify: bool = True, corpus=None) -> dict:
    """Run every case; return the catch rate, the false alarms and the outcomes."""
    data = data or load_set()
    defects = [run_case(data, c, False, use_classify, corpus) for c in data["defects"]]
    cleans = [run_case(data, c, True, use_classify, corpus) for c in data["clean"]]
    caught = sum(o.passed for o in defects)
    by_kind: dict[str, list[int]] = {}
    for o in defects:
        by_kind.setdefault(o.kind, [0, 0])
        by_kind[o.kind][0] += o.passed
        by_kind[o.kind][1] += 1
    return {
        "defects": len(defects), "caught": caught, "catch_rate": caught / len(defects) if defects else 1.0,
        "clean": len(cleans), "false_alarms": sum(not o.passed for o in cleans),
        "by_kind": {k: f"{a}/{n}" for k, (a, n) in sorted(by_kind.items())},
        "missed": [o.name for o in defects if not o.passed],
        "flagged_clean": [o.name for o in cleans if not o.passed],
        "outcomes": defects + cleans,
    }


def main(argv: list[str] | None = None) -> int:
    """Print the catch rate and false alarms; exit 1 on any miss or false alarm."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument("--spec-verdicts", action="store_true", help="use the verdicts written in defects.yaml")
    args = parser.parse_args(argv)
    result = run_all(use_classify=not args.spec_verdicts)
    summary = {k: v for k, v in result.items() if k != "outcomes"}
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        print(f"defects caught: {result['caught']}/{result['defects']} ({result['catch_rate']:.1%})")
        print(f"clean memos flagged: {result['false_alarms']}/{result['clean']}")
        for kind, score in summary["by_kind"].items():
            print(f"  {kind}: {score}")
        for o in result["outcomes"]:
            if not o.passed:
                print(f"\n✗ {o.name}: {o.detail}")
    return 0 if not result["missed"] and not result["flagged_clean"] else 1


if __name__ == "__main__":
    sys.exit(main())
