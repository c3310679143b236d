"""The crafted replies of ``replies.yaml``: loading the cases and building each reply from the template memo."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

REPLIES = Path(__file__).resolve().parent / "replies.yaml"
EXPECTS = {"caught", "pass", "pass_unwrapped", "pass_after_repair"}


def load_cases(path: Path = REPLIES) -> list[dict[str, Any]]:
    """Every crafted case, checked for the fields the suite needs (ids unique)."""
    cases = yaml.safe_load(path.read_text(encoding="utf-8"))
    ids = [c["id"] for c in cases]
    assert len(ids) == len(set(ids)), "duplicate case ids in replies.yaml"
    for case in cases:
        assert case["expect"] in EXPECTS and case.get("class"), case["id"]
        assert isinstance(case.get("edits"), list), case["id"]
    return cases


def _heading(memo: str, section: str) -> re.Match:
    match = re.search(rf"^## [一二三四五六七八]、{re.escape(section)}[ \t]*$", memo, re.MULTILINE)
    assert match, f"section {section} not in the template memo"
    return match


def _section_end(memo: str, start: int) -> int:
    nxt = re.search(r"^## ", memo[start:], re.MULTILINE)
    return start + nxt.start() if nxt else len(memo)


def apply_edits(memo: str, edits: list[dict[str, Any]]) -> str:
    """The memo with the edits applied in order (see replies.yaml); an edit that cannot apply is an error."""
    for edit in edits:
        (op, arg), = edit.items()
        before = memo
        if op == "insert":
            head = _heading(memo, arg["section"])
            at = head.end() + 2  # after the heading line and the blank line
            memo = f"{memo[:at]}{arg['text']}\n\n{memo[at:]}"
        elif op == "append":
            head = _heading(memo, arg["section"])
            end = _section_end(memo, head.end())
            body = memo[:end].rstrip("\n")
            memo = f"{body}\n\n{arg['text']}\n\n{memo[end:]}" if end < len(memo) else f"{body}\n\n{arg['text']}\n"
        elif op == "before":
            head = _heading(memo, arg["section"])
            memo = f"{memo[:head.start()]}{arg['text'].rstrip(chr(10))}\n\n{memo[head.start():]}"
        elif op == "replace":
            assert arg["old"] in memo, f"{arg['old']!r} not in the template memo"
            memo = memo.replace(arg["old"], arg["new"], 1)
        elif op == "title":
            first, _, rest = memo.partition("\n")
            assert first.startswith("# ")
            memo = f"{arg}\n{rest}"
        elif op == "end":
            memo = f"{memo.rstrip(chr(10))}\n\n{arg}"
        elif op == "wrap":
            memo = f"{arg['prefix']}{memo}{arg['suffix']}"
        elif op == "whole":
            memo = arg
        elif op == "truncate":  # the reply stops where this section begins (a model that hit its token limit)
            memo = memo[:_heading(memo, arg).start()].rstrip("\n") + "\n"
        else:
            raise ValueError(f"unknown edit {op!r}")
        assert memo != before, f"edit {edit!r} changed nothing"
    return memo
