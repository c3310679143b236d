"""A signed-in lawyer's view of the matter store: only matters they may see, every access written to ``matter_audit``.

    view = LawyerView(store, "zhang")       # after sign-in (the sign-in page itself is not built yet)
    view.list_matters()                     # owned by zhang or shared with zhang
    view.save_facts(m.id, facts, rev)       # MatterNotFound for a matter zhang may not see (existence not revealed)
    store_audit(store, matter_id)           # who read/wrote it, when, what

Only the methods listed here exist on the view: a store method added later is unreachable through it until it is
listed (and so audited), rather than silently open. Accesses are recorded after the operation succeeds, and refused
ones as ``denied``; a failed operation (e.g. a conflict) is recorded with its error.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

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


@dataclass(frozen=True)
class AuditEntry:
    """One recorded access."""

    id: int
    at: str
    username: str | None
    action: str
    matter_id: str | None
    detail: str


def record(store: MatterStore, username: str | None, action: str, matter_id: str | None, detail: str = "") -> None:
    """Write one audit row (its own transaction, committed before the caller goes on)."""
    with store.backend.write() as conn:
        conn.execute("INSERT INTO matter_audit(at, username, action, matter_id, detail) VALUES (?, ?, ?, ?, ?)",
                     (now_iso(), username, action, matter_id, detail[:500]))


def store_audit(store: MatterStore, matter_id: str | None = None, limit: int = 1000) -> list[AuditEntry]:
    """The audit trail, oldest first: of one matter, or of the whole store."""
    sql, params = "SELECT * FROM matter_audit", ()
    if matter_id is not None:
        sql, params = f"{sql} WHERE matter_id = ?", (matter_id,)
    with store.backend.read() as conn:
        rows = conn.execute(f"{sql} ORDER BY id LIMIT {int(limit)}", params).fetchall()
    return [AuditEntry(r["id"], r["at"], r["username"], r["action"], r["matter_id"], r["detail"]) for r in rows]


class LawyerView:
    """The store as one signed-in lawyer sees it."""

    def __init__(self, store: MatterStore, username: str) -> None:
        self.store, self.username = store, username

    def _guard(self, matter_id: str, method: str, owner_only: bool = False) -> None:
        allowed = self.store.may_see(matter_id, self.username)
        if allowed and owner_only:
            allowed = self.store.get_matter(matter_id).owner == self.username
        if not allowed:
            record(self.store, self.username, "denied", matter_id, method)
            raise MatterNotFound(f"no saved matter with id {matter_id!r}")

    def _call(self, method: str, matter_id: str, action: str, fn: Callable[[], Any]) -> Any:
        try:
            result = fn()
        except StoreError as exc:
            record(self.store, self.username, f"{action}-failed", matter_id, f"{method}: {type(exc).__name__}")
            raise
        record(self.store, self.username, action, matter_id, method)
        return result

    def __getattr__(self, method: str) -> Any:
        if method not in _BY_MATTER:
            raise AttributeError(f"LawyerView has no {method!r} (not listed in assistant/store/audit.py)")
        action = _BY_MATTER[method]

        def call(matter_id: str, *args: Any, **kwargs: Any) -> Any:
            self._guard(matter_id, method, owner_only=method in _OWNER_ONLY)
            return self._call(method, matter_id, action,
                              lambda: getattr(self.store, method)(matter_id, *args, **kwargs))

        return call

    def list_matters(self) -> list[Any]:
        """The matters this lawyer owns or has been shared (listing is recorded, without matter ids)."""
        matters = self.store.visible_matters(self.username)
        record(self.store, self.username, "list", None, f"{len(matters)} matters")
        return matters

    def create_matter(self, name: str, **kwargs: Any) -> Any:
        """A new matter owned by this lawyer."""
        kwargs["owner"] = self.username
        matter = self.store.create_matter(name, **kwargs)
        record(self.store, self.username, "create", matter.id, name)
        return matter

    def duplicate(self, matter_id: str, name: str | None = None) -> Any:
        """A copy owned by this lawyer (of a matter they may see)."""
        self._guard(matter_id, "duplicate")
        copy = self._call("duplicate", matter_id, "read", lambda: self.store.duplicate(matter_id, name, self.username))
        record(self.store, self.username, "create", copy.id, f"duplicate of {matter_id}")
        return copy

    def share(self, matter_id: str, username: str) -> None:
        """Share an own matter with another lawyer."""
        self._guard(matter_id, "share", owner_only=True)
        self._call("share", matter_id, "share", lambda: self.store.share(matter_id, username))

    def unshare(self, matter_id: str, username: str) -> None:
        """Stop sharing an own matter with a lawyer."""
        self._guard(matter_id, "unshare", owner_only=True)
        self._call("unshare", matter_id, "unshare", lambda: self.store.unshare(matter_id, username))

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
                          lambda: self.store.complete_draft(memo_id, *args, **kwargs))

    def fail_draft(self, memo_id: int, error: str) -> Any:
        """Mark a draft of a matter this lawyer may see as failed."""
        matter_id = self._memo_matter(memo_id)
        self._guard(matter_id, "fail_draft")
        return self._call("fail_draft", matter_id, "write", lambda: self.store.fail_draft(memo_id, error))

    def facts_version(self, version_id: int) -> Any:
        """One facts version of a matter this lawyer may see (None for another lawyer's, as for a missing one)."""
        version = self.store.facts_version(version_id)
        if version is None or not self.store.may_see(version.matter_id, self.username):
            if version is not None:
                record(self.store, self.username, "denied", version.matter_id, "facts_version")
            return None
        record(self.store, self.username, "read", version.matter_id, "facts_version")
        return version
