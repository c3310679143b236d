"""``lexmemo ui``: start the Streamlit workspace, usage statistics off.

On loopback with the ``local`` preset it is Streamlit alone on 127.0.0.1, as before. When sign-in is required (the
``team`` preset, or any address that is not loopback: ``Settings.sign_in_required``) Streamlit listens on 127.0.0.1 on
an internal port and the sign-in gate (``assistant/auth``) serves the public address in front of it, so no page,
download or websocket of the app is reachable before a lawyer has signed in (issue 17).
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import typer

from assistant.cli import app

APP_PATH = Path(__file__).resolve().parents[2] / "ui" / "app.py"
# Team mode: the same app as an st.App that refuses any request without the gate's secret (assistant/auth/internal.py)
TEAM_APP_PATH = APP_PATH.with_name("team_app.py")
# ui/services.py reads the same name: the per-launch secret that proves a request came through the gate (issue 17).
GATE_SECRET_ENV = "LEXMEMO_GATE_SECRET"
NO_USERS = "add a user first: lexmemo users add NAME"


def streamlit_command(port: int, app_path: Path = APP_PATH, address: str = "127.0.0.1") -> list[str]:
    """The ``streamlit run`` command line: localhost only, headless, no usage statistics."""
    return [
        sys.executable, "-m", "streamlit", "run", str(app_path),
        "--server.address", address,
        "--server.port", str(port),
        "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
    ]


def _fail(message: str, code: int = 2) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def _free_local_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _settings(preset: str | None, address: str | None) -> Any:
    from pydantic import ValidationError

    from assistant.settings import PRESETS, Settings

    preset = preset or os.environ.get("LEXMEMO_PRESET", "local")
    if preset not in PRESETS:
        _fail(f"--preset must be one of {', '.join(PRESETS)}, got {preset!r}")
    try:
        return Settings.for_preset(preset, **({"ui_address": address} if address else {}))  # type: ignore[arg-type]
    except ValidationError as exc:
        _fail(f"bad setting: {exc.errors()[0]['loc'][0]}: {exc.errors()[0]['msg']}")


def _check_users(settings: Any) -> None:
    """Team mode needs at least one lawyer who can sign in; say how to add one instead of serving a locked door."""
    from assistant.store.users import UserStore

    try:
        active = [u for u in UserStore.open(settings).list() if not u.disabled]
    except Exception as exc:  # unreachable server, bad password: one clear line
        _fail(f"could not open the user database: {type(exc).__name__}: {exc}", code=1)
    if not active:
        _fail(f"sign-in is required (preset {settings.preset!r}, address {settings.ui_address}) but no user can "
              f"sign in: {NO_USERS}")


def _exit_on_sigterm(signum: int, frame: Any) -> None:
    raise SystemExit(0)


def _run_gated(settings: Any, port: int, env: dict[str, str]) -> int:
    """Streamlit on 127.0.0.1:<internal port>, the gate on the public address; stop both when either stops."""
    import uvicorn

    from assistant.auth.gate import build_gate

    internal = _free_local_port()
    # Any account on this server can reach 127.0.0.1:<internal> and send X-Lexmemo-User itself; the app trusts that
    # header only next to X-Lexmemo-Gate carrying this secret. It goes to Streamlit only in its environment (readable
    # by our own account alone, /proc/<pid>/environ), never in argv (`ps` shows that to everyone), logs or pages.
    secret = secrets.token_urlsafe(32)
    # The app learns from these that sign-in is on (ui/services.current_user trusts X-Lexmemo-User only then).
    child_env = {**env, "LEXMEMO_PRESET": settings.preset, "LEXMEMO_UI_ADDRESS": settings.ui_address,
                 GATE_SECRET_ENV: secret}
    # Same process group: Ctrl+C (or a kill of the group) reaches Streamlit too, so it never outlives the gate.
    proc = subprocess.Popen(streamlit_command(internal, app_path=TEAM_APP_PATH), env=child_env)
    server = uvicorn.Server(uvicorn.Config(build_gate(settings, f"http://127.0.0.1:{internal}", secret=secret),
                                           host=settings.ui_address, port=port, log_level="warning",
                                           proxy_headers=True, forwarded_allow_ips="127.0.0.1"))

    def stop_when_streamlit_exits() -> None:
        proc.wait()
        server.should_exit = True

    threading.Thread(target=stop_when_streamlit_exits, daemon=True).start()
    # uvicorn re-raises SIGTERM after its graceful shutdown; as SystemExit here (not the default handler, which ends
    # the process at once) it still runs the finally below, so a stopped gate never leaves Streamlit running.
    previous = signal.signal(signal.SIGTERM, _exit_on_sigterm)
    try:
        server.run()
    finally:
        signal.signal(signal.SIGTERM, previous)
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    return proc.returncode if proc.returncode and proc.returncode > 0 else 0


@app.command()
def ui(
    port: int = typer.Option(8501, "--port", help="Port to serve the app on."),
    address: str = typer.Option(None, "--address", help="Address to listen on (default: settings.ui_address, "
                                "127.0.0.1; anything but loopback requires sign-in)."),
    preset: str = typer.Option(None, "--preset", help="local | team | test (default: LEXMEMO_PRESET or local); "
                               "team requires sign-in."),
) -> None:
    """Start the Streamlit app (起草备忘录, 批量分诊); in team mode behind the sign-in page (登录)."""
    if not APP_PATH.is_file():
        _fail(f"the app is missing: {APP_PATH}")
    if not 1 <= port <= 65535:
        _fail(f"--port must be between 1 and 65535, got {port}")
    settings = _settings(preset, address)
    env = {**os.environ, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false", "ANONYMIZED_TELEMETRY": "False"}
    env.pop(GATE_SECRET_ENV, None)  # never inherited: only a launch's own gate may hold it
    if not settings.sign_in_required:  # loopback, local preset: Streamlit alone, exactly as before issue 17
        typer.echo(f"LexMemo: http://{settings.ui_address}:{port}  (Ctrl+C to stop)")
        try:
            code = subprocess.call(streamlit_command(port, address=settings.ui_address), env=env)
        except KeyboardInterrupt:
            code = 0
        raise typer.Exit(code)
    _check_users(settings)
    shown = "<this machine's address>" if settings.ui_address in ("0.0.0.0", "::") else settings.ui_address
    typer.echo(f"LexMemo (sign-in required, sessions {settings.session_hours:g} h): http://{shown}:{port}  "
               "(Ctrl+C to stop)")
    raise typer.Exit(_run_gated(settings, port, env))
