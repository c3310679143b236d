"""The versioned memo prompts (``prompts/memo.v1.*.jinja``): loading and exact rendering.

The templates live in the repository's top-level ``prompts/`` folder; ``prompts/README.md`` lists the variables
each takes. Rendering is strict: a variable the caller forgot is an error, never an empty string.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

PROMPT_VERSION = "memo.v1"
PROMPTS_DIR = Path(__file__).resolve().parents[2] / "prompts"
PARTS = ("system", "user", "repair")


@lru_cache(maxsize=4)
def _environment(directory: str) -> jinja2.Environment:
    """A strict Jinja2 environment over the prompts folder (no autoescape: the output is plain text)."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(directory),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
    )


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
