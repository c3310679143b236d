"""Chinese citation forms and in-force checks on boundary dates."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.corpus import Corpus, UnknownIdError


@pytest.mark.parametrize(
    ("pid", "first", "short"),
    [
        ("ECL-38-2", "《中华人民共和国电子商务法》（以下简称《电子商务法》）第三十八条第二款", "《电子商务法》第三十八条第二款"),
        ("ECL-38", "《中华人民共和国电子商务法》（以下简称《电子商务法》）第三十八条", "《电子商务法》第三十八条"),
        ("CC-1198-2", "《中华人民共和国民法典》（以下简称《民法典》）第一千一百九十八条第二款", "《民法典》第一千一百九十八条第二款"),
        ("TLL-37-2", "《中华人民共和国侵权责任法》（以下简称《侵权责任法》）第三十七条第二款", "《侵权责任法》第三十七条第二款"),
        ("CPL-44-1", "《中华人民共和国消费者权益保护法》（以下简称《消费者权益保护法》）第四十四条第一款", "《消费者权益保护法》第四十四条第一款"),
        (
            "SPC-OC-4-2",
            "《最高人民法院关于审理网络消费纠纷案件适用法律若干问题的规定（一）》（以下简称《网络消费纠纷规定（一）》）第四条第二款",
            "《网络消费纠纷规定（一）》第四条第二款",
        ),
    ],
)
def test_statute_first_and_short_forms(corpus: Corpus, pid: str, first: str, short: str) -> None:
    assert corpus.cite(pid, first=True) == first
    assert corpus.cite(pid) == short


def test_single_paragraph_article_omits_the_paragraph(corpus: Corpus) -> None:
    assert corpus.cite("CC-1180-1") == "《民法典》第一千一百八十条"
    assert corpus.cite("SPC-OC-18-1") == corpus.cite("SPC-OC-18") == "《网络消费纠纷规定（一）》第十八条"


def test_items_render_as_di_x_xiang(corpus: Corpus) -> None:
    assert corpus.cite("ECL-76-1-3") == "《电子商务法》第七十六条第一款第三项"
    assert corpus.cite("SPC-OC-1-1-2") == "《网络消费纠纷规定（一）》第一条第二项"
    assert corpus.get("CC-28").paragraphs == 1
    assert corpus.cite("CC-28-1-2", first=True) == "《中华人民共和国民法典》（以下简称《民法典》）第二十八条第二项"


def test_seed_sections(corpus: Corpus) -> None:
    assert corpus.cite("QIN-5.4.2") == "覃玉娟《电商平台安全保障义务“相应责任”规制研究》第5.4.2部分"
    assert corpus.cite("QIN-5.4.2", first=True) == "覃玉娟《电商平台安全保障义务“相应责任”规制研究》（2025年）第5.4.2部分"


def test_cases_cite_by_case_number_or_name(corpus: Corpus) -> None:
    assert corpus.cite("shanghai-1st-int-lv-gu-unlicensed-inn") == "（2020）沪01民终5685号"
    # half-width brackets in the data are rendered full-width, as Chinese practice writes 案号
    assert corpus.cite("bj-3rd-int-jd-wangxian-jipin") == "（2015）三中民（商）终字第05302号"
    assert corpus.cite("shenzhen-int-huolala-passenger") == "（2019）粤0306民初3266号、（2020）粤03民终943号"
    assert corpus.cite("spc2023-08-waimai-malatang") == "王某与甲公司产品责任纠纷案（最高法2023年网络消费典型案例之八）"
    first = corpus.cite("shanghai-1st-int-lv-gu-unlicensed-inn", first=True)
    assert first.startswith("吕某、顾某某诉") and first.endswith("，（2020）沪01民终5685号")


def test_a_case_number_resolves_to_its_case(corpus: Corpus) -> None:
    assert corpus.get("（2020）沪01民终5685号").id == "shanghai-1st-int-lv-gu-unlicensed-inn"
    assert corpus.get("(2020)粤03民终943号").id == "shenzhen-int-huolala-passenger"
    assert corpus.get("(2019)粤0306民初3266号").id == "shenzhen-int-huolala-passenger"
    assert corpus.get("（2099）京0105民初1号") is None


def test_cite_unknown_id_raises_with_suggestions(corpus: Corpus) -> None:
    with pytest.raises(UnknownIdError) as err:
        corpus.cite("ECL-38-3")
    assert "ECL-38-2" in str(err.value)


@pytest.mark.parametrize(
    ("pid", "day", "expected"),
    [
        ("TLL-37-2", date(2010, 6, 30), False),
        ("TLL-37-2", date(2010, 7, 1), True),
        ("TLL-37-2", date(2020, 12, 31), True),
        ("TLL-37-2", date(2021, 1, 1), False),
        ("CC-1198-2", date(2020, 12, 31), False),
        ("CC-1198-2", date(2021, 1, 1), True),
        ("ECL-38-2", date(2018, 12, 31), False),
        ("ECL-38-2", date(2019, 1, 1), True),
        ("CPL-44-1", date(2014, 3, 14), False),
        ("CPL-44-1", date(2014, 3, 15), True),
        ("FSL-131-1", date(2015, 9, 30), False),
        ("FSL-131-1", date(2015, 10, 1), True),
        ("SPC-OC-4-2", date(2022, 3, 14), False),
        ("SPC-OC-4-2", date(2022, 3, 15), True),
        ("SPC-FS1-2", date(2020, 12, 31), False),
        ("SPC-FS1-2", date(2021, 1, 1), True),
        ("SPC-FD-9", date(2014, 3, 15), True),
        ("SPC-TI1-24", date(2024, 9, 26), False),
        ("SPC-TI1-24", date(2024, 9, 27), True),
        ("QIN-5.4.2", date(2000, 1, 1), True),
        ("spc2023-08-waimai-malatang", date(2000, 1, 1), True),
    ],
)
def test_in_force_boundaries(corpus: Corpus, pid: str, day: date, expected: bool) -> None:
    assert corpus.in_force(pid, day) is expected


def test_in_force_of_unknown_id_raises(corpus: Corpus) -> None:
    with pytest.raises(UnknownIdError):
        corpus.in_force("TLL-999", date(2015, 1, 1))


def test_instrument_dates_follow_the_spec(corpus: Corpus) -> None:
    expected = {
        "ECL": "2019-01-01", "CC": "2021-01-01", "TLL": "2010-07-01", "CPL": "2014-03-15", "FSL": "2015-10-01",
        "PQL": "2018-12-29", "DAL": "2019-12-01", "SPC-OC": "2022-03-15", "SPC-FD": "2014-03-15",
        "SPC-TI1": "2024-09-27", "SPC-EV": "2020-05-01", "SPC-FS1": "2021-01-01", "SPC-FDP": "2024-08-22",
        "SPC-CPI": "2022-04-10", "CPROC": "2024-01-01", "CPLR": "2024-07-01", "FSLR": "2019-12-01",
    }
    for code, day in expected.items():
        inst = corpus.instruments[code]
        assert inst.effective == date.fromisoformat(day), code
        assert inst.repealed == (date(2021, 1, 1) if code == "TLL" else None), code
        assert inst.version and inst.source["repo"] and len(inst.source["commit"]) == 40, code
    # the FSL file is the 2025 text; its numbering applies since 2015-10-01
    assert corpus.instruments["FSL"].version_effective == date(2025, 12, 1)
