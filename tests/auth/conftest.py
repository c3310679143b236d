"""Sign-in tests on both backends: a SQLite file, and PostgreSQL when LEXMEMO_TEST_DATABASE_URL is set (as
tests/store: skipped locally without it, a failure in CI)."""

from __future__ import annotations

import pytest
from auth_helpers import PW_LI, PW_ZHANG
from pg_fixture import fresh_schema


@pytest.fixture(scope="session")
def pg_url():
    """A URL on a fresh schema of the test database (dropped at the end of the session)."""
    with fresh_schema("lexmemo_auth", "sign-in tests") as url:
        yield url


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
