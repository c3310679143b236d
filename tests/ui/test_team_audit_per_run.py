"""Team mode: one run of the workspace writes its audit rows in at most one transaction besides the writes it makes
(issue 17 follow-up: 7–10 rows per click were 7–10 transactions); every access is still in ``matter_audit``."""

from __future__ import annotations

import pytest

from assistant.settings import get_settings
from assistant.store import MatterStore
from assistant.store.audit import store_audit
from assistant.store.backend import SQLiteBackend
from test_team_workspace import NAME, database, team  # noqa: F401  (fixtures: the two-lawyer team preset)
from ui_helpers import ok


@pytest.fixture()
def writes(monkeypatch):
    """Every write transaction opened on a SQLite matter database during the test, in order."""
    opened: list[int] = []
    inner = SQLiteBackend.write

    def counting(self):
        opened.append(1)
        return inner(self)

    monkeypatch.setattr(SQLiteBackend, "write", counting)
    return opened


def test_opening_and_editing_a_matter_audits_every_access_in_one_transaction_per_run(team, writes):
    store = MatterStore.open(get_settings())
    m = store.create_matter(NAME, owner="zhang", facts={"harm": "personal_injury"})
    rows_before, writes_before = len(store_audit(store, limit=10**6)), len(writes)
    at = team("zhang", matter=m.id)  # one run: the page reads the matter, its facts, memos, shares, the list
    rows = len(store_audit(store, limit=10**6)) - rows_before
    assert rows >= 4 and len(writes) - writes_before == 1  # all of the run's reads in one transaction
    trail = [(e.username, e.action) for e in store_audit(store, m.id)]
    assert ("zhang", "read") in trail

    rows_before, writes_before = len(store_audit(store, limit=10**6)), len(writes)
    ok(at.text_area(key="fact_narrative").set_value("外卖盒饭导致食物中毒住院。").run())  # a click that saves
    saved = [e for e in store_audit(store, m.id) if e.action == "write"]
    assert [(e.username, e.detail) for e in saved] == [("zhang", "save_facts")]
    run_writes = len(writes) - writes_before
    rows = len(store_audit(store, limit=10**6)) - rows_before
    # the save's own transaction (carrying the reads before it) and at most one more for the reads after it
    assert 1 <= run_writes <= 2 and rows > run_writes
