"""A fake OpenAI-compatible endpoint on 127.0.0.1 (stdlib http.server in a thread) for the hostile-endpoint suite.

It answers ``POST …/chat/completions`` the way an OpenAI-compatible server does, non-streaming (one JSON body) and
streaming (server-sent events, ``stream: true``), with what the test queued: a crafted memo, a trickle of one
byte per interval, a hang, an error status whose body echoes the Authorization header, or garbage. Every request
is recorded (headers and JSON body) so a test can read the prompt the drafter sent.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


def completion(content: str, model: str = "fake") -> dict:
    """A chat.completion body carrying ``content``."""
    return {"id": "chatcmpl-fake", "object": "chat.completion", "created": 0, "model": model,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content},
                         "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}


def stream_events(content: str, model: str = "fake", pieces: int = 7) -> bytes:
    """The server-sent events of a streamed completion of ``content`` (a few chunks, then [DONE])."""
    step = max(1, len(content) // pieces)
    chunks = [content[i:i + step] for i in range(0, len(content), step)] or [""]
    out = []
    for n, piece in enumerate(chunks):
        delta = {"role": "assistant", "content": piece} if n == 0 else {"content": piece}
        out.append({"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": 0, "model": model,
                    "choices": [{"index": 0, "delta": delta, "finish_reason": None}]})
    out.append({"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": 0, "model": model,
                "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]})
    text = "".join(f"data: {json.dumps(o, ensure_ascii=False)}\n\n" for o in out) + "data: [DONE]\n\n"
    return text.encode("utf-8")


class FakeOpenAI:
    """The server: ``queue(*behaviours)`` sets what the next calls get; ``default`` serves when the queue is empty.

    A behaviour is a memo string, or a dict: ``{"trickle": seconds_per_byte}``, ``{"hang": True}``,
    ``{"status": 500}`` (body echoes the Authorization header and the key), ``{"garbage": True}``.
    """

    def __init__(self) -> None:
        self.behaviours: list[Any] = []
        self.default: Any = None
        self.requests: list[dict] = []
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, name="fake-openai", daemon=True)

    @property
    def url(self) -> str:
        """The OpenAI-compatible base URL (``…/v1``)."""
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def start(self) -> "FakeOpenAI":
        """Serve in a background thread."""
        self.thread.start()
        return self

    def stop(self) -> None:
        """Stop serving; trickling and hanging handlers end at once."""
        self.stopping.set()
        self.server.shutdown()
        self.server.server_close()

    def queue(self, *behaviours: Any) -> None:
        """Replace the queued behaviours (served in order, then ``default``)."""
        with self._lock:
            self.behaviours = list(behaviours)
            self.requests.clear()

    def next_behaviour(self) -> Any:
        """The behaviour for the next request."""
        with self._lock:
            return self.behaviours.pop(0) if self.behaviours else self.default

    def prompts(self) -> list[list[str]]:
        """The message texts of every recorded request, in order."""
        return [[m.get("content", "") for m in r["body"].get("messages", [])] for r in self.requests]


def _handler(fake: FakeOpenAI) -> type:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: Any) -> None:  # quiet in tests
            pass

        def _send(self, status: int, body: bytes, ctype: str = "application/json") -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self) -> None:  # noqa: N802 - http.server's name
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length)
            try:
                body = json.loads(raw or b"{}")
            except json.JSONDecodeError:
                body = {}
            fake.requests.append({"path": self.path, "headers": {k.lower(): v for k, v in self.headers.items()}, "body": body})
            if not self.path.rstrip("/").endswith("/chat/completions"):
                self._send(404, b'{"error": {"message": "not found"}}')
                return
            behaviour = fake.next_behaviour()
            if behaviour is None:
                self._send(500, b'{"error": {"message": "no reply queued"}}')
            elif isinstance(behaviour, str):
                if body.get("stream"):
                    self._send(200, stream_events(behaviour, body.get("model", "fake")), "text/event-stream")
                else:
                    data = json.dumps(completion(behaviour, body.get("model", "fake")), ensure_ascii=False)
                    self._send(200, data.encode("utf-8"))
            elif "trickle" in behaviour:
                self._trickle(float(behaviour["trickle"]), bool(body.get("stream")))
            elif "hang" in behaviour:
                fake.stopping.wait(600)
            elif "status" in behaviour:
                auth = self.headers.get("Authorization", "")
                message = {"error": {"message": f"upstream failed for request with Authorization: {auth} "
                                                f"(see https://fake.invalid/v1?api_key={auth.removeprefix('Bearer ')})",
                                     "type": "server_error"}}
                self._send(int(behaviour["status"]), json.dumps(message).encode("utf-8"))
            elif "garbage" in behaviour:
                self._send(200, b"<html>\x00{not json at all \xff\xfe")

        def _trickle(self, interval: float, stream: bool) -> None:
            """A valid 200 response sent one byte per ``interval`` seconds (until the server stops)."""
            body = stream_events("慢" * 200) if stream else json.dumps(completion("慢" * 200)).encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream" if stream else "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                for i in range(len(body)):
                    self.wfile.write(body[i:i + 1])
                    self.wfile.flush()
                    if fake.stopping.wait(interval):
                        return
            except OSError:  # the client gave up: that is the point
                return

    return Handler


def refused_url() -> str:
    """A loopback base URL on which nothing listens (connection refused)."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1"
