"""Who may see a matter (team mode): its owner and the lawyers it is shared with; mixed into ``MatterStore``.

Visibility is decided here, in SQL, so a list or a lookup never loads another lawyer's matter to filter it later.
A matter with no owner was made before team mode (or on one lawyer's machine): it is listed only when no one is
signed in (``visible_to=None``), never to a signed-in lawyer, until ``set_owner`` gives it one.
Who is signed in is decided by ``assistant/auth`` (the sign-in gate); ``audit.LawyerView`` applies these checks to
every access of one lawyer and records it.
"""

from __future__ import annotations

from typing import Any

from assistant.store.schema import now_iso


class SharingMixin:
    """Owner and shares of matters; needs ``_write``/``_connection``/``_header`` of ``MatterStore``."""

    _VISIBLE = "(m.owner = ? OR m.id IN (SELECT matter_id FROM matter_shares WHERE username = ?))"

    def _active_user(self, conn: Any, username: str) -> None:
        row = conn.execute("SELECT disabled FROM users WHERE username = ?", (username,)).fetchone()
        if row is None:
            from assistant.store.matters import StoreError

            raise StoreError(f"no lawyer with user name {username!r} (add one: lexmemo users add {username})")
        if row["disabled"]:
            from assistant.store.matters import StoreError

            raise StoreError(f"user {username!r} is disabled")

    def set_owner(self, matter_id: str, username: str) -> Any:
        """Give the matter to ``username`` (an active user); the previous owner keeps no access unless shared."""
        with self._write() as conn:  # type: ignore[attr-defined]
            self._header(conn, matter_id, lock=True)  # type: ignore[attr-defined]
            self._active_user(conn, username)
            conn.execute("UPDATE matters SET owner = ? WHERE id = ?", (username, matter_id))
            conn.execute("DELETE FROM matter_shares WHERE matter_id = ? AND username = ?", (matter_id, username))
            return self._header(conn, matter_id)  # type: ignore[attr-defined]

    def share(self, matter_id: str, username: str) -> None:
        """Let ``username`` (an active user, not the owner) see and edit the matter; sharing twice is a no-op."""
        with self._write() as conn:  # type: ignore[attr-defined]
            matter = self._header(conn, matter_id, lock=True)  # type: ignore[attr-defined]
            self._active_user(conn, username)
            if matter.owner == username:
                return
            conn.execute("INSERT INTO matter_shares(matter_id, username, created) VALUES (?, ?, ?)"
                         " ON CONFLICT (matter_id, username) DO NOTHING", (matter_id, username, now_iso()))

    def unshare(self, matter_id: str, username: str) -> None:
        """Stop sharing the matter with ``username`` (their past edits stay in the history)."""
        with self._write() as conn:  # type: ignore[attr-defined]
            self._header(conn, matter_id, lock=True)  # type: ignore[attr-defined]
            conn.execute("DELETE FROM matter_shares WHERE matter_id = ? AND username = ?", (matter_id, username))

    def shared_with(self, matter_id: str) -> list[str]:
        """The user names the matter is shared with (the owner not included), sorted."""
        with self._connection() as conn:  # type: ignore[attr-defined]
            rows = conn.execute("SELECT username FROM matter_shares WHERE matter_id = ? ORDER BY username",
                                (matter_id,)).fetchall()
        return [r[0] for r in rows]

    def visible_matters(self, username: str | None) -> list[Any]:
        """The matters ``username`` may see (owned or shared), most recently changed first; None: every matter."""
        from assistant.store.matters import _matter

        sql, params = "SELECT m.* FROM matters m", ()
        if username is not None:
            sql, params = f"{sql} WHERE {self._VISIBLE}", (username, username)
        with self._connection() as conn:  # type: ignore[attr-defined]
            rows = conn.execute(f"{sql} ORDER BY m.updated DESC, m.id", params).fetchall()
        return [_matter(r) for r in rows]

    def may_see(self, matter_id: str, username: str | None) -> bool:
        """Whether ``username`` may open the matter (None: no one signed in, local use: every matter)."""
        if username is None:
            return True
        with self._connection() as conn:  # type: ignore[attr-defined]
            row = conn.execute(f"SELECT 1 FROM matters m WHERE m.id = ? AND {self._VISIBLE}",
                               (matter_id, username, username)).fetchone()
        return row is not None
