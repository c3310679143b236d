"""Helpers for driving the app with streamlit's AppTest by widget key."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

REPO = Path(__file__).resolve().parents[2]
APP = REPO / "ui" / "app.py"


def new_app(**query: str) -> AppTest:
    """A fresh app session (as a new browser tab would be), run once."""
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.query_params.update(query)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(at: AppTest) -> str:
    """Every markdown, caption, alert and header text on the page, joined (for 'does the page say X')."""
    parts = []
    for kind in ("markdown", "caption", "error", "warning", "info", "success", "header", "title", "subheader"):
        parts.extend(str(e.value) for e in getattr(at, kind))
    parts.extend(f"{m.label}={m.value}" for m in at.metric)
    parts.extend(e.label for e in at.expander)
    return "\n".join(parts)


def ok(at: AppTest) -> AppTest:
    """Assert the last run raised nothing; return the app for chaining."""
    assert not at.exception, [e.value for e in at.exception]
    return at


def memo_editor(at: AppTest):
    """The memo's Markdown editor: switches on 编辑 (the memo is shown rendered by default) and returns the text area."""
    if not at.toggle(key="memo_edit").value:
        ok(at.toggle(key="memo_edit").set_value(True).run())
    return at.text_area(key="memo_text")
