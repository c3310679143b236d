"""The sign-in gate (issue 17, team mode): an ASGI app on the public address in front of Streamlit on 127.0.0.1.

Streamlit cannot guard its own static, media and websocket routes, so nothing reaches it except through here:
``/_lexmemo/login`` (GET form, POST check), ``/_lexmemo/logout``; every other request needs a live session cookie —
without one a page GET is sent to the sign-in page (302) and anything else gets 401 (a websocket is refused) — and
with one it is relayed to Streamlit with ``X-Lexmemo-User: <username>`` (the UI's ``current_user()`` reads it) and
``X-Lexmemo-Gate: <per-launch secret>``, without which the UI trusts no user header (a local account connecting to
Streamlit's internal port directly could forge one).
"""

from __future__ import annotations

import secrets
import time
from typing import Any, Callable
from urllib.parse import quote, urlparse

import httpx
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.websockets import WebSocket

from assistant.auth.login_page import (LOGIN_PATH, LOGOUT_PATH, SIGNED_OUT, TOO_MANY, WRONG_CREDENTIALS, render_login,
                                       safe_next)
from assistant.auth.proxy import SESSION_COOKIE, proxy_http, proxy_websocket
from assistant.auth.ratelimit import FailureLimiter
from assistant.auth.sessions import SessionStore
from assistant.store.users import UserStore

# Paths that are never a page: without a session a script's request gets 401 (it cannot follow a sign-in form), a
# browser navigating to one (a download link) the sign-in page. Any other GET is a page (/, /?matter=…).
_NOT_PAGES = ("/_stcore/", "/static/", "/media/", "/component/", "/app/static/", "/_lexmemo/", "/-/")
_MAX_LOGIN_BYTES = 4096
_PAGE_HEADERS = {"Cache-Control": "no-store", "X-Frame-Options": "DENY", "Referrer-Policy": "same-origin",
                 "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'"}


class Gate:
    """The gate as an ASGI callable: sign-in pages, session checks, relay to ``upstream`` (``http://127.0.0.1:PORT``).

    ``secret`` is the per-launch value `lexmemo ui` also gives Streamlit in its environment; without one the gate
    makes its own (then no Streamlit accepts its users: safe, never open)."""

    def __init__(self, upstream: str, sessions: SessionStore, users: UserStore, session_hours: float,
                 limiter: FailureLimiter | None = None, recheck_s: float = 30.0, secret: str | None = None) -> None:
        self.upstream, self.sessions, self.users = upstream.rstrip("/"), sessions, users
        self._secret = secret or secrets.token_urlsafe(32)
        self.session_hours, self.recheck_s = session_hours, recheck_s
        self.limiter = limiter or FailureLimiter()
        self._client: httpx.AsyncClient | None = None

    async def __call__(self, scope: dict[str, Any], receive: Callable, send: Callable) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
        elif scope["type"] == "websocket":
            await self._websocket(WebSocket(scope, receive, send))
        else:
            response = await self._http(Request(scope, receive))
            await response(scope, receive, send)

    async def _lifespan(self, receive: Callable, send: Callable) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await run_in_threadpool(self.sessions.purge_expired)
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                if self._client is not None:
                    await self._client.aclose()
                await send({"type": "lifespan.shutdown.complete"})
                return

    def client(self) -> httpx.AsyncClient:
        """One pooled HTTP client to Streamlit (no proxies from the environment: it is on this machine)."""
        if self._client is None:
            self._client = httpx.AsyncClient(trust_env=False, timeout=httpx.Timeout(60.0, connect=5.0))
        return self._client

    async def _user(self, token: str | None, touch: bool = True) -> str | None:
        return await run_in_threadpool(self.sessions.verify, token, touch) if token else None

    async def _http(self, request: Request) -> Response:
        path = request.url.path
        if path == LOGIN_PATH:
            return await (self._login_post(request) if request.method == "POST" else self._login_get(request))
        if path == LOGOUT_PATH:
            return await self._logout(request)
        user = await self._user(request.cookies.get(SESSION_COOKIE))
        if user is None:
            page = not path.startswith(_NOT_PAGES)
            # A browser opening a download link (Sec-Fetch-Mode: navigate) gets the sign-in page too, then the
            # workspace (the link itself dies with the session that made it); scripts still get 401 (issue 17).
            if request.method in ("GET", "HEAD") and (page or request.headers.get("sec-fetch-mode") == "navigate"):
                target = path + (f"?{request.url.query}" if request.url.query else "") if page else "/"
                return RedirectResponse(f"{LOGIN_PATH}?next={quote(target, safe='')}", status_code=302,
                                        headers={"Cache-Control": "no-store"})
            return PlainTextResponse("需要登录 (sign-in required)", status_code=401, headers={"Cache-Control": "no-store"})
        return await proxy_http(self.client(), self.upstream, request, user, secret=self._secret)

    async def _websocket(self, ws: WebSocket) -> None:
        token = ws.cookies.get(SESSION_COOKIE)
        user = await self._user(token)
        if user is None or not _same_origin(ws.headers.get("origin"), ws.headers.get("host")):
            await ws.close(code=4401)  # before accept: the handshake is refused (HTTP 403)
            return

        async def still_valid(active: bool) -> bool:
            return await self._user(token, touch=active) == user

        await proxy_websocket(ws, self.upstream, user, still_valid, self.recheck_s, secret=self._secret)

    async def _login_get(self, request: Request) -> Response:
        next_path = safe_next(request.query_params.get("next"))
        if await self._user(request.cookies.get(SESSION_COOKIE)):
            return RedirectResponse(next_path, status_code=303)
        info = SIGNED_OUT if request.query_params.get("out") else None
        return HTMLResponse(render_login(next_path, info=info), headers=_PAGE_HEADERS)

    async def _login_post(self, request: Request) -> Response:
        if not _same_origin(request.headers.get("origin"), request.headers.get("host")):
            return PlainTextResponse("跨站登录请求已拒绝", status_code=403)
        length = request.headers.get("content-length", "")
        if not length.isdigit() or int(length) > _MAX_LOGIN_BYTES:  # a sign-in form is a few dozen bytes; no chunked
            return PlainTextResponse("请求过大或缺少长度", status_code=413 if length.isdigit() else 411)
        form = await request.form()
        username = str(form.get("username") or "").strip()
        password = str(form.get("password") or "")
        next_path = safe_next(str(form.get("next") or "/"))
        address = request.client.host if request.client else ""
        if self.limiter.blocked(username, address):
            return HTMLResponse(render_login(next_path, error=TOO_MANY, username=username), status_code=429,
                                headers={**_PAGE_HEADERS, "Retry-After": str(int(self.limiter.window_s))})
        user = await run_in_threadpool(self.users.verify, username, password) if username and password else None
        if user is None:
            self.limiter.failed(username, address)
            return HTMLResponse(render_login(next_path, error=WRONG_CREDENTIALS, username=username), status_code=401,
                                headers=_PAGE_HEADERS)
        self.limiter.succeeded(username, address)
        token = await run_in_threadpool(self.sessions.create, user.username, self.session_hours)
        response = RedirectResponse(next_path, status_code=303, headers={"Cache-Control": "no-store"})
        response.set_cookie(SESSION_COOKIE, token, max_age=int(self.session_hours * 3600), path="/", httponly=True,
                            samesite="lax", secure=request.url.scheme == "https")
        return response

    async def _logout(self, request: Request) -> Response:
        token = request.cookies.get(SESSION_COOKIE)
        if token:
            await run_in_threadpool(self.sessions.revoke, token)
        response = RedirectResponse(f"{LOGIN_PATH}?out=1", status_code=303, headers={"Cache-Control": "no-store"})
        response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax",
                               secure=request.url.scheme == "https")
        return response


def _same_origin(origin: str | None, host: str | None) -> bool:
    """No Origin (non-browser clients) or an Origin naming this very host: a page of another site cannot use the
    signed-in lawyer's cookie to open the workspace's websocket or post the sign-in form."""
    if not origin:
        return True
    return bool(host) and urlparse(origin).netloc == host


def build_gate(settings: Any, upstream: str, clock: Callable[[], float] = time.time, recheck_s: float = 30.0,
               secret: str | None = None) -> Gate:
    """The gate for these settings: sessions and users in the configured database, ``settings.session_hours``,
    ``secret`` sent to Streamlit as ``X-Lexmemo-Gate`` on every relayed request."""
    return Gate(upstream, SessionStore.open(settings, clock=clock), UserStore.open(settings), settings.session_hours,
                recheck_s=recheck_s, secret=secret)
