"""The SQLite schema of saved matters and how a connection is opened (WAL, foreign keys, busy timeout)."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone
from pathlib import Path

SCHEMA_VERSION = 5

# Columns added after version 1, applied to an existing database by ALTER TABLE (old rows keep NULL there).
# v2: a memo version records the facts (hash) and doctrine it was drafted from, so a stale memo can be shown as such.
MIGRATIONS: tuple[tuple[int, str, str, str], ...] = (
    (2, "memo_versions", "facts_hash", "TEXT"),
    (2, "memo_versions", "doctrine", "TEXT"),
    # v3 (team mode): who owns a matter (a username; NULL: made before team mode, shown only when no one is signed in).
    (3, "matters", "owner", "TEXT"),
)

# Every facts change and every memo version is a row of its own: nothing is updated in place except the
# matter's header (name, doctrine, revision, updated) and a memo row going from "drafting" to "done"/"failed".
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS matters (
    id        TEXT PRIMARY KEY,
    name      TEXT NOT NULL,
    created   TEXT NOT NULL,
    updated   TEXT NOT NULL,
    doctrine  TEXT NOT NULL DEFAULT 'qin2025',
    revision  INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS facts_versions (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    matter_id   TEXT NOT NULL REFERENCES matters(id) ON DELETE CASCADE,
    revision    INTEGER NOT NULL,
    facts_json  TEXT NOT NULL,
    extracted_json TEXT NOT NULL DEFAULT '{}',
    source      TEXT NOT NULL DEFAULT 'user',
    conflict    INTEGER NOT NULL DEFAULT 0,
    created     TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS facts_by_matter ON facts_versions(matter_id, id);
CREATE TABLE IF NOT EXISTS memo_versions (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    matter_id   TEXT NOT NULL REFERENCES matters(id) ON DELETE CASCADE,
    status      TEXT NOT NULL CHECK (status IN ('drafting', 'done', 'failed', 'edited')),
    drafter     TEXT NOT NULL,
    facts_version_id INTEGER REFERENCES facts_versions(id) ON DELETE SET NULL,
    facts_hash  TEXT,
    doctrine    TEXT,
    markdown    TEXT,
    receipt_json TEXT,
    guard_ok    INTEGER,
    guard_json  TEXT,
    error       TEXT,
    created     TEXT NOT NULL,
    completed   TEXT
);
CREATE INDEX IF NOT EXISTS memos_by_matter ON memo_versions(matter_id, id);
CREATE TABLE IF NOT EXISTS users (
    username      TEXT PRIMARY KEY,
    display_name  TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    disabled      INTEGER NOT NULL DEFAULT 0,
    created       TEXT NOT NULL,
    password_set  TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS matter_shares (
    matter_id  TEXT NOT NULL REFERENCES matters(id) ON DELETE CASCADE,
    username   TEXT NOT NULL REFERENCES users(username),
    created    TEXT NOT NULL,
    PRIMARY KEY (matter_id, username)
);
-- v4: who read or wrote which matter, when (team mode: every access through a signed-in lawyer's view).
-- No foreign key to matters: the record of a deleted matter's accesses outlives it.
CREATE TABLE IF NOT EXISTS matter_audit (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    at         TEXT NOT NULL,
    username   TEXT,
    action     TEXT NOT NULL,
    matter_id  TEXT,
    detail     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS audit_by_matter ON matter_audit(matter_id, id);
-- v5: signed-in sessions of the workspace gate (assistant/auth): only the SHA-256 of the cookie's token is kept.
CREATE TABLE IF NOT EXISTS sessions (
    token_hash TEXT PRIMARY KEY,
    username   TEXT NOT NULL REFERENCES users(username) ON DELETE CASCADE,
    created    TEXT NOT NULL,
    expires    TEXT NOT NULL,
    last_seen  TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS sessions_by_user ON sessions(username);
"""


def now_iso() -> str:
    """The current UTC time as an ISO string with microseconds (sortable, unambiguous)."""
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def connect(path: Path, busy_timeout_ms: int = 10_000) -> sqlite3.Connection:
    """Open the matter database: WAL journal, foreign keys on, a busy timeout, explicit transactions."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # isolation_level=None: we issue BEGIN IMMEDIATE ourselves so each write is exactly one transaction.
    conn = sqlite3.connect(str(path), timeout=busy_timeout_ms / 1000, isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
    conn.execute("PRAGMA journal_mode = WAL")
    # FULL: a committed version survives even a power cut, not only a killed process.
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def _migrate(conn: sqlite3.Connection) -> None:
    """Add the columns a database written by an older version lacks; existing rows are kept as they are."""
    for _version, table, column, decl in MIGRATIONS:
        have = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
        if column not in have:
            conn.execute(f"ALTER TABLE {table} ADD COLUMN {column} {decl}")


def ensure_schema(conn: sqlite3.Connection) -> None:
    """Create the tables when missing, migrate an older database, and record the schema version."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        for statement in SCHEMA.split(";"):
            if statement.strip():
                conn.execute(statement)
        _migrate(conn)
        conn.execute(
            "INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),)
        )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
