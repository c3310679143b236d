"""Render report blocks as Markdown (charts referenced as PNG files beside the report)."""

from __future__ import annotations

import json
from typing import Any


def _cell(value: Any) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def render(blocks: list[tuple], image_dir: str = "charts") -> str:
    """Markdown text of the blocks; an ``img`` block becomes ``![name](charts/name.png)``."""
    out: list[str] = []
    for block in blocks:
        kind = block[0]
        if kind in ("h1", "h2", "h3"):
            out.append("#" * int(kind[1]) + " " + block[1])
        elif kind == "p":
            out.append(block[1])
        elif kind == "table":
            headers, rows = block[1], block[2]
            lines = ["| " + " | ".join(map(_cell, headers)) + " |", "|" + "---|" * len(headers)]
            lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
            out.append("\n".join(lines))
        elif kind == "img":
            out.append(f"![{block[1]}]({image_dir}/{block[1]}.png)")
        elif kind == "details":
            _, anchor, title, data = block
            out.append(f'<a id="{anchor}"></a>\n**{_cell(title)}**\n\n```json\n'
                       + json.dumps(data, ensure_ascii=False, indent=1, default=str) + "\n```")
    return "\n\n".join(out) + "\n"
