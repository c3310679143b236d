"""A triage row whose narrative is longer than the extractor reads keeps that cut, as numbers, in the saved batch, and
the matter opened from the row carries it (issue 14), on both backends; batches saved before rows carried it open as
before."""

from __future__ import annotations

from functools import lru_cache

from assistant.store import MatterStore
from assistant.store.batches import CUT_MARK, BatchStore, BatchView
from assistant.store.users import UserStore
from assistant.triage import read_claims, triage_rows
from assistant.triage.extract import EXTRACT_LIMIT

HEAD = "2023年5月1日在外卖平台点了一份麻辣烫。"
TAIL = "吃完食物中毒住院。"  # the harm, said only after the cut: the extractor cannot have read it
LONG = HEAD * (EXTRACT_LIMIT // len(HEAD) + 50) + TAIL
SHORT = HEAD + TAIL


@lru_cache(maxsize=1)
def _records() -> tuple:
    """The two rows triaged once by the real extractor and engine (the long one costs a second or two)."""
    data = ("id,narrative\n" f"long,{LONG}\n" f"short,{SHORT}\n").encode("utf-8")
    rows, _ = read_claims(data, ".csv")
    return tuple(triage_rows(rows, "qin2025"))


def _rec(rid: str) -> dict:
    return next(dict(r) for r in _records() if r["id"] == rid)


def test_the_triaged_row_carries_the_cut_as_numbers():
    rec = _rec("long")
    assert len(LONG) > EXTRACT_LIMIT
    assert rec["extract_cut"]["read"] == EXTRACT_LIMIT and rec["extract_cut"]["total"] == len(LONG)
    assert rec["needs_review"] and rec["extract_cut"]["note"] in rec["review_reasons"]  # the person-readable reason
    assert rec["harm"] is None  # said after the cut: unknown, not guessed
    assert "extract_cut" not in _rec("short")


def test_a_row_opened_as_a_matter_keeps_the_cut(db_target):
    bid = BatchStore(db_target).save("claims.csv", [_rec("long"), _rec("short")], "qin2025", "utf-8")
    batches, store = BatchStore(db_target), MatterStore(db_target)  # a reload: the cut came from the database
    version = store.latest_facts(batches.open_as_matter(store, bid, "long").id)
    cut = version.extracted[CUT_MARK]
    assert (cut["read"], cut["total"]) == (EXTRACT_LIMIT, len(LONG)) and str(EXTRACT_LIMIT) in cut["note"]
    assert version.facts["narrative"] == LONG  # the whole narrative, for the lawyer to read past the cut
    assert version.facts["category"] == "catering" and "harm" not in version.facts
    assert version.extracted["category"]["value"] == "catering"  # the other marks as before
    short = store.latest_facts(batches.open_as_matter(store, bid, "short").id)
    assert CUT_MARK not in short.extracted and short.facts["harm"] == "personal_injury"


def test_team_mode_opens_the_row_with_its_cut(db_target):
    UserStore(db_target).add("zhang", "zhang-password-1")
    view = BatchView(BatchStore(db_target), "zhang")
    bid = view.save("claims.csv", [_rec("long")], "qin2025", "utf-8")
    matter = view.open_as_matter(MatterStore(db_target), bid, "long")
    assert MatterStore(db_target).latest_facts(matter.id).extracted[CUT_MARK]["total"] == len(LONG)


def test_a_batch_saved_before_rows_carried_the_cut_opens_as_before(db_target):
    old = _rec("long")
    del old["extract_cut"]  # the stored form of a row saved before: only the review reason's text says it
    odd = dict(_rec("long"), id="odd", extract_cut={"read": "20000", "total": None})  # not numbers: not stated
    bs = BatchStore(db_target)
    bid = bs.save("old.csv", [old, odd], "qin2025")
    assert [r["id"] for r in bs.load(bid)] == ["long", "odd"]
    store = MatterStore(db_target)
    for rid in ("long", "odd"):
        version = store.latest_facts(bs.open_as_matter(store, bid, rid).id)
        assert CUT_MARK not in version.extracted  # the message text is not parsed into numbers
        assert version.facts["narrative"] == LONG and version.extracted["category"]["value"] == "catering"
