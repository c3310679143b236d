"""`lexmemo ui` when sign-in is required: refused without a user (exit 2, says how to add one); unchanged on loopback
with the local preset; and the real thing — `lexmemo ui --preset team` (gate + `streamlit run` of ui/app.py) —
serves nothing of Streamlit before sign-in, then the app and its websocket to the signed-in lawyer."""

from __future__ import annotations


import httpx
import pytest
from typer.testing import CliRunner
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect as ws_connect

import assistant.cli.ui_cmds as ui_cmds
from assistant.cli import _register_verbs, app
from assistant.settings import Settings
from assistant.store.users import UserStore

from auth_helpers import PW_ZHANG, lexmemo_ui_team, wait_until
from streamlit_ws import run_script_once

_register_verbs()


@pytest.fixture()
def data_env(tmp_path, monkeypatch):
    monkeypatch.setenv("LEXMEMO_DATA_DIR", str(tmp_path / "data"))
    for name in ("LEXMEMO_DATABASE_URL", "LEXMEMO_PRESET", "LEXMEMO_UI_ADDRESS"):
        monkeypatch.delenv(name, raising=False)

    def no_server(*args, **kwargs):
        raise AssertionError("no server may start")

    monkeypatch.setattr(ui_cmds.subprocess, "Popen", no_server)
    monkeypatch.setattr(ui_cmds.subprocess, "call", no_server)
    return tmp_path / "data"


@pytest.mark.parametrize("args, env", [(["--preset", "team"], {}), ([], {"LEXMEMO_PRESET": "team"}),
                                       (["--address", "0.0.0.0"], {}), (["--address", "192.168.1.20"], {})])
def test_sign_in_required_without_users_exits_2_saying_how_to_add_one(data_env, monkeypatch, args, env):
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    result = CliRunner().invoke(app, ["ui", *args])
    assert result.exit_code == 2, result.output
    assert "add a user first: lexmemo users add NAME" in result.output


def test_a_disabled_only_user_is_no_user(data_env):
    users = UserStore(Settings(data_dir=data_env).db_path)
    users.add("zhang", PW_ZHANG)
    users.disable("zhang")
    result = CliRunner().invoke(app, ["ui", "--preset", "team"])
    assert result.exit_code == 2 and "lexmemo users add" in result.output


def test_sign_in_rule_follows_preset_and_address():
    assert not Settings().sign_in_required and not Settings(ui_address="localhost").sign_in_required
    assert not Settings(ui_address="::1").sign_in_required and not Settings(ui_address="127.0.0.2").sign_in_required
    assert Settings(ui_address="0.0.0.0").sign_in_required and Settings(ui_address="10.0.0.5").sign_in_required
    assert Settings(ui_address="lawfirm-server").sign_in_required  # a name may resolve to anything: not loopback
    assert Settings(preset="team").sign_in_required and Settings.for_preset("team").ui_address == "0.0.0.0"
    assert Settings().session_hours == 8


def test_bad_preset_exits_2(data_env):
    result = CliRunner().invoke(app, ["ui", "--preset", "firm"])
    assert result.exit_code == 2 and "--preset" in result.output


def test_team_workspace_on_real_streamlit_shows_nothing_before_sign_in(tmp_path):
    UserStore(Settings(data_dir=tmp_path / "data").db_path).add("zhang", PW_ZHANG, display_name="张律师")
    log = tmp_path / "lexmemo-ui.log"
    with lexmemo_ui_team(tmp_path) as url, httpx.Client(base_url=url, trust_env=False, timeout=30) as c:
        wait_until(lambda: c.get("/_lexmemo/login").status_code == 200, "the gate did not start", log)
        for path in ("/", "/?matter=abc", "/media/anything.docx", "/_stcore/health", "/_stcore/host-config",
                     "/static/js/index.js", "/favicon.png"):
            r = c.get(path)
            assert r.status_code in (302, 401), path
            assert "streamlit" not in r.text.lower() and 'id="root"' not in r.text, path
        with pytest.raises(InvalidStatus):
            ws_connect(url.replace("http", "ws") + "/_stcore/stream", proxy=None, open_timeout=10,
                       subprotocols=["streamlit"])
        wrong = c.post("/_lexmemo/login", data={"username": "zhang", "password": "not-the-password"})
        assert wrong.status_code == 401 and "用户名或密码不正确" in wrong.text and not c.cookies
        ok = c.post("/_lexmemo/login", data={"username": "zhang", "password": PW_ZHANG, "next": "/"})
        assert ok.status_code == 303 and "Max-Age=28800" in ok.headers["set-cookie"]
        wait_until(lambda: c.get("/_stcore/health").text == "ok", "streamlit did not become healthy behind the gate", log)
        page = c.get("/")
        assert page.status_code == 200 and 'id="root"' in page.text  # Streamlit's own page, through the gate
        script = page.text.split('src="./static/', 1)[1].split('"', 1)[0]
        assert c.get(f"/static/{script}").status_code == 200
        assert httpx.get(f"{url}/static/{script}", trust_env=False).status_code == 401  # the same file, no cookie
        token = c.cookies["lexmemo_session"]
        with ws_connect(url.replace("http", "ws") + "/_stcore/stream", proxy=None, open_timeout=30,
                        subprotocols=["streamlit"], max_size=None,
                        additional_headers={"Cookie": f"lexmemo_session={token}"}) as ws:
            assert ws.subprotocol == "streamlit"
            texts, _ = run_script_once(ws, "", timeout=90)  # an unfinished run fails the sidebar check below
        # The app ran for this signed-in session and drew its Chinese sidebar, with the lawyer named by the gate.
        assert "已登录：zhang".encode() in texts, texts[-500:]
        out = c.get("/_lexmemo/logout")
        assert out.status_code == 303
        c.cookies.clear()
        assert c.get("/").status_code == 302
        with pytest.raises(InvalidStatus):
            ws_connect(url.replace("http", "ws") + "/_stcore/stream", proxy=None, open_timeout=10,
                       additional_headers={"Cookie": f"lexmemo_session={token}"})
