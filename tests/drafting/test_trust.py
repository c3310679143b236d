"""Issue 11 (drafting): every example × every doctrine profile, the template memo states only facts that are on
the record, cites grounds only, agrees with itself, passes `verify` without a receipt, and lists similar cases only."""

from __future__ import annotations

import json
import re

import pytest

from assistant.core import DOCTRINES, ClaimFacts, classify
from assistant.drafting import draft_memo
from assistant.drafting.authorities import allowed_ids, ground_ids, remedy_ids, route_entries
from assistant.drafting.cases import CATEGORY_FAMILY, case_family
from assistant.drafting.reasons import CONTRIBUTION_WORDS, FACT_WORDS, FAULT_WORDS
from .conftest import EXAMPLES, example_facts

GRID = [(p.stem, profile) for p in EXAMPLES for profile in DOCTRINES]
# the issue's own counter-example: licence not reviewed, safety duty met, contribution unknown
NOT_REVIEWED_SAFE = {"event_date": "2023-05-01", "platform_role": "marketplace", "category": "drug",
                     "harm": "personal_injury", "causation": True, "qualification_review_done": False,
                     "safety_duty_done": True, "knew_or_should_have_known": False,
                     "merchant_identity_provided": True}


@pytest.fixture(scope="module")
def memos(corpus, tmp_path_factory):
    """``memos(name, profile)`` → the draft result (cached: the grid is drafted once per module)."""
    from assistant.settings import Settings

    base = tmp_path_factory.mktemp("trust")
    settings = Settings(data_dir=base / "data", cache_dir=base / "cache", llm="template", progress=False)
    cache: dict = {}

    def get(name: str, profile: str, facts: dict | None = None):
        key = (name, profile)
        if key not in cache:
            cache[key] = draft_memo(facts or example_facts(name), settings=settings, doctrine=profile, corpus=corpus)
        return cache[key]
    return get


CONDITIONAL = ("若", "如能证明", "如果", "如查明", "假如")


def _statements(markdown: str, facts: ClaimFacts) -> list[str]:
    """Every fact statement of the drafter's vocabulary in ``markdown`` that the facts contradict; conditional
    sentences (若能证明……) state scenarios, not facts, and are left out."""
    text = "\n".join(s for s in re.split(r"[。；\n]", markdown) if not any(c in s for c in CONDITIONAL))
    wrong = []
    for name, (yes, no, unknown) in FACT_WORDS.items():
        value = getattr(facts, name)
        for phrase, allowed in ((yes, value is True), (no, value is False), (unknown, value is None)):
            if phrase in text and not allowed:
                wrong.append(f"{phrase} ({name}={value})")
    for table, name in ((CONTRIBUTION_WORDS, "platform_contribution"), (FAULT_WORDS, "merchant_fault")):
        for value, phrase in table.items():
            if phrase in text and getattr(facts, name) != value:
                wrong.append(f"{phrase} ({name}={getattr(facts, name)})")
    return wrong


@pytest.mark.parametrize("name,profile", GRID)
def test_analysis_states_only_facts_on_record(name, profile, memos):
    """No sentence of the memo states a fact the record contradicts or asserts an unknown one (issue 11 item 1)."""
    result = memos(name, profile)
    facts = ClaimFacts.model_validate(example_facts(name))
    assert _statements(result.markdown, facts) == []
    if facts.consumer_prima_facie_evidence is True:
        assert "尚未完成初步举证" not in result.markdown and "未提供初步证据" not in result.markdown


@pytest.mark.parametrize("profile", ["supplementary_only", "intent_split", "qin2025", "joint", "proportional_joint"])
def test_issue_counter_example_is_not_said(profile, memos):
    """Licence not reviewed, safety duty met, contribution unknown: never 「平台已审核资质…原因力较小」."""
    result = memos("not_reviewed_safe", profile, NOT_REVIEWED_SAFE)
    analysis = result.sections["法律分析"]
    assert "平台已审核" not in analysis and "原因力较小" not in analysis and "原因力较大" not in analysis
    assert "平台未审核平台内经营者的资质资格" in analysis
    if result.verdict.liability_form not in ("none", "undetermined"):
        assert "平台已履行事中的监控、警示等安全保障义务" in analysis


def test_prima_facie_evidence_given_is_said_under_every_profile(memos):
    """consumer_prima_facie_evidence = true: no profile's memo says the consumer has not given it."""
    facts = {**example_facts("medical_device_not_reviewed"), "consumer_prima_facie_evidence": True}
    for profile in DOCTRINES:
        text = memos("md_prima_facie", profile, facts).markdown
        assert "尚未完成初步举证" not in text and "未提供初步证据" not in text
        if "初步证据" in text.split("### （四）")[1].split("###")[0]:
            assert "消费者已提供初步证据" in text or "初步举证" in text


@pytest.mark.parametrize("name,profile", GRID)
def test_verify_without_receipt_reproduces_the_draft(name, profile, memos, corpus):
    """The single allowed set: the guard on the template memo with verify's default set gives the draft's result."""
    from assistant.cli.verify_cmds import drafter_authorities
    from assistant.guard import check_memo

    result = memos(name, profile)
    claim = ClaimFacts.model_validate(example_facts(name))
    verdict = classify(claim, doctrine=profile)
    allowed, keys = drafter_authorities(claim, verdict, corpus)
    # facts=claim, as `lexmemo verify` passes them (the fact check and the remedies check read the price and loss)
    report = check_memo(result.markdown, verdict, event_date=claim.event_date, allowed_ids=allowed,
                        key_table=keys, corpus=corpus, facts=claim)
    assert report.ok == result.report.ok, report.to_text()
    assert report.ok, report.to_text()
    assert set(result.context.template_ids) <= set(allowed_ids(claim, verdict, corpus))


def _basis_ids(result, corpus) -> set[str]:
    """The ids whose 依据 line appears in the memo's 依据 section."""
    basis = result.sections["依据"]
    found = set()
    for pid in result.context.allowed_ids:
        record = corpus.get(pid)
        if getattr(record, "kind", "") == "case" or pid.startswith("QIN-"):
            continue
        if f"《{corpus.instruments[record.code].title}》{record.label}（" in basis:
            found.add(pid)
    return found


@pytest.mark.parametrize("name,profile", GRID)
def test_basis_lists_grounds_only(name, profile, memos, corpus):
    """依据: no failed route, no ECL-89/CC-1260 unless the date matters, no food law in a non-food memo unless a
    rule used it (issue 11 item 4)."""
    result = memos(name, profile)
    v = result.verdict
    listed = _basis_ids(result, corpus)
    # spec section 7 (issue 13): the remedies, limitation and forum provisions are grounds of those conclusions
    grounds = set(ground_ids(v, result.context.event_date)) | set(remedy_ids(v, result.context.event_date, corpus))
    assert listed <= grounds
    failed = {c for e in route_entries(v, ("failed", "not_applicable")) for c in e.citations}
    assert not (listed & (failed - grounds))
    if result.context.event_date and result.context.event_date.year >= 2021:
        assert not listed & {"ECL-89", "CC-1260"}
    if v.doctrine and result.context.facts.category not in ("food", "catering"):
        assert not {pid for pid in listed if pid.startswith(("FSL", "SPC-FS1"))} - set(v.citations)


@pytest.mark.parametrize("name,profile", GRID)
def test_memo_does_not_contradict_itself(name, profile, memos):
    """声明 and analysis agree on the in-force status; an undetermined verdict says nothing definite on recourse;
    the summary's burden line is the verdict's (issue 11 item 5)."""
    from assistant.guard.terms import burden_label

    result = memos(name, profile)
    v, text = result.verdict, result.markdown
    if "晚于事发日" in result.sections["法律分析"]:
        assert "晚于事发日施行" in result.sections["声明"]
    if v.liability_form == "undetermined":
        assert not re.search(r"追偿：|不可追偿|不能向平台内经营者追偿|有权向平台内经营者追偿", text)
    assert f"举证责任：{burden_label(v.burden_of_proof)}" in result.sections["简要结论"]


@pytest.mark.parametrize("name,profile", GRID)
def test_similar_cases_share_route_and_family(name, profile, memos, corpus):
    """类案参考 lists only cases of the claim's category family with a summary, or says there are none."""
    result = memos(name, profile)
    part = result.sections["法律分析"].split("### （六）类案参考")[1].split("###")[0]
    family = CATEGORY_FAMILY.get(result.context.facts.category or "")
    shown = [p for p in result.context.passages if p.kind == "case" and corpus.cite(p.id) in part]
    for passage in shown:
        case = corpus.get(passage.id)
        assert case_family(case.record) == family and case.outcome_detail.strip()
    if not shown:
        assert "没有与本案请求路径和商品或服务类别相同的裁判案例" in part


def test_cli_draft_then_verify_without_receipt_is_ok(tmp_path):
    """Done-when (issue 11): `lexmemo draft F --doctrine P -o m.md` then `lexmemo verify m.md --facts F --doctrine P
    --json` gives ok: true with no receipt, through the real CLI (retrieval included when the index is built)."""
    from typer.testing import CliRunner

    from assistant.cli import _register_verbs, app

    _register_verbs()
    facts = EXAMPLES[0]
    memo = tmp_path / "m.md"
    runner = CliRunner()
    drafted = runner.invoke(app, ["draft", str(facts), "--doctrine", "supplementary_only", "-o", str(memo)])
    assert drafted.exit_code == 0, drafted.output
    checked = runner.invoke(app, ["verify", str(memo), "--facts", str(facts), "--doctrine", "supplementary_only",
                                  "--json"])
    assert json.loads(checked.stdout)["ok"] is True, checked.output


def test_verify_with_receipt_uses_the_receipts_doctrine(tmp_path, memos, corpus):
    """`verify --receipt` judges the memo under the doctrine the receipt records; a different --doctrine is refused."""
    from typer.testing import CliRunner

    from assistant.cli import _register_verbs, app
    from assistant.drafting.receipt import write_receipt

    _register_verbs()
    name = "medical_device_not_reviewed"  # qin2025 → proportional; supplementary_only → supplementary
    result = memos(name, "supplementary_only")
    memo, receipt, facts = tmp_path / "m.md", tmp_path / "r.json", tmp_path / "f.json"
    memo.write_text(result.markdown, encoding="utf-8")
    write_receipt(result.receipt, receipt)
    facts.write_text(json.dumps(example_facts(name), ensure_ascii=False), encoding="utf-8")
    runner = CliRunner()
    ok = runner.invoke(app, ["verify", str(memo), "--facts", str(facts), "--receipt", str(receipt), "--json"])
    assert ok.exit_code == 0 and json.loads(ok.stdout)["ok"] is True, ok.output
    without = runner.invoke(app, ["verify", str(memo), "--facts", str(facts), "--json"])  # qin2025 by default
    assert without.exit_code == 1 and json.loads(without.stdout)["conclusion_mismatches"]
    clash = runner.invoke(app, ["verify", str(memo), "--facts", str(facts), "--receipt", str(receipt),
                                "--doctrine", "qin2025"])
    assert clash.exit_code == 2 and "supplementary_only" in clash.output


def test_burden_rule_outcome_agrees_with_the_summary(memos):
    """Prima facie evidence given, but the form comes from the knowledge route: the analysis does not show the
    burden as shifted while the summary says 举证责任：消费者."""
    facts = {**example_facts("clothing_fakes_ignored"), "category": "drug", "harm": "personal_injury",
             "qualification_review_done": False, "causation": True, "consumer_prima_facie_evidence": True}
    result = memos("knowledge_prima_facie", "qin2025", facts)
    if result.verdict.burden_of_proof == "consumer":
        assert "举证责任：消费者" in result.sections["简要结论"]
        assert "举证责任转由平台承担" not in result.markdown


def _random_facts(rnd) -> dict:
    """A random fact set over every ClaimFacts field (unknowns included), for the property test below."""
    tri = [True, False, None]
    facts = {
        "event_date": rnd.choice(["2016-05-01", "2019-06-01", "2020-05-15", "2023-05-01", None]),
        "platform_role": rnd.choice(["marketplace", "marketplace", "self_operated", "misleading_self_operated", None]),
        "category": rnd.choice(["food", "catering", "drug", "medical_device", "cosmetics", "transport", "lodging",
                                "other_goods", "other_service", None]),
        "harm": rnd.choice(["personal_injury", "property_loss", "none", None]),
        "merchant_fault": rnd.choice(["intentional", "negligent", None]),
        "platform_contribution": rnd.choice(["major", "minor", None]),
    }
    for name in ("causation", "knew_or_should_have_known", "necessary_measures_taken", "qualification_review_done",
                 "safety_duty_done", "merchant_identity_provided", "advance_compensation_promised",
                 "consumer_prima_facie_evidence", "platform_proved_compliance", "force_majeure",
                 "complaint_delay_expanded_damage", "live_streaming", "life_health"):
        facts[name] = rnd.choice(tri)
    return {k: v for k, v in facts.items() if v is not None}


def test_random_fact_sets_state_no_false_fact_and_cite_only_allowed(corpus, tmp_path):
    """120 random fact sets × a random profile: the template memo states no fact the record contradicts, cites
    nothing outside the allowed set verify computes, and an undetermined memo has no recourse line."""
    import random

    from assistant.settings import Settings

    settings = Settings(data_dir=tmp_path / "d", cache_dir=tmp_path / "c", llm="template", progress=False)
    rnd = random.Random(20261204)
    for _ in range(120):
        facts, profile = _random_facts(rnd), rnd.choice(DOCTRINES)
        result = draft_memo(facts, settings=settings, doctrine=profile, corpus=corpus)
        claim = ClaimFacts.model_validate(facts)
        assert _statements(result.markdown, claim) == [], (facts, profile)
        assert not result.report.unlisted and not result.report.unresolved, (facts, profile, result.report.to_text())
        if result.verdict.liability_form == "undetermined":
            assert "追偿：" not in result.sections["简要结论"], (facts, profile)


@pytest.mark.parametrize("name,profile", GRID)
def test_summary_states_on_record_and_each_changing_scenario(name, profile, memos):
    """Issue 12: 简要结论 leads with the verdict, then 根据现有事实 (on_record), then one 如能证明 sentence per
    scenario that changes the outcome; a scenario that changes nothing is said once; 建议 asks for its evidence."""
    from assistant.drafting.scenarios import IF_PROVED, changes_outcome, requires_words
    from assistant.guard.terms import form_label

    result = memos(name, profile)
    v, short = result.verdict, result.sections["简要结论"]
    lines = [line for line in short.splitlines() if line.strip()]
    assert lines[0].startswith("责任形态：")
    record = [line for line in lines if line.startswith("根据现有事实")]
    assert len(record) == 1 and (form_label(v.on_record) in record[0] or "不承担责任" in record[0])
    assert lines.index(record[0]) == 3  # right after the three labelled lines
    changing = [s for s in v.scenarios if changes_outcome(v, s)]
    assert sum(line.startswith(IF_PROVED) for line in lines) == len(changing)
    unchanged = len(v.scenarios) - len(changing)
    assert short.count("也不改变上述结论") == (1 if unchanged else 0)
    assert result.sections["建议"].count(IF_PROVED) == len({requires_words(s) for s in changing})
