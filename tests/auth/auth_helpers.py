"""Helpers of the sign-in tests: passwords, a clock moved by hand, and a real uvicorn server in a thread."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any, Iterator

import httpx
from processes import stop_group

PW_ZHANG, PW_LI = "zhang-口令-0001", "li-password-0002"
REPO = Path(__file__).resolve().parents[2]


class Clock:
    """A clock tests move by hand (epoch seconds)."""

    def __init__(self, start: float = 1_800_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        """Move time forward."""
        self.now += seconds


def free_port() -> int:
    """A port nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve(app: Any, port: int | None = None) -> Iterator[str]:
    """Run ``app`` under uvicorn in a thread on 127.0.0.1; yield its base URL; stop it afterwards."""
    import uvicorn

    port = port or free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise AssertionError("the test server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@contextlib.contextmanager
def lexmemo_ui_team(tmp_path: Path) -> Iterator[str]:
    """`lexmemo ui --preset team --address 127.0.0.1 --port P` as a real process group; yields the gate's URL."""
    port = free_port()
    env = {**os.environ, "LEXMEMO_DATA_DIR": str(tmp_path / "data"), "LEXMEMO_CACHE_DIR": str(tmp_path / "cache"),
           "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    for name in ("LEXMEMO_LLM", "LEXMEMO_PRESET", "LEXMEMO_DATABASE_URL", "LEXMEMO_UI_ADDRESS"):
        env.pop(name, None)
    log = open(tmp_path / "lexmemo-ui.log", "wb")
    cmd = [sys.executable, "-c", "from assistant.cli import main; main()", "ui", "--preset", "team",
           "--address", "127.0.0.1", "--port", str(port)]
    proc = subprocess.Popen(cmd, env=env, cwd=REPO, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    children: list[int] = []
    try:
        yield f"http://127.0.0.1:{port}"
        # SIGTERM to lexmemo alone (as a service manager stops it): its Streamlit child must stop with it.
        children = _children(proc.pid)
        assert children, "lexmemo ui started no Streamlit"
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
        deadline = time.monotonic() + 20
        while any(Path(f"/proc/{c}").exists() and _state(c) != "Z" for c in children):
            assert time.monotonic() < deadline, f"Streamlit {children} outlived the gate"
            time.sleep(0.2)
    finally:
        stop_group(proc, grace=20)
        for child in children:  # a test that failed above must not leave its Streamlit behind
            if _state(child) not in ("", "Z"):
                os.kill(child, signal.SIGKILL)
        log.close()


def wait_until(predicate, what: str, log: Path, timeout: float = 120) -> None:
    """Poll ``predicate`` (connection errors count as not yet) until true; fail with the server log."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(httpx.TransportError):
            if predicate():
                return
        time.sleep(0.5)
    raise AssertionError(f"{what} (log: {log.read_text(errors='replace')[-2000:]})")


def _children(pid: int) -> list[int]:
    """The child processes of ``pid`` (Linux /proc)."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        found += [int(c) for c in (task / "children").read_text().split()]
    return found


def _state(pid: int) -> str:
    """A process's state letter (Z: exited, not yet reaped); "" when it is gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return ""


def streamlit_of(data_dir: Path) -> tuple[int, list[str], dict[str, str]] | None:
    """The `streamlit run` process serving ``data_dir`` (pid, argv, environment), found in /proc; None if not yet.
    Its environment is readable here only because the test runs as the same account (/proc/<pid>/environ is 0400)."""
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            argv = (proc / "cmdline").read_bytes().decode("utf-8", "replace").split("\0")
            if "streamlit" not in argv or "run" not in argv:
                continue
            env = dict(item.split("=", 1) for item in (proc / "environ").read_bytes().decode("utf-8", "replace")
                       .split("\0") if "=" in item)
        except OSError:  # gone meanwhile, or another account's process
            continue
        if env.get("LEXMEMO_DATA_DIR") == str(data_dir):
            return int(proc.name), [a for a in argv if a], env
    return None
