"""``lexmemo ui``: start the Streamlit workspace on localhost, usage statistics off."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import typer

from assistant.cli import app

APP_PATH = Path(__file__).resolve().parents[2] / "ui" / "app.py"


def streamlit_command(port: int, app_path: Path = APP_PATH) -> list[str]:
    """The ``streamlit run`` command line: localhost only, headless, no usage statistics."""
    return [
        sys.executable, "-m", "streamlit", "run", str(app_path),
        "--server.address", "127.0.0.1",
        "--server.port", str(port),
        "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
    ]


@app.command()
def ui(port: int = typer.Option(8501, "--port", help="Local port to serve the app on (127.0.0.1 only).")) -> None:
    """Start the Streamlit app (起草备忘录, 批量分诊) at http://127.0.0.1:PORT."""
    if not APP_PATH.is_file():
        typer.echo(f"error: the app is missing: {APP_PATH}", err=True)
        raise typer.Exit(2)
    if not 1 <= port <= 65535:
        typer.echo(f"error: --port must be between 1 and 65535, got {port}", err=True)
        raise typer.Exit(2)
    env = {**os.environ, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false", "ANONYMIZED_TELEMETRY": "False"}
    typer.echo(f"LexMemo: http://127.0.0.1:{port}  (Ctrl+C to stop)")
    try:
        code = subprocess.call(streamlit_command(port), env=env)
    except KeyboardInterrupt:
        code = 0
    raise typer.Exit(code)
