"""Render report blocks as one self-contained HTML page: inline CSS, charts embedded as base64 PNG."""

from __future__ import annotations

import base64
import html
import json
import re
from typing import Any

_CSS = """
body{font-family:system-ui,"Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif;margin:2em auto;max-width:1100px;
color:#222;line-height:1.45;padding:0 1em}
table{border-collapse:collapse;margin:.6em 0;font-size:.9em}td,th{border:1px solid #ccc;padding:.25em .6em;
text-align:left;vertical-align:top}th{background:#f3f3f3}img{max-width:100%;display:block;margin:.6em 0}
pre{background:#f7f7f7;padding:.6em;overflow-x:auto;font-size:.8em}h2{border-bottom:2px solid #4c72b0;margin-top:2em}
.regression{color:#b00;font-weight:bold}
"""
_LINK = re.compile(r"\[([^\]]+)\]\(#([^)]+)\)")


def _cell(value: Any) -> str:
    text = html.escape(str(value))
    text = _LINK.sub(lambda m: f'<a href="#{m.group(2)}">{m.group(1)}</a>', text)
    if text == "REGRESSION":
        return f'<span class="regression">{text}</span>'
    return text


def render(blocks: list[tuple], images: dict[str, bytes], title: str = "lexmemo evaluation report") -> str:
    """The HTML page; ``images`` maps chart names to PNG bytes, embedded as data URIs."""
    out = [f'<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
           f"<style>{_CSS}</style></head><body>"]
    for block in blocks:
        kind = block[0]
        if kind in ("h1", "h2", "h3"):
            out.append(f"<{kind}>{html.escape(block[1])}</{kind}>")
        elif kind == "p":
            out.append(f"<p>{html.escape(block[1])}</p>")
        elif kind == "table":
            head = "".join(f"<th>{html.escape(str(h))}</th>" for h in block[1])
            rows = "".join("<tr>" + "".join(f"<td>{_cell(c)}</td>" for c in row) + "</tr>" for row in block[2])
            out.append(f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
        elif kind == "img" and block[1] in images:
            data = base64.b64encode(images[block[1]]).decode("ascii")
            out.append(f'<img alt="{html.escape(block[1])}" src="data:image/png;base64,{data}">')
        elif kind == "details":
            _, anchor, name, data = block
            body = html.escape(json.dumps(data, ensure_ascii=False, indent=1, default=str))
            out.append(f'<h4 id="{html.escape(anchor)}">{html.escape(str(name))}</h4><pre>{body}</pre>')
    out.append("</body></html>")
    return "\n".join(out)
