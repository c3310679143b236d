"""The audit at one transaction per click: a write's row goes in with the write itself, reads wait in the run's
log and go in with the next write or at the run's end, and a write never commits without its audit row."""

from __future__ import annotations

import pytest

from assistant.store import MatterStore, StoreError
from assistant.store import audit
from assistant.store.audit import AuditLog, LawyerView, store_audit
from assistant.store.users import UserStore


@pytest.fixture()
def team(db_target, tmp_path):
    UserStore(db_target).add("zhang", "zhang-password-1")
    store = MatterStore(db_target)
    log = AuditLog(store, spool=tmp_path / "audit-spool.jsonl")
    return store, log, LawyerView(store, "zhang", log=log)


def _trail(store, matter_id=None):
    return [(e.action, e.detail) for e in store_audit(store, matter_id)]


def _count_writes(monkeypatch, store):
    """Count the write transactions opened on the store's backend."""
    calls = []
    inner = type(store.backend).write

    def counting(self):
        calls.append(1)
        return inner(self)

    monkeypatch.setattr(type(store.backend), "write", counting)
    return calls


def test_a_click_is_one_write_transaction_with_its_reads_and_the_runs_end_adds_none_when_empty(team, monkeypatch):
    store, log, view = team
    m = view.create_matter("一次点击")
    log.flush()
    writes = _count_writes(monkeypatch, store)
    view.list_matters(), view.get_matter(m.id), view.latest_facts(m.id), view.memo_history(m.id)
    assert _trail(store, m.id) == [("create", "一次点击")]  # the reads wait in the log
    view.save_facts(m.id, {"harm": "personal_injury"}, 0)
    assert log.flush() == 0 and len(writes) == 1  # the save's transaction carried the reads and its own row
    assert _trail(store, m.id) == [("create", "一次点击"), ("read", "get_matter"), ("read", "latest_facts"),
                                   ("read", "memo_history"), ("write", "save_facts")]
    assert ("list", "1 matters") in _trail(store)
    stamps = [e.at for e in store_audit(store, m.id)]
    assert stamps == sorted(stamps)  # each row keeps the time of its access, in order


def test_reads_without_a_write_are_written_together_at_the_runs_end(team, monkeypatch):
    store, log, view = team
    m = view.create_matter("只读")
    log.flush()
    writes = _count_writes(monkeypatch, store)
    view.get_matter(m.id), view.latest_memo(m.id), view.shared_with(m.id)
    assert _trail(store, m.id) == [("create", "只读")]
    assert log.flush() == 3 and len(writes) == 1
    assert _trail(store, m.id)[1:] == [("read", "get_matter"), ("read", "latest_memo"), ("read", "shared_with")]


def test_a_committed_write_has_its_row_even_if_the_run_never_ends(team):
    store, log, view = team
    m = view.create_matter("崩溃")
    view.latest_facts(m.id)
    view.save_facts(m.id, {"harm": "none"}, 0)
    view.memo_history(m.id)  # the process dies here: log.flush() never runs
    trail = _trail(store, m.id)
    assert trail == [("create", "崩溃"), ("read", "latest_facts"), ("write", "save_facts")]


def test_a_write_whose_audit_row_cannot_be_written_does_not_commit(team, monkeypatch):
    store, log, view = team
    m = view.create_matter("原子")
    view.get_matter(m.id)

    def broken(conn, rows):
        raise RuntimeError("audit insert failed")

    monkeypatch.setattr(audit, "_insert", broken)
    with pytest.raises(RuntimeError):
        view.save_facts(m.id, {"harm": "none"}, 0)
    monkeypatch.undo()
    assert store.latest_facts(m.id) is None and store.get_matter(m.id).revision == 0  # nothing unaudited committed
    assert log.flush() == 1  # the waiting read was given back to the log, not lost with the rolled-back transaction
    assert _trail(store, m.id) == [("create", "原子"), ("read", "get_matter")]


def test_a_write_rolled_back_is_recorded_as_failed_never_as_written(team):
    store, log, view = team
    m = view.create_matter("失败")
    memo_id = view.begin_draft(m.id, "template")
    view.complete_draft(memo_id, "# 备忘录", None, True)
    with pytest.raises(StoreError):
        view.complete_draft(memo_id, "# 又一次", None, True)  # already done: its transaction rolls back
    log.flush()
    assert _trail(store, m.id)[-2:] == [("write", "complete_draft"), ("write-failed", "complete_draft: StoreError")]


def test_a_duplicate_and_its_copy_are_recorded_in_the_copys_transaction(team):
    store, log, view = team
    m = view.create_matter("原件", facts={"harm": "none"})
    copy = view.duplicate(m.id)
    assert ("read", "duplicate") in _trail(store, m.id)
    assert _trail(store, copy.id) == [("create", f"duplicate of {m.id}")] and copy.owner == "zhang"


def test_a_failed_flush_keeps_the_rows_for_the_next(team, monkeypatch):
    store, log, view = team
    m = view.create_matter("重试")
    view.get_matter(m.id)
    monkeypatch.setattr(audit, "_insert", lambda conn, rows: (_ for _ in ()).throw(RuntimeError("down")))
    assert log.flush() == 0 and log.spooled == 1  # spooled (tests/store/test_audit_spool.py), not raised
    monkeypatch.undo()
    assert log.flush() == 1 and _trail(store, m.id)[-1] == ("read", "get_matter")


def test_without_a_spool_a_failed_flush_keeps_the_rows_and_raises(db_target):
    UserStore(db_target).add("zhang", "zhang-password-1")
    store = MatterStore(db_target)
    log = AuditLog(store, spool=False)
    view = LawyerView(store, "zhang", log=log)
    m = view.create_matter("重试")
    view.get_matter(m.id)
    real = audit._insert
    audit._insert = lambda conn, rows: (_ for _ in ()).throw(RuntimeError("down"))
    try:
        with pytest.raises(RuntimeError):
            log.flush()
    finally:
        audit._insert = real
    assert log.flush() == 1 and _trail(store, m.id)[-1] == ("read", "get_matter")


def test_a_write_always_checks_visibility_afresh_even_after_this_views_reads(db_target):
    users = UserStore(db_target)
    users.add("zhang", "zhang-password-1")
    users.add("li", "li-password-22")
    store = MatterStore(db_target)
    owner = LawyerView(store, "zhang")
    m = owner.create_matter("共享后撤回")
    owner.share(m.id, "li")
    li_run = LawyerView(store, "li", log=AuditLog(store))
    assert li_run.get_matter(m.id).id == m.id
    owner.unshare(m.id, "li")
    from assistant.store import MatterNotFound

    with pytest.raises(MatterNotFound):
        li_run.save_facts(m.id, {"harm": "none"}, 0)
    with pytest.raises(MatterNotFound):
        LawyerView(store, "li").get_matter(m.id)  # the next run reads nothing of it either
    assert store.latest_facts(m.id) is None
    li_run.log.flush()
    assert [(e.username, e.action) for e in store_audit(store, m.id)][-3:] == [
        ("li", "read"), ("li", "denied"), ("li", "denied")]


def test_a_triage_batch_and_its_audit_row_commit_together(db_target, monkeypatch):
    from assistant.store.batches import BatchStore, BatchView

    UserStore(db_target).add("zhang", "zhang-password-1")
    batches = BatchStore(db_target)
    log = AuditLog(batches)
    view = BatchView(batches, "zhang", log=log)
    monkeypatch.setattr(audit, "_insert", lambda conn, rows: (_ for _ in ()).throw(RuntimeError("audit down")))
    with pytest.raises(RuntimeError):
        view.save("claims.csv", [{"id": "k1"}], "qin2025")
    monkeypatch.undo()
    assert batches.list() == []  # no batch without its audit row
    bid = view.save("claims.csv", [{"id": "k1"}], "qin2025")
    view.list()
    view.delete(bid)
    log.flush()
    assert [(e.action, e.detail) for e in store_audit(batches)] == [
        ("batch-create", f"batch {bid}: claims.csv (1 rows)"), ("batch-list", "batches: 1 batches"),
        ("batch-delete", f"batch {bid}")]
