"""Issue 13 (guard): the memo's amounts, punitive multiples and limitation status agree with the verdict's section-7
objects; the template memo of the spec's ex1 verifies without a receipt, and the issue's defects are caught."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import assistant.cli.corpus_cmds  # noqa: F401  (a second verb module: with one command Typer drops the verb name)
import assistant.cli.verify_cmds  # noqa: F401  (registers the verb on the app)
from assistant.cli import app
from assistant.core import ClaimFacts, classify
from assistant.drafting import draft_memo
from assistant.guard import check_memo
from assistant.guard.remedies_check import check_remedies, known_amounts
from assistant.settings import Settings

CLAIMS = Path(__file__).resolve().parents[2] / "examples" / "claims"
runner = CliRunner()


def _facts(name: str) -> dict:
    return json.loads((CLAIMS / f"{name}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def memo(tmp_path_factory):
    """``memo(name)`` → the template memo (Markdown) of an example, drafted once per module."""
    base = tmp_path_factory.mktemp("remedies")
    settings = Settings(data_dir=base / "data", cache_dir=base / "cache", llm="template", progress=False)
    cache: dict[str, str] = {}

    def get(name: str) -> str:
        if name not in cache:
            result = draft_memo(_facts(name), settings=settings)
            assert result.report.ok, result.report.to_text()
            cache[name] = result.markdown
        return cache[name]
    return get


def _verify(tmp_path: Path, name: str, text: str) -> tuple[int, dict]:
    """``lexmemo verify MEMO --facts FACTS --json`` (no receipt): exit code and JSON report."""
    path = tmp_path / "memo.md"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["verify", str(path), "--facts", str(CLAIMS / f"{name}.json"), "--json"])
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)


def _section(markdown: str, heading: str) -> str:
    return markdown.split(heading, 1)[1].split("\n## ", 1)[0]


def test_ex1_memo_states_figure_basis_expiry_and_defendants(memo):
    """Spec ex1: 3,750.00元 under FSL-148-2 in 简要结论, the expiry dates per obligor, the three defendants."""
    text = memo("remedies_ex1")
    summary = _section(text, "## 二、简要结论")
    assert "惩罚性赔偿：" in summary and "3,750.00元" in summary and "第一百四十八条第二款" in summary
    assert "退还价款368.00元" in summary
    assert "诉讼时效：未届满" in summary and "2028年3月12日" in summary and "2028年3月15日" in summary
    assert "被告：平台内经营者、电子商务平台、生产者" in summary
    punitive = _section(text, "### （八）惩罚性赔偿")
    # the formula's candidates: 10 × 368.00 and 3 × 1,250.00, the larger recommended; fraud basis as alternative
    assert "3,680.00元" in punitive and "损失1,250.00元的三倍为3,750.00元" in punitive and "1,104.00元" in punitive
    assert "存在争议" in punitive and "另一种观点" in punitive  # the platform as payer (P6): both readings
    assert "《中华人民共和国食品安全法》第一百四十八条第二款" in _section(text, "## 七、依据")


def test_ex1_memo_verifies_without_receipt(memo, tmp_path):
    """`lexmemo verify` on the template memo, same facts, no receipt: ok, no remedies finding."""
    code, data = _verify(tmp_path, "remedies_ex1", memo("remedies_ex1"))
    assert code == 0 and data["ok"] is True and data["remedies_mismatches"] == [], data


def test_amount_changed_to_37500_is_caught(memo, tmp_path):
    """The issue's defect: 3,750 changed to 37,500 is a remedies mismatch and verify exits 1."""
    text = memo("remedies_ex1")
    bad = text.replace("3,750", "37,500")
    assert bad != text
    code, data = _verify(tmp_path, "remedies_ex1", bad)
    assert code == 1 and data["ok"] is False
    found = {f["found"] for f in data["remedies_mismatches"]}
    assert any("37,500" in f for f in found), data["remedies_mismatches"]


def test_running_said_when_expired_is_caught(memo, tmp_path):
    """ex6 (expired 2024-02-20): an LLM sentence 诉讼时效未届满 contradicts the verdict."""
    text = memo("remedies_ex6")
    bad = text.replace("## 三、事实与假设", "本案诉讼时效未届满，消费者可以随时起诉。\n\n## 三、事实与假设", 1)
    code, data = _verify(tmp_path, "remedies_ex6", bad)
    assert code == 1
    assert [f["field"] for f in data["remedies_mismatches"]] == ["limitation_status"], data["remedies_mismatches"]


def test_expired_said_when_running_is_caught_per_obligor(memo, tmp_path):
    """ex1 (running for all): the platform's line turned to 已届满 is caught; the figures stay clean."""
    text = memo("remedies_ex1")
    line = next(line for line in text.splitlines() if line.startswith("- 对电子商务平台") and "未届满" in line)
    code, data = _verify(tmp_path, "remedies_ex1", text.replace(line, line.replace("未届满", "已届满")))
    assert code == 1 and {f["field"] for f in data["remedies_mismatches"]} == {"limitation_status"}


def test_wrong_expiry_date_is_caught(memo, tmp_path):
    """An expiry date the verdict did not compute (a year late) is caught."""
    text = memo("remedies_ex1")
    code, data = _verify(tmp_path, "remedies_ex1", text.replace("于2028年3月15日届满", "于2029年3月15日届满"))
    assert code == 1 and "expiry_date" in {f["field"] for f in data["remedies_mismatches"]}


def test_ten_times_without_eligible_basis_is_caught_and_denial_passes(memo, tmp_path):
    """ex6 (only the fraud basis): claiming ten times the price is caught; saying it does not apply is not."""
    text = memo("remedies_ex6")
    anchor = "## 三、事实与假设"
    bad = text.replace(anchor, "消费者还可以主张价款十倍的惩罚性赔偿。\n\n" + anchor, 1)
    code, data = _verify(tmp_path, "remedies_ex6", bad)
    assert code == 1 and [f["field"] for f in data["remedies_mismatches"]] == ["punitive_multiple"]
    fine = text.replace(anchor, "本案商品不是食品或药品，价款十倍的惩罚性赔偿不适用。\n\n" + anchor, 1)
    code, data = _verify(tmp_path, "remedies_ex6", fine)
    assert code == 0, data


def test_summary_punitive_line_must_be_the_recommended_amount():
    """A 惩罚性赔偿 line in 简要结论 with the fraud basis's figure (1,104.00) instead of the recommended 3,750.00."""
    facts = ClaimFacts.model_validate(_facts("remedies_ex1"))
    verdict = classify(facts)
    findings = check_remedies("## 二、简要结论\n\n惩罚性赔偿：1,104.00元。\n", verdict, facts)
    assert [f.field for f in findings] == ["punitive_amount"]
    assert check_remedies("## 二、简要结论\n\n惩罚性赔偿：3,750.00元。\n", verdict, facts) == []


def test_known_amounts_without_facts_include_price_and_loss():
    """Checked without facts, the price and loss are read back from the candidates (368.00 × 10, 1,250.00 × 3)."""
    verdict = classify(ClaimFacts.model_validate(_facts("remedies_ex1")))
    amounts = {str(a) for a in known_amounts(verdict, None)}
    assert {"368.00", "1250.00", "3750.00", "3680.00", "1104.00"} <= amounts
    assert "37500" not in amounts


@pytest.mark.parametrize("name", sorted(p.stem for p in CLAIMS.glob("*.json")))
def test_template_memo_has_no_false_remedies_finding(name, memo):
    """Every example's template memo: the guard (with facts) finds no remedies mismatch."""
    facts = ClaimFacts.model_validate(_facts(name))
    report = check_memo(memo(name), classify(facts), event_date=facts.event_date, facts=facts)
    assert report.remedies_mismatches == [], report.to_text()


@pytest.mark.parametrize("name", [f"remedies_ex{n}" for n in (1, 2, 3, 5, 6)])  # ex4 states no figure
def test_every_summary_figure_scaled_tenfold_is_caught(name, memo):
    """Each yuan figure of 简要结论, multiplied by ten (3,750.00 → 37,500.00), is a remedies mismatch."""
    import re
    from decimal import Decimal

    text = memo(name)
    facts = ClaimFacts.model_validate(_facts(name))
    verdict = classify(facts)
    summary = _section(text, "## 二、简要结论")
    figures = sorted(set(re.findall(r"\d{1,3}(?:,\d{3})*\.\d{2}元", summary)))
    assert figures, summary
    for figure in figures:
        tenfold = f"{Decimal(figure[:-1].replace(',', '')) * 10:,.2f}元"
        bad = text.replace(summary, summary.replace(figure, tenfold))
        report = check_memo(bad, verdict, event_date=facts.event_date, facts=facts)
        assert any(f.found and tenfold in f.found for f in report.remedies_mismatches), (figure, report.to_text())
