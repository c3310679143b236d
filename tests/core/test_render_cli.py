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
#: Spec section 6's worked examples: the bundled FACTS.json of each, and its case in the YAML rule cases.
WORKED_EXAMPLES = {
    "catering_licence_not_reviewed": "ex1 ", "drug_minor_contribution": "ex2 ", "medical_device_not_reviewed": "ex3 ",
    "clothing_fakes_ignored": "ex4 ", "self_operated_food": "ex5 ", "food_2018_seller_unidentified": "ex6 ",
    "lodging_2020_minor_contribution": "ex7 ", "drug_facts_unknown": "ex8 ",
    "misleading_self_operated_2020_decided_2021": "ex9a ", "misleading_self_operated_2020": "ex9b ",
    "cosmetics_knowledge_ignored": "ex10 ",
}
SECTION_6 = Path(__file__).resolve().parents[1] / "rules" / "worked_examples" / "spec_section_6.yaml"
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


def test_every_worked_example_holds_through_the_cli_json():
    """Spec §6 (v1.1, eleven rows): each bundled FACTS.json holds its YAML case's facts, and `lexmemo classify
    FILE --json` meets every expectation of that case (form, on_record, scenarios, citations, notes, trace)."""
    import yaml

    from tests.rules.conftest import check

    cases = yaml.safe_load(SECTION_6.read_text(encoding="utf-8"))["cases"]
    assert len(cases) == len(WORKED_EXAMPLES) == 11
    for stem, prefix in WORKED_EXAMPLES.items():
        [case] = [c for c in cases if c["name"].startswith(prefix)]
        facts = json.loads((EXAMPLES / f"{stem}.json").read_text(encoding="utf-8"))
        facts.pop("narrative", None)
        expected = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in case["facts"].items()}
        assert facts == expected, stem
        result = runner.invoke(app, ["classify", str(EXAMPLES / f"{stem}.json"), "--json"])
        assert result.exit_code == 0, result.output
        problems = check(json.loads(result.stdout), case["expect"])
        assert not problems, (stem, problems)


def test_cli_prints_on_record_and_scenarios_in_chinese():
    """Rule 12 in the summary: 现有事实下的结论 and one 如能证明……则…… line per scenario; --json carries both."""
    path = str(EXAMPLES / "drug_facts_unknown.json")
    text = runner.invoke(app, ["classify", path]).stdout
    assert "现有事实下的结论：不承担责任" in text
    lines = [line for line in text.splitlines() if line.strip().startswith("- 如能证明")]
    data = json.loads(runner.invoke(app, ["classify", path, "--json"]).stdout)
    assert data["on_record"] == "none" and len(lines) == len(data["scenarios"]) == 6
    assert "平台未审核商家资质" in lines[1] and "按份责任" in lines[1]
    cosmetics = runner.invoke(app, ["classify", str(EXAMPLES / "cosmetics_knowledge_ignored.json")]).stdout
    assert "现有事实下的结论：连带责任" in cosmetics
    assert cosmetics.count("（不改变现有事实下的结论）") == 4   # joint ranks first: no scenario changes it


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
