"""Citation extraction: every form the guard must find, with its span and candidate id (pure, no corpus)."""

from __future__ import annotations

import pytest

from assistant.guard.citations import extract_citations, normalise_case_number


def ids(text: str, **kwargs) -> list[str | None]:
    return [c.id for c in extract_citations(text, **kwargs)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("《中华人民共和国电子商务法》第三十八条第二款", ["ECL-38-2"]),
        ("《电子商务法》第38条第2款", ["ECL-38-2"]),
        ("依照电子商务法第三十八条，平台应当", ["ECL-38"]),
        ("民法典第一千一百九十八条第二款", ["CC-1198-2"]),
        ("《民法典》第1198条第2款", ["CC-1198-2"]),
        ("《电子商务法》第三十八条第二款第（一）项", ["ECL-38-2-1"]),
        ("《电子商务法》第三十八条第二款第一项", ["ECL-38-2-1"]),
        ("《消费者权益保护法》第四十四条第一款", ["CPL-44-1"]),
        ("《网络消费纠纷规定（一）》第十八条", ["SPC-OC-18"]),
        ("《最高人民法院关于审理网络消费纠纷案件适用法律若干问题的规定（一）》第四条第二款", ["SPC-OC-4-2"]),
        ("《最高人民法院关于适用〈中华人民共和国民法典〉侵权责任编的解释（一）》第二十五条", ["SPC-TI1-25"]),
        ("《最高人民法院关于适用《中华人民共和国民法典》侵权责任编的解释（一）》第二十五条", ["SPC-TI1-25"]),
        ("电商法第38条", ["ECL-38"]),
        ("消法第四十四条", ["CPL-44"]),
        ("消保法第四十四条第二款", ["CPL-44-2"]),
        ("食安法第一百三十一条第一款", ["FSL-131-1"]),
        ("《侵权责任法》第三十七条", ["TLL-37"]),
        ("产品质量法第四十三条", ["PQL-43"]),
        ("药品管理法第一百四十四条", ["DAL-144"]),
    ],
)
def test_single_statute_citations(text, expected):
    assert ids(text) == expected


def test_first_use_with_short_name_is_one_citation():
    found = extract_citations("《中华人民共和国电子商务法》（以下简称《电子商务法》）第三十八条第二款规定")
    assert [c.id for c in found] == ["ECL-38-2"]
    assert found[0].text == "《中华人民共和国电子商务法》（以下简称《电子商务法》）第三十八条第二款"


def test_list_after_named_law_belongs_to_that_law():
    assert ids("《民法典》第一千一百六十八条、第一千一百七十二条均可适用") == ["CC-1168", "CC-1172"]


def test_paragraph_and_item_lists():
    assert ids("《电子商务法》第三十八条第一款和第二款") == ["ECL-38-1", "ECL-38-2"]
    assert ids("《食品安全法》第一百三十一条第一款及第二款") == ["FSL-131-1", "FSL-131-2"]
    assert ids("《电子商务法》第三十八条第二款第（一）项、第（二）项") == ["ECL-38-2-1", "ECL-38-2-2"]


def test_range_is_expanded():
    assert ids("《侵权责任法》第四十一条至第四十三条") == ["TLL-41", "TLL-42", "TLL-43"]


def test_bare_article_in_same_sentence_takes_the_named_law():
    assert ids("根据《民法典》的规定，第一千一百七十二条适用于本案") == ["CC", "CC-1172"]
    found = extract_citations("《消费者权益保护法》第四十条和《民法典》中的规定，以及第一千二百零三条第二款")
    assert [c.id for c in found if c.kind == "statute"] == ["CPL-40", "CC-1203-2"]


def test_anaphora_refers_to_last_named_law():
    assert ids("《电子商务法》第三十八条。本法第三十九条另有规定") == ["ECL-38", "ECL-39"]
    assert ids("《中华人民共和国侵权责任法》已废止，但该法第十二条曾规定") == ["TLL", "TLL-12"]
    assert ids("《电子商务法》第三十八条第二款规定了相应的责任，该条第一款规定了连带责任") == ["ECL-38-2", "ECL-38-1"]


def test_article_without_any_law_is_unresolvable():
    found = extract_citations("第一千一百七十三条规定了与有过失")
    assert len(found) == 1 and found[0].id is None and "未写明法律名称" in found[0].reason


@pytest.mark.parametrize("text", ["《中华人民共和国合同法》第一百零七条", "依据合同法第一百零七条", "《广告法》第五十六条"])
def test_laws_outside_the_corpus_are_kept_with_no_id(text):
    found = extract_citations(text)
    assert len(found) == 1
    assert found[0].id is None and "不在语料库中" in found[0].reason


@pytest.mark.parametrize("text, repealed", [("《中华人民共和国合同法》第一百零七条", True), ("依据合同法第一百零七条", True),
                                            ("《物权法》", True), ("《广告法》第五十六条", False),
                                            ("依劳动合同法第三十条", False)])
def test_laws_the_civil_code_repealed_say_so(text, repealed):
    """合同法 in a 2023 memo is a repealed law, not just one the corpus lacks: the reason says when it ended."""
    reason = extract_citations(text)[0].reason
    assert ("2021年1月1日民法典施行时废止" in reason) is repealed, reason


def test_unknown_law_mention_without_article_is_kept():
    found = extract_citations("平台推广行为亦受《广告法》约束")
    assert [(c.kind, c.id) for c in found] == [("instrument", None)]


def test_labour_contract_law_is_not_read_as_contract_law():
    found = extract_citations("依劳动合同法第三十条")
    assert [c.law for c in found] == ["劳动合同法"]


def test_known_law_mention_is_an_instrument_not_a_provision():
    assert [(c.kind, c.id) for c in extract_citations("事件时《电子商务法》尚未施行")] == [("instrument", "ECL")]


def test_citation_keys_map_through_the_key_table():
    found = extract_citations("见[S1]与[S2, S9]及【S3】", key_table={"S1": "ECL-38-2", "S3": "CC-1198-2"})
    assert [(c.extra["key"], c.id) for c in found] == [("S1", "ECL-38-2"), ("S2", None), ("S9", None), ("S3", "CC-1198-2")]
    assert "引注键表中没有该键" in found[1].reason


def test_keys_without_a_table_are_unresolved():
    found = extract_citations("见[S1]")
    assert found[0].id is None and "未提供引注键表" in found[0].reason


@pytest.mark.parametrize(
    "text, expected",
    [
        ("覃玉娟（2025）第5.4.2节认为", "QIN-5.4.2"),
        ("见QIN-5.4.2", "QIN-5.4.2"),
        ("QIN §3.2.2", "QIN-3.2.2"),
        ("覃玉娟《电商平台安全保障义务“相应责任”规制研究》第5.4.2部分", "QIN-5.4.2"),
        ("学说建议（覃玉娟2025），非现行法", "QIN"),
        ("《电商平台安全保障义务“相应责任”规制研究》一文", "QIN"),
    ],
)
def test_seed_article_references(text, expected):
    assert ids(text) == [expected]


def test_seed_article_section_lists():
    assert ids("覃玉娟文第3.2.2部分、第4.1.2部分") == ["QIN-3.2.2", "QIN-4.1.2"]


@pytest.mark.parametrize(
    "text, number",
    [
        ("参见（2020）京0105民初12345号判决", "（2020）京0105民初12345号"),
        ("参见(2020)京0105民初12345号判决", "（2020）京0105民初12345号"),
        ("(2015)三中民(商)终字第05302号", "（2015）三中民（商）终字第05302号"),
        ("（2021）最高法民申5678号", "（2021）最高法民申5678号"),
        ("〔2020〕京0105民初12345号", "（2020）京0105民初12345号"),
    ],
)
def test_case_numbers_in_either_bracket_width(text, number):
    found = extract_citations(text)
    assert [(c.kind, c.id) for c in found] == [("case", number)]


def test_provision_ids_written_out():
    assert ids("ECL-38-2 与 [CC-1198-2]") == ["ECL-38-2", "CC-1198-2"]


def test_spans_point_at_the_raw_text():
    text = "依据《电子商务法》第38条第2款与民法典第一千四百三十八条。"
    for c in extract_citations(text):
        assert text[c.start:c.end] == c.text
    assert ids(text) == ["ECL-38-2", "CC-1438"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("承继了原《侵权责任法》第三十七条第二款", "TLL-37-2"),
        ("《侵权责任法》第三十七条第二款（已废止）", "TLL-37-2"),
        ("该款没有追偿规定（《民法典》第一千一百九十八条第二款始增设）", "CC-1198-2"),
        ("《电子商务法》尚未施行，不适用第三十八条", "ECL-38"),
        ("事件时不适用《电子商务法》第三十八条第二款", "ECL-38-2"),
    ],
)
def test_references_named_only_as_not_applying_are_marked(text, expected):
    found = [c for c in extract_citations(text) if c.kind == "statute"]
    assert [(c.id, c.not_applied) for c in found] == [(expected, True)]


@pytest.mark.parametrize("text", ["依《侵权责任法》第三十七条第二款", "依《民法典》第一千一百九十八条第二款，平台可追偿",
                                  "适用《电子商务法》第三十八条第二款"])
def test_applied_references_are_not_marked(text):
    assert [c.not_applied for c in extract_citations(text)] == [False]


def test_citations_inside_quotation_marks_are_found():
    assert ids("学者指出「《民事诉讼法》第六十七条」与“《产品质量法》第四十三条”") == ["CPROC-67", "PQL-43"]


def test_normalise_case_number():
    assert normalise_case_number(" (2020)京0105民初12345号 ") == "（2020）京0105民初12345号"


def test_document_numbers_of_interpretations_are_not_case_numbers():
    found = extract_citations("《网络消费纠纷规定（一）》（法释〔2022〕8号）第四条；另见法释〔2022〕18号")
    assert [(c.kind, c.id) for c in found] == [("instrument", "SPC-OC"), ("statute", "SPC-OC-4")]


def test_full_width_digits():
    assert ids("《民法典》第１１９８条第２款") == ["CC-1198-2"]
