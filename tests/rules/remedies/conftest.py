"""YAML rule cases for spec section 7 (remedies, limitation, forum): ``tests/rules/remedies/**/<rule>.yml``.

The ``.yml`` suffix keeps these files out of the liability runner (``tests/rules/conftest.py`` collects ``.yaml``),
whose expectation keys describe the liability verdict. Each case has ``name`` (the legal reason), ``facts`` and
either ``expect`` or ``error``:

- ``expect``: a mapping of dotted paths into the verdict JSON → expected value. A list of objects is entered by the
  value of its identifying field (``basis``, ``head``, ``party``, ``against``, ``factor``, ``claim``) or by an index;
  ``notes`` compare as their 【code】 list, ``missing_facts`` as fact names. The value ``~absent`` asserts that the
  path does not exist (e.g. no producer among the payers).
- ``error``: the facts are invalid; ``ClaimFacts`` must reject them with a message containing this text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

_ID_FIELDS = ("basis", "head", "party", "against", "factor", "claim")
_ABSENT = "~absent"


def pytest_collect_file(parent: pytest.Collector, file_path: Path):
    """Collect every ``*.yml`` file under tests/rules/remedies as a file of section-7 rule cases."""
    if file_path.suffix == ".yml":
        return AdviceYamlFile.from_parent(parent, path=file_path)
    return None


class AdviceYamlFile(pytest.File):
    """One YAML file: one test item per case."""

    def collect(self):
        """Yield one ``AdviceCase`` per entry of ``cases`` (names unique)."""
        data = yaml.safe_load(self.path.read_text(encoding="utf-8"))
        names: set[str] = set()
        for case in data["cases"]:
            if case["name"] in names:
                raise ValueError(f"{self.path}: duplicate case name {case['name']!r}")
            names.add(case["name"])
            yield AdviceCase.from_parent(self, name=case["name"], case=case)


class AdviceMismatch(AssertionError):
    """A section-7 case's expectation the verdict did not meet."""


class AdviceCase(pytest.Item):
    """One case: classify the facts (or expect a validation error) and check every path."""

    def __init__(self, *, case: dict[str, Any], **kwargs: Any):
        super().__init__(**kwargs)
        self.case = case

    def runtest(self) -> None:
        """Run classify on the case's facts and compare each expected path."""
        from pydantic import ValidationError

        from assistant.core import ClaimFacts, classify, facts_error_messages

        if "error" in self.case:
            try:
                ClaimFacts.model_validate(self.case["facts"])
            except ValidationError as exc:
                lines = facts_error_messages(exc)
                if not any(self.case["error"] in line for line in lines):
                    raise AdviceMismatch(f"expected an error containing {self.case['error']!r}, got {lines}")
                return
            raise AdviceMismatch(f"expected an error containing {self.case['error']!r}, the facts were accepted")
        expect = self.case.get("expect") or {}
        if not expect:
            raise AdviceMismatch("a case must expect something")
        verdict = classify(self.case["facts"], doctrine=self.case.get("doctrine", "qin2025"))
        problems = check(verdict.model_dump(mode="json"), expect)
        if problems:
            raise AdviceMismatch("\n".join(problems))

    def repr_failure(self, excinfo, style=None):  # noqa: D401 - pytest hook signature
        """Show the mismatches plainly instead of a traceback."""
        if isinstance(excinfo.value, AdviceMismatch):
            return f"{self.path.name} :: {self.name}\n{excinfo.value}"
        return super().repr_failure(excinfo)

    def reportinfo(self):
        """Where the case lives, for pytest's report."""
        return self.path, 0, f"section-7 case: {self.name}"


def _step(node: Any, key: str) -> Any:
    """One path segment: a dict key, a list index, or a list item chosen by its identifying field."""
    if isinstance(node, dict):
        return node.get(key, _ABSENT)
    if isinstance(node, list):
        if key.lstrip("-").isdigit():
            idx = int(key)
            return node[idx] if -len(node) <= idx < len(node) else _ABSENT
        for item in node:
            if isinstance(item, dict) and any(item.get(f) == key for f in _ID_FIELDS):
                return item
    return _ABSENT


def resolve(v: dict[str, Any], path: str) -> Any:
    """The value at a dotted ``path`` (segments may contain dots only inside ids such as QIN-5.2.3: not used)."""
    node: Any = v
    for key in path.split("."):
        node = _step(node, key)
        if node == _ABSENT:
            return _ABSENT
    if path.endswith(".notes") and isinstance(node, list):
        return [n[1:n.index("】")] for n in node]
    if path.endswith(".missing_facts") and isinstance(node, list):
        return [m["fact"] for m in node]
    return node


def check(v: dict[str, Any], expect: dict[str, Any]) -> list[str]:
    """Every mismatch between the verdict JSON ``v`` and the expected paths, one line each."""
    problems = []
    for path, wanted in expect.items():
        got = resolve(v, path)
        if got != wanted:
            problems.append(f"{path}: expected {wanted!r}, got {got!r}")
    return problems
