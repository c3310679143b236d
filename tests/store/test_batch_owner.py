"""Team mode for triage batches on both backends: a batch has an owner, a lawyer sees only their own batches,
opening a row as a matter makes them its owner, and every batch access is in the audit table."""

from __future__ import annotations

import sqlite3

import pytest

from assistant.store import MatterStore
from assistant.store.audit import LawyerView, store_audit
from assistant.store.batches import BatchStore, BatchView
from assistant.store.users import UserStore

ROWS = [
    {"id": "C1", "narrative": "外卖平台上买的盒饭导致食物中毒", "category": "catering", "harm": "personal_injury",
     "priority": 1},
    {"id": "C2", "narrative": "", "error": "空白叙述"},
]


@pytest.fixture()
def team(db_target):
    users = UserStore(db_target)
    users.add("zhang", "zhang-password-1")
    users.add("li", "li-password-22")
    store, batches = MatterStore(db_target), BatchStore(db_target)
    return store, batches, BatchView(batches, "zhang"), BatchView(batches, "li")


def _batch_trail(store):
    return [(e.username, e.action, e.detail) for e in store_audit(store) if e.action.startswith("batch")]


def test_a_batch_is_owned_and_listed_only_to_its_owner(team):
    store, batches, a, b = team
    cli = batches.save("cli.csv", ROWS, "qin2025")  # the CLI's --save: no one signed in, no owner
    bid = a.save("claims.csv", ROWS, "qin2025", "utf-8")
    assert batches.owner(bid) == "zhang" and batches.owner(cli) is None
    assert [x.id for x in a.list()] == [bid] and a.list()[0].owner == "zhang"
    assert b.list() == []  # neither zhang's batch nor the ownerless CLI batch
    assert {x.id for x in batches.list()} == {bid, cli}  # local use (no one signed in) still sees every batch
    assert a.load(bid) == ROWS
    for attempt in (lambda: b.load(bid), lambda: b.compare(bid, bid), lambda: b.delete(bid),
                    lambda: b.open_as_matter(store, bid, "C1"), lambda: b.load("no-such-batch")):
        with pytest.raises(KeyError, match="no saved triage batch"):  # the same answer as for a missing batch
            attempt()
    assert batches.load(bid) == ROWS  # b's delete did nothing


def test_opening_a_row_makes_the_lawyer_the_matter_owner_and_every_access_is_audited(team):
    store, batches, a, b = team
    bid = a.save("claims.csv", ROWS, "joint")
    matter = a.open_as_matter(LawyerView(store, "zhang"), bid, "C1")
    assert store.get_matter(matter.id).owner == "zhang" and matter.doctrine == "joint"
    assert [m.id for m in store.visible_matters("zhang")] == [matter.id] and store.visible_matters("li") == []
    raw = a.open_as_matter(store, bid, "C1")  # given the bare store, the row still becomes zhang's matter
    assert store.get_matter(raw.id).owner == "zhang"
    with pytest.raises(ValueError):
        a.open_as_matter(LawyerView(store, "li"), bid, "C1")
    with pytest.raises(KeyError):
        b.load(bid)
    a.list()
    trail = _batch_trail(store)
    assert trail[0] == ("zhang", "batch-create", f"batch {bid}: claims.csv (2 rows)")
    assert trail[1] == ("zhang", "batch-read", f"batch {bid}: row C1 opened as matter {matter.id}")
    assert ("li", "batch-denied", f"batch {bid}: load") in trail
    assert trail[-1] == ("zhang", "batch-list", "batches: 1 batches")
    creates = [e for e in store_audit(store, matter.id) if e.action == "create"]
    assert [e.username for e in creates] == ["zhang"]  # the matter's own trail names who made it


def test_an_older_sqlite_batch_table_gains_the_owner_column_and_keeps_its_rows(tmp_path):
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as conn:  # the table as written before team mode (no owner column)
        conn.execute("CREATE TABLE triage_batches (id TEXT PRIMARY KEY, name TEXT NOT NULL, created TEXT NOT NULL,"
                     " doctrine TEXT NOT NULL, encoding TEXT, total INTEGER NOT NULL, failed INTEGER NOT NULL,"
                     " flagged INTEGER NOT NULL)")
        conn.execute("INSERT INTO triage_batches VALUES ('old1', 'old.csv', '2026-01-01', 'qin2025', NULL, 0, 0, 0)")
    batches = BatchStore(path)
    assert [(x.id, x.owner) for x in batches.list()] == [("old1", None)]
    assert batches.owner(batches.save("new.csv", ROWS, "qin2025", owner="zhang")) == "zhang"
