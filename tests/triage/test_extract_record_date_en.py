"""An English note's own date (Client note 12 Oct 2024:, Intake dated …) is not the purchase's: the story's date is read."""

from datetime import date

import pytest

from assistant.triage.extract import extract_facts


@pytest.mark.parametrize("text, expected", [
    # the record's date sits right after its name; the purchase is told later (a month, or a day)
    ("Client note 12 Oct 2024: she bought a knee brace from a third-party store on the app in August 2024; the buckle "
     "snapped and she fell, fracturing her wrist.", date(2024, 8, 1)),
    ("Intake 5 March 2025. Mr Li ordered an e-bike battery from a marketplace seller on 2 January 2025; it caught fire "
     "in the hallway.", date(2025, 1, 2)),
    ("File note dated 14 June 2024. Client ordered a space heater on the app on 2 January 2024; it burned her arm.",
     date(2024, 1, 2)),
    ("Call log, 9 September 2023 — caller says her son got sick from a yoghurt bought on the app in July 2023.",
     date(2023, 7, 1)),
])
def test_the_notes_own_date_gives_way_to_the_storys(text, expected):
    assert extract_facts(text).facts.event_date == expected


@pytest.mark.parametrize("text, expected", [
    # near misses: a date after the heading's colon or dash is the story's own, and stays
    ("Intake note - ride-hailing trip on 3 March 2023, the driver ran a red light and the client broke her wrist.",
     date(2023, 3, 3)),
    ("Notes: on 3 October 2024 she bought a hair dryer from a shop on the app; it sparked and burned her hand.",
     date(2024, 10, 3)),
    # no other date: a note's date alone is not read as the purchase's
    ("Client note 12 Oct 2024: bought a kettle from a seller on the app; it leaked and scalded her hand.", None),
])
def test_a_date_after_the_heading_is_the_storys(text, expected):
    assert extract_facts(text).facts.event_date == expected
