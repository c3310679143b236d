"""Provision ids of the spec (section 1): ``<CODE>-<article>[-<paragraph>][-<item>]`` and ``QIN-<section>``.

``ECL-38`` (article), ``ECL-38-2`` (款), ``ECL-38-2-1`` (项 of that 款), ``SPC-OC-4-2`` (hyphenated code, parsed
by the longest known code), ``QIN-5.4.2`` (a section of the seed article).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The codes of the spec table, section 1. Hyphenated codes are matched longest first.
KNOWN_CODES: tuple[str, ...] = (
    "ECL", "CC", "TLL", "CPL", "FSL", "PQL", "DAL", "SPC-OC", "SPC-FD", "SPC-TI1", "SPC-EV", "SPC-FS1",
    "SPC-FDP", "SPC-CPI", "CPROC", "CPLR", "FSLR", "QIN",
)
SEED_CODE = "QIN"

_GENERIC = re.compile(r"^([A-Z][A-Z0-9]*(?:-[A-Z][A-Z0-9]*)*)-(\d+(?:\.\d+)*)(?:-(\d+))?(?:-(\d+))?$")
_NUMBERS = re.compile(r"^(\d+)(?:-(\d+))?(?:-(\d+))?$")
_SECTION = re.compile(r"^\d+(?:\.\d+)*$")

# Everything that looks like a provision id in running text (used to extract ids from the spec, memos …).
ID_PATTERN = re.compile(r"(?<![A-Za-z0-9-])[A-Z][A-Z0-9]*(?:-[A-Z][A-Z0-9]*)*-\d+(?:\.\d+)*(?:-\d+){0,2}(?![\d.]*\d)")


@dataclass(frozen=True)
class ProvisionId:
    """A parsed id: the code plus either article/paragraph/item numbers or a seed-article section."""

    code: str
    article: int | None = None
    paragraph: int | None = None
    item: int | None = None
    section: str | None = None

    def __str__(self) -> str:
        return format_id(self.code, self.article, self.paragraph, self.item, section=self.section)


def parse_id(text: str, codes: tuple[str, ...] | list[str] | None = None) -> ProvisionId:
    """Parse an id such as ``SPC-OC-4-2`` or ``QIN-5.4.2``; ValueError when it is not one.

    With ``codes`` (default: the spec's codes) the code is the longest known code that prefixes the id, so
    ``SPC-FS1-2`` is code ``SPC-FS1`` article 2; an unknown code falls back to the generic letters-then-digits split.
    """
    s = text.strip()
    known = sorted(codes if codes is not None else KNOWN_CODES, key=len, reverse=True)
    for code in known:
        if s.startswith(code + "-"):
            rest = s[len(code) + 1 :]
            parsed = _parse_rest(code, rest)
            if parsed is not None:
                return parsed
    m = _GENERIC.match(s)
    if m:
        parsed = _parse_rest(m.group(1), s[len(m.group(1)) + 1 :])
        if parsed is not None:
            return parsed
    raise ValueError(f"not a provision id: {text!r}")


def _parse_rest(code: str, rest: str) -> ProvisionId | None:
    """The numbers after the code, or None when they do not form a valid id."""
    if code == SEED_CODE:
        return ProvisionId(code, section=rest) if _SECTION.match(rest) and not rest.startswith("0") else None
    m = _NUMBERS.match(rest)
    if not m:
        return None
    nums = [int(g) if g is not None else None for g in m.groups()]
    if any(n is not None and n < 1 for n in nums):
        return None
    return ProvisionId(code, nums[0], nums[1], nums[2])


def format_id(
    code: str,
    article: int | None = None,
    paragraph: int | None = None,
    item: int | None = None,
    *,
    section: str | None = None,
) -> str:
    """Build an id: ``format_id("ECL", 38, 2) == "ECL-38-2"``; ``format_id("QIN", section="5.4.2")``."""
    if section is not None:
        return f"{code}-{section}"
    if article is None:
        raise ValueError("an id needs an article number or a section")
    if item is not None and paragraph is None:
        raise ValueError("an item id needs its paragraph (use paragraph 1 for a single-paragraph article)")
    parts = [code, str(article)] + [str(n) for n in (paragraph, item) if n is not None]
    return "-".join(parts)


def find_ids(text: str) -> list[str]:
    """Every id-shaped token in ``text``, in order of appearance, without duplicates."""
    seen: dict[str, None] = {}
    for m in ID_PATTERN.finditer(text):
        seen.setdefault(m.group(0), None)
    return list(seen)
