"""A small pytest plugin collecting YAML rule cases (OpenFisca's YAML runner, for the liability core).

Each ``tests/rules/<topic>/<name>.yaml`` holds ``cases:``, a list of mappings with ``name`` (the legal reason),
``facts`` (ClaimFacts fields), optional ``doctrine`` and ``expect``. Expectation keys:

- ``form``, ``regimes`` (exact list), ``nature``, ``imputation``, ``burden``, ``burden_basis``, ``recourse``,
  ``expanded_damage``
- ``citations`` (exact list), ``citations_include``, ``citations_exclude``
- ``missing_facts`` (exact, ordered), ``missing_facts_include`` (in this relative order), ``missing_facts_exclude``
- ``alternatives`` (a subset of ``doctrine.alternatives``), ``notes_contain`` (substrings of some note),
  ``notes_exclude`` (substrings of no note), ``trace`` (rule id → outcome)
- ``on_record`` (rule 12), ``scenarios`` (exact, ordered list of {route, form, requires}), ``scenarios_include``
  (each present), ``scenarios_exclude_routes`` (no scenario on these routes)
- ``instruments_include``, ``instruments_exclude`` (``as_of.instruments``: rule 1 by event and decision date)

Unknown expectation keys are an error, so a typo cannot make a case pass silently.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

KNOWN_KEYS = {
    "form", "regimes", "nature", "imputation", "burden", "burden_basis", "recourse", "expanded_damage",
    "citations", "citations_include", "citations_exclude", "missing_facts", "missing_facts_include",
    "missing_facts_exclude", "alternatives", "notes_contain", "notes_exclude", "trace",
    "on_record", "scenarios", "scenarios_include", "scenarios_exclude_routes", "instruments_include",
    "instruments_exclude",
}


def pytest_collect_file(parent: pytest.Collector, file_path: Path):
    """Collect every ``*.yaml`` file under tests/rules as a file of rule cases."""
    if file_path.suffix == ".yaml":
        return YamlRuleFile.from_parent(parent, path=file_path)
    return None


class YamlRuleFile(pytest.File):
    """One YAML file: one test item per case."""

    def collect(self):
        """Yield one ``YamlRuleCase`` per entry of ``cases``."""
        data = yaml.safe_load(self.path.read_text(encoding="utf-8"))
        cases = data["cases"] if isinstance(data, dict) else data
        names = set()
        for case in cases:
            name = case["name"]
            if name in names:
                raise ValueError(f"{self.path}: duplicate case name {name!r}")
            names.add(name)
            yield YamlRuleCase.from_parent(self, name=name, case=case)


class CaseMismatch(AssertionError):
    """A YAML case's expectation that the verdict did not meet."""


class YamlRuleCase(pytest.Item):
    """One rule case: classify the facts and check every expectation."""

    def __init__(self, *, case: dict[str, Any], **kwargs: Any):
        super().__init__(**kwargs)
        self.case = case

    def runtest(self) -> None:
        """Run classify on the case's facts and compare with ``expect``."""
        from assistant.core import classify

        expect = self.case.get("expect") or {}
        unknown = set(expect) - KNOWN_KEYS
        if unknown:
            raise CaseMismatch(f"unknown expectation keys {sorted(unknown)}; known: {sorted(KNOWN_KEYS)}")
        if not expect:
            raise CaseMismatch("a case must expect something")
        verdict = classify(self.case.get("facts") or {}, doctrine=self.case.get("doctrine", "qin2025"))
        problems = check(verdict.model_dump(mode="json"), expect)
        if problems:
            raise CaseMismatch("\n".join(problems))

    def repr_failure(self, excinfo, style=None):  # noqa: D401 - pytest hook signature
        """Show the case's mismatches plainly instead of a traceback."""
        if isinstance(excinfo.value, CaseMismatch):
            return f"{self.path.name} :: {self.name}\n{excinfo.value}"
        return super().repr_failure(excinfo)

    def reportinfo(self):
        """Where the case lives, for pytest's report."""
        return self.path, 0, f"rule case: {self.name}"


_SCALARS = {"form": "liability_form", "nature": "liability_nature", "imputation": "imputation",
            "burden": "burden_of_proof", "burden_basis": "burden_basis", "recourse": "recourse",
            "expanded_damage": "expanded_damage", "regimes": "regimes", "citations": "citations",
            "on_record": "on_record", "scenarios": "scenarios"}


def _in_order(wanted: list[str], actual: list[str]) -> bool:
    it = iter(actual)
    return all(any(item == x for x in it) for item in wanted)


def check(v: dict[str, Any], expect: dict[str, Any]) -> list[str]:
    """Every mismatch between the verdict JSON ``v`` and ``expect``, one line each."""
    problems = []
    for key, field in _SCALARS.items():
        if key in expect and v[field] != expect[key]:
            problems.append(f"{field}: expected {expect[key]!r}, got {v[field]!r}")
    cites = v["citations"]
    for pid in expect.get("citations_include", []):
        if pid not in cites:
            problems.append(f"citations: expected to include {pid}, got {cites}")
    for pid in expect.get("citations_exclude", []):
        if pid in cites:
            problems.append(f"citations: expected not to include {pid}, got {cites}")
    missing = [m["fact"] for m in v["missing_facts"]]
    if "missing_facts" in expect and missing != expect["missing_facts"]:
        problems.append(f"missing_facts: expected {expect['missing_facts']}, got {missing}")
    if "missing_facts_include" in expect and not _in_order(expect["missing_facts_include"], missing):
        problems.append(f"missing_facts: expected to include {expect['missing_facts_include']} in order, got {missing}")
    for fact in expect.get("missing_facts_exclude", []):
        if fact in missing:
            problems.append(f"missing_facts: expected not to include {fact}, got {missing}")
    for profile, form in (expect.get("alternatives") or {}).items():
        got = v["doctrine"]["alternatives"].get(profile)
        if got != form:
            problems.append(f"alternatives[{profile}]: expected {form!r}, got {got!r}")
    for text in expect.get("notes_contain", []):
        if not any(text in note for note in v["notes"]):
            problems.append(f"notes: expected one containing {text!r}, got {v['notes']}")
    for text in expect.get("notes_exclude", []):
        if any(text in note for note in v["notes"]):
            problems.append(f"notes: expected none containing {text!r}, got {v['notes']}")
    for scenario in expect.get("scenarios_include", []):
        if scenario not in v["scenarios"]:
            problems.append(f"scenarios: expected to include {scenario}, got {v['scenarios']}")
    for route in expect.get("scenarios_exclude_routes", []):
        if any(s["route"] == route for s in v["scenarios"]):
            problems.append(f"scenarios: expected none on {route}, got {v['scenarios']}")
    instruments = v["as_of"]["instruments"]
    for code in expect.get("instruments_include", []):
        if code not in instruments:
            problems.append(f"as_of.instruments: expected to include {code}, got {instruments}")
    for code in expect.get("instruments_exclude", []):
        if code in instruments:
            problems.append(f"as_of.instruments: expected not to include {code}, got {instruments}")
    outcomes = {entry["rule"]: entry["outcome"] for entry in v["trace"]}
    for rule_id, outcome in (expect.get("trace") or {}).items():
        if outcomes.get(rule_id) != outcome:
            problems.append(f"trace[{rule_id}]: expected {outcome!r}, got {outcomes.get(rule_id)!r}")
    return problems
