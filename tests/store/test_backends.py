"""Both backends: triage batches, settings choose the database, PostgreSQL migrations are versioned and resumable."""

from __future__ import annotations

import pytest

from assistant.settings import Settings
from assistant.store import MatterStore
from assistant.store.backend import PostgresBackend, SQLiteBackend, backend_for
from assistant.store.batches import BatchStore

RECORDS = [
    {"id": "a", "narrative": "外卖食物中毒", "priority": 1, "liability_form": "joint", "category": "catering"},
    {"id": "b", "narrative": "", "error": "空白叙述"},
    {"id": "c", "narrative": "买到假货", "priority": 2, "needs_review": True, "category": "clothing"},
]


def test_batches_round_trip_compare_and_open_as_matter(db_target):
    bs = BatchStore(db_target)
    first = bs.save("claims.csv", RECORDS, "qin2025", "gb18030")
    changed = [dict(RECORDS[0], liability_form="supplementary"), RECORDS[2], {"id": "d", "narrative": "新"}]
    second = bs.save("claims2.csv", changed, "joint")
    listed = BatchStore(db_target).list()
    assert [b.id for b in listed] == [second, first]
    assert (listed[1].total, listed[1].failed, listed[1].flagged, listed[1].encoding) == (3, 1, 1, "gb18030")
    assert BatchStore(db_target).load(first) == RECORDS  # every row back, in order, unchanged
    diff = bs.compare(first, second)
    assert diff == {"added": ["d"], "removed": ["b"],
                    "changed": {"a": {"liability_form": ("joint", "supplementary")}}}
    matter = bs.open_as_matter(MatterStore(db_target), second, "a")
    assert matter.doctrine == "joint" and MatterStore(db_target).latest_facts(matter.id).facts["narrative"] == "外卖食物中毒"
    bs.delete(first)
    with pytest.raises(KeyError):
        bs.load(first)


def test_settings_choose_the_backend(tmp_path, monkeypatch):
    monkeypatch.delenv("LEXMEMO_DATABASE_URL", raising=False)
    local = Settings(data_dir=tmp_path)
    assert isinstance(backend_for(local), SQLiteBackend) and backend_for(local).path == tmp_path / "matters.sqlite3"
    monkeypatch.setenv("LEXMEMO_DATABASE_URL", "postgresql://lexmemo:secret@127.0.0.1:5432/lexmemo")
    team = Settings(data_dir=tmp_path)
    backend = backend_for(team)
    assert isinstance(backend, PostgresBackend) and backend.url == team.database_url
    assert "secret" not in backend.label  # messages never show the password


def test_postgres_migrations_apply_once_in_order_and_keep_rows(pg_url):
    import psycopg

    from assistant.store import pg_schema

    # A database that only ever had migration 1 (before the memo basis columns), with a memo in it.
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("DROP TABLE IF EXISTS schema_migrations, sessions, matter_audit, matter_shares, users,"
                     " triage_batch_rows,"
                     " triage_batches,"
                     " memo_versions,"
                     " facts_versions, matters CASCADE")
        conn.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL,"
                     " applied TEXT NOT NULL)")
        for statement in pg_schema.MIGRATIONS[0][2]:
            conn.execute(statement)
        conn.execute("INSERT INTO schema_migrations VALUES (1, 'v1', '2026-01-01')")
        conn.execute("INSERT INTO matters VALUES ('m1', '旧事项', '2026-01-01', '2026-01-01', 'joint', 1)")
        conn.execute("INSERT INTO memo_versions(matter_id, status, drafter, markdown, guard_ok, created)"
                     " VALUES ('m1', 'done', 'template', '# 旧备忘录', 1, '2026-01-01')")
    backend = PostgresBackend(pg_url)
    with backend.read() as conn:
        assert pg_schema.migrate(conn) == [2, 3, 4, 5, 6, 7]
        assert pg_schema.migrate(conn) == []  # a second run is a no-op
        assert pg_schema.applied_versions(conn) == [1, 2, 3, 4, 5, 6, 7] and pg_schema.LATEST == 7
    (memo,) = MatterStore(pg_url).memo_history("m1")
    assert memo.markdown == "# 旧备忘录" and memo.guard_ok is True and memo.facts_hash is None


def test_a_pooled_connection_the_server_dropped_is_replaced_not_an_error(pg_url, monkeypatch):
    import psycopg

    from assistant.store import backend as backend_module

    store = MatterStore(pg_url)
    matter = store.create_matter("服务器重启")
    with store.backend.read() as conn:
        pid = conn.execute("SELECT pg_backend_pid()").fetchone()[0]
    with psycopg.connect(pg_url, autocommit=True) as admin:  # as a server restart would
        assert admin.execute("SELECT pg_terminate_backend(%s)", (pid,)).fetchone()[0] is True
    monkeypatch.setattr(backend_module, "_PING_AFTER_S", 0.0)
    assert store.get_matter(matter.id).name == "服务器重启"


def test_a_forked_child_opens_its_own_connections_and_the_parents_keep_working(pg_url):
    import multiprocessing

    store = MatterStore(pg_url)
    matter = store.create_matter("fork")
    with store.backend.read() as conn:  # the parent's pool now holds this server session
        parent_session = conn.execute("SELECT pg_backend_pid()").fetchone()[0]
    ctx = multiprocessing.get_context("fork")
    sessions = ctx.Queue()
    child = ctx.Process(target=_child_saves, args=(store, matter.id, sessions))
    child.start()
    child_session = sessions.get(timeout=60)
    child.join(60)
    assert child.exitcode == 0
    assert child_session != parent_session  # the child never spoke on the parent's socket
    with store.backend.read() as conn:
        assert conn.execute("SELECT pg_backend_pid()").fetchone()[0] == parent_session  # still the parent's
    assert store.latest_facts(matter.id).facts == {"from": "child"}


def _child_saves(store, matter_id, sessions):
    store.save_facts(matter_id, {"from": "child"}, expected_revision=0)
    with store.backend.read() as conn:
        sessions.put(conn.execute("SELECT pg_backend_pid()").fetchone()[0])
