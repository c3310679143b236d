"""The index's own copy of its passages (id, title, text, kind, code, has a vector), read one hit at a time.

A search must not build every ``Passage`` of the corpus to show five hits: with the national-law layer (issue 19)
that is 45,000 passages and four seconds. ``lexmemo index`` writes ``passages.sqlite3`` beside the BM25 matrix;
the retriever looks hits up by id, finds a cited article's paragraphs by prefix, and reads which passages have
vectors (the coverage gate) from the same file.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

from assistant.corpus.records import Passage

PASSAGES_FILE = "passages.sqlite3"


def write_passages(path: Path, passages: Iterable[Passage], has_vector) -> None:
    """Write every passage with its dense flag to ``path`` (atomically: readers never see half a table)."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(str(tmp))
    try:
        db.execute("CREATE TABLE passages (id TEXT PRIMARY KEY, pos INTEGER NOT NULL, title TEXT NOT NULL, "
                   "text TEXT NOT NULL, kind TEXT NOT NULL, code TEXT NOT NULL, dense INTEGER NOT NULL) WITHOUT ROWID")
        db.executemany("INSERT INTO passages VALUES (?, ?, ?, ?, ?, ?, ?)",
                       ((p.id, i, p.title, p.text, p.kind, p.code, int(bool(has_vector(p))))
                        for i, p in enumerate(passages)))
        db.commit()
    finally:
        db.close()
    tmp.replace(path)


class PassageTable:
    """A read-only mapping id → Passage over ``passages.sqlite3``, with a small in-memory overlay (benchmarks add
    synthetic passages with ``update``)."""

    def __init__(self, path: Path) -> None:
        self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._lock = threading.Lock()
        self._extra: dict[str, Passage] = {}
        self._len: int | None = None

    def _row(self, pid: str):
        with self._lock:
            return self._db.execute("SELECT id, text, title, code, kind FROM passages WHERE id = ?", (pid,)).fetchone()

    def get(self, pid: str, default=None):
        """The passage ``pid``, or ``default``."""
        if pid in self._extra:
            return self._extra[pid]
        row = self._row(pid) if isinstance(pid, str) else None
        return default if row is None else Passage(row[0], row[1], row[2], row[3], row[4])  # type: ignore[arg-type]

    def __getitem__(self, pid: str) -> Passage:
        found = self.get(pid)
        if found is None:
            raise KeyError(pid)
        return found

    def __contains__(self, pid: object) -> bool:
        return isinstance(pid, str) and (pid in self._extra or self._row(pid) is not None)

    def __len__(self) -> int:
        if self._len is None:
            with self._lock:
                self._len = int(self._db.execute("SELECT COUNT(*) FROM passages").fetchone()[0])
        return self._len + len(self._extra)

    def __iter__(self) -> Iterator[str]:
        with self._lock:
            ids = [r[0] for r in self._db.execute("SELECT id FROM passages ORDER BY pos")]
        return iter(ids + list(self._extra))

    def update(self, passages: dict[str, Passage]) -> None:
        """Add passages that are not in the file (benchmarks' synthetic passages)."""
        self._extra.update(passages)

    def family(self, pid: str) -> list[str]:
        """The passage ids that make up provision ``pid``: itself, or its 款 (ECL-38 → ECL-38-1, ECL-38-2 …)."""
        if pid in self:
            return [pid]
        with self._lock:
            rows = self._db.execute("SELECT id FROM passages WHERE id > ? AND id < ? ORDER BY pos",
                                    (pid + "-", pid + "-\U0010ffff")).fetchall()
        return [r[0] for r in rows]

    def dense_ids(self) -> frozenset[str]:
        """Ids of the passages the index gave vectors."""
        with self._lock:
            return frozenset(r[0] for r in self._db.execute("SELECT id FROM passages WHERE dense = 1"))
