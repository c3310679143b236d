"""Provision ids: parse_id / format_id, longest-code parsing, seed sections."""

import pytest

from assistant.corpus.ids import ProvisionId, find_ids, format_id, parse_id


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ECL-38", ProvisionId("ECL", 38)),
        ("ECL-38-2", ProvisionId("ECL", 38, 2)),
        ("ECL-38-2-1", ProvisionId("ECL", 38, 2, 1)),
        ("CC-1198-2", ProvisionId("CC", 1198, 2)),
        ("SPC-OC-4-2", ProvisionId("SPC-OC", 4, 2)),
        ("SPC-OC-18", ProvisionId("SPC-OC", 18)),
        ("SPC-FS1-2", ProvisionId("SPC-FS1", 2)),
        ("SPC-TI1-24", ProvisionId("SPC-TI1", 24)),
        ("SPC-FDP-3", ProvisionId("SPC-FDP", 3)),
        ("QIN-5.4.2", ProvisionId("QIN", section="5.4.2")),
        ("QIN-6", ProvisionId("QIN", section="6")),
    ],
)
def test_parse_and_format_round_trip(text: str, expected: ProvisionId) -> None:
    assert parse_id(text) == expected
    assert str(expected) == text


@pytest.mark.parametrize("bad", ["", "ECL", "ECL-", "ECL-0", "ECL-38-0", "ecl-38", "ECL-38-2-1-1", "38-2", "ECL-3.8", "QIN-"])
def test_parse_rejects_malformed(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_id(bad)


def test_longest_code_wins_over_shorter_prefix() -> None:
    # with codes "SPC" and "SPC-OC" both known, SPC-OC-4 is article 4 of SPC-OC, not something of SPC
    assert parse_id("SPC-OC-4", codes=["SPC", "SPC-OC"]) == ProvisionId("SPC-OC", 4)


def test_format_id_requires_paragraph_for_item() -> None:
    assert format_id("CC", 1179) == "CC-1179"
    assert format_id("SPC-OC", 1, 1, 2) == "SPC-OC-1-1-2"
    with pytest.raises(ValueError):
        format_id("SPC-OC", 1, None, 2)


def test_find_ids_in_running_text() -> None:
    text = "见 ECL-38-2 与 CC-1198-2（类推），以及 SPC-OC-4-2、QIN-5.4.2；38(2) 不是 id；又见 ECL-38-2。"
    assert find_ids(text) == ["ECL-38-2", "CC-1198-2", "SPC-OC-4-2", "QIN-5.4.2"]
