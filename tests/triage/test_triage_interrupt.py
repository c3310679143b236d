"""A real interruption: Ctrl-C (SIGINT) on a running ``lexmemo triage``, then ``--resume`` finishes the job."""

from __future__ import annotations

import csv
import json
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from triage_claimfiles import GOOD

ROWS = 3000
CLI = [sys.executable, "-c", "from assistant.cli import main; main()"]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_sigint_then_resume(tmp_path: Path) -> None:
    src = tmp_path / "claims.jsonl"
    src.write_text("".join(json.dumps({"id": f"R{i:05d}", "narrative": GOOD[i % len(GOOD)][1]}, ensure_ascii=False) + "\n"
                           for i in range(ROWS)), encoding="utf-8")
    out = tmp_path / "out.csv"
    side = tmp_path / "out.csv.progress.jsonl"
    proc = subprocess.Popen([*CLI, "triage", str(src), "-o", str(out), "--no-progress"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if side.exists() and side.read_bytes().count(b"\n") > 100:
            break
        time.sleep(0.05)
    assert proc.poll() is None, f"finished before it could be interrupted: {proc.communicate()}"
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "--resume" in err and not out.exists()
    finished = side.read_bytes().count(b"\n") - 1

    res = subprocess.run([*CLI, "triage", str(src), "-o", str(out), "--no-progress", "--resume"],
                         capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    now, earlier = map(int, re.search(r"\((\d+) now, (\d+) from the earlier run\)", res.stderr).groups())
    assert earlier >= finished - 1 and earlier >= 100 and now + earlier == ROWS
    with out.open(encoding="utf-8-sig", newline="") as fh:
        ids = [r["id"] for r in csv.DictReader(fh)]
    assert sorted(ids) == [f"R{i:05d}" for i in range(ROWS)] and not side.exists()
