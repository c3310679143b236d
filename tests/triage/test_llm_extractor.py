"""The optional LLM extractor: exact prompt, pure reply parsing, verbatim quotes, rules fallback, CLI and batch.

Models are injected only at the LLM boundary, through the settings: ``settings.chat_model`` (langchain-core's
GenericFakeChatModel, or a model that raises) or ``--llm replay:FILE`` (the drafting replay model).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage
from typer.testing import CliRunner

import assistant.cli.triage_cmds  # noqa: F401  (registers the verbs)
from assistant.cli import app
from assistant.settings import get_settings
from assistant.triage import run_triage
from assistant.triage.extract import extract_facts
from assistant.triage.extract.llm import (MAX_MODEL_FAILURES, PROMPT, LLMExtractor, ReplyError, make_extractor,
                                          parse_reply, render_prompt)
from assistant.triage.progress import ResumeMismatch, sidecar_path

from triage_claimfiles import GOOD

runner = CliRunner()
TEXT = "2023年5月3日在外卖平台点的麻辣烫，平台没有审核许可证，我吃完食物中毒住院。"

FIELD_LINES = """\
- platform_role（平台角色）: marketplace=第三方平台（商品由平台内经营者销售） / self_operated=平台自营 / misleading_self_operated=非自营，但平台标识使消费者误以为是自营
- category（商品或服务类别）: food=食品 / catering=餐饮服务 / drug=药品 / medical_device=医疗器械 / cosmetics=化妆品 / transport=交通运输服务 / lodging=住宿服务 / other_goods=其他商品 / other_service=其他服务
- life_health（是否关系消费者生命健康）: true / false
- harm（消费者损害）: personal_injury=人身损害 / property_loss=财产损失 / none=无损害
- causation（平台违反义务与损害之间的因果关系）: true / false
- knew_or_should_have_known（平台是否知道或者应当知道商品或服务不符合安全要求）: true / false
- necessary_measures_taken（平台知道后是否采取必要措施）: true / false
- qualification_review_done（平台是否审核平台内经营者的资质资格）: true / false
- safety_duty_done（平台是否履行对消费者的安全保障义务）: true / false
- merchant_identity_provided（平台能否提供平台内经营者的真实名称、地址和有效联系方式）: true / false
- advance_compensation_promised（平台是否作出先行赔付等承诺）: true / false
- merchant_fault（平台内经营者的主观状态）: intentional=故意 / negligent=过失
- platform_contribution（平台违反义务的原因力）: major=较大（主要原因） / minor=较小（次要原因）
- consumer_prima_facie_evidence（消费者是否已初步举证）: true / false
- platform_proved_compliance（平台是否已证明其尽到审核与安全保障义务）: true / false
- force_majeure（损害是否由不可抗力造成）: true / false
- complaint_delay_expanded_damage（平台未及时处理投诉是否导致损害扩大）: true / false
- live_streaming（是否在网络直播间销售）: true / false"""


def reply(facts: dict[str, Any], evidence: dict[str, str]) -> str:
    """A model reply in the shape the prompt asks for."""
    return json.dumps({"facts": facts, "evidence": evidence}, ensure_ascii=False)


GOOD_REPLY = reply({"category": "catering", "qualification_review_done": False, "harm": "personal_injury",
                    "causation": True},
                   {"category": "外卖平台", "qualification_review_done": "平台没有审核许可证", "harm": "食物中毒住院",
                    "causation": "我吃完食物中毒"})


class BrokenModel(BaseChatModel):
    """A chat model whose endpoint is down: every call raises (and is counted)."""

    calls: int = 0

    @property
    def _llm_type(self) -> str:
        return "broken"

    def _generate(self, messages: Any, stop: Any = None, run_manager: Any = None, **kwargs: Any) -> Any:
        self.calls += 1
        raise ConnectionError("endpoint unreachable")


def fake(*replies: str) -> GenericFakeChatModel:
    """langchain-core's fake chat model answering ``replies`` in order."""
    return GenericFakeChatModel(messages=iter([AIMessage(content=r) for r in replies]))


def llm_extractor(model: Any):
    """The extractor the settings give for an injected chat model."""
    return make_extractor(get_settings(chat_model=model))


# --- the prompt ------------------------------------------------------------------------------------------------

def test_prompt_renders_exactly_from_the_versioned_file() -> None:
    narrative = "我在直播间花了$50买了面膜，脸过敏了。"
    template = PROMPT.read_text(encoding="utf-8")
    assert PROMPT.name == "extract.v1.txt" and template.count("$fields") == 1 and template.count("$narrative") == 1
    expected = template.replace("$fields", FIELD_LINES).replace("$narrative", narrative)
    assert render_prompt(narrative) == expected
    assert "event_date" not in render_prompt(narrative)  # the date is never the model's to decide


# --- parse_reply (pure) ----------------------------------------------------------------------------------------

def test_parse_good_json_keeps_each_fact_with_its_quote_span() -> None:
    parsed = parse_reply(GOOD_REPLY, TEXT)
    assert parsed.facts == {"category": "catering", "qualification_review_done": False, "harm": "personal_injury",
                            "causation": True}
    start, end, quote = parsed.spans["qualification_review_done"]
    assert TEXT[start:end] == quote == "平台没有审核许可证"
    assert parsed.dropped == {}


def test_parse_json_in_a_fence_with_prose_around() -> None:
    text = f"好的，提取结果如下：\n```json\n{GOOD_REPLY}\n```\n以上事实均有原文依据。{{注}}"
    assert parse_reply(text, TEXT).facts["category"] == "catering"


@pytest.mark.parametrize("bad, message", [
    ('{"facts": {"category": "catering",}}', "invalid JSON"),
    ("我无法判断。", "no JSON object"),
    ('{"category": "catering"}', "no 'facts' object"),
    ('{"facts": ["category"]}', "no 'facts' object"),
])
def test_parse_unusable_reply_raises(bad: str, message: str) -> None:
    with pytest.raises(ReplyError, match=message):
        parse_reply(bad, TEXT)


def test_parse_unknown_field_is_dropped_and_reported() -> None:
    parsed = parse_reply(reply({"category": "catering", "platform_fault": True},
                               {"category": "外卖", "platform_fault": "平台没有审核"}), TEXT)
    assert parsed.facts == {"category": "catering"}
    assert parsed.dropped == {"platform_fault": "unknown field"}


def test_parse_invalid_enum_value_is_dropped_and_reported() -> None:
    parsed = parse_reply(reply({"harm": "serious_injury", "category": "餐饮"},
                               {"harm": "食物中毒住院", "category": "外卖"}), TEXT)
    assert parsed.facts == {"category": "catering"}  # a Chinese label of a valid value is accepted
    assert parsed.dropped["harm"].startswith("invalid value 'serious_injury'")


def test_parse_fact_whose_quote_is_not_in_the_narrative_is_dropped() -> None:
    parsed = parse_reply(reply({"live_streaming": True, "knew_or_should_have_known": True, "harm": "personal_injury"},
                               {"live_streaming": "在直播间下单", "harm": "食物中毒住院"}), TEXT)
    assert parsed.facts == {"harm": "personal_injury"}
    assert parsed.dropped["live_streaming"] == "quote not in the narrative: 「在直播间下单」"
    assert parsed.dropped["knew_or_should_have_known"] == "no quote given"


def test_parse_unknown_values_stay_unknown_and_event_date_is_refused() -> None:
    parsed = parse_reply(reply({"causation": None, "merchant_fault": "unknown", "event_date": "2023-05-04"},
                               {"merchant_fault": "麻辣烫", "event_date": "2023年5月3日"}), TEXT)
    assert parsed.facts == {}
    assert list(parsed.dropped) == ["event_date"]


# --- the extractor ---------------------------------------------------------------------------------------------

def test_template_setting_means_the_deterministic_rules() -> None:
    name, extractor = make_extractor(get_settings(llm="template"))
    assert name == "rules" and extractor is extract_facts


def test_llm_extraction_takes_event_date_from_the_rules() -> None:
    narrative = "去年5月3日在外卖平台点的麻辣烫，平台没有审核许可证，我吃完食物中毒住院。"
    model_reply = reply({"category": "catering", "causation": True},
                        {"category": "外卖平台", "causation": "我吃完食物中毒住院"})
    name, extractor = llm_extractor(fake(model_reply))
    assert name == "llm:injected:GenericFakeChatModel"
    ex = extractor(narrative, anchor=date(2024, 2, 1))
    assert ex.method == "llm"
    assert ex.facts.event_date == date(2023, 5, 3) and ex.spans["event_date"][2] == "去年5月3日"
    assert ex.facts.causation is True and ex.facts.harm is None  # the rules' harm is not mixed into the LLM's
    assert list(ex.spans) == ["event_date", "category", "causation"]  # spans in ClaimFacts field order


def test_a_failing_model_falls_back_to_the_rules_then_stops_being_called() -> None:
    model = BrokenModel()
    name, extractor = llm_extractor(model)
    results = [extractor(TEXT) for _ in range(MAX_MODEL_FAILURES + 2)]
    # the adapter's boundary (issue 11) types and redacts model errors: ModelConnectError carries the original
    assert results[0].method == "rules (llm failed: ModelConnectError: ConnectionError: endpoint unreachable)"
    assert results[0].facts == extract_facts(TEXT).facts
    assert results[-1].method.startswith(f"rules (llm skipped after {MAX_MODEL_FAILURES} failed calls")
    assert model.calls == MAX_MODEL_FAILURES  # a dead endpoint does not cost a timeout per row


def test_a_bad_reply_falls_back_for_that_row_only() -> None:
    extractor = LLMExtractor(fake("抱歉，我不能回答。", GOOD_REPLY), "llm:test")
    first, second = extractor(TEXT), extractor(TEXT)
    assert first.method == "rules (llm failed: no JSON object in the reply)"
    assert second.method == "llm" and second.facts.causation is True


# --- CLI and batch ---------------------------------------------------------------------------------------------

def test_cli_extract_with_replay_model(tmp_path: Path) -> None:
    replies = tmp_path / "replies.jsonl"
    bad = reply({"category": "catering", "live_streaming": True}, {"category": "外卖", "live_streaming": "直播"})
    replies.write_text(json.dumps(bad, ensure_ascii=False) + "\n", encoding="utf-8")
    res = runner.invoke(app, ["extract", "-", "--spans", "--llm", f"replay:{replies}"], input=TEXT.encode())
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert out["method"] == "llm" and out["facts"]["category"] == "catering"
    assert out["facts"]["live_streaming"] is None and "live_streaming" in out["dropped"]
    assert out["facts"]["qualification_review_done"] is None  # the model did not say it; rules are not mixed in
    assert out["spans"]["category"] == {"start": 10, "end": 12, "text": "外卖"}
    assert "dropped live_streaming" in res.stderr


def test_cli_rejects_an_unusable_llm_setting() -> None:
    res = runner.invoke(app, ["extract", "-", "--llm", "gpt4"], input=TEXT.encode())
    assert res.exit_code == 2 and "--llm" in res.stderr


def _claims(tmp_path: Path) -> Path:
    src = tmp_path / "claims.jsonl"
    rows = [{"id": i, "narrative": t} for i, t in GOOD[:3]] + [{"id": "C9", "narrative": ""}]
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return src


def test_triage_with_injected_fake_model_marks_llm_facts(tmp_path: Path) -> None:
    c1, c2, c3 = (t for _, t in GOOD[:3])
    replies = [
        reply({"category": "catering", "causation": True}, {"category": "外卖", "causation": "我吃完食物中毒住院"}),
        "not json",
        reply({"platform_role": "self_operated", "harm": "personal_injury"},
              {"platform_role": "京东自营", "harm": "腹泻住院"}),
    ]
    name, extractor = llm_extractor(fake(*replies))
    out = tmp_path / "out.jsonl"
    summary = run_triage(_claims(tmp_path), out, progress=False, extractor=extractor, extractor_name=name)
    assert summary.failed == 1 and summary.exit_status == 1  # only the empty narrative; no model call for it
    recs = {r["id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert recs["C1"]["causation"] is True and extract_facts(c1).facts.causation is None
    assert "causation=text(llm)" in recs["C1"]["fact_sources"]
    assert "event_date=text;" in recs["C1"]["fact_sources"]  # the LLM row's date is parsed by the rules
    assert "category=text(rules, llm failed)" in recs["C2"]["fact_sources"]
    assert "extractor=rules (llm failed: no JSON object in the reply)" in recs["C2"]["fact_sources"]
    assert recs["C2"]["category"] == extract_facts(c2).facts.category
    assert recs["C3"]["platform_role"] == "self_operated" and "京东自营" in recs["C3"]["evidence"]
    assert recs["C9"]["error"]


def test_triage_completes_when_the_model_raises(tmp_path: Path) -> None:
    name, extractor = llm_extractor(BrokenModel())
    out = tmp_path / "out.jsonl"
    summary = run_triage(_claims(tmp_path), out, progress=False, extractor=extractor, extractor_name=name)
    rules_out = tmp_path / "rules.jsonl"
    run_triage(_claims(tmp_path), rules_out, progress=False)
    recs = list(map(json.loads, out.read_text(encoding="utf-8").splitlines()))
    plain = list(map(json.loads, rules_out.read_text(encoding="utf-8").splitlines()))
    assert summary.total == 4 and summary.failed == 1
    assert [r["liability_form"] for r in recs] == [r["liability_form"] for r in plain]
    assert all("llm failed: ModelConnectError: ConnectionError" in r["fact_sources"] for r in recs if not r["error"])


def test_cli_triage_with_llm_replay(tmp_path: Path) -> None:
    replies = tmp_path / "replies.jsonl"
    answers = [reply({"causation": True}, {"causation": "我吃完食物中毒住院"})] * 3
    replies.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in answers), encoding="utf-8")
    out = tmp_path / "out.csv"
    res = runner.invoke(app, ["triage", str(_claims(tmp_path)), "-o", str(out), "--no-progress",
                              "--llm", f"replay:{replies}"])
    assert res.exit_code == 1, res.output  # the empty narrative
    assert "extractor: llm:replay:" in res.stderr
    table = out.read_text(encoding="utf-8-sig")
    assert "causation=text(llm)" in table  # C1's quote is found
    assert "causation (quote not in the narrative" in table  # C2 and C3 do not contain it


def test_resume_refuses_a_progress_file_of_another_extractor(tmp_path: Path) -> None:
    src = _claims(tmp_path)
    out = tmp_path / "out.jsonl"

    def stop(done: int, record: dict) -> None:
        if done == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_triage(src, out, progress=False, on_row=stop)  # rules
    assert sidecar_path(out).exists()
    name, extractor = llm_extractor(fake(GOOD_REPLY))
    with pytest.raises(ResumeMismatch, match="extractor 'rules', not 'llm:injected:GenericFakeChatModel'"):
        run_triage(src, out, progress=False, resume=True, extractor=extractor, extractor_name=name)
    replies = tmp_path / "replies.jsonl"
    replies.write_text(json.dumps(GOOD_REPLY, ensure_ascii=False) + "\n", encoding="utf-8")
    res = runner.invoke(app, ["triage", str(src), "-o", str(out), "--resume", "--no-progress", "--llm",
                              f"replay:{replies}"])
    assert res.exit_code == 2 and "extractor 'rules', not 'llm:replay:" in res.stderr
    assert len(sidecar_path(out).read_text(encoding="utf-8").splitlines()) == 3  # header + the 2 finished rows kept
