"""jieba's dictionary looked up on demand: an SQLite copy of its word table, read one substring at a time.

jieba keeps its whole prefix dictionary (~350,000 words and their prefixes) in one Python dict that it unmarshals
on first use: 0.6 s on an idle core, 2–3 s on a loaded one, paid by every fresh ``lexmemo search``. A query only
ever asks the dictionary about its own substrings, so ``lexmemo index`` writes the dictionary (with the legal user
words already added) to ``words.sqlite3`` and a query tokenizer reads just the rows it needs. The tokens are
identical because jieba's algorithm is unchanged: only its ``FREQ`` mapping is backed by the file
(tests/retrieval/test_jieba_words.py compares every corpus passage and labelled query).
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
from pathlib import Path

# Bump when the table layout changes; part of the key, so an old file is simply not used.
WORDS_FORMAT = 1
WORDS_FILE = "jieba-words.sqlite3"


def words_key(user_terms: tuple[str, ...], user_freq: int) -> str:
    """What a words file was built from: jieba's version and dictionary size, the user terms and their frequency."""
    import jieba

    dict_path = Path(jieba.__file__).with_name("dict.txt")
    size = dict_path.stat().st_size if dict_path.exists() else -1
    raw = "\x00".join([str(WORDS_FORMAT), jieba.__version__, str(size), str(user_freq), *user_terms])
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def write_words(path: Path, freq: dict[str, int], total: int, key: str) -> None:
    """Write jieba's ``FREQ`` table and ``total`` to ``path`` (atomically: a reader never sees half a file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(str(tmp))
    try:
        db.execute("CREATE TABLE words (word TEXT PRIMARY KEY, freq INTEGER NOT NULL) WITHOUT ROWID")
        db.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
        db.executemany("INSERT INTO words VALUES (?, ?)", freq.items())
        db.executemany("INSERT INTO meta VALUES (?, ?)", [("total", str(total)), ("key", key)])
        db.commit()
    finally:
        db.close()
    tmp.replace(path)


class WordTable:
    """A read-only, dict-like view of a words file, answering ``in``, ``[]`` and ``get`` with memoised lookups."""

    def __init__(self, path: Path) -> None:
        self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._lock = threading.Lock()
        self._memo: dict[str, int | None] = {}
        meta = dict(self._db.execute("SELECT name, value FROM meta"))
        self.total = int(meta["total"])
        self.key = meta["key"]

    def _lookup(self, word: str) -> int | None:
        try:
            return self._memo[word]
        except KeyError:
            pass
        with self._lock:
            row = self._db.execute("SELECT freq FROM words WHERE word = ?", (word,)).fetchone()
        value = None if row is None else int(row[0])
        if len(self._memo) > 200_000:  # a long-running app tokenises many queries: keep the memo bounded
            self._memo.clear()
        self._memo[word] = value
        return value

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self._lookup(word) is not None

    def __getitem__(self, word: str) -> int:
        value = self._lookup(word)
        if value is None:
            raise KeyError(word)
        return value

    def get(self, word: str, default=None):
        """The frequency of ``word`` (0 for a mere prefix), or ``default`` when jieba does not know it."""
        value = self._lookup(word)
        return default if value is None else value

    def __setitem__(self, word: str, value: int) -> None:
        raise TypeError("the jieba words file is read-only: add user words before `lexmemo index` writes it")


def open_words(path: Path, key: str) -> WordTable | None:
    """The words file at ``path`` when it exists and was built for ``key``; None otherwise (use full jieba)."""
    if not path.exists():
        return None
    try:
        table = WordTable(path)
    except (sqlite3.Error, KeyError, ValueError):
        return None
    return table if table.key == key else None


def lookup_tokenizer(table: WordTable):
    """A ``jieba.Tokenizer`` whose dictionary is ``table``: same algorithm, nothing loaded up front."""
    import jieba

    tk = jieba.Tokenizer()
    tk.FREQ = table
    tk.total = table.total
    tk.initialized = True  # jieba's initialize() would unmarshal the whole dictionary
    return tk
