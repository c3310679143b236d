"""Issue 11 "no false alarm": the template's own memo on a verdict golden passes the guard, and the neighbouring
defective sentence (same place, wrong content) is still caught. One case per cause the memos suite found:
a source's 第4.1.2部分 read as 部分连带; a 若能证明 condition on life_health / category; the platform's 先行赔付
promise read as a form; 推翻过错推定 read as presumed fault; 诉讼时效：…无法确定 read as an undetermined form."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.core import ClaimFacts, classify
from assistant.drafting import draft_memo
from assistant.guard import check_memo
from assistant.settings import Settings
from evals.goldens import load_verdict_goldens

GOLDENS = {g.name: g for g in load_verdict_goldens()}

# (golden, sound sentence in the template memo, defective neighbour, the form/term the guard must name)
CASES = [
    ("intent_split_intentional_merchant_joint",
     "依区分经营者主观状态说（覃玉娟文第4.1.2部分），平台的责任形态取决于平台内经营者的主观状态：平台内经营者系故意侵权，平台与其承担连带责任",
     "依区分经营者主观状态说（覃玉娟文第4.1.2部分），平台仅在其责任份额范围内与其承担连带责任", "连带责任"),
    ("cosmetics_life_health_unknown_blocks_38_2",
     "若能证明该商品或服务关系消费者生命健康，平台将承担按份责任",
     "若能证明该商品或服务关系消费者生命健康，平台将承担连带责任", "连带责任"),
    ("cosmetics_life_health_unknown_blocks_38_2",
     "若能证明该商品或服务关系消费者生命健康，平台将承担按份责任",
     "若能证明该商品或服务不关系消费者生命健康，平台将承担按份责任", "按份责任"),
    ("other_service_housekeeping_life_health_unknown",
     "若能证明该商品或服务关系消费者生命健康，平台将承担补充责任",
     "如果从实际出发，平台将承担补充责任", "补充责任"),
    ("category_unknown_blocks_food_rule_over_proportional",
     "若能证明商品或服务属于食品，平台将承担连带责任",
     "若能证明商品或服务属于化妆品，平台将承担连带责任", "连带责任"),
    ("food_promise_and_review_failed_joint_with_promise_concurrent",
     "平台曾作出先行赔付等承诺，可依其承诺向平台主张",
     "平台应承担先行赔付责任，可依其承诺向平台主张", "先行赔付责任"),
    ("supplementary_2020_with_promise_recourse_true",
     "平台曾作出先行赔付等承诺，可依其承诺向平台主张",
     "平台应先行赔付，可依其承诺向平台主张", "先行赔付"),
    ("supplementary_2020_with_promise_recourse_true",
     "平台曾作出先行赔付等承诺，可依其承诺向平台主张",
     "平台应依其承诺先行赔付，可依其承诺向平台主张", "先行赔付"),
    ("knowledge_route_survives_rebuttal_of_38_2",
     "平台已证明履行审核与安全保障义务，推翻过错推定，不承担第三十八条第二款的责任",
     "平台未能推翻过错推定，应承担第三十八条第二款的责任", "过错推定"),
    ("event_date_unknown_current_law_assumed",
     "诉讼时效：因起算日不明无法确定",
     "责任形态另行说明：事实不足，暂无法确定", "无法确定"),
]


@pytest.fixture(scope="module")
def settings(tmp_path_factory) -> Settings:
    tmp = tmp_path_factory.mktemp("nofalse")
    return Settings(data_dir=tmp / "data", cache_dir=tmp / "cache", llm="template", progress=False)


@pytest.fixture(scope="module")
def drafted(settings):
    cache: dict[str, object] = {}

    def get(name: str):
        if name not in cache:
            golden = GOLDENS[name]
            cache[name] = draft_memo(golden.facts, settings=settings, doctrine=golden.doctrine)
        return cache[name]
    return get


def _recheck(name: str, markdown: str):
    golden = GOLDENS[name]
    facts = ClaimFacts.model_validate(golden.facts) if isinstance(golden.facts, dict) else golden.facts
    verdict = classify(facts, doctrine=golden.doctrine)
    return check_memo(markdown, verdict, event_date=facts.event_date, facts=facts)


@pytest.mark.parametrize("name,sound,bad,term", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_the_sound_sentence_passes_and_its_defective_neighbour_is_caught(drafted, name, sound, bad, term):
    result = drafted(name)
    assert sound in result.markdown, "the template no longer writes the sentence this test guards"
    assert result.report.ok, [f.reason for f in result.report.conclusion_mismatches]
    assert not _recheck(name, result.markdown).conclusion_mismatches
    report = _recheck(name, result.markdown.replace(sound, bad, 1))
    assert any(term in (f.text or "") or term in f.reason for f in report.conclusion_mismatches), \
        [f.reason for f in report.conclusion_mismatches]


def test_a_section_reference_is_no_proportional_form_but_a_share_still_is():
    """覃玉娟文第4.1.2部分 is a place in a paper; 在其责任份额范围内 still makes 连带责任 the proportional form."""
    from assistant.guard.conclusions import form_assertions

    golden = GOLDENS["intent_split_intentional_merchant_joint"]
    facts = ClaimFacts.model_validate(golden.facts) if isinstance(golden.facts, dict) else golden.facts
    verdict = classify(facts, doctrine=golden.doctrine)
    ok = "本案中，依区分经营者主观状态说（覃玉娟文第四部分），平台与其承担连带责任。"
    bad = "本案中，依区分经营者主观状态说（覃玉娟文第4.1.2部分），平台按比例与其承担连带责任。"
    assert form_assertions(ok, verdict, facts, []) == []
    assert form_assertions(bad, verdict, facts, [])


def test_the_workspace_recheck_runs_the_facts_check(drafted, settings):
    """Issue 11 item 2 in the workspace: ui/services.check with ``facts=`` flags an edited memo that contradicts the
    facts, and the memo panel passes the current facts to it (re-read from its source, not assumed)."""
    import ast

    services = pytest.importorskip("ui.services")
    panel = Path(__file__).resolve().parents[2] / "ui" / "views" / "memo_panel.py"

    name = "intent_split_intentional_merchant_joint"
    result = drafted(name)
    sound = "平台未审核平台内经营者的资质资格"
    assert sound in result.markdown
    edited = result.markdown.replace(sound, "平台已审核平台内经营者的资质资格")
    golden = GOLDENS[name]
    facts = ClaimFacts.model_validate(golden.facts) if isinstance(golden.facts, dict) else golden.facts
    verdict = classify(facts, doctrine=golden.doctrine)
    args = (verdict, facts.event_date, result.receipt, settings)
    assert not services.check(result.markdown, *args, facts=facts).fact_mismatches
    report = services.check(edited, *args, facts=facts)
    assert report.fact_mismatches and not report.ok
    calls = [n for n in ast.walk(ast.parse(panel.read_text(encoding="utf-8")))
             if isinstance(n, ast.Call) and getattr(n.func, "attr", None) == "check"
             and getattr(n.func.value, "id", None) == "services"]
    assert calls and all(any(k.arg == "facts" for k in c.keywords) for c in calls)
