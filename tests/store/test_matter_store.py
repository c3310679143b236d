"""The matter store: versions, history, rename/duplicate/delete, pragmas, optimistic concurrency.

``store``/``db_target`` (conftest.py) run each test on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import threading

import pytest

from assistant.store import ConflictError, MatterNotFound, MatterStore, StoreError
from assistant.store.schema import connect


def test_connection_uses_wal_foreign_keys_and_busy_timeout(tmp_path):
    MatterStore(tmp_path / "m.db")
    conn = connect(tmp_path / "m.db")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000


def test_every_facts_change_is_a_version_and_survives_reopening(store, db_target):
    m = store.create_matter("张某诉外卖平台")
    assert m.revision == 0 and store.latest_facts(m.id) is None
    v1 = store.save_facts(m.id, {"category": "catering"}, expected_revision=0)
    v2 = store.save_facts(m.id, {"category": "catering", "harm": "personal_injury"}, expected_revision=1,
                          extracted={"harm": "食物中毒"}, source="extracted")
    assert (v1.revision, v2.revision) == (1, 2)
    reopened = MatterStore(db_target)
    latest = reopened.latest_facts(m.id)
    assert latest.facts == {"category": "catering", "harm": "personal_injury"}
    assert latest.extracted == {"harm": "食物中毒"} and latest.source == "extracted"
    assert [v.facts for v in reopened.facts_history(m.id)] == [{"category": "catering"}, v2.facts]
    assert reopened.get_matter(m.id).revision == 2


def test_stale_writer_gets_conflict_and_its_data_is_kept_not_current(store):
    m = store.create_matter("并发", facts={"harm": "none"})
    store.save_facts(m.id, {"harm": "personal_injury"}, expected_revision=1)  # session A wins
    with pytest.raises(ConflictError) as info:
        store.save_facts(m.id, {"harm": "property_loss"}, expected_revision=1)  # session B is stale
    err = info.value
    assert (err.expected, err.actual) == (1, 2) and "another session" in str(err)
    assert store.latest_facts(m.id).facts == {"harm": "personal_injury"}  # B did not overwrite A
    kept = [v for v in store.facts_history(m.id) if v.conflict]
    assert [v.facts for v in kept] == [{"harm": "property_loss"}] and kept[0].id == err.kept_version_id
    # B reloads (revision 2) and re-applies: now it is the current version.
    assert store.save_facts(m.id, {"harm": "property_loss"}, expected_revision=2).revision == 3
    assert store.latest_facts(m.id).facts == {"harm": "property_loss"}


def test_concurrent_threads_never_overwrite_each_other(store):
    m = store.create_matter("threads")
    outcomes: list[str] = []

    def writer(name: str) -> None:
        for i in range(15):
            while True:
                rev = store.get_matter(m.id).revision
                try:
                    store.save_facts(m.id, {"narrative": f"{name}-{i}"}, expected_revision=rev)
                    outcomes.append("ok")
                    break
                except ConflictError:
                    outcomes.append("conflict")

    threads = [threading.Thread(target=writer, args=(n,)) for n in ("a", "b", "c")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    history = store.facts_history(m.id)
    current = [v for v in history if not v.conflict]
    assert [v.revision for v in current] == list(range(1, 46))  # one version per successful save, no gaps
    assert {v.facts["narrative"] for v in current} == {f"{n}-{i}" for n in "abc" for i in range(15)}
    assert len([v for v in history if v.conflict]) == outcomes.count("conflict")


def test_rename_duplicate_delete(store):
    m = store.create_matter("原名", doctrine="joint", facts={"category": "drug"})
    renamed = store.rename(m.id, "新名", expected_revision=m.revision)
    assert renamed.name == "新名" and renamed.revision == m.revision + 1
    with pytest.raises(ConflictError):
        store.rename(m.id, "过期的改名", expected_revision=m.revision)
    with pytest.raises(StoreError):
        store.rename(m.id, "  ", expected_revision=renamed.revision)
    memo_id = store.begin_draft(m.id, "template")
    store.complete_draft(memo_id, "# 备忘录", {"drafter": "template"}, True)
    copy = store.duplicate(m.id)
    assert copy.id != m.id and copy.name == "新名（副本）" and copy.doctrine == "joint"
    assert store.latest_facts(copy.id).facts == {"category": "drug"}
    assert store.latest_memo(copy.id).markdown == "# 备忘录"
    store.delete(m.id)
    with pytest.raises(MatterNotFound):
        store.get_matter(m.id)
    assert store.facts_history(m.id) == [] and store.memo_history(m.id) == []  # cascaded
    assert [x.id for x in store.list_matters()] == [copy.id]


def test_draft_row_exists_before_the_drafter_and_is_completed_or_failed(store):
    m = store.create_matter("memo")
    first = store.begin_draft(m.id, "openai:gpt")
    (pending,) = store.memo_history(m.id)
    assert pending.id == first and pending.status == "drafting" and pending.markdown is None
    failed = store.fail_draft(first, "endpoint unreachable")
    assert failed.status == "failed" and failed.error == "endpoint unreachable"
    second = store.begin_draft(m.id, "template")
    done = store.complete_draft(second, "# 备忘录\n", {"model": "template"}, False, {"ok": False})
    assert done.status == "done" and done.receipt == {"model": "template"} and done.guard_ok is False
    with pytest.raises(StoreError):
        store.complete_draft(second, "again", None, True)  # a finished version is never rewritten
    edit = store.save_edit(m.id, "# 修改后\n", True, {"ok": True})
    assert [v.status for v in store.memo_history(m.id)] == ["edited", "done", "failed"]
    assert store.latest_memo(m.id).id == edit.id


def test_list_is_most_recent_first(store):
    a = store.create_matter("a")
    b = store.create_matter("b")
    store.save_facts(a.id, {"harm": "none"}, expected_revision=0)
    assert [m.name for m in store.list_matters()] == ["a", "b"]
    store.rename(b.id, "b2", expected_revision=0)
    assert [m.name for m in store.list_matters()] == ["b2", "a"]
