"""Ending the process groups tests start (Streamlit, ``lexmemo ui``, Chromium): politely, then by force."""

from __future__ import annotations

import os
import signal
import subprocess


def stop_group(proc: subprocess.Popen, grace: float) -> None:
    """SIGTERM the process group of ``proc`` (started with ``start_new_session``); SIGKILL it after ``grace`` s."""
    if proc.poll() is not None:
        return
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
