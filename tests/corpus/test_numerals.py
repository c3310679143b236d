"""Chinese numerals as statutes print article numbers, both ways."""

import pytest

from assistant.corpus.numerals import from_chinese, is_canonical, to_chinese


@pytest.mark.parametrize(
    ("n", "zh"),
    [
        (1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (38, "三十八"), (100, "一百"), (108, "一百零八"),
        (110, "一百一十"), (131, "一百三十一"), (306, "三百零六"), (1000, "一千"), (1005, "一千零五"),
        (1010, "一千零一十"), (1198, "一千一百九十八"), (1260, "一千二百六十"),
    ],
)
def test_known_numerals_both_ways(n: int, zh: str) -> None:
    assert to_chinese(n) == zh
    assert from_chinese(zh) == n


def test_round_trip_1_to_1300() -> None:
    for n in range(1, 1301):
        assert from_chinese(to_chinese(n)) == n, n


def test_all_numerals_in_range_are_distinct() -> None:
    rendered = [to_chinese(n) for n in range(1, 1301)]
    assert len(set(rendered)) == len(rendered)


@pytest.mark.parametrize("bad", ["", "零", "十十", "一二", "百", "千百", "零十", "三十八条", "3"])
def test_rejects_non_numerals(bad: str) -> None:
    with pytest.raises(ValueError):
        from_chinese(bad)


def test_non_canonical_spellings_are_detected() -> None:
    assert is_canonical("一百一十")
    assert not is_canonical("一百十")  # statutes print 一百一十
    assert not is_canonical("一十八")
    with pytest.raises(ValueError):
        from_chinese("〇")


@pytest.mark.parametrize("bad", [0, -1, 10000, 1.5, True])
def test_to_chinese_rejects_out_of_range(bad: object) -> None:
    with pytest.raises(ValueError):
        to_chinese(bad)  # type: ignore[arg-type]
