"""Sign-in tests on both backends: a SQLite file, and PostgreSQL when LEXMEMO_TEST_DATABASE_URL is set (as
tests/store: skipped locally without it, a failure in CI)."""

from __future__ import annotations

import os
import uuid
from urllib.parse import quote

import pytest
from auth_helpers import PW_LI, PW_ZHANG

PG_ENV = "LEXMEMO_TEST_DATABASE_URL"


def _no_postgres(reason: str) -> None:
    if any(os.environ.get(v, "").lower() in ("1", "true", "yes") for v in ("CI", "LEXMEMO_REQUIRE_POSTGRES")):
        pytest.fail(f"CI: the PostgreSQL sign-in tests cannot run: {reason}", pytrace=False)
    pytest.skip(f"PostgreSQL sign-in tests skipped: {reason}")


@pytest.fixture(scope="session")
def pg_url():
    """A URL on a fresh schema of the test database (dropped at the end of the session)."""
    base = os.environ.get(PG_ENV)
    if not base:
        _no_postgres(f"{PG_ENV} is not set")
    import psycopg

    schema = f"lexmemo_auth_{uuid.uuid4().hex[:10]}"
    try:
        with psycopg.connect(base, autocommit=True, connect_timeout=5) as conn:
            conn.execute(f"CREATE SCHEMA {schema}")
    except psycopg.OperationalError as exc:
        _no_postgres(f"cannot reach {base.rsplit('@', 1)[-1]}: {exc}")
    sep = "&" if "?" in base else "?"
    yield f"{base}{sep}options={quote(f'-c search_path={schema}')}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=["sqlite", "postgres"])
def db_target(request, tmp_path):
    """Where a test's users and sessions live: a SQLite file, or the session's PostgreSQL schema emptied."""
    if request.param == "sqlite":
        return tmp_path / "matters.sqlite3"
    url = request.getfixturevalue("pg_url")
    import psycopg

    from assistant.store.users import UserStore

    UserStore(url)  # migrate, then start from empty tables
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("TRUNCATE sessions, matter_shares, users RESTART IDENTITY CASCADE")
    return url


@pytest.fixture()
def users(db_target):
    """Two lawyers: zhang and li."""
    from assistant.store.users import UserStore

    store = UserStore(db_target)
    store.add("zhang", PW_ZHANG, display_name="张律师")
    store.add("li", PW_LI)
    return store
