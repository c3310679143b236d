"""Saved matters in SQLite or PostgreSQL: facts and memo versions that survive reloads, restarts and killed processes.

Public API::

    from assistant.store import MatterStore, ConflictError
    store = MatterStore.open(settings)                  # settings.database_url (PostgreSQL), else settings.db_path
    m = store.create_matter("张某诉某外卖平台")
    v = store.save_facts(m.id, facts_dict, expected_revision=m.revision)   # ConflictError if it moved on
    memo_id = store.begin_draft(m.id, "template")       # before the drafter runs
    store.complete_draft(memo_id, markdown, receipt, guard_ok)
    store.visible_matters("zhang"); store.share(m.id, "li")   # team mode (users: assistant.store.users)

Every dialect difference (placeholders, locking, ids, connection pooling) is in ``backend.py``; the PostgreSQL
schema is a list of numbered migrations in ``pg_schema.py`` (``lexmemo db upgrade``).
"""

from __future__ import annotations

from assistant.store.matters import (
    ConflictError,
    FactsVersion,
    Matter,
    MatterNotFound,
    MatterStore,
    MemoVersion,
    StoreError,
    facts_hash,
)

__all__ = ["ConflictError", "FactsVersion", "Matter", "MatterNotFound", "MatterStore", "MemoVersion", "StoreError", "facts_hash"]
