"""``lexmemo verify``: JSON and Chinese reports, exit 1 when not ok, exit 2 on bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import assistant.cli.corpus_cmds  # noqa: F401  (a second verb module: with one command Typer drops the verb name)
import assistant.cli.verify_cmds  # noqa: F401  (registers the verb on the app)
from assistant.cli import app
from tests.guard.test_check import CLEAN

CLAIMS = Path(__file__).resolve().parents[2] / "examples" / "claims"
FACTS = CLAIMS / "drug_minor_contribution.json"
runner = CliRunner()


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_clean_memo_exits_0_with_json(tmp_path):
    memo = write(tmp_path, "memo.md", CLEAN)
    result = runner.invoke(app, ["verify", str(memo), "--facts", str(FACTS), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {"ok": True, "unresolved": [], "out_of_force": [],
                                         "conclusion_mismatches": [], "unlisted": [], "fact_mismatches": [],
                                         "remedies_mismatches": []}


def test_defective_memo_exits_1_and_reports_in_chinese(tmp_path):
    memo = write(tmp_path, "memo.md", CLEAN.replace("责任形态：补充责任", "责任形态：连带责任")
                 + "\n另见《中华人民共和国合同法》第一百零七条。\n")
    result = runner.invoke(app, ["verify", str(memo), "--facts", str(FACTS), "--highlight"])
    assert result.exit_code == 1
    assert "需复核" in result.stdout and "《中华人民共和国合同法》第一百零七条" in result.stdout
    assert "责任形态写为“连带责任”" in result.stdout
    assert "**⚠需复核：" in result.stdout


def test_json_lists_each_category(tmp_path):
    memo = write(tmp_path, "memo.md", CLEAN + "\n参照民法典第一千四百三十八条及《侵权责任法》第三十七条。\n")
    result = runner.invoke(app, ["verify", str(memo), "--facts", str(FACTS), "--json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [f["id"] for f in data["unresolved"]] == ["CC-1438"]
    assert [f["id"] for f in data["out_of_force"]] == ["TLL-37"]


def test_keys_and_allow_options(tmp_path):
    memo = write(tmp_path, "memo.md", CLEAN + "\n平台承担补充责任[S1]。\n")
    keys = write(tmp_path, "keys.json", json.dumps({"S1": "ECL-38-2"}))
    result = runner.invoke(app, ["verify", str(memo), "--facts", str(FACTS), "--keys", str(keys), "--json"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["verify", str(memo), "--facts", str(FACTS), "--keys", str(keys), "--json",
                                 "--allow", "ECL-38-2"])
    assert result.exit_code == 1
    assert "CC-1198-2" in {f["id"] for f in json.loads(result.stdout)["unlisted"]}


def test_bad_input_exits_2(tmp_path):
    memo = write(tmp_path, "memo.md", CLEAN)
    bad_json = write(tmp_path, "bad.json", "{not json")
    bad_field = write(tmp_path, "field.json", json.dumps({"harm": "maybe"}))
    cases = [
        ["verify", str(tmp_path / "missing.md"), "--facts", str(FACTS)],
        ["verify", str(memo), "--facts", str(tmp_path / "missing.json")],
        ["verify", str(memo), "--facts", str(bad_json)],
        ["verify", str(memo), "--facts", str(bad_field)],
        ["verify", str(memo), "--facts", str(FACTS), "--doctrine", "nonsense"],
        ["verify", str(memo), "--facts", str(FACTS), "--keys", str(bad_json)],
    ]
    for args in cases:
        result = runner.invoke(app, args)
        assert result.exit_code == 2, (args, result.output)
    result = runner.invoke(app, ["verify", str(memo), "--facts", str(bad_field)])
    assert "harm" in result.stderr


def test_doctrine_changes_the_expected_form(tmp_path):
    memo = write(tmp_path, "memo.md", CLEAN)
    result = runner.invoke(app, ["verify", str(memo), "--facts", str(FACTS), "--doctrine", "joint", "--json"])
    assert result.exit_code == 1
    mismatch = json.loads(result.stdout)["conclusion_mismatches"][0]
    assert mismatch["field"] == "liability_form" and mismatch["expected"] == "连带责任"


def test_receipt_supplies_allowed_set_and_key_table(tmp_path):
    memo = write(tmp_path, "memo.md", CLEAN + "\n另参见覃玉娟文第3.2.1部分[S2]。\n")
    receipt = {"allowed_ids": ["ECL-38-2", "CC-1198-2", "CC-1165-2", "QIN-5.2.2", "QIN-5.4.2", "QIN-3.2.1"],
               "key_table": {"S2": "QIN-3.2.1"}}
    path = write(tmp_path, "receipt.json", json.dumps(receipt, ensure_ascii=False))
    result = runner.invoke(app, ["verify", str(memo), "--facts", str(FACTS), "--receipt", str(path), "--json"])
    assert result.exit_code == 0, result.output
    # a receipt whose memo was drafted without QIN-3.2.1 and without keys: the section is unlisted, S2 unknown
    narrow = write(tmp_path, "narrow.json", json.dumps({**receipt, "allowed_ids": receipt["allowed_ids"][:-1],
                                                        "key_table": {}}, ensure_ascii=False))
    result = runner.invoke(app, ["verify", str(memo), "--facts", str(FACTS), "--receipt", str(narrow), "--json"])
    data = json.loads(result.stdout)
    assert result.exit_code == 1
    assert "QIN-3.2.1" in {f["id"] for f in data["unlisted"]} and [f["text"] for f in data["unresolved"]] == ["S2"]
    bad = write(tmp_path, "bad_receipt.json", json.dumps({"allowed_ids": "ECL-38-2"}))
    result = runner.invoke(app, ["verify", str(memo), "--facts", str(FACTS), "--receipt", str(bad)])
    assert result.exit_code == 2


def test_template_memos_of_the_worked_examples_verify_with_their_receipts(tmp_path):
    from assistant.drafting.chain import draft_memo
    from assistant.settings import get_settings

    settings = get_settings(data_dir=tmp_path / "data")
    for facts_path in sorted(CLAIMS.glob("*.json")):
        draft = draft_memo(json.loads(facts_path.read_text(encoding="utf-8")), settings=settings, passages=[])
        memo = write(tmp_path, f"{facts_path.stem}.md", draft.markdown)
        receipt = write(tmp_path, f"{facts_path.stem}.receipt.json", json.dumps(draft.receipt, ensure_ascii=False))
        result = runner.invoke(app, ["verify", str(memo), "--facts", str(facts_path), "--receipt", str(receipt)])
        assert result.exit_code == 0, (facts_path.name, result.output)


def _template_memo(tmp_path: Path, facts_path: Path) -> str:
    """The template drafter's memo for a worked example (no retrieval: the drafter's deterministic authorities)."""
    from assistant.drafting.chain import draft_memo
    from assistant.settings import get_settings

    settings = get_settings(data_dir=tmp_path / "data", llm="template")
    draft = draft_memo(json.loads(facts_path.read_text(encoding="utf-8")), settings=settings, passages=[])
    assert draft.report.ok, draft.report.to_text()
    return draft.markdown


def test_template_memos_verify_without_a_receipt(tmp_path):
    """The issue's command form, ``lexmemo verify MEMO.md --facts FACTS.json``: every worked example's template
    memo passes, because the default allowed set is the drafter's own set for those facts."""
    for facts_path in sorted(CLAIMS.glob("*.json")):
        memo = write(tmp_path, f"{facts_path.stem}.md", _template_memo(tmp_path, facts_path))
        result = runner.invoke(app, ["verify", str(memo), "--facts", str(facts_path), "--json"])
        assert result.exit_code == 0, (facts_path.name, result.output)


def _in_analysis(memo: str, sentence: str) -> str:
    head, sep, rest = memo.partition("## 四、法律分析\n\n")
    assert sep
    return f"{head}{sep}{sentence}\n\n{rest}"


# Issue 4's defect kinds, each planted in the 2023 drug example's template memo (verdict: 补充责任, 过错推定,
# burden on the platform as QIN's proposal): (edit, category, field or id, text that must be in the finding)
DEFECTS = {
    "invented_article": (lambda m: _in_analysis(m, "参照民法典第一千四百三十八条，平台应承担责任。"),
                         "unresolved", "CC-1438", "民法典第一千四百三十八条"),
    "contract_law_for_2023": (lambda m: _in_analysis(m, "依《合同法》第一百零七条，平台应承担违约责任。"),
                              "unresolved", None, "《合同法》第一百零七条"),
    "joint_for_supplementary": (lambda m: m.replace("责任形态：补充责任", "责任形态：连带责任", 1),
                                "conclusion_mismatches", "liability_form", "连带责任"),
    "missing_burden_statement": (lambda m: m.replace("举证责任：平台（举证责任倒置）\n", "", 1),
                                 "conclusion_mismatches", "burden_of_proof", None),
    "unknown_case_number": (lambda m: _in_analysis(m, "参见（2021）京0105民初99999号民事判决。"),
                            "unresolved", None, "（2021）京0105民初99999号"),
    "authority_outside_the_set": (lambda m: _in_analysis(m, "另依《消费者权益保护法》第四十八条。"),
                                  "unlisted", "CPL-48", "《消费者权益保护法》第四十八条"),
}


@pytest.mark.parametrize("defect", sorted(DEFECTS))
def test_verify_json_catches_each_defect_kind_with_exit_1(defect, tmp_path):
    """``lexmemo verify MEMO.md --facts FACTS.json --json`` on a doctored template memo: exit 1, the defect listed
    under its category; the clean memo passes."""
    edit, category, key, text = DEFECTS[defect]
    clean = _template_memo(tmp_path, FACTS)
    bad = edit(clean)
    assert bad != clean
    memo = write(tmp_path, "memo.md", bad)
    result = runner.invoke(app, ["verify", str(memo), "--facts", str(FACTS), "--json"])
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert data["ok"] is False and set(data) == {"ok", "unresolved", "out_of_force", "conclusion_mismatches",
                                                 "unlisted", "fact_mismatches", "remedies_mismatches"}
    found = data[category]
    assert found, data
    if key is not None:
        assert any(key in (f.get("id"), f.get("field")) for f in found), found
    if text is not None:
        assert any(text in f.get("text", "") for f in found), found
    if defect == "contract_law_for_2023":
        assert any("废止" in f["reason"] for f in found), found
    if defect == "missing_burden_statement":
        assert any(f["reason"].startswith("简要结论缺少“举证责任：") for f in found), found
    others = {c: v for c, v in data.items() if c not in ("ok", category) and v}
    assert not others, others  # the edit shows up where it belongs, nowhere else


def test_unlisted_without_receipt_points_to_the_receipt(tmp_path):
    """A memo citing what only its receipt allows (a retrieval hit): without --receipt the text report says to use
    it; with a receipt listing the hit the memo passes."""
    memo = write(tmp_path, "memo.md", _in_analysis(_template_memo(tmp_path, FACTS), "另见《消费者权益保护法》第四十八条。"))
    result = runner.invoke(app, ["verify", str(memo), "--facts", str(FACTS)])
    assert result.exit_code == 1 and "--receipt" in result.stdout
    from assistant.cli.verify_cmds import drafter_authorities
    from assistant.core import ClaimFacts, classify
    from assistant.corpus import load_corpus

    claim = ClaimFacts.model_validate(json.loads(FACTS.read_text(encoding="utf-8")))
    allowed, keys = drafter_authorities(claim, classify(claim), load_corpus())
    receipt = write(tmp_path, "r.json", json.dumps({"allowed_ids": sorted(allowed | {"CPL-48"}), "key_table": keys},
                                                   ensure_ascii=False))
    result = runner.invoke(app, ["verify", str(memo), "--facts", str(FACTS), "--receipt", str(receipt)])
    assert result.exit_code == 0, result.output
