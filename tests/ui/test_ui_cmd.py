"""`lexmemo ui`: the streamlit command line it runs (localhost, headless, no usage statistics), bad ports."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

import assistant.cli.ui_cmds as ui_cmds
from assistant.cli import _register_verbs, app
from assistant.cli.ui_cmds import APP_PATH, streamlit_command

_register_verbs()  # as `lexmemo` does: with every verb registered, `ui` is a subcommand


def _flag(cmd: list[str], name: str) -> str:
    return cmd[cmd.index(name) + 1]


def test_streamlit_command_is_local_headless_and_without_usage_stats():
    cmd = streamlit_command(8600)
    assert cmd[1:4] == ["-m", "streamlit", "run"] and Path(cmd[4]) == APP_PATH and APP_PATH.is_file()
    assert _flag(cmd, "--server.address") == "127.0.0.1"
    assert _flag(cmd, "--server.port") == "8600"
    assert _flag(cmd, "--server.headless") == "true"
    assert _flag(cmd, "--browser.gatherUsageStats") == "false"


def test_ui_verb_runs_streamlit_with_those_flags(monkeypatch):
    seen = {}

    def fake_call(cmd, env):
        seen["cmd"], seen["env"] = cmd, env
        return 0

    monkeypatch.setattr(ui_cmds.subprocess, "call", fake_call)
    result = CliRunner().invoke(app, ["ui", "--port", "8601"])
    assert result.exit_code == 0, result.output
    assert "http://127.0.0.1:8601" in result.output
    assert seen["cmd"] == streamlit_command(8601)
    assert seen["env"]["STREAMLIT_BROWSER_GATHER_USAGE_STATS"] == "false"


def test_bad_port_exits_2_with_a_message():
    result = CliRunner().invoke(app, ["ui", "--port", "70000"])
    assert result.exit_code == 2
    assert "--port" in result.output and "65535" in result.output
