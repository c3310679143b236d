"""One PostgreSQL schema per test run, for the suites that run on both backends (store, auth, team workspace).

The server comes from ``LEXMEMO_TEST_DATABASE_URL`` (``.ci/run`` starts a local cluster and sets it). Without it, or
unreachable, the PostgreSQL variants skip locally with the reason and FAIL in CI (``CI=true`` or
``LEXMEMO_REQUIRE_POSTGRES=1``, which ``.ci/run`` sets): CI must never pass by skipping them.
"""

from __future__ import annotations

import os
import uuid
from contextlib import contextmanager
from typing import Iterator
from urllib.parse import quote

import pytest

PG_ENV = "LEXMEMO_TEST_DATABASE_URL"


def no_postgres(what: str, reason: str) -> None:
    """Skip the PostgreSQL variant of ``what`` locally; fail it in CI."""
    if any(os.environ.get(v, "").lower() in ("1", "true", "yes") for v in ("CI", "LEXMEMO_REQUIRE_POSTGRES")):
        pytest.fail(f"CI: the PostgreSQL {what} cannot run: {reason}", pytrace=False)
    pytest.skip(f"PostgreSQL {what} skipped: {reason}")


@contextmanager
def fresh_schema(prefix: str, what: str) -> Iterator[str]:
    """A URL whose connections see a new schema first in their search_path; the schema is dropped afterwards."""
    base = os.environ.get(PG_ENV)
    if not base:
        no_postgres(what, f"{PG_ENV} is not set (run .ci/postgres.sh as root, or point it at a local server)")
    try:
        import psycopg
    except ImportError:
        no_postgres(what, "psycopg is not installed")
    schema = f"{prefix}_{uuid.uuid4().hex[:10]}"
    try:
        with psycopg.connect(base, autocommit=True, connect_timeout=5) as conn:
            conn.execute(f"CREATE SCHEMA {schema}")
    except psycopg.OperationalError as exc:
        no_postgres(what, f"cannot reach {base.rsplit('@', 1)[-1]}: {exc}")
    sep = "&" if "?" in base else "?"
    try:
        yield f"{base}{sep}options={quote(f'-c search_path={schema}')}"
    finally:
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")
