"""The memos suite: memos are scored against their verdict; replayed outputs are scored the same way."""

from __future__ import annotations

import json

import pytest

from assistant.settings import Settings
from evals.goldens import load_verdict_goldens
from evals.suites import memos

BY_NAME = {g.name: g for g in load_verdict_goldens()}
SUPP = BY_NAME["spec6_2_drug_monitoring_failed_minor_burden_shifted"]
PROP = BY_NAME["drug_monitoring_failed_major_contribution_proportional"]


@pytest.fixture()
def settings(tmp_path):
    return Settings.for_preset("test", data_dir=tmp_path / "data")


def _template_memo(golden, settings):
    from assistant.drafting import draft_memo

    return draft_memo(golden.facts, settings=settings, doctrine=golden.doctrine).markdown


def test_template_memos_state_the_verdict(settings):
    result = memos.run(settings, goldens=[SUPP, PROP])
    for item in result["items"]:
        assert item["conclusion_vs_verdict"] == {"liability_form": True, "imputation": True, "burden_of_proof": True}
        assert item["sections_present"] == 1.0
        assert item["citation_recall"] == 1.0
        assert item["guard_findings"] == {}
    assert result["items"][0]["stated"]["liability_form"] == "supplementary"


def test_replayed_memos_are_scored_in_golden_order(settings, tmp_path):
    replies = tmp_path / "replies.jsonl"
    replies.write_text("\n".join(json.dumps({"content": _template_memo(g, settings)}, ensure_ascii=False)
                                 for g in (SUPP, PROP)), encoding="utf-8")
    result = memos.run(settings, llm=f"replay:{replies}", goldens=[SUPP, PROP])
    assert result["metrics"]["drafter"] == f"replay:{replies}"
    assert [it["stated"]["liability_form"] for it in result["items"]] == ["supplementary", "proportional"]
    assert result["metrics"]["conclusion_all_three"] == 1.0


def test_a_replayed_memo_with_the_wrong_conclusion_is_caught(settings, tmp_path):
    replies = tmp_path / "wrong.jsonl"
    replies.write_text(json.dumps({"content": _template_memo(PROP, settings)}, ensure_ascii=False), encoding="utf-8")
    result = memos.run(settings, llm=f"replay:{replies}", goldens=[SUPP])
    (item,) = result["items"]
    assert item["stated"]["liability_form"] == "proportional"
    assert item["conclusion_vs_verdict"]["liability_form"] is False
    assert not item["guard_ok"] and item["needs_review"] and not item["ok"]
    assert item["guard_findings"]["conclusion_mismatches"]  # the report says why the guard failed it


def test_provision_matching_is_hierarchy_aware():
    assert memos.same_provision("ECL-38", "ECL-38-2") and memos.same_provision("ECL-38-2", "ECL-38")
    assert not memos.same_provision("ECL-38-2", "ECL-38-1")
    prf = memos.provision_prf(["ECL-38-2", "QIN-5.4.2"], ["ECL-38-2", "CC-1198-2"])
    assert prf == {"precision": 0.5, "recall": 0.5, "f1": 0.5}


def test_replies_keyed_by_golden_are_scored_one_to_one(settings, tmp_path):
    """A guard failure's repair takes no other golden's reply when each reply carries its golden's id."""
    bad = _template_memo(PROP, settings)  # the wrong matter's memo for SUPP: the guard fails it, a repair is asked
    replies = tmp_path / "keyed.jsonl"
    replies.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in [
        {"id": PROP.name, "content": _template_memo(PROP, settings)},  # order in the file does not matter
        {"id": SUPP.name, "content": bad}]), encoding="utf-8")
    result = memos.run(settings, llm=f"replay:{replies}", goldens=[SUPP, PROP])
    supp, prop = result["items"]
    assert supp["conclusion_vs_verdict"]["liability_form"] is False and supp["needs_review"]  # no reply left to repair
    assert all(prop["conclusion_vs_verdict"].values()) and prop["stated"]["liability_form"] == "proportional"
    assert "replay_warning" not in result["metrics"]


def test_a_keyed_file_without_a_goldens_reply_reports_that_golden(settings, tmp_path):
    replies = tmp_path / "keyed.json"
    replies.write_text(json.dumps([{"id": PROP.name, "content": _template_memo(PROP, settings)}], ensure_ascii=False),
                       encoding="utf-8")
    supp, prop = memos.run(settings, llm=f"replay:{replies}", goldens=[SUPP, PROP])["items"]
    assert SUPP.name in supp["error"] and not supp["ok"]
    assert all(prop["conclusion_vs_verdict"].values())


def test_sequential_replies_out_of_line_are_warned_about(settings, tmp_path):
    """Unkeyed replies: the repair after a guard failure takes the next golden's reply; the metrics say so."""
    replies = tmp_path / "seq.jsonl"
    replies.write_text("\n".join(json.dumps({"content": _template_memo(g, settings)}, ensure_ascii=False)
                                 for g in (PROP, PROP)), encoding="utf-8")  # SUPP gets PROP's memo: a repair follows
    result = memos.run(settings, llm=f"replay:{replies}", goldens=[SUPP, PROP])
    assert result["items"][1].get("error")  # PROP's reply went to SUPP's repair: nothing left for PROP
    assert "2 replies" in result["metrics"]["replay_warning"] and "id" in result["metrics"]["replay_warning"]
