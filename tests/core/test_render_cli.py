"""The Chinese summary and the ``lexmemo classify`` command (JSON output, summary, exit 2 on bad input)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import _register_verbs, app
from assistant.core import classify
from assistant.core.render import verdict_summary_zh

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "claims"
EXPECTED_FORMS = {
    "catering_licence_not_reviewed": "joint_and_several",
    "drug_minor_contribution": "supplementary",
    "medical_device_not_reviewed": "proportional",
    "clothing_fakes_ignored": "joint_and_several",
    "self_operated_food": "seller_liability",
    "food_2018_seller_unidentified": "advance_compensation",
    "lodging_2020_minor_contribution": "supplementary",
    "drug_facts_unknown": "undetermined",
}
runner = CliRunner()
_register_verbs()  # as `lexmemo` does: every verb registered, so `classify` is a sub-command


def test_summary_has_chinese_citations_and_a_trace():
    """The summary names the form in Chinese, cites in Chinese style and marks elements ✓ ✗ ?."""
    facts = json.loads((EXAMPLES / "drug_minor_contribution.json").read_text(encoding="utf-8"))
    text = verdict_summary_zh(classify(facts))
    assert "责任形态：补充责任" in text
    assert "《中华人民共和国电子商务法》（以下简称《电子商务法》）第三十八条第二款" in text
    assert "《民法典》第一千一百九十八条第二款" in text or "民法典" in text
    assert "✓" in text and "✗" in text and "?" in text
    assert "举证责任：平台" in text


def test_summary_renders_full_title_once_then_short_with_an_injected_citer():
    """First use of an instrument gets first=True, later uses first=False."""
    calls = []

    def cite(pid, first=False):
        calls.append((pid, first))
        return f"<{pid}{'*' if first else ''}>"

    text = verdict_summary_zh(classify({"event_date": "2023-05-01", "platform_role": "marketplace",
                                        "category": "food", "qualification_review_done": False,
                                        "harm": "personal_injury"}), cite=cite)
    firsts = [pid for pid, first in calls if first]
    assert calls[0] == ("FSL-131-1", True)
    assert ("FSL-131-2", True) not in calls
    assert len({pid.split("-")[0] for pid in firsts if not pid.startswith("SPC-")}) == len(
        [pid for pid in firsts if not pid.startswith("SPC-")])
    assert "<FSL-131-1*>" in text


def test_examples_exist_for_every_worked_example_and_classify_as_the_spec_says():
    """One bundled FACTS.json per spec §6 example; `lexmemo classify --json` gives the spec's form."""
    assert {p.stem for p in EXAMPLES.glob("*.json")} == set(EXPECTED_FORMS)
    for name, form in EXPECTED_FORMS.items():
        result = runner.invoke(app, ["classify", str(EXAMPLES / f"{name}.json"), "--json"])
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["liability_form"] == form, name


def test_cli_summary_and_doctrine_option():
    """Without --json the Chinese summary; --doctrine joint changes the form."""
    path = str(EXAMPLES / "drug_minor_contribution.json")
    result = runner.invoke(app, ["classify", path])
    assert result.exit_code == 0 and "责任形态：补充责任" in result.stdout
    result = runner.invoke(app, ["classify", path, "--doctrine", "joint", "--json"])
    data = json.loads(result.stdout)
    assert data["liability_form"] == "joint_and_several" and data["doctrine"]["profile"] == "joint"


@pytest.mark.parametrize("content, field, accepted", [
    ('{"causation": "yes"}', "causation", "true, false or null"),
    ('{"category": "clothes"}', "category", "other_goods"),
    ('{"colour": "red"}', "colour", "narrative"),
    ('{"event_date": "2999-01-01"}', "event_date", "future"),
])
def test_cli_bad_facts_exit_2_naming_the_field(tmp_path, content, field, accepted):
    """Bad values exit with status 2 and a stderr message naming the field and the accepted values."""
    path = tmp_path / "facts.json"
    path.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["classify", str(path)])
    assert result.exit_code == 2
    assert field in result.stderr and accepted in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", ""])
def test_cli_malformed_json_exits_2(tmp_path, content):
    """Invalid JSON or a non-object exits with status 2 and says why."""
    path = tmp_path / "facts.json"
    path.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["classify", str(path)])
    assert result.exit_code == 2
    assert "JSON" in result.stderr


def test_cli_missing_file_exits_2(tmp_path):
    """A path that does not exist exits with status 2."""
    result = runner.invoke(app, ["classify", str(tmp_path / "nope.json")])
    assert result.exit_code == 2
    assert "cannot read" in result.stderr
