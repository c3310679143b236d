"""Server-side sessions on both backends: create, verify, expire (injected clock), idle timeout, a disabled user,
sign-out, and the token never stored in clear."""

from __future__ import annotations

import pytest

from assistant.auth.sessions import TOUCH_EVERY_S, SessionStore, token_hash

from auth_helpers import Clock


@pytest.fixture()
def clock():
    return Clock()


def test_a_session_lives_until_it_expires_then_is_gone(users, db_target, clock):
    sessions = SessionStore(db_target, clock=clock)
    token = sessions.create("zhang", hours=8)
    assert len(token) >= 43 and sessions.verify(token) == "zhang"
    clock.advance(8 * 3600 - 1)
    assert sessions.verify(token) == "zhang"
    clock.advance(1)
    assert sessions.verify(token) is None
    assert sessions.get(token) is None  # an expired row is dropped at the check, not kept around


def test_two_sessions_have_different_tokens_and_a_wrong_token_opens_nothing(users, db_target, clock):
    sessions = SessionStore(db_target, clock=clock)
    a, b = sessions.create("zhang", 8), sessions.create("zhang", 8)
    assert a != b
    assert sessions.verify(a[:-1] + ("A" if a[-1] != "A" else "B")) is None
    assert sessions.verify("") is None and sessions.verify(None) is None


def test_only_the_sha256_of_the_token_is_stored(users, db_target, clock):
    sessions = SessionStore(db_target, clock=clock)
    token = sessions.create("li", 2)
    with sessions.backend.read() as conn:
        rows = [tuple(r[i] for i in range(5)) for r in conn.execute(
            "SELECT token_hash, username, created, expires, last_seen FROM sessions").fetchall()]
    assert len(rows) == 1 and rows[0][0] == token_hash(token) and rows[0][1] == "li"
    assert all(token not in str(cell) for cell in rows[0])
    # A stolen copy of the table is no cookie: the stored hash does not verify as a token.
    assert sessions.verify(rows[0][0]) is None


def test_a_disabled_users_session_stops_at_the_next_check(users, db_target, clock):
    sessions = SessionStore(db_target, clock=clock)
    token = sessions.create("li", 8)
    assert sessions.verify(token) == "li"
    users.disable("li")
    assert sessions.verify(token) is None
    users.enable("li")
    # The row stays until it expires, so re-enabling a lawyer (a mistaken disable) restores their open session.
    assert sessions.verify(token) == "li"


def test_idle_timeout_ends_an_unused_session_and_use_keeps_it(users, db_target, clock):
    sessions = SessionStore(db_target, clock=clock, idle_minutes=30)
    used, unused = sessions.create("zhang", 8), sessions.create("li", 8)
    for _ in range(5):  # 5 × 20 minutes of use: 100 minutes, each gap under the idle limit
        clock.advance(20 * 60)
        assert sessions.verify(used) == "zhang"
    assert sessions.verify(unused) is None
    # A check that is not use (touch=False) does not extend it.
    clock.advance(20 * 60)
    assert sessions.verify(used, touch=False) == "zhang"
    clock.advance(15 * 60)
    assert sessions.verify(used) is None


def test_last_seen_is_written_at_most_once_a_minute(users, db_target, clock):
    sessions = SessionStore(db_target, clock=clock)
    token = sessions.create("zhang", 8)
    first = sessions.get(token).last_seen
    clock.advance(TOUCH_EVERY_S / 2)
    sessions.verify(token)
    assert sessions.get(token).last_seen == first
    clock.advance(TOUCH_EVERY_S)
    sessions.verify(token)
    assert sessions.get(token).last_seen > first


def test_sign_out_revoke_user_and_purge(users, db_target, clock):
    sessions = SessionStore(db_target, clock=clock)
    a, b, c = sessions.create("zhang", 8), sessions.create("zhang", 1), sessions.create("li", 8)
    sessions.revoke(a)
    assert sessions.verify(a) is None and sessions.verify(b) == "zhang"
    clock.advance(2 * 3600)
    assert sessions.purge_expired() == 1  # b
    assert sessions.revoke_user("li") == 1 and sessions.verify(c) is None


def test_a_session_for_no_such_user_is_refused(users, db_target, clock):
    sessions = SessionStore(db_target, clock=clock)
    with pytest.raises(Exception):
        sessions.create("nobody", 8)
    with pytest.raises(ValueError):
        sessions.create("zhang", 0)


def test_lexmemo_users_reset_password_ends_the_users_open_sessions(users, db_target, monkeypatch):
    from typer.testing import CliRunner

    import assistant.cli.users_cmds  # noqa: F401  (registers the verb)
    from assistant.cli import app

    if isinstance(db_target, str):
        monkeypatch.setenv("LEXMEMO_DATABASE_URL", db_target)
    else:
        monkeypatch.delenv("LEXMEMO_DATABASE_URL", raising=False)
        monkeypatch.setenv("LEXMEMO_DATA_DIR", str(db_target.parent))
    sessions = SessionStore(db_target)
    theirs, other = sessions.create("li", 8), sessions.create("zhang", 8)
    result = CliRunner().invoke(app, ["users", "reset-password", "li", "--password-stdin"],
                                input="a-brand-new-password\n")
    assert result.exit_code == 0 and "1 open session(s) ended" in result.output, result.output
    assert sessions.verify(theirs) is None and sessions.verify(other) == "zhang"
    assert users.verify("li", "a-brand-new-password") is not None


def test_the_sign_out_line_escapes_the_name_and_stays_in_the_tab():
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "ui"))  # as Streamlit runs ui/app.py
    from views.session_bar import signout_html

    line = signout_html("zhang<script>")
    assert "已登录：zhang&lt;script&gt;" in line and "<script>" not in line
    assert 'href="/_lexmemo/logout" target="_self">退出登录</a>' in line
