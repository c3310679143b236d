"""The versioned memo prompts (``prompts/memo.v2.*.jinja``): loading and exact rendering.

The templates live in the repository's top-level ``prompts/`` folder; ``prompts/README.md`` lists the variables
each takes. Rendering is strict: a variable the caller forgot is an error, never an empty string.

Text from outside (the client's narrative, a model's first draft) goes into the prompt only inside fixed
delimiters, through the ``as_data`` filter, which neutralises anything in it that could close the block
(issue 11: a narrative saying 「忽略以上指令」 is data, not an instruction).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

PROMPT_VERSION = "memo.v2"
# The data blocks' delimiters (Jinja globals, so every template spells them the same way).
DELIMITERS = {
    "narrative_open": "<<<当事人陈述开始>>>", "narrative_close": "<<<当事人陈述结束>>>",
    "draft_open": "<<<原稿开始>>>", "draft_close": "<<<原稿结束>>>",
}
# The ASCII brackets, their full-width and small forms, and the look-alikes a model could read as the same marker
_LT, _GT = "<＜﹤《〈«‹", ">＞﹥》〉»›"
_BRACKET_RUN = re.compile(f"[{_LT}]{{2,}}|[{_GT}]{{2,}}")
_HEADING_BRACKETS = str.maketrans({"【": "〔", "】": "〕"})


def as_data(text: object) -> str:
    """Outside text made safe inside a ``<<<…>>>`` block: invisible format characters (zero-width, bidi) removed,
    every run of two or more angle brackets (any width, or look-alikes such as 《《) turned into ‹/›, and 【】 (the prompt's own section
    brackets) into 〔〕, so the text can neither close its block nor open a section of the prompt."""
    out = "".join(ch for ch in str(text) if unicodedata.category(ch) != "Cf")
    out = _BRACKET_RUN.sub(lambda m: ("‹" if m.group()[0] in _LT else "›") * len(m.group()), out)
    return out.translate(_HEADING_BRACKETS)
PROMPTS_DIR = Path(__file__).resolve().parents[2] / "prompts"
PARTS = ("system", "user", "repair")


@lru_cache(maxsize=4)
def _environment(directory: str) -> jinja2.Environment:
    """A strict Jinja2 environment over the prompts folder (no autoescape: the output is plain text)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(directory),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters["as_data"] = as_data
    env.globals.update(DELIMITERS)
    return env


def template_path(part: str, version: str = PROMPT_VERSION) -> Path:
    """The file of one prompt part (``system``, ``user`` or ``repair``) of a prompt version."""
    if part not in PARTS:
        raise ValueError(f"unknown prompt part {part!r}; expected one of {', '.join(PARTS)}")
    return PROMPTS_DIR / f"{version}.{part}.jinja"


def render_prompt(part: str, variables: dict[str, Any], version: str = PROMPT_VERSION) -> str:
    """Render one prompt part with ``variables`` exactly (StrictUndefined: a missing variable raises)."""
    path = template_path(part, version)
    if not path.is_file():
        raise FileNotFoundError(f"prompt template not found: {path}")
    return _environment(str(path.parent)).get_template(path.name).render(**variables)
