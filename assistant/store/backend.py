"""Where the matter store's rows live: a SQLite file (default) or a PostgreSQL server — every dialect difference here.

The stores (``matters.py``, ``batches.py``) write one SQL text with ``?`` placeholders and call:

    with backend.read() as conn: conn.execute(sql, params).fetchall()
    with backend.write() as conn: ...          # one transaction, committed on exit, rolled back on any error
    conn.insert(sql, params)                   # INSERT ... RETURNING id → the new id
    conn.lock                                  # " FOR UPDATE" on PostgreSQL, "" on SQLite (see write())

SQLite: ``BEGIN IMMEDIATE`` takes the database's one write lock up front, so read-check-write is atomic.
PostgreSQL: READ COMMITTED plus ``SELECT ... FOR UPDATE`` on the matter row, so two sessions saving one matter
queue on that row and the second sees the first's revision (it then records a conflict, exactly as on SQLite).
"""

from __future__ import annotations

import os
import queue
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator, Sequence

from assistant.store.schema import connect as sqlite_connect
from assistant.store.schema import ensure_schema as sqlite_ensure_schema


def is_postgres_url(target: object) -> bool:
    """True for a ``postgresql://`` / ``postgres://`` URL (anything else is a SQLite file path)."""
    return isinstance(target, str) and target.startswith(("postgresql://", "postgres://"))


class Row:
    """A result row readable by column name or by position, like ``sqlite3.Row`` (so the stores need one code path)."""

    __slots__ = ("_names", "_values")

    def __init__(self, names: dict[str, int], values: Sequence[Any]) -> None:
        self._names, self._values = names, values

    def __getitem__(self, key: int | str) -> Any:
        return self._values[key] if isinstance(key, int) else self._values[self._names[key]]

    def keys(self) -> list[str]:
        """The column names, in order (so ``dict(row)`` works)."""
        return list(self._names)


def _pg_row_factory(cursor: Any) -> Any:
    names = {d.name: i for i, d in enumerate(cursor.description or ())}
    return lambda values: Row(names, values)


class Conn:
    """One connection in use: ``execute`` with ``?`` placeholders on either database."""

    def __init__(self, raw: Any, postgres: bool) -> None:
        self.raw, self.postgres = raw, postgres
        self.lock = " FOR UPDATE" if postgres else ""

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run one statement; ``?`` becomes ``%s`` on PostgreSQL (our SQL has no literal ``?`` or ``%``)."""
        if self.postgres:
            return self.raw.execute(sql.replace("?", "%s"), tuple(params))
        return self.raw.execute(sql, tuple(params))

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """Run one statement for each parameter row."""
        if self.postgres:
            with self.raw.cursor() as cur:
                cur.executemany(sql.replace("?", "%s"), rows)
        else:
            self.raw.executemany(sql, rows)

    def insert(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run an INSERT and return the new row's id (RETURNING works on SQLite ≥ 3.35 and PostgreSQL)."""
        rows = self.execute(sql + " RETURNING id", params).fetchall()  # fetch all: the statement must finish
        return int(rows[0][0])


class SQLiteBackend:
    """A SQLite file; one short-lived connection per operation (none shared across Streamlit sessions or threads)."""

    postgres = False

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.label = str(self.path)

    def ensure_schema(self) -> None:
        """Create or migrate the matter tables."""
        conn = sqlite_connect(self.path)
        try:
            sqlite_ensure_schema(conn)
        finally:
            conn.close()

    @contextmanager
    def read(self) -> Iterator[Conn]:
        """A connection for reads (autocommit: each SELECT sees the latest committed state)."""
        raw = sqlite_connect(self.path)
        try:
            yield Conn(raw, False)
        finally:
            raw.close()

    @contextmanager
    def write(self) -> Iterator[Conn]:
        """One write transaction: BEGIN IMMEDIATE takes the write lock up front so read-check-write is atomic."""
        with self.read() as conn:
            conn.raw.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.raw.execute("ROLLBACK")
                raise
            conn.raw.execute("COMMIT")


_PING_AFTER_S = 2.0  # a pooled connection idle longer than this is checked before use (one round trip)


class PostgresBackend:
    """A PostgreSQL database at ``url``; a small pool of connections reused across operations and threads."""

    postgres = True

    def __init__(self, url: str, pool_size: int = 4) -> None:
        try:
            import psycopg
        except ImportError as exc:  # a clear error, not an AttributeError later
            raise RuntimeError("LEXMEMO_DATABASE_URL is a PostgreSQL URL but psycopg is not installed: "
                               "pip install 'psycopg[binary]'") from exc
        self._psycopg, self.url = psycopg, url
        self.label = _redact(url)
        self._idle: queue.LifoQueue[Any] = queue.LifoQueue(maxsize=pool_size)
        self._migrated = False
        self._pid, self._inherited = os.getpid(), []  # see _get: connections a forked child must never touch

    def _get(self) -> Any:
        if os.getpid() != self._pid:
            # A forked child shares the parent's sockets: using (or even closing) them would break the parent's
            # sessions, so the child keeps them referenced, untouched, and opens its own.
            self._inherited.append(self._idle)
            self._idle, self._pid = queue.LifoQueue(maxsize=self._idle.maxsize), os.getpid()
        while True:
            try:
                raw, since = self._idle.get_nowait()
            except queue.Empty:
                # autocommit: reads see the latest commit; writes open their own transaction in write().
                return self._psycopg.connect(self.url, autocommit=True, row_factory=_pg_row_factory,
                                             connect_timeout=10)
            if not raw.closed and raw.info.transaction_status == self._psycopg.pq.TransactionStatus.IDLE:
                if time.monotonic() - since < _PING_AFTER_S or self._alive(raw):
                    return raw
            raw.close()

    def _alive(self, raw: Any) -> bool:
        """A connection idle for a while is checked first: the server may have restarted since (maintenance)."""
        try:
            raw.execute("SELECT 1")
            return True
        except self._psycopg.Error:
            return False

    def _put(self, raw: Any) -> None:
        try:
            self._idle.put_nowait((raw, time.monotonic()))
        except queue.Full:
            raw.close()

    def ensure_schema(self) -> None:
        """Apply the migrations this database has not had yet (checked once per backend, i.e. per process)."""
        from assistant.store.pg_schema import migrate

        if self._migrated:
            return
        with self.read() as conn:
            migrate(conn)
        self._migrated = True

    @contextmanager
    def read(self) -> Iterator[Conn]:
        """A pooled connection in autocommit mode; a broken one is closed, never returned to the pool."""
        raw = self._get()
        try:
            yield Conn(raw, True)
        finally:
            # a connection left mid-transaction or broken is closed here (_get checks again before reuse)
            if raw.closed or raw.info.transaction_status != self._psycopg.pq.TransactionStatus.IDLE:
                raw.close()
            else:
                self._put(raw)

    @contextmanager
    def write(self) -> Iterator[Conn]:
        """One transaction (READ COMMITTED; the stores lock the matter row with ``conn.lock``), committed on exit."""
        with self.read() as conn:
            with conn.raw.transaction():  # rolls back on any exception; COMMIT is durable (synchronous_commit on)
                yield conn


def _redact(url: str) -> str:
    """The URL with its password hidden, for messages."""
    head, sep, tail = url.partition("@")
    if not sep or ":" not in head.split("//", 1)[-1]:
        return url
    scheme, _, userinfo = head.partition("//")
    return f"{scheme}//{userinfo.split(':', 1)[0]}:***@{tail}"


_PG_BACKENDS: dict[str, PostgresBackend] = {}
_PG_LOCK = threading.Lock()


def open_backend(target: Any) -> SQLiteBackend | PostgresBackend:
    """A backend for a PostgreSQL URL (one per URL and process: stores opened per request share its pool),
    a SQLite path, or an already opened backend."""
    if isinstance(target, (SQLiteBackend, PostgresBackend)):
        return target
    if not is_postgres_url(target):
        return SQLiteBackend(target)
    with _PG_LOCK:
        if target not in _PG_BACKENDS:
            _PG_BACKENDS[target] = PostgresBackend(target)
        return _PG_BACKENDS[target]


def backend_for(settings: Any) -> SQLiteBackend | PostgresBackend:
    """The configured database: ``settings.database_url`` when set, else the SQLite file ``settings.db_path``."""
    return open_backend(getattr(settings, "database_url", None) or settings.db_path)
