"""The gate as a real server (uvicorn, a free port) in front of a stand-in for Streamlit that reports what it got:
nothing reaches it before sign-in; after sign-in requests and the websocket reach it with X-Lexmemo-User set."""

from __future__ import annotations

import json
import time

import httpx
import pytest
from starlette.applications import Starlette
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route, WebSocketRoute
from websockets.exceptions import ConnectionClosed, InvalidStatus
from websockets.sync.client import connect as ws_connect

from assistant.auth.gate import Gate
from assistant.auth.login_page import WRONG_CREDENTIALS
from assistant.auth.ratelimit import FailureLimiter
from assistant.auth.sessions import SessionStore

from auth_helpers import PW_LI, PW_ZHANG, Clock, serve

MARK = "STREAMLIT-STAND-IN"
BIG = 3 * 1024 * 1024 + 17  # a download larger than any buffer on the way
SECRET = "launch-secret-for-this-test-0123456789abcdef"  # what `lexmemo ui` gives the gate and Streamlit's env


async def _echo(request):
    body = await request.body()
    return JSONResponse({"mark": MARK, "method": request.method, "path": request.url.path,
                         "query": request.url.query, "headers": [[k, v] for k, v in request.headers.items()],
                         "body": body.decode("utf-8", "replace")})


async def _big(request):
    async def chunks():
        for _ in range(BIG // 65536):
            yield b"x" * 65536
        yield b"x" * (BIG % 65536)
    return StreamingResponse(chunks(), media_type="application/octet-stream")


async def _cookies(request):
    response = Response("ok")
    response.raw_headers += [(b"set-cookie", b"a=1; Path=/"), (b"set-cookie", b"b=2; Path=/")]
    return response


async def _stream(ws):
    offered = ws.scope.get("subprotocols") or []
    await ws.accept(subprotocol=offered[0] if offered else None)
    await ws.send_text(json.dumps({"mark": MARK, "headers": [[k, v] for k, v in ws.headers.items()],
                                   "subprotocols": offered}))
    while True:
        message = await ws.receive()
        if message["type"] == "websocket.disconnect":
            return
        if message.get("bytes") is not None:
            await ws.send_bytes(message["bytes"][::-1])
        else:
            await ws.send_text("echo:" + message["text"])


STAND_IN = Starlette(routes=[Route("/media/big.bin", _big), Route("/cookies", _cookies),
                             WebSocketRoute("/_stcore/stream", _stream),
                             Route("/{path:path}", _echo, methods=["GET", "POST", "PUT", "HEAD"])])


@pytest.fixture()
def clock():
    return Clock()


@pytest.fixture()
def site(users, db_target, clock):
    """The stand-in on one port, the gate in front of it on another; yields (gate URL, sessions, limiter clock)."""
    sessions = SessionStore(db_target, clock=clock)
    limiter_clock = Clock()
    gate = Gate("", sessions, users, session_hours=8, limiter=FailureLimiter(5, 60, limiter_clock), recheck_s=0.2,
                secret=SECRET)
    with serve(STAND_IN) as upstream:
        gate.upstream = upstream
        with serve(gate) as url:
            yield url, sessions, limiter_clock


def _client(url: str) -> httpx.Client:
    return httpx.Client(base_url=url, follow_redirects=False, trust_env=False, timeout=30)


def _sign_in(c: httpx.Client, user: str = "zhang", password: str = PW_ZHANG, next_path: str = "/") -> httpx.Response:
    return c.post("/_lexmemo/login", data={"username": user, "password": password, "next": next_path})


UNAUTHENTICATED = [("/", 302), ("/?matter=abc123", 302), ("/triage", 302), ("/media/anything.docx", 401),
                   ("/media/big.bin", 401), ("/_stcore/health", 401), ("/_stcore/host-config", 401),
                   ("/static/js/main.js", 401), ("/component/x/index.html", 401), ("/app/static/a.png", 401)]


def test_nothing_reaches_streamlit_before_sign_in(site):
    url, _, _ = site
    with _client(url) as c:
        for path, status in UNAUTHENTICATED:
            r = c.get(path)
            assert r.status_code == status, path
            assert MARK not in r.text, path
            if status == 302:
                assert r.headers["location"].startswith("/_lexmemo/login?next=")
        assert "matter%3Dabc123" in c.get("/?matter=abc123").headers["location"]  # back to the same matter after
        r = c.post("/_stcore/upload_file/s/f", content=b"data")
        assert r.status_code == 401 and MARK not in r.text
        # A forged user header or a made-up cookie opens nothing either.
        r = c.get("/", headers={"X-Lexmemo-User": "zhang", "Cookie": "lexmemo_session=made-up"})
        assert r.status_code == 302 and MARK not in r.text
    with pytest.raises(InvalidStatus) as refused:
        ws_connect(url.replace("http", "ws") + "/_stcore/stream", proxy=None, open_timeout=10)
    assert refused.value.response.status_code == 403


def test_a_browser_opening_a_download_url_gets_the_sign_in_page_a_script_gets_401(site):
    url, _, _ = site
    with _client(url) as c:
        for path in ("/media/memo.docx", "/static/js/main.js", "/_stcore/health"):
            r = c.get(path, headers={"Sec-Fetch-Mode": "navigate", "Sec-Fetch-Dest": "document"})
            assert r.status_code == 302 and MARK not in r.text, path
            # back to the workspace after sign-in: the download link itself died with the session that made it
            assert r.headers["location"] == "/_lexmemo/login?next=%2F"
        r = c.get("/media/memo.docx", headers={"Sec-Fetch-Mode": "cors", "Accept": "text/html"})  # a fetch()
        assert r.status_code == 401 and MARK not in r.text
        assert c.post("/media/memo.docx", headers={"Sec-Fetch-Mode": "navigate"}).status_code == 401


def test_the_sign_in_page_is_chinese_and_a_wrong_password_sets_no_cookie(site):
    url, _, _ = site
    with _client(url) as c:
        page = c.get("/_lexmemo/login?next=/%3Fmatter%3Dabc")
        assert page.status_code == 200 and all(w in page.text for w in ("用户名", "密码", "登录"))
        assert 'value="/?matter=abc"' in page.text and page.headers["cache-control"] == "no-store"
        for user, password in (("zhang", PW_LI), ("nobody", PW_ZHANG), ("zhang", "")):
            r = _sign_in(c, user, password)
            assert r.status_code == 401 and WRONG_CREDENTIALS in r.text, (user, password)
            assert "set-cookie" not in r.headers and not c.cookies
        assert c.get("/").status_code == 302


def test_right_password_gives_an_expiring_httponly_cookie_and_the_app_with_the_user_header(site):
    url, _, _ = site
    with _client(url) as c:
        r = _sign_in(c, next_path="/?matter=abc")
        assert r.status_code == 303 and r.headers["location"] == "/?matter=abc"
        cookie = r.headers["set-cookie"]
        assert cookie.startswith("lexmemo_session=") and "Max-Age=28800" in cookie
        assert "HttpOnly" in cookie and "samesite=lax" in cookie.lower() and "Secure" not in cookie  # http here
        c.cookies.set("a", "1")
        page = c.get("/?matter=abc", headers={"X-Lexmemo-User": "li", "X_Lexmemo_User": "li",
                                              "X-Lexmemo-Gate": "forged", "X_Lexmemo_Gate": "forged"})
        got = page.json()
        assert got["mark"] == MARK and got["query"] == "matter=abc"
        headers = [(k.lower(), v) for k, v in got["headers"]]
        assert [v for k, v in headers if k.replace("_", "-") == "x-lexmemo-user"] == ["zhang"]  # forged ones gone
        assert [v for k, v in headers if k.replace("_", "-") == "x-lexmemo-gate"] == [SECRET]  # only the gate's
        assert [v for k, v in headers if k == "cookie"] == ["a=1"]  # the session token stays at the gate
        # Downloads stream through whole; several Set-Cookie headers come back apart; uploads reach it.
        big = c.get("/media/big.bin")
        assert big.status_code == 200 and len(big.content) == BIG
        assert c.get("/cookies").headers.get_list("set-cookie") == ["a=1; Path=/", "b=2; Path=/"]
        put = c.put("/_stcore/upload_file/s/f", content="案情.csv 内容".encode())
        assert put.json()["body"] == "案情.csv 内容" and put.json()["method"] == "PUT"
        # Already signed in: the sign-in page sends the lawyer on.
        assert c.get("/_lexmemo/login?next=/triage").headers["location"] == "/triage"


def test_the_websocket_is_relayed_both_ways_with_the_user_and_subprotocols(site):
    url, _, _ = site
    with _client(url) as c:
        token = _sign_in(c).cookies["lexmemo_session"]
    headers = {"Cookie": f"lexmemo_session={token}; _streamlit_xsrf=x1", "X-Lexmemo-User": "li",
               "X-Lexmemo-Gate": "forged"}
    with ws_connect(url.replace("http", "ws") + "/_stcore/stream", proxy=None, additional_headers=headers,
                    subprotocols=["streamlit", "xsrf|token|1"], open_timeout=10) as ws:
        hello = json.loads(ws.recv(timeout=10))
        assert ws.subprotocol == "streamlit" and hello["subprotocols"] == ["streamlit", "xsrf|token|1"]
        got = [(k.lower(), v) for k, v in hello["headers"]]
        assert [v for k, v in got if k == "x-lexmemo-user"] == ["zhang"]
        assert [v for k, v in got if k == "x-lexmemo-gate"] == [SECRET]  # on the handshake too, forged one gone
        assert ("cookie", "_streamlit_xsrf=x1") in got
        ws.send("你好")
        assert ws.recv(timeout=10) == "echo:你好"
        ws.send(b"\x00\x01\x02")
        assert ws.recv(timeout=10) == b"\x02\x01\x00"
    # A page of another site cannot open it with the lawyer's cookie.
    with pytest.raises(InvalidStatus):
        ws_connect(url.replace("http", "ws") + "/_stcore/stream", proxy=None, open_timeout=10,
                   additional_headers={"Cookie": f"lexmemo_session={token}"}, origin="http://evil.example")


def test_expiry_logout_and_disabling_end_access(site, clock, users):
    url, sessions, _ = site
    with _client(url) as c:
        _sign_in(c)
        assert c.get("/").json()["mark"] == MARK
        clock.advance(8 * 3600)
        assert c.get("/").status_code == 302 and c.get("/media/x").status_code == 401  # expired: sign in again
        _sign_in(c)
        assert c.get("/").status_code == 200
        out = c.get("/_lexmemo/logout")
        assert out.status_code == 303 and "out=1" in out.headers["location"]
        assert 'lexmemo_session=""' in out.headers["set-cookie"] or "Max-Age=0" in out.headers["set-cookie"]
        assert "您已退出登录" in c.get(out.headers["location"]).text
    with _client(url) as c:
        token = _sign_in(c, "li", PW_LI).cookies["lexmemo_session"]
        c.get("/_lexmemo/logout")
        assert sessions.verify(token) is None  # the server forgot it: a copied cookie is dead too
    with _client(url) as c:
        token = _sign_in(c, "li", PW_LI).cookies["lexmemo_session"]
        with ws_connect(url.replace("http", "ws") + "/_stcore/stream", proxy=None, open_timeout=10,
                        additional_headers={"Cookie": f"lexmemo_session={token}"}) as ws:
            ws.recv(timeout=10)
            users.disable("li")
            assert c.get("/").status_code == 302  # the next request
            with pytest.raises(ConnectionClosed):  # the open websocket is closed at the next check (0.2 s here)
                for _ in range(50):
                    ws.send("x")
                    ws.recv(timeout=1)
                    time.sleep(0.1)
        assert _sign_in(c, "li", PW_LI).status_code == 401


def test_failed_sign_ins_are_limited_per_user_and_address(site):
    url, _, limiter_clock = site
    with _client(url) as c:
        for _ in range(5):
            assert _sign_in(c, "zhang", "wrong-password-x").status_code == 401
        blocked = _sign_in(c)  # even the right password waits now: no guessing through the limit
        assert blocked.status_code == 429 and "请一分钟后再试" in blocked.text and not c.cookies
        assert _sign_in(c, "li", PW_LI).status_code == 303  # another user name is not blocked
        limiter_clock.advance(60)
        assert _sign_in(c).status_code == 303


def test_sign_in_form_posted_from_another_site_and_open_redirects_are_refused(site):
    url, _, _ = site
    with _client(url) as c:
        r = c.post("/_lexmemo/login", data={"username": "zhang", "password": PW_ZHANG},
                   headers={"Origin": "http://evil.example"})
        assert r.status_code == 403 and not c.cookies
        for bad in ("//evil.example/x", "http://evil.example/", "/\\evil.example", "/_stcore/stream"):
            assert _sign_in(c, next_path=bad).headers["location"] == "/"
            c.cookies.clear()


def test_an_open_tab_that_only_sends_heartbeats_is_signed_out_when_idle(users, db_target, clock):
    from streamlit.proto.BackMsg_pb2 import BackMsg

    heartbeat, rerun = BackMsg(), BackMsg()
    heartbeat.app_heartbeat = True
    rerun.rerun_script.query_string = "matter=abc"
    sessions = SessionStore(db_target, clock=clock, idle_minutes=30)
    gate = Gate("", sessions, users, session_hours=8, recheck_s=0.1)
    with serve(STAND_IN) as upstream:
        gate.upstream = upstream
        with serve(gate) as url:
            for message, stays_open in ((rerun, True), (heartbeat, False)):
                token = sessions.create("zhang", 8)
                with ws_connect(url.replace("http", "ws") + "/_stcore/stream", proxy=None, open_timeout=10,
                                additional_headers={"Cookie": f"lexmemo_session={token}"}) as ws:
                    ws.recv(timeout=10)
                    closed = False
                    for _ in range(3):  # 3 × 20 minutes, each with one message from the tab
                        clock.advance(20 * 60)
                        try:
                            ws.send(message.SerializeToString())
                            ws.recv(timeout=5)
                            time.sleep(0.4)  # a few session checks of the gate
                        except ConnectionClosed:
                            closed = True
                            break
                    assert closed is not stays_open, message
                    assert (sessions.verify(token, touch=False) is not None) is stays_open


def test_an_oversized_or_unsized_sign_in_post_is_refused_unread(site):
    url, _, _ = site
    with _client(url) as c:
        big = c.post("/_lexmemo/login", data={"username": "zhang", "password": PW_ZHANG, "pad": "x" * 10_000})
        assert big.status_code == 413 and not c.cookies
        chunked = c.post("/_lexmemo/login", content=iter([b"username=zhang&password=", PW_ZHANG.encode()]),
                         headers={"Content-Type": "application/x-www-form-urlencoded"})
        assert chunked.status_code == 411 and not c.cookies


def test_the_failure_table_forgets_old_pairs_when_full():
    clock = Clock()
    limiter = FailureLimiter(limit=5, window_s=60, clock=clock, max_keys=100)
    for i in range(100):
        limiter.failed(f"made-up-{i}", "10.0.0.9")
    clock.advance(61)
    limiter.failed("zhang", "10.0.0.9")
    assert len(limiter._failures) == 1
    for _ in range(4):
        limiter.failed("zhang", "10.0.0.9")
    assert limiter.blocked("ZHANG ", "10.0.0.9") and not limiter.blocked("zhang", "10.0.0.8")


def test_behind_a_local_tls_proxy_the_cookie_is_secure(site):
    url, _, _ = site
    with _client(url) as c:  # the TLS proxy on this host says the lawyer came over https (uvicorn trusts 127.0.0.1)
        r = c.post("/_lexmemo/login", data={"username": "zhang", "password": PW_ZHANG},
                   headers={"X-Forwarded-Proto": "https"})
        assert r.status_code == 303 and "Secure" in r.headers["set-cookie"]
        out = c.get("/_lexmemo/logout", headers={"X-Forwarded-Proto": "https"})
        assert "Secure" in out.headers["set-cookie"]


def test_a_gate_given_no_secret_makes_its_own_never_an_empty_one(users, db_target):
    """Without the launch's secret the gate still sends one (its own, random): an empty X-Lexmemo-Gate is never sent,
    so no Streamlit can be tricked into matching an empty value."""
    from assistant.auth.proxy import upstream_headers

    made = [Gate("", SessionStore(db_target), users, session_hours=8)._secret for _ in range(2)]
    assert all(len(m) >= 40 for m in made) and made[0] != made[1]
    sent = upstream_headers([(b"x-lexmemo-gate", b"forged")], "zhang", "1.2.3.4", "http", "h", secret="")
    assert not [v for k, v in sent if k.lower() == "x-lexmemo-gate"]
