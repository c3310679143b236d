"""The audit spool: read rows a run could not write (the database unreachable when the run ended) wait in a local
file, and the next flush sends them first, in the same transaction as its own rows (issue 17 follow-up).

One JSON line per row, ``[at, username, action, matter_id, detail]``, appended and fsynced before the flush reports
success; an exclusive lock (``flock`` on ``<spool>.lock``) is held while a flush reads, sends and empties the spool,
so rows another session or process appends meanwhile wait for the lock instead of being emptied unsent. A crash
between COMMIT and emptying sends those rows again at the next flush: at least once, never lost.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

try:
    import fcntl
except ImportError:  # not a POSIX system: one lock per process (several processes on one spool are then unsafe)
    fcntl = None  # type: ignore[assignment]

LOG = logging.getLogger("lexmemo.audit")
_PROCESS_LOCK = threading.Lock()


def default_path(backend: Any, data_dir: Path | None = None) -> Path:
    """Where a store's unsent audit rows wait: next to the SQLite file, or under ``data_dir`` (default: the
    settings' data dir) for a PostgreSQL URL."""
    path = getattr(backend, "path", None)
    if path is not None:
        return Path(path).with_name(Path(path).name + ".audit-spool.jsonl")
    if data_dir is None:
        from assistant.settings import get_settings  # read only now: no import-time settings in the store

        data_dir = get_settings().data_dir
    # one spool per database (its password-free label), so rows only ever go to the database they were read from
    key = hashlib.sha256(str(getattr(backend, "label", backend)).encode("utf-8")).hexdigest()[:16]
    return Path(data_dir) / "audit-spool" / f"postgres-{key}.jsonl"


@dataclass
class Waiting:
    """What a flush found in the spool: its rows (None: no usable spool) and whether it holds the spool's lock."""

    rows: list[tuple] | None
    locked: bool = False


@contextlib.contextmanager
def held(spool: Path | None) -> Iterator[Waiting]:
    """The spool's waiting rows, under its lock while there are any; ``rows`` None when there is no spool or it
    cannot be used (warned): the flush then goes on without it, so a broken spool never stops audit rows from
    reaching a working database. No spool file (the usual case): no lock, no file made, just one ``stat``."""
    if spool is None:
        yield Waiting(None)
        return
    if not spool.exists():
        yield Waiting([])  # a row spooled meanwhile by another run waits for the next flush: late, never lost
        return
    with contextlib.ExitStack() as stack:
        try:
            stack.enter_context(locked(spool))
            found = Waiting(read(spool), locked=True)
        except OSError as exc:
            LOG.warning("审计暂存文件 %s 不可用（%s）：本次不暂存。", spool, exc)
            found = Waiting(None)
        yield found


def keep(spool: Path, rows: list[tuple], error: BaseException, waiting: Waiting) -> bool:
    """Append rows the database refused (``error``) to the spool, with a warning; False if they could not be kept
    (logged: the caller then keeps them in memory and raises)."""
    try:
        if rows:
            with contextlib.nullcontext() if waiting.locked else locked(spool):
                append(spool, rows)
    except OSError as exc:
        LOG.error("审计记录既未写入数据库（%s），也未能暂存于 %s（%s）。", error, spool, exc)
        return False
    LOG.warning("审计记录未能写入数据库（%s: %s）：%d 条读取记录已暂存于 %s（共 %d 条待补写），下次写入时自动补写。",
                type(error).__name__, error, len(rows), spool, len(waiting.rows or []) + len(rows))
    return True


@contextlib.contextmanager
def locked(spool: Path) -> Iterator[None]:
    """Hold the spool's exclusive lock (threads and processes) for a read-send-empty or an append."""
    spool.parent.mkdir(parents=True, exist_ok=True)
    if fcntl is None:
        with _PROCESS_LOCK:
            yield
        return
    with open(spool.with_name(spool.name + ".lock"), "a+b") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def read(spool: Path) -> list[tuple]:
    """The rows waiting in the spool, oldest first (call under ``locked``); an unreadable line is kept aside."""
    try:
        text = spool.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    rows, bad = [], []
    for line in text.splitlines():
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            if not (isinstance(row, list) and len(row) == 5):
                raise ValueError("not a 5-field row")
            rows.append(tuple(row))
        except ValueError:
            bad.append(line)  # e.g. a line torn by a crash mid-append: never silently dropped
    if bad:
        rejected = spool.with_name(spool.name + ".rejected")
        with open(rejected, "a", encoding="utf-8") as fh:
            fh.write("\n".join(bad) + "\n")
        LOG.warning("审计暂存文件 %s 中有 %d 行无法读取，已移至 %s，请人工核对。", spool, len(bad), rejected)
        write(spool, rows)
    return rows


def append(spool: Path, rows: list[tuple]) -> None:
    """Add rows at the end of the spool and fsync them (call under ``locked``); an OSError means they are not kept."""
    with open(spool, "a", encoding="utf-8") as fh:
        fh.write("".join(json.dumps(list(row), ensure_ascii=False) + "\n" for row in rows))
        fh.flush()
        os.fsync(fh.fileno())


def write(spool: Path, rows: list[tuple]) -> None:
    """Replace the spool's content with ``rows`` (none: the file is removed); atomic by rename."""
    if not rows:
        with contextlib.suppress(FileNotFoundError):
            spool.unlink()
        return
    tmp = spool.with_name(spool.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write("".join(json.dumps(list(row), ensure_ascii=False) + "\n" for row in rows))
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, spool)
