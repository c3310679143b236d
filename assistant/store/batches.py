"""Triage batches in the matter database: a run's table survives reloads, can be reopened, compared, opened as matters.

    from assistant.store.batches import BatchStore
    bs = BatchStore(settings.db_path)
    bid = bs.save("claims.csv", records, doctrine="qin2025", encoding="gb18030")
    bs.list()                      # newest first: id, name, created, counts
    bs.load(bid)                   # the records, in the order they were shown
    bs.compare(bid_a, bid_b)       # rows added, removed, and changed (field → before, after)
    matter = bs.open_as_matter(matter_store, bid, "C1")   # a matter holding the row's narrative and facts
    BatchView(bs, "zhang")         # team mode: only zhang's batches, every access in ``matter_audit``

A separate module with its own tables (``triage_batches``, ``triage_batch_rows``): on SQLite created on first use, so
the matter schema in ``matters.py``/``schema.py`` stays as it is; on PostgreSQL migration 3 (``pg_schema.py``).
A batch's ``owner`` (team mode, issue 17) is a later column: added here on SQLite, by migration 6 on PostgreSQL.
``BatchStore.open(settings)`` follows ``LEXMEMO_DATABASE_URL`` like the matter store.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.store.backend import PostgresBackend, SQLiteBackend, backend_for, open_backend
from assistant.store.schema import now_iso

_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS triage_batches (
        id TEXT PRIMARY KEY, name TEXT NOT NULL, created TEXT NOT NULL, doctrine TEXT NOT NULL,
        encoding TEXT, total INTEGER NOT NULL, failed INTEGER NOT NULL, flagged INTEGER NOT NULL, owner TEXT)""",
    """CREATE TABLE IF NOT EXISTS triage_batch_rows (
        batch_id TEXT NOT NULL REFERENCES triage_batches(id) ON DELETE CASCADE, position INTEGER NOT NULL,
        record_id TEXT NOT NULL, record_json TEXT NOT NULL, PRIMARY KEY (batch_id, position))""",
)
#: Fields compared between two runs (the verdict and the facts; not the free text).
COMPARED = ("priority", "needs_review", "error", "liability_form", "event_date", "platform_role", "category", "harm",
            "knew_or_should_have_known", "necessary_measures_taken", "qualification_review_done", "safety_duty_done",
            "merchant_identity_provided", "complaint_delay_expanded_damage")

#: Where a version's extracted marks keep the extractor's cut (the key ``ui/views/state.CUT_MARK`` reads).
CUT_MARK = "_cut"


def row_cut(rec: dict[str, Any]) -> dict[str, Any] | None:
    """The extractor's cut saved with a row (``{"read", "total", "note"}``), or None: no cut, or a batch saved before
    rows carried it (issue 14; the row's review reason is text for a person and is not parsed)."""
    cut = rec.get("extract_cut")
    if not isinstance(cut, dict):
        return None
    read, total = cut.get("read"), cut.get("total")
    if not (isinstance(read, int) and isinstance(total, int) and 0 <= read < total):
        return None  # not a cut the page can state in numbers
    return {"read": read, "total": total, "note": str(cut.get("note") or "")}


@dataclass(frozen=True)
class Batch:
    """A saved triage run's header."""

    id: str
    name: str
    created: str
    doctrine: str
    encoding: str | None
    total: int
    failed: int
    flagged: int
    owner: str | None = None  # the lawyer who ran it (team mode); None: the CLI or local use


class BatchStore:
    """Triage batches in the matter database (a SQLite path or a PostgreSQL URL)."""

    def __init__(self, target: Path | str | SQLiteBackend | PostgresBackend) -> None:
        self.backend = open_backend(target)
        self.path = getattr(self.backend, "path", None)
        if self.backend.postgres:
            self.backend.ensure_schema()
        else:
            with self._write() as conn:
                for statement in _SCHEMA:
                    conn.execute(statement)
                # a database written before team mode: add the owner column (old batches keep NULL: no owner)
                if "owner" not in {r[1] for r in conn.execute("PRAGMA table_info(triage_batches)").fetchall()}:
                    conn.execute("ALTER TABLE triage_batches ADD COLUMN owner TEXT")

    @classmethod
    def open(cls, settings: Any) -> "BatchStore":
        """The configured database: ``settings.database_url`` when set, else ``settings.db_path``."""
        return cls(backend_for(settings))

    def _write(self) -> Any:
        return self.backend.write()

    def save(self, name: str, records: list[dict[str, Any]], doctrine: str, encoding: str | None = None,
             owner: str | None = None, batch_id: str | None = None) -> str:
        """Save one run's records (every row: done, failed or under review) in one transaction; return its id."""
        bid = batch_id or uuid.uuid4().hex[:12]  # chosen by BatchView, so its audit row goes in this transaction
        failed = sum(1 for r in records if r.get("error"))
        flagged = sum(1 for r in records if r.get("needs_review") and not r.get("error"))
        with self._write() as conn:
            conn.execute("INSERT INTO triage_batches(id, name, created, doctrine, encoding, total, failed, flagged,"
                         " owner) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         (bid, name, now_iso(), doctrine, encoding, len(records), failed, flagged, owner))
            conn.executemany("INSERT INTO triage_batch_rows VALUES (?, ?, ?, ?)",
                             [(bid, i, str(r.get("id")), json.dumps(r, ensure_ascii=False, default=str))
                              for i, r in enumerate(records)])
        return bid

    def list(self, owner: str | None = None) -> list[Batch]:
        """Saved batches, newest first: every one, or (``owner`` given) only that lawyer's."""
        sql, params = "SELECT * FROM triage_batches", ()
        if owner is not None:
            sql, params = f"{sql} WHERE owner = ?", (owner,)
        with self.backend.read() as conn:
            rows = conn.execute(f"{sql} ORDER BY created DESC", params).fetchall()
        return [Batch(**{k: r[k] for k in r.keys()}) for r in rows]

    def owner(self, batch_id: str) -> str | None:
        """Who ran the batch (None: no owner); KeyError when there is no such batch."""
        with self.backend.read() as conn:
            row = conn.execute("SELECT owner FROM triage_batches WHERE id = ?", (batch_id,)).fetchone()
        if row is None:
            raise KeyError(f"no saved triage batch {batch_id!r}")
        return row[0]

    def load(self, batch_id: str) -> list[dict[str, Any]]:
        """The records of a saved batch, in their saved order; KeyError when there is no such batch."""
        with self.backend.read() as conn:
            if conn.execute("SELECT 1 FROM triage_batches WHERE id = ?", (batch_id,)).fetchone() is None:
                raise KeyError(f"no saved triage batch {batch_id!r}")
            rows = conn.execute("SELECT record_json FROM triage_batch_rows WHERE batch_id = ? ORDER BY position",
                                (batch_id,)).fetchall()
        return [json.loads(r[0]) for r in rows]

    def delete(self, batch_id: str) -> None:
        """Remove a saved batch and its rows."""
        with self._write() as conn:
            conn.execute("DELETE FROM triage_batch_rows WHERE batch_id = ?", (batch_id,))
            conn.execute("DELETE FROM triage_batches WHERE id = ?", (batch_id,))

    def compare(self, before_id: str, after_id: str) -> dict[str, Any]:
        """Rows only in one run, and per common id the fields whose value changed: {id: {field: (before, after)}}."""
        before = {str(r.get("id")): r for r in self.load(before_id)}
        after = {str(r.get("id")): r for r in self.load(after_id)}
        changed = {}
        for rid in before.keys() & after.keys():
            diff = {f: (before[rid].get(f), after[rid].get(f)) for f in COMPARED
                    if before[rid].get(f) != after[rid].get(f)}
            if diff:
                changed[rid] = diff
        return {"added": sorted(after.keys() - before.keys()), "removed": sorted(before.keys() - after.keys()),
                "changed": dict(sorted(changed.items()))}

    def open_as_matter(self, matter_store: Any, batch_id: str, record_id: str) -> Any:
        """Create a matter from one row: its narrative, the facts triage used (a failed row: the narrative only), and
        the extractor's cut when it read only part of the narrative (kept under ``CUT_MARK``)."""
        from assistant.triage.coerce import FACT_COLUMNS

        rec = next((r for r in self.load(batch_id) if str(r.get("id")) == str(record_id)), None)
        if rec is None:
            raise KeyError(f"no row {record_id!r} in triage batch {batch_id!r}")
        facts = {f: rec[f] for f in FACT_COLUMNS if rec.get(f) is not None}
        if rec.get("narrative"):
            facts["narrative"] = rec["narrative"]
        # facts read from the text carry the extraction mark the matter page shows: {field: {text, value}}
        sources = dict(p.split("=", 1) for p in (rec.get("fact_sources") or "").split("; ") if "=" in p)
        quotes = dict(re.findall(r"(\w+):「(.*?)」", rec.get("evidence") or ""))
        extracted = {f: {"text": quotes.get(f, ""), "value": v} for f, v in facts.items()
                     if f != "narrative" and sources.get(f, "").startswith("text")}
        cut = row_cut(rec)
        if cut:  # the extractor read only part of the narrative: the matter page says so (ui/views/state.py)
            extracted[CUT_MARK] = cut
        doctrine = self._doctrine(batch_id)
        return matter_store.create_matter(f"分诊 {record_id}", doctrine=doctrine, facts=facts, extracted=extracted)

    def _doctrine(self, batch_id: str) -> str:
        with self.backend.read() as conn:
            row = conn.execute("SELECT doctrine FROM triage_batches WHERE id = ?", (batch_id,)).fetchone()
        return row[0] if row else "qin2025"


class BatchView:
    """The triage batches one signed-in lawyer may see (the ones they ran), every access written to ``matter_audit``.

    As with ``LawyerView``, another lawyer's batch answers exactly like a missing one (KeyError), so its existence
    is not revealed; the attempt is recorded as ``batch-denied``. Audit rows of batches carry no matter id: the
    batch id is in ``detail`` ("batch <id>: ...").
    """

    def __init__(self, batches: BatchStore, username: str, log: Any = None) -> None:
        import copy

        from assistant.store.audit import _AuditedBackend

        self.batches, self.username, self.log = batches, username, log  # log: the run's audit.AuditLog, if any
        # writes go through a copy whose transactions carry their audit rows (as LawyerView's, see audit.py)
        self._op_rows: list[tuple] = []
        self._audited = copy.copy(batches)
        self._audited.backend = _AuditedBackend(batches.backend, self)  # type: ignore[arg-type]

    def _row(self, action: str, batch_id: str | None, detail: str = "") -> tuple:
        from assistant.store.audit import _row

        what = f"batch {batch_id}" if batch_id else "batches"
        return _row(self.username, action, None, f"{what}: {detail}" if detail else what)

    def _record(self, action: str, batch_id: str | None, detail: str = "") -> None:
        from assistant.store.audit import _insert

        row = self._row(action, batch_id, detail)
        if self.log is not None and action in ("batch-list", "batch-read"):  # reads wait for the run's flush
            self.log.rows.append(row)
            return
        try:
            with self.batches.backend.write() as conn:  # a refusal (or a read without a log) is written at once
                _insert(conn, [row])
        except BaseException:
            if self.log is not None:
                self.log.rows.append(row)  # not written: the run's flush sends it, or spools it (audit_spool.py)
            raise

    def _guard(self, batch_id: str, method: str) -> None:
        try:
            mine = self.batches.owner(batch_id) == self.username
        except KeyError:
            mine = False
        if not mine:
            self._record("batch-denied", batch_id, method)
            raise KeyError(f"no saved triage batch {batch_id!r}")

    def save(self, name: str, records: list[dict[str, Any]], doctrine: str, encoding: str | None = None) -> str:
        """Save a run owned by this lawyer; return its id (its audit row is written in the same transaction)."""
        bid = uuid.uuid4().hex[:12]
        self._op_rows = [self._row("batch-create", bid, f"{name} ({len(records)} rows)")]
        try:
            return self._audited.save(name, records, doctrine, encoding, owner=self.username, batch_id=bid)
        finally:
            self._op_rows = []

    def list(self) -> list[Batch]:
        """This lawyer's batches, newest first (listing is recorded, without batch ids)."""
        batches = self.batches.list(owner=self.username)
        self._record("batch-list", None, f"{len(batches)} batches")
        return batches

    def load(self, batch_id: str) -> list[dict[str, Any]]:
        """The records of one of this lawyer's batches; KeyError for any other."""
        self._guard(batch_id, "load")
        records = self.batches.load(batch_id)
        self._record("batch-read", batch_id, "load")
        return records

    def delete(self, batch_id: str) -> None:
        """Remove one of this lawyer's batches."""
        self._guard(batch_id, "delete")
        self._op_rows = [self._row("batch-delete", batch_id)]
        try:
            self._audited.delete(batch_id)
        finally:
            self._op_rows = []

    def compare(self, before_id: str, after_id: str) -> dict[str, Any]:
        """Compare two of this lawyer's batches (as ``BatchStore.compare``)."""
        self._guard(before_id, "compare")
        self._guard(after_id, "compare")
        diff = self.batches.compare(before_id, after_id)
        self._record("batch-read", before_id, f"compare with {after_id}")
        return diff

    def open_as_matter(self, matter_store: Any, batch_id: str, record_id: str) -> Any:
        """A matter from one row of this lawyer's batch, owned by this lawyer (created through their ``LawyerView``)."""
        from assistant.store.audit import LawyerView

        if not isinstance(matter_store, LawyerView):
            matter_store = LawyerView(matter_store, self.username)
        elif matter_store.username != self.username:
            raise ValueError("the matter view belongs to another lawyer")
        self._guard(batch_id, "open_as_matter")
        matter = self.batches.open_as_matter(matter_store, batch_id, record_id)
        self._record("batch-read", batch_id, f"row {record_id} opened as matter {matter.id}")
        return matter
