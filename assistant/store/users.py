"""The firm's lawyers (team mode): user names with bcrypt password hashes in the matter database.

    users = UserStore.open(settings)
    users.add("zhang", "一个足够长的口令", display_name="张律师")
    users.verify("zhang", password)      # the User, or None (unknown, disabled or wrong password: not told apart)

Only the bcrypt hash is stored (cost 12, salted); a disabled user is kept (their matters and history stay theirs)
but can no longer sign in or be shared with. Sign-in itself is ``assistant/auth`` (the gate in front of the
workspace checks passwords here; its sessions live in the ``sessions`` table of the same database).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from assistant.store.backend import PostgresBackend, SQLiteBackend, backend_for, open_backend
from assistant.store.matters import StoreError
from assistant.store.schema import now_iso

MIN_PASSWORD_CHARS = 10
_BCRYPT_MAX_BYTES = 72  # bcrypt reads only the first 72 bytes: refuse longer rather than silently ignore the rest
_USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{1,31}")


@dataclass(frozen=True)
class User:
    """A lawyer's account (never carries the password hash)."""

    username: str
    display_name: str
    disabled: bool
    created: str
    password_set: str


def _user(row: Any) -> User:
    return User(row["username"], row["display_name"], bool(row["disabled"]), row["created"], row["password_set"])


@cache
def _dummy_hash() -> bytes:
    """A hash to check unknown users against, so "no such user" takes as long as "wrong password"."""
    import bcrypt

    return bcrypt.hashpw(b"no such user", bcrypt.gensalt(rounds=12))


def _hash(password: str) -> str:
    """A salted bcrypt hash of an acceptable password; StoreError says what is wrong with a bad one."""
    import bcrypt

    if len(password) < MIN_PASSWORD_CHARS:
        raise StoreError(f"the password must have at least {MIN_PASSWORD_CHARS} characters")
    if len(password.encode("utf-8")) > _BCRYPT_MAX_BYTES:
        raise StoreError(f"the password must be at most {_BCRYPT_MAX_BYTES} bytes in UTF-8 (bcrypt's limit)")
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(rounds=12)).decode("ascii")


class UserStore:
    """Users in the matter database (a SQLite path or a PostgreSQL URL)."""

    def __init__(self, target: Path | str | SQLiteBackend | PostgresBackend) -> None:
        self.backend = open_backend(target)
        self.backend.ensure_schema()

    @classmethod
    def open(cls, settings: Any) -> "UserStore":
        """The configured database: ``settings.database_url`` when set, else ``settings.db_path``."""
        return cls(backend_for(settings))

    def add(self, username: str, password: str, display_name: str | None = None) -> User:
        """Add a lawyer; StoreError for a taken or malformed user name or a too short/long password."""
        if not _USERNAME.fullmatch(username):
            raise StoreError("a user name is 2-32 characters: lower-case letters, digits, '.', '_' or '-'")
        hashed, now = _hash(password), now_iso()
        with self.backend.write() as conn:
            if conn.execute(f"SELECT 1 FROM users WHERE username = ?{conn.lock}", (username,)).fetchone():
                raise StoreError(f"user {username!r} already exists")
            conn.execute("INSERT INTO users(username, display_name, password_hash, disabled, created, password_set)"
                         " VALUES (?, ?, ?, 0, ?, ?)", (username, (display_name or username).strip(), hashed, now, now))
        return self.get(username)

    def get(self, username: str) -> User:
        """One user; StoreError when there is none."""
        with self.backend.read() as conn:
            row = conn.execute("SELECT * FROM users WHERE username = ?", (username,)).fetchone()
        if row is None:
            raise StoreError(f"no user {username!r}")
        return _user(row)

    def list(self) -> list[User]:
        """Every user, disabled ones included, by user name."""
        with self.backend.read() as conn:
            rows = conn.execute("SELECT * FROM users ORDER BY username").fetchall()
        return [_user(r) for r in rows]

    def _set(self, username: str, sql: str, params: tuple[Any, ...]) -> User:
        with self.backend.write() as conn:
            if conn.execute(f"SELECT 1 FROM users WHERE username = ?{conn.lock}", (username,)).fetchone() is None:
                raise StoreError(f"no user {username!r}")
            conn.execute(sql, (*params, username))
        return self.get(username)

    def disable(self, username: str) -> User:
        """Disable a user: no sign-in, no new shares; their matters and history are kept."""
        return self._set(username, "UPDATE users SET disabled = 1 WHERE username = ?", ())

    def enable(self, username: str) -> User:
        """Re-enable a disabled user."""
        return self._set(username, "UPDATE users SET disabled = 0 WHERE username = ?", ())

    def reset_password(self, username: str, password: str) -> User:
        """Set a new password (the old hash is overwritten)."""
        return self._set(username, "UPDATE users SET password_hash = ?, password_set = ? WHERE username = ?",
                         (_hash(password), now_iso()))

    def verify(self, username: str, password: str) -> User | None:
        """The user when the password is right and the account enabled; else None (the cause is not revealed)."""
        import bcrypt

        with self.backend.read() as conn:
            row = conn.execute("SELECT * FROM users WHERE username = ?", (username,)).fetchone()
        stored = row["password_hash"].encode("ascii") if row is not None else _dummy_hash()
        try:
            ok = bcrypt.checkpw(password.encode("utf-8")[:_BCRYPT_MAX_BYTES], stored)
        except ValueError:
            ok = False
        if row is None or not ok or row["disabled"]:
            return None
        return _user(row)
