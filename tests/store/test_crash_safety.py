"""A writer process killed with SIGKILL mid-way loses no committed version; concurrent processes don't overwrite."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time

from assistant.store import MatterStore
from assistant.store.schema import connect

WRITER = textwrap.dedent(
    """
    import sys, time
    from assistant.store import MatterStore, ConflictError
    store = MatterStore(sys.argv[1])
    matter_id, tag, n = sys.argv[2], sys.argv[3], int(sys.argv[4])
    for i in range(n):
        while True:
            rev = store.get_matter(matter_id).revision
            try:
                v = store.save_facts(matter_id, {"narrative": f"{tag}-{i}", "n": i}, expected_revision=rev)
                break
            except ConflictError:
                continue
        print(f"committed {v.id} {tag}-{i}", flush=True)
        if i % 5 == 4:
            memo = store.begin_draft(matter_id, "replay:slow")
            print(f"draft {memo}", flush=True)
            if tag == "victim":
                time.sleep(0.05)  # the 'LLM call' during which it may be killed
            store.complete_draft(memo, f"# memo {i}", {"i": i}, True)
            print(f"memo {memo}", flush=True)
    print("done", flush=True)
    """
)


def _spawn(db, matter_id, tag, n, tmp_path):
    script = tmp_path / "writer.py"
    script.write_text(WRITER, encoding="utf-8")
    return subprocess.Popen(
        [sys.executable, str(script), str(db), matter_id, tag, str(n)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def test_sigkill_mid_way_keeps_every_committed_version(tmp_path, db_target):
    db = db_target
    store = MatterStore(db)
    matter = store.create_matter("crash")
    proc = _spawn(db, matter.id, "victim", 100_000, tmp_path)
    committed: dict[int, str] = {}
    drafts: set[int] = set()
    deadline = time.monotonic() + 60
    while len(committed) < 40 and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        kind, *rest = line.split()
        if kind == "committed":
            committed[int(rest[0])] = rest[1]
        elif kind == "draft":
            drafts.add(int(rest[0]))
    os.kill(proc.pid, signal.SIGKILL)  # mid-way: it is writing the next versions right now
    proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.read()
    assert len(committed) >= 40, proc.stderr.read()

    if not isinstance(db, str):  # SQLite: the file itself is intact (PostgreSQL rolls the open transaction back)
        conn = connect(db)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()
    reopened = MatterStore(db)
    saved = {v.id: v.facts["narrative"] for v in reopened.facts_history(matter.id)}
    for version_id, narrative in committed.items():
        assert saved[version_id] == narrative  # every version reported committed is there, intact
    revisions = [v.revision for v in reopened.facts_history(matter.id)]
    assert revisions == list(range(1, len(revisions) + 1))
    memo_rows = {m.id: m for m in reopened.memo_history(matter.id)}
    assert drafts <= set(memo_rows)  # every draft row written before the 'LLM call' survived the kill
    # The store is still writable after the crash.
    rev = reopened.get_matter(matter.id).revision
    assert reopened.save_facts(matter.id, {"narrative": "after"}, expected_revision=rev).revision == rev + 1


def test_two_writer_processes_never_overwrite_each_other(tmp_path, db_target):
    db = db_target
    store = MatterStore(db)
    matter = store.create_matter("two processes")
    procs = [_spawn(db, matter.id, tag, 25, tmp_path) for tag in ("alpha", "beta")]
    outputs = [p.communicate(timeout=120) for p in procs]
    for p, (out, err) in zip(procs, outputs):
        assert p.returncode == 0, err
        assert out.strip().endswith("done")
    current = [v for v in store.facts_history(matter.id) if not v.conflict]
    assert [v.revision for v in current] == list(range(1, 51))
    assert {v.facts["narrative"] for v in current} == {f"{t}-{i}" for t in ("alpha", "beta") for i in range(25)}
    done = [m for m in store.memo_history(matter.id) if m.status == "done"]
    assert len(done) == 10 and all(json.dumps(m.receipt) for m in done)


def test_two_processes_saving_one_matter_300_times_each_lose_no_version(tmp_path, db_target):
    """Issue 17's bar: 2 × 300 saves of one matter; every save is a version, conflicts kept, none lost."""
    store = MatterStore(db_target)
    matter = store.create_matter("300 × 2")
    script = tmp_path / "saver.py"
    script.write_text(SAVER, encoding="utf-8")
    procs = [subprocess.Popen([sys.executable, str(script), str(db_target), matter.id, tag, "300"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for tag in ("a", "b")]
    outputs = [p.communicate(timeout=300) for p in procs]
    conflicts = 0
    for p, (out, err) in zip(procs, outputs):
        assert p.returncode == 0, err
        conflicts += int(out.split()[-1])
    history = store.facts_history(matter.id)
    current = [v for v in history if not v.conflict]
    assert [v.revision for v in current] == list(range(1, 601))
    assert sorted(v.facts["narrative"] for v in current) == sorted(f"{t}-{i}" for t in "ab" for i in range(300))
    assert len(history) - len(current) == conflicts  # every losing save was kept as a conflict version
    assert store.get_matter(matter.id).revision == 600


# Saves ``n`` facts versions, retrying each after a conflict; prints how many conflicts it met.
SAVER = textwrap.dedent(
    """
    import sys
    from assistant.store import MatterStore, ConflictError
    store = MatterStore(sys.argv[1])
    matter_id, tag, n = sys.argv[2], sys.argv[3], int(sys.argv[4])
    conflicts = 0
    for i in range(n):
        while True:
            try:
                store.save_facts(matter_id, {"narrative": f"{tag}-{i}"},
                                 expected_revision=store.get_matter(matter_id).revision)
                break
            except ConflictError:
                conflicts += 1
    print("conflicts", conflicts, flush=True)
    """
)
