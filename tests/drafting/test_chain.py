"""The chain with a model: guard, one repair with the guard's findings, 需复核 when the repair fails too.

Models are injected through the settings only: ``settings.llm = "replay:FILE"`` or ``settings.chat_model``.
"""

from __future__ import annotations

import pytest
from langchain_core.language_models import GenericFakeChatModel
from langchain_core.messages import AIMessage

from assistant.drafting import DraftingError, ReplayChatModel, draft_memo
from assistant.guard import MARK
from assistant.settings import Settings

EXAMPLE = "drug_minor_contribution"  # supplementary, presumed fault, burden on the platform (proposal), 2023


@pytest.fixture
def clean_memo(examples, settings) -> str:
    """A memo that passes the guard for EXAMPLE (the template's), standing in for a good model reply."""
    result = draft_memo(examples(EXAMPLE), settings=settings)
    assert result.report.ok, result.report.to_text()
    return result.markdown


def _insert(memo: str, sentence: str) -> str:
    """Add a sentence at the start of 法律分析's body."""
    head, sep, rest = memo.partition("## 四、法律分析\n\n")
    assert sep
    return f"{head}{sep}{sentence}\n\n{rest}"


DEFECTS = {
    "invented_article": (lambda m: _insert(m, "依《民法典》第一千四百三十八条，平台应承担责任。"),
                         "unresolved", "第一千四百三十八条"),
    "repealed_law_2023": (lambda m: _insert(m, "依《合同法》第一百零七条，平台应承担违约责任。"),
                          None, "合同法"),
    "wrong_form": (lambda m: m.replace("责任形态：补充责任", "责任形态：连带责任", 1),
                   "conclusion_mismatches", "连带责任"),
    "missing_burden": (lambda m: m.replace("举证责任：平台（举证责任倒置）\n", "", 1),
                       "conclusion_mismatches", None),
    "unknown_case_number": (lambda m: _insert(m, "参见（2021）京0105民初99999号判决。"),
                            "unresolved", "（2021）京0105民初99999号"),
}


def _replay_settings(settings: Settings, path) -> Settings:
    return settings.model_copy(update={"llm": f"replay:{path}"})


@pytest.mark.parametrize("defect", sorted(DEFECTS))
def test_defect_is_caught_and_memo_marked_after_one_repair(defect, clean_memo, examples, settings, replay_file):
    """The defect survives the repair attempt: the memo is kept whole, highlighted and marked 需复核."""
    corrupt, category, marker = DEFECTS[defect]
    bad = corrupt(clean_memo)
    assert bad != clean_memo
    path = replay_file(bad, bad)
    result = draft_memo(examples(EXAMPLE), settings=_replay_settings(settings, path))
    assert result.drafter == "replay"
    assert not result.report.ok and result.needs_review
    assert [a["kind"] for a in result.attempts] == ["draft", "repair"]
    assert not result.attempts[0]["guard"]["ok"] and not result.attempts[1]["guard"]["ok"]
    findings = result.report.findings if category is None else getattr(result.report, category)
    assert findings, result.report.to_text()
    if marker:
        assert any(marker in (f.text or "") + f.reason for f in findings)
        assert marker in result.markdown  # never stripped
    else:
        assert any(f.field == "burden_of_proof" for f in findings)
    assert "需复核" in result.markdown.splitlines()[2] and MARK in result.markdown
    assert result.receipt["needs_review"] is True and result.receipt["guard"]["ok"] is False


def test_repair_that_fixes_the_memo_passes(clean_memo, examples, settings, replay_file):
    """First reply wrong (连带 for 补充), repair reply right: the repaired memo is shown, not marked."""
    bad = DEFECTS["wrong_form"][0](clean_memo)
    result = draft_memo(examples(EXAMPLE), settings=_replay_settings(settings, replay_file(bad, clean_memo)))
    assert result.report.ok and not result.needs_review
    assert result.markdown == clean_memo
    assert result.attempts[0]["guard"]["conclusion_mismatches"] and result.attempts[1]["guard"]["ok"]


def test_repair_prompt_carries_the_guard_findings(clean_memo, examples, settings, replay_file):
    """The second call gets the repair prompt: the findings, the keys and the first draft."""
    bad = DEFECTS["invented_article"][0](clean_memo)
    model = ReplayChatModel.from_file(replay_file(bad, clean_memo))
    result = draft_memo(examples(EXAMPLE), settings=settings.model_copy(update={"chat_model": model}))
    assert result.drafter == "injected" and result.report.ok
    assert model.calls == 2
    first, second = model.received
    assert len(first) == 2 and "[S1]" in first[1]
    repair = second[-1]
    assert "未通过引证与结论核查" in repair and "CC-1438" in repair and "第一千四百三十八条" in repair
    assert "[S1]" in repair


def test_fake_chat_model_in_settings_wins_over_llm(clean_memo, examples, settings):
    """settings.chat_model (langchain-core's GenericFakeChatModel) is used even when llm says template."""
    reply = clean_memo.replace("本备忘录需回答", "（模型起草）本备忘录需回答", 1)
    fake = GenericFakeChatModel(messages=iter([AIMessage(content=reply)]))
    result = draft_memo(examples(EXAMPLE), settings=settings.model_copy(update={"chat_model": fake}))
    assert result.drafter == "injected" and result.model == "GenericFakeChatModel"
    assert "（模型起草）" in result.markdown and result.report.ok
    assert result.receipt["drafter"] == "injected"


def test_citation_keys_resolve_through_the_key_table(clean_memo, examples, settings, replay_file):
    """[S1] resolves through the key table; an unknown key [S99] is flagged, and kept in the memo."""
    memo = _insert(clean_memo, "平台应承担相应的责任[S1]，另见[S99]。")
    result = draft_memo(examples(EXAMPLE), settings=_replay_settings(settings, replay_file(memo, memo)))
    assert result.needs_review
    texts = [f.text for f in result.report.unresolved]
    assert any("S99" in (t or "") for t in texts) and not any("S1]" in (t or "") and "S99" not in t for t in texts)
    assert "[S99]" in result.markdown


def test_missing_sections_fail_and_are_named(examples, settings, replay_file):
    """A reply lacking sections is marked 需复核 with the missing section names, after one repair."""
    partial = "# 备忘录\n\n## 一、问题\n\n问题。\n\n## 二、简要结论\n\n责任形态：补充责任\n"
    result = draft_memo(examples(EXAMPLE), settings=_replay_settings(settings, replay_file(partial, partial)))
    assert result.needs_review and "法律分析" in result.missing_sections
    assert "缺少以下部分" in result.markdown


def test_exhausted_replay_keeps_first_draft_marked(clean_memo, examples, settings, replay_file):
    """The repair call fails (no reply left): the first draft is kept, marked, and the receipt says why."""
    bad = DEFECTS["wrong_form"][0](clean_memo)
    result = draft_memo(examples(EXAMPLE), settings=_replay_settings(settings, replay_file(bad)))
    assert result.needs_review and "责任形态：连带责任" in result.markdown
    assert "error" in result.attempts[1] and "holds 1 replies" in result.attempts[1]["error"]


def test_model_failing_on_first_call_is_a_drafting_error(examples, settings, replay_file):
    """No reply at all: a DraftingError, not an empty memo."""
    path = replay_file(name="empty.jsonl")
    with pytest.raises(DraftingError, match="holds 0 replies"):
        draft_memo(examples(EXAMPLE), settings=_replay_settings(settings, path))


# --- issue 11: the repair gets the same full guard; the model boundary is timed and redacted --------------------
class _ScriptedModel(ReplayChatModel):
    """Replays replies; a reply that is an Exception is raised instead, a float is slept first (seconds)."""

    script: list = []

    def _generate(self, messages, stop=None, run_manager=None, **kwargs):
        import time as _time

        step = self.script[min(self.calls, len(self.script) - 1)] if self.script else None
        if isinstance(step, float):
            _time.sleep(step)
        if isinstance(step, Exception):
            self._calls += 1
            raise step
        return super()._generate(messages, stop, run_manager, **kwargs)


def test_repair_is_judged_by_the_same_full_guard(clean_memo, examples, settings, replay_file):
    """The repaired memo's report is exactly the guard's report on it (same verdict, allowed set, key table),
    and the memo passes only if that report is ok: a caught first draft lends the repair nothing."""
    from assistant.drafting.chain import guard

    first = DEFECTS["invented_article"][0](clean_memo)
    worse = DEFECTS["wrong_form"][0](clean_memo)
    result = draft_memo(examples(EXAMPLE), settings=_replay_settings(settings, replay_file(first, worse)))
    direct = guard(result.context, worse)
    assert result.attempts[1]["guard"] == direct.to_json() and result.report.to_json() == direct.to_json()
    assert not direct.ok and result.needs_review and result.receipt["guard"]["ok"] is False
    assert "经一次修改后" in result.markdown


def test_model_error_is_redacted_everywhere(clean_memo, examples, settings):
    """A model error quoting the API key: the DraftingError (CLI, screen, store) and the receipt's attempt error
    carry the status but not the key, and no exception in the chain quotes it."""
    from pydantic import SecretStr

    key = "sk-chain-test-0123456789"
    s = settings.model_copy(update={"openai_api_key": SecretStr(key)})
    failing = _ScriptedModel(replies=[], script=[RuntimeError(f"Error code: 500 - bad key {key}")])
    with pytest.raises(DraftingError) as info:
        draft_memo(examples(EXAMPLE), settings=s.model_copy(update={"chat_model": failing}))
    cur, seen = info.value, 0
    while cur is not None:
        assert key not in str(cur)
        cur, seen = cur.__cause__ or cur.__context__, seen + 1
    assert seen == 2 and "500" in str(info.value)
    bad = DEFECTS["wrong_form"][0](clean_memo)
    repair_fails = _ScriptedModel(replies=[bad], script=[None, RuntimeError(f"Authorization: Bearer {key}")])
    result = draft_memo(examples(EXAMPLE), settings=s.model_copy(update={"chat_model": repair_fails}))
    assert result.needs_review and key not in str(result.receipt) and "[已隐去]" in result.attempts[1]["error"]


def test_slow_model_is_abandoned_at_the_timeout(clean_memo, examples, settings):
    """A model slower than LEXMEMO_LLM_TIMEOUT_S: a DraftingError caused by a timeout, at the deadline."""
    from assistant.drafting.boundary import ModelTimeoutError

    slow = _ScriptedModel(replies=[clean_memo], script=[3.0])
    s = settings.model_copy(update={"chat_model": slow, "llm_timeout_s": 0.4})
    with pytest.raises(DraftingError, match="total deadline of 0.4 s") as info:
        draft_memo(examples(EXAMPLE), settings=s)
    assert isinstance(info.value.__cause__, ModelTimeoutError) and info.value.__cause__.elapsed_s < 0.8


def test_model_attempts_record_their_duration(clean_memo, examples, settings, replay_file):
    """Each model attempt in the receipt says how long the call took."""
    bad = DEFECTS["wrong_form"][0](clean_memo)
    result = draft_memo(examples(EXAMPLE), settings=_replay_settings(settings, replay_file(bad, clean_memo)))
    assert all(isinstance(a["seconds"], float) and a["seconds"] >= 0 for a in result.attempts)
