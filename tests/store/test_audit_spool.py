"""Read audit rows survive a database that is unreachable when the run ends (issue 17 follow-up): the flush spools
them to a local file with a warning, and the next flush sends them first, in order, once."""

from __future__ import annotations

import json
import logging

import pytest

from assistant.store import MatterStore
from assistant.store.audit import AuditLog, LawyerView, store_audit
from assistant.store.backend import PostgresBackend, SQLiteBackend, is_postgres_url
from assistant.store.users import UserStore


def _unreachable(db_target, tmp_path):
    """A backend for the same kind of database that cannot be reached: a closed port, or a vanished directory."""
    if is_postgres_url(str(db_target)):
        return PostgresBackend("postgresql://lexmemo:lexmemo@127.0.0.1:1/lexmemo")
    (tmp_path / "share-gone").write_text("the directory of the database is gone", encoding="utf-8")
    return SQLiteBackend(tmp_path / "share-gone" / "matters.sqlite3")


@pytest.fixture()
def team(db_target, tmp_path):
    UserStore(db_target).add("zhang", "zhang-password-1")
    store = MatterStore(db_target)
    return store, tmp_path / "spool" / "audit.jsonl"


def _reads(store, username="zhang"):
    return [(e.action, e.matter_id, e.detail) for e in store_audit(store) if e.action in ("read", "list")]


def test_reads_of_a_run_whose_database_is_gone_at_flush_are_spooled_then_sent_first(team, db_target, tmp_path,
                                                                                    caplog):
    store, spool = team
    log = AuditLog(store, spool=spool)
    view = LawyerView(store, "zhang", log=log)
    m = view.create_matter("断网")
    log.flush()
    view.list_matters(), view.get_matter(m.id), view.latest_facts(m.id)  # the run's reads wait in the log
    good = store.backend
    store.backend = _unreachable(db_target, tmp_path)  # the database goes away before the run ends
    with caplog.at_level(logging.WARNING, logger="lexmemo.audit"):
        assert log.flush() == 0
    assert log.spooled == 3 and log.rows == []
    warning = " ".join(r.getMessage() for r in caplog.records)
    assert "审计记录未能写入数据库" in warning and "3 条" in warning and str(spool) in warning
    lines = [json.loads(line) for line in spool.read_text(encoding="utf-8").splitlines()]
    assert [row[2] for row in lines] == ["list", "read", "read"] and lines[1][3] == m.id
    # A second run fails too: its rows join the spool after the first run's.
    store.backend = good
    log2 = AuditLog(store, spool=spool)
    LawyerView(store, "zhang", log=log2).memo_history(m.id)  # a fresh view per run, as the workspace makes them
    store.backend = _unreachable(db_target, tmp_path)
    assert log2.flush() == 0 and len(spool.read_text(encoding="utf-8").splitlines()) == 4
    store.backend = good  # back online
    assert _reads(store) == []  # nothing of either run reached the database yet
    # The next run sends the spool first, then its own rows, in one transaction; the spool is empty again.
    log3 = AuditLog(store, spool=spool)
    LawyerView(store, "zhang", log=log3).get_matter(m.id)
    assert log3.flush() == 5
    assert not spool.exists()
    assert [(a, d) for a, _, d in _reads(store)] == [("list", "1 matters"), ("read", "get_matter"),
                                                      ("read", "latest_facts"), ("read", "memo_history"),
                                                      ("read", "get_matter")]
    stamps = [e.at for e in store_audit(store) if e.action == "read"]
    assert stamps == sorted(stamps)  # each row kept the time of its access
    assert AuditLog(store, spool=spool).flush() == 0 and len(_reads(store)) == 5  # sent once, not again


def test_a_refusal_the_database_cannot_take_is_spooled_with_the_waiting_reads(team, db_target, tmp_path):
    store, spool = team
    UserStore(db_target).add("li", "li-password-2")
    other = MatterStore(db_target).create_matter("李的事项", owner="li")
    log = AuditLog(store, spool=spool)
    view = LawyerView(store, "zhang", log=log)
    view.list_matters()
    good, store.backend = store.backend, _unreachable(db_target, tmp_path)
    view._seen.clear()
    store.may_see = lambda matter_id, username: False  # the permission answer came before the database went away
    with pytest.raises(Exception):
        view.get_matter(other.id)  # the refusal cannot be written now
    del store.may_see
    assert log.flush() == 0 and log.spooled == 2
    store.backend = good
    assert AuditLog(store, spool=spool).flush() == 2
    trail = [(e.action, e.matter_id) for e in store_audit(store)]
    assert ("denied", other.id) in trail and ("list", None) in trail


def test_a_torn_spool_line_is_set_aside_and_warned_never_silently_dropped(team, caplog):
    store, spool = team
    m = store.create_matter("残行", owner="zhang")
    spool.parent.mkdir(parents=True)
    good = json.dumps(["2026-12-05T01:00:00+00:00", "zhang", "read", m.id, "get_matter"], ensure_ascii=False)
    spool.write_text(good + "\n" + '["2026-12-05T01:00:01+00:00", "zha', encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="lexmemo.audit"):
        assert AuditLog(store, spool=spool).flush() == 1
    assert [(e.action, e.detail) for e in store_audit(store, m.id)] == [("read", "get_matter")]
    rejected = spool.with_name(spool.name + ".rejected")
    assert '"zha' in rejected.read_text(encoding="utf-8") and "无法读取" in caplog.text


def test_an_unusable_spool_never_stops_rows_reaching_a_working_database_nor_loses_them(team, db_target, tmp_path,
                                                                                       caplog):
    store, _ = team
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    log = AuditLog(store, spool=tmp_path / "a-file" / "audit.jsonl")  # its directory cannot be made
    view = LawyerView(store, "zhang", log=log)
    m = view.create_matter("无暂存")
    view.get_matter(m.id)
    assert log.flush() == 1 and ("read", "get_matter") in [(e.action, e.detail) for e in store_audit(store)]
    view.latest_facts(m.id)
    good, store.backend = store.backend, _unreachable(db_target, tmp_path)
    with caplog.at_level(logging.WARNING, logger="lexmemo.audit"), pytest.raises(Exception):
        log.flush()  # neither the database nor the spool: the error propagates, the row stays in the log
    assert "也未能暂存" in caplog.text and len(log.rows) == 1
    store.backend = good
    assert log.flush() == 1 and ("read", "latest_facts") in [(e.action, e.detail) for e in store_audit(store)]


def test_the_default_spool_of_a_sqlite_store_is_next_to_its_file(tmp_path):
    store = MatterStore(tmp_path / "matters.sqlite3")
    assert AuditLog(store).spool == tmp_path / "matters.sqlite3.audit-spool.jsonl"
    assert AuditLog(store, spool=False).spool is None


def test_the_default_spool_of_a_postgresql_store_is_per_database_under_the_data_dir(tmp_path):
    from assistant.store.audit_spool import default_path

    a = default_path(PostgresBackend("postgresql://u:secret@db:5432/firm"), tmp_path)
    b = default_path(PostgresBackend("postgresql://u:secret@db:5432/other"), tmp_path)
    assert a.parent == tmp_path / "audit-spool" and a != b and "secret" not in str(a)
