"""The store tests run on both backends: a SQLite file per test, and a PostgreSQL schema per test session.

PostgreSQL comes from ``LEXMEMO_TEST_DATABASE_URL`` (``.ci/run`` starts a local cluster and sets it). Without it the
PostgreSQL variants skip locally with the reason, and FAIL in CI (``CI=true``, or ``LEXMEMO_REQUIRE_POSTGRES=1`` which
``.ci/run`` sets): CI must never pass by skipping them.
"""

from __future__ import annotations

import os
import uuid
from urllib.parse import quote

import pytest

PG_ENV = "LEXMEMO_TEST_DATABASE_URL"
_TABLES = "matters, facts_versions, memo_versions, triage_batches, triage_batch_rows, matter_shares, users, matter_audit"


def _no_postgres(reason: str) -> None:
    if any(os.environ.get(v, "").lower() in ("1", "true", "yes") for v in ("CI", "LEXMEMO_REQUIRE_POSTGRES")):
        pytest.fail(f"CI: the PostgreSQL store tests cannot run: {reason}", pytrace=False)
    pytest.skip(f"PostgreSQL store tests skipped: {reason}")


@pytest.fixture(scope="session")
def pg_url():
    """A URL on a fresh schema of the test database (dropped at the end of the session)."""
    base = os.environ.get(PG_ENV)
    if not base:
        _no_postgres(f"{PG_ENV} is not set (run .ci/postgres.sh as root, or point it at a local server)")
    try:
        import psycopg
    except ImportError:
        _no_postgres("psycopg is not installed")
    schema = f"lexmemo_test_{uuid.uuid4().hex[:10]}"
    try:
        with psycopg.connect(base, autocommit=True, connect_timeout=5) as conn:
            conn.execute(f"CREATE SCHEMA {schema}")
    except psycopg.OperationalError as exc:
        _no_postgres(f"cannot reach {base.rsplit('@', 1)[-1]}: {exc}")
    sep = "&" if "?" in base else "?"
    # Every connection the store opens gets this schema first in its search_path, so sessions never collide.
    yield f"{base}{sep}options={quote(f'-c search_path={schema}')}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


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
