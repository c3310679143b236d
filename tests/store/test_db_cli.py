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
    from assistant.store.pg_schema import LATEST
    from assistant.store.schema import SCHEMA_VERSION

    latest = LATEST if isinstance(db_target, str) else SCHEMA_VERSION  # (PG migrations 6, SQLite schema 5 today)
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


def test_users_add_list_disable_through_the_cli(monkeypatch, tmp_path, db_target):
    import assistant.cli.users_cmds  # noqa: F401  (registers the verb)
    from assistant.store.users import UserStore

    _configure(monkeypatch, tmp_path, db_target)
    added = runner.invoke(app, ["users", "add", "zhang", "--name", "张律师", "--password-stdin"],
                          input="zhang-password-1\n")
    assert added.exit_code == 0, added.output
    typed = runner.invoke(app, ["users", "add", "li"], input="li-password-22\nli-password-22\n")  # asked twice
    assert typed.exit_code == 0, typed.output
    assert "li-password-22" not in typed.stdout  # hidden input
    short = runner.invoke(app, ["users", "add", "wang", "--password-stdin"], input="short\n")
    assert short.exit_code == 2 and "at least 10" in short.output
    assert runner.invoke(app, ["users", "disable", "li"]).exit_code == 0
    listed = runner.invoke(app, ["users", "list"]).stdout.splitlines()
    assert [line.split("\t")[:3] for line in listed] == [["li", "li", "已停用 disabled"],
                                                         ["zhang", "张律师", "启用 active"]]
    assert runner.invoke(app, ["users", "disable", "nobody"]).exit_code == 2
    users = UserStore(db_target)
    assert users.verify("zhang", "zhang-password-1") is not None and users.verify("li", "li-password-22") is None


def test_db_audit_lists_who_did_what_filtered_by_matter_and_user(monkeypatch, tmp_path, db_target):
    """A partner reads the audit table from the command line: each access, its lawyer, and denied attempts."""
    import json

    from assistant.store import MatterNotFound, MatterStore
    from assistant.store.audit import LawyerView
    from assistant.store.users import UserStore

    _configure(monkeypatch, tmp_path, db_target)
    users = UserStore(db_target)
    users.add("zhang", "zhang-password-1")
    users.add("li", "li-password-22")
    store = MatterStore(db_target)
    zhang, li = LawyerView(store, "zhang"), LawyerView(store, "li")
    mine = zhang.create_matter("审计命令")
    other = zhang.create_matter("另一事项")
    zhang.latest_facts(mine.id)
    try:
        li.get_matter(mine.id)
    except MatterNotFound:
        pass
    out = runner.invoke(app, ["db", "audit", "--matter", mine.id, "--json"])
    assert out.exit_code == 0, out.output
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert [(r["user"], r["action"]) for r in rows] == [("zhang", "create"), ("zhang", "read"), ("li", "denied")]
    assert all(r["matter"] == mine.id for r in rows) and other.id not in out.stdout
    li_rows = runner.invoke(app, ["db", "audit", "--user", "li"]).stdout.splitlines()
    assert len(li_rows) == 1 and "\tli\tdenied\t" in li_rows[0]
    none = runner.invoke(app, ["db", "audit", "--user", "nobody"])
    assert none.exit_code == 0 and none.stdout == "" and "no audit rows" in none.stderr
