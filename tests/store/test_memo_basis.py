"""Schema v2: a memo version records the facts (hash) and doctrine it was drafted from; old databases migrate."""

from __future__ import annotations

import sqlite3

from assistant.store import MatterStore, facts_hash
from assistant.store.schema import SCHEMA_VERSION

# The memo_versions table as schema v1 wrote it (before facts_hash/doctrine), with one row in it.
V1_DDL = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO meta VALUES ('schema_version', '1');
CREATE TABLE matters (id TEXT PRIMARY KEY, name TEXT NOT NULL, created TEXT NOT NULL, updated TEXT NOT NULL,
    doctrine TEXT NOT NULL DEFAULT 'qin2025', revision INTEGER NOT NULL DEFAULT 0);
CREATE TABLE facts_versions (id INTEGER PRIMARY KEY AUTOINCREMENT, matter_id TEXT NOT NULL REFERENCES matters(id)
    ON DELETE CASCADE, revision INTEGER NOT NULL, facts_json TEXT NOT NULL, extracted_json TEXT NOT NULL DEFAULT '{}',
    source TEXT NOT NULL DEFAULT 'user', conflict INTEGER NOT NULL DEFAULT 0, created TEXT NOT NULL);
CREATE TABLE memo_versions (id INTEGER PRIMARY KEY AUTOINCREMENT, matter_id TEXT NOT NULL REFERENCES matters(id)
    ON DELETE CASCADE, status TEXT NOT NULL CHECK (status IN ('drafting', 'done', 'failed', 'edited')),
    drafter TEXT NOT NULL, facts_version_id INTEGER REFERENCES facts_versions(id) ON DELETE SET NULL, markdown TEXT,
    receipt_json TEXT, guard_ok INTEGER, guard_json TEXT, error TEXT, created TEXT NOT NULL, completed TEXT);
INSERT INTO matters VALUES ('m1', '旧事项', '2026-01-01T00:00:00', '2026-01-01T00:00:00', 'joint', 1);
INSERT INTO facts_versions(matter_id, revision, facts_json, created)
    VALUES ('m1', 1, '{"category": "drug"}', '2026-01-01T00:00:00');
INSERT INTO memo_versions(matter_id, status, drafter, facts_version_id, markdown, guard_ok, created, completed)
    VALUES ('m1', 'done', 'template', 1, '# 旧备忘录', 1, '2026-01-01T00:00:00', '2026-01-01T00:00:00');
"""


def test_a_v1_database_migrates_and_keeps_its_rows(tmp_path):
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.executescript(V1_DDL)
    store = MatterStore(path)
    (memo,) = store.memo_history("m1")
    assert memo.markdown == "# 旧备忘录" and memo.guard_ok is True and memo.facts_version_id == 1
    assert memo.facts_hash is None and memo.doctrine is None  # unknown basis stays unknown, not invented
    assert store.latest_facts("m1").facts == {"category": "drug"}
    with sqlite3.connect(path) as conn:
        columns = {row[1] for row in conn.execute("PRAGMA table_info(memo_versions)")}
        version = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0]
    assert {"facts_hash", "doctrine"} <= columns and version == str(SCHEMA_VERSION) == "5"
    MatterStore(path)  # opening again is a no-op, not a second ALTER


def test_draft_records_its_basis_and_an_edit_keeps_it(tmp_path):
    store = MatterStore(tmp_path / "m.sqlite3")
    facts = {"category": "drug", "harm": "personal_injury", "narrative": "服药后住院 "}
    m = store.create_matter("张某", doctrine="joint", facts=facts)
    version = store.latest_facts(m.id)
    memo_id = store.begin_draft(m.id, "template", version.id, facts_hash=facts_hash(version.facts), doctrine="joint")
    done = store.complete_draft(memo_id, "# 备忘录", {"doctrine": "joint"}, True)
    assert (done.facts_hash, done.doctrine, done.facts_version_id) == (facts_hash(facts), "joint", version.id)
    edited = store.save_edit(m.id, "# 备忘录（改）", True, based_on=done)
    assert (edited.facts_hash, edited.doctrine, edited.facts_version_id) == (done.facts_hash, "joint", version.id)
    copy = store.duplicate(m.id)
    assert store.latest_memo(copy.id).facts_hash == done.facts_hash
    assert store.facts_version(version.id).facts == facts


def test_facts_hash_tells_any_change_and_ignores_key_order():
    a = {"category": "drug", "causation": True}
    assert facts_hash(a) == facts_hash({"causation": True, "category": "drug"})
    assert facts_hash(a) != facts_hash({**a, "causation": False})
    assert facts_hash(a) != facts_hash({**a, "narrative": "x"})
