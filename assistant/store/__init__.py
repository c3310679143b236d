"""Saved matters in SQLite: facts and memo versions that survive reloads, restarts and killed processes.

Public API::

    from assistant.store import MatterStore, ConflictError
    store = MatterStore.open(settings)                  # settings.db_path
    m = store.create_matter("张某诉某外卖平台")
    v = store.save_facts(m.id, facts_dict, expected_revision=m.revision)   # ConflictError if it moved on
    memo_id = store.begin_draft(m.id, "template")       # before the drafter runs
    store.complete_draft(memo_id, markdown, receipt, guard_ok)
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
