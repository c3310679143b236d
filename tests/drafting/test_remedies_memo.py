"""Issue 13 (drafting): the memo's section-7 parts — figures computed where the law gives a formula, heads listed
where it does not, disputed points with both readings, missing facts as questions, and the LLM prompt's figures."""

from __future__ import annotations

import pytest

from assistant.core import ClaimFacts, classify
from assistant.drafting import draft_memo
from assistant.drafting.chain import build_context
from assistant.drafting.prompts import PROMPT_VERSION, render_prompt
from .conftest import example_facts

DECIDED = "2026-12-01"


@pytest.fixture(scope="module")
def memo(tmp_path_factory, corpus):
    """``memo(name)`` → the template draft of an example decided on 2026-12-01 (cached)."""
    from assistant.settings import Settings

    base = tmp_path_factory.mktemp("remedies_memo")
    settings = Settings(data_dir=base / "data", cache_dir=base / "cache", llm="template", progress=False)
    cache: dict = {}

    def get(name: str):
        if name not in cache:
            cache[name] = draft_memo({"decision_date": DECIDED, **example_facts(name)}, settings=settings,
                                     corpus=corpus)
        return cache[name]
    return get


def _part(analysis: str, heading: str) -> str:
    return analysis.split(f"### {heading}", 1)[1].split("\n### ", 1)[0]


def test_analysis_has_the_four_subsections_in_order(memo):
    """法律分析 carries 赔偿项目与金额, 惩罚性赔偿, 诉讼时效, 管辖与当事人 after the liability parts."""
    analysis = memo("remedies_ex1").sections["法律分析"]
    heads = ["（六）类案参考", "（七）赔偿项目与金额", "（八）惩罚性赔偿", "（九）诉讼时效", "（十）管辖与当事人", "（十一）特别说明"]
    positions = [analysis.index(f"### {h}") for h in heads]
    assert positions == sorted(positions)


def test_heads_without_formula_are_listed_without_figures(memo):
    """Medical costs and lost income: listed, no amount (note H1); the refund: the price, 368.00元."""
    part = _part(memo("remedies_ex1").sections["法律分析"], "（七）赔偿项目与金额")
    medical = next(line for line in part.splitlines() if line.startswith("1. 医疗费"))
    assert "元" not in medical and "不计算" in medical
    assert "退还价款" in part and "368.00元" in part
    assert "计算标准见最高人民法院人身损害赔偿司法解释" in part


def test_blocked_basis_gives_the_floor_and_asks_the_facts(memo):
    """ex3 (seller's knowledge unknown): the fraud basis is blocked at the 500.00元 floor; 建议 asks knowledge and fraud."""
    result = memo("remedies_ex3")
    part = _part(result.sections["法律分析"], "（八）惩罚性赔偿")
    fraud = next(line for line in part.splitlines() if "欺诈惩罚性赔偿" in line)
    assert "因事实不明暂无法判断" in fraud and "500.00元" in fraud
    steps = result.sections["建议"]
    assert "卖家明知商品有问题仍然销售" in steps and "虚假宣传" in steps
    assert "1,000.00元" in result.sections["简要结论"]  # FSL-148-2's floor is the recommended figure (exact)


def test_expired_claim_says_filing_is_still_possible(memo):
    """ex6 (expired 2024-02-20): 已届满 per obligor, the two-year period listed as disputed, filing still possible."""
    result = memo("remedies_ex6")
    part = _part(result.sections["法律分析"], "（九）诉讼时效")
    assert "2024年2月20日届满" in part and "已届满" in part
    assert "存在争议" in part and "一种观点" in part and "另一种观点" in part and "按二年期间" in part
    assert "起诉仍应受理" in part
    assert "诉讼时效：已届满" in result.sections["简要结论"]


def test_unknown_discovery_date_is_conditional_and_asked(memo):
    """An example without section-7 facts: never flatly expired, the start is the event date, the date is asked."""
    result = memo("drug_minor_contribution")
    assert "如无中断、中止事由，已届满" in result.sections["简要结论"]
    assert "您是哪一天发现" in result.sections["建议"]
    assert "另有" in result.sections["简要结论"]  # the section-7 questions are counted apart from the liability ones


def test_supplementary_form_names_both_defendants_and_the_enforcement_order(memo):
    """ex4 (supplementary): merchant first, platform second, the platform pays only what enforcement leaves."""
    result = memo("remedies_ex4")
    part = _part(result.sections["法律分析"], "（十）管辖与当事人")
    assert part.index("1. 平台内经营者") < part.index("2. 电子商务平台")
    assert "强制执行后仍不能履行" in result.sections["法律分析"]
    assert "即将届满" in result.sections["简要结论"] and "2027年1月15日之前起诉" in result.sections["建议"]


def test_llm_prompt_carries_the_figures(corpus):
    """The LLM prompt's verdict view carries the same section-7 lines (figures, status, defendants) as the summary."""
    facts = ClaimFacts.model_validate({"decision_date": DECIDED, **example_facts("remedies_ex1")})
    ctx, _ = build_context(facts, classify(facts), corpus, None, passages=[])
    lines = ctx.verdict_view()["section7"]
    assert any("3,750.00元" in line and "FSL-148-2" in line for line in lines)
    prompt = render_prompt("user", ctx.prompt_variables(), PROMPT_VERSION)
    assert all(line in prompt for line in lines)
