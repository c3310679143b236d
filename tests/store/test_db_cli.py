"""``lexmemo db upgrade|status`` on the configured database (SQLite file or PostgreSQL), and its clear errors."""

from __future__ import annotations

from typer.testing import CliRunner

import assistant.cli.db_cmds  # noqa: F401  (registers the verb)
from assistant.cli import app
from assistant.store import MatterStore

runner = CliRunner()


def _configure(monkeypatch, tmp_path, db_target) -> None:
    monkeypatch.setenv("LEXMEMO_DATA_DIR", str(tmp_path))  # SQLite: tmp_path/matters.sqlite3 == db_target
    if isinstance(db_target, str):
        monkeypatch.setenv("LEXMEMO_DATABASE_URL", db_target)
    else:
        monkeypatch.delenv("LEXMEMO_DATABASE_URL", raising=False)


def test_upgrade_then_status_then_upgrade_again(monkeypatch, tmp_path, db_target):
    _configure(monkeypatch, tmp_path, db_target)
    first = runner.invoke(app, ["db", "upgrade"])
    assert first.exit_code == 0, first.output
    again = runner.invoke(app, ["db", "upgrade"])
    assert again.exit_code == 0 and "up to date" in again.stdout
    status = runner.invoke(app, ["db", "status"])
    latest = "4" if isinstance(db_target, str) else "3"
    assert status.exit_code == 0 and f"version {latest}" in status.stdout
    assert ("PostgreSQL" if isinstance(db_target, str) else "SQLite") in status.stdout
    m = MatterStore(db_target).create_matter("升级后")
    assert MatterStore(db_target).get_matter(m.id).name == "升级后"


def test_sqlite_status_of_a_new_install_says_what_to_run(monkeypatch, tmp_path):
    monkeypatch.delenv("LEXMEMO_DATABASE_URL", raising=False)
    monkeypatch.setenv("LEXMEMO_DATA_DIR", str(tmp_path))
    result = runner.invoke(app, ["db", "status"])
    assert result.exit_code == 0 and "lexmemo db upgrade" in result.stdout
    assert not (tmp_path / "matters.sqlite3").exists()  # status changes nothing


def test_unreachable_server_is_a_one_line_error_without_the_password(monkeypatch):
    monkeypatch.setenv("LEXMEMO_DATABASE_URL", "postgresql://lexmemo:s3cret@127.0.0.1:1/lexmemo?connect_timeout=2")
    result = runner.invoke(app, ["db", "upgrade"])
    assert result.exit_code == 1 and "could not upgrade the database" in result.output
    assert "s3cret" not in result.output
