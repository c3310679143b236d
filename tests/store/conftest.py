"""The store tests run on both backends: a SQLite file per test, and a PostgreSQL schema per test session.

PostgreSQL comes from ``LEXMEMO_TEST_DATABASE_URL`` (``.ci/run`` starts a local cluster and sets it). Without it the
PostgreSQL variants skip locally with the reason, and FAIL in CI (``CI=true``, or ``LEXMEMO_REQUIRE_POSTGRES=1`` which
``.ci/run`` sets): CI must never pass by skipping them.
"""

from __future__ import annotations

import pytest
from pg_fixture import fresh_schema

_TABLES = "matters, facts_versions, memo_versions, triage_batches, triage_batch_rows, matter_shares, users, matter_audit"


@pytest.fixture(scope="session")
def pg_url():
    """A URL on a fresh schema of the test database (dropped at the end of the session)."""
    with fresh_schema("lexmemo_test", "store tests") as url:
        yield url


@pytest.fixture(params=["sqlite", "postgres"])
def db_target(request, tmp_path):
    """Where a test's store lives: a SQLite file, or the session's PostgreSQL schema emptied for this test."""
    if request.param == "sqlite":
        return tmp_path / "matters.sqlite3"
    url = request.getfixturevalue("pg_url")
    import psycopg

    from assistant.store import MatterStore

    MatterStore(url)  # migrate (once per session in effect), then start from empty tables
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"TRUNCATE {_TABLES} RESTART IDENTITY CASCADE")
    return url


@pytest.fixture()
def store(db_target):
    """A matter store on the test's backend."""
    from assistant.store import MatterStore

    return MatterStore(db_target)
