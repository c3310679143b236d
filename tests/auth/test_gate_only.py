"""``GateOnly`` (assistant/auth/internal.py), the check in front of every route of team mode's Streamlit, on a small
Starlette app: only a request or websocket carrying exactly one ``X-Lexmemo-Gate`` equal to the secret passes."""

from __future__ import annotations

import pytest
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.responses import PlainTextResponse
from starlette.routing import Route, WebSocketRoute
from starlette.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from assistant.auth.internal import GATE_SECRET_ENV, GateOnly

SECRET = "s3cret-per-launch-0123456789"


async def _media(request):
    return PlainTextResponse("memo bytes")


async def _stream(ws):
    await ws.accept()
    await ws.send_text("hello")
    await ws.close()


def _app(secret=None):
    return Starlette(routes=[Route("/media/{name}", _media), WebSocketRoute("/_stcore/stream", _stream)],
                     middleware=[Middleware(GateOnly, secret=secret)])


def test_only_the_gates_secret_opens_a_download():
    with TestClient(_app(SECRET)) as client:
        assert client.get("/media/a.docx", headers={"X-Lexmemo-Gate": SECRET}).text == "memo bytes"
        for headers in ({}, {"X-Lexmemo-Gate": ""}, {"X-Lexmemo-Gate": SECRET[:-1]}, {"X-Lexmemo-Gate": SECRET + "x"},
                        {"X-Lexmemo-User": "zhang"}):
            r = client.get("/media/a.docx", headers=headers)
            assert r.status_code == 403 and "登录入口" in r.text and "memo bytes" not in r.text, headers
        # two copies (one forged, one real): ambiguous, refused
        r = client.get("/media/a.docx", headers=[("X-Lexmemo-Gate", "forged"), ("X-Lexmemo-Gate", SECRET)])
        assert r.status_code == 403


def test_only_the_gates_secret_opens_the_websocket():
    with TestClient(_app(SECRET)) as client:
        with client.websocket_connect("/_stcore/stream", headers={"X-Lexmemo-Gate": SECRET}) as ws:
            assert ws.receive_text() == "hello"
        with pytest.raises(WebSocketDisconnect) as refused:
            with client.websocket_connect("/_stcore/stream", headers={"X-Lexmemo-Gate": "guess"}):
                pass
        assert refused.value.code == 1008


def test_without_a_secret_in_the_environment_everything_is_refused(monkeypatch):
    monkeypatch.delenv(GATE_SECRET_ENV, raising=False)
    with TestClient(_app()) as client:
        assert client.get("/media/a.docx", headers={"X-Lexmemo-Gate": ""}).status_code == 403
    monkeypatch.setenv(GATE_SECRET_ENV, SECRET)
    with TestClient(_app()) as client:  # read from the environment, as Streamlit's process gets it
        assert client.get("/media/a.docx", headers={"X-Lexmemo-Gate": SECRET}).status_code == 200
