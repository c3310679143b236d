"""The template drafter: every worked example's memo passes the guard, says what the spec requires, and is
byte-identical across runs."""

from __future__ import annotations

import re

import pytest

from assistant.drafting import draft_memo
from assistant.guard.terms import basis_label, burden_label, form_label, imputation_label
from assistant.memo.sections import SECTIONS
from .conftest import EXAMPLES


def _engine_lines(result) -> list[str]:
    """Lines of the memo carrying the engine's own notes (text the drafter must carry verbatim)."""
    notes = list(result.verdict.notes) + list(result.verdict.as_of.version_notes)
    lines = [re.sub(r"\*\*⚠需复核：.*?\*\*", "", line) for line in result.markdown.splitlines()]
    return [line for line in lines if any(note and note in line for note in notes)]


@pytest.mark.parametrize("name", [p.stem for p in EXAMPLES])
def test_worked_example_memo_passes_guard(name, examples, settings):
    """Spec §6: the template memo of every worked example passes the guard and has all eight sections."""
    result = draft_memo(examples(name), settings=settings)
    assert [name for name in result.sections if name] == list(SECTIONS)
    if result.report.ok:
        assert not result.needs_review and "需复核" not in result.markdown
        return
    # Findings are tolerated only inside the engine's own notes, which the memo must carry verbatim: that is a
    # disagreement between the engine's wording and the guard, reported to their owners, not a drafting defect.
    carried = _engine_lines(result)
    own = [f for f in result.report.findings
           if f.text is None or not any(f.text in line for line in carried)]
    assert not own, result.report.to_text()
    assert result.needs_review and "需复核" in result.markdown
    pytest.xfail("guard flags an article named in the engine's own note: " + result.report.to_text())


@pytest.mark.parametrize("name", [p.stem for p in EXAMPLES])
def test_template_memo_is_byte_identical_across_runs(name, examples, settings, tmp_path):
    """Same facts, corpus, rules and template drafter → the same bytes (no clock in the memo), every example."""
    from assistant.settings import Settings

    facts = examples(name)
    first = draft_memo(facts, settings=settings).markdown
    other = Settings(data_dir=tmp_path / "other", cache_dir=tmp_path / "c2", llm="template", progress=False)
    second = draft_memo(dict(facts), settings=other).markdown
    assert first.encode("utf-8") == second.encode("utf-8")


@pytest.mark.parametrize("name", ["drug_minor_contribution", "medical_device_not_reviewed", "self_operated_food"])
def test_short_answer_carries_the_three_canonical_lines(name, examples, settings):
    """简要结论 states form, imputation and burden with the guard's canonical labels."""
    result = draft_memo(examples(name), settings=settings)
    v, short = result.verdict, result.sections["简要结论"]
    assert f"责任形态：{form_label(v.liability_form)}" in short
    assert f"归责原则：{imputation_label(v.imputation)}" in short
    assert f"举证责任：{burden_label(v.burden_of_proof)}" in short


def test_burden_reversal_is_said_to_be_a_proposal(examples, settings, corpus):
    """burden_basis = proposal: the memo says plainly it is QIN's proposal, not current law, citing CC-1165-2."""
    result = draft_memo(examples("drug_minor_contribution"), settings=settings)
    assert result.verdict.burden_basis == "proposal"
    assert basis_label("proposal") in result.sections["简要结论"]
    analysis = result.sections["法律分析"]
    assert "并非现行法" in analysis and "学说建议" in analysis
    assert corpus.cite("CC-1165-2") in analysis or corpus.cite("CC-1165-2", first=True) in analysis


def test_ecl_38_2_elements_are_listed_one_by_one(examples, settings):
    """Each element of the ECL-38-2 route appears with its value from the trace."""
    result = draft_memo(examples("drug_minor_contribution"), settings=settings)
    from assistant.drafting.analysis import route_38_2

    entry = route_38_2(result.verdict)
    assert entry is not None and entry.elements
    analysis = result.sections["法律分析"]
    for number in range(1, len(entry.elements) + 1):
        assert f"\n{number}. " in analysis
    assert "要件满足" in analysis


def test_form_dispute_and_alternatives_are_discussed(examples, settings, corpus):
    """The three QIN-3.2 views are cited and every alternative profile's form is shown."""
    result = draft_memo(examples("medical_device_not_reviewed"), settings=settings)
    analysis = result.sections["法律分析"]
    for section in ("3.2.1", "3.2.2", "3.2.3"):
        assert f"第{section}部分" in analysis
    for form in result.verdict.doctrine.alternatives.values():
        assert form_label(form) in analysis
    assert "按份责任" in analysis and corpus.cite("CC-1172") in result.markdown


def test_pre_2021_supplementary_cites_tort_law_and_denies_recourse(examples, settings):
    """2020 event: TLL-37-2 is the authority, recourse is denied and the memo says why."""
    result = draft_memo(examples("lodging_2020_minor_contribution"), settings=settings)
    assert not result.verdict.recourse
    assert "《中华人民共和国侵权责任法》第三十七条第二款" in result.sections["依据"]
    assert "CC-1198-2" not in result.context.allowed_ids
    assert "不能向平台内经营者追偿" in result.sections["简要结论"]
    assert "未规定补充责任人的追偿权" in result.sections["法律分析"]


def test_missing_facts_become_assumptions_and_next_steps(examples, settings):
    """Unknown facts are stated as assumptions and asked in 建议, each question verbatim."""
    result = draft_memo(examples("drug_facts_unknown"), settings=settings)
    assert result.verdict.liability_form == "undetermined" and result.verdict.missing_facts
    for missing in result.verdict.missing_facts:
        assert missing.question in result.sections["事实与假设"]
        assert f"向委托人核实：{missing.question}" in result.sections["建议"]


def test_basis_lists_the_grounds_with_version(examples, settings, corpus):
    """依据 numbers the grounds of the conclusion, each statute with its version; failed routes and similar cases
    are not grounds (cases stay in 类案参考 with their tier)."""
    result = draft_memo(examples("clothing_fakes_ignored"), settings=settings)
    basis = result.sections["依据"].splitlines()
    assert basis and all(line.startswith(f"{n}. ") for n, line in enumerate(basis, 1))
    assert any("《中华人民共和国电子商务法》第三十八条第一款" in line and "施行" in line for line in basis)
    assert not any("第三十八条第二款" in line for line in basis)  # the 38(2) route failed: life_health false
    assert not any("案例层级" in line for line in basis)
    assert len(basis) >= len([c for c in result.verdict.citations if not c.startswith("QIN-")])


def test_disclaimer_uses_event_date_and_says_ai_assisted(examples, settings):
    """声明 gives the event-date law and the AI assistance, no clock."""
    result = draft_memo(examples("drug_minor_contribution"), settings=settings)
    note = result.sections["声明"]
    assert "2023年5月1日" in note and "人工智能辅助" in note and "不构成正式法律意见" in note


def test_given_passages_join_the_key_table(examples, settings, corpus):
    """Passages passed by the caller get keys after the verdict's citations and are allowed authorities."""
    result = draft_memo(examples("drug_minor_contribution"), settings=settings,
                        passages=[corpus.get("CPL-44-1"), "FSL-131-1", "NOT-AN-ID"])
    ids = set(result.context.key_table.values())
    assert {"CPL-44-1", "FSL-131-1"} <= ids and "NOT-AN-ID" not in ids
    assert result.receipt["passages_source"] == "given"
    assert list(result.context.key_table)[0] == "S1"
    assert result.context.key_table["S1"] == result.verdict.citations[0]


def test_without_index_the_receipt_says_so(examples, settings):
    """No retrieval index: the memo is drafted from the verdict's citations and the receipt says why."""
    result = draft_memo(examples("catering_licence_not_reviewed"), settings=settings)
    assert result.receipt["passages_source"].startswith("verdict citations only")
    assert "index" in result.receipt["passages_source"]


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ENGINE_WORD = re.compile(r"[a-z]+_[a-z_]+|\bQIN-\d")


@pytest.mark.parametrize("name", [p.stem for p in EXAMPLES])
def test_memo_speaks_to_lawyers_not_in_engine_terms(name, examples, settings):
    """No ISO dates, field names (life_health) or corpus ids (QIN-5.4) in the prose a lawyer reads."""
    markdown = draft_memo(examples(name), settings=settings).markdown
    body = markdown.split("## 八、声明")[0]
    assert not _ISO_DATE.search(body), _ISO_DATE.search(body)
    assert not _ENGINE_WORD.search(body), _ENGINE_WORD.search(body)


def test_other_rules_say_which_fact_defeated_them(examples, settings):
    """A route that fails names the fact and its value; one blocked names the facts still unknown."""
    analysis = draft_memo(examples("drug_minor_contribution"), settings=settings).sections["法律分析"]
    assert "：不成立（平台能否提供平台内经营者的真实名称、地址和有效联系方式：是）" in analysis
    assert "（商品或服务类别为药品，据此推定关系消费者生命健康）" in analysis
    assert "：适用2023年5月1日时有效的法律" in analysis
    blocked = draft_memo(examples("catering_licence_not_reviewed"), settings=settings).sections["法律分析"]
    assert "因事实不明暂无法判断（尚不明确的事实：平台能否提供平台内经营者的真实名称、地址和有效联系方式）" in blocked


def test_basis_lists_the_seed_article_once_and_full_width_case_numbers(examples, settings):
    """依据: the seed article's sections on one line in section order; 案号 with full-width brackets."""
    basis = draft_memo(examples("drug_minor_contribution"), settings=settings).sections["依据"]
    qin = [line for line in basis.splitlines() if "覃玉娟" in line]
    assert len(qin) == 1 and "第3.2.1、3.2.2、3.2.3、4.1.1、4.1.2、5.1、5.2.2、5.3、5.4.1、5.4.2部分" in qin[0]
    # a ride-hailing claim on the knowledge route: the e代驾 carpool case (CPL-44-2) is similar; 案号 full-width
    facts = {**examples("clothing_fakes_ignored"), "category": "transport", "harm": "personal_injury"}
    cases = draft_memo(facts, settings=settings).sections["法律分析"].split("（六）类案参考")[1]
    assert "（2014）朝民初字第27695号" in cases and "(2014)" not in cases


def test_a_text_that_took_effect_after_the_event_is_flagged(examples, settings, corpus):
    """2018 event, corpus holding the 2025 food-safety text: the quote and the 依据 entry both warn."""
    result = draft_memo(examples("food_2018_seller_unidentified"), settings=settings)
    assert corpus.instruments["FSL"].version_effective.year == 2025
    fsl = [line for line in result.sections["依据"].splitlines() if "食品安全法》第一百三十一条" in line]
    assert fsl and all("晚于事发日" in line for line in fsl)
    assert "该文本自2025年12月1日起施行，晚于事发日" in result.sections["法律分析"]
    cpl = [line for line in result.sections["依据"].splitlines() if "消费者权益保护法》第四十四条" in line]
    assert cpl and not any("晚于事发日" in line for line in cpl)  # CPL's text is in force since 2014
