"""Byte-for-byte check of the liability core across a change (issue 18): dump every verdict, compare two dumps.

    python -m bench.core_dump cases /tmp/cases.jsonl             # the fixed case set (36,626 (facts, profile) pairs)
    python -m bench.core_dump dump /tmp/cases.jsonl /tmp/after.jsonl [--root DIR]   # DIR: another checkout's code
    python -m bench.core_dump compare /tmp/before.jsonl /tmp/after.jsonl

The cases: bench.classify's 5,008 fixed claims (the first 1,500 under every profile), 3,000 more claims each with
every decision date around rule 1's boundaries, 1,500 hypothesis liability facts and 800 section-7 facts
(derandomized), every ``examples/claims`` file and every YAML rule case under ``tests/rules`` (every profile), and
the six remedies examples. Each verdict is dumped four ways (trace on/off × scenarios on/off) as
``model_dump_json()``, with ``date.today()`` pinned to 2026-12-05 in the engine, so two dumps taken on different
days compare. A dump takes about a minute of CPU; it writes about 1.8 GB.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import glob
import json
import sys

PINNED_TODAY = _dt.date(2026, 12, 5)
DECISION_DATES = [None, "2020-12-31", "2021-01-01", "2022-03-14", "2022-03-15", "2024-09-26", "2024-09-27",
                  "2030-01-01"]


def write_cases(path: str) -> int:
    """Write the fixed case set (one JSON object per line: src, doctrine, facts); returns how many."""
    import yaml
    from hypothesis import HealthCheck, given, settings

    from assistant.core import DOCTRINES
    from bench.classify import fixed_facts
    from tests.core.strategies import facts_dicts
    from tests.remedies.strategies import advice_facts

    cases: list[dict] = []

    def add(src: str, facts: dict, doctrines=DOCTRINES) -> None:
        cases.extend({"src": src, "doctrine": d, "facts": facts} for d in doctrines)

    def plain(value):
        return json.loads(json.dumps(value, default=str))

    for i, f in enumerate(fixed_facts(5008)):
        every = DOCTRINES if i < 1500 else (DOCTRINES[i % 5],)
        add(f"bench{i}", f.model_dump(mode="json", exclude_defaults=True), every)
    for i, f in enumerate(fixed_facts(3000, seed=777)):
        d = f.model_dump(mode="json", exclude_defaults=True)
        floor = max([x for x in (d.get("event_date"), d.get("harm_discovered_date")) if x] or ["0"])
        for decided in DECISION_DATES:
            if decided is None or decided >= floor:
                add(f"dec{i}:{decided}", {**d, "decision_date": decided}, (DOCTRINES[(i + len(cases)) % 5],))
    drawn: list = []

    def drawer(strategy, n: int, name: str):
        @settings(max_examples=n, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(strategy)
        def draw(x):
            drawn.append((name, x))
        return draw

    drawer(facts_dicts, 1500, "hyp")()
    drawer(advice_facts(), 800, "adv")()
    for i, (src, x) in enumerate(drawn):
        add(f"{src}{i}", plain(x), DOCTRINES if i % 4 == 0 else (DOCTRINES[i % 5],))
    for p in sorted(glob.glob("examples/claims/*.json")):
        add(p, json.load(open(p, encoding="utf-8")))
    for p in sorted(glob.glob("tests/rules/**/*.yaml", recursive=True)):
        data = yaml.safe_load(open(p, encoding="utf-8"))
        for case in (data["cases"] if isinstance(data, dict) else data):
            add(f"{p}:{case['name']}", plain(case["facts"]))
    for case in json.load(open("tests/remedies/remedies_examples.json", encoding="utf-8")):
        add(f"remex:{case['name']}", case["facts"])
    with open(path, "w", encoding="utf-8") as out:
        out.writelines(json.dumps(c, ensure_ascii=False) + "\n" for c in cases)
    return len(cases)


def dump(cases_path: str, out_path: str, root: str | None = None) -> int:
    """Classify every case four ways and write the JSON of each verdict; ``root``: import the core from there."""
    if root:
        sys.path.insert(0, root)

    class PinnedDate(_dt.date):
        @classmethod
        def today(cls):  # type: ignore[override]
            return PINNED_TODAY

    import assistant.core  # noqa: F401  (imports every engine module)
    from assistant.core import classify

    if root:
        assert assistant.core.__file__.startswith(root), assistant.core.__file__
    for name, module in list(sys.modules.items()):
        # the engine reads today for unknown dates; models keeps the real date (its validators compare with it)
        if name.startswith("assistant.core") and name != "assistant.core.models" \
                and getattr(module, "date", None) is _dt.date:
            module.date = PinnedDate
    n = 0
    with open(out_path, "w", encoding="utf-8") as out:
        for line in open(cases_path, encoding="utf-8"):
            case = json.loads(line)
            row = {"src": case["src"], "doctrine": case["doctrine"]}
            try:
                for trace in (True, False):
                    for scenarios in (True, False):
                        verdict = classify(case["facts"], doctrine=case["doctrine"], trace=trace, scenarios=scenarios)
                        row[f"t{int(trace)}s{int(scenarios)}"] = verdict.model_dump_json()
            except Exception as exc:  # an error is part of the behaviour compared
                row["error"] = f"{type(exc).__name__}: {exc}"[:300]
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
    return n


def compare(before: str, after: str) -> int:
    """Print the first differences and how many rows differ; returns that number."""
    bad = rows = 0
    with open(before, encoding="utf-8") as a, open(after, encoding="utf-8") as b:
        for la, lb in zip(a, b, strict=True):
            rows += 1
            if la != lb:
                bad += 1
                if bad <= 3:
                    ra, rb = json.loads(la), json.loads(lb)
                    print(ra["src"], ra["doctrine"], [k for k in ra if ra.get(k) != rb.get(k)])
    print(f"{rows} rows compared, {bad} differ")
    return bad


def main() -> None:
    """Command line: cases | dump | compare."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    sub.add_parser("cases").add_argument("out")
    d = sub.add_parser("dump")
    d.add_argument("cases")
    d.add_argument("out")
    d.add_argument("--root", default=None, help="import assistant.core from this directory (e.g. a git archive)")
    c = sub.add_parser("compare")
    c.add_argument("before")
    c.add_argument("after")
    args = parser.parse_args()
    if args.cmd == "cases":
        print(write_cases(args.out), "cases")
    elif args.cmd == "dump":
        print(dump(args.cases, args.out, args.root), "rows")
    else:
        sys.exit(1 if compare(args.before, args.after) else 0)


if __name__ == "__main__":
    main()
