"""Relaying a signed-in request to Streamlit: headers cleaned (hop-by-hop, our session cookie, any forged
``X-Lexmemo-User`` or ``X-Lexmemo-Gate``), the user and the per-launch gate secret set, HTTP streamed with httpx,
websockets relayed both ways with ``websockets``."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any, Awaitable, Callable, Iterable

import httpx
from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.websockets import WebSocket, WebSocketDisconnect

USER_HEADER = "x-lexmemo-user"
# The per-launch secret only the gate knows (besides Streamlit, which gets it in its environment): the UI trusts
# X-Lexmemo-User only next to it, so another account on this server that reaches Streamlit's internal 127.0.0.1
# port directly cannot name itself any lawyer (issue 17).
GATE_HEADER = "x-lexmemo-gate"
SESSION_COOKIE = "lexmemo_session"
# RFC 9110 section 7.6.1: meaningful for one connection only, never forwarded (plus Host, set for the upstream).
_HOP_BY_HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "proxy-connection", "te",
               "trailer", "trailers", "transfer-encoding", "upgrade", "host"}
_FORWARDED = {"forwarded", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-real-ip"}
_WS_HANDSHAKE = {"sec-websocket-key", "sec-websocket-version", "sec-websocket-extensions", "sec-websocket-protocol",
                 "origin", "user-agent"}


def _is_ours(name: str) -> bool:
    # Some servers read "X_Lexmemo_User" as the same header: strip every spelling of ours a client could forge.
    return name.lower().replace("_", "-") in (USER_HEADER, GATE_HEADER)


def strip_session_cookie(cookie: str) -> str:
    """The Cookie header without ours: Streamlit never sees (or logs) the session token."""
    kept = [part.strip() for part in cookie.split(";") if part.strip().split("=", 1)[0].strip() != SESSION_COOKIE]
    return "; ".join(p for p in kept if p)


def upstream_headers(raw: Iterable[tuple[bytes, bytes]], user: str, client: str, scheme: str, host: str,
                     drop: set[str] = frozenset(), secret: str = "") -> list[tuple[str, str]]:
    """The request's headers as Streamlit should get them, with ``X-Lexmemo-User: user`` the gate vouches for and
    ``X-Lexmemo-Gate: secret`` proving that the gate sent them."""
    out: list[tuple[str, str]] = []
    for name_b, value_b in raw:
        name, value = name_b.decode("latin-1"), value_b.decode("latin-1")
        low = name.lower()
        if low in _HOP_BY_HOP or low in _FORWARDED or low in drop or _is_ours(low):
            continue
        if low == "cookie":
            value = strip_session_cookie(value)
            if not value:
                continue
        out.append((name, value))
    out += [("X-Forwarded-For", client), ("X-Forwarded-Proto", scheme), ("X-Forwarded-Host", host),
            ("X-Lexmemo-User", user)]
    if secret:
        out.append(("X-Lexmemo-Gate", secret))
    return out


async def proxy_http(client: httpx.AsyncClient, upstream: str, request: Request, user: str,
                     secret: str = "") -> Response:
    """Send the request to Streamlit and stream its answer back (status, headers, body as sent: gzip stays gzip)."""
    url = upstream + request.url.path + (f"?{request.url.query}" if request.url.query else "")
    headers = upstream_headers(request.headers.raw, user, request.client.host if request.client else "",
                               request.url.scheme, request.headers.get("host", ""), secret=secret)
    # Content-Length stays among the headers, so httpx sends the streamed body with it, not chunked.
    has_body = request.method not in ("GET", "HEAD", "OPTIONS") or "content-length" in request.headers
    upstream_request = client.build_request(request.method, url, headers=headers,
                                            content=request.stream() if has_body else None)
    try:
        answer = await client.send(upstream_request, stream=True)
    except httpx.TransportError:
        return Response("工作台正在启动或已停止，请稍后刷新页面。", status_code=502, media_type="text/plain; charset=utf-8")
    response = StreamingResponse(answer.aiter_raw(), status_code=answer.status_code,
                                 background=BackgroundTask(answer.aclose))
    response.raw_headers = [(k, v) for k, v in answer.headers.raw
                            if k.decode("latin-1").lower() not in _HOP_BY_HOP]
    return response


def counts_as_use(message: Any) -> bool:
    """Whether a browser message is the lawyer's doing: Streamlit's front end sends a heartbeat every few seconds
    from any open tab, and counting those would keep an abandoned tab signed in forever (no idle timeout)."""
    if not isinstance(message, bytes):
        return True
    try:
        from streamlit.proto.BackMsg_pb2 import BackMsg

        return BackMsg.FromString(message).WhichOneof("type") != "app_heartbeat"
    except Exception:  # not a BackMsg we can read: count it, never sign a working lawyer out by mistake
        return True


def _ws_url(upstream: str, path: str, query: str) -> str:
    return "ws" + upstream.removeprefix("http") + path + (f"?{query}" if query else "")


async def proxy_websocket(ws: WebSocket, upstream: str, user: str,
                          still_valid: Callable[[bool], Awaitable[bool]], recheck_s: float,
                          secret: str = "") -> None:
    """Relay a websocket to Streamlit both ways; close it when ``still_valid`` (checked every ``recheck_s``) says no."""
    from websockets.asyncio.client import connect
    from websockets.exceptions import ConnectionClosed, InvalidHandshake

    headers = upstream_headers(ws.headers.raw, user, ws.client.host if ws.client else "", ws.url.scheme,
                               ws.headers.get("host", ""), drop=_WS_HANDSHAKE, secret=secret)
    if "user-agent" in ws.headers:
        headers.append(("User-Agent", ws.headers["user-agent"]))
    offered = list(ws.scope.get("subprotocols") or [])
    try:
        # No Origin upstream: the gate has checked it (same site) before; Streamlit's own check would compare it
        # with its internal 127.0.0.1 address and refuse every browser.
        up = await connect(_ws_url(upstream, ws.url.path, ws.url.query), subprotocols=offered or None,
                           additional_headers=headers, user_agent_header=None, proxy=None, compression=None,
                           max_size=None, ping_interval=None, open_timeout=15)
    except (OSError, InvalidHandshake, asyncio.TimeoutError):
        await ws.close(code=1011)
        return
    activity = {"seen": False}

    async def browser_to_streamlit() -> None:
        while True:
            message = await ws.receive()
            if message["type"] == "websocket.disconnect":
                return
            data: Any = message.get("bytes") if message.get("bytes") is not None else message.get("text")
            activity["seen"] = activity["seen"] or counts_as_use(data)
            await up.send(data)

    async def streamlit_to_browser() -> None:
        async for data in up:
            if isinstance(data, bytes):
                await ws.send_bytes(data)
            else:
                await ws.send_text(data)

    async def watch_session() -> None:
        while True:
            await asyncio.sleep(recheck_s)
            seen, activity["seen"] = activity["seen"], False
            if not await still_valid(seen):
                return

    try:
        await ws.accept(subprotocol=up.subprotocol)
        tasks = [asyncio.create_task(c()) for c in (browser_to_streamlit, streamlit_to_browser, watch_session)]
        done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        for task in pending:
            task.cancel()
        for task in pending:
            with contextlib.suppress(asyncio.CancelledError, ConnectionClosed, WebSocketDisconnect, RuntimeError):
                await task
        for task in done:  # a broken side ends the relay; its error is not the browser's problem
            with contextlib.suppress(ConnectionClosed, WebSocketDisconnect, RuntimeError, asyncio.CancelledError):
                task.result()
    finally:
        await up.close()
        with contextlib.suppress(RuntimeError, WebSocketDisconnect):
            # 4401: the session ended (or Streamlit went away); the page must be reloaded, which asks to sign in.
            await ws.close(code=4401)
