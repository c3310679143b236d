"""Saved matters: facts versions and memo versions in SQLite or PostgreSQL, with optimistic concurrency per matter.

Every write is one transaction (``backend.py``: BEGIN IMMEDIATE on SQLite, the matter row locked on PostgreSQL). A matter carries a ``revision`` counter; a writer says which
revision it last saw, and when another session has moved the matter on, the writer's facts are still saved (as a
``conflict`` version, kept in the history, never current) and :class:`ConflictError` tells it what happened.
Memo versions are append-only: a draft row is written before the drafter runs and completed (or failed) after.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.store.access import SharingMixin
from assistant.store.backend import Conn, PostgresBackend, SQLiteBackend, backend_for, open_backend
from assistant.store.schema import now_iso


class StoreError(Exception):
    """Base class of the matter store's errors."""


class MatterNotFound(StoreError, KeyError):
    """No matter with that id (deleted, or never existed)."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else "matter not found"


class ConflictError(StoreError):
    """Another session changed the matter since this one read it; this session's data was kept as a version."""

    def __init__(self, matter_id: str, expected: int, actual: int, kept_version_id: int | None = None) -> None:
        self.matter_id, self.expected, self.actual, self.kept_version_id = matter_id, expected, actual, kept_version_id
        kept = f"; your change was kept as facts version #{kept_version_id}" if kept_version_id else ""
        super().__init__(
            f"matter {matter_id} was changed by another session (you had revision {expected}, "
            f"it is now at {actual}){kept}. Reload the matter, then re-apply or restore your version."
        )


@dataclass(frozen=True)
class Matter:
    """A saved matter's header."""

    id: str
    name: str
    created: str
    updated: str
    doctrine: str
    revision: int
    owner: str | None = None  # the username that owns it (team mode); None: made before team mode / local use


@dataclass(frozen=True)
class FactsVersion:
    """One saved state of a matter's facts; ``extracted`` maps fields still unconfirmed to the text they came from."""

    id: int
    matter_id: str
    revision: int
    facts: dict[str, Any]
    extracted: dict[str, Any]
    source: str
    conflict: bool
    created: str


@dataclass(frozen=True)
class MemoVersion:
    """One memo version: a draft in progress, a finished or failed draft, or the lawyer's edit."""

    id: int
    matter_id: str
    status: str
    drafter: str
    facts_version_id: int | None
    markdown: str | None
    receipt: dict[str, Any] | None
    guard_ok: bool | None
    guard: dict[str, Any] | None
    error: str | None
    created: str
    completed: str | None
    facts_hash: str | None = None  # facts_hash() of the facts it was drafted from (None: written before schema v2)
    doctrine: str | None = None  # the doctrine profile it was drafted under


def facts_hash(facts: dict[str, Any]) -> str:
    """A stable hash of a facts dict (the stored JSON form), to tell whether a memo's facts have changed since."""
    return hashlib.sha256(_dumps(facts).encode("utf-8")).hexdigest()


def _dumps(value: Any) -> str:
    """JSON for storage: UTF-8 kept readable, dates and other objects as strings."""
    return json.dumps(value, ensure_ascii=False, default=str, sort_keys=True)


def _matter(row: Any) -> Matter:
    return Matter(row["id"], row["name"], row["created"], row["updated"], row["doctrine"], row["revision"],
                  row["owner"])


def _facts(row: Any) -> FactsVersion:
    return FactsVersion(
        row["id"], row["matter_id"], row["revision"], json.loads(row["facts_json"]),
        json.loads(row["extracted_json"] or "{}"), row["source"], bool(row["conflict"]), row["created"],
    )


def _memo(row: Any) -> MemoVersion:
    return MemoVersion(
        row["id"], row["matter_id"], row["status"], row["drafter"], row["facts_version_id"], row["markdown"],
        json.loads(row["receipt_json"]) if row["receipt_json"] else None,
        None if row["guard_ok"] is None else bool(row["guard_ok"]),
        json.loads(row["guard_json"]) if row["guard_json"] else None,
        row["error"], row["created"], row["completed"], row["facts_hash"], row["doctrine"],
    )


class MatterStore(SharingMixin):
    """The matter database (a SQLite path or a PostgreSQL URL); safe to use from several threads and processes."""

    def __init__(self, target: Path | str | SQLiteBackend | PostgresBackend) -> None:
        self.backend = open_backend(target)
        self.path = getattr(self.backend, "path", None)  # the SQLite file; None on PostgreSQL
        self.backend.ensure_schema()

    @classmethod
    def open(cls, settings: Any) -> "MatterStore":
        """The configured store: ``settings.database_url`` (PostgreSQL) when set, else ``settings.db_path``."""
        return cls(backend_for(settings))

    def _connection(self) -> Any:
        return self.backend.read()

    def _write(self) -> Any:
        """One write transaction (see backend.py); matter rows read with ``lock=True`` stay locked until commit."""
        return self.backend.write()

    @staticmethod
    def _header(conn: Conn, matter_id: str, lock: bool = False) -> Matter:
        row = conn.execute(f"SELECT * FROM matters WHERE id = ?{conn.lock if lock else ''}", (matter_id,)).fetchone()
        if row is None:
            raise MatterNotFound(f"no saved matter with id {matter_id!r}")
        return _matter(row)

    # --- matters -------------------------------------------------------------------------------------------
    def create_matter(
        self, name: str, doctrine: str = "qin2025", facts: dict[str, Any] | None = None,
        extracted: dict[str, Any] | None = None, owner: str | None = None, matter_id: str | None = None,
    ) -> Matter:
        """Create a matter (revision 1 when it starts with facts, else 0), owned by ``owner`` in team mode."""
        # matter_id: chosen by the caller when it must name the matter inside this transaction (the audit row)
        matter_id, now = matter_id or uuid.uuid4().hex[:12], now_iso()
        with self._write() as conn:
            conn.execute(
                "INSERT INTO matters(id, name, created, updated, doctrine, revision, owner)"
                " VALUES (?, ?, ?, ?, ?, 0, ?)",
                (matter_id, name.strip() or "未命名事项", now, now, doctrine, owner),
            )
            if facts is not None:
                self._insert_facts(conn, matter_id, 1, facts, extracted or {}, "user", False)
                conn.execute("UPDATE matters SET revision = 1 WHERE id = ?", (matter_id,))
            return self._header(conn, matter_id)

    def get_matter(self, matter_id: str) -> Matter:
        """The matter's header; raises MatterNotFound."""
        with self._connection() as conn:
            return self._header(conn, matter_id)

    def list_matters(self) -> list[Matter]:
        """Every saved matter, the most recently changed first."""
        with self._connection() as conn:
            rows = conn.execute("SELECT * FROM matters ORDER BY updated DESC, id").fetchall()
        return [_matter(r) for r in rows]

    def _bump(self, conn: Conn, matter_id: str, expected: int, **columns: Any) -> Matter:
        """Check the revision, then set ``columns`` and move the revision on; ConflictError when it moved."""
        current = self._header(conn, matter_id, lock=True)
        if current.revision != expected:
            raise ConflictError(matter_id, expected, current.revision)
        sets = "".join(f"{col} = ?, " for col in columns)
        conn.execute(
            f"UPDATE matters SET {sets}revision = revision + 1, updated = ? WHERE id = ?",
            (*columns.values(), now_iso(), matter_id),
        )
        return self._header(conn, matter_id)

    def rename(self, matter_id: str, name: str, expected_revision: int) -> Matter:
        """Rename a matter; ConflictError when another session changed it first."""
        if not name.strip():
            raise StoreError("a matter's name must not be empty")
        with self._write() as conn:
            return self._bump(conn, matter_id, expected_revision, name=name.strip())

    def set_doctrine(self, matter_id: str, doctrine: str, expected_revision: int) -> Matter:
        """Change the matter's doctrine profile; ConflictError when another session changed it first."""
        with self._write() as conn:
            return self._bump(conn, matter_id, expected_revision, doctrine=doctrine)

    def duplicate(self, matter_id: str, name: str | None = None, owner: str | None = None,
                  new_id: str | None = None) -> Matter:
        """A new matter with the source's current facts and its latest finished memo (history and shares not
        copied); owned by ``owner``, else by the source's owner."""
        with self._write() as conn:
            src = self._header(conn, matter_id)
            new_id, now = new_id or uuid.uuid4().hex[:12], now_iso()
            conn.execute(
                "INSERT INTO matters(id, name, created, updated, doctrine, revision, owner)"
                " VALUES (?, ?, ?, ?, ?, 0, ?)",
                (new_id, name or f"{src.name}（副本）", now, now, src.doctrine, owner or src.owner),
            )
            facts = self._latest_facts(conn, matter_id)
            if facts is not None:
                self._insert_facts(conn, new_id, 1, facts.facts, facts.extracted, "duplicate", False)
                conn.execute("UPDATE matters SET revision = 1 WHERE id = ?", (new_id,))
            memo = self._latest_memo(conn, matter_id)
            if memo is not None:
                conn.insert(
                    "INSERT INTO memo_versions(matter_id, status, drafter, markdown, receipt_json, guard_ok,"
                    " guard_json, created, completed, facts_hash, doctrine) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (new_id, memo.status, memo.drafter, memo.markdown,
                     _dumps(memo.receipt) if memo.receipt is not None else None,
                     None if memo.guard_ok is None else int(memo.guard_ok),
                     _dumps(memo.guard) if memo.guard is not None else None, now, now,
                     memo.facts_hash, memo.doctrine),
                )
            return self._header(conn, new_id)

    def delete(self, matter_id: str) -> None:
        """Delete a matter with all its facts and memo versions."""
        with self._write() as conn:
            self._header(conn, matter_id, lock=True)
            conn.execute("DELETE FROM matters WHERE id = ?", (matter_id,))

    # --- facts ---------------------------------------------------------------------------------------------
    @staticmethod
    def _insert_facts(
        conn: Conn, matter_id: str, revision: int, facts: dict[str, Any],
        extracted: dict[str, Any], source: str, conflict: bool,
    ) -> int:
        return conn.insert(
            "INSERT INTO facts_versions(matter_id, revision, facts_json, extracted_json, source, conflict, created)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (matter_id, revision, _dumps(facts), _dumps(extracted), source, int(conflict), now_iso()),
        )

    def save_facts(
        self, matter_id: str, facts: dict[str, Any], expected_revision: int,
        extracted: dict[str, Any] | None = None, source: str = "user",
    ) -> FactsVersion:
        """Save a new facts version. When the matter moved on, keep this one as a conflict version and raise."""
        with self._write() as conn:
            current = self._header(conn, matter_id, lock=True)  # held to commit: no other save interleaves
            if current.revision != expected_revision:
                kept = self._insert_facts(conn, matter_id, current.revision, facts, extracted or {}, source, True)
                row = None
            else:
                new_rev = current.revision + 1
                version_id = self._insert_facts(conn, matter_id, new_rev, facts, extracted or {}, source, False)
                conn.execute("UPDATE matters SET revision = ?, updated = ? WHERE id = ?",
                             (new_rev, now_iso(), matter_id))
                row = conn.execute("SELECT * FROM facts_versions WHERE id = ?", (version_id,)).fetchone()
        if row is None:  # the loser's data was committed above, before we tell it that it lost
            raise ConflictError(matter_id, expected_revision, current.revision, kept)
        return _facts(row)

    @staticmethod
    def _latest_facts(conn: Conn, matter_id: str) -> FactsVersion | None:
        row = conn.execute(
            "SELECT * FROM facts_versions WHERE matter_id = ? AND conflict = 0 ORDER BY id DESC LIMIT 1",
            (matter_id,),
        ).fetchone()
        return _facts(row) if row else None

    def latest_facts(self, matter_id: str) -> FactsVersion | None:
        """The matter's current facts (the newest non-conflict version), or None before any facts were saved."""
        with self._connection() as conn:
            self._header(conn, matter_id)
            return self._latest_facts(conn, matter_id)

    def facts_version(self, version_id: int) -> FactsVersion | None:
        """One facts version by its id, or None."""
        with self._connection() as conn:
            row = conn.execute("SELECT * FROM facts_versions WHERE id = ?", (version_id,)).fetchone()
        return _facts(row) if row else None

    def facts_history(self, matter_id: str) -> list[FactsVersion]:
        """Every facts version of the matter, oldest first, conflict versions included."""
        with self._connection() as conn:
            rows = conn.execute(
                "SELECT * FROM facts_versions WHERE matter_id = ? ORDER BY id", (matter_id,)
            ).fetchall()
        return [_facts(r) for r in rows]

    # --- memos ---------------------------------------------------------------------------------------------
    def begin_draft(
        self, matter_id: str, drafter: str, facts_version_id: int | None = None, facts_hash: str | None = None,
        doctrine: str | None = None,
    ) -> int:
        """Write the draft row (with the facts and doctrine it is drafted from) before the drafter runs; returns its id."""
        with self._write() as conn:
            self._header(conn, matter_id)
            memo_id = conn.insert(
                "INSERT INTO memo_versions(matter_id, status, drafter, facts_version_id, facts_hash, doctrine, created)"
                " VALUES (?, 'drafting', ?, ?, ?, ?, ?)",
                (matter_id, drafter, facts_version_id, facts_hash, doctrine, now_iso()),
            )
            conn.execute("UPDATE matters SET updated = ? WHERE id = ?", (now_iso(), matter_id))
            return memo_id

    def _finish(self, memo_id: int, **columns: Any) -> MemoVersion:
        with self._write() as conn:
            row = conn.execute(f"SELECT * FROM memo_versions WHERE id = ?{conn.lock}", (memo_id,)).fetchone()
            if row is None:
                raise StoreError(f"no memo version #{memo_id}")
            if row["status"] != "drafting":
                raise StoreError(f"memo version #{memo_id} is already {row['status']}")
            sets = ", ".join(f"{col} = ?" for col in columns)
            conn.execute(f"UPDATE memo_versions SET {sets}, completed = ? WHERE id = ?",
                         (*columns.values(), now_iso(), memo_id))
            return _memo(conn.execute("SELECT * FROM memo_versions WHERE id = ?", (memo_id,)).fetchone())

    def complete_draft(
        self, memo_id: int, markdown: str, receipt: dict[str, Any] | None, guard_ok: bool | None,
        guard: dict[str, Any] | None = None,
    ) -> MemoVersion:
        """Complete a draft row with the memo, its receipt and the guard's verdict."""
        return self._finish(
            memo_id, status="done", markdown=markdown, receipt_json=_dumps(receipt) if receipt is not None else None,
            guard_ok=None if guard_ok is None else int(guard_ok), guard_json=_dumps(guard) if guard else None,
        )

    def fail_draft(self, memo_id: int, error: str) -> MemoVersion:
        """Mark a draft row as failed with the error (the row stays in the history)."""
        return self._finish(memo_id, status="failed", error=error)

    def save_edit(
        self, matter_id: str, markdown: str, guard_ok: bool | None, guard: dict[str, Any] | None = None,
        receipt: dict[str, Any] | None = None, based_on: MemoVersion | None = None,
    ) -> MemoVersion:
        """Save the lawyer's edited memo as a new version; it keeps the facts basis of ``based_on`` (an edit is
        not a redraft, so a memo drafted from old facts stays stale when edited)."""
        basis = (based_on.facts_version_id, based_on.facts_hash, based_on.doctrine) if based_on else (None, None, None)
        with self._write() as conn:
            self._header(conn, matter_id)
            now = now_iso()
            memo_id = conn.insert(
                "INSERT INTO memo_versions(matter_id, status, drafter, markdown, receipt_json, guard_ok, guard_json,"
                " created, completed, facts_version_id, facts_hash, doctrine)"
                " VALUES (?, 'edited', 'edit', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (matter_id, markdown, _dumps(receipt) if receipt is not None else None,
                 None if guard_ok is None else int(guard_ok), _dumps(guard) if guard else None, now, now, *basis),
            )
            conn.execute("UPDATE matters SET updated = ? WHERE id = ?", (now, matter_id))
            return _memo(conn.execute("SELECT * FROM memo_versions WHERE id = ?", (memo_id,)).fetchone())

    @staticmethod
    def _latest_memo(conn: Conn, matter_id: str) -> MemoVersion | None:
        row = conn.execute(
            "SELECT * FROM memo_versions WHERE matter_id = ? AND status IN ('done', 'edited')"
            " ORDER BY id DESC LIMIT 1", (matter_id,),
        ).fetchone()
        return _memo(row) if row else None

    def latest_memo(self, matter_id: str) -> MemoVersion | None:
        """The newest finished or edited memo of the matter."""
        with self._connection() as conn:
            return self._latest_memo(conn, matter_id)

    def memo_history(self, matter_id: str) -> list[MemoVersion]:
        """Every memo version of the matter (drafting, failed, done, edited), newest first."""
        with self._connection() as conn:
            rows = conn.execute(
                "SELECT * FROM memo_versions WHERE matter_id = ? ORDER BY id DESC", (matter_id,)
            ).fetchall()
        return [_memo(r) for r in rows]
