"""One Streamlit script run over an open websocket, as the browser asks for it (for the gate and team-mode tests)."""

from __future__ import annotations

import time


def run_script_once(ws, query: str, timeout: float) -> tuple[bytes, bool]:
    """Ask the app for one run of ``?query``; every message it sent until ``script_finished`` (or the timeout), and
    whether the run finished."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    rerun = BackMsg()
    rerun.rerun_script.query_string = query
    ws.send(rerun.SerializeToString())
    sent = b""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        msg = ForwardMsg.FromString(ws.recv(timeout=timeout))
        sent += msg.SerializeToString()
        if msg.WhichOneof("type") == "script_finished":
            return sent, True
    return sent, False
