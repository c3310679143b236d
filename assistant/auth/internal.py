"""Streamlit's internal port in team mode answers only the gate (issue 17 follow-up).

`lexmemo ui` runs Streamlit on 127.0.0.1 on an internal port behind the gate. Any other account on the machine can
connect to that port too; the UI already trusts no user header without the per-launch secret, but Streamlit's own
routes (``/media/<id>`` downloads, ``/_stcore/upload_file``, static files, the websocket handshake) never ask who is
calling, so a download URL could be fetched directly. ``GateOnly`` is ASGI middleware run in front of every route of
the Streamlit app (``ui/team_app.py`` wraps ``ui/app.py`` in ``st.App`` with it): a request or websocket without
``X-Lexmemo-Gate: <secret>`` is refused before Streamlit sees it. Streamlit 1.67 cannot listen on a unix socket with
its Starlette server (``server.address = unix://…`` raises), so a private socket was not an option.
"""

from __future__ import annotations

import hmac
import os
from typing import Any, Callable

# ui/services.py and assistant/cli/ui_cmds.py read the same variable: the secret is given to Streamlit only there.
GATE_SECRET_ENV = "LEXMEMO_GATE_SECRET"
_GATE_HEADER = b"x-lexmemo-gate"
REFUSED = "只能通过登录入口访问此工作台（lexmemo ui）。".encode("utf-8")


def gate_sent(headers: list[tuple[bytes, bytes]], secret: str) -> bool:
    """Whether the request carries exactly one ``X-Lexmemo-Gate`` equal to ``secret`` (no secret: never)."""
    sent = [value for name, value in headers if name.lower() == _GATE_HEADER]
    if not secret or len(sent) != 1:
        return False
    # constant time: how long a wrong guess takes says nothing about how much of it was right
    return hmac.compare_digest(sent[0], secret.encode("utf-8"))


class GateOnly:
    """ASGI middleware: pass HTTP and websocket requests that carry the gate's secret, refuse all others (403)."""

    def __init__(self, app: Callable, secret: str | None = None) -> None:
        self.app = app
        # Read once at start: the launch's secret is fixed; without one (Streamlit not started by `lexmemo ui`'s
        # gate) every request is refused — closed, never open.
        self.secret = os.environ.get(GATE_SECRET_ENV, "") if secret is None else secret

    async def __call__(self, scope: dict[str, Any], receive: Callable, send: Callable) -> None:
        if scope["type"] not in ("http", "websocket") or gate_sent(scope.get("headers") or [], self.secret):
            await self.app(scope, receive, send)
        elif scope["type"] == "http":
            await send({"type": "http.response.start", "status": 403,
                        "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"cache-control", b"no-store"),
                                    (b"content-length", str(len(REFUSED)).encode())]})
            await send({"type": "http.response.body", "body": REFUSED})
        else:
            await send({"type": "websocket.close", "code": 1008})  # before accept: the handshake gets HTTP 403
