"""The loopback hole behind the sign-in gate (issue 17 and its follow-up): another account on the same server can
reach Streamlit's internal port on 127.0.0.1 directly. On the real `lexmemo ui --preset team` (gate + `streamlit
run` of ui/team_app.py) every request there — page, ``/media`` download, health, websocket — is refused unless
``X-Lexmemo-Gate`` carries the per-launch secret, which is in Streamlit's environment only (not argv, not the log);
through the gate, after sign-in, the same page and the same download work."""

from __future__ import annotations

import contextlib
import re
import subprocess
from typing import Iterator

import httpx
import pytest
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect as ws_connect

from assistant.settings import Settings
from assistant.store import MatterStore
from assistant.store.users import UserStore

from auth_helpers import PW_ZHANG, lexmemo_ui_team, streamlit_of, wait_until
from streamlit_ws import run_script_once

NAME = "张某诉某外卖平台食物中毒案"
MEMO = "# 法律备忘录\n\n一、问题\n\n平台是否承担相应的责任。仅供下载测试：甲乙丙丁。\n"
_MEDIA = re.compile(rb"/media/[0-9a-f]+\.md")


@contextlib.contextmanager
def _app_run(ws_url: str, headers: dict[str, str], query: str) -> Iterator[bytes]:
    """Open a websocket, run the app once for ``?query``; yield everything it sent while the session is still open
    (Streamlit keeps a run's download files only as long as its session)."""
    sent = b""
    with ws_connect(f"{ws_url}/_stcore/stream", proxy=None, open_timeout=30, max_size=None,
                    subprotocols=["streamlit"], additional_headers=headers) as ws:
        sent, finished = run_script_once(ws, query, timeout=120)
        if finished:
            yield sent
            return
    raise AssertionError(f"the app did not finish its run: {sent[-300:]!r}")


def test_streamlits_internal_port_answers_only_the_gate(tmp_path):
    data = tmp_path / "data"
    settings = Settings(data_dir=data)
    UserStore(settings.db_path).add("zhang", PW_ZHANG, display_name="张律师")
    store = MatterStore(settings.db_path)
    matter = store.create_matter(NAME, owner="zhang")
    store.save_edit(matter.id, MEMO, None)  # a memo: the page offers its .md download (a /media URL)
    log = tmp_path / "lexmemo-ui.log"
    with lexmemo_ui_team(tmp_path) as url:
        wait_until(lambda: streamlit_of(data) is not None, "no streamlit process started", log, timeout=60)
        pid, argv, env = streamlit_of(data)
        assert any(a.endswith("team_app.py") for a in argv), argv
        port = int(argv[argv.index("--server.port") + 1])
        direct = f"http://127.0.0.1:{port}"
        secret = env.get("LEXMEMO_GATE_SECRET", "")
        assert len(secret) >= 40  # secrets.token_urlsafe(32)
        # Not in argv, which every account on the machine can read (`ps`), the gate's nor Streamlit's.
        listing = subprocess.run(["ps", "-eo", "pid,args", "ww"], capture_output=True, text=True, check=True).stdout
        assert f"{pid} " in listing and secret not in listing and all(secret not in a for a in argv)
        with_secret = {"X-Lexmemo-Gate": secret}
        wait_until(lambda: httpx.get(f"{direct}/_stcore/health", headers=with_secret, trust_env=False).text == "ok",
                   "streamlit did not become healthy", log)

        forged = {"X-Lexmemo-User": "zhang"}
        wrong = (forged, {**forged, "X-Lexmemo-Gate": "guessed"}, {**forged, "X-Lexmemo-Gate": ""},
                 {**forged, "X-Lexmemo-Gate": secret[:-1]}, {"X_Lexmemo_Gate": secret})
        for headers in wrong:
            for path in ("/", f"/?matter={matter.id}", "/_stcore/health", "/_stcore/host-config",
                         "/media/0123456789abcdef.md"):
                r = httpx.get(f"{direct}{path}", headers=headers, trust_env=False)
                assert r.status_code == 403 and "登录入口" in r.text, (path, headers, r.status_code)
            with pytest.raises(InvalidStatus) as refused:
                ws_connect(f"ws://127.0.0.1:{port}/_stcore/stream", proxy=None, open_timeout=15,
                           subprotocols=["streamlit"], additional_headers=headers)
            assert refused.value.response.status_code == 403, headers

        # Through the gate, signed in: the page, the matter and its download all work.
        with httpx.Client(base_url=url, trust_env=False, timeout=60) as c:
            assert c.post("/_lexmemo/login", data={"username": "zhang", "password": PW_ZHANG,
                                                   "next": "/"}).status_code == 303
            assert c.get("/_stcore/health").text == "ok"
            assert 'id="root"' in c.get(f"/?matter={matter.id}").text
            cookie = {"Cookie": f"lexmemo_session={c.cookies['lexmemo_session']}"}
            with _app_run(url.replace("http", "ws"), cookie, f"matter={matter.id}") as sent:
                assert NAME.encode() in sent and "已登录：zhang".encode() in sent
                media = _MEDIA.search(sent)
                assert media, "the memo's .md download is not on the page"
                path = media.group().decode()
                download = c.get(path)
                assert download.status_code == 200 and "甲乙丙丁" in download.text
                # The same live download, straight at Streamlit's port: refused without the secret, served with it
                # (so the refusal is the secret check's doing, not a file that is gone).
                assert httpx.get(f"{direct}{path}", trust_env=False).status_code == 403
                assert httpx.get(f"{direct}{path}", headers=forged, trust_env=False).status_code == 403
                assert "甲乙丙丁" in httpx.get(f"{direct}{path}", headers=with_secret, trust_env=False).text
    assert secret not in log.read_text(errors="replace")
