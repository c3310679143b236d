"""A signed-in lawyer's view of the matter store: only matters they may see, every access written to ``matter_audit``.

    view = LawyerView(store, "zhang")       # after sign-in (assistant/auth's gate names the lawyer)
    view.list_matters()                     # owned by zhang or shared with zhang
    view.save_facts(m.id, facts, rev)       # MatterNotFound for a matter zhang may not see (existence not revealed)
    store_audit(store, matter_id)           # who read/wrote it, when, what

    log = AuditLog(store)                   # the workspace: one per Streamlit run (ui/services.py)
    view = LawyerView(store, "zhang", log=log); ...; log.flush()   # the run's reads in one transaction

Only the methods listed here exist on the view: a store method added later is unreachable through it until it is
listed (and so audited), rather than silently open. Refused accesses are recorded as ``denied`` at once; a failed
operation (e.g. a conflict) is recorded with its error.

When rows are written (issue 17's audit at one transaction per click, not one per access): a WRITE's row is
inserted in the write's own transaction (the view runs the store on a backend that adds the rows before COMMIT),
so no crash can leave a committed change without its audit row, nor a row for a change that was rolled back.
A READ changes nothing: with an ``AuditLog`` its row waits in the log and goes in with the view's next write
transaction or at ``log.flush()`` (the end of the Streamlit run), whichever comes first, keeping its own time;
without a log it is written at once, in its own transaction (the CLI, scripts). A flush the database refuses
(unreachable at the end of a run) leaves its rows in a local spool file, fsynced, with a warning; the next flush
sends them first (``audit_spool.py``), so a read's row is never lost with the run.
"""

from __future__ import annotations

import copy
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

from assistant.store import audit_spool
from assistant.store.matters import MatterNotFound, MatterStore, StoreError
from assistant.store.schema import now_iso

# method name → read/write: these take the matter id as their first argument.
_BY_MATTER = {
    "get_matter": "read", "latest_facts": "read", "facts_history": "read", "latest_memo": "read",
    "memo_history": "read", "shared_with": "read",
    "rename": "write", "set_doctrine": "write", "delete": "write", "save_facts": "write", "begin_draft": "write",
    "save_edit": "write",
}
_OWNER_ONLY = ("share", "unshare", "set_owner", "delete")  # only the owner decides who sees a matter, or deletes it
_INSERT = "INSERT INTO matter_audit(at, username, action, matter_id, detail) VALUES (?, ?, ?, ?, ?)"
Row = tuple  # (at, username, action, matter_id, detail)


@dataclass(frozen=True)
class AuditEntry:
    """One recorded access."""

    id: int
    at: str
    username: str | None
    action: str
    matter_id: str | None
    detail: str


def _row(username: str | None, action: str, matter_id: str | None, detail: str) -> Row:
    return (now_iso(), username, action, matter_id, detail[:500])


def _insert(conn: Any, rows: list[Row]) -> None:
    # one multi-row INSERT (ids in list order): on PostgreSQL one round trip instead of one per row
    for start in range(0, len(rows), 100):
        chunk = rows[start:start + 100]
        conn.execute(_INSERT + ", (?, ?, ?, ?, ?)" * (len(chunk) - 1), [v for row in chunk for v in row])


def record(store: Any, username: str | None, action: str, matter_id: str | None, detail: str = "") -> None:
    """Write one audit row (its own transaction, committed before the caller goes on)."""
    with store.backend.write() as conn:
        _insert(conn, [_row(username, action, matter_id, detail)])


def store_audit(store: Any, matter_id: str | None = None, limit: int = 1000) -> list[AuditEntry]:
    """The audit trail, oldest first: of one matter, or of the whole store."""
    sql, params = "SELECT * FROM matter_audit", ()
    if matter_id is not None:
        sql, params = f"{sql} WHERE matter_id = ?", (matter_id,)
    with store.backend.read() as conn:
        rows = conn.execute(f"{sql} ORDER BY id LIMIT {int(limit)}", params).fetchall()
    return [AuditEntry(r["id"], r["at"], r["username"], r["action"], r["matter_id"], r["detail"]) for r in rows]


class AuditLog:
    """Read rows of one run not yet written: they go in with the next audited write, or all at once at ``flush``.

    ``spool``: where rows wait when the database cannot take them at ``flush`` (default: ``audit_spool.default_path``;
    ``False``: no spool, a failed flush keeps the rows here and raises)."""

    def __init__(self, store: Any, spool: Path | None | bool = None) -> None:
        self.store, self.rows = store, []  # type: list[Row]
        self.spool = audit_spool.default_path(store.backend) if spool is None else (Path(spool) if spool else None)
        self.spooled = 0  # rows this log left in the spool (database unreachable at flush)

    def add(self, username: str | None, action: str, matter_id: str | None, detail: str = "") -> None:
        """Keep one row (stamped now) for the next write transaction or flush."""
        self.rows.append(_row(username, action, matter_id, detail))

    def take(self) -> list[Row]:
        """The waiting rows, removing them (``give_back`` returns them when their transaction failed)."""
        rows, self.rows = self.rows, []
        return rows

    def give_back(self, rows: list[Row]) -> None:
        """Put rows whose transaction did not commit back in front, so the next write or flush still has them."""
        self.rows[:0] = rows

    def flush(self) -> int:
        """Write the spool's rows, then every waiting row, in one transaction; returns how many were written.

        The database failing: the rows go to the spool (fsynced) with a warning, for the next flush to send first;
        only when they cannot be spooled either (no spool, or it is unusable) do they stay here and the error
        propagates."""
        rows = self.take()
        with audit_spool.held(self.spool) as waiting:  # rows None: no usable spool (a warning said why)
            try:
                sent = self._send((waiting.rows or []) + rows)
            except Exception as exc:  # unreachable, refused, read-only: the rows wait in the spool, not in memory
                if waiting.rows is None or not audit_spool.keep(self.spool, rows, exc, waiting):
                    self.give_back(rows)
                    raise
                self.spooled += len(rows)
                return 0
            except BaseException:
                self.give_back(rows)
                raise
            if waiting.rows:
                audit_spool.write(self.spool, [])  # sent and committed: the spool is empty again
        return sent

    def _send(self, rows: list[Row]) -> int:
        if rows:
            with self.store.backend.write() as conn:
                _insert(conn, rows)
        return len(rows)


class _AuditedBackend:
    """The store's backend, whose write transactions also insert the view's waiting rows before they commit."""

    def __init__(self, inner: Any, view: "LawyerView") -> None:
        self._inner, self._view = inner, view

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    @contextmanager
    def write(self) -> Iterator[Any]:
        """The inner transaction, plus the log's waiting reads and the running operation's own rows at its end."""
        view, reads, ops = self._view, [], []
        try:
            with self._inner.write() as conn:
                yield conn
                reads = view.log.take() if view.log is not None else []
                ops, view._op_rows = view._op_rows, []
                _insert(conn, reads + ops)
        except BaseException:
            if view.log is not None:
                view.log.give_back(reads)
            view._op_rows = ops or view._op_rows  # not committed: the operation's failure is recorded instead
            raise


class LawyerView:
    """The store as one signed-in lawyer sees it (``log``: the run's AuditLog; None writes each read at once)."""

    def __init__(self, store: MatterStore, username: str, log: AuditLog | None = None) -> None:
        self.store, self.username, self.log = store, username, log
        self._op_rows: list[Row] = []
        self._seen: set[str] = set()  # matters this view was allowed to see (see _guard)
        # The same store on a backend whose write transactions carry this view's audit rows (see _AuditedBackend).
        self._audited = copy.copy(store)
        self._audited.backend = _AuditedBackend(store.backend, self)

    def _note(self, rows: list[Row]) -> None:
        """Rows of an access that wrote nothing: into the run's log, or written now without one."""
        if self.log is not None:
            self.log.rows.extend(rows)
            return
        with self.store.backend.write() as conn:
            _insert(conn, rows)

    def _guard(self, matter_id: str, method: str, owner_only: bool = False) -> None:
        # A read may reuse this view's earlier yes (a view lives for one run of the page, well under a second);
        # a write, sharing or deleting always asks the database afresh.
        if _BY_MATTER.get(method) == "read" and matter_id in self._seen:
            return
        allowed = self.store.may_see(matter_id, self.username)
        if allowed and owner_only:
            allowed = self.store.get_matter(matter_id).owner == self.username
        if not allowed:
            # a refusal is written at once (with the run's waiting reads), never left waiting in a log
            rows = (self.log.take() if self.log is not None else []) + [_row(self.username, "denied", matter_id,
                                                                             method)]
            try:
                with self.store.backend.write() as conn:
                    _insert(conn, rows)
            except BaseException:
                if self.log is not None:
                    self.log.give_back(rows)  # not written: the run's flush sends (or spools) them, refusal included
                raise
            raise MatterNotFound(f"no saved matter with id {matter_id!r}")
        if method in ("unshare", "delete", "set_owner"):
            self._seen.clear()  # after these, even this view asks again
        else:
            self._seen.add(matter_id)

    def _call(self, method: str, matter_id: str, action: str, fn: Callable[[Any], Any],
              rows: list[Row] | None = None) -> Any:
        """Run ``fn(audited_store)``; its rows (default: one ``action`` row) go in with its write transaction."""
        self._op_rows = rows or [_row(self.username, action, matter_id, method)]
        try:
            result = fn(self._audited)
        except StoreError as exc:
            # A failure after its transaction committed (a conflict version is kept) has its write row already.
            self._op_rows = []
            self._note([_row(self.username, f"{action}-failed", matter_id, f"{method}: {type(exc).__name__}")])
            raise
        except BaseException:
            self._op_rows = []
            raise
        if self._op_rows:  # no write transaction ran: a read, or a write that found nothing to change
            pending, self._op_rows = self._op_rows, []
            if action == "read":
                self._note(pending)
            else:
                with self.store.backend.write() as conn:
                    _insert(conn, pending)
        return result

    def __getattr__(self, method: str) -> Any:
        if method not in _BY_MATTER:
            raise AttributeError(f"LawyerView has no {method!r} (not listed in assistant/store/audit.py)")
        action = _BY_MATTER[method]

        def call(matter_id: str, *args: Any, **kwargs: Any) -> Any:
            self._guard(matter_id, method, owner_only=method in _OWNER_ONLY)
            return self._call(method, matter_id, action,
                              lambda store: getattr(store, method)(matter_id, *args, **kwargs))

        return call

    def list_matters(self) -> list[Any]:
        """The matters this lawyer owns or has been shared (listing is recorded, without matter ids)."""
        matters = self.store.visible_matters(self.username)
        self._note([_row(self.username, "list", None, f"{len(matters)} matters")])
        return matters

    def create_matter(self, name: str, **kwargs: Any) -> Any:
        """A new matter owned by this lawyer."""
        kwargs["owner"] = self.username
        matter_id = uuid.uuid4().hex[:12]  # named before the transaction, so its audit row goes in with it
        return self._call("create_matter", matter_id, "create",
                          lambda store: store.create_matter(name, matter_id=matter_id, **kwargs),
                          rows=[_row(self.username, "create", matter_id, name)])

    def duplicate(self, matter_id: str, name: str | None = None) -> Any:
        """A copy owned by this lawyer (of a matter they may see)."""
        self._guard(matter_id, "duplicate")
        new_id = uuid.uuid4().hex[:12]
        return self._call("duplicate", matter_id, "read",
                          lambda store: store.duplicate(matter_id, name, self.username, new_id=new_id),
                          rows=[_row(self.username, "read", matter_id, "duplicate"),
                                _row(self.username, "create", new_id, f"duplicate of {matter_id}")])

    def share(self, matter_id: str, username: str) -> None:
        """Share an own matter with another lawyer."""
        self._guard(matter_id, "share", owner_only=True)
        self._call("share", matter_id, "share", lambda store: store.share(matter_id, username))

    def unshare(self, matter_id: str, username: str) -> None:
        """Stop sharing an own matter with a lawyer."""
        self._guard(matter_id, "unshare", owner_only=True)
        self._call("unshare", matter_id, "unshare", lambda store: store.unshare(matter_id, username))

    def _memo_matter(self, memo_id: int) -> str:
        with self.store.backend.read() as conn:
            row = conn.execute("SELECT matter_id FROM memo_versions WHERE id = ?", (memo_id,)).fetchone()
        if row is None:
            raise StoreError(f"no memo version #{memo_id}")
        return row[0]

    def complete_draft(self, memo_id: int, *args: Any, **kwargs: Any) -> Any:
        """Complete a draft of a matter this lawyer may see."""
        matter_id = self._memo_matter(memo_id)
        self._guard(matter_id, "complete_draft")
        return self._call("complete_draft", matter_id, "write",
                          lambda store: store.complete_draft(memo_id, *args, **kwargs))

    def fail_draft(self, memo_id: int, error: str) -> Any:
        """Mark a draft of a matter this lawyer may see as failed."""
        matter_id = self._memo_matter(memo_id)
        self._guard(matter_id, "fail_draft")
        return self._call("fail_draft", matter_id, "write", lambda store: store.fail_draft(memo_id, error))

    def facts_version(self, version_id: int) -> Any:
        """One facts version of a matter this lawyer may see (None for another lawyer's, as for a missing one)."""
        version = self.store.facts_version(version_id)
        if version is None or not self.store.may_see(version.matter_id, self.username):
            if version is not None:
                record(self.store, self.username, "denied", version.matter_id, "facts_version")
            return None
        self._note([_row(self.username, "read", version.matter_id, "facts_version")])
        return version
