"""The guard over national laws (issue 19): a citation of any national law resolves, and the guard tells "does not
exist" (unresolved) from "outside this memo's authorities" (unlisted) from "not in force on the date" (out_of_force)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from assistant.core import classify
from assistant.corpus import Corpus
from assistant.corpus.lookup import citation_to_id
from assistant.guard.check import check_memo

EXAMPLE = Path(__file__).resolve().parents[2] / "examples/claims/drug_minor_contribution.json"
TODAY = date(2026, 12, 4)


@pytest.fixture(scope="module")
def verdict():
    """A real verdict (its citations are the memo's authorities)."""
    return classify(json.loads(EXAMPLE.read_text(encoding="utf-8")))


def _findings(corpus: Corpus, verdict, sentence: str, on: date, allowed: set[str] | None = None) -> dict[str, set]:
    memo = f"## 法律分析\n{sentence}\n"
    report = check_memo(memo, verdict, event_date=on, corpus=corpus, allowed_ids=allowed)
    out: dict[str, set] = {}
    for f in report.findings:
        if f.id:
            out.setdefault(f.id, set()).add(f.category)
    return out


@pytest.mark.parametrize("cite", ["《中华人民共和国旅游法》第七十条", "《广告法》第五十六条第二款", "《个人信息保护法》第六十九条"])
def test_a_national_law_outside_the_authorities_is_unlisted_not_unresolved(corpus: Corpus, verdict, cite: str) -> None:
    pid = citation_to_id(corpus, cite.replace("中华人民共和国", ""), TODAY)
    found = _findings(corpus, verdict, f"依据{cite}，经营者应当承担责任。", TODAY)
    assert found.get(pid) == {"unlisted"}, found


def test_a_listed_national_law_passes(corpus: Corpus, verdict) -> None:
    pid = citation_to_id(corpus, "旅游法第七十条", TODAY)
    found = _findings(corpus, verdict, "依据《旅游法》第七十条，旅行社应当承担责任。", TODAY, allowed={pid})
    assert pid not in found


def test_an_article_the_law_does_not_have_is_unresolved(corpus: Corpus, verdict) -> None:
    found = _findings(corpus, verdict, "依据《旅游法》第九百条，旅行社应当承担责任。", TODAY)
    assert [cats for pid, cats in found.items() if pid.endswith("-900")] == [{"unresolved"}]
    report = check_memo("## 法律分析\n依据《旅游法》第九百条。\n", verdict, event_date=TODAY, corpus=corpus)
    assert any("《旅游法》共112条" in f.reason for f in report.findings if f.category == "unresolved")


def test_a_law_not_yet_in_force_is_out_of_force(corpus: Corpus, verdict) -> None:
    pid = citation_to_id(corpus, "医疗保障法第三条", TODAY)
    found = _findings(corpus, verdict, "依据《医疗保障法》第三条，应予保障。", TODAY, allowed={pid})
    assert found.get(pid) == {"out_of_force"}


def test_trademark_law_is_read_in_the_version_of_the_event_date(corpus: Corpus, verdict) -> None:
    today = citation_to_id(corpus, "商标法第六十三条", TODAY)
    later = citation_to_id(corpus, "商标法第六十三条", date(2027, 3, 1))
    sentence = "依据《商标法》第六十三条，侵权人应当赔偿。"
    assert _findings(corpus, verdict, sentence, TODAY, allowed={today, later}) == {}
    assert _findings(corpus, verdict, sentence, date(2027, 3, 1), allowed={later}) == {}
    # the 2026 text named by its own title is out of force for a 2026 event
    found = _findings(corpus, verdict, "依据《商标法（2026年文本）》第六十三条。", TODAY, allowed={later})
    assert found.get(later) == {"out_of_force"}


@pytest.mark.parametrize("alias, full", [("个保法", "个人信息保护法"), ("道交法", "道路交通安全法"), ("网安法", "网络安全法")])
def test_common_abbreviations_resolve(corpus: Corpus, verdict, alias: str, full: str) -> None:
    pid = citation_to_id(corpus, f"{full}第十条", TODAY)
    assert citation_to_id(corpus, f"{alias}第十条", TODAY) == pid
    found = _findings(corpus, verdict, f"依据{alias}第十条，应当承担责任。", TODAY, allowed={pid})
    assert pid not in found and not any("unresolved" in c for c in found.values()), found
