"""The loopback hole behind the sign-in gate (issue 17): another account on the same server can reach Streamlit's
internal port on 127.0.0.1 directly and send ``X-Lexmemo-User`` itself. On the real `lexmemo ui --preset team`
(gate + `streamlit run` of ui/app.py) such a request gets no matter: the app shows 未登录 unless ``X-Lexmemo-Gate``
carries the per-launch secret, which is in Streamlit's environment only (not its argv, not the log)."""

from __future__ import annotations

import subprocess
import time

import httpx
from websockets.sync.client import connect as ws_connect

from assistant.settings import Settings
from assistant.store import MatterStore
from assistant.store.users import UserStore

from auth_helpers import PW_ZHANG, lexmemo_ui_team, streamlit_of, wait_until

NAME = "张某诉某外卖平台食物中毒案"


def _run_app(port: int, headers: dict[str, str], query: str) -> bytes:
    """Open Streamlit's websocket directly (no gate), run the app once for ``?query``; everything it sent, as bytes."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    sent = b""
    with ws_connect(f"ws://127.0.0.1:{port}/_stcore/stream", proxy=None, open_timeout=30, max_size=None,
                    subprotocols=["streamlit"], additional_headers=headers) as ws:
        rerun = BackMsg()
        rerun.rerun_script.query_string = query
        ws.send(rerun.SerializeToString())
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            msg = ForwardMsg.FromString(ws.recv(timeout=90))
            sent += msg.SerializeToString()
            if msg.WhichOneof("type") == "script_finished":
                return sent
    raise AssertionError(f"the app did not finish its run: {sent[-300:]!r}")


def test_a_direct_connection_to_streamlits_port_with_a_forged_user_gets_no_matter(tmp_path):
    data = tmp_path / "data"
    settings = Settings(data_dir=data)
    UserStore(settings.db_path).add("zhang", PW_ZHANG, display_name="张律师")
    matter = MatterStore(settings.db_path).create_matter(NAME, owner="zhang")
    log = tmp_path / "lexmemo-ui.log"
    with lexmemo_ui_team(tmp_path) as url:
        wait_until(lambda: streamlit_of(data) is not None, "no streamlit process started", log, timeout=60)
        pid, argv, env = streamlit_of(data)
        port = int(argv[argv.index("--server.port") + 1])
        direct = f"http://127.0.0.1:{port}"
        wait_until(lambda: httpx.get(f"{direct}/_stcore/health", trust_env=False).text == "ok",
                   "streamlit did not become healthy", log)
        secret = env.get("LEXMEMO_GATE_SECRET", "")
        assert len(secret) >= 40  # secrets.token_urlsafe(32)
        # Not in argv, which every account on the machine can read (`ps`), the gate's nor Streamlit's.
        listing = subprocess.run(["ps", "-eo", "pid,args", "ww"], capture_output=True, text=True, check=True).stdout
        assert f"{pid} " in listing and secret not in listing and all(secret not in a for a in argv)

        forged = {"X-Lexmemo-User": "zhang"}
        page = httpx.get(f"{direct}/?matter={matter.id}", headers=forged, trust_env=False)
        assert NAME.encode() not in page.content  # the HTTP page is Streamlit's empty shell; data comes by websocket
        for headers in (forged, {**forged, "X-Lexmemo-Gate": "guessed"}, {**forged, "X-Lexmemo-Gate": ""},
                        {**forged, "X-Lexmemo-Gate": secret[:-1]}):
            sent = _run_app(port, headers, f"matter={matter.id}")
            assert "未登录".encode() in sent and NAME.encode() not in sent, headers
            assert "已登录".encode() not in sent
        # The same request with the secret (what the gate sends) does open the lawyer's matter: the check above is
        # the secret's doing, not a page that never shows the matter.
        sent = _run_app(port, {**forged, "X-Lexmemo-Gate": secret}, f"matter={matter.id}")
        assert NAME.encode() in sent and "已登录：zhang".encode() in sent and "未登录".encode() not in sent
        # Through the gate after signing in, as before.
        with httpx.Client(base_url=url, trust_env=False, timeout=30) as c:
            ok = c.post("/_lexmemo/login", data={"username": "zhang", "password": PW_ZHANG, "next": "/"})
            assert ok.status_code == 303
            assert c.get("/_stcore/health").text == "ok"
    assert secret not in log.read_text(errors="replace")
