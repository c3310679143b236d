"""Server-side sessions of the sign-in gate: a random token in the cookie, only its SHA-256 in the database.

A session row holds who signed in, when, until when (``expires``: ``settings.session_hours`` after sign-in) and when it
was last used (``last_seen``: for the idle timeout). Every check joins ``users``, so disabling a lawyer ends their
sessions at their next request; the rows live in the same database as the users (SQLite or PostgreSQL).
"""

from __future__ import annotations

import hashlib
import secrets
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable

from assistant.store.backend import PostgresBackend, SQLiteBackend, backend_for, open_backend

# last_seen is written at most this often per session: every proxied request (scripts, fonts, media) is checked,
# and a write per request would make the database the gate's bottleneck; the idle timeout is minutes, not seconds.
TOUCH_EVERY_S = 60.0


def token_hash(token: str) -> str:
    """The SHA-256 (hex) of a session token: what the database keeps, so a copy of it opens no session."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _iso(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, timezone.utc).isoformat(timespec="microseconds")


def _epoch(iso: str) -> float:
    return datetime.fromisoformat(iso).timestamp()


@dataclass(frozen=True)
class Session:
    """One signed-in session (never carries the token)."""

    username: str
    created: str
    expires: str
    last_seen: str


class SessionStore:
    """Sessions in the users' database; ``clock`` (epoch seconds) is injectable so tests can move time."""

    def __init__(self, target: Path | str | SQLiteBackend | PostgresBackend,
                 clock: Callable[[], float] = time.time, idle_minutes: float = 0.0) -> None:
        self.backend = open_backend(target)
        self.backend.ensure_schema()
        self.clock, self.idle_s = clock, max(0.0, idle_minutes) * 60.0

    @classmethod
    def open(cls, settings: Any, clock: Callable[[], float] = time.time) -> "SessionStore":
        """The configured database (``settings.database_url`` or ``settings.db_path``), its idle timeout."""
        return cls(backend_for(settings), clock=clock, idle_minutes=settings.session_idle_minutes)

    def create(self, username: str, hours: float) -> str:
        """Start a session for ``username`` lasting ``hours``; return the token for the cookie (shown only once)."""
        if hours <= 0:
            raise ValueError("a session must last a positive number of hours")
        token, now = secrets.token_urlsafe(32), self.clock()
        with self.backend.write() as conn:
            conn.execute("INSERT INTO sessions(token_hash, username, created, expires, last_seen) VALUES (?, ?, ?, ?, ?)",
                         (token_hash(token), username, _iso(now), _iso(now + hours * 3600), _iso(now)))
        return token

    def _row(self, token: str) -> Any:
        with self.backend.read() as conn:
            return conn.execute(
                "SELECT s.username, s.created, s.expires, s.last_seen, u.disabled FROM sessions s"
                " JOIN users u ON u.username = s.username WHERE s.token_hash = ?", (token_hash(token),)).fetchone()

    def verify(self, token: str | None, touch: bool = True) -> str | None:
        """The user name of a live session; None when unknown, expired, idle too long or the user is disabled.

        ``touch=False`` checks without counting as use (the gate's periodic check of an idle open websocket)."""
        if not token:
            return None
        row, now = self._row(token), self.clock()
        if row is None or row["disabled"]:
            return None
        if now >= _epoch(row["expires"]) or (self.idle_s and now - _epoch(row["last_seen"]) >= self.idle_s):
            self.revoke(token)  # dead for good: drop it now rather than keep a row no request can use
            return None
        if touch and now - _epoch(row["last_seen"]) >= TOUCH_EVERY_S:
            with self.backend.write() as conn:
                conn.execute("UPDATE sessions SET last_seen = ? WHERE token_hash = ?", (_iso(now), token_hash(token)))
        return row["username"]

    def get(self, token: str) -> Session | None:
        """The stored session for a token, live or not (for tests and diagnostics)."""
        row = self._row(token)
        return None if row is None else Session(row["username"], row["created"], row["expires"], row["last_seen"])

    def revoke(self, token: str) -> None:
        """End one session (sign-out)."""
        with self.backend.write() as conn:
            conn.execute("DELETE FROM sessions WHERE token_hash = ?", (token_hash(token),))

    def revoke_user(self, username: str) -> int:
        """End every session of a user (e.g. after a password reset); return how many there were."""
        with self.backend.write() as conn:
            n = conn.execute("SELECT COUNT(*) FROM sessions WHERE username = ?", (username,)).fetchone()[0]
            conn.execute("DELETE FROM sessions WHERE username = ?", (username,))
        return int(n)

    def purge_expired(self) -> int:
        """Delete sessions past their expiry (run at gate start); return how many."""
        now = _iso(self.clock())
        with self.backend.write() as conn:
            n = conn.execute("SELECT COUNT(*) FROM sessions WHERE expires <= ?", (now,)).fetchone()[0]
            conn.execute("DELETE FROM sessions WHERE expires <= ?", (now,))
        return int(n)
