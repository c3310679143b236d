"""``lexmemo classify``: the section-7 objects on every example claim; impossible facts exit 2 with a message."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import _register_verbs, app

_register_verbs()  # as `lexmemo` does: every verb registered, so `classify` is a sub-command

ROOT = Path(__file__).resolve().parents[2]
CLAIMS = sorted((ROOT / "examples" / "claims").glob("*.json"))


@pytest.mark.parametrize("path", CLAIMS, ids=[p.stem for p in CLAIMS])
def test_classify_json_carries_remedies_limitation_forum(path):
    """Every example claim's JSON verdict has the three objects of 7.8."""
    result = CliRunner().invoke(app, ["classify", str(path), "--json"])
    assert result.exit_code == 0, result.output
    verdict = json.loads(result.stdout)
    assert verdict["remedies"]["punitive"]["alternatives"] == "choose_one"
    assert verdict["limitation"]["regime"] in ("CC-188", "check_prior_law", "undetermined")
    assert verdict["forum"]["court_level"] == "basic"


def test_remedies_examples_are_in_examples_claims():
    """The spec's six worked examples are example claims (remedies_ex1 … remedies_ex6)."""
    names = {p.stem for p in CLAIMS}
    assert {f"remedies_ex{i}" for i in range(1, 7)} <= names


@pytest.mark.parametrize("facts, message", [
    ({"harm": "property_loss", "injury_severity": "serious"}, "injury_severity is only for harm = personal_injury"),
    ({"event_date": "2025-03-10", "harm_discovered_date": "2025-03-01"}, "must not be before event_date"),
    ({"price_paid": -5}, "price_paid: must not be negative"),
    ({"limitation_events": [{"date": "2025-01-01", "kind": "demand", "against": ["platform"],
                             "end_date": "2025-02-01"}]}, "end_date is only for suit_or_arbitration"),
])
def test_impossible_facts_exit_2_with_a_clear_message(tmp_path, facts, message):
    """7.1: an impossible combination is a plain error (exit 2), never a traceback."""
    path = tmp_path / "claim.json"
    path.write_text(json.dumps(facts), encoding="utf-8")
    result = CliRunner().invoke(app, ["classify", str(path), "--json"])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output
