"""The defect set evals/guard/defects.yaml: every defect caught, no clean memo flagged (catch rate recorded)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

RUNNER = Path(__file__).resolve().parents[2] / "evals" / "guard" / "run.py"


@pytest.fixture(scope="module")
def runner():
    spec = importlib.util.spec_from_file_location("guard_defect_runner", RUNNER)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the runner is being loaded
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def data(runner):
    return runner.load_set()


def test_set_is_large_enough_and_well_formed(data):
    assert len(data["defects"]) >= 50 and len(data["clean"]) >= 10
    names = [c["name"] for c in data["defects"] + data["clean"]]
    assert len(names) == len(set(names))
    categories = {"unresolved", "out_of_force", "conclusion_mismatches", "unlisted", "fact_mismatches"}
    assert {c["expect"] for c in data["defects"]} == categories
    for case in data["defects"]:
        assert case["example"] in data["examples"] and case["kind"]


def test_spec_verdicts_in_the_set_agree_with_the_core(runner, data):
    for name, example in data["examples"].items():
        got = runner.example_verdict(example, use_classify=True)
        for field in ("liability_form", "imputation", "burden_of_proof", "burden_basis", "recourse"):
            assert getattr(got, field) == example["verdict"][field], (name, field)


@pytest.mark.parametrize("use_classify", [True, False], ids=["classify", "spec_verdicts"])
def test_every_defect_caught_and_no_clean_memo_flagged(runner, data, use_classify):
    result = runner.run_all(data, use_classify=use_classify)
    print(f"\nguard defect set: caught {result['caught']}/{result['defects']} ({result['catch_rate']:.1%}); "
          f"clean flagged {result['false_alarms']}/{result['clean']}")
    details = "\n".join(f"{o.name}: {o.detail}" for o in result["outcomes"] if not o.passed)
    assert result["missed"] == [] and result["flagged_clean"] == [], details
    assert result["catch_rate"] == 1.0


def test_each_defect_memo_differs_from_its_clean_base(runner, data):
    for case in data["defects"]:
        if "allowed_ids" in case and not any(k in case for k in ("insert", "replace", "conclusion", "memo")):
            continue  # the defect lies in the allowed set, not in the text
        assert runner.build_memo(data["examples"][case["example"]], case) != data["examples"][case["example"]]["memo"]
